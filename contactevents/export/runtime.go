package export

import (
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/codec"
)

// The helpers the generated row code (rows_gen.go) calls.

// millis is a timestamp's column value: nil (NULL) when the timestamp is
// absent, else store set to its milliseconds since the epoch (a fraction
// beyond milliseconds is cut, as the column's unit says). A not-set
// timestamp (Amazon Connect's sentinel 1970-01-01T00:00:00.001Z) is written
// as that instant, so that NULL (absent) and not set stay apart, as they do
// in the SDK.
func millis(t contactevents.Timestamp, store *int64) *int64 {
	if t.IsZero() {
		return nil
	}
	*store = t.Time().UnixMilli()
	return store
}

// optional is an optional string column's value: nil (NULL) when *s is
// empty, else s. A column is never written from a "" that means absent:
// parquet-go v0.32.0 writes an optional column's "" as "" or as NULL
// depending on the rows before it (TestAbsentStringAfterAPresentOneIsNull
// in conformance/duckdb).
func optional(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}

// jsonOf is the canonical JSON of a value written as a JSON string column
// (a value of a recursive definition).
func jsonOf(v interface{ MarshalJSON() ([]byte, error) }) string {
	b, err := v.MarshalJSON()
	if err != nil {
		// The generated encoders do not fail on a decoded event.
		panic("export: encoding a decoded value: " + err.Error())
	}
	return string(b)
}

// resize returns s with length n, reusing its storage; never nil (an
// empty list is not NULL), even for a nil s and n 0.
func resize[T any](s []T, n int) []T {
	if s == nil || cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// path is the JSON Pointer of a value in the event, built as the row is
// filled (on the stack) and rendered only for an unknown member.
type path struct {
	up      *path // nil for the event itself
	key     string
	index   int
	element bool // an array element: index, not key
}

func (p *path) append(b []byte) []byte {
	if p == nil || p.up == nil {
		return b
	}
	b = p.up.append(b)
	b = append(b, '/')
	if p.element {
		return strconv.AppendInt(b, int64(p.index), 10)
	}
	return append(b, pointerEscaper.Replace(p.key)...)
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// unknowns collects the unknown members of one event as a JSON object, from
// the JSON Pointer of each member to its raw value.
type unknowns struct{ b []byte }

func (u *unknowns) reset() { u.b = u.b[:0] }

func (u *unknowns) add(at *path, members []contactevents.UnknownMember) {
	for _, m := range members {
		if len(u.b) == 0 {
			u.b = append(u.b, '{')
		} else {
			u.b = append(u.b, ',')
		}
		ptr := at.append(nil)
		ptr = append(ptr, '/')
		ptr = append(ptr, pointerEscaper.Replace(m.Key)...)
		u.b = codec.AppendString(u.b, string(ptr))
		u.b = append(u.b, ':')
		u.b = append(u.b, m.Value...)
	}
}

// json returns the collected object, or "" (NULL) when there is none.
func (u *unknowns) json() string {
	if len(u.b) == 0 {
		return ""
	}
	return string(u.b) + "}"
}
