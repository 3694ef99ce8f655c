package scan

// BeginObject consumes '{' (after whitespace) and enters the object; going
// deeper than the depth limit is a syntax error at the '{'. Follow it with
// a NextKey loop.
func (s *Scanner) BeginObject() bool { return s.begin('{', Object) }

// NextKey returns the key of the next member of the current object,
// unescaped, with its ':' consumed; the caller then reads the value. It
// handles the ',' between members itself. It returns false at '}' (consumed,
// leaving the object) and on error. A trailing comma before '}' is recorded
// as an error and otherwise ignored.
func (s *Scanner) NextKey() (string, bool) {
	if s.plain {
		// Compact plain input (see plainText): the member is `"key":` right
		// after the '{' or `,"key":` right after the previous value, the
		// key ends at its next quote, and the value starts right after the
		// ':'. Anything else (whitespace, the end of the object, an error)
		// takes the general path, which reports what is wrong.
		d, k := s.data, s.pos
		if !s.first {
			if uint(k) >= uint(len(d)) || d[k] != ',' {
				return s.nextKey()
			}
			k++
		}
		if uint(k) < uint(len(d)) && d[k] == '"' {
			if q := s.nearQuote(k + 1); q+2 < len(d) && d[q+1] == ':' && d[q+2] > ' ' {
				s.first, s.keyOff, s.pos = false, k, q+2
				return s.substr(k+1, q), true // k < q < len(d)
			}
		}
	}
	return s.nextKey()
}

// nextKey is NextKey's general path: any whitespace, the end of the
// object, escaped keys and every error. A function of its own, so that
// the fast path's frame stays small.
func (s *Scanner) nextKey() (string, bool) {
	if s.stopped {
		return "", false
	}
	d := s.data
	p := s.ws(s.pos)
	if s.first {
		s.first = false
		if p >= len(d) {
			s.fail(p, "unexpected end of input, expected object key string or '}'")
			return "", false
		}
		switch d[p] {
		case '"':
		case '}':
			s.leave(p + 1)
			return "", false
		default:
			s.fail(p, "invalid character "+s.quoteAt(p)+" looking for beginning of object key string")
			return "", false
		}
	} else {
		if p >= len(d) {
			s.fail(p, "unexpected end of input, expected ',' or '}'")
			return "", false
		}
		switch d[p] {
		case ',':
		case '}':
			s.leave(p + 1)
			return "", false
		default:
			s.fail(p, "invalid character "+s.quoteAt(p)+" after object key:value pair, expected ',' or '}'")
			return "", false
		}
		comma := p
		p = s.ws(p + 1)
		if p >= len(d) {
			s.fail(p, "unexpected end of input, expected object key string")
			return "", false
		}
		switch d[p] {
		case '"':
		case '}':
			if s.record(comma, "trailing comma before '}'") {
				s.leave(p + 1)
			}
			return "", false
		default:
			s.fail(p, "invalid character "+s.quoteAt(p)+" looking for beginning of object key string")
			return "", false
		}
	}
	s.keyOff = p
	key, end, ok := s.readString(p)
	if !ok {
		s.pos = end
		return "", false
	}
	p, ok = s.colon(end)
	if !ok {
		return "", false
	}
	s.pos = p
	return key, true
}

// BeginArray consumes '[' (after whitespace) and enters the array; going
// deeper than the depth limit is a syntax error at the '['. Follow it with a
// NextElement loop.
func (s *Scanner) BeginArray() bool { return s.begin('[', Array) }

// BeginObjectIf enters an object, as BeginObject, when the next value is
// one; isObject reports whether it was. Otherwise the scanner stays before
// that value and records no error, so that the caller can report the
// wrong type (as ReadStringIf). It saves the caller a Peek.
func (s *Scanner) BeginObjectIf() (ok, isObject bool) { return s.beginIf('{', Object) }

// BeginArrayIf is BeginObjectIf for an array.
func (s *Scanner) BeginArrayIf() (ok, isArray bool) { return s.beginIf('[', Array) }

// beginIf is BeginObjectIf and BeginArrayIf: on compact plain input the
// bracket is right where the scanner stands; anything else (whitespace,
// another kind, the depth limit, a stopped scanner) takes Peek and begin.
func (s *Scanner) beginIf(c byte, k Kind) (ok, is bool) {
	if p := s.pos; s.plain && p < len(s.data) && s.data[p] == c && s.depth < s.maxDepth {
		s.depth++
		s.pos = p + 1
		s.first = true
		return true, true
	}
	if s.Peek() != k {
		return false, false
	}
	return s.begin(c, k), true
}

// begin consumes the opening bracket c of a container of kind k and enters
// it, within the depth limit.
func (s *Scanner) begin(c byte, k Kind) bool {
	if s.stopped {
		return false
	}
	p := s.ws(s.pos)
	if p >= len(s.data) || s.data[p] != c {
		s.wrongKind(p, k)
		return false
	}
	if s.depth >= s.maxDepth {
		s.failDepth(p)
		return false
	}
	s.depth++
	s.pos = p + 1
	s.first = true
	return true
}

// NextElement reports whether another element of the current array follows
// (its value not yet read). It handles the ',' between elements itself. It
// returns false at ']' (consumed, leaving the array) and on error. A trailing
// comma before ']' is recorded as an error and otherwise ignored.
func (s *Scanner) NextElement() bool {
	if s.stopped {
		return false
	}
	d := s.data
	p := s.ws(s.pos)
	if s.first {
		s.first = false
		if p >= len(d) {
			s.fail(p, "unexpected end of input, expected a value or ']'")
			return false
		}
		if d[p] == ']' {
			s.leave(p + 1)
			return false
		}
		s.pos = p
		return true
	}
	if p >= len(d) {
		s.fail(p, "unexpected end of input, expected ',' or ']'")
		return false
	}
	switch d[p] {
	case ',':
	case ']':
		s.leave(p + 1)
		return false
	default:
		s.fail(p, "invalid character "+s.quoteAt(p)+" after array element, expected ',' or ']'")
		return false
	}
	comma := p
	p = s.ws(p + 1)
	if p < len(d) && d[p] == ']' {
		if s.record(comma, "trailing comma before ']'") {
			s.leave(p + 1)
		}
		return false
	}
	s.pos = p
	return true
}

// leave closes the current container; p is the offset after its closer.
func (s *Scanner) leave(p int) {
	if s.depth > 0 {
		s.depth--
	}
	s.pos = p
}

// colon expects optional whitespace, ':' and optional whitespace after an
// object key ending at p; it returns the offset of the value.
func (s *Scanner) colon(p int) (int, bool) {
	d := s.data
	if p < len(d) && d[p] == ':' { // the common compact case
		return s.ws(p + 1), true
	}
	p = s.ws(p)
	if p >= len(d) {
		s.fail(p, "unexpected end of input, expected ':' after object key")
		return p, false
	}
	if d[p] != ':' {
		s.fail(p, "invalid character "+s.quoteAt(p)+" after object key, expected ':'")
		return p, false
	}
	return s.ws(p + 1), true
}
