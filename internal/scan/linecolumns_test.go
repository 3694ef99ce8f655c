package scan

import (
	"slices"
	"testing"
)

// TestLineColumnsIsLineColumn checks LineColumns against LineColumn at every
// offset (and past the end) of texts with several lines, multi-byte and
// invalid UTF-8, in ascending order, then in an order that goes back.
func TestLineColumnsIsLineColumn(t *testing.T) {
	for _, text := range []string{
		"",
		"\n",
		`{"a":1}`,
		"{\n  \"é\": \"日本\",\r\n\t\"b\": [1,\n2]\n}\n",
		"\xff\xe6\x97\n\xe6\x97\xa5\x80x\n\n\xf0\x9f\x98\x80 \"\"",
	} {
		data := []byte(text)
		var offsets []int
		for off := -1; off <= len(data)+1; off++ {
			offsets = append(offsets, off)
		}
		for _, order := range [][]int{offsets, append(slices.Clone(offsets[len(offsets)/2:]), offsets...)} {
			lines, cols := LineColumns(data, order)
			for i, off := range order {
				line, col := LineColumn(data, off)
				if lines[i] != line || cols[i] != col {
					t.Errorf("%q at %d: LineColumns %d:%d, LineColumn %d:%d", text, off, lines[i], cols[i], line, col)
				}
			}
		}
	}
}
