package scan

// A reader that checks only the values it uses (pattern.Match, the rule
// set's flattener) reads them with the Scanner, as a decoder does, and
// passes over the rest by structure with Skim: the Skimmer's walk inside
// the Scanner's document, so that one reader, one position and one kind
// of error serve both.

// ResetScratch is ResetView for a reader that keeps no string past its
// next read: a string with escapes (a key or a value) is unescaped into
// the scanner's buffer, which the next escaped string overwrites, so that
// no read allocates. A caller that keeps such a string copies it.
func (s *Scanner) ResetScratch(data []byte, maxDepth int) {
	s.ResetView(data, maxDepth)
	s.scratch = true
}

// Skim passes over one value by its structure, as a Skimmer does: a
// string to its closing quote (over escapes), an object or an array to its
// matching bracket, nesting within the depth limit, without checking what
// is inside (escapes, UTF-8, numbers, literals, the commas and colons
// between strings). A number or a literal is validated, as Skip does (it
// is as cheap to check as to pass over). Where the skim stops is a syntax
// error: the end of the input inside the value, a bracket that closes
// nothing open or the wrong kind, nesting over the limit.
//
// It costs a fraction of Skip on a large value; the value may be invalid
// JSON, which a reader that needs to know validates with Skip.
func (s *Scanner) Skim() bool {
	if s.stopped {
		return false
	}
	p := s.ws(s.pos)
	if p < len(s.data) {
		switch s.data[p] {
		case '"':
			if q, ok := s.plainEnd(p); ok { // it ends at its next quote (see indexPlain)
				s.pos = q + 1
				return true
			}
			fallthrough
		case '{', '[':
			var k Skimmer
			k.Reset(s.data, s.maxDepth)
			end, ok := k.skimValue(p, s.depth)
			if !ok {
				s.skimFailed(&k)
				return false
			}
			s.pos = end
			return true
		}
	}
	_, ok := s.Skip()
	return ok
}

// skimFailed records where, and why, the skim of k stopped.
func (s *Scanner) skimFailed(k *Skimmer) {
	switch f, at := k.Fault(); f {
	case TooDeep:
		s.failDepth(at)
	case Mismatch:
		s.fail(at, "mismatched bracket "+s.quoteAt(at))
	default: // Incomplete: skimValue starts at a quote or a bracket, so nothing else
		s.fail(at, "unexpected end of input inside a value")
	}
}

// ReadLeaf reads a string, a number, true, false or null, and returns its
// kind and its text: the string unescaped, the number as written (a
// substring of the input), "" for a literal. An object, an array, a byte
// that starts no value or a malformed leaf is a syntax error.
func (s *Scanner) ReadLeaf() (Kind, string, bool) {
	switch k := s.Peek(); k {
	case String:
		v, ok := s.ReadString()
		return k, v, ok
	case Number:
		v, ok := s.ReadNumber()
		return k, v, ok
	case True, False:
		_, ok := s.ReadBool()
		return k, "", ok
	case Null:
		return k, "", s.ReadNull()
	case Object, Array:
		s.fail(s.pos, "expected a string, number, boolean or null, found "+k.String())
		return k, "", false
	}
	_, ok := s.Skip() // the error for what is there instead of a value
	return Invalid, "", ok
}
