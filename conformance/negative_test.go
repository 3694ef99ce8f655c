package conformance

// Negative cases: one small document per schema rule (testdata/negative/*.json), each with the
// exact issues the SDK must report. A case file is
//
//	{
//	  "profile": "strict" | "compat" | "legacy",
//	  "description": "what the case shows",
//	  "document": {...}            (or "raw": "..." for text JSON cannot hold, such as duplicate keys),
//	  "sdkError": "NotContactEventError" (optional: the SDK must return this error, without issues),
//	  "expect": [{"instanceLocation": "...", "keywordLocation": "...", "severity": "error" | "warning"}]
//	}
//
// The SDK's issues (errors and warnings) must equal expect, in any order. jsonschema must agree:
// it reports errors at exactly the instance locations of the expected errors that are not x-
// rules (after the normalisations of engines_test.go), so it accepts a document whose only
// expected errors are x- rules. TestNegativeCoverage walks the source schema and fails for any
// rule without a case.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const negativeDir = "testdata/negative"

// negativeCase is one file of testdata/negative.
type negativeCase struct {
	Name        string          `json:"-"`
	Profile     string          `json:"profile"`
	Description string          `json:"description"`
	Document    json.RawMessage `json:"document,omitempty"`
	Raw         *string         `json:"raw,omitempty"`
	SDKError    string          `json:"sdkError,omitempty"`
	Expect      []expectedIssue `json:"expect"`
}

type expectedIssue struct {
	InstanceLocation string `json:"instanceLocation"`
	KeywordLocation  string `json:"keywordLocation"`
	Severity         string `json:"severity"`
}

// data returns the bytes the case validates.
func (c negativeCase) data() []byte {
	if c.Raw != nil {
		return []byte(*c.Raw)
	}
	return c.Document
}

func loadNegativeCases(tb testing.TB) []negativeCase {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(negativeDir, "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no negative cases in %s (%v)", negativeDir, err)
	}
	var out []negativeCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var c negativeCase
		if err := dec.Decode(&c); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		c.Name = strings.TrimSuffix(filepath.Base(f), ".json")
		if (c.Raw == nil) == (c.Document == nil) {
			tb.Fatalf("%s: give exactly one of document and raw", f)
		}
		if !slices.Contains(profiles, contactevents.Profile(c.Profile)) {
			tb.Fatalf("%s: unknown profile %q", f, c.Profile)
		}
		if c.SDKError != "" && c.SDKError != "NotContactEventError" {
			tb.Fatalf("%s: unknown sdkError %q", f, c.SDKError)
		}
		out = append(out, c)
	}
	return out
}

func sortIssues(xs []expectedIssue) []expectedIssue {
	xs = slices.Clone(xs)
	slices.SortFunc(xs, func(a, b expectedIssue) int {
		return strings.Compare(a.InstanceLocation+"\x00"+a.KeywordLocation+"\x00"+a.Severity, b.InstanceLocation+"\x00"+b.KeywordLocation+"\x00"+b.Severity)
	})
	return xs
}

// TestNegativeCases runs every case: the SDK's issues must equal expect, and jsonschema must
// reject at the same locations, or accept when only x- rules are broken.
func TestNegativeCases(t *testing.T) {
	for _, c := range loadNegativeCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			p := contactevents.Profile(c.Profile)
			data := c.data()
			out := validateSDK(data, p)
			switch {
			case c.SDKError != "":
				if out.Kind != sdkNotContactEvent {
					t.Errorf("SDK: %v %v, want *%s", out.Kind, out.Err, c.SDKError)
				}
			case out.Kind != sdkValid && out.Kind != sdkIssues:
				t.Errorf("SDK: %v %v, want issues", out.Kind, out.Err)
			default:
				var got []expectedIssue
				for _, i := range out.Issues {
					got = append(got, expectedIssue{i.InstanceLocation, i.KeywordLocation, i.Severity.String()})
				}
				for _, i := range out.Issues {
					if i.Severity == contactevents.SeverityError && !keywordResolves(t, p, i.KeywordLocation) {
						t.Errorf("keyword location %s resolves in no schema", i.KeywordLocation)
					}
				}
				if diff := cmp.Diff(sortIssues(c.Expect), sortIssues(got), cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s\nSDK issues (-expect +got):\n%s", c.Description, diff)
				}
			}

			// jsonschema: the expected errors that JSON Schema can express, at its locations.
			want := map[string]bool{}
			for _, e := range c.Expect {
				i := contactevents.Issue{InstanceLocation: e.InstanceLocation, KeywordLocation: e.KeywordLocation, Severity: contactevents.SeverityWarning}
				if e.Severity == "error" {
					i.Severity = contactevents.SeverityError
				}
				if loc, ok := sdkErrorLocation(i); ok {
					want[withoutEmptyTokens(loc)] = true
				}
			}
			cmpr, err := compareEngines(profileSchema(t, p), p, data)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sortedKeys(want), cmpr.SchemaLocs) {
				t.Errorf("%s\njsonschema errors at %q, want %q\n%s", c.Description, cmpr.SchemaLocs, sortedKeys(want), cmpr.Report())
			}
			if cmpr.Disagreement != "" {
				t.Errorf("the engines disagree:\n%s", cmpr.Report())
			}
		})
	}
}

