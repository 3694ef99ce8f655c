package pattern

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/scan"
)

// reader is the matcher's JSON reader. It reads the values a pattern names
// with full checks (string escapes, control bytes, UTF-8, the number
// grammar), and skips every other value by its structure alone (brackets
// matched, strings terminated), which is what makes matching a fraction of
// decoding: internal/scan validates every byte it skips, as a decoder must.
// It never panics, and its work is linear in the input.
type reader struct {
	data  []byte
	text  string // data as a string, without a copy: values are substrings of it
	pos   int
	err   *contactevents.SyntaxError
	buf   []byte // unescaped string, reused
	stack [maxDepth]byte
}

func (r *reader) reset(data []byte) {
	r.data, r.pos, r.err = data, 0, nil
	r.text = unsafe.String(unsafe.SliceData(data), len(data))
}

// tooDeep is the syntax error of an event nested deeper than maxDepth.
var tooDeep = "nesting deeper than " + strconv.Itoa(maxDepth)

// begin starts reading the event in data, which must be a JSON object:
// the error is ErrNotObject for another value, else the syntax error.
func (r *reader) begin(data []byte) error {
	r.reset(data)
	if r.peek() == '{' {
		return nil
	}
	if r.skip(0) && r.end() {
		return ErrNotObject
	}
	return r.err
}

// fail records the first syntax error, at offset off.
func (r *reader) fail(off int, msg string) bool {
	if r.err == nil {
		off = min(off, len(r.data))
		line, col := scan.LineColumn(r.data, off)
		r.err = &contactevents.SyntaxError{Offset: int64(off), Line: line, Column: col, Msg: msg}
	}
	r.pos = len(r.data)
	return false
}

