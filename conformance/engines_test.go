package conformance

// This file holds what the differential, negative and fuzz tests share: the two validation
// engines (the SDK and github.com/santhosh-tekuri/jsonschema/v5 running the generated profile
// schemas), and the normalisation that makes their reports comparable.
//
// The engines are compared on two things only: whether the document is valid, and the set of
// instance locations (JSON Pointers) of the errors. Keyword locations are not compared: the SDK
// reports the keyword in the profile schema's $defs ("/$defs/Channel/enum"), jsonschema the
// dynamic path through $ref ("/then/$ref/properties/detail/$ref/properties/channel/$ref/enum").
// Messages are not compared either.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// profiles lists the validation profiles in the schema's order.
var profiles = contactevents.Profile("").Values()

// profileSchemaDir is where the generated profile schemas live, relative to this package.
const profileSchemaDir = "../schema/profiles"

// compiledProfiles compiles the three profile schemas once. They are read from the files the
// generator writes (not from an embedded copy), so that the test sees exactly what is shipped.
var compiledProfiles = sync.OnceValues(func() (map[contactevents.Profile]*jsonschema.Schema, error) {
	out := make(map[contactevents.Profile]*jsonschema.Schema)
	for _, p := range profiles {
		file := filepath.Join(profileSchemaDir, string(p)+".schema.json")
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var head struct {
			ID string `json:"$id"`
		}
		if err := json.Unmarshal(data, &head); err != nil || head.ID == "" {
			return nil, fmt.Errorf("%s: no $id (%v)", file, err)
		}
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		c.AssertFormat = true // date-time is an assertion in every profile
		if err := c.AddResource(head.ID, bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		s, err := c.Compile(head.ID)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		out[p] = s
	}
	return out, nil
})

// profileSchema returns the compiled schema of p, failing the test if the schemas do not
// compile.
func profileSchema(tb testing.TB, p contactevents.Profile) *jsonschema.Schema {
	tb.Helper()
	m, err := compiledProfiles()
	if err != nil {
		tb.Fatalf("compiling the profile schemas: %v", err)
	}
	return m[p]
}

// decodeAny decodes one JSON document the way jsonschema's own loader does (encoding/json,
// numbers as json.Number).
func decodeAny(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if rest := bytes.Trim(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, errors.New("data after the top-level value")
	}
	return v, nil
}

// sdkKind says what the SDK's Validate returned.
type sdkKind int

const (
	sdkValid           sdkKind = iota // nil
	sdkIssues                         // *ValidationError: the issues are known
	sdkNotContactEvent                // *NotContactEventError: invalid, without issues
	sdkOtherError                     // anything else (syntax, size, ...): not comparable
)

func (k sdkKind) String() string {
	switch k {
	case sdkValid:
		return "valid"
	case sdkIssues:
		return "ValidationError"
	case sdkNotContactEvent:
		return "NotContactEventError"
	}
	return "other error"
}

// sdkOutcome is what the SDK said about one document under one profile.
type sdkOutcome struct {
	Kind   sdkKind
	Err    error
	Issues []contactevents.Issue // all issues, errors and warnings, as reported
}

// validateSDK runs contactevents.Validate with the profile, collecting warnings of valid
// events too (WithWarnings), so that Issues is complete either way.
func validateSDK(data []byte, p contactevents.Profile, opts ...contactevents.Option) sdkOutcome {
	var warnings []contactevents.Issue
	opts = append([]contactevents.Option{
		contactevents.WithProfile(p),
		contactevents.WithWarnings(func(i contactevents.Issue) { warnings = append(warnings, i) }),
	}, opts...)
	err := contactevents.Validate(data, opts...)
	var ve *contactevents.ValidationError
	var nce *contactevents.NotContactEventError
	switch {
	case err == nil:
		return sdkOutcome{Kind: sdkValid, Issues: warnings}
	case errors.As(err, &ve):
		return sdkOutcome{Kind: sdkIssues, Err: err, Issues: ve.Issues}
	case errors.As(err, &nce):
		return sdkOutcome{Kind: sdkNotContactEvent, Err: err}
	}
	return sdkOutcome{Kind: sdkOtherError, Err: err}
}

// isRuleOutsideJSONSchema reports whether an SDK issue is about one of the documented rules that
// JSON Schema cannot express: duplicate keys and two spellings of one property (/x-unique-keys),
// the x-rules of ContactEvent (task expiry, queueInfo with OUTBOUND) and integers beyond int64
// (/x-int64). They are left out of the engine comparison.
func isRuleOutsideJSONSchema(i contactevents.Issue) bool {
	return strings.Contains(i.KeywordLocation, "/x-")
}

// sdkErrorLocation returns the instance location under which an SDK error is compared with
// jsonschema, and whether it takes part at all (warnings and x- rules do not).
//
// Normalisation 1, additionalProperties: for an unknown property the SDK reports the property's
// own pointer (/detail/foo, so that a person sees which key), while jsonschema reports the
// object that has it (/detail), as the specification's additionalProperties keyword does. The
// SDK's location is mapped to its parent. TestNormalisationAdditionalProperties pins this.
//
// required is reported at the object by both engines (the SDK once per missing property,
// jsonschema once per object), and propertyNames at the property's own pointer by both
// (TestNormalisationPropertyNames), so neither needs a mapping.
func sdkErrorLocation(i contactevents.Issue) (string, bool) {
	if i.Severity != contactevents.SeverityError || isRuleOutsideJSONSchema(i) {
		return "", false
	}
	if strings.HasSuffix(i.KeywordLocation, "/additionalProperties") {
		return parentPointer(i.InstanceLocation), true
	}
	return i.InstanceLocation, true
}

// shadowedLocations returns the locations of values that the SDK judged by a rule outside JSON
// Schema instead of the schema's keywords, so that errors at or below them are left out on both
// sides:
//
//   - /x-unique-keys: the second value of a key given twice, or the second of two documented
//     spellings of one property; the SDK keeps the first and skips the other, while jsonschema
//     validates every member it sees.
//   - /x-int64: an integer beyond 64 bits (or a number beyond float64); the SDK rejects it
//     without applying the schema's minimum (index -9223372036854775809 is reported at /x-int64,
//     not as below 0), while jsonschema, with exact numbers, applies minimum and accepts a large
//     positive one.
func shadowedLocations(issues []contactevents.Issue) []string {
	var out []string
	for _, i := range issues {
		if strings.HasSuffix(i.KeywordLocation, "/x-unique-keys") || strings.HasSuffix(i.KeywordLocation, "/x-int64") {
			out = append(out, i.InstanceLocation)
		}
	}
	return out
}

// withoutEmptyTokens removes empty reference tokens from a pointer.
//
// Normalisation 3, empty keys: jsonschema v5 drops the reference token of a member whose key is
// "" (it appends "/"+token only for a non-empty token), so an error inside {"": ...} at
// /detail/tags/ is reported at /detail/tags. Both sides lose their empty tokens before the
// comparison. TestNormalisationEmptyKey pins this.
func withoutEmptyTokens(p string) string {
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	return strings.TrimSuffix(p, "/")
}

// contactEventProbe handles the one case where the SDK's *NotContactEventError hides its issues
// and the schema's verdict does not settle the comparison: under compat, an EventBridge event whose
// source or detail-type is an undocumented non-empty string (compat accepts any) is "not a contact
// event" as soon as it has any error, including the x- rules that are left out of the comparison.
// The probe is the same document with the documented source and detail-type, which changes
// neither verdict under compat (both are non-empty strings before and after; the SDK only loses
// the warnings about the undocumented values), and which the SDK validates with issues.
func contactEventProbe(p contactevents.Profile, doc any) ([]byte, bool) {
	m, ok := doc.(map[string]any)
	if p != contactevents.Compat || !ok {
		return nil, false
	}
	src, ok1 := m["source"].(string)
	dt, ok2 := m["detail-type"].(string)
	if !ok1 || !ok2 || src == "" || dt == "" {
		return nil, false
	}
	probe := deepCopy(m).(map[string]any)
	probe["source"] = "aws.connect"
	probe["detail-type"] = "Amazon Connect Contact Event"
	data, err := json.Marshal(probe)
	return data, err == nil
}

func isShadowed(loc string, shadows []string) bool {
	for _, s := range shadows {
		if loc == s || strings.HasPrefix(loc, s+"/") {
			return true
		}
	}
	return false
}

// schemaOutcome is what jsonschema said about one document under one profile.
type schemaOutcome struct {
	Valid  bool
	Leaves []*jsonschema.ValidationError // the leaf errors (no causes), flattened
}

// validateSchema runs the profile schema on a decoded document (json.Number numbers).
func validateSchema(s *jsonschema.Schema, doc any) (schemaOutcome, error) {
	err := s.Validate(doc)
	if err == nil {
		return schemaOutcome{Valid: true}, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return schemaOutcome{}, err
	}
	return schemaOutcome{Leaves: leafErrors(ve, nil)}, nil
}

// leafErrors flattens a jsonschema error tree to the errors that have no causes: those are the
// failing keywords; the inner nodes only say "doesn't validate with $ref" or "if-then failed".
func leafErrors(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leafErrors(c, out)
	}
	return out
}

