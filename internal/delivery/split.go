package delivery

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// readChunk is the initial size of Stream's read buffer and the amount by
// which a value may exceed the buffer before the buffer grows.
const readChunk = 64 << 10

// item is one value found by a splitter, or a problem found where one was
// expected.
type item struct {
	val   []byte // the value's bytes (a subslice of the splitter's buffer)
	off   int64  // input offset of val, or of the problem
	line  int    // 1-based line of off
	col   int    // 1-based column of off, in UTF-8 characters
	elem  int    // index within a top-level array, or -1
	err   error  // when not nil, val is nil
	fatal bool   // no item can follow err
}

// splitter cuts an input into top-level JSON values. It flattens top-level
// arrays into their elements. It only tracks structure (strings, brackets
// and their nesting); the values it returns are validated by the parser
// that probes them.
//
// Over a reader it holds one value plus a read buffer: the value it returns
// stays valid until the next call to next, which may move the buffer.
type splitter struct {
	r    io.Reader // nil when buf holds the whole input
	buf  []byte
	pos  int   // first unconsumed byte
	end  int   // end of the bytes read into buf
	base int64 // input offset of buf[0]
	line int   // 1-based line of buf[pos]
	// colChars is the number of characters from the start of the line to
	// the input offset colOff (at most pos): column counts each byte once.
	colOff   int64
	colChars int
	bol      bool  // buf[pos] starts a line
	eof      bool  // r has no more bytes
	rerr     error // read error other than io.EOF, reported once

	max    int  // largest value in bytes; 0 for no limit
	ndjson bool // a top-level value may not span lines

	inArray   bool // inside a top-level array
	needComma bool // an element was read; ',' or ']' comes next
	elem      int  // number of elements started in the current array

	resyncPending bool   // skip to a plausible value start before the next item
	stack         []byte // bracket nesting of the value being scanned
}

// newMemSplitter returns a splitter over an input held in memory; the values
// it returns are subslices of data.
func newMemSplitter(data []byte) *splitter {
	return &splitter{buf: data, end: len(data), line: 1, bol: true, eof: true}
}

// newReaderSplitter returns a splitter that reads r, with values of at most
// maxValue bytes.
func newReaderSplitter(r io.Reader, maxValue int) *splitter {
	size := readChunk
	if maxValue+1 < size {
		size = max(maxValue+1, 512)
	}
	return &splitter{r: r, buf: make([]byte, size), line: 1, bol: true, max: maxValue}
}

// offset returns the input offset of buf[pos].
func (s *splitter) offset() int64 { return s.base + int64(s.pos) }

