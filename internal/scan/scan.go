// Package scan is the single-pass JSON scanner that generated decoders call
// to walk a document once, decoding and validating in the same pass.
//
// The generic decoders (encoding/json, github.com/segmentio/encoding/json)
// either validate the whole document before decoding it or decode through
// reflection; both cost a second walk or an allocation per value. A generated
// decoder knows the shape it expects, so all it needs is a cursor that hands
// it the next key, string, number or literal already validated, and that
// reports malformed input with a precise location. This package is that
// cursor. It knows nothing about the domain.
//
// Design choices, each one measured (see the benchmarks in this package):
//
//   - The input is converted to a string once per document (Reset); every
//     string value without escapes, every key and every number is returned
//     as a substring of that conversion, so reading them does not allocate.
//   - String ends, escapes, control bytes and non-ASCII bytes are found
//     eight bytes at a time (SWAR); only non-ASCII runes go through
//     unicode/utf8 validation, and invalid UTF-8 is a syntax error.
//   - github.com/segmentio/encoding would be used for any job where it
//     measures better; on our documents it measured better at none, so the
//     package uses only the standard library and segmentio serves as the
//     yardstick: Skip validates a realistic event in about a third of the
//     time of segmentio's Valid (BenchmarkSkip, BenchmarkSegmentioValid),
//     and the local unescaping loop is about twice as fast as segmentio's
//     AppendUnescape, with one allocation per escaped string instead of
//     three (BenchmarkUnescape).
//   - Trailing commas are recoverable errors: they are recorded and
//     scanning continues, so one diagnosis can report all of them plus the
//     first fatal defect (up to 100 of them; the next one is fatal, so that
//     diagnostics stay bounded). Every other syntax error stops the
//     scanner; after that every method returns zero values quickly.
//
// A Scanner never panics and never loops forever, whatever the input, and
// its work is linear in the input size.
package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// defaultMaxDepth is the nesting limit used when Reset is given maxDepth <= 0.
const defaultMaxDepth = 10000

// maxRecoverable is the number of recoverable errors (trailing commas) a
// Scanner records before the next one becomes fatal, so that a hostile
// document cannot make diagnostics grow with its size.
const maxRecoverable = 100

// maxRetainedBuf is the largest unescape buffer a Scanner keeps across Resets;
// a larger one (from a huge escaped string) is dropped so that pooled
// scanners do not pin memory.
const maxRetainedBuf = 64 << 10

// Kind is the kind of the next JSON value, known from its first byte.
type Kind uint8

// The kinds of JSON values, as reported by Peek.
const (
	Invalid Kind = iota // end of input or a byte that cannot start a value
	Null
	False
	True
	Number
	String
	Object
	Array
)

// String returns the JSON type name of k: "null", "boolean" (for False and
// True), "number", "string", "object", "array", or "invalid".
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case False, True:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "invalid"
}

// kindOf maps the first byte of a value to its Kind.
var kindOf = [256]Kind{
	'n': Null, 'f': False, 't': True, '"': String, '{': Object, '[': Array,
	'-': Number, '0': Number, '1': Number, '2': Number, '3': Number,
	'4': Number, '5': Number, '6': Number, '7': Number, '8': Number, '9': Number,
}

// special marks the bytes that end the fast path inside a string: the
// closing quote, a backslash, control bytes and non-ASCII bytes.
var special = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf
	}
	return t
}()

// numberTail marks the bytes that may not directly follow a complete number.
var numberTail = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true,
	'7': true, '8': true, '9': true, '.': true, 'e': true, 'E': true, '+': true, '-': true,
}

// SyntaxError reports malformed JSON.
type SyntaxError struct {
	Offset int64  // 0-based byte offset of the offending byte
	Line   int    // 1-based line of Offset
	Column int    // 1-based column of Offset, in UTF-8 characters from the start of the line
	Msg    string // what is wrong and what was expected, lower-case
}

// Error formats e as "line 3, column 9 (byte 57): trailing comma before '}'".
func (e *SyntaxError) Error() string {
	return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) +
		" (byte " + strconv.FormatInt(e.Offset, 10) + "): " + e.Msg
}

// LineColumn returns the 1-based line and column of the byte at offset in
// data. Columns count UTF-8 characters (an invalid byte counts as one).
// An offset outside data is clamped to it.
func LineColumn(data []byte, offset int) (line, col int) {
	offset = max(0, min(offset, len(data)))
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[start:])
}