func (r *reader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (r *reader) peek() byte {
	r.ws()
	if r.pos < len(r.data) {
		return r.data[r.pos]
	}
	return 0
}

func (r *reader) unexpected(what string) bool {
	if r.pos >= len(r.data) {
		return r.fail(r.pos, "unexpected end of input, expected "+what)
	}
	return r.fail(r.pos, "unexpected "+strconv.QuoteRune(rune(r.data[r.pos]))+", expected "+what)
}

// next reads the separator before a member or element: it returns false at
// the closing byte (consumed) or on error; first says no ',' is due.
func (r *reader) next(first bool, end byte) bool {
	c := r.peek()
	if c == end {
		r.pos++
		return false
	}
	if !first {
		if c != ',' {
			return r.unexpected("',' or " + strconv.QuoteRune(rune(end)))
		}
		r.pos++
		if r.peek() == end {
			return r.fail(r.pos, "trailing comma before "+strconv.QuoteRune(rune(end)))
		}
	}
	return r.err == nil && r.pos < len(r.data) || r.unexpected("a value")
}

// key reads a member's key and its ':'.
func (r *reader) key() (string, bool) {
	if r.peek() != '"' {
		return "", r.unexpected("a string key")
	}
	k, ok := r.str()
	if !ok {
		return "", false
	}
	if r.peek() != ':' {
		return "", r.unexpected("':'")
	}
	r.pos++
	return k, true
}

// str reads a string, checked and unescaped. A string with escapes is
// unescaped into a reused buffer: the result is valid until the next call.
func (r *reader) str() (string, bool) {
	start := r.pos + 1
	j := bytes.IndexByte(r.data[start:], '"')
	if j < 0 {
		return "", r.fail(len(r.data), "unexpected end of input in a string")
	}
	s := r.text[start : start+j]
	ascii := true
	for k := 0; k < len(s); k++ {
		switch c := s[k]; {
		case c == '\\':
			return r.unescape(start)
		case c < 0x20:
			return "", r.fail(start+k, "control character in a string")
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.ValidString(s) {
		return "", r.fail(start, "invalid UTF-8 in a string")
	}
	r.pos = start + j + 1
	return s, true
}

// unescape reads the string starting at start (after its quote) that holds
// escapes.
func (r *reader) unescape(start int) (string, bool) {
	b := r.buf[:0]
	i := start
	for i < len(r.data) {
		c := r.data[i]
		switch {
		case c == '"':
			r.buf, r.pos = b, i+1
			if !utf8.Valid(b) {
				return "", r.fail(start, "invalid UTF-8 in a string")
			}
			return unsafe.String(unsafe.SliceData(b), len(b)), true
		case c < 0x20:
			return "", r.fail(i, "control character in a string")
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(r.data) {
			break
		}
		switch e := r.data[i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			u, ok := r.hex4(i + 2)
			if !ok {
				return "", r.fail(i, "invalid \\u escape")
			}
			i += 6
			if utf16.IsSurrogate(u) {
				if lo, ok := r.hex4(i + 2); ok && i+1 < len(r.data) && r.data[i] == '\\' && r.data[i+1] == 'u' {
					if d := utf16.DecodeRune(u, lo); d != utf8.RuneError {
						b, i = utf8.AppendRune(b, d), i+6
						continue
					}
				}
				u = utf8.RuneError
			}
			b = utf8.AppendRune(b, u)
			continue
		default:
			return "", r.fail(i, "invalid escape "+strconv.Quote(string(r.data[i:i+2])))
		}
		i += 2
	}
	return "", r.fail(len(r.data), "unexpected end of input in a string")
}

func (r *reader) hex4(i int) (rune, bool) {
	if i+4 > len(r.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(r.text[i:i+4], 16, 32)
	return rune(n), err == nil
}

// number reads a number by the JSON grammar and returns its text.
func (r *reader) number() (string, bool) {
	d, start := r.data, r.pos
	i := start
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i, n = i+1, n+1
		}
		return n
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		return "", r.fail(i, "invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return "", r.fail(i, "invalid number: digits expected after '.'")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return "", r.fail(i, "invalid number: digits expected in the exponent")
		}
	}
	r.pos = i
	return r.text[start:i], true
}

// literal reads true, false or null.
func (r *reader) literal(word string) bool {
	if !strings.HasPrefix(r.text[r.pos:], word) {
		return r.unexpected("a value")
	}
	r.pos += len(word)
	return true
}

// leaf reads a string, number, boolean or null.
func (r *reader) leaf() (value, bool) {
	switch c := r.peek(); {
	case c != '"' && c != 't' && c != 'f' && c != 'n' && c != '-' && (c < '0' || c > '9'):
		return value{}, r.unexpected("a value")
	case c == '"':
		s, ok := r.str()
		return value{kind: scan.String, text: s}, ok
	case c == 't':
		return value{kind: scan.True}, r.literal("true")
	case c == 'f':
		return value{kind: scan.False}, r.literal("false")
	case c == 'n':
		return value{kind: scan.Null}, r.literal("null")
	}
	s, ok := r.number()
	return value{kind: scan.Number, text: s}, ok
}

// skip passes over one value by its structure: strings are found to their
// end and brackets matched, nesting at most maxDepth deep.
func (r *reader) skip(depth int) bool {
	switch c := r.peek(); c {
	case '{', '[':
	case '"':
		return r.skipString()
	default:
		_, ok := r.leaf()
		return ok
	}
	top := 0
	d := r.data
	for i := r.pos; i < len(d); {
		switch c := d[i]; c {
		case '"':
			r.pos = i
			if !r.skipString() {
				return false
			}
			i = r.pos
			continue
		case '{', '[':
			if depth+top >= maxDepth {
				return r.fail(i, tooDeep)
			}
			r.stack[top] = c + 2 // '{'+2 is '}', '['+2 is ']'
			top++
		case '}', ']':
			if top == 0 || r.stack[top-1] != c {
				return r.fail(i, "unexpected "+strconv.QuoteRune(rune(c)))
			}
			top--
			if top == 0 {
				r.pos = i + 1
				return true
			}
		}
		i++
	}
	return r.fail(len(d), "unexpected end of input")
}

// skipString passes over a string, minding its escaped quotes.
func (r *reader) skipString() bool {
	i := r.pos + 1
	for {
		j := bytes.IndexByte(r.data[i:], '"')
		if j < 0 {
			return r.fail(len(r.data), "unexpected end of input in a string")
		}
		i += j
		n := 0
		for k := i - 1; k > r.pos && r.data[k] == '\\'; k-- {
			n++
		}
		i++
		if n%2 == 0 {
			r.pos = i
			return true
		}
	}
}

// end checks that only white space follows the top-level value.
func (r *reader) end() bool {
	if r.peek() != 0 || r.pos < len(r.data) {
		return r.unexpected("the end of the input after the event")
	}
	return r.err == nil
}
