package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"strconv"
	"unicode/utf8"
)

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
	return line, 1 + runeCount(before[start:])
}

// LineColumns is LineColumn for many offsets in one pass over data: it
// returns the line and column of each of offsets, in one pass when they
// ascend (an offset below the one before it counts from the start again).
// LineColumn counts from the start every time: locating each of n issues in
// one long line would cost n times the line.
func LineColumns(data []byte, offsets []int) (lines, cols []int) {
	lines, cols = make([]int, len(offsets)), make([]int, len(offsets))
	line, start, at, col := 1, 0, 0, 1 // col is the column of at, on line
	for i, off := range offsets {
		off = max(0, min(off, len(data)))
		if off < at {
			line, start, at, col = 1, 0, 0, 1
		}
		if nl := bytes.LastIndexByte(data[at:off], '\n'); nl >= 0 {
			line += bytes.Count(data[at:at+nl], []byte{'\n'}) + 1
			start, at, col = at+nl+1, at+nl+1, 1
		}
		if at < len(data) && !utf8.RuneStart(data[at]) {
			// at splits what may be one character: count from the line's
			// start (a value's offset, the usual case, never does this).
			at, col = start, 1
		}
		col += runeCount(data[at:off])
		at = off
		lines[i], cols[i] = line, col
	}
	return lines, cols
}

// runeCount is utf8.RuneCount, eight bytes at a time while they are ASCII
// (JSON mostly is): a column in a long NDJSON line counts a kilobyte or
// more, and a line has as many columns to count as issues to locate.
func runeCount(b []byte) (n int) {
	for len(b) > 0 {
		switch {
		case len(b) >= 8 && binary.LittleEndian.Uint64(b)&0x8080808080808080 == 0:
			b, n = b[8:], n+8
		case b[0] < utf8.RuneSelf:
			b, n = b[1:], n+1
		default:
			_, size := utf8.DecodeRune(b) // an invalid byte is one rune of size 1
			b, n = b[size:], n+1
		}
	}
	return n
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

// fail adds a fatal error and stops scanning. It also clears plain and
// prefix, so that the fast paths, which test only those, leave a stopped
// scanner to the general paths.
func (s *Scanner) fail(off int, msg string) {
	s.errs = append(s.errs, s.newError(off, msg))
	s.stopped, s.plain, s.prefix = true, false, 0
	s.pos = off
}

func (s *Scanner) failDepth(p int) {
	s.fail(p, "nesting depth exceeds the limit of "+strconv.Itoa(s.maxDepth))
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

func quoteCloser(c byte) string {
	if c == '}' {
		return "'}'"
	}
	return "']'"
}
