package conformance

import (
	"reflect"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/google/go-cmp/cmp"
)

// FuzzParser parses arbitrary input with a Parser whose storage a sample's
// event has used, under every profile: the result must be Parse's (the
// same event, field for field, and the same error), and the next event the
// Parser parses must not see anything of it (its maps, slices and objects
// are handed out again).
//
//	go test -run XXX -fuzz FuzzParser -fuzztime 3m ./conformance
func FuzzParser(f *testing.F) {
	addSeeds(f)
	var before, after []byte
	for _, s := range samples.Events() {
		if s.Name == "06-current-connected-to-agent-routing-criteria" {
			before = s.Repaired // maps, slices, routing criteria
		}
		if s.Name == "04-current-disconnected" {
			after = s.Repaired
		}
	}
	if before == nil || after == nil {
		f.Fatal("samples 06 and 04 not found")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, prof := range profiles {
			opt := contactevents.WithProfile(prof)
			p := contactevents.NewParser(opt)
			for i, doc := range [][]byte{before, data, after} {
				got, gotErr := p.Parse(doc)
				want, wantErr := contactevents.Parse(doc, opt)
				if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
					t.Fatalf("%s: document %d: Parser error %v, Parse's %v\ninput: %q", prof, i, gotErr, wantErr, doc)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: document %d: the Parser's event differs from Parse's (-Parse +Parser):\n%s\ninput: %q", prof, i, cmp.Diff(want, got, unknownJSONEqual), doc)
				}
			}
		}
	})
}
