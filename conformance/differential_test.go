package conformance

// The differential test: the SDK's generated validator and an independent JSON Schema
// implementation (santhosh-tekuri/jsonschema/v5, draft 2020-12, format assertions on) running
// the generated profile schemas must reach the same verdict on every sample and on thousands of
// mutants of each, under every profile. The SDK and the profile schemas are generated from one
// source schema by one generator, so agreement shows that the generated Go code implements the
// same rules as the generated schemas, which a JSON Schema validator checks independently.
//
// What is compared, and the normalisations, are in engines_test.go.

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// mutantsPerSample is how many mutants of each sample the differential test checks, each under
// every profile: 2,000 without the race detector (.ci/run runs the package so, about a minute on
// 2 cores). Under -race and -short it checks the first minMutantsPerSample (200) of each, the
// same mutants the full run starts with: the race detector adds nothing to a comparison of
// verdicts (the subtests share only the compiled schemas, which 200 mutants a sample in
// parallel exercise as much), and it made the full sweep take 171 s of the suite's 150 s budget.
const (
	mutantsPerSample    = 2000
	minMutantsPerSample = 200
)

func mutantCount() int {
	if testing.Short() || raceEnabled {
		return minMutantsPerSample
	}
	return mutantsPerSample
}

// sampleMutants returns the mutants of sample i (its repaired.json).
func sampleMutants(tb testing.TB, i int, s samples.Sample, n int) []mutant {
	tb.Helper()
	base, err := decodeAny(s.Repaired)
	if err != nil {
		tb.Fatalf("%s: %v", s.Name, err)
	}
	return newMutator(i, mustSourceSchema(tb).allEnumValues()).mutants(base.(map[string]any), n)
}

// maxReported bounds the disagreements printed per sample, so a systematic one stays readable.
const maxReported = 5

// TestDifferential compares the engines on every repaired sample and on its mutants, under every
// profile, and reports "differential: N cases compared, 0 disagreements". It also checks that the
// keyword location of every error the SDK reports exists in the profile schema (or, for an x-
// rule, in the source schema).
func TestDifferential(t *testing.T) {
	// The comparison allocates much and keeps little: a less eager collector saves a fifth of
	// the CPU time under -race (the process stays near 400 MB).
	defer debug.SetGCPercent(debug.SetGCPercent(800))
	schemas := make([]*jsonschema.Schema, len(profiles))
	for j, p := range profiles {
		schemas[j] = profileSchema(t, p)
	}
	var cases, disagreements, validityOnly atomic.Int64
	check := func(t *testing.T, what string, data []byte) {
		t.Helper()
		doc := mustDecode(t, data)
		for j, p := range profiles {
			c, err := compareDecoded(schemas[j], p, data, doc)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			cases.Add(1)
			if !c.LocationsCompared {
				validityOnly.Add(1)
			}
			for _, i := range c.SDK.Issues {
				if i.Severity == contactevents.SeverityError && !keywordResolves(t, p, i.KeywordLocation) {
					c.Disagreement += fmt.Sprintf("; the SDK's keyword location %s resolves in no schema", i.KeywordLocation)
				}
			}
			if c.Disagreement != "" {
				if disagreements.Add(1) <= maxReported {
					t.Errorf("%s: the engines disagree\ndocument: %s\n%s", what, data, c.Report())
				}
			}
		}
	}
	t.Run("samples", func(t *testing.T) {
		for _, s := range samples.All() {
			check(t, s.Name+"/repaired.json", s.Repaired)
		}
	})
	n := mutantCount()
	t.Run("mutants", func(t *testing.T) {
		for i, s := range samples.All() {
			t.Run(s.Name, func(t *testing.T) {
				t.Parallel()
				ms := sampleMutants(t, i, s, n)
				for _, m := range ms {
					check(t, fmt.Sprintf("%s mutant %d (%s)", s.Name, m.Index, strings.Join(m.Ops, "; ")), m.Data)
				}
			})
		}
	})
	// The events constructed from the latest page's data model hold every
	// new object and value: they and their mutants cover the new fields.
	constructed := constructedEvents(t)
	t.Run("constructed", func(t *testing.T) {
		for j, c := range constructed {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				check(t, c.name, c.data)
				base, err := decodeAny(c.data)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range newMutator(constructedStream+j, mustSourceSchema(t).allEnumValues()).mutants(base.(map[string]any), n) {
					check(t, fmt.Sprintf("%s mutant %d (%s)", c.name, m.Index, strings.Join(m.Ops, "; ")), m.Data)
				}
			})
		}
	})
	t.Logf("%d samples and %d constructed events x %d mutants each, under %d profiles; %d cases compared on validity only (the SDK returned *NotContactEventError, which carries no issues)",
		len(samples.All()), len(constructed), n, len(profiles), validityOnly.Load())
	t.Logf("differential: %d cases compared, %d disagreements", cases.Load(), disagreements.Load())
}

// constructedDir holds events constructed from the latest page's data model
// (not documented samples: the latest page's samples are the current
// page's), one per new object and value; the SDK's acceptance tests use them
// too.
const constructedDir = "../contactevents/testdata/latest"

