package contactevents

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/schema"
)

// TestSchemaFactsMatchTheSchema checks the generated facts of schema_gen.go
// against the embedded schemas, read here with encoding/json rather than by
// the generator: the root rule's keys, the two keyword locations (which
// must exist in every profile schema), and the spellings of the members
// that identify a contact event.
func TestSchemaFactsMatchTheSchema(t *testing.T) {
	var src struct {
		If struct {
			AnyOf []struct {
				Required []string `json:"required"`
			} `json:"anyOf"`
		} `json:"if"`
		Defs map[string]struct {
			Required   []string `json:"required"`
			Properties map[string]struct {
				Aliases []struct {
					Name string `json:"name"`
				} `json:"x-aliases"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.Source(), &src); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, alt := range src.If.AnyOf {
		keys = append(keys, alt.Required...)
	}
	if !slices.Equal(keys, rootRuleKeys) {
		t.Errorf("rootRuleKeys = %q, the schema's root if requires one of %q", rootRuleKeys, keys)
	}
	for _, k := range append(keys, "detail-typ", "Detail", "", "eventType") {
		if isEnvelopeKey(k) != slices.Contains(keys, k) {
			t.Errorf("isEnvelopeKey(%q) = %v", k, isEnvelopeKey(k))
		}
		// The delivery layer applies the same rule while it unwraps records
		// (it reads keys with its own probe): it must agree with the schema,
		// on well-formed and on malformed documents alike.
		want := FormatDetail
		if isEnvelopeKey(k) {
			want = FormatEventBridge
		}
		for _, doc := range []string{`{"` + k + `":{}}`, `{"` + k + `":{},}`} {
			if got, _ := DetectFormat([]byte(doc)); got != want {
				t.Errorf("DetectFormat(%s) = %s, want %s by the schema's root rule", doc, got, want)
			}
		}
	}

	for _, p := range Profile("").Values() {
		data, err := schema.Profile(string(p))
		if err != nil {
			t.Fatal(err)
		}
		var prof struct {
			Defs map[string]struct {
				Type string `json:"type"`
			} `json:"$defs"`
		}
		if err := json.Unmarshal(data, &prof); err != nil {
			t.Fatal(err)
		}
		for _, kw := range []string{envelopeTypeKeyword, contactEventTypeKeyword} {
			name, ok := strings.CutPrefix(kw, "/$defs/")
			name, ok2 := strings.CutSuffix(name, "/type")
			if !ok || !ok2 || prof.Defs[name].Type != "object" {
				t.Errorf("%s: %s is not the type keyword of an object definition", p, kw)
			}
		}
	}

	ce := src.Defs["ContactEvent"]
	if len(identifyingKeys) != len(ce.Required) {
		t.Errorf("identifyingKeys has %d members, ContactEvent requires %d", len(identifyingKeys), len(ce.Required))
	}
	for _, name := range ce.Required {
		want := []string{name}
		for _, a := range ce.Properties[name].Aliases {
			want = append(want, a.Name)
		}
		if got := identifyingKeys[name]; !slices.Equal(got, want) {
			t.Errorf("identifyingKeys[%q] = %q, want %q", name, got, want)
		}
	}
}
