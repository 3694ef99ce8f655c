package contactevents_test

import (
	"fmt"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

func TestLocate(t *testing.T) {
	doc := []byte("{\n  \"a\": [1, {\"b~/\": \"x\"}],\n  \"c\\u0064\": {\"e\": null}\n}")
	for _, tc := range []struct {
		ptr       string
		line, col int
		exact     bool
	}{
		{"", 1, 1, true},
		{"/a", 2, 8, true},
		{"/a/1", 2, 12, true},
		{"/a/1/b~0~1", 2, 20, true},
		{"/cd/e", 3, 20, true}, // an escaped key is matched unescaped
		{"/a/7", 2, 8, false},
		{"/a/01", 2, 8, false},
		{"/missing/x", 1, 1, false},
		{"a", 1, 1, false},
	} {
		pos, exact := contactevents.Locate(doc, tc.ptr)
		if pos.Line != tc.line || pos.Column != tc.col || exact != tc.exact {
			t.Errorf("Locate(%q) = %d:%d exact %v, want %d:%d %v", tc.ptr, pos.Line, pos.Column, exact, tc.line, tc.col, tc.exact)
		}
		if want := contactevents.PositionOf(doc, pos.Offset); pos != want {
			t.Errorf("Locate(%q) = %+v, PositionOf its offset = %+v", tc.ptr, pos, want)
		}
	}
	// Malformed input: no panic, the deepest position reached before the
	// defect.
	for _, tc := range []struct {
		in   string
		line int
		col  int
	}{
		{"", 1, 1}, {"{", 1, 1}, {`{"a"`, 1, 1}, {`{"a":`, 1, 6}, {`{"a":[1,`, 1, 7},
		{`[`, 1, 1}, {`"x`, 1, 1}, {`{"a":1 "b":2}`, 1, 6}, {"{\"b\":1,\n\"a\":[{,]}", 2, 6},
	} {
		pos, exact := contactevents.Locate([]byte(tc.in), "/a/0/b")
		if exact || pos.Line != tc.line || pos.Column != tc.col {
			t.Errorf("Locate(%q) = %d:%d exact %v, want %d:%d not exact", tc.in, pos.Line, pos.Column, exact, tc.line, tc.col)
		}
	}
}

func ExampleLocate() {
	payload := []byte(`{
  "eventType": "QUEUED",
  "channel": "Voice"
}`)
	pos, _ := contactevents.Locate(payload, "/channel")
	fmt.Printf("line %d, column %d\n", pos.Line, pos.Column)
	// Output: line 3, column 14
}
