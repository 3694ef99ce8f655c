package scan

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// special marks the bytes that end the fast path inside a string: the
// closing quote, a backslash, control bytes and non-ASCII bytes.
var special = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf
	}
	return t
}()

// ReadString reads a string value and returns it unescaped. Control bytes,
// bad escapes and invalid UTF-8 are syntax errors; an unpaired \u surrogate
// becomes U+FFFD, as in encoding/json. A string without escapes is a
// substring of the input and costs no allocation.
func (s *Scanner) ReadString() (string, bool) {
	v, ok, isString := s.ReadStringIf()
	if !isString {
		s.wrongKind(s.pos, String)
	}
	return v, ok
}

// ReadStringIf reads a string value, as ReadString, when the next value is
// a string; isString reports whether it was. Otherwise the scanner stays
// before that value and records no error, so that the caller can report the
// wrong type. It saves the caller a Peek (generated decoders read most
// values as strings). After a fatal error it returns ok false and isString
// true: there is nothing more to report.
func (s *Scanner) ReadStringIf() (v string, ok, isString bool) {
	if s.plain { // readString's plain path, without its call
		d, p := s.str, s.pos
		if uint(p) < uint(len(d)) && d[p] == '"' {
			q := s.nearQuote(p + 1)
			if q >= len(d) { // a long string (an ARN, a URL)
				q = s.plainQuote(p + 1)
			}
			if q < len(d) {
				s.pos = q + 1
				return d[p+1 : q], true, true
			}
		}
	}
	return s.readStringIf()
}

// readStringIf is ReadStringIf's general path: whitespace before the
// value, a value of another kind, escapes and errors.
func (s *Scanner) readStringIf() (v string, ok, isString bool) {
	if s.stopped {
		return "", false, true
	}
	p := s.ws(s.pos)
	s.pos = p
	if p >= len(s.data) || s.data[p] != '"' {
		return "", false, false
	}
	v, s.pos, ok = s.readString(p)
	return v, ok, true
}

