//go:build unix

package contactevents_test

import (
	stdjson "encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestBenchmarkInputs checks that the benchmarks compare like with like, on
// every input set: the SDK accepts every document under compat and keeps
// every member (typed or unknown: its re-encoding decodes to the same
// value, so no peer reads data the SDK drops). That the peers decode the
// same sets alike is conformance/bench's TestPeersAgree.
func TestBenchmarkInputs(t *testing.T) {
	for _, name := range []string{"Compact", "Pretty", "Latest"} {
		set := inputSet(t, name)
		for i, doc := range set.docs {
			ev, err := contactevents.Parse(doc)
			if err != nil {
				t.Fatalf("%s %d: %v", name, i, err)
			}
			var v any
			if err := stdjson.Unmarshal(doc, &v); err != nil {
				t.Fatalf("%s %d: %v", name, i, err)
			}
			if name == "Latest" {
				// The latest events use canonical spellings only, so
				// the SDK's canonical re-encoding must decode to the
				// same value: nothing is dropped. routingCriteria has
				// two shapes for one criteria (object or array of one),
				// and which one the encoder writes is not at stake here.
				var back any
				if err := stdjson.Unmarshal(ev.AppendJSON(nil), &back); err != nil {
					t.Fatalf("%s %d: re-encoding: %v", name, i, err)
				}
				if diff := cmp.Diff(criteriaAsArray(v), criteriaAsArray(back)); diff != "" {
					t.Errorf("%s %d: the SDK's re-encoding differs (-input +re-encoded):\n%s", name, i, diff)
				}
			}
		}
	}
}

// criteriaAsArray returns the decoded event v with a routingCriteria object
// replaced by an array of that one object.
func criteriaAsArray(v any) any {
	if ev, ok := v.(map[string]any); ok {
		if d, ok := ev["detail"].(map[string]any); ok {
			if rc, ok := d["routingCriteria"].(map[string]any); ok {
				d["routingCriteria"] = []any{rc}
			}
		}
	}
	return v
}
