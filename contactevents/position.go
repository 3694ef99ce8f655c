package contactevents

import (
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/internal/scan"
)

// Position is where something lies in a JSON text.
type Position struct {
	Offset int64 // 0-based byte offset
	Line   int   // 1-based line
	Column int   // 1-based column, in UTF-8 characters from the start of the line
}

// PositionOf returns the position of the byte at offset in data (clamped to
// data), as a SyntaxError gives it.
func PositionOf(data []byte, offset int64) Position {
	offset = max(0, min(offset, int64(len(data))))
	line, col := scan.LineColumn(data, int(offset))
	return Position{Offset: offset, Line: line, Column: col}
}

// Locate returns the position in the JSON text data of the value that the
// JSON Pointer pointer names: a Record's Pointer in its payload, an Issue's
// InstanceLocation in its event document. Tools use it to show a problem at
// its line and column.
//
// When the pointer cannot be followed to its end, Locate returns the
// position of the deepest value it reached, with exact false: an issue about
// a missing member names the member, an issue may name the canonical key of
// a member that data spells otherwise, a record may be held in a JSON string
// (an SQS body, base64 data) that a pointer cannot enter, and data may be
// malformed after some point (it is read with the SDK's scanner, only as far
// as the pointer leads).
func Locate(data []byte, pointer string) (pos Position, exact bool) {
	var s scan.Scanner
	s.ResetView(data, 0)
	at := s.ValueOffset()
	if pointer == "" || s.Peek() == scan.Invalid {
		return PositionOf(data, int64(at)), pointer == "" && at < len(data)
	}
	if pointer[0] != '/' {
		return PositionOf(data, int64(at)), false
	}
	for tok := range strings.SplitSeq(pointer[1:], "/") {
		if !enter(&s, unescapeToken(tok)) {
			return PositionOf(data, int64(at)), false
		}
		at = s.ValueOffset()
	}
	return PositionOf(data, int64(at)), true
}

// enter moves s to the member tok of the object or array s is at, and
// reports whether it is there.
func enter(s *scan.Scanner, tok string) bool {
	switch s.Peek() {
	case scan.Object:
		if !s.BeginObject() {
			return false
		}
		for {
			key, ok := s.NextKey()
			if !ok {
				return false
			}
			if key == tok {
				return true
			}
			if _, ok := s.Skip(); !ok {
				return false
			}
		}
	case scan.Array:
		n, ok := arrayIndex(tok)
		if !ok || !s.BeginArray() {
			return false
		}
		for i := 0; s.NextElement(); i++ {
			if i == n {
				return true
			}
			if _, ok := s.Skip(); !ok {
				return false
			}
		}
	}
	return false
}

// unescapeToken returns the member name or index that the JSON Pointer
// reference token tok stands for.
func unescapeToken(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// arrayIndex returns the index of an array element that tok (unescaped)
// names, if it names one.
func arrayIndex(tok string) (int, bool) {
	n, err := strconv.Atoi(tok)
	return n, err == nil && n >= 0 && (len(tok) == 1 || tok[0] != '0')
}
