package scan

// Skip skips one value of any kind with full syntax validation, counting
// its nesting against the depth limit, and returns its raw bytes (a
// subslice of the input). Trailing commas inside it are recorded and
// otherwise ignored, as elsewhere.
func (s *Scanner) Skip() ([]byte, bool) {
	if s.stopped {
		return nil, false
	}
	start := s.ws(s.pos)
	end, ok := s.skipValue(start)
	if !ok {
		return nil, false
	}
	s.pos = end
	return s.data[start:end:end], true
}

// skipValue validates the value at p (whitespace already skipped) without
// decoding it and returns the offset after it.
func (s *Scanner) skipValue(p int) (int, bool) {
	d := s.data
	stack := s.stack[:0]
	defer func() { s.stack = stack[:0] }()
	var ok bool
	for {
		// A value starts at p.
		if p >= len(d) {
			s.fail(p, "unexpected end of input, expected a value")
			return p, false
		}
		switch c := d[p]; c {
		case '"':
			if p, _, ok = s.scanString(p); !ok {
				return p, false
			}
		case '{', '[':
			if s.depth+len(stack) >= s.maxDepth {
				s.failDepth(p)
				return p, false
			}
			closer := c + 2 // '{'+2 == '}', '['+2 == ']'
			p = s.ws(p + 1)
			if p < len(d) && d[p] == closer {
				p++
				break
			}
			stack = append(stack, closer)
			if p >= len(d) {
				if c == '[' {
					s.fail(p, "unexpected end of input, expected a value or ']'")
				} else {
					s.fail(p, "unexpected end of input, expected object key string or '}'")
				}
				return p, false
			}
			if c == '[' {
				continue
			}
			if d[p] != '"' {
				s.fail(p, "invalid character "+s.quoteAt(p)+" looking for beginning of object key string")
				return p, false
			}
			if p, _, ok = s.scanString(p); !ok {
				return p, false
			}
			if p, ok = s.colon(p); !ok {
				return p, false
			}
			continue
		case 't':
			if p, ok = s.scanLiteral(p, "true"); !ok {
				return p, false
			}
		case 'f':
			if p, ok = s.scanLiteral(p, "false"); !ok {
				return p, false
			}
		case 'n':
			if p, ok = s.scanLiteral(p, "null"); !ok {
				return p, false
			}
		default:
			if kindOf[c] != Number {
				s.fail(p, "invalid character "+s.quoteAt(p)+" looking for beginning of value")
				return p, false
			}
			if p, ok = s.scanNumber(p); !ok {
				return p, false
			}
		}
		// A value ended at p: close containers until another value is due.
		for {
			if len(stack) == 0 {
				return p, true
			}
			closer := stack[len(stack)-1]
			p = s.ws(p)
			if p >= len(d) {
				s.fail(p, "unexpected end of input, expected ',' or "+quoteCloser(closer))
				return p, false
			}
			c := d[p]
			if c == closer {
				stack = stack[:len(stack)-1]
				p++
				continue
			}
			if c != ',' {
				if closer == '}' {
					s.fail(p, "invalid character "+s.quoteAt(p)+" after object key:value pair, expected ',' or '}'")
				} else {
					s.fail(p, "invalid character "+s.quoteAt(p)+" after array element, expected ',' or ']'")
				}
				return p, false
			}
			comma := p
			p = s.ws(p + 1)
			if p < len(d) && d[p] == closer {
				if !s.record(comma, "trailing comma before "+quoteCloser(closer)) {
					return comma, false
				}
				stack = stack[:len(stack)-1]
				p++
				continue
			}
			if closer == ']' {
				break
			}
			if p >= len(d) {
				s.fail(p, "unexpected end of input, expected object key string")
				return p, false
			}
			if d[p] != '"' {
				s.fail(p, "invalid character "+s.quoteAt(p)+" looking for beginning of object key string")
				return p, false
			}
			if p, _, ok = s.scanString(p); !ok {
				return p, false
			}
			if p, ok = s.colon(p); !ok {
				return p, false
			}
			break
		}
	}
}
