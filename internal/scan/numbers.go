package scan

// numberTail marks the bytes that may not directly follow a complete number.
var numberTail = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true,
	'7': true, '8': true, '9': true, '.': true, 'e': true, 'E': true, '+': true, '-': true,
}

// ReadNumber reads a number, validated against the JSON grammar, and
// returns its literal text (a substring of the input).
func (s *Scanner) ReadNumber() (string, bool) {
	if s.stopped {
		return "", false
	}
	p := s.ws(s.pos)
	if p >= len(s.data) || kindOf[s.data[p]] != Number {
		s.wrongKind(p, Number)
		return "", false
	}
	end, ok := s.scanNumber(p)
	if !ok {
		return "", false
	}
	s.pos = end
	return s.str[p:end], true
}

// scanNumber validates the number starting at p (a '-' or a digit) and
// returns the offset after it.
func (s *Scanner) scanNumber(p int) (int, bool) {
	d := s.data
	i := p
	if d[i] == '-' {
		i++
		if i >= len(d) {
			s.fail(i, "unexpected end of input, expected digit in numeric literal")
			return i, false
		}
	}
	switch c := d[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(d) && d[i]-'0' < 10 {
			i++
		}
	default:
		s.fail(i, "invalid character "+s.quoteAt(i)+" in numeric literal")
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) {
			s.fail(i, "unexpected end of input, expected digit after decimal point in numeric literal")
			return i, false
		}
		if d[i]-'0' >= 10 {
			s.fail(i, "invalid character "+s.quoteAt(i)+" after decimal point in numeric literal")
			return i, false
		}
		for i++; i < len(d) && d[i]-'0' < 10; i++ {
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) {
			s.fail(i, "unexpected end of input, expected digit in exponent of numeric literal")
			return i, false
		}
		if d[i]-'0' >= 10 {
			s.fail(i, "invalid character "+s.quoteAt(i)+" in exponent of numeric literal")
			return i, false
		}
		for i++; i < len(d) && d[i]-'0' < 10; i++ {
		}
	}
	if i < len(d) && numberTail[d[i]] {
		// "01", "1.5.2", "1e5e": no valid document has these bytes here.
		s.fail(i, "invalid character "+s.quoteAt(i)+" in numeric literal")
		return i, false
	}
	return i, true
}
