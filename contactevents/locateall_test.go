package contactevents_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestLocateAllIsLocate checks LocateAll against Locate, pointer by
// pointer, on documents and pointers that Locate answers inexactly:
// missing members, members of scalars, array tokens Locate does or does not
// read as indexes, escaped tokens, repeated keys, white space and lines,
// malformed documents (where the walk gives way to Locate).
func TestLocateAllIsLocate(t *testing.T) {
	for _, doc := range locateDocs {
		// With and without tokens that name one element twice ("+1" and
		// "1"), which the walk leaves to Locate.
		for _, set := range [][]string{locatePointers, slices.DeleteFunc(slices.Clone(locatePointers), func(p string) bool { return p == "/arr/+1" || p == "/arr/-0" })} {
			var ptrs []string
			for range 3 { // many, repeated, in no particular order
				ptrs = append(ptrs, set...)
				for i := len(set) - 1; i >= 0; i-- {
					ptrs = append(ptrs, set[i])
				}
			}
			checkLocateAll(t, []byte(doc), ptrs)
		}
	}
}

// FuzzLocateAll checks LocateAll against Locate, pointer by pointer, on any
// document and any pointers (one a line).
func FuzzLocateAll(f *testing.F) {
	for _, doc := range locateDocs {
		f.Add([]byte(doc), strings.Join(locatePointers, "\n"))
	}
	f.Fuzz(func(t *testing.T, doc []byte, pointers string) {
		checkLocateAll(t, doc, strings.Split(pointers, "\n"))
	})
}

func checkLocateAll(t *testing.T, doc []byte, ptrs []string) {
	t.Helper()
	got := contactevents.LocateAll(doc, ptrs)
	if len(got) != len(ptrs) {
		t.Fatalf("%q: LocateAll gave %d positions for %d pointers", doc, len(got), len(ptrs))
	}
	for i, p := range ptrs {
		if want, _ := contactevents.Locate(doc, p); got[i] != want {
			t.Errorf("%q %q: LocateAll %+v, Locate %+v", doc, p, got[i], want)
		}
	}
}

var (
	locatePointers = []string{
		"", "/", "x", "/a", "/a/b", "/a/b/c", "/a/missing", "/a/missing/deeper", "/a/b/c/d",
		"/arr/0", "/arr/1", "/arr/1/k", "/arr/+1", "/arr/01", "/arr/-1", "/arr/-0", "/arr/9", "/arr/x",
		"/e~1f", "/e~0f", "/e~01", "/~1", "/dup", "/dup/v", "/é", "/last", "/arr/2/0/0", "/arr/2/0",
	}
	locateDocs = []string{
		`{"a":{"b":{"c":1}},"arr":[1,{"k":"v"},[[true]]],"e/f":2,"e~f":3,"e~1":4,"/":5,"dup":{"v":1},"dup":{"v":2},"é":"日本","last":null}`,
		"\n {\n\t\"é\": \"日本\",\r\n  \"a\" : { \"b\" : [ ] } ,\n \"arr\": [\n0 ,\n {\"k\":\n1}\n],\n\"last\": 1 }\n",
		`{"arr":[1,2]}`,
		`[1,2]`,
		`"a string"`,
		``,
		`   `,
		`{"a":{"b":1},}`,
		`{"a":{"b":1,"x":[1,}},"last":1}`,
		`{"a":{"b":1},"last":`,
		`{"a":{"b":1}} trailing`,
		`{"a":{"b":1},"arr":[01]}`,
		`}`,
	}
)

// Locating every issue of an event at once, as a tool reporting them does.
func ExampleLocateAll() {
	doc := []byte("{\n  \"eventType\": \"QUEUED\",\n  \"detail\": {\"a\": 1, \"b\": [true]}\n}")
	for i, p := range contactevents.LocateAll(doc, []string{"/detail/b/0", "/eventType", "/detail/missing"}) {
		fmt.Printf("%d: line %d, column %d\n", i, p.Line, p.Column)
	}
	// Output:
	// 0: line 3, column 28
	// 1: line 2, column 16
	// 2: line 3, column 13
}

// A pointer far deeper than the document (a million tokens) is located as
// Locate locates it, without a recursion per token.
func TestLocateAllDeepPointer(t *testing.T) {
	doc := []byte(`{"a":{"a":[1]},"b":2}`)
	deep := strings.Repeat("/a", 1_000_000)
	checkLocateAll(t, doc, []string{deep, "/b", deep + "/x", "/a/a/0" + deep})
}