// Scanner walks one JSON document. The zero value is an empty document;
// call Reset before use. A Scanner may be reused (pooled) through Reset,
// but not used by several goroutines at once.
//
// Reading an object:
//
//	if s.BeginObject() {
//		for key, ok := s.NextKey(); ok; key, ok = s.NextKey() {
//			// read the member's value with ReadString, Skip, ...
//		}
//	}
//
// Reading an array:
//
//	if s.BeginArray() {
//		for s.NextElement() {
//			// read the element's value
//		}
//	}
//
// BeginObject must be followed by a NextKey loop and BeginArray by a
// NextElement loop; the scanner tracks whether a ',' is due from that pairing.
type Scanner struct {
	data     []byte
	str      string // string(data), converted once; values are substrings of it
	pos      int
	depth    int
	maxDepth int
	keyOff   int
	first    bool // just after BeginObject/BeginArray: no ',' is due
	stopped  bool // a fatal error was recorded
	errs     []*SyntaxError
	lcOff    int // line and column of offset lcOff (an ASCII byte or 0),
	lcLine   int // to compute error locations incrementally
	lcCol    int
	buf      []byte // unescape buffer
	stack    []byte // closers of the containers Skip is inside
}

// Reset prepares s to scan data, with at most maxDepth nested objects and
// arrays (maxDepth <= 0 means 10000). data is converted to a string once,
// here; later string values without escapes are substrings of it. Internal
// buffers are kept for reuse. data must not be modified while s uses it.
func (s *Scanner) Reset(data []byte, maxDepth int) {
	if maxDepth <= 0 {
		maxDepth = defaultMaxDepth
	}
	s.data = data
	s.str = string(data)
	s.pos, s.depth, s.maxDepth, s.keyOff = 0, 0, maxDepth, 0
	s.first, s.stopped = false, false
	clear(s.errs)
	s.errs = s.errs[:0]
	s.lcOff, s.lcLine, s.lcCol = 0, 1, 1
	if cap(s.buf) > maxRetainedBuf {
		s.buf = nil
	}
	s.buf = s.buf[:0]
	s.stack = s.stack[:0]
}

// ResetView is Reset without the copy: string values alias data. It is for
// callers that keep no string past their use of data and do not modify data
// meanwhile (validation without a result); it saves the one allocation.
func (s *Scanner) ResetView(data []byte, maxDepth int) {
	s.Reset(nil, maxDepth)
	s.data = data
	s.str = unsafe.String(unsafe.SliceData(data), len(data))
}

// Fail records a syntax error with message msg at offset (clamped to the
// input) and stops scanning. Generated decoders use it for defects the
// scanner cannot see, such as a value of the wrong type. If scanning has
// already stopped, the earlier error stands and Fail does nothing.
func (s *Scanner) Fail(offset int, msg string) {
	if s.stopped {
		return
	}
	s.fail(max(0, min(offset, len(s.data))), msg)
}

