package conformance

// Round trips of the documented samples through the SDK's canonical encoding: what is decoded
// and encoded again decodes to the same event; the canonical form is strict-valid except where a
// sample itself breaks a strict rule; unknown members survive byte for byte; and, compared leaf
// by leaf with an independent decoding of the sample, nothing is lost and nothing invented.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/google/go-cmp/cmp"
)

// parseCompat parses data under compat, failing the test on any error.
func parseCompat(tb testing.TB, name string, data []byte) *contactevents.Event {
	tb.Helper()
	ev, err := contactevents.Parse(data, contactevents.WithProfile(contactevents.Compat))
	if err != nil {
		tb.Fatalf("%s: Parse: %v", name, err)
	}
	return ev
}

func canonical(tb testing.TB, ev *contactevents.Event) []byte {
	tb.Helper()
	b, err := ev.MarshalJSON()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestRoundTrip decodes every repaired event sample under compat, encodes it canonically and
// decodes the encoding: the two events are equal (go-cmp uses Timestamp's Equal method; every
// other field is exported, so no cmpopts are needed), and encoding the second gives the same
// bytes (the canonical form is a fixed point).
func TestRoundTrip(t *testing.T) {
	for _, s := range samples.All() {
		t.Run(s.Name, func(t *testing.T) {
			if s.Kind != "event" {
				// The event pattern is not an event: the SDK says so instead of listing issues.
				_, err := contactevents.Parse(s.Repaired, contactevents.WithProfile(contactevents.Compat))
				var nce *contactevents.NotContactEventError
				if !errors.As(err, &nce) {
					t.Errorf("Parse(event pattern) = %v, want a *NotContactEventError", err)
				}
				return
			}
			ev1 := parseCompat(t, "repaired.json", s.Repaired)
			b1 := canonical(t, ev1)
			ev2 := parseCompat(t, "canonical encoding", b1)
			if diff := cmp.Diff(ev1, ev2); diff != "" {
				t.Errorf("decode(encode(decode(sample))) differs (-first +second):\n%s\ncanonical: %s", diff, b1)
			}
			if b2 := canonical(t, ev2); !bytes.Equal(b1, b2) {
				t.Errorf("the canonical encoding is not a fixed point:\n%s\n%s", b1, b2)
			}
		})
	}
}

// strictRejections lists, per sample, what strict must still reject in the canonical encoding:
// the canonical form fixes spellings, variant values and shapes, but not a value or a
// combination that the current page does not document. Every other sample's canonical encoding
// is strict-valid.
var strictRejections = map[string][]struct {
	InstanceLocation, KeywordLocation string
	Reason                            string
}{
	"02-older-disconnected": {{
		"/detail/queueInfo", "/$defs/ContactEvent/x-rules/1",
		"queueInfo with initiationMethod OUTBOUND, which the current page says does not happen (observation queueinfo-with-outbound)",
	}},
	"06-current-connected-to-agent-routing-criteria": {{
		"/detail/routingCriteria/steps/0/expression", "/$defs/Expression/maxProperties",
		"an Expression with both OrExpression and AndExpression; strict wants a tagged union of exactly one member (the single-criteria array becomes the canonical object)",
	}},
	"07-current-routing-step-expires": {{
		"/detail/updatedProperties/0", "/$defs/UpdatedProperty/enum",
		"updatedProperties \"RoutingCriteria.Step.Status\", sent by the sample but missing from the valid values",
	}},
	// 08-current-connected-to-agent-provided-by-customer's ComparisonOperator
	// "Match" was sample-only on the current page; the latest page lists it,
	// so its canonical encoding is strict-valid.
}

// TestCanonicalIsStrictValid validates the canonical encoding of every event sample under strict
// and expects exactly the issues of strictRejections (all errors; no warnings exist under strict).
// jsonschema agrees on the canonical encodings, except for the x-rule it cannot express.
func TestCanonicalIsStrictValid(t *testing.T) {
	for name := range strictRejections {
		if _, ok := samples.Lookup(name); !ok {
			t.Errorf("strictRejections names unknown sample %s", name)
		}
	}
	for _, s := range samples.Events() {
		t.Run(s.Name, func(t *testing.T) {
			b := canonical(t, parseCompat(t, "repaired.json", s.Repaired))
			out := validateSDK(b, contactevents.Strict)
			type triple struct{ I, K, S string }
			var got, want []triple
			for _, i := range out.Issues {
				got = append(got, triple{i.InstanceLocation, i.KeywordLocation, i.Severity.String()})
			}
			for _, r := range strictRejections[s.Name] {
				want = append(want, triple{r.InstanceLocation, r.KeywordLocation, "error"})
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("strict issues of the canonical encoding (-want +got):\n%s\n%s", diff, b)
			}
			c, err := compareEngines(profileSchema(t, contactevents.Strict), contactevents.Strict, b)
			if err != nil {
				t.Fatal(err)
			}
			if c.Disagreement != "" {
				t.Errorf("the engines disagree on the canonical encoding:\n%s", c.Report())
			}
		})
	}
}

// unknownMember is compact JSON with every kind of value, so that it must come back byte for
// byte (the SDK keeps unknown members verbatim and writes them compacted).
const unknownMember = `{"s":"x\u00e9\"","n":1.50,"e":-2E+3,"b":[true,false,null],"o":{"":{}},"a":[]}`

// TestUnknownPropertiesSurvive adds an unknown member at several depths of a sample and checks
// that the canonical encoding writes it back byte-equal, in the same object.
func TestUnknownPropertiesSurvive(t *testing.T) {
	places := []struct {
		sample string
		object string // pointer of the object that gets the member
	}{
		{"03-current-connected-to-agent", ""},
		{"03-current-connected-to-agent", "/detail"},
		{"03-current-connected-to-agent", "/detail/agentInfo"},
		{"03-current-connected-to-agent", "/detail/agentInfo/hierarchyGroups"},
		{"03-current-connected-to-agent", "/detail/agentInfo/hierarchyGroups/level5"},
		{"03-current-connected-to-agent", "/detail/queueInfo"},
		{"05-current-contact-properties-updated", "/detail/contactLens/conversationalAnalytics/configuration/redactionConfiguration"},
		{"07-current-routing-step-expires", "/detail/routingCriteria"},
		{"07-current-routing-step-expires", "/detail/routingCriteria/steps/1/expiry"},
		{"07-current-routing-step-expires", "/detail/routingCriteria/steps/2/expression/attributeCondition"},
		{"08-current-connected-to-agent-provided-by-customer", "/detail/RoutingCriteria/0/Steps/0/Expression/AttributeCondition/MatchCriteria/AgentsCriteria"},
		{"01-older-connected-to-agent", ""},
		{"01-older-connected-to-agent", "/agentInfo"},
	}
	for _, pl := range places {
		t.Run(pl.sample+pl.object, func(t *testing.T) {
			s, _ := samples.Lookup(pl.sample)
			doc := insertMember(t, s.Repaired, pl.object, "zUnknown", unknownMember)
			b := canonical(t, parseCompat(t, "with an unknown member", doc))
			at := canonicalPointer(t, pl.object) + "/zUnknown"
			got, ok := rawAt(b, at)
			if !ok {
				t.Fatalf("no %s in the canonical encoding %s", at, b)
			}
			if string(got) != unknownMember {
				t.Errorf("%s came back as %s, want %s", at, got, unknownMember)
			}
		})
	}
	// A member written with white space comes back compacted: the canonical encoding does not
	// depend on the input's layout. Its value is otherwise untouched.
	s, _ := samples.Lookup("07-current-routing-step-expires")
	doc := insertMember(t, s.Repaired, "/detail", "zUnknown", "{ \"n\" : 1.50 , \"a\" : [ 1 , 2 ] }")
	got, _ := rawAt(canonical(t, parseCompat(t, "spaced member", doc)), "/detail/zUnknown")
	if string(got) != `{"n":1.50,"a":[1,2]}` {
		t.Errorf("spaced unknown member came back as %s", got)
	}
}

// canonicalPointer maps a pointer into a sample to the same place in the canonical encoding:
// PascalCase keys become camelCase and a single routing criteria loses its array index. Enough
// for the places of TestUnknownPropertiesSurvive.
func canonicalPointer(tb testing.TB, p string) string {
	tb.Helper()
	p = strings.Replace(p, "/RoutingCriteria/0", "/routingCriteria", 1)
	toks := strings.Split(p, "/")
	for i, tok := range toks {
		if tok != "" && tok[0] >= 'A' && tok[0] <= 'Z' {
			toks[i] = strings.ToLower(tok[:1]) + tok[1:]
		}
	}
	return strings.Join(toks, "/")
}

// insertMember inserts "key": value (raw JSON) as the last member of the object at pointer p of
// data, textually, so that the rest of the text stays as it is.
func insertMember(tb testing.TB, data []byte, p, key, value string) []byte {
	tb.Helper()
	start, end, ok := spanAt(data, p)
	if !ok || data[start] != '{' {
		tb.Fatalf("no object at %q", p)
	}
	closing := end - 1
	inner := bytes.TrimSpace(data[start+1 : closing])
	sep := ","
	if len(inner) == 0 {
		sep = ""
	}
	var out []byte
	out = append(out, data[:closing]...)
	out = append(out, sep+strconv.Quote(key)+":"+value...)
	return append(out, data[closing:]...)
}

// spanAt returns the byte span of the value at pointer p in the JSON text data.
func spanAt(data []byte, p string) (start, end int, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var toks []string
	if p != "" {
		for _, t := range strings.Split(p[1:], "/") {
			toks = append(toks, unescapeToken(t))
		}
	}
	return spanIn(dec, data, toks)
}

func spanIn(dec *json.Decoder, data []byte, toks []string) (int, int, bool) {
	// The decoder's offset is after the previous token; skip white space to the value's start.
	start := int(dec.InputOffset())
	for start < len(data) && strings.ContainsRune(" \t\r\n:,", rune(data[start])) {
		start++
	}
	if len(toks) == 0 {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return 0, 0, false
		}
		return start, int(dec.InputOffset()), true
	}
	tok, err := dec.Token()
	if err != nil {
		return 0, 0, false
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return 0, 0, false
			}
			if k == toks[0] {
				return spanIn(dec, data, toks[1:])
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, 0, false
			}
		}
	case json.Delim('['):
		want, err := strconv.Atoi(toks[0])
		if err != nil {
			return 0, 0, false
		}
		for i := 0; dec.More(); i++ {
			if i == want {
				return spanIn(dec, data, toks[1:])
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, 0, false
			}
		}
	}
	return 0, 0, false
}