// fill reads more input after s.end, moving or growing the buffer when it is
// full. Bytes before s.pos may be discarded. It reports whether it added any.
func (s *splitter) fill() bool {
	if s.eof || s.r == nil {
		return false
	}
	if s.end == len(s.buf) {
		if s.pos > 0 {
			s.column() // count the line's characters before they go
			n := copy(s.buf, s.buf[s.pos:s.end])
			s.base += int64(s.pos)
			s.pos, s.end = 0, n
		} else {
			size := 2 * len(s.buf)
			if s.max > 0 && size > s.max+readChunk {
				size = max(s.max+readChunk, len(s.buf)+readChunk)
			}
			nb := make([]byte, size)
			copy(nb, s.buf[:s.end])
			s.buf = nb
		}
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.eof, s.rerr = true, io.ErrNoProgress
	return false
}

// consume advances past n bytes, counting lines.
func (s *splitter) consume(n int) {
	if n == 0 {
		return
	}
	b := s.buf[s.pos : s.pos+n]
	if k := bytes.Count(b, newline); k > 0 {
		s.line += k
		s.colOff, s.colChars = s.offset()+int64(bytes.LastIndexByte(b, '\n'))+1, 0
	}
	s.bol = b[n-1] == '\n'
	s.pos += n
}

// column returns the 1-based column of buf[pos], in UTF-8 characters.
func (s *splitter) column() int {
	from := int(s.colOff - s.base)
	s.colChars += utf8.RuneCount(s.buf[from:s.pos])
	s.colOff = s.offset()
	return s.colChars + 1
}

var newline = []byte{'\n'}

// skipSpace consumes JSON whitespace. It reports whether it passed a newline
// and whether a non-space byte follows.
func (s *splitter) skipSpace() (sawNL, more bool) {
	for {
		for s.pos < s.end {
			switch s.buf[s.pos] {
			case ' ', '\t', '\r':
				s.pos++
				s.bol = false
			case '\n':
				s.pos++
				s.line++
				s.bol = true
				sawNL = true
				s.colOff, s.colChars = s.offset(), 0
			default:
				return sawNL, true
			}
		}
		if !s.fill() {
			return sawNL, false
		}
	}
}

// valueStart reports whether the next byte (after skipSpace) can start a
// value.
func (s *splitter) valueStart() bool {
	if s.pos >= s.end {
		return false
	}
	switch s.buf[s.pos] {
	case '}', ']', ',', ':':
		return false
	}
	return true
}

// readErr returns the pending read error as a fatal item, once.
func (s *splitter) readErr() (item, bool) {
	if s.rerr == nil || s.rerr == errReported {
		return item{}, false
	}
	err := s.rerr
	s.rerr = errReported
	return item{off: s.offset(), line: s.line, elem: -1, err: err, fatal: true}, true
}

var errReported = errors.New("reported")

// next returns the next value or problem; ok is false at the end of input.
func (s *splitter) next() (it item, ok bool) {
	if s.resyncPending {
		s.resyncPending = false
		s.resync()
	}
	for {
		_, more := s.skipSpace()
		off, line, col := s.offset(), s.line, s.column()
		if !more {
			if it, ok := s.readErr(); ok {
				return it, true
			}
			if s.inArray {
				s.inArray = false
				return item{off: off, line: line, elem: -1, err: errors.New("unexpected end of input inside a JSON array"), fatal: true}, true
			}
			return item{}, false
		}
		c := s.buf[s.pos]
		elem := -1
		if s.inArray {
			if s.needComma {
				switch c {
				case ',':
					s.consume(1)
					s.needComma = false
					continue
				case ']':
					s.consume(1)
					s.inArray = false
					continue
				}
				s.resyncPending = true
				return item{off: off, line: line, elem: -1, err: fmt.Errorf("invalid character %q after array element (want ',' or ']')", c)}, true
			}
			if c == ']' {
				s.consume(1)
				s.inArray = false
				if s.elem > 0 {
					return item{off: off, line: line, elem: -1, err: errors.New("invalid character ']' after ',' in array")}, true
				}
				continue
			}
			elem = s.elem
			s.elem++
			s.needComma = true
		} else if c == '[' {
			s.consume(1)
			s.inArray, s.needComma, s.elem = true, false, 0
			continue
		}
		val, how, err := s.scanValue()
		it := item{val: val, off: off, line: line, col: col, elem: elem, err: err}
		switch how {
		case scanResync:
			s.resyncPending = true
		case scanFatal:
			it.fatal = true
			if rit, ok := s.readErr(); ok {
				rit.off, rit.line = off, line
				return rit, true
			}
		}
		return it, true
	}
}

// scanOutcome says how the splitter goes on after scanValue.
type scanOutcome int

const (
	scanOK     scanOutcome = iota // a value, or an error after which the next value follows
	scanResync                    // a structural error: skip to a plausible value start
	scanFatal                     // the input ended inside the value
)

// ErrValueTooLarge is wrapped by the error Stream yields for a value longer
// than its maxValue.
var ErrValueTooLarge = errors.New("JSON value too large")

// Byte classes for scanValue's inner loops: the bytes that stop a run
// inside a string, between tokens of a value, and at the end of a scalar.
// The strict variants also stop at a newline, for NDJSON.
var (
	stopString, stopStringStrict, stopStruct, stopStructStrict, stopScalar [256]bool
)

func init() {
	for _, c := range []byte{'"', '\\'} {
		stopString[c], stopStringStrict[c] = true, true
	}
	for _, c := range []byte{'"', '{', '}', '[', ']'} {
		stopStruct[c], stopStructStrict[c] = true, true
	}
	stopStringStrict['\n'], stopStructStrict['\n'] = true, true
	for _, c := range []byte(" \t\r\n{}[],:\"") {
		stopScalar[c] = true
	}
}

// scanValue finds the end of the value that starts at buf[pos] and consumes
// it. On a structural error it consumes nothing.
func (s *splitter) scanValue() ([]byte, scanOutcome, error) {
	c0 := s.buf[s.pos]
	switch c0 {
	case '}', ']', ',', ':':
		return nil, scanResync, fmt.Errorf("invalid character %q looking for the beginning of a value", c0)
	}
	scalar := c0 != '{' && c0 != '[' && c0 != '"'
	inString, inStruct := &stopString, &stopStruct
	if s.ndjson && !s.inArray {
		inString, inStruct = &stopStringStrict, &stopStructStrict
	}
	s.stack = s.stack[:0]
	deep := 0 // levels beyond skimDepth
	inStr, esc, done := false, false, false
	i := 0
	for {
		buf := s.buf[s.pos:s.end]
		n := len(buf)
	scan:
		for i < n {
			switch {
			case scalar:
				for i < n && !stopScalar[buf[i]] {
					i++
				}
				done = i < n
				break scan
			case esc:
				esc = false
				i++
				continue
			case inStr:
				for i < n && !inString[buf[i]] {
					i++
				}
				if i == n {
					break scan
				}
				c := buf[i]
				i++
				switch c {
				case '\\':
					esc = true
				case '"':
					inStr = false
					if len(s.stack) == 0 {
						done = true
						break scan
					}
				default: // '\n', strict
					return nil, scanResync, errLineInValue
				}
				continue
			}
			for i < n && !inStruct[buf[i]] {
				i++
			}
			if i == n {
				break
			}
			c := buf[i]
			i++
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				if len(s.stack) >= skimDepth {
					// Deeper than any event may be: count the levels
					// (their brackets are not matched) to find the
					// value's end, so that its decoder reports the depth
					// limit at its place, without a stack that grows
					// with the input.
					deep++
					break
				}
				s.stack = append(s.stack, c+2) // '{'+2 == '}', '['+2 == ']'
			case '}', ']':
				if deep > 0 {
					deep--
					break
				}
				k := len(s.stack)
				if k == 0 || s.stack[k-1] != c {
					return nil, scanResync, fmt.Errorf("mismatched %q in JSON value at offset %d", c, s.offset()+int64(i-1))
				}
				s.stack = s.stack[:k-1]
				if k == 1 {
					done = true
					break scan
				}
			default: // '\n', strict
				return nil, scanResync, errLineInValue
			}
		}
		if done {
			return s.take(i)
		}
		if s.max > 0 && i > s.max {
			return nil, scanResync, fmt.Errorf("%w: more than %d bytes", ErrValueTooLarge, s.max)
		}
		if !s.fill() {
			if scalar {
				return s.take(i) // a scalar may end at the end of input
			}
			return nil, scanFatal, errors.New("unexpected end of input inside a JSON value")
		}
	}
}

