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
//     unicode/utf8 validation, and invalid UTF-8 is a syntax error. On
//     plain input (ASCII without escapes or control bytes, as EventBridge
//     delivers events) Reset's one pass also records where the quotes are,
//     a bit per byte, so that a string's end is the lowest bit of one word
//     of that index (see quotes.go).
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

import "unsafe"

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
	quotes   []byte // where data[:prefix] has quotes (see indexPlain)
	prefix   int    // the plain prefix of data: len(data) when plain, 0 once stopped
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
	plain    bool   // data has no backslash, control or non-ASCII byte (see plainText)
	scratch  bool   // escaped strings alias buf (see ResetScratch)
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
	s.first, s.stopped, s.scratch = false, false, false
	clear(s.errs)
	s.errs = s.errs[:0]
	s.lcOff, s.lcLine, s.lcCol = 0, 1, 1
	if cap(s.buf) > maxRetainedBuf {
		s.buf = nil
	}
	s.buf = s.buf[:0]
	s.stack = s.stack[:0]
	s.quotes, s.prefix = indexPlain(data, s.quotes)
	s.plain = s.prefix == len(data)
}

// ResetView is Reset without the copy: string values alias data. It is for
// callers that keep no string past their use of data and do not modify data
// meanwhile (validation without a result); it saves the one allocation.
func (s *Scanner) ResetView(data []byte, maxDepth int) {
	s.Reset(nil, maxDepth)
	s.data = data
	s.str = unsafe.String(unsafe.SliceData(data), len(data))
	s.quotes, s.prefix = indexPlain(data, s.quotes)
	s.plain = s.prefix == len(data)
}

// Offset returns the current byte offset.
func (s *Scanner) Offset() int { return s.pos }

// Depth returns the number of objects and arrays entered with BeginObject
// or BeginArray and not yet closed.
func (s *Scanner) Depth() int { return s.depth }

// substr is s.str[start:end] without the bounds checks, for NextKey's
// fast path, which has checked 0 <= start <= end < len(s.data) itself
// (s.str and s.data have the same length) and takes a string out of every
// key. (ReadStringIf slices s.str instead: measured, each is the cheaper
// in its place.)
func (s *Scanner) substr(start, end int) string {
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s.str)), start)), end-start)
}

// Text returns the input from start to end as a string without copying it:
// a substring of the conversion made at Reset (or of the input itself after
// ResetView).
func (s *Scanner) Text(start, end int) string { return s.str[start:end] }

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
