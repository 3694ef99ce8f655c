package contactevents_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestSizeLimits pins the two limits: an event document (WithMaxSize) inside
// a payload (WithMaxPayloadSize), which is never below the event limit.
func TestSizeLimits(t *testing.T) {
	event := func(n int) []byte { return detail(`"tags":{"k":"` + strings.Repeat("x", n) + `"}`) }
	array := func(events ...[]byte) []byte {
		return append(append([]byte("["), bytes.Join(events, []byte(","))...), ']')
	}
	tooLarge := func(t *testing.T, err error) {
		t.Helper()
		if !errors.Is(err, contactevents.ErrTooLarge) {
			t.Errorf("got %v, want ErrTooLarge", err)
		}
	}
	t.Run("event over the default event limit", func(t *testing.T) {
		_, err := contactevents.Parse(event(300 << 10)) // EventBridge's limit is 256 KiB
		tooLarge(t, err)
	})
	t.Run("event over WithMaxSize", func(t *testing.T) {
		_, err := contactevents.Parse(detail(""), contactevents.WithMaxSize(10))
		tooLarge(t, err)
	})
	t.Run("event over the event limit inside a payload under the payload limit", func(t *testing.T) {
		_, err := contactevents.Parse(array(event(300 << 10)))
		var re *contactevents.RecordError
		if !errors.As(err, &re) || re.Pointer != "/0" {
			t.Errorf("got %v, want a *RecordError at /0", err)
		}
		tooLarge(t, err)
	})
	t.Run("payload over WithMaxPayloadSize", func(t *testing.T) {
		_, err := contactevents.Parse(array(event(100<<10)), contactevents.WithMaxPayloadSize(200<<10), contactevents.WithMaxSize(50<<10))
		tooLarge(t, err)
	})
	t.Run("payload limit below the event limit is raised to it", func(t *testing.T) {
		if _, err := contactevents.Parse(event(100<<10), contactevents.WithMaxPayloadSize(10)); err != nil {
			t.Errorf("a 100 KiB event with WithMaxPayloadSize(10) and the default 256 KiB event limit: %v", err)
		}
	})
	t.Run("event limit above the default payload limit", func(t *testing.T) {
		big := event(contactevents.DefaultMaxPayloadSize + 1<<10)
		if _, err := contactevents.Parse(big, contactevents.WithMaxSize(len(big))); err != nil {
			t.Errorf("an event of %d bytes with WithMaxSize(%[1]d): %v", len(big), err)
		}
	})
	t.Run("stream value over the payload limit, then the next value", func(t *testing.T) {
		in := string(event(300<<10)) + "\n" + string(detail("")) + "\n"
		var errs []error
		n := 0
		for _, err := range contactevents.NewDecoder(strings.NewReader(in), contactevents.WithMaxPayloadSize(100<<10), contactevents.WithMaxSize(100<<10)).All() {
			n++
			if err != nil {
				errs = append(errs, err)
			}
		}
		if n != 2 || len(errs) != 1 {
			t.Fatalf("%d records, errors %v; want 2 records, the first too large", n, errs)
		}
		tooLarge(t, errs[0])
	})
}

