package codec

import (
	"bytes"
	"math"
	"slices"
	"strconv"

	"github.com/segmentio/encoding/json"
)

// AppendString appends s as a JSON string. HTML characters are not escaped:
// the canonical form is for machines, and escaping them would change bytes
// that were never special in JSON.
func AppendString(b []byte, s string) []byte { return json.AppendEscape(b, s, 0) }

// AppendKey appends "key": .
func AppendKey(b []byte, key string) []byte {
	return append(AppendString(b, key), ':')
}

// AppendFloat appends f as the shortest JSON number that reads back as f,
// in the same notation as encoding/json (exponent only below 1e-6 and from
// 1e21 on).
func AppendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// AppendRaw appends a kept raw JSON value in compact form, so that the
// canonical encoding does not depend on the input's white space.
func AppendRaw(b []byte, raw []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return append(b, raw...)
	}
	return append(b, buf.Bytes()...)
}

// CloseObject finishes an object whose members were each appended with a
// leading comma from start on: the first comma becomes '{', or the object
// is empty.
func CloseObject(b []byte, start int) []byte {
	if len(b) == start {
		return append(b, '{', '}')
	}
	b[start] = '{'
	return append(b, '}')
}

// SortedKeys appends a map's keys to keys (usually an empty slice of a
// stack array) and returns them in order, for byte-stable output.
func SortedKeys[V any](m map[string]V, keys []string) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