// ruleKeywords are the keywords whose every occurrence in the source schema needs a negative
// case ("required" once per required property, "x-rules" once per rule).
var ruleKeywords = []string{"type", "enum", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems",
	"pattern", "format", "minProperties", "maxProperties", "required", "x-rules"}

// strictOnly are the keywords that must be covered under strict: the enums (compat does not
// have them) and the keywords the strict profile adds (additionalProperties: false,
// maxProperties of tagged unions).
var strictOnly = []string{"enum", "additionalProperties", "maxProperties"}

// uncoverable lists rule occurrences that no document can break through the SDK, with why.
var uncoverable = map[string]string{
	"/$defs/ContactEvent/properties/routingCriteria/if/type":   "the condition of if/then/else: not an assertion",
	"/$defs/ContactEvent/properties/routingCriteria/then/type": "unreachable: then applies only when if has found an array",
	"/$defs/EventBridgeEvent/type": "reached only by a root that is not an object, which the SDK reports at keyword /type " +
		"(see TestRootTypeKeyword); a non-object detail is covered at /$defs/ContactEvent/type",
}

// schemaRules returns every rule occurrence of the source schema's $defs, plus the
// additionalProperties and maxProperties that the strict profile adds, plus /x-unique-keys.
// A required property is "<pointer>#<property>".
func schemaRules(tb testing.TB) []string {
	src := mustSourceSchema(tb)
	var out []string
	var walk func(node any, ptr string)
	walk = func(node any, ptr string) {
		m, ok := node.(map[string]any)
		if !ok {
			if a, ok := node.([]any); ok {
				for i, e := range a {
					walk(e, ptr+"/"+strconv.Itoa(i))
				}
			}
			return
		}
		// The members of "properties" are property names, not keywords (a
		// property may be named "type").
		names := strings.HasSuffix(ptr, "/properties")
		for k, v := range m {
			p := ptr + "/" + escapeToken(k)
			switch {
			case names:
			case k == "required":
				for _, r := range v.([]any) {
					out = append(out, p+"#"+r.(string))
				}
			case k == "x-rules":
				for i := range v.([]any) {
					out = append(out, p+"/"+strconv.Itoa(i))
				}
			case slices.Contains(ruleKeywords, k):
				out = append(out, p)
			}
			if k == "description" || strings.HasPrefix(k, "x-") || k == "enum" || k == "required" {
				continue
			}
			walk(v, p)
		}
	}
	walk(src.Root["$defs"], "/$defs")
	raw, err := rawProfiles()
	if err != nil {
		tb.Fatal(err)
	}
	for name, d := range raw[contactevents.Strict]["$defs"].(map[string]any) {
		def := d.(map[string]any)
		if def["additionalProperties"] == false {
			out = append(out, "/$defs/"+name+"/additionalProperties")
		}
		if _, ok := def["maxProperties"]; ok {
			out = append(out, "/$defs/"+name+"/maxProperties")
		}
	}
	out = append(out, "/x-unique-keys")
	slices.Sort(out)
	return slices.Compact(out)
}

// coveredRules returns the rule occurrences the negative cases break, as schemaRules names
// them.
func coveredRules(tb testing.TB, cases []negativeCase) map[string][]string {
	src := mustSourceSchema(tb)
	covered := map[string][]string{}
	for _, c := range cases {
		var doc any
		if v, err := decodeAny(c.data()); err == nil {
			doc = v
		}
		for _, e := range c.Expect {
			k := e.KeywordLocation
			kw := k[strings.LastIndexByte(k, '/')+1:]
			if slices.Contains(strictOnly, kw) && c.Profile != string(contactevents.Strict) {
				continue
			}
			if kw != "required" {
				covered[k] = append(covered[k], c.Name)
				continue
			}
			// Which required properties are missing at the object?
			def := strings.TrimSuffix(strings.TrimPrefix(k, "/$defs/"), "/required")
			obj, _ := lookupPointer(doc, e.InstanceLocation).(map[string]any)
			for _, r := range src.Defs[def]["required"].([]any) {
				if _, ok := obj[r.(string)]; !ok {
					covered[k+"#"+r.(string)] = append(covered[k+"#"+r.(string)], c.Name)
				}
			}
		}
	}
	return covered
}

// TestNegativeCoverage fails for every rule of the schema without a negative case.
func TestNegativeCoverage(t *testing.T) {
	rules := schemaRules(t)
	covered := coveredRules(t, loadNegativeCases(t))
	n := 0
	for _, r := range rules {
		if why, ok := uncoverable[r]; ok {
			if len(covered[r]) > 0 {
				t.Errorf("%s is listed as uncoverable (%s) but %v cover it", r, why, covered[r])
			}
			continue
		}
		n++
		if len(covered[r]) == 0 {
			t.Errorf("no negative case for %s (under strict, if the keyword is one of %v)", r, strictOnly)
		}
	}
	for r := range uncoverable {
		if !slices.Contains(rules, r) {
			t.Errorf("uncoverable lists %s, which is not a rule of the schema", r)
		}
	}
	t.Logf("negative rules: %d rules of the schema, each with a case (%d more not coverable); %d case files", n, len(uncoverable), len(loadNegativeCases(t)))
}

// negativeRuleCount is the number of coverable schema rules, each of which has a negative case.
func negativeRuleCount(tb testing.TB) int {
	n := 0
	for _, r := range schemaRules(tb) {
		if _, ok := uncoverable[r]; !ok {
			n++
		}
	}
	return n
}