// rawAt returns the raw text of the value at pointer p of data.
func rawAt(data []byte, p string) ([]byte, bool) {
	s, e, ok := spanAt(data, p)
	if !ok {
		return nil, false
	}
	return data[s:e], true
}

// TestNothingLostNothingInvented compares, for every event sample, the SDK's canonical encoding
// with an independent reading of repaired.json (encoding/json into map[string]any), leaf by leaf,
// keyed by JSON Pointer. The independent reading is normalised with the source schema only: every
// documented key spelling becomes its canonical property (x-aliases), every documented variant
// value its canonical value (x-enum "canonical"), a routingCriteria array of one criteria its
// object (x-shape one-or-many), and numbers are compared as exact rationals (2.0 is 2). The two
// leaf sets must be equal: the SDK loses no value and invents none.
func TestNothingLostNothingInvented(t *testing.T) {
	src := mustSourceSchema(t)
	for _, s := range samples.Events() {
		t.Run(s.Name, func(t *testing.T) {
			orig := mustDecode(t, s.Repaired)
			want := map[string]any{}
			src.flatten(src.rootSchema(orig), orig, "", want)
			b := canonical(t, parseCompat(t, "repaired.json", s.Repaired))
			got := map[string]any{}
			src.flatten(nil, mustDecode(t, b), "", got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("leaves of repaired.json, normalised (-), and of the canonical encoding (+):\n%s", diff)
			}
		})
	}
	// The events constructed from the latest page hold every new object
	// (maps of objects, arrays of objects, booleans, longs): nothing of
	// them is lost either.
	for _, c := range constructedEvents(t) {
		t.Run(c.name, func(t *testing.T) {
			orig := mustDecode(t, c.data)
			want := map[string]any{}
			src.flatten(src.rootSchema(orig), orig, "", want)
			got := map[string]any{}
			src.flatten(nil, mustDecode(t, canonical(t, parseCompat(t, c.name, c.data))), "", got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("leaves of %s, normalised (-), and of the canonical encoding (+):\n%s", c.name, diff)
			}
		})
	}
}

