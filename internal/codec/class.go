package codec

// ByteClass matches the strings whose every byte is in one set of ASCII
// bytes: a schema pattern of the shape ^[...]+$ (or ^[...]*$), checked by
// a table instead of a regexp. A byte of a multi-byte UTF-8 sequence is
// never in the set, so a string with a non-ASCII character does not match,
// as the regexp's class of ASCII characters would not.
type ByteClass struct {
	in    [256]bool
	empty bool // whether the empty string matches (* rather than +)
}

// NewByteClass returns the class of the bytes in ranges, pairs of bytes
// each an inclusive range ("AZaz__" is [A-Za-z_]); empty says whether the
// empty string matches.
func NewByteClass(ranges string, empty bool) *ByteClass {
	c := &ByteClass{empty: empty}
	for i := 0; i+1 < len(ranges); i += 2 {
		for b := int(ranges[i]); b <= int(ranges[i+1]); b++ {
			c.in[b] = true
		}
	}
	return c
}

// MatchString reports whether s matches the class's pattern.
func (c *ByteClass) MatchString(s string) bool {
	if s == "" {
		return c.empty
	}
	for i := 0; i < len(s); i++ {
		if !c.in[s[i]] {
			return false
		}
	}
	return true
}