func TestParseRejectsNestingOverTheDepthLimit(t *testing.T) {
	deep := detail(`"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100))
	_, err := contactevents.Parse(deep)
	var serr *contactevents.SyntaxError
	if !errors.As(err, &serr) || !strings.Contains(serr.Msg, "depth") {
		t.Fatalf("100 nested arrays: %v, want a depth SyntaxError", err)
	}
	if _, err := contactevents.Parse(deep, contactevents.WithMaxDepth(200)); err != nil {
		t.Errorf("WithMaxDepth(200): %v", err)
	}
}

func TestParseSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, in, msg string
		line, col     int
	}{
		{"invalid UTF-8", "{\"eventType\":\"QUE\xffUED\"}", "UTF-8", 1, 18},
		{"trailing data", `{"eventType":"QUEUED"} }`, "trailing data", 1, 24},
		{"truncated", "{\n\"eventType\":", "end of input", 2, 13},
		{"second line", "{\n  \"a\": tru }", "invalid", 2, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := contactevents.Parse([]byte(tt.in))
			var serr *contactevents.SyntaxError
			if !errors.As(err, &serr) {
				t.Fatalf("got %v, want a SyntaxError", err)
			}
			if !strings.Contains(serr.Msg, tt.msg) || serr.Line != tt.line || serr.Column != tt.col {
				t.Errorf("got %d:%d %q, want %d:%d containing %q", serr.Line, serr.Column, serr.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestParseNamesPayloadsThatAreNotContactEvents(t *testing.T) {
	// Each payload must get a description of its own: what it is, in the
	// words a person would search for.
	tests := []struct{ name, in, want string }{
		{"contact flow", `{"Details":{"ContactData":{"ContactId":"c-1","Channel":"VOICE"},"Parameters":{}},"Name":"ContactFlowEvent"}`,
			`an Amazon Connect contact flow invocation (Name "ContactFlowEvent"), not a contact event`},
		{"contact trace", `{"AWSAccountId":"111122223333","AWSContactTraceRecordFormatVersion":"2017-03-10","ContactId":"c-1","Channel":"VOICE"}`,
			"a contact trace record (CTR), not a contact event"},
		{"other EventBridge", `{"version":"0","id":"1","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"111122223333","time":"2024-01-01T00:00:00Z","region":"us-west-2","resources":[],"detail":{"state":"running"}}`,
			`an EventBridge event with source "aws.ec2" and detail-type "EC2 Instance State-change Notification", not an Amazon Connect contact event`},
		// The decoder keeps the first of two values, the classifier the
		// last: the payload is named by what it says last, as before the
		// decode's answer was trusted (plainlyContactEvent).
		{"contact event's source, then another", `{"version":"0","id":"1","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"111122223333","time":"2024-01-01T00:00:00Z","region":"us-west-2","resources":[],"detail":{},"source":"aws.ec2"}`,
			`an EventBridge event with source "aws.ec2" and detail-type "Amazon Connect Contact Event", not an Amazon Connect contact event`},
		{"contact event's detail-type, then another", `{"version":"0","id":"1","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"111122223333","time":"2024-01-01T00:00:00Z","region":"us-west-2","resources":[],"detail":{},"detail-type":"Other"}`,
			`an EventBridge event with source "aws.connect" and detail-type "Other", not an Amazon Connect contact event`},
		{"not an event at all", `{"hello":"world"}`,
			`a JSON object that is not an Amazon Connect contact event (keys "hello")`},
	}
	for _, tc := range tests {
		_, err := contactevents.Parse([]byte(tc.in))
		var nerr *contactevents.NotContactEventError
		if !errors.As(err, &nerr) {
			t.Errorf("%s: got %v, want NotContactEventError", tc.name, err)
			continue
		}
		if nerr.What != tc.want {
			t.Errorf("%s: What = %q, want %q", tc.name, nerr.What, tc.want)
		}
	}
}

func TestParseRejectsBatchesOfSeveralEvents(t *testing.T) {
	two := "[" + string(detail("")) + "," + string(detail("")) + "]"
	if _, err := contactevents.Parse([]byte(two)); !errors.Is(err, contactevents.ErrMultipleEvents) {
		t.Errorf("got %v, want ErrMultipleEvents", err)
	}
}

func TestParseUnknownProfile(t *testing.T) {
	if _, err := contactevents.Parse(detail(""), contactevents.WithProfile("lenient")); err == nil {
		t.Error("an unknown profile must be an error")
	}
}

func TestDecoderReportsLinesOfNDJSONRecords(t *testing.T) {
	good := string(detail(""))
	in := good + "\n" + good + "\n" + `{"eventType":"QUEUED",}` + "\n" + good + "\n"
	var n, bad int
	for _, err := range contactevents.NewDecoder(strings.NewReader(in)).All() {
		n++
		if err == nil {
			continue
		}
		bad++
		var rerr *contactevents.RecordError
		var serr *contactevents.SyntaxError
		if !errors.As(err, &rerr) || rerr.Index != 2 || !errors.As(err, &serr) {
			t.Fatalf("got %v, want record 2's SyntaxError", err)
		}
		if serr.Line != 3 || serr.Column != 22 {
			t.Errorf("trailing comma at %d:%d, want 3:22 of the stream", serr.Line, serr.Column)
		}
	}
	if n != 4 || bad != 1 {
		t.Errorf("%d events, %d bad; want 4 and 1", n, bad)
	}
}

