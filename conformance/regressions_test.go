package conformance

// Regression tests of defects this suite found in code outside conformance/ and that have been
// fixed: each reproduces the defect as it was reported.

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// TestRequiredAliases (found by the differential test, fixed in 2afb747): the compat and legacy
// profile schemas required the canonical spelling of a required property although they accept
// its aliases, so the samples 06 and 08 (PascalCase, valid under compat) and 02
// (AgentInfo/AgentArn, valid under legacy) failed the generated schemas. A property missing in
// every spelling must still be reported by both engines.
func TestRequiredAliases(t *testing.T) {
	for _, c := range []struct {
		sample  string
		profile contactevents.Profile
	}{
		{"06-current-connected-to-agent-routing-criteria", contactevents.Compat},
		{"08-current-connected-to-agent-provided-by-customer", contactevents.Compat},
		{"02-older-disconnected", contactevents.Legacy},
	} {
		s, _ := samples.Lookup(c.sample)
		if out := validateSDK(s.Repaired, c.profile); out.Kind != sdkValid {
			t.Errorf("%s: the SDK rejects it under %s: %v", c.sample, c.profile, out.Err)
		}
		if leaves := mustSchemaLeaves(t, c.profile, s.Repaired); len(leaves) > 0 {
			t.Errorf("%s: the %s profile schema rejects it: %v", c.sample, c.profile, leaves)
		}
	}
	s06, _ := samples.Lookup("06-current-connected-to-agent-routing-criteria")
	doc := mustDecode(t, s06.Repaired)
	delete(doc.(map[string]any)["detail"].(map[string]any), "ContactId")
	data, _ := json.Marshal(doc)
	c, err := compareEngines(profileSchema(t, contactevents.Compat), contactevents.Compat, data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Disagreement != "" || !slices.Contains(c.SDKLocs, "/detail") || !slices.Contains(c.SchemaLocs, "/detail") {
		t.Errorf("ContactId missing in every spelling: %s", c.Report())
	}
}

// TestExactNumberChecks (found by the differential test, fixed in 35c74dd): the SDK's integer
// and range checks (internal/codec) worked on the float64 nearest to the number, so a number that
// float64 rounds onto an integer or onto a bound passed, where JSON Schema compares exact values.
func TestExactNumberChecks(t *testing.T) {
	s, _ := samples.Lookup("07-current-routing-step-expires")
	for _, c := range []struct {
		path  []string
		key   string
		value string
		want  string // the keyword the SDK must report at the value
	}{
		{[]string{"detail", "routingCriteria", "steps", "0", "expression", "attributeCondition"}, "proficiencyLevel", "0.99999999999999999999", "/$defs/AttributeCondition/properties/proficiencyLevel/minimum"},
		{[]string{"detail", "routingCriteria", "steps", "0", "expression", "attributeCondition"}, "proficiencyLevel", "5.00000000000000000001", "/$defs/AttributeCondition/properties/proficiencyLevel/maximum"},
		{[]string{"detail", "routingCriteria", "steps", "0", "expiry"}, "durationInSeconds", "5.00000000000000000001", "/$defs/Expiry/properties/durationInSeconds/type"},
		{[]string{"detail", "routingCriteria"}, "index", "1e-400", "/$defs/RoutingCriteria/properties/index/type"},
	} {
		doc := withMember(t, s.Repaired, c.path, c.key, c.value)
		out := validateSDK(doc, contactevents.Compat)
		at := "/" + strings.Join(append(c.path, c.key), "/")
		found := false
		for _, i := range out.Issues {
			found = found || (i.InstanceLocation == at && i.KeywordLocation == c.want)
		}
		if !found {
			t.Errorf("%s = %s: the SDK reports %v, want an error at %s", at, c.value, out.Issues, c.want)
		}
	}
}

// TestRootTypeKeyword (found by the negative cases, fixed in 35c74dd): a root that is not an
// object (read with FormatEventBridge or FormatDetail) was reported at keyword "/type", which is no
// keyword of the profile schema (its root is an if/then/else).
func TestRootTypeKeyword(t *testing.T) {
	for f, want := range map[contactevents.Format]string{
		contactevents.FormatEventBridge: "/$defs/EventBridgeEvent/type",
		contactevents.FormatDetail:      "/$defs/ContactEvent/type",
	} {
		out := validateSDK([]byte(`["not", "an", "object"]`), contactevents.Strict, contactevents.WithFormat(f))
		if len(out.Issues) != 1 || out.Issues[0].KeywordLocation != want {
			t.Errorf("%s: %v, want one issue at %s", f, out.Issues, want)
		}
	}
}

// TestInt64Keyword (found by the differential test, fixed in 35c74dd): an integer beyond 64 bits
// was reported at ".../x-int64" (/$defs/RoutingCriteria/properties/index/x-int64), a pointer that
// resolved in no schema; it is now the source schema's root annotation /x-int64.
func TestInt64Keyword(t *testing.T) {
	s, _ := samples.Lookup("07-current-routing-step-expires")
	doc := withMember(t, s.Repaired, []string{"detail", "routingCriteria"}, "index", "9223372036854775808")
	for _, i := range validateSDK(doc, contactevents.Compat).Issues {
		if !keywordResolves(t, contactevents.Compat, i.KeywordLocation) {
			t.Errorf("%s: keyword %s resolves in no schema", i.InstanceLocation, i.KeywordLocation)
		}
	}
}

// TestNullEnvelopeKey (found while writing the fuzz comparison, fixed in 35c74dd): the schema reads
// a document with a "detail" or "detail-type" member as an EventBridge event; the SDK's format
// detection treated a null value as absent and read a bare contact event, which compat and legacy
// accepted with an unknown property.
func TestNullEnvelopeKey(t *testing.T) {
	s, _ := samples.Lookup("01-older-connected-to-agent")
	for _, key := range []string{"detail", "detail-type"} {
		doc := withMember(t, s.Repaired, nil, key, "null")
		for _, p := range []contactevents.Profile{contactevents.Compat, contactevents.Legacy} {
			if out := validateSDK(doc, p); out.Kind == sdkValid {
				t.Errorf("%s: null %s: the SDK accepts a bare contact event; the schema wants an EventBridge event: %v", p, key, mustSchemaLeaves(t, p, doc))
			}
		}
	}
}

// TestLegacyCanonicalValue (found by FuzzParse's seeds, fixed in 35c74dd): the canonical encoding
// writes the canonical value of a documented variant (SIT_TONE_DETECTED for the older page's
// SIT_TONE-DETECTED), which the legacy profile did not accept, so a legacy-valid event did not
// parse again under legacy from its own canonical encoding.
func TestLegacyCanonicalValue(t *testing.T) {
	s, _ := samples.Lookup("01-older-connected-to-agent")
	doc := withMember(t, s.Repaired, nil, "answeringMachineDetectionStatus", `"SIT_TONE-DETECTED"`)
	ev, err := contactevents.Parse(doc, contactevents.WithProfile(contactevents.Legacy))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ev.MarshalJSON()
	if _, err := contactevents.Parse(b, contactevents.WithProfile(contactevents.Legacy)); err != nil {
		t.Errorf("the canonical encoding of a legacy-valid event is invalid under legacy: %v", err)
	}
}