// rootSchema chooses the root's schema as the source schema's if/then/else does: the
// EventBridge event when detail or detail-type is present, else the bare contact event.
func (s *sourceSchema) rootSchema(doc any) map[string]any {
	if m, ok := doc.(map[string]any); ok {
		_, d := m["detail"]
		_, dt := m["detail-type"]
		if d || dt {
			return s.Defs["EventBridgeEvent"]
		}
	}
	return s.Defs["ContactEvent"]
}

// flatten adds the leaves of v, at pointer ptr, to out, normalised by schema (nil: no schema,
// the value is taken as it is). Leaves are scalars, empty objects and empty arrays.
func (s *sourceSchema) flatten(schema map[string]any, v any, ptr string, out map[string]any) {
	schema, def := s.resolve(schema)
	if schema != nil && schema["x-shape"] == "one-or-many" {
		if arr, ok := v.([]any); ok && len(arr) == 1 {
			v = arr[0]
		}
		if _, ok := v.([]any); ok {
			schema, def = s.resolve(schema["then"].(map[string]any))
		} else {
			schema, def = s.resolve(schema["else"].(map[string]any))
		}
	}
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			out[ptr] = "{}"
			return
		}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			var child map[string]any
			key := k
			if schema != nil {
				if canon, ok := s.canonicalKey(schema, k); ok {
					key = canon
					child = schema["properties"].(map[string]any)[canon].(map[string]any)
				} else if ap, ok := schema["additionalProperties"].(map[string]any); ok {
					child = ap
				}
			}
			s.flatten(child, v[k], ptr+"/"+escapeToken(key), out)
		}
	case []any:
		if len(v) == 0 {
			out[ptr] = "[]"
			return
		}
		var items map[string]any
		if schema != nil {
			items, _ = schema["items"].(map[string]any)
		}
		for i, e := range v {
			s.flatten(items, e, ptr+"/"+strconv.Itoa(i), out)
		}
	case string:
		if c, ok := s.EnumCanonical[def][v]; ok {
			v = c
		}
		out[ptr] = v
	case json.Number:
		r, ok := new(big.Rat).SetString(string(v))
		if !ok {
			out[ptr] = fmt.Sprintf("number %s", v)
			return
		}
		out[ptr] = "number " + r.RatString()
	default:
		out[ptr] = v
	}
}
