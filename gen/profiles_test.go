package main

// Tests of the profile schemas the generator derives (profiles.go): what
// each profile keeps of the source schema's annotations, values, spellings
// and shapes, and that every required property is a property of the
// profile, in the spelling the profile accepts.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// derived returns the profile schemas of a schema, derived in process and
// decoded.
func derived(t *testing.T, path string) (*model, map[string]map[string]any) {
	t.Helper()
	m := loadModel(t, path)
	out := map[string]map[string]any{}
	for _, p := range m.profiles {
		var v map[string]any
		if err := json.Unmarshal(m.deriveProfile(p).marshal(), &v); err != nil {
			t.Fatalf("%s profile: %v", p.name, err)
		}
		out[p.name] = v
	}
	return m, out
}

func defsOf(s map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for k, v := range s["$defs"].(map[string]any) {
		out[k] = v.(map[string]any)
	}
	return out
}

func keysOf(v any) []string {
	m, _ := v.(map[string]any)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestDeriveProfileStripsAnnotations(t *testing.T) {
	m := loadModel(t, realSchema)
	before := m.root.marshal()
	for _, p := range m.profiles {
		var walk func(path string, n *node)
		walk = func(path string, n *node) {
			for _, mm := range n.members {
				if strings.HasPrefix(mm.key, "x-") {
					t.Errorf("%s profile: %s/%s", p.name, path, mm.key)
				}
				walk(path+"/"+mm.key, mm.val)
			}
			for i, it := range n.items {
				walk(path+"/"+itoa(i), it)
			}
		}
		d := m.deriveProfile(p)
		walk("", d)
		if !json.Valid(d.marshal()) {
			t.Errorf("%s profile: not JSON", p.name)
		}
		if got, want := d.getString("$id"), "https://github.com/connectevents/sdk-go/schema/profiles/"+p.name+".schema.json"; got != want {
			t.Errorf("%s profile: $id %q, want %q", p.name, got, want)
		}
		if !strings.HasSuffix(d.getString("title"), " ("+p.name+" profile)") || !strings.HasPrefix(d.getString("description"), "The "+p.name+" profile, derived by the generator") {
			t.Errorf("%s profile: title %q, description %q", p.name, d.getString("title"), d.getString("description"))
		}
	}
	if !bytes.Equal(before, m.root.marshal()) {
		t.Error("deriveProfile changed the source schema's tree")
	}
	if !bytes.Contains(before, []byte(`"x-profiles"`)) {
		t.Error("the source tree lost its annotations")
	}
}

func itoa(i int) string { return string(numNode(i).num) }

func TestStrictProfile(t *testing.T) {
	m, profiles := derived(t, realSchema)
	defs := defsOf(profiles["strict"])
	for _, d := range m.defs {
		if d.kind != kindObject {
			continue
		}
		s := defs[d.name]
		if s["additionalProperties"] != false {
			t.Errorf("strict $defs/%s: additionalProperties %v, want false", d.name, s["additionalProperties"])
		}
		var want []string
		for _, p := range d.props {
			if p.mask&1 != 0 {
				want = append(want, p.name)
			}
		}
		slices.Sort(want)
		if got := keysOf(s["properties"]); !slices.Equal(got, want) {
			t.Errorf("strict $defs/%s: properties %q, want the canonical names %q (no aliases)", d.name, got, want)
		}
		if d.taggedUnion && s["maxProperties"] != 1.0 {
			t.Errorf("strict $defs/%s: a tagged union without maxProperties 1", d.name)
		}
	}
	// Values from the latest page's lists only.
	if got := defs["EventType"]["enum"]; !equalJSON(got, []string{"INITIATED", "CONNECTED_TO_SYSTEM", "CONTACT_DATA_UPDATED", "QUEUED", "CONNECTED_TO_AGENT", "DISCONNECTED", "PAUSED", "RESUMED", "COMPLETED"}) {
		t.Errorf("strict EventType enum %v", got)
	}
	if got := defs["Channel"]["enum"]; !equalJSON(got, []string{"VOICE", "CHAT", "TASK", "EMAIL"}) {
		t.Errorf("strict Channel enum %v", got)
	}
}

func TestCompatProfile(t *testing.T) {
	m, profiles := derived(t, realSchema)
	defs := defsOf(profiles["compat"])
	for _, d := range m.defs {
		s := defs[d.name]
		switch d.kind {
		case kindEnum:
			if _, ok := s["enum"]; ok {
				t.Errorf("compat $defs/%s has an enum: unknown values are warnings", d.name)
			}
			if s["minLength"] != 1.0 || s["type"] != "string" {
				t.Errorf("compat $defs/%s: minLength %v type %v, want 1 and string", d.name, s["minLength"], s["type"])
			}
			var all []string
			for _, v := range d.values {
				all = append(all, v.value)
			}
			if !equalJSON(s["examples"], all) {
				t.Errorf("compat $defs/%s: examples %v, want every value %q", d.name, s["examples"], all)
			}
		case kindObject:
			if _, ok := s["additionalProperties"]; ok {
				t.Errorf("compat $defs/%s restricts additional properties", d.name)
			}
			if _, ok := s["maxProperties"]; ok {
				t.Errorf("compat $defs/%s has maxProperties", d.name)
			}
			var want []string
			for _, p := range d.props {
				want = append(want, p.name)
				for _, a := range p.aliases {
					want = append(want, a.name)
				}
			}
			slices.Sort(want)
			if got := keysOf(s["properties"]); !slices.Equal(got, want) {
				t.Errorf("compat $defs/%s: properties %q, want every spelling %q", d.name, got, want)
			}
		}
	}
}

func TestLegacyProfile(t *testing.T) {
	m, profiles := derived(t, realSchema)
	defs := defsOf(profiles["legacy"])
	for _, c := range []struct {
		def  string
		want []string
	}{
		{"EventType", []string{"INITIATED", "CONNECTED_TO_SYSTEM", "QUEUED", "CONNECTED_TO_AGENT", "DISCONNECTED"}},
		{"InitiationMethod", []string{"INBOUND", "OUTBOUND", "TRANSFER", "CALLBACK", "API", "QUEUE_TRANSFER", "DISCONNECT"}},
		// and SIT_TONE_DETECTED, the canonical value of its SIT_TONE-DETECTED
		{"AnsweringMachineDetectionStatus", []string{"HUMAN_ANSWERED", "VOICEMAIL_BEEP", "VOICEMAIL_NO_BEEP", "AMD_UNRESOLVED", "SIT_TONE_DETECTED", "FAX_MACHINE_DETECTED", "AMD_ERROR", "SIT_TONE-DETECTED"}},
		{"Channel", []string{"VOICE", "CHAT", "TASK", "Voice"}},
		{"DisconnectReason", nil},
	} {
		got := defs[c.def]["enum"]
		if c.want == nil {
			if !equalJSON(got, []string{}) {
				t.Errorf("legacy %s enum %v, want none (the older page does not document it)", c.def, got)
			}
			continue
		}
		if !equalJSON(got, c.want) {
			t.Errorf("legacy %s enum %v, want the older page's %q", c.def, got, c.want)
		}
	}
	// Every legacy value is documented by the older page, its samples or
	// EventBridge, or is the canonical value of a variant they document.
	older := func(ev *enumValue) bool {
		return slices.ContainsFunc(ev.provenance, func(p string) bool { return p == "older" || p == "older-sample" || p == "eventbridge" })
	}
	for _, d := range m.defs {
		if d.kind != kindEnum {
			continue
		}
		for _, v := range defs[d.name]["enum"].([]any) {
			ok := false
			for _, x := range d.values {
				if x.value == v && older(x) || x.canonical == v && older(x) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("legacy %s lists %v, which the older page does not document", d.name, v)
			}
		}
	}
	// Properties of the older page only; the current page's are unknown
	// (allowed: no additionalProperties).
	ce := defs["ContactEvent"]
	for _, name := range []string{"relatedContactId", "campaign", "routingCriteria", "RoutingCriteria", "tags", "EventType"} {
		if _, ok := ce["properties"].(map[string]any)[name]; ok {
			t.Errorf("legacy ContactEvent has %s", name)
		}
	}
	for _, name := range []string{"eventType", "agentInfo", "AgentInfo", "CustomerVoiceActivity"} {
		if _, ok := ce["properties"].(map[string]any)[name]; !ok {
			t.Errorf("legacy ContactEvent lacks %s", name)
		}
	}
	if _, ok := ce["additionalProperties"]; ok {
		t.Error("legacy ContactEvent restricts additional properties")
	}
}

// TestOneOrMany: where a profile does not accept the array shape, the
// property collapses to the object shape ({"$ref": ..., "description"}),
// under every spelling; where it does, the if/then/else stays.
func TestOneOrMany(t *testing.T) {
	_, real := derived(t, realSchema)
	rc := func(p string) map[string]any {
		v, _ := defsOf(real[p])["ContactEvent"]["properties"].(map[string]any)["routingCriteria"].(map[string]any)
		return v
	}
	if s := rc("strict"); s["if"] == nil || s["then"] == nil || s["else"] == nil {
		t.Errorf("strict routingCriteria %v, want both shapes (the data model's list, the samples' object)", s)
	}
	if s := rc("compat"); s["if"] == nil || s["then"] == nil || s["else"] == nil {
		t.Errorf("compat routingCriteria %v, want both shapes", s)
	}
	if s := rc("legacy"); s != nil {
		t.Errorf("legacy routingCriteria %v: the older page does not document it", s)
	}

	_, small := derived(t, filepath.Join("testdata", "oneormany", "schema.json"))
	for _, c := range []struct {
		profile, property string
		array             bool
	}{
		{"strict", "criteria", false},
		{"strict", "targets", false},
		{"compat", "criteria", true},
		{"compat", "Criteria", true},
		{"compat", "targets", true},
		{"legacy", "targets", true}, // its array shape is an older-sample one
	} {
		s := defsOf(small[c.profile])["Record"]["properties"].(map[string]any)[c.property].(map[string]any)
		if got := s["then"] != nil; got != c.array {
			t.Errorf("%s %s: %v", c.profile, c.property, s)
		}
		if !c.array && (s["$ref"] != "#/$defs/Criteria" || s["description"] == nil) {
			t.Errorf("%s %s: %v, want the object shape with the description", c.profile, c.property, s)
		}
	}
}

func equalJSON(got any, want []string) bool {
	g, _ := json.Marshal(got)
	if want == nil {
		want = []string{}
	}
	w, _ := json.Marshal(want)
	return bytes.Equal(g, w) || (len(want) == 0 && string(g) == "null")
}

// TestRequiredAreProperties: in every derived profile, an object requires
// only properties the profile models, in one of their accepted spellings
// (an anyOf of required spellings in allOf, for a property with aliases).
func TestRequiredAreProperties(t *testing.T) {
	schemas := []string{realSchema, filepath.Join("testdata", "bugs", "requiredunknown", "schema.json")}
	for _, c := range goldenCases {
		schemas = append(schemas, filepath.Join("testdata", c, "schema.json"))
	}
	for _, path := range schemas {
		m := loadModel(t, path)
		for _, p := range m.profiles {
			checkRequiredAreProperties(t, path+", "+p.name, m.deriveProfile(p).marshal())
		}
	}
}

// checkRequiredAreProperties fails for every object of a profile schema
// that requires a name that is not among its properties: with
// additionalProperties false no document can satisfy it, and otherwise it
// requires what the profile does not model.
func checkRequiredAreProperties(t *testing.T, profile string, data []byte) {
	t.Helper()
	type required struct {
		Required []string
	}
	var s struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage
			Required   []string
			AllOf      []struct {
				AnyOf []required
			}
		} `json:"$defs"`
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
		t.Fatal(err)
	}
	for name, d := range s.Defs {
		if d.Properties == nil {
			continue
		}
		names := slices.Clone(d.Required)
		for _, a := range d.AllOf {
			for _, r := range a.AnyOf {
				names = append(names, r.Required...)
			}
		}
		var missing []string
		for _, r := range names {
			if _, ok := d.Properties[r]; !ok {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s profile: $defs/%s requires %s, which are not among its properties", profile, name, strings.Join(missing, ", "))
		}
	}
}

