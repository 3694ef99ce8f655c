package bench

import (
	"encoding/json"
	"reflect"
	"regexp"

	"github.com/google/go-cmp/cmp"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestPeersAgree checks that the benchmark compares like with like, on
// both input sets: the SDK accepts every document under compat; every
// decoder peer fills the plain structs exactly as encoding/json does
// (PascalCase keys included, except for the peers that match keys
// exactly: they agree on the documents without such keys); the plain structs agree with the SDK on
// contactId, queueInfo and routingCriteria; every validator accepts every
// document.
// pascalKey finds a PascalCase key other than a segment attribute value's
// (ValueString, ...), which the schema spells so.
var pascalKey = regexp.MustCompile(`"(?:[A-UW-Z]|V[b-z])[a-z]+[A-Za-z]*":`)

func TestPeersAgree(t *testing.T) {
	for _, set := range inputSets(t) {
		for i, doc := range set.docs {
			ev, err := contactevents.Parse(doc)
			if err != nil {
				t.Fatalf("%s %d: %v", set.name, i, err)
			}
			var ref plainEvent
			if err := json.Unmarshal(doc, &ref); err != nil {
				t.Fatalf("%s %d: %v", set.name, i, err)
			}
			for _, p := range decoderPeers[1:] {
				if p.caseSensitive && pascalKey.Match(doc) {
					continue
				}
				var got plainEvent
				if err := p.decode(doc, &got); err != nil {
					t.Errorf("%s %d: %s: %v", set.name, i, p.name, err)
				} else if !reflect.DeepEqual(got, ref) {
					t.Errorf("%s %d: %s decodes differently from encoding/json (-stdlib +peer):\n%s", set.name, i, p.name, cmp.Diff(ref, got))
				}
			}
			if ref.Detail.ContactID != ev.Detail.ContactID || ref.Detail.ContactID == "" {
				t.Errorf("%s %d: plain contactId %q, SDK %q", set.name, i, ref.Detail.ContactID, ev.Detail.ContactID)
			}
			if (ref.Detail.QueueInfo == nil) != (ev.Detail.QueueInfo == nil) ||
				ref.Detail.QueueInfo != nil && ref.Detail.QueueInfo.QueueARN != ev.Detail.QueueInfo.QueueARN {
				t.Errorf("%s %d: plain queueInfo %+v", set.name, i, ref.Detail.QueueInfo)
			}
			if (len(ref.Detail.RoutingCriteria) > 0) != (len(ev.Detail.RoutingCriteria) > 0) {
				t.Errorf("%s %d: plain routingCriteria %q, SDK %d criteria", set.name, i, ref.Detail.RoutingCriteria, len(ev.Detail.RoutingCriteria))
			}
			for _, p := range append(syntaxPeers, schemaPeers...) {
				if err := p.valid(doc); err != nil {
					t.Errorf("%s %d: %s rejects it: %v", set.name, i, p.name, err)
				}
			}
		}
	}
}
