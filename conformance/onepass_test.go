package conformance

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/connectevents/sdk-go/internal/passes"
)

// countPasses counts the event documents decoded while it is set, and
// clears the hook when the test ends.
func countPasses(t *testing.T) *int {
	n := new(int)
	passes.Decoded = func([]byte) { *n++ }
	t.Cleanup(func() { passes.Decoded = nil })
	return n
}

// TestOneValidatingPass is the SDK's premise, counted: under every profile,
// Parse and Validate decode every documented sample (verbatim, with its
// defects, and repaired) and every constructed latest event exactly once,
// whatever the outcome, and a Decoder decodes every record of every
// delivery format exactly once.
func TestOneValidatingPass(t *testing.T) {
	n := countPasses(t)
	type doc struct {
		name string
		data []byte
	}
	var docs []doc
	for _, s := range samples.All() {
		docs = append(docs, doc{s.Name + " verbatim", s.Verbatim}, doc{s.Name + " repaired", s.Repaired})
	}
	latest, err := filepath.Glob("../contactevents/testdata/latest/*.json")
	if err != nil || len(latest) == 0 {
		t.Fatalf("latest events: %v, %v", latest, err)
	}
	for _, path := range latest {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{filepath.Base(path), data})
	}
	for _, p := range contactevents.Profile("").Values() {
		for _, d := range docs {
			*n = 0
			_, err := contactevents.Parse(d.data, contactevents.WithProfile(p))
			if *n != 1 {
				t.Errorf("%s, %s: Parse decoded it %d times (%v)", p, d.name, *n, err)
			}
			*n = 0
			err = contactevents.Validate(d.data, contactevents.WithProfile(p))
			if *n != 1 {
				t.Errorf("%s, %s: Validate decoded it %d times (%v)", p, d.name, *n, err)
			}
		}
	}

	var repaired [][]byte
	for _, s := range samples.Events() {
		repaired = append(repaired, s.Repaired)
	}
	for _, f := range deliveryFormats {
		for _, p := range contactevents.Profile("").Values() {
			*n = 0
			records := 0
			for range contactevents.NewDecoder(bytes.NewReader(f.batch(repaired)), contactevents.WithProfile(p)).All() {
				records++
			}
			if records != len(repaired) || *n != records {
				t.Errorf("%s, %s: %d records of %d, %d decodes", p, f.name, records, len(repaired), *n)
			}
			if f.single == nil {
				continue
			}
			for i, doc := range repaired {
				*n = 0
				_, err := contactevents.Parse(f.single(doc, i), contactevents.WithProfile(p))
				if *n != 1 {
					t.Errorf("%s, %s, sample %d alone: Parse decoded it %d times (%v)", p, f.name, i, *n, err)
				}
			}
		}
	}
}

// TestSeveralEventsGivenToParse: Parse of several events stops with
// ErrMultipleEvents. The classifier stops reading an EventBridge event at
// its envelope key (the root rule has decided), so the decoder is the one
// to find that another value follows: the first event is decoded once,
// then dropped; several bare events are found several by the classifier,
// before any decode.
func TestSeveralEventsGivenToParse(t *testing.T) {
	n := countPasses(t)
	events := samples.Events()
	first, second := compact(events[1].Repaired), compact(events[2].Repaired)
	for _, tc := range []struct {
		name    string
		payload []byte
		decodes int
	}{
		{"two EventBridge events", append(append(bytes.Clone(first), '\n'), second...), 1},
		{"two bare events", append(append(compact(bareDetail(first)), '\n'), compact(bareDetail(second))...), 0},
	} {
		*n = 0
		if _, err := contactevents.Parse(tc.payload); !errors.Is(err, contactevents.ErrMultipleEvents) {
			t.Errorf("%s: %v, want ErrMultipleEvents", tc.name, err)
		}
		if *n != tc.decodes {
			t.Errorf("%s: %d decodes, want %d", tc.name, *n, tc.decodes)
		}
	}
}
