package pattern

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkGlob accepts a wildcard operand as EventBridge does: '*' matches any
// run of characters, "\*" a literal '*' and "\\" a backslash; two '*' in a
// row and a backslash before anything else are refused.
func checkGlob(s, ptr string) error {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*':
			if i+1 < len(s) && s[i+1] == '*' {
				return &Error{Pointer: ptr, Msg: "consecutive wildcard characters at position " + strconv.Itoa(i+1) + " of " + strconv.Quote(s)}
			}
		case '\\':
			if i+1 == len(s) || (s[i+1] != '*' && s[i+1] != '\\') {
				return &Error{Pointer: ptr, Msg: "invalid escape at position " + strconv.Itoa(i) + " of " + strconv.Quote(s) + ": a backslash escapes only '*' or '\\'"}
			}
			i++
		}
	}
	return nil
}

// compileGlob checks a wildcard operand and returns its segments; the
// segments are only computed for an operand checkGlob accepts, since
// splitGlob reads the character after each backslash.
func compileGlob(s, ptr string) ([]string, error) {
	if err := checkGlob(s, ptr); err != nil {
		return nil, err
	}
	return splitGlob(s), nil
}

// splitGlob returns the literal segments of a checked wildcard operand,
// separated by its unescaped '*': "a*b" is [a b], "*.png" is ["" .png], and
// an operand without '*' is one segment.
func splitGlob(s string) []string {
	var segs []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*':
			segs = append(segs, b.String())
			b.Reset()
		case '\\':
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(s[i])
		}
	}
	return append(segs, b.String())
}

// globMatch reports whether s matches the segments of a wildcard: the first
// is a prefix, the last a suffix, and the others appear in order between
// them (leftmost first, which finds a match whenever there is one).
func globMatch(segs []string, s string) bool {
	if len(segs) == 1 {
		return s == segs[0]
	}
	first, last := segs[0], segs[len(segs)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	mid := s[len(first) : len(s)-len(last)]
	for _, seg := range segs[1 : len(segs)-1] {
		i := strings.Index(mid, seg)
		if i < 0 {
			return false
		}
		mid = mid[i+len(seg):]
	}
	return true
}

// hasPrefixFold is strings.HasPrefix under Unicode simple case folding, as
// strings.EqualFold compares.
func hasPrefixFold(s, prefix string) bool {
	for prefix != "" {
		if s == "" {
			return false
		}
		p, n := utf8.DecodeRuneInString(prefix)
		r, m := utf8.DecodeRuneInString(s)
		if !sameFold(p, r) {
			return false
		}
		prefix, s = prefix[n:], s[m:]
	}
	return true
}

// hasSuffixFold is strings.HasSuffix under Unicode simple case folding.
func hasSuffixFold(s, suffix string) bool {
	for suffix != "" {
		if s == "" {
			return false
		}
		p, n := utf8.DecodeLastRuneInString(suffix)
		r, m := utf8.DecodeLastRuneInString(s)
		if !sameFold(p, r) {
			return false
		}
		suffix, s = suffix[:len(suffix)-n], s[:len(s)-m]
	}
	return true
}

func sameFold(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return 'A' <= a && a <= 'Z' && a+'a'-'A' == b || 'A' <= b && b <= 'Z' && b+'a'-'A' == a
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}