// Err returns nil if no error was recorded, the error (a *SyntaxError) if
// there is exactly one, or else errors.Join of all of them in offset order,
// each a *SyntaxError.
func (s *Scanner) Err() error {
	switch len(s.errs) {
	case 0:
		return nil
	case 1:
		return s.errs[0]
	}
	sorted := s.Errors()
	errs := make([]error, len(sorted))
	for i, e := range sorted {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// Errors returns the recorded errors in offset order (recoverable trailing
// commas first, then at most one fatal error after them unless Fail was
// given an earlier offset). The slice is a copy and stays valid after Reset.
func (s *Scanner) Errors() []*SyntaxError {
	if len(s.errs) == 0 {
		return nil
	}
	out := slices.Clone(s.errs)
	slices.SortStableFunc(out, func(a, b *SyntaxError) int {
		switch {
		case a.Offset < b.Offset:
			return -1
		case a.Offset > b.Offset:
			return 1
		}
		return 0
	})
	return out
}

// Offset returns the current byte offset.
func (s *Scanner) Offset() int { return s.pos }

// Depth returns the number of objects and arrays entered with BeginObject
// or BeginArray and not yet closed.
func (s *Scanner) Depth() int { return s.depth }

// KeyOffset returns the offset of the opening quote of the key last
// returned by NextKey, for locating errors about that member.
func (s *Scanner) KeyOffset() int { return s.keyOff }

// Peek skips whitespace and reports the kind of the next value from its
// first byte. It returns Invalid at the end of input, on a byte that cannot
// start a value, and after a fatal error; it records no error itself (read
// the value, or Skip it, to get the syntax error).
func (s *Scanner) Peek() Kind {
	if s.stopped {
		return Invalid
	}
	p := s.ws(s.pos)
	s.pos = p
	if p >= len(s.data) {
		return Invalid
	}
	return kindOf[s.data[p]]
}

// ValueOffset skips whitespace and returns the offset where the next value
// starts.
func (s *Scanner) ValueOffset() int {
	if !s.stopped {
		s.pos = s.ws(s.pos)
	}
	return s.pos
}

// ReadString reads a string value and returns it unescaped. Control bytes,
// bad escapes and invalid UTF-8 are syntax errors; an unpaired \u surrogate
// becomes U+FFFD, as in encoding/json. A string without escapes is a
// substring of the input and costs no allocation.
func (s *Scanner) ReadString() (string, bool) {
	if s.stopped {
		return "", false
	}
	p := s.ws(s.pos)
	if p >= len(s.data) || s.data[p] != '"' {
		s.wrongKind(p, String)
		return "", false
	}
	v, end, ok := s.readString(p)
	s.pos = end
	return v, ok
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

// BeginObject consumes '{' (after whitespace) and enters the object; going
// deeper than the depth limit is a syntax error at the '{'. Follow it with
// a NextKey loop.
func (s *Scanner) BeginObject() bool {
	if s.stopped {
		return false
	}
	p := s.ws(s.pos)
	if p >= len(s.data) || s.data[p] != '{' {
		s.wrongKind(p, Object)
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

// NextKey returns the key of the next member of the current object,
// unescaped, with its ':' consumed; the caller then reads the value. It
// handles the ',' between members itself. It returns false at '}' (consumed,
// leaving the object) and on error. A trailing comma before '}' is recorded
// as an error and otherwise ignored.
func (s *Scanner) NextKey() (string, bool) {
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
func (s *Scanner) BeginArray() bool {
	if s.stopped {
		return false
	}
	p := s.ws(s.pos)
	if p >= len(s.data) || s.data[p] != '[' {
		s.wrongKind(p, Array)
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

// Finish checks that only whitespace follows the top-level value; otherwise
// it records "trailing data after the top-level value: '<char>'" at the
// first other byte. It reports whether the whole document was free of
// errors (including recoverable ones recorded earlier).
func (s *Scanner) Finish() bool {
	if s.stopped {
		return false
	}
	p := s.ws(s.pos)
	s.pos = p
	if p < len(s.data) {
		s.fail(p, "trailing data after the top-level value: "+s.quoteAt(p))
		return false
	}
	return len(s.errs) == 0
}

// ---- internals ----

// ws returns the offset of the first non-whitespace byte at or after p.
func (s *Scanner) ws(p int) int {
	d := s.data
	for p < len(d) {
		c := d[p]
		if c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
			return p
		}
		p++
	}
	return p
}

// newError builds a SyntaxError, computing its line and column. Errors
// mostly come in offset order, so the count continues from the previous
// error's location when it can: many errors cost one pass over the input.
func (s *Scanner) newError(off int, msg string) *SyntaxError {
	var line, col int
	if off >= s.lcOff && s.lcLine > 0 {
		// lcOff is 0 or an ASCII byte, so counting runes from there
		// gives the same columns as counting from the line start.
		seg := s.data[s.lcOff:off]
		if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
			line = s.lcLine + bytes.Count(seg, []byte{'\n'})
			col = 1 + utf8.RuneCount(seg[nl+1:])
		} else {
			line, col = s.lcLine, s.lcCol+utf8.RuneCount(seg)
		}
	} else {
		line, col = LineColumn(s.data, off)
	}
	if off < len(s.data) && s.data[off] < utf8.RuneSelf {
		s.lcOff, s.lcLine, s.lcCol = off, line, col
	}
	return &SyntaxError{Offset: int64(off), Line: line, Column: col, Msg: msg}
}

// record adds a recoverable error and reports whether scanning continues:
// past maxRecoverable recorded errors the error becomes fatal.
func (s *Scanner) record(off int, msg string) bool {
	if len(s.errs) >= maxRecoverable {
		s.fail(off, msg+"; too many errors (more than "+strconv.Itoa(maxRecoverable)+"), scanning stopped")
		return false
	}
	s.errs = append(s.errs, s.newError(off, msg))
	return true
}

// fail adds a fatal error and stops scanning.
func (s *Scanner) fail(off int, msg string) {
	s.errs = append(s.errs, s.newError(off, msg))
	s.stopped = true
	s.pos = off
}

func (s *Scanner) failDepth(p int) {
	s.fail(p, "nesting depth exceeds the limit of "+strconv.Itoa(s.maxDepth))
}

// leave closes the current container; p is the offset after its closer.
func (s *Scanner) leave(p int) {
	if s.depth > 0 {
		s.depth--
	}
	s.pos = p
}

// wrongKind records the error for a value that is missing, malformed at its
// first byte, or of another kind than want.
func (s *Scanner) wrongKind(p int, want Kind) {
	if p >= len(s.data) {
		s.fail(p, "unexpected end of input, expected "+want.String())
		return
	}
	got := kindOf[s.data[p]]
	if got == Invalid {
		s.fail(p, "invalid character "+s.quoteAt(p)+" looking for beginning of value")
		return
	}
	s.fail(p, "expected "+want.String()+", found "+got.String())
}

// quoteAt quotes the character at p for a message: 'x', '\n', 'é', '\xff'.
func (s *Scanner) quoteAt(p int) string {
	c := s.data[p]
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	r, size := utf8.DecodeRune(s.data[p:])
	if r == utf8.RuneError && size == 1 {
		const hex = "0123456789abcdef"
		return `'\x` + string([]byte{hex[c>>4], hex[c&15]}) + `'`
	}
	return strconv.QuoteRune(r)
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

// scanString validates the string whose opening quote is at p. It returns
// the offset after the closing quote and whether the string has escapes.
func (s *Scanner) scanString(p int) (end int, escaped, ok bool) {
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

func quoteCloser(c byte) string {
	if c == '}' {
		return "'}'"
	}
	return "']'"
}