func TestValidationErrorRendersEveryIssue(t *testing.T) {
	data := []byte(`{"eventType":"NOPE","channel":"FAX","contactId":""}`)
	err := contactevents.Validate(data, contactevents.WithProfile(contactevents.Strict))
	var verr *contactevents.ValidationError
	if !errors.As(err, &verr) {
		t.Fatal(err)
	}
	got := locations(verr.Errors())
	want := "/eventType /$defs/EventType/enum; /channel /$defs/Channel/enum; /contactId /$defs/ContactIdentifier/minLength; " +
		" /$defs/ContactEvent/required;  /$defs/ContactEvent/required"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	out := verr.BasicOutput()
	if out.Valid || len(out.Errors) != 5 {
		t.Errorf("basic output: %+v", out)
	}
	if !strings.Contains(err.Error(), "and 2 more") {
		t.Errorf("Error() = %s", err)
	}
}

// TestValidationErrorListsWarningsWithoutWithWarnings: with no WithWarnings
// callback the warnings of a valid event are not rendered, but the
// *ValidationError of an invalid one still lists every issue, warnings
// included, in document order.
func TestValidationErrorListsWarningsWithoutWithWarnings(t *testing.T) {
	data := detail(`"zeta":1,"queueInfo":{"queueArn":""}`) // unknown member (a warning under compat), then an empty ARN
	for name, check := range map[string]func([]byte, ...contactevents.Option) error{
		"Parse":    func(b []byte, o ...contactevents.Option) error { _, err := contactevents.Parse(b, o...); return err },
		"Validate": contactevents.Validate,
	} {
		var verr *contactevents.ValidationError
		if err := check(data); !errors.As(err, &verr) {
			t.Fatalf("%s: %v", name, err)
		}
		var got []string
		for _, i := range verr.Issues {
			got = append(got, i.Severity.String()+" "+i.InstanceLocation)
		}
		want := []string{"warning /zeta", "error /queueInfo/queueArn"}
		if !slices.Equal(got, want) {
			t.Errorf("%s: issues %q, want %q", name, got, want)
		}
	}
}

func TestEncodeKeepsUnknownMembersAndIsStable(t *testing.T) {
	in := detail(`"zeta":{"b":[1, 2 ,{"c":null}]},"agentInfo":{"agentArn":"arn:a","extra":true}`)
	ev, err := contactevents.Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := ev.MarshalJSON()
	if !strings.Contains(string(out), `"zeta":{"b":[1,2,{"c":null}]}`) || !strings.Contains(string(out), `"extra":true`) {
		t.Errorf("unknown members lost: %s", out)
	}
	ev2, err := contactevents.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	out2, _ := ev2.MarshalJSON()
	if string(out) != string(out2) {
		t.Errorf("not byte-stable:\n%s\n%s", out, out2)
	}
	if ev.HasEnvelope() || strings.HasPrefix(string(out), `{"version"`) {
		t.Errorf("a bare event must stay bare: %s", out)
	}
}

func TestEventsDecodeAsFieldsOfOtherStructs(t *testing.T) {
	// As a Lambda handler gets it from aws-lambda-go: the envelope decoded
	// by someone else, detail left raw.
	var cw struct {
		DetailType string          `json:"detail-type"`
		Detail     json.RawMessage `json:"detail"`
	}
	if err := json.Unmarshal([]byte(queuedEvent), &cw); err != nil {
		t.Fatal(err)
	}
	var ce contactevents.ContactEvent
	if err := json.Unmarshal(cw.Detail, &ce); err != nil {
		t.Fatal(err)
	}
	if ce.EventType != contactevents.EventTypeQueued || ce.QueueInfo == nil {
		t.Errorf("decoded %+v", ce)
	}
	var wrapper struct{ Event contactevents.Event }
	if err := json.Unmarshal([]byte(`{"Event":`+queuedEvent+`}`), &wrapper); err != nil {
		t.Fatal(err)
	}
	if wrapper.Event.Source != contactevents.EventSourceConnect || !wrapper.Event.HasEnvelope() {
		t.Errorf("decoded %+v", wrapper.Event)
	}
	var bad contactevents.ContactEvent
	err := json.Unmarshal([]byte(`{"eventType":"QUEUED"}`), &bad)
	var verr *contactevents.ValidationError
	if !errors.As(err, &verr) {
		t.Errorf("missing members: %v, want a ValidationError", err)
	}
}

