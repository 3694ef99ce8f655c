package contactevents_test

// Each test here pins one deliberate decision about the documents (the two
// AWS pages of the seeds and the latest revision,
// shared/reference/contact-events-latest.md), named after it, as encoding/json/v2's diff_test.go does for its
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

// Task expiry: 7 days (older page), 30 days (current page), then 7 days by
// default and configurable up to 90 (latest page). Strict and compat check
// the latest page's 90 days (error, warning); legacy keeps 7 days.
func TestDecisionTaskExpiry90DaysLatest7DaysLegacy(t *testing.T) {
	task := func(end string) []byte {
		d := strings.Replace(string(detail(`"initiationTimestamp":"2024-01-01T00:00:00.000Z","disconnectTimestamp":"`+end+`T00:00:00.000Z"`)), `"VOICE"`, `"TASK"`, 1)
		return []byte(strings.Replace(d, `"QUEUED"`, `"DISCONNECTED"`, 1))
	}
	expect(t, task("2024-01-09"), contactevents.Legacy, "/disconnectTimestamp /$defs/ContactEvent/x-rules/0", "") // 8 days
	expect(t, task("2024-01-09"), contactevents.Strict, "", "")
	expect(t, task("2024-02-15"), contactevents.Strict, "", "") // 45 days: the current page's 30 no longer holds
	expect(t, task("2024-03-31"), contactevents.Strict, "", "") // 90 days exactly (2024 is a leap year)
	late := task("2024-04-01")                                  // 91 days
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
	if ts.IsSet() || !ts.IsNotSet() || ts.IsZero() || ts.String() != "1970-01-01T00:00:00.001Z" {
		t.Errorf("sentinel decoded as set=%v notSet=%v absent=%v %q", ts.IsSet(), ts.IsNotSet(), ts.IsZero(), ts)
	}
	if !ev.Detail.DisconnectTimestamp.IsZero() {
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

// routingCriteria is a list in the data model and in the PascalCase
// samples, an object in the camelCase one: one Go slice. Strict accepts both
// (the list is the newest model, the object is what the samples of the
// current and latest pages send); the encoder writes the object for one
// criteria, a separate decision.
func TestDecisionRoutingCriteriaTwoShapesOneGoType(t *testing.T) {
	crit := `{"steps":[{"status":"JOINED","expression":{"attributeCondition":{"comparisonOperator":"NumberGreaterOrEqualTo","name":"x","value":"y","proficiencyLevel":2}}}]}`
	obj, err := contactevents.Parse(detail(`"routingCriteria":`+crit), contactevents.WithProfile(contactevents.Strict))
	if err != nil {
		t.Fatal(err)
	}
	arr, err := contactevents.Parse(detail(`"routingCriteria":[`+crit+`]`), contactevents.WithProfile(contactevents.Strict))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := obj.MarshalJSON()
	b, _ := arr.MarshalJSON()
	if string(a) != string(b) || len(arr.Detail.RoutingCriteria) != 1 || !strings.Contains(string(a), `"routingCriteria":{`) {
		t.Errorf("the two shapes differ, or one criteria is not written as an object:\n%s\n%s", a, b)
	}
	expect(t, detail(`"routingCriteria":[`+crit+`,`+crit+`]`), contactevents.Strict, "", "")
	expect(t, detail(`"routingCriteria":[`+crit+`]`), contactevents.Legacy, "", "/routingCriteria /$defs/ContactEvent/additionalProperties")
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

// "Match" appeared only in the agent-provided routing sample of the current
// page; the latest page lists NumberGreaterOrEqualTo, Match and Range.
// Strict accepts all three now.
func TestDecisionMatchAndRangeComparisonOperatorsAreLatest(t *testing.T) {
	match := detail(`"routingCriteria":{"steps":[{"expression":{"attributeCondition":{"comparisonOperator":"Match","matchCriteria":{"agentsCriteria":{"agentIds":["AGENT_1"]}}}}}]}`)
	expect(t, match, contactevents.Compat, "", "")
	expect(t, match, contactevents.Strict, "", "")
	rng := detail(`"routingCriteria":{"steps":[{"expression":{"attributeCondition":{"name":"x","value":"y","comparisonOperator":"Range","range":{"minProficiencyLevel":1,"maxProficiencyLevel":3}}}}]}`)
	expect(t, rng, contactevents.Strict, "", "")
	if !contactevents.ComparisonOperatorMatch.IsCurrent() || !contactevents.ComparisonOperatorRange.IsCurrent() {
		t.Error("Match and Range must be strict values")
	}
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

// WEBRTC_API: the latest page lists it among event types but not in
// EventType's valid values, while AWS's page of initiation methods lists it
// as one. As an event type it is treated as AMD_DISABLED is (compat only); as
// an initiation method strict accepts it.
func TestDecisionWebRTCAPIIsAnInitiationMethodNotAnEventType(t *testing.T) {
	asEvent := []byte(strings.Replace(string(detail("")), `"QUEUED"`, `"WEBRTC_API"`, 1))
	expect(t, asEvent, contactevents.Compat, "", "")
	expect(t, asEvent, contactevents.Strict, "/eventType /$defs/EventType/enum", "")
	expect(t, asEvent, contactevents.Legacy, "/eventType /$defs/EventType/enum", "")
	asMethod := []byte(strings.Replace(string(detail("")), `"INBOUND"`, `"WEBRTC_API"`, 1))
	expect(t, asMethod, contactevents.Strict, "", "")
	expect(t, asMethod, contactevents.Compat, "", "")
	expect(t, asMethod, contactevents.Legacy, "/initiationMethod /$defs/InitiationMethod/enum", "")
	if !contactevents.EventTypeWebRTCAPI.IsVariant() || !contactevents.InitiationMethodWebRTCAPI.IsCurrent() {
		t.Error("WEBRTC_API must be a variant event type and a current initiation method")
	}
}

// OUTBUND_PREVIEW_DISCARDED is how the product spells it (the latest page
// copies the typo): accepted exactly, never "fixed". The correct spelling is
// not a documented value.
func TestDecisionOutbundPreviewDiscardedIsAcceptedAsSpelled(t *testing.T) {
	typo := detail(`"disconnectReason":"OUTBUND_PREVIEW_DISCARDED"`)
	expect(t, typo, contactevents.Strict, "", "")
	ev, err := contactevents.Parse(typo)
	if err != nil || ev.Detail.DisconnectReason != contactevents.DisconnectReasonOutbundPreviewDiscarded || string(ev.Detail.DisconnectReason) != "OUTBUND_PREVIEW_DISCARDED" {
		t.Fatalf("decoded as %q (%v)", ev.Detail.DisconnectReason, err)
	}
	out, _ := ev.MarshalJSON()
	if !strings.Contains(string(out), `"OUTBUND_PREVIEW_DISCARDED"`) {
		t.Errorf("not written back as spelled: %s", out)
	}
	fixed := detail(`"disconnectReason":"OUTBOUND_PREVIEW_DISCARDED"`)
	expect(t, fixed, contactevents.Strict, "/disconnectReason /$defs/DisconnectReason/enum", "")
	expect(t, fixed, contactevents.Compat, "", "/disconnectReason /$defs/DisconnectReason/enum")
}

// SegmentAttributes keys "can include only alphanumeric, -, and _", yet the
// page's own channel subtypes are connect:Guide and connect:SMS: ':' is
// allowed too (every profile), other characters are not.
func TestDecisionSegmentAttributeKeysAllowTheColon(t *testing.T) {
	guide := detail(`"segmentAttributes":{"connect:Subtype":{"ValueString":"connect:Guide"},"my_key-1":{"ValueString":"x"}}`)
	expect(t, guide, contactevents.Strict, "", "")
	space := detail(`"segmentAttributes":{"my key":{"ValueString":"x"}}`)
	expect(t, space, contactevents.Strict, "/segmentAttributes/my key /$defs/SegmentAttributes/propertyNames/pattern", "")
}

// The latest page gives the new properties as PascalCase headings only. Their
// keys are derived as every existing key was (the camelCase of the heading:
// chatMetrics, systemEndpoint, contactEvaluations, afterContactWorkDuration,
// ...); the PascalCase spelling is not a documented key (no sample sends it).
func TestDecisionNewPropertiesHaveCamelCaseKeys(t *testing.T) {
	camel := detail(`"customerId":"x","systemEndpoint":{"address":"+15555550100","type":"TELEPHONE_NUMBER"}`)
	expect(t, camel, contactevents.Strict, "", "")
	pascal := detail(`"CustomerId":"x"`)
	expect(t, pascal, contactevents.Strict, "/CustomerId /$defs/ContactEvent/additionalProperties", "")
	_, warns := issues(t, pascal, contactevents.Compat)
	if len(warns) != 1 || !strings.Contains(warns[0].Message, `did you mean "customerId"`) {
		t.Errorf("compat warnings %v, want one did-you-mean customerId", warns)
	}
}

// StorageType "Amazon S3" is listed with a space (unlike every other value):
// accepted exactly as listed; AMAZON_S3 is not a documented value.
func TestDecisionStorageTypeAmazonS3HasASpace(t *testing.T) {
	rec := func(storage string) []byte {
		return detail(`"recordings":[{"storageType":"` + storage + `"}]`)
	}
	expect(t, rec("Amazon S3"), contactevents.Strict, "", "")
	expect(t, rec("AMAZON_S3"), contactevents.Strict, "/recordings/0/storageType /$defs/StorageType/enum", "")
	if contactevents.StorageTypeAmazonS3 != "Amazon S3" {
		t.Errorf("StorageTypeAmazonS3 = %q", contactevents.StorageTypeAmazonS3)
	}
}

// RecordingsInfo's ParticipantType values are taken exactly as listed (All,
// Manager, Agent, Customer, Thirdparty, Supervisor), although they differ
// from ParticipantMetrics' (Agent, Customer, Supervisor) and from the API's
// upper case: a separate enum, mixed case, Thirdparty in one word.
func TestDecisionRecordingParticipantTypeAsListed(t *testing.T) {
	for _, v := range []string{"All", "Manager", "Agent", "Customer", "Thirdparty", "Supervisor"} {
		expect(t, detail(`"recordings":[{"participantType":"`+v+`"}]`), contactevents.Strict, "", "")
	}
	expect(t, detail(`"recordings":[{"participantType":"THIRD_PARTY"}]`), contactevents.Strict, "/recordings/0/participantType /$defs/RecordingParticipantType/enum", "")
	expect(t, detail(`"chatMetrics":{"agentMetrics":{"participantType":"Manager"}}`), contactevents.Strict, "/chatMetrics/agentMetrics/participantType /$defs/ParticipantType/enum", "")
}

// Compat accepts any RFC 3339 UTC timestamp with 0 to 9 fraction digits in
// every timestamp field, with a warning when it is not the documented
// layout; strict keeps each field's documented layout.
func TestDecisionCompatAcceptsAnyFractionInTimestamps(t *testing.T) {
	noMillis := detail(`"initiationTimestamp":"2026-11-21T07:42:58Z"`)
	expect(t, noMillis, contactevents.Compat, "", "/initiationTimestamp /$defs/ContactTimestamp/pattern")
	expect(t, noMillis, contactevents.Strict, "/initiationTimestamp /$defs/ContactTimestamp/pattern", "")
	nanos := detail(`"agentInfo":{"agentArn":"arn:a","acceptedByAgentTimestamp":"2026-11-21T07:42:58.123456789Z"}`)
	expect(t, nanos, contactevents.Compat, "", "/agentInfo/acceptedByAgentTimestamp /$defs/PreviewTimestamp/pattern")
	expect(t, nanos, contactevents.Strict, "/agentInfo/acceptedByAgentTimestamp /$defs/PreviewTimestamp/pattern", "")
	ev, err := contactevents.Parse(noMillis)
	if err != nil || ev.Detail.InitiationTimestamp.String() != "2026-11-21T07:42:58Z" {
		t.Errorf("kept as %q (%v), want the digits as written", ev.Detail.InitiationTimestamp, err)
	}
	expect(t, detail(`"initiationTimestamp":"2026-11-21T07:42:58.1234567890Z"`), contactevents.Compat, "/initiationTimestamp /$defs/ContactTimestamp/pattern", "")
	expect(t, detail(`"initiationTimestamp":"2026-11-21T07:42:58+01:00"`), contactevents.Compat, "/initiationTimestamp /$defs/ContactTimestamp/pattern", "")
}

// OutboundStrategy is named by the latest page without members: its shape is
// the Connect API Reference's (type required, config -> agentFirst ->
// preview with allowedUserActions and postAcceptTimeoutConfig required),
// with camelCase keys.
func TestDecisionOutboundStrategyHasTheAPIReferenceShape(t *testing.T) {
	ok := detail(`"outboundStrategy":{"type":"AGENT_FIRST","config":{"agentFirst":{"preview":{"allowedUserActions":["CALL"],"postAcceptTimeoutConfig":{"durationInSeconds":0}}}}}`)
	expect(t, ok, contactevents.Strict, "", "")
	expect(t, detail(`"outboundStrategy":{}`), contactevents.Strict, "/outboundStrategy /$defs/OutboundStrategy/required", "")
	expect(t, detail(`"outboundStrategy":{"type":"AGENT_FIRST","config":{"agentFirst":{"preview":{"allowedUserActions":["CALL"]}}}}`), contactevents.Strict,
		"/outboundStrategy/config/agentFirst/preview /$defs/Preview/required", "")
}

// A UTF-8 byte order mark starts a stream (a file, an object), where
// NewDecoder skips it (RFC 8259 lets a parser ignore one there); anywhere
// else, such as at the start of NDJSON line 2 (files with BOMs
// concatenated), it is an error of that record, not JSON, and the other
// records are read. The command does the same (cmd/contactevents,
// TestByteOrderMarkOnNDJSONLine2IsAnErrorAsInNewDecoder): one behaviour.
func TestDecisionByteOrderMarkOnlyStartsAStream(t *testing.T) {
	ev := string(detail(""))
	var lines []int
	events := 0
	for rec, err := range contactevents.NewDecoder(strings.NewReader("\ufeff" + ev + "\n\ufeff" + ev + "\n" + ev + "\n")).Records() {
		var re *contactevents.RecordError
		switch {
		case err == nil:
			events++
		case errors.As(err, &re) && strings.Contains(err.Error(), "byte order mark"):
			lines = append(lines, re.Line)
		default:
			t.Errorf("record %d: %v", rec.Index, err)
		}
	}
	if events != 2 || len(lines) != 1 || lines[0] != 2 {
		t.Errorf("%d events, BOM errors at lines %v; want 2 events and the BOM of line 2 an error", events, lines)
	}
}