var errLineInValue = errors.New("line ends inside a JSON value (NDJSON values must be on one line)")

// take consumes and returns the n-byte value at buf[pos], unless it is
// longer than the limit.
func (s *splitter) take(n int) ([]byte, scanOutcome, error) {
	v := s.buf[s.pos : s.pos+n : s.pos+n]
	s.consume(n)
	if s.max > 0 && n > s.max {
		return nil, scanOK, fmt.Errorf("%w: %d bytes, more than %d", ErrValueTooLarge, n, s.max)
	}
	return v, scanOK, nil
}

// resync skips what remains of a broken value: in NDJSON mode to the next
// line, otherwise (after at least one byte) to the next line that starts with
// '{' or '['. It leaves any array.
func (s *splitter) resync() {
	s.inArray, s.needComma = false, false
	if s.ndjson {
		for {
			if k := bytes.IndexByte(s.buf[s.pos:s.end], '\n'); k >= 0 {
				s.consume(k + 1)
				return
			}
			s.consume(s.end - s.pos)
			if !s.fill() {
				return
			}
		}
	}
	first := true
	for {
		for s.pos < s.end {
			if !first && s.bol {
				if c := s.buf[s.pos]; c == '{' || c == '[' {
					return
				}
			}
			first = false
			k := bytes.IndexByte(s.buf[s.pos:s.end], '\n')
			if k < 0 {
				s.consume(s.end - s.pos)
				break
			}
			s.consume(k + 1)
		}
		if !s.fill() {
			return
		}
	}
}

// copyValue returns val detached from the splitter's buffer when the buffer
// may move.
func (s *splitter) copyValue(val []byte) []byte {
	if s.r == nil {
		return val
	}
	return bytes.Clone(val)
}