// schemaLocation normalises a jsonschema instance location.
//
// Normalisation 2, percent-encoding: jsonschema v5 builds instance locations with
// url.PathEscape on every reference token (a key "Dept Name" becomes /tags/Dept%20Name), while
// the SDK reports plain RFC 6901 pointers. Each token is unescaped.
// TestNormalisationPercentEncoding pins this.
func schemaLocation(loc string) string {
	if loc == "" || !strings.Contains(loc, "%") {
		return loc
	}
	toks := strings.Split(loc[1:], "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return "/" + strings.Join(toks, "/")
}

// parentPointer returns the pointer of the value that contains the value at p.
func parentPointer(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// comparison is the outcome of running both engines on one document under one profile.
type comparison struct {
	Profile contactevents.Profile
	SDK     sdkOutcome
	Schema  schemaOutcome

	SDKValid, SchemaValid bool
	SDKLocs, SchemaLocs   []string // sorted, unique, normalised
	// LocationsCompared is false when the SDK returned *NotContactEventError, which carries no
	// issues: then only validity is compared.
	LocationsCompared bool
	// Disagreement is empty when the engines agree, else says how they differ.
	Disagreement string
	// Probed is true when the SDK's issues come from contactEventProbe.
	Probed bool
}

// compareEngines validates data (one JSON object) with both engines under p.
func compareEngines(s *jsonschema.Schema, p contactevents.Profile, data []byte) (comparison, error) {
	doc, err := decodeAny(data)
	if err != nil {
		return comparison{}, fmt.Errorf("not one JSON document: %w", err)
	}
	return compareDecoded(s, p, data, doc)
}

// compareDecoded is compareEngines for data already decoded as doc (which it does not modify),
// so that one decoding serves every profile.
func compareDecoded(s *jsonschema.Schema, p contactevents.Profile, data []byte, doc any) (comparison, error) {
	var err error
	c := comparison{Profile: p, SDK: validateSDK(data, p)}
	c.Schema, err = validateSchema(s, doc)
	if err != nil {
		return c, err
	}
	if c.SDK.Kind == sdkNotContactEvent {
		if probe, ok := contactEventProbe(p, doc); ok {
			c.SDK = validateSDK(probe, p)
			c.Probed = true
		}
	}
	c.SchemaValid = c.Schema.Valid
	shadows := shadowedLocations(c.SDK.Issues)

	sdkSet := map[string]bool{}
	for _, i := range c.SDK.Issues {
		if loc, ok := sdkErrorLocation(i); ok && !isShadowed(loc, shadows) {
			sdkSet[withoutEmptyTokens(loc)] = true
		}
	}
	schemaSet := map[string]bool{}
	for _, l := range c.Schema.Leaves {
		loc := schemaLocation(l.InstanceLocation)
		if isShadowed(loc, shadows) {
			continue
		}
		schemaSet[withoutEmptyTokens(loc)] = true
	}
	c.SchemaLocs = sortedKeys(schemaSet)
	c.SchemaValid = len(c.SchemaLocs) == 0
	switch c.SDK.Kind {
	case sdkValid, sdkIssues:
		c.SDKLocs = sortedKeys(sdkSet)
		c.SDKValid = len(c.SDKLocs) == 0
		c.LocationsCompared = true
	case sdkNotContactEvent:
		c.SDKValid = false
	default:
		c.Disagreement = fmt.Sprintf("the SDK returned %T: %v", c.SDK.Err, c.SDK.Err)
		return c, nil
	}
	switch {
	case c.SDKValid != c.SchemaValid:
		c.Disagreement = fmt.Sprintf("valid: SDK %v, jsonschema %v", c.SDKValid, c.SchemaValid)
	case c.LocationsCompared && !slices.Equal(c.SDKLocs, c.SchemaLocs):
		c.Disagreement = fmt.Sprintf("error locations: SDK %q, jsonschema %q", c.SDKLocs, c.SchemaLocs)
	}
	return c, nil
}

// Report renders both engines' findings for a failure message.
func (c comparison) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "profile %s: %s\n", c.Profile, c.Disagreement)
	fmt.Fprintf(&b, "  SDK (%s):\n", c.SDK.Kind)
	if c.SDK.Err != nil && c.SDK.Kind != sdkIssues {
		fmt.Fprintf(&b, "    %v\n", c.SDK.Err)
	}
	for _, i := range c.SDK.Issues {
		fmt.Fprintf(&b, "    %s %q %s: %s\n", i.Severity, i.InstanceLocation, i.KeywordLocation, i.Message)
	}
	fmt.Fprintf(&b, "  jsonschema (valid %v):\n", c.Schema.Valid)
	for _, l := range c.Schema.Leaves {
		fmt.Fprintf(&b, "    %q %s: %s\n", l.InstanceLocation, l.KeywordLocation, l.Message)
	}
	return b.String()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// comparableJSONObject reports whether data is something both engines read as one JSON object
// document, so that their verdicts can be compared: valid UTF-8 (the SDK rejects invalid UTF-8
// as a syntax error, as RFC 8259 requires, where encoding/json substitutes U+FFFD), a single
// object, within the SDK's size and depth limits, and not a delivery wrapper (a Lambda batch, an
// SNS notification, a Firehose event), which the SDK unwraps rather than validates.
func comparableJSONObject(data []byte) bool {
	if !utf8.Valid(data) || len(data) > contactevents.DefaultMaxSize {
		return false
	}
	t := bytes.TrimLeft(data, " \t\r\n")
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	doc, err := decodeAny(data)
	if err != nil {
		return false
	}
	m, ok := doc.(map[string]any)
	if !ok || depth(doc) >= contactevents.DefaultMaxDepth {
		return false
	}
	if _, ok := m["Records"]; ok {
		return false
	}
	if _, ok := m["records"]; ok {
		if _, ok := m["invocationId"]; ok {
			return false
		}
	}
	if m["Type"] == "Notification" {
		if _, ok := m["Message"]; ok {
			return false
		}
	}
	return true
}

// depth returns the nesting depth of a decoded value: 0 for a scalar, 1 for a flat object.
func depth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
		return d + 1
	case []any:
		for _, e := range v {
			d = max(d, depth(e))
		}
		return d + 1
	}
	return 0
}

