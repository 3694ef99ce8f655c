package contactevents_test

// Each test here pins one deliberate decision about the seeds (the two AWS
// pages), named after it, as encoding/json/v2's diff_test.go does for its
// divergences. The reason is in the test's comment and in the schema.

import (
	"errors"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// detail wraps members into a minimal valid bare contact event.
func detail(members string) []byte {
	base := `"eventType":"QUEUED","contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"`
	if members != "" {
		base += "," + members
	}
	return []byte("{" + base + "}")
}

// issues returns the issues of err (nil when valid) plus the warnings.
func issues(t *testing.T, data []byte, p contactevents.Profile) (errs, warns []contactevents.Issue) {
	t.Helper()
	_, err := contactevents.Parse(data, contactevents.WithProfile(p), contactevents.WithWarnings(func(i contactevents.Issue) { warns = append(warns, i) }))
	if err == nil {
		return nil, warns
	}
	var verr *contactevents.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Parse under %s: %v (not a ValidationError)", p, err)
	}
	for _, i := range verr.Issues {
		if i.Severity == contactevents.SeverityError {
			errs = append(errs, i)
		} else {
			warns = append(warns, i)
		}
	}
	return errs, warns
}

func locations(is []contactevents.Issue) string {
	var s []string
	for _, i := range is {
		s = append(s, i.InstanceLocation+" "+i.KeywordLocation)
	}
	return strings.Join(s, "; ")
}

func expect(t *testing.T, data []byte, p contactevents.Profile, wantErrs, wantWarns string) {
	t.Helper()
	errs, warns := issues(t, data, p)
	if got := locations(errs); got != wantErrs {
		t.Errorf("%s errors: got %q, want %q", p, got, wantErrs)
	}
	if got := locations(warns); got != wantWarns {
		t.Errorf("%s warnings: got %q, want %q", p, got, wantWarns)
	}
}

// "Voice" is in the DISCONNECTED samples of both pages; the data model lists
// VOICE. A documented variant: accepted by compat and legacy (the older
// page's sample has it), rejected by strict, decoded as ChannelVoice.
func TestDecisionVoiceIsADocumentedVariant(t *testing.T) {
	data := []byte(strings.Replace(string(detail("")), `"VOICE"`, `"Voice"`, 1))
	expect(t, data, contactevents.Compat, "", "")
	expect(t, data, contactevents.Legacy, "", "")
	expect(t, data, contactevents.Strict, "/channel /$defs/Channel/enum", "")
	ev, err := contactevents.Parse(data)
	if err != nil || ev.Detail.Channel != contactevents.ChannelVoice {
		t.Fatalf("Voice decoded as %q (%v), want VOICE", ev.Detail.Channel, err)
	}
	if !contactevents.ChannelVoiceMixedCase.IsVariant() || contactevents.ChannelVoiceMixedCase.Canonical() != contactevents.ChannelVoice {
		t.Error("ChannelVoiceMixedCase must be a variant of ChannelVoice")
	}
}

// AMD_DISABLED is listed among the contact events of the current page but not
// among EventType's valid values: compat accepts it, strict does not.
func TestDecisionAMDDisabledIsAnEventButNotAnEventTypeValue(t *testing.T) {
	data := []byte(strings.Replace(string(detail("")), `"QUEUED"`, `"AMD_DISABLED"`, 1))
	expect(t, data, contactevents.Compat, "", "")
	expect(t, data, contactevents.Strict, "/eventType /$defs/EventType/enum", "")
	if !contactevents.EventTypeAMDDisabled.IsVariant() {
		t.Error("AMD_DISABLED must be classed as a variant")
	}
}

// The current page says queueInfo is not included when initiationMethod is
// OUTBOUND; the older page's OUTBOUND sample has it. Error under strict,
// warning under compat, allowed under legacy.
func TestDecisionQueueInfoWithOutboundIsAWarning(t *testing.T) {
	data := []byte(strings.Replace(string(detail(`"queueInfo":{"queueArn":"arn:q"}`)), `"INBOUND"`, `"OUTBOUND"`, 1))
	expect(t, data, contactevents.Compat, "", "/queueInfo /$defs/ContactEvent/x-rules/1")
	expect(t, data, contactevents.Strict, "/queueInfo /$defs/ContactEvent/x-rules/1", "")
	expect(t, data, contactevents.Legacy, "", "")
}