// constructedStream numbers the mutators of the constructed events apart
// from the samples'.
const constructedStream = 1000

type constructedEvent struct {
	name string
	data []byte
}

func constructedEvents(tb testing.TB) []constructedEvent {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(constructedDir, "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no constructed events in %s (%v)", constructedDir, err)
	}
	var out []constructedEvent
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, constructedEvent{strings.TrimSuffix(filepath.Base(f), ".json"), b})
	}
	return out
}

// TestMutantsAreDeterministic pins the mutator: the same seed gives the same mutants, so a
// failure names a mutant that can be replayed.
func TestMutantsAreDeterministic(t *testing.T) {
	for i, s := range samples.All() {
		a := sampleMutants(t, i, s, 50)
		b := sampleMutants(t, i, s, 50)
		for j := range a {
			if string(a[j].Data) != string(b[j].Data) {
				t.Fatalf("%s mutant %d differs between two runs", s.Name, j)
			}
		}
	}
}

// TestMutationsAllApply checks that every kind of mutation is exercised on the corpus (within the
// first minMutantsPerSample mutants of each sample, which every run checks), so that none is dead
// code that silently narrows the differential test.
func TestMutationsAllApply(t *testing.T) {
	used := map[string]int{}
	for i, s := range samples.All() {
		for _, m := range sampleMutants(t, i, s, minMutantsPerSample) {
			for _, op := range m.Ops {
				used[op[:strings.IndexByte(op, ':')]]++
			}
		}
	}
	for _, mu := range mutations {
		if used[mu.name] == 0 {
			t.Errorf("mutation %s never applied", mu.name)
		}
	}
	t.Logf("mutations applied: %v", used)
}

// TestNormalisationAdditionalProperties names the one deliberate difference in locations: for an
// unknown property under strict, the SDK reports the property (/detail/foo) and jsonschema the
// object (/detail); the comparison maps the SDK's location to its parent.
func TestNormalisationAdditionalProperties(t *testing.T) {
	s, _ := samples.Lookup("03-current-connected-to-agent")
	doc := withMember(t, s.Repaired, []string{"detail"}, "foo", "1")
	out := validateSDK(doc, contactevents.Strict)
	if out.Kind != sdkIssues || len(out.Issues) != 1 {
		t.Fatalf("SDK: %v %v", out.Kind, out.Issues)
	}
	i := out.Issues[0]
	if i.InstanceLocation != "/detail/foo" || i.KeywordLocation != "/$defs/ContactEvent/additionalProperties" {
		t.Errorf("SDK reports %q at %q, want /detail/foo at /$defs/ContactEvent/additionalProperties", i.InstanceLocation, i.KeywordLocation)
	}
	js := mustSchemaLeaves(t, contactevents.Strict, doc)
	if len(js) != 1 || js[0].InstanceLocation != "/detail" || !strings.HasSuffix(js[0].KeywordLocation, "/additionalProperties") {
		t.Errorf("jsonschema reports %v, want one additionalProperties error at /detail", js)
	}
	if loc, _ := sdkErrorLocation(i); loc != "/detail" {
		t.Errorf("normalised SDK location %q, want /detail", loc)
	}
}

// TestNormalisationPropertyNames records that propertyNames needs no normalisation: both
// engines report a bad segment attribute name at the name's own pointer.
func TestNormalisationPropertyNames(t *testing.T) {
	s, _ := samples.Lookup("03-current-connected-to-agent")
	doc := withMember(t, s.Repaired, []string{"detail"}, "segmentAttributes", `{"bad key":{"ValueString":"x"}}`)
	out := validateSDK(doc, contactevents.Strict)
	if out.Kind != sdkIssues || len(out.Issues) != 1 || out.Issues[0].InstanceLocation != "/detail/segmentAttributes/bad key" ||
		out.Issues[0].KeywordLocation != "/$defs/SegmentAttributes/propertyNames/pattern" {
		t.Errorf("SDK: %v", out.Issues)
	}
	js := mustSchemaLeaves(t, contactevents.Strict, doc)
	if len(js) != 1 || schemaLocation(js[0].InstanceLocation) != "/detail/segmentAttributes/bad key" ||
		!strings.HasSuffix(js[0].KeywordLocation, "/propertyNames/pattern") {
		t.Errorf("jsonschema: %v", js)
	}
}

// TestNormalisationPercentEncoding names the second normalisation: jsonschema percent-encodes
// the reference tokens of its instance locations, the SDK does not.
func TestNormalisationPercentEncoding(t *testing.T) {
	s, _ := samples.Lookup("03-current-connected-to-agent")
	doc := withMember(t, s.Repaired, []string{"detail", "tags"}, "Dept Name", "1")
	js := mustSchemaLeaves(t, contactevents.Strict, doc)
	if len(js) != 1 || js[0].InstanceLocation != "/detail/tags/Dept%20Name" {
		t.Fatalf("jsonschema: %v, want one error at /detail/tags/Dept%%20Name", js)
	}
	if got := schemaLocation(js[0].InstanceLocation); got != "/detail/tags/Dept Name" {
		t.Errorf("normalised %q", got)
	}
	out := validateSDK(doc, contactevents.Strict)
	if len(out.Issues) != 1 || out.Issues[0].InstanceLocation != "/detail/tags/Dept Name" {
		t.Errorf("SDK: %v", out.Issues)
	}
}

