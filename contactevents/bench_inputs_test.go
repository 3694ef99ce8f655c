//go:build unix

package contactevents_test

import (
	stdjson "encoding/json"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	segjson "github.com/segmentio/encoding/json"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestBenchmarkInputs checks that the benchmarks compare like with like, on
// every input set: the SDK accepts every document under compat and keeps
// every member (typed or unknown: its re-encoding decodes to the same
// value, so no baseline reads data the SDK drops); both generic decoders
// fill the plain structs identically, PascalCase keys included, and agree
// with the SDK on contactId, queueInfo and routingCriteria; and the
// jsonschema baseline accepts every document (it only validates, it builds
// no error).
func TestBenchmarkInputs(t *testing.T) {
	sch, err := compatSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Compact", "Pretty", "Latest"} {
		set := inputSet(t, name)
		for i, doc := range set.docs {
			ev, err := contactevents.Parse(doc)
			if err != nil {
				t.Fatalf("%s %d: %v", name, i, err)
			}
			var std, seg plainEvent
			if err := stdjson.Unmarshal(doc, &std); err != nil {
				t.Fatalf("%s %d: %v", name, i, err)
			}
			if err := segjson.Unmarshal(doc, &seg); err != nil {
				t.Fatalf("%s %d: %v", name, i, err)
			}
			if !reflect.DeepEqual(std, seg) {
				t.Errorf("%s %d: stdlib and segmentio decode differently:\n%+v\n%+v", name, i, std, seg)
			}
			if std.Detail.ContactID != ev.Detail.ContactID || std.Detail.ContactID == "" {
				t.Errorf("%s %d: plain contactId %q, SDK %q", name, i, std.Detail.ContactID, ev.Detail.ContactID)
			}
			if (std.Detail.QueueInfo == nil) != (ev.Detail.QueueInfo == nil) ||
				std.Detail.QueueInfo != nil && std.Detail.QueueInfo.QueueARN != ev.Detail.QueueInfo.QueueARN {
				t.Errorf("%s %d: plain queueInfo %+v", name, i, std.Detail.QueueInfo)
			}
			if (len(std.Detail.RoutingCriteria) > 0) != (len(ev.Detail.RoutingCriteria) > 0) {
				t.Errorf("%s %d: plain routingCriteria %q, SDK %d criteria", name, i, std.Detail.RoutingCriteria, len(ev.Detail.RoutingCriteria))
			}
			var v any
			if err := stdjson.Unmarshal(doc, &v); err != nil {
				t.Fatalf("%s %d: %v", name, i, err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s %d: rejected by %s: %v", name, i, compatSchemaPath, err)
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