// Bit masks for the SWAR string scan.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// nextSpecial returns the offset of the first byte at or after i that is a
// quote, a backslash, a control byte or non-ASCII, or len(d).
func nextSpecial(d []byte, i int) int {
	for i+8 <= len(d) {
		w := binary.LittleEndian.Uint64(d[i:])
		q := w ^ ('"' * lsb)
		b := w ^ ('\\' * lsb)
		// Per byte: zero after XOR (quote, backslash), below 0x20, or high
		// bit set. Borrows can only mark bytes above a true match, so the
		// lowest marked byte is exact.
		m := ((q - lsb) & ^q) | ((b - lsb) & ^b) | ((w - 0x20*lsb) & ^w) | w
		if m &= msb; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(d) && !special[d[i]] {
		i++
	}
	return i
}

// plainText reports whether d has no backslash, no control byte and no
// non-ASCII byte. In such an input (compact JSON in ASCII without escapes,
// which is what EventBridge delivers) every string ends at its next quote
// and is valid as it is, so scanString looks for the quote alone. One check
// of the whole input costs less than checking every string for four classes
// of bytes: bytes.IndexByte is vectorised, and the rest is two operations a
// word. Indented input fails at its first newline, early. Reset makes the
// same check in indexPlain, with the quote index; plainText checks the
// part of a large input past that index.
func plainText(d []byte) bool {
	if bytes.IndexByte(d, '\\') >= 0 {
		return false
	}
	// A byte below 0x20 borrows in w-0x20*lsb and sets its high bit; a
	// non-ASCII byte has its high bit set in w. A borrow into the next
	// byte only happens after such a byte, so the test is exact.
	// Eight words a round, then four: the loop's own bookkeeping (bounds,
	// reslicing, the branch) is paid half as often.
	for len(d) >= 64 {
		b := d[:64:64]
		w0, w1 := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		w2, w3 := binary.LittleEndian.Uint64(b[16:]), binary.LittleEndian.Uint64(b[24:])
		w4, w5 := binary.LittleEndian.Uint64(b[32:]), binary.LittleEndian.Uint64(b[40:])
		w6, w7 := binary.LittleEndian.Uint64(b[48:]), binary.LittleEndian.Uint64(b[56:])
		hi := w0 | w1 | w2 | w3 | w4 | w5 | w6 | w7
		lo := (w0 - 0x20*lsb) | (w1 - 0x20*lsb) | (w2 - 0x20*lsb) | (w3 - 0x20*lsb) |
			(w4 - 0x20*lsb) | (w5 - 0x20*lsb) | (w6 - 0x20*lsb) | (w7 - 0x20*lsb)
		if (hi|lo)&msb != 0 {
			return false
		}
		d = d[64:]
	}
	for len(d) >= 32 {
		w0 := binary.LittleEndian.Uint64(d)
		w1 := binary.LittleEndian.Uint64(d[8:])
		w2 := binary.LittleEndian.Uint64(d[16:])
		w3 := binary.LittleEndian.Uint64(d[24:])
		if (w0|w1|w2|w3|(w0-0x20*lsb)|(w1-0x20*lsb)|(w2-0x20*lsb)|(w3-0x20*lsb))&msb != 0 {
			return false
		}
		d = d[32:]
	}
	for _, c := range d {
		if c < 0x20 || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// nextQuote returns the offset of the first quote at or after i, or len(d),
// where there is no quote index (the Skimmer, a large input past its
// index). Most strings (keys, enum values, timestamps, identifiers) are
// shorter than 32 bytes: up to four words are tested in registers before
// the vectorised search, whose call costs more than it saves on short
// strings.
func nextQuote(d []byte, i int) int {
	if i > len(d) {
		return len(d)
	}
	b := d[i:]
	if len(b) >= 32 {
		b4 := b[:32:32]
		q0 := binary.LittleEndian.Uint64(b4) ^ ('"' * lsb)
		if m := (q0 - lsb) & ^q0 & msb; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		q1 := binary.LittleEndian.Uint64(b4[8:]) ^ ('"' * lsb)
		if m := (q1 - lsb) & ^q1 & msb; m != 0 {
			return i + 8 + bits.TrailingZeros64(m)>>3
		}
		q2 := binary.LittleEndian.Uint64(b4[16:]) ^ ('"' * lsb)
		if m := (q2 - lsb) & ^q2 & msb; m != 0 {
			return i + 16 + bits.TrailingZeros64(m)>>3
		}
		q3 := binary.LittleEndian.Uint64(b4[24:]) ^ ('"' * lsb)
		if m := (q3 - lsb) & ^q3 & msb; m != 0 {
			return i + 24 + bits.TrailingZeros64(m)>>3
		}
	}
	if j := bytes.IndexByte(b, '"'); j >= 0 {
		return i + j
	}
	return len(d)
}

// plainEnd returns the offset of the closing quote of the string whose
// opening quote is at p, when the whole string is in the plain prefix of
// the input (see indexPlain: all of a plain input), from the quote index.
// It returns false for a string that is not (the general path of
// scanString reads it: an unterminated string, escapes, UTF-8, an error).
func (s *Scanner) plainEnd(p int) (int, bool) {
	if p >= s.prefix {
		return 0, false
	}
	q := s.plainQuote(p + 1)
	return q, q < s.prefix
}

// scanString validates the string whose opening quote is at p. It returns
// the offset after the closing quote and whether the string has escapes.
func (s *Scanner) scanString(p int) (end int, escaped, ok bool) {
	if q, ok := s.plainEnd(p); ok {
		return q + 1, false, true
	}
	d := s.data
	i := p + 1
	for {
		i = nextSpecial(d, i)
		if i >= len(d) {
			s.fail(len(d), "unexpected end of input, expected closing '\"' of string")
			return len(d), false, false
		}
		c := d[i]
		switch {
		case c == '"':
			return i + 1, escaped, true
		case c == '\\':
			escaped = true
			if i, ok = s.scanEscape(i); !ok {
				return i, false, false
			}
		case c < 0x20:
			s.fail(i, "invalid character "+s.quoteAt(i)+" in string literal")
			return i, false, false
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				s.fail(i, "invalid UTF-8 in string")
				return i, false, false
			}
			i += size
		}
	}
}

// scanEscape validates the escape sequence whose backslash is at i and
// returns the offset after it.
func (s *Scanner) scanEscape(i int) (int, bool) {
	d := s.data
	if i+1 >= len(d) {
		s.fail(len(d), "unexpected end of input, expected string escape code")
		return len(d), false
	}
	switch d[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2, true
	case 'u':
		for k := i + 2; k < i+6; k++ {
			if k >= len(d) {
				s.fail(k, "unexpected end of input, expected 4 hexadecimal digits in \\u escape")
				return k, false
			}
			if unhex(d[k]) < 0 {
				s.fail(k, "invalid character "+s.quoteAt(k)+" in \\u hexadecimal character escape")
				return k, false
			}
		}
		return i + 6, true
	}
	s.fail(i+1, "invalid character "+s.quoteAt(i+1)+" in string escape code")
	return i + 1, false
}

// readString validates and decodes the string whose opening quote is at p.
func (s *Scanner) readString(p int) (string, int, bool) {
	if p < s.prefix { // scanString's plain path (see plainEnd), without its call
		if q := s.plainQuote(p + 1); q < s.prefix {
			return s.str[p+1 : q], q + 1, true
		}
	}
	end, escaped, ok := s.scanString(p)
	if !ok {
		return "", end, false
	}
	if !escaped {
		return s.str[p+1 : end-1], end, true
	}
	return s.unescape(s.data[p+1 : end-1]), end, true
}

// unescape decodes the escapes of a validated string body, like
// encoding/json: an unpaired surrogate becomes U+FFFD.
func (s *Scanner) unescape(b []byte) string {
	buf := s.buf[:0]
	for {
		i := bytes.IndexByte(b, '\\')
		if i < 0 || i+1 >= len(b) {
			buf = append(buf, b...)
			break
		}
		buf = append(buf, b[:i]...)
		c := b[i+1]
		switch c {
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			r := hex4(b[i+2:])
			j := i + 6
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if j+1 < len(b) && b[j] == '\\' && b[j+1] == 'u' {
					r2 = hex4(b[j+2:])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					j += 6
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
			b = b[j:]
			continue
		}
		buf = append(buf, c)
		b = b[i+2:]
	}
	s.buf = buf
	if s.scratch {
		return unsafe.String(unsafe.SliceData(buf), len(buf))
	}
	return string(buf)
}

// unhex returns the value of a hexadecimal digit, or -1.
func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// hex4 decodes four hexadecimal digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		v := unhex(c)
		if v < 0 {
			return -1
		}
		r = r<<4 | v
	}
	return r
}
