package scan

import "strconv"

// ReadBool reads true or false.
func (s *Scanner) ReadBool() (bool, bool) {
	if s.stopped {
		return false, false
	}
	p := s.ws(s.pos)
	if p < len(s.data) {
		switch s.data[p] {
		case 't':
			end, ok := s.scanLiteral(p, "true")
			s.pos = end
			return ok, ok
		case 'f':
			end, ok := s.scanLiteral(p, "false")
			s.pos = end
			return false, ok
		}
	}
	s.wrongKind(p, True)
	return false, false
}

// ReadNull reads null.
func (s *Scanner) ReadNull() bool {
	if s.stopped {
		return false
	}
	p := s.ws(s.pos)
	if p >= len(s.data) || s.data[p] != 'n' {
		s.wrongKind(p, Null)
		return false
	}
	end, ok := s.scanLiteral(p, "null")
	s.pos = end
	return ok
}

// scanLiteral validates the literal lit ("true", "false" or "null") at p.
func (s *Scanner) scanLiteral(p int, lit string) (int, bool) {
	d := s.data
	if len(d)-p >= len(lit) && string(d[p:p+len(lit)]) == lit {
		return p + len(lit), true
	}
	for k := 1; k < len(lit); k++ {
		i := p + k
		if i >= len(d) {
			s.fail(i, "unexpected end of input, expected literal "+lit)
			return i, false
		}
		if d[i] != lit[k] {
			s.fail(i, "invalid character "+s.quoteAt(i)+" in literal "+lit+" (expecting "+strconv.QuoteRune(rune(lit[k]))+")")
			return i, false
		}
	}
	return p + len(lit), true // unreachable: the fast path matched
}
