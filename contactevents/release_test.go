package contactevents

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestKeptDecodeLeavesTheSpareStorageUnused: a decode that keeps its event
// (Parse, a Parser) puts nothing in the decoder's spare storage, which is
// why release resets that storage only after a decode that keeps nothing.
func TestKeptDecodeLeavesTheSpareStorageUnused(t *testing.T) {
	files, err := filepath.Glob("testdata/bench/latest/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("latest events: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, prof := range Profile("").Values() {
			p, _ := prof.codec()
			d := new(decoder)
			d.begin(doc, p, int(defaultOptions.maxDepth), true, false, nil)
			if d.Object(envelopeTypeKeyword) {
				decodeEvent(d, d.newEvent())
			}
			if !reflect.DeepEqual(d.spare, spare{}) {
				t.Errorf("%s under %s: a kept decode used the spare storage", filepath.Base(f), prof)
			}
		}
	}
}