// TestDepthLimitIsNotASchemaRule documents why the mutator nests at most a few levels: the SDK
// refuses nesting beyond WithMaxDepth (DefaultMaxDepth, 64) with a *SyntaxError, a resource
// limit that no schema keyword expresses, so such documents are outside the comparison.
func TestDepthLimitIsNotASchemaRule(t *testing.T) {
	s, _ := samples.Lookup("03-current-connected-to-agent")
	deep := strings.Repeat(`{"a":`, contactevents.DefaultMaxDepth) + "1" + strings.Repeat("}", contactevents.DefaultMaxDepth)
	doc := withMember(t, s.Repaired, []string{"detail"}, "foo", deep)
	out := validateSDK(doc, contactevents.Compat)
	var se *contactevents.SyntaxError
	if out.Kind != sdkOtherError || !errors.As(out.Err, &se) || !strings.Contains(se.Msg, "depth") {
		t.Errorf("SDK: %v %v, want a *SyntaxError about depth", out.Kind, out.Err)
	}
	if comparableJSONObject(doc) {
		t.Error("comparableJSONObject accepts a document beyond the depth limit")
	}
	if _, err := validateSchema(profileSchema(t, contactevents.Compat), mustDecode(t, doc)); err != nil {
		t.Fatal(err)
	}
}

// TestNotContactEventProbe pins the probe of contactEventProbe: under compat, an event with an
// undocumented source and a rule outside JSON Schema broken (two spellings of one property that
// disagree) is "not a contact event" for the SDK, without issues; the probe, with the documented
// source, shows that its only error is the x- rule, so the engines agree that it is otherwise
// valid.
func TestNotContactEventProbe(t *testing.T) {
	s, _ := samples.Lookup("07-current-routing-step-expires")
	data := withMember(t, s.Repaired, nil, "source", `"aws.partner"`)
	data = withMember(t, data, []string{"detail"}, "Channel", `"VOICE"`)
	if out := validateSDK(data, contactevents.Compat); out.Kind != sdkNotContactEvent {
		t.Fatalf("SDK: %v %v, want *NotContactEventError", out.Kind, out.Err)
	}
	c, err := compareEngines(profileSchema(t, contactevents.Compat), contactevents.Compat, data)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Probed || c.Disagreement != "" || !c.SDKValid || !c.LocationsCompared {
		t.Errorf("probe: %s", c.Report())
	}
	if len(c.SDK.Issues) != 1 || c.SDK.Issues[0].KeywordLocation != "/x-unique-keys" {
		t.Errorf("probe issues: %v, want one /x-unique-keys", c.SDK.Issues)
	}
}

// TestNormalisationEmptyKey names the third normalisation: jsonschema loses the reference token of
// a member whose key is empty; both sides drop empty tokens.
func TestNormalisationEmptyKey(t *testing.T) {
	s, _ := samples.Lookup("03-current-connected-to-agent")
	doc := withMember(t, s.Repaired, []string{"detail", "tags"}, "", "1")
	out := validateSDK(doc, contactevents.Strict)
	if len(out.Issues) != 1 || out.Issues[0].InstanceLocation != "/detail/tags/" {
		t.Errorf("SDK: %v, want one issue at /detail/tags/", out.Issues)
	}
	js := mustSchemaLeaves(t, contactevents.Strict, doc)
	if len(js) != 1 || js[0].InstanceLocation != "/detail/tags" {
		t.Errorf("jsonschema: %v, want one error at /detail/tags (sic)", js)
	}
	if withoutEmptyTokens("/detail/tags/") != "/detail/tags" {
		t.Error("withoutEmptyTokens")
	}
}

// withMember returns the JSON document data with member key set to the raw JSON value at the
// object found by path.
func withMember(tb testing.TB, data []byte, path []string, key, value string) []byte {
	tb.Helper()
	doc := mustDecode(tb, data)
	obj, ok := lookup(doc, path)
	if !ok {
		tb.Fatalf("no %v", path)
	}
	obj.(map[string]any)[key] = mustJSON(value)
	out, err := json.Marshal(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func mustDecode(tb testing.TB, data []byte) any {
	tb.Helper()
	v, err := decodeAny(data)
	if err != nil {
		tb.Fatalf("%v: %s", err, data)
	}
	return v
}

func mustSchemaLeaves(tb testing.TB, p contactevents.Profile, data []byte) []*jsonschema.ValidationError {
	tb.Helper()
	out, err := validateSchema(profileSchema(tb, p), mustDecode(tb, data))
	if err != nil {
		tb.Fatal(err)
	}
	return out.Leaves
}