func TestDecoderRecordsCarryLocationsAndWarnings(t *testing.T) {
	good := string(detail(""))
	warned := string(detail(`"zz":1`))
	in := good + "\n" + warned + "\n"
	var recs []*contactevents.Record
	for r, err := range contactevents.NewDecoder(strings.NewReader(in)).Records() {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 2 || recs[1].Line != 2 || recs[1].Index != 1 || recs[1].Format != contactevents.FormatNDJSON {
		t.Fatalf("records %+v", recs)
	}
	if len(recs[0].Warnings) != 0 || len(recs[1].Warnings) != 1 || recs[1].Warnings[0].InstanceLocation != "/zz" {
		t.Errorf("warnings %+v / %+v", recs[0].Warnings, recs[1].Warnings)
	}
}

func TestDetectFormat(t *testing.T) {
	for in, want := range map[string]contactevents.Format{
		queuedEvent:        contactevents.FormatEventBridge,
		string(detail("")): contactevents.FormatDetail,
		`{"Records":[{"messageId":"m","eventSource":"aws:sqs","body":"{}"}]}`: contactevents.FormatLambdaSQS,
		`[` + queuedEvent + `]`: contactevents.FormatArray,
		// Malformed objects: the kind of document Parse reads them as.
		`{"eventType":"QUEUED",}`:            contactevents.FormatDetail,
		`{"version":"0","detail":{"a":1,},}`: contactevents.FormatEventBridge,
		`{"eventType":"QUEUED"}}`:            contactevents.FormatDetail,       // a value and trailing data, which Parse names
		`{"eventType":"QUEUED"}{}`:           contactevents.FormatConcatenated, // a value, then another
		``:                                   "",                               // nothing recognisable
		`42`:                                 "",
		`[1,`:                                contactevents.FormatArray, // by its first byte
	} {
		got, ok := contactevents.DetectFormat([]byte(in))
		if got != want || ok != (want != "") {
			t.Errorf("DetectFormat(%.40s...) = %q, %v, want %q", in, got, ok, want)
		}
	}
}

func TestNewTimestampDigitsWritesTheEnvelopeTime(t *testing.T) {
	at := time.Date(2024, 5, 1, 12, 0, 5, 123456789, time.UTC)
	for digits, want := range map[int]string{0: "2024-05-01T12:00:05Z", 3: "2024-05-01T12:00:05.123Z", 9: "2024-05-01T12:00:05.123456789Z"} {
		if got := contactevents.NewTimestampDigits(at, digits).String(); got != want {
			t.Errorf("%d digits: %s, want %s", digits, got, want)
		}
	}
	if got := contactevents.NewTimestamp(at).String(); got != "2024-05-01T12:00:05.123Z" {
		t.Errorf("NewTimestamp: %s", got)
	}
}

func TestErrorsSplitsJoinedSyntaxErrors(t *testing.T) {
	_, err := contactevents.Parse([]byte(`{"eventType":"QUEUED","tags":{"a":"1",},"contactId":"c",}`))
	parts := contactevents.SplitErrors(err)
	if len(parts) != 2 {
		t.Fatalf("Errors = %v, want the two trailing commas", parts)
	}
	for _, p := range parts {
		var serr *contactevents.SyntaxError
		if !errors.As(p, &serr) || !strings.Contains(serr.Msg, "trailing comma") {
			t.Errorf("part %v", p)
		}
	}
}

func TestWithNoCopyAliasesTheInput(t *testing.T) {
	data := []byte(queuedEvent)
	copied, err := contactevents.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	aliased, err := contactevents.Parse(data, contactevents.WithNoCopy())
	if err != nil {
		t.Fatal(err)
	}
	if copied.Detail.ContactID != aliased.Detail.ContactID {
		t.Fatalf("%q != %q", copied.Detail.ContactID, aliased.Detail.ContactID)
	}
	i := bytes.Index(data, []byte("6ca32fbd"))
	data[i] = 'X' // the caller breaks the contract: the aliased event sees it
	if copied.Detail.ContactID[0] != '6' || aliased.Detail.ContactID[0] != 'X' {
		t.Errorf("copied %q, aliased %q", copied.Detail.ContactID, aliased.Detail.ContactID)
	}
}

// TestParseCopiesTheInput: the event's strings survive the caller's reuse
// of its buffer, whether the copy shares the arena's allocation (a document
// up to 8 KiB) or not.
func TestParseCopiesTheInput(t *testing.T) {
	for _, pad := range []int{0, 900, 3000, 7000, 9000} {
		data := detail(`"tags":{"pad":"` + strings.Repeat("p", pad) + `"}`)
		ev, err := contactevents.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		for i := range data {
			data[i] = 'X'
		}
		if ev.Detail.ContactID != "c-1" || len(ev.Detail.Tags["pad"]) != pad || strings.Contains(ev.Detail.Tags["pad"], "X") {
			t.Errorf("%d bytes: the event changed with its input: contactId %q", len(data), ev.Detail.ContactID)
		}
	}
}

func TestDecoderCopiesEvenWithNoCopy(t *testing.T) {
	// Enough records for the decoder to refill its read buffer many times.
	var in strings.Builder
	const n = 5000
	for i := range n {
		in.WriteString(strings.Replace(string(detail("")), `"c-1"`, `"c-`+strconv.Itoa(i)+`"`, 1) + "\n")
	}
	var events []*contactevents.Event
	for ev, err := range contactevents.NewDecoder(strings.NewReader(in.String()), contactevents.WithNoCopy()).All() {
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	if len(events) != n {
		t.Fatalf("%d events, want %d", len(events), n)
	}
	for i, ev := range events {
		if want := "c-" + strconv.Itoa(i); ev.Detail.ContactID != want {
			t.Fatalf("event %d has contactId %q, want %q: events alias the decoder's reused buffer", i, ev.Detail.ContactID, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range contactevents.Format("").Values() {
		got, err := contactevents.ParseFormat(" " + strings.ToUpper(string(f)) + " ")
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	for in, f := range map[string]contactevents.Format{"": contactevents.FormatAuto, "jsonl": contactevents.FormatNDJSON, "Lambda-SQS": contactevents.FormatLambdaSQS} {
		if got, err := contactevents.ParseFormat(in); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	_, err := contactevents.ParseFormat("xml")
	const want = `contactevents: unknown format "xml" (want one of auto, eventbridge, detail, sns, lambda-sqs, lambda-sns, lambda-kinesis, firehose, array, ndjson, concatenated)`
	if err == nil || err.Error() != want {
		t.Errorf("ParseFormat(xml) error = %v, want %s", err, want)
	}
}

// TestFormatValuesAreTheConstants pins the list Values returns (which the
// delivery layer orders) to the documented constants.
func TestFormatValuesAreTheConstants(t *testing.T) {
	want := []contactevents.Format{
		contactevents.FormatAuto, contactevents.FormatEventBridge, contactevents.FormatDetail, contactevents.FormatSNS,
		contactevents.FormatLambdaSQS, contactevents.FormatLambdaSNS, contactevents.FormatLambdaKinesis, contactevents.FormatFirehose,
		contactevents.FormatArray, contactevents.FormatNDJSON, contactevents.FormatConcatenated,
	}
	if got := contactevents.Format("").Values(); !slices.Equal(got, want) {
		t.Errorf("Values() = %q, want %q", got, want)
	}
}

// TestDocNamesNoInternalPackage: the public API is described in its own
// terms (go doc -all shows no alias of an internal type, no constant
// converted from one).
func TestDocNamesNoInternalPackage(t *testing.T) {
	out, err := exec.Command("go", "doc", "-all", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go doc: %v\n%s", err, out)
	}
	for _, internal := range []string{"delivery.", "scan.", "codec.", "issue.", "internal/"} {
		if i := bytes.Index(out, []byte(internal)); i >= 0 {
			start := max(0, bytes.LastIndexByte(out[:i], '\n')+1)
			end := i + max(0, bytes.IndexByte(out[i:], '\n'))
			t.Errorf("go doc names an internal package: %s", out[start:end])
		}
	}
}