// A task is disconnected after 30 days (current page), 7 days (older page).
func TestDecisionTaskExpiry30DaysCurrent7DaysLegacy(t *testing.T) {
	task := func(days string) []byte {
		d := strings.Replace(string(detail(`"initiationTimestamp":"2024-01-01T00:00:00.000Z","disconnectTimestamp":"2024-01-`+days+`T00:00:00.000Z"`)), `"VOICE"`, `"TASK"`, 1)
		return []byte(strings.Replace(d, `"QUEUED"`, `"DISCONNECTED"`, 1))
	}
	expect(t, task("09"), contactevents.Legacy, "/disconnectTimestamp /$defs/ContactEvent/x-rules/0", "") // 8 days
	expect(t, task("09"), contactevents.Strict, "", "")
	expect(t, task("31"), contactevents.Strict, "", "") // 30 days exactly
	// 31 days is not in January: use February 1st + 1.
	late := []byte(strings.Replace(string(task("09")), "2024-01-09", "2024-02-02", 1))
	expect(t, late, contactevents.Strict, "/disconnectTimestamp /$defs/ContactEvent/x-rules/0", "")
	expect(t, late, contactevents.Compat, "", "/disconnectTimestamp /$defs/ContactEvent/x-rules/0")
}

// 1970-01-01T00:00:00.001Z (the CONTACT_DATA_UPDATED sample) means "not
// set": it decodes as a Timestamp that is present but not set.
func TestDecisionSentinelTimestampIsNotSet(t *testing.T) {
	ev, err := contactevents.Parse(detail(`"connectedToSystemTimestamp":"1970-01-01T00:00:00.001Z"`), contactevents.WithProfile(contactevents.Strict))
	if err != nil {
		t.Fatal(err)
	}
	ts := ev.Detail.ConnectedToSystemTimestamp
	if ts.IsSet() || !ts.IsNotSet() || ts.IsAbsent() || ts.String() != "1970-01-01T00:00:00.001Z" {
		t.Errorf("sentinel decoded as set=%v notSet=%v absent=%v %q", ts.IsSet(), ts.IsNotSet(), ts.IsAbsent(), ts)
	}
	if !ev.Detail.DisconnectTimestamp.IsAbsent() {
		t.Error("an absent timestamp must be absent")
	}
}

// Routing timestamps are documented without a fraction but every sample has
// milliseconds: both are accepted, and the digits are written back as read.
func TestDecisionRoutingTimestampsAcceptAFraction(t *testing.T) {
	for _, ts := range []string{"2023-11-01T18:34:04Z", "2023-11-01T18:34:04.275Z"} {
		data := detail(`"routingCriteria":{"activationTimestamp":"` + ts + `","index":0,"steps":[{"status":"ACTIVE","expression":{"attributeCondition":{"name":"Language","value":"Spanish","proficiencyLevel":1.0,"comparisonOperator":"NumberGreaterOrEqualTo"}}}]}`)
		ev, err := contactevents.Parse(data, contactevents.WithProfile(contactevents.Strict))
		if err != nil {
			t.Fatalf("%s: %v", ts, err)
		}
		out, _ := ev.MarshalJSON()
		if !strings.Contains(string(out), `"activationTimestamp":"`+ts+`"`) {
			t.Errorf("%s not written back as read: %s", ts, out)
		}
	}
}

// routingCriteria is an array in the PascalCase samples and an object in the
// camelCase one: one Go slice; canonical form is the object for one element;
// strict accepts only the object.
func TestDecisionRoutingCriteriaTwoShapesOneGoType(t *testing.T) {
	crit := `{"steps":[{"status":"JOINED","expression":{"attributeCondition":{"comparisonOperator":"NumberGreaterOrEqualTo","name":"x","value":"y","proficiencyLevel":2}}}]}`
	obj, err := contactevents.Parse(detail(`"routingCriteria":`+crit), contactevents.WithProfile(contactevents.Strict))
	if err != nil {
		t.Fatal(err)
	}
	arr, err := contactevents.Parse(detail(`"routingCriteria":[` + crit + `]`))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := obj.MarshalJSON()
	b, _ := arr.MarshalJSON()
	if string(a) != string(b) || len(arr.Detail.RoutingCriteria) != 1 {
		t.Errorf("the two shapes differ:\n%s\n%s", a, b)
	}
	expect(t, detail(`"routingCriteria":[`+crit+`]`), contactevents.Strict, "/routingCriteria /$defs/RoutingCriteria/type", "")
}