// TestRequiredSpellings: a required property is required in any spelling
// the profile accepts, so documents in the samples' PascalCase spellings,
// which the SDK accepts under compat, are valid for the compat profile
// schema too (and strict, which accepts no alias, still requires the
// camelCase names).
func TestRequiredSpellings(t *testing.T) {
	files := generateCase(t, "aliases")
	for _, c := range []struct {
		profile, doc string
		valid        bool
	}{
		{"compat", `{"ContactId": "c"}`, true},
		{"compat", `{"contactId": "c", "AgentInfo": {"AgentArn": "a"}}`, true},
		{"compat", `{"contactId": "c", "AgentInfo": {}}`, false},
		{"legacy", `{"contactId": "c", "AgentInfo": {"AgentArn": "a"}}`, true},
		{"legacy", `{"ContactId": "c"}`, false}, // ContactId is a current-sample spelling
		{"strict", `{"ContactId": "c"}`, false},
	} {
		s := compileProfile(t, c.profile, files[c.profile+".schema.json"])
		if errs := schemaErrors(t, s, []byte(c.doc)); (len(errs) == 0) != c.valid {
			t.Errorf("%s profile of testdata/aliases: %s: errors %q, want valid %v", c.profile, c.doc, errs, c.valid)
		}
	}
	// The real schema's committed profile and the SDK agree on a document
	// in the spellings of the current page's routing-criteria samples.
	doc := []byte(`{"ContactId": "c", "Channel": "VOICE", "InstanceArn": "arn", "InitiationMethod": "INBOUND", "EventType": "QUEUED",
		"QueueInfo": {"QueueArn": "q"}, "AgentInfo": {"AgentArn": "a"}}`)
	if _, err := contactevents.Parse(doc, contactevents.WithProfile(contactevents.Compat)); err != nil {
		t.Fatalf("the SDK rejects the PascalCase document: %v", err)
	}
	data, err := os.ReadFile(filepath.Join("..", "schema", "profiles", "compat.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if errs := schemaErrors(t, compileProfile(t, "compat", data), doc); len(errs) > 0 {
		t.Errorf("schema/profiles/compat.schema.json: a document the SDK accepts under compat fails at %q", errs)
	}
}