// rawProfiles reads the three profile schemas as plain JSON.
var rawProfiles = sync.OnceValues(func() (map[contactevents.Profile]map[string]any, error) {
	out := map[contactevents.Profile]map[string]any{}
	for _, p := range profiles {
		data, err := os.ReadFile(filepath.Join(profileSchemaDir, string(p)+".schema.json"))
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, err
		}
		out[p] = m
	}
	return out, nil
})

// lookupPointer returns the value at the RFC 6901 pointer p in doc, or nil.
func lookupPointer(doc any, p string) any {
	if p == "" {
		return doc
	}
	var toks []string
	for _, t := range strings.Split(p[1:], "/") {
		toks = append(toks, unescapeToken(t))
	}
	v, _ := lookup(doc, toks)
	return v
}

// keywordResolves reports whether an SDK keyword location names a keyword that exists: in the
// profile schema, or (for the documented rules outside JSON Schema) in the source schema.
func keywordResolves(tb testing.TB, p contactevents.Profile, kw string) bool {
	raw, err := rawProfiles()
	if err != nil {
		tb.Fatal(err)
	}
	if lookupPointer(raw[p], kw) != nil {
		return true
	}
	return strings.Contains(kw, "/x-") && lookupPointer(mustSourceSchema(tb).Root, kw) != nil
}

// The reference-token escapes of RFC 6901.
var (
	tokenEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	tokenUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

func escapeToken(s string) string   { return tokenEscaper.Replace(s) }
func unescapeToken(s string) string { return tokenUnescaper.Replace(s) }