// Expression is documented as a tagged union, yet the PascalCase sample
// sends OrExpression and AndExpression together: compat accepts at least
// one member, strict wants exactly one.
func TestDecisionExpressionTaggedUnion(t *testing.T) {
	cond := `{"attributeCondition":{"comparisonOperator":"NumberGreaterOrEqualTo","name":"x","value":"y","proficiencyLevel":2}}`
	data := detail(`"routingCriteria":{"steps":[{"expression":{"orExpression":[` + cond + `],"andExpression":[` + cond + `]}}]}`)
	expect(t, data, contactevents.Compat, "", "")
	expect(t, data, contactevents.Strict, "/routingCriteria/steps/0/expression /$defs/Expression/maxProperties", "")
	empty := detail(`"routingCriteria":{"steps":[{"expression":{}}]}`)
	expect(t, empty, contactevents.Compat, "/routingCriteria/steps/0/expression /$defs/Expression/minProperties", "")
}

// "Match" appears in the agent-provided routing sample; only
// NumberGreaterOrEqualTo is listed.
func TestDecisionMatchComparisonOperatorIsSampleOnly(t *testing.T) {
	data := detail(`"routingCriteria":{"steps":[{"expression":{"attributeCondition":{"comparisonOperator":"Match","matchCriteria":{"agentsCriteria":{"agentIds":["AGENT_1"]}}}}}]}`)
	expect(t, data, contactevents.Compat, "", "")
	expect(t, data, contactevents.Strict, "/routingCriteria/steps/0/expression/attributeCondition/comparisonOperator /$defs/ComparisonOperator/enum", "")
}

// SIT_TONE-DETECTED is the older page's spelling: legacy and compat accept
// it and it decodes as SIT_TONE_DETECTED; strict rejects it.
func TestDecisionSITToneHyphenIsLegacy(t *testing.T) {
	data := detail(`"answeringMachineDetectionStatus":"SIT_TONE-DETECTED"`)
	expect(t, data, contactevents.Legacy, "", "")
	expect(t, data, contactevents.Strict, "/answeringMachineDetectionStatus /$defs/AnsweringMachineDetectionStatus/enum", "")
	ev, _ := contactevents.Parse(data)
	if ev.Detail.AnsweringMachineDetectionStatus != contactevents.AnsweringMachineDetectionStatusSITToneDetected {
		t.Errorf("decoded as %q", ev.Detail.AnsweringMachineDetectionStatus)
	}
	if !contactevents.AnsweringMachineDetectionStatusSITToneDetectedHyphen.IsLegacy() {
		t.Error("SIT_TONE-DETECTED must be legacy")
	}
}

// Only spellings that appear as keys in a sample are documented spellings;
// the data model's PascalCase headings are names, not keys. Others are
// unknown members with a did-you-mean hint, kept verbatim.
func TestDecisionOnlySampledSpellingsAreAliases(t *testing.T) {
	data := detail(`"InitialContactId":"c-0","instanceARN":"x"`)
	expect(t, data, contactevents.Compat, "", "/InitialContactId /$defs/ContactEvent/additionalProperties; /instanceARN /$defs/ContactEvent/additionalProperties")
	_, warns := issues(t, data, contactevents.Compat)
	if !strings.Contains(warns[1].Message, `did you mean "instanceArn"`) {
		t.Errorf("no hint: %s", warns[1].Message)
	}
	expect(t, detail(`"ContactId":"c-1x"`), contactevents.Compat, "/ContactId /x-unique-keys", "")
}

// A key given twice is an error; two documented spellings with the same
// value are a warning, with different values an error.
func TestDecisionDuplicateKeys(t *testing.T) {
	expect(t, detail(`"contactId":"c-2"`), contactevents.Compat, "/contactId /x-unique-keys", "")
	expect(t, detail(`"ContactId":"c-1"`), contactevents.Compat, "", "/ContactId /x-unique-keys")
	expect(t, detail(`"tags":{"a":"1","a":"2"}`), contactevents.Compat, "/tags/a /x-unique-keys", "")
	expect(t, detail(`"zz":1,"zz":2`), contactevents.Compat, "/zz /x-unique-keys", "/zz /$defs/ContactEvent/additionalProperties")
}

// An unknown enum value is a warning under compat (AWS adds values), an
// error under strict and legacy; an empty one is always an error.
func TestDecisionUnknownEnumValueIsAWarningUnderCompat(t *testing.T) {
	data := []byte(strings.Replace(string(detail("")), `"QUEUED"`, `"TRANSFERRED"`, 1))
	expect(t, data, contactevents.Compat, "", "/eventType /$defs/EventType/enum")
	expect(t, data, contactevents.Strict, "/eventType /$defs/EventType/enum", "")
	empty := []byte(strings.Replace(string(detail("")), `"QUEUED"`, `""`, 1))
	expect(t, empty, contactevents.Compat, "/eventType /$defs/EventType/minLength", "")
}
