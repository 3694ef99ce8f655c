package delivery

import (
	"fmt"
	"slices"
	"strings"

	"github.com/segmentio/encoding/json"

	"github.com/connectevents/sdk-go/internal/scan"
)

// Kind says what a JSON payload looks like, so that a decoder can explain
// clearly why a payload is not a contact event.
type Kind int

// The kinds Describe tells apart.
const (
	// Unknown is a JSON object that matches none of the other kinds (Describe's
	// sentence names a delivery wrapper when it recognises one, else the
	// object's keys).
	Unknown Kind = iota
	// ContactEvent is an EventBridge event with source "aws.connect" and
	// detail-type "Amazon Connect Contact Event".
	ContactEvent
	// ContactEventDetail is a bare contact event: it has eventType (or
	// EventType) and contactId (or ContactId).
	ContactEventDetail
	// OtherEventBridgeEvent is an EventBridge event (it has detail-type and
	// source) with another source or detail-type.
	OtherEventBridgeEvent
	// ContactFlowEvent is the payload of a Lambda function invoked from an
	// Amazon Connect contact flow: {"Details":{"ContactData":...},"Name":"ContactFlowEvent"}.
	ContactFlowEvent
	// ContactTraceRecord is an Amazon Connect contact trace record (CTR): it
	// has AWSContactTraceRecordFormatVersion, or AWSAccountId and ContactId
	// without EventType.
	ContactTraceRecord
	// NotAnObject is anything but a single JSON object: empty input, invalid
	// JSON, an array, a scalar or several values.
	NotAnObject
)

var kindNames = [...]string{
	Unknown:               "Unknown",
	ContactEvent:          "ContactEvent",
	ContactEventDetail:    "ContactEventDetail",
	OtherEventBridgeEvent: "OtherEventBridgeEvent",
	ContactFlowEvent:      "ContactFlowEvent",
	ContactTraceRecord:    "ContactTraceRecord",
	NotAnObject:           "NotAnObject",
}

// String returns the kind's name, such as "ContactEvent".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// EventShape is what tells a contact event from other JSON: facts of the
// contact-event schema, which the SDK passes from its generated code so that
// this package restates none of them.
type EventShape struct {
	// Source and DetailType are the envelope's values for a contact event.
	Source, DetailType string
	// EventTypeKeys and ContactIDKeys are every documented spelling of the
	// keys of the bare event's eventType and contactId members.
	EventTypeKeys, ContactIDKeys []string
}

// describeProbe holds the top-level keys Describe looks at besides the
// contact event's: those of the things that are not contact events (a
// contact-flow invocation, a contact trace record).
type describeProbe struct {
	probe
	Details      json.RawMessage `json:"Details"`
	Name         json.RawMessage `json:"Name"`
	CTRVersion   json.RawMessage `json:"AWSContactTraceRecordFormatVersion"`
	AWSAccountID json.RawMessage `json:"AWSAccountId"`
	CTRContactID json.RawMessage `json:"ContactId"` // a CTR's key
}

// Describe says what the JSON payload data looks like. The sentence suits an
// error message and reads like the kind it describes, for example:
//
//	an Amazon Connect contact flow invocation (Name "ContactFlowEvent"), not a contact event
//	an EventBridge event with source "aws.ec2" and detail-type "EC2 Instance State-change Notification", not an Amazon Connect contact event
//	a contact trace record (CTR), not a contact event
//
// Describe looks at the top-level keys only and does not validate a contact
// event; shape says what a contact event looks like.
func Describe(data []byte, shape EventShape) (Kind, string) {
	v := trimWS(data)
	if len(v) == 0 {
		return NotAnObject, "empty input, not a contact event"
	}
	var p describeProbe
	var rest []byte
	var err error
	if v[0] == '{' {
		rest, err = json.Parse(v, &p, parseFlags)
	} else {
		var raw json.RawMessage
		rest, err = json.Parse(v, &raw, parseFlags)
		if err == nil && len(rest) == 0 {
			return NotAnObject, fmt.Sprintf("a JSON value that is %s, not a contact event (a JSON object)", kindName(kindOf(raw)))
		}
	}
	switch {
	case err != nil:
		return NotAnObject, fmt.Sprintf("not valid JSON (%v), not a contact event", err)
	case len(rest) != 0:
		return NotAnObject, "several JSON values (NDJSON or concatenated), not a single contact event"
	}

	if present(p.DetailType) && present(p.Source) {
		src, dt := rawString(p.Source), rawString(p.DetailType)
		if src == shape.Source && dt == shape.DetailType {
			return ContactEvent, fmt.Sprintf("an Amazon Connect contact event (EventBridge event with source %q and detail-type %q)", src, dt)
		}
		return OtherEventBridgeEvent, fmt.Sprintf("an EventBridge event with source %q and detail-type %q, not an Amazon Connect contact event", src, dt)
	}
	if present(p.Details) && (strEq(p.Name, "ContactFlowEvent") || hasContactData(p.Details)) {
		name := "ContactFlowEvent"
		if present(p.Name) {
			name = rawString(p.Name)
		}
		return ContactFlowEvent, fmt.Sprintf("an Amazon Connect contact flow invocation (Name %q), not a contact event", name)
	}
	hasEventType, hasContactID := shape.members(v)
	if present(p.CTRVersion) || (present(p.AWSAccountID) && present(p.CTRContactID) && !hasEventType) {
		return ContactTraceRecord, "a contact trace record (CTR), not a contact event"
	}
	if hasEventType && hasContactID {
		return ContactEventDetail, "an Amazon Connect contact event detail (without its EventBridge envelope)"
	}
	switch f := classify(&p.probe); f {
	case SNS, LambdaSQS, LambdaSNS, LambdaKinesis, Firehose:
		return Unknown, fmt.Sprintf("%s, which wraps events rather than being one: read it with the %q delivery format", wrapperName(f), string(f))
	}
	return Unknown, fmt.Sprintf("a JSON object that is not an Amazon Connect contact event (%s)", keySummary(v))
}

// members reports whether the (valid) object v has, not null, a member
// spelled as the contact event's eventType and one spelled as its
// contactId. It reads the top-level keys with the SDK's scanner, allocating
// nothing: Describe runs for every invalid event.
func (shape EventShape) members(v []byte) (eventType, contactID bool) {
	var s scan.Scanner
	s.ResetView(v, 0) // the keys are compared, not kept
	if !s.BeginObject() {
		return false, false
	}
	for {
		key, ok := s.NextKey()
		if !ok {
			return eventType, contactID
		}
		if s.Peek() != scan.Null {
			eventType = eventType || slices.Contains(shape.EventTypeKeys, key)
			contactID = contactID || slices.Contains(shape.ContactIDKeys, key)
		}
		s.Skip()
	}
}

// hasContactData reports whether the Details object has a ContactData key.
func hasContactData(details []byte) bool {
	if details[0] != '{' {
		return false
	}
	var d struct {
		ContactData json.RawMessage `json:"ContactData"`
	}
	_, err := json.Parse(details, &d, parseFlags)
	return err == nil && present(d.ContactData)
}

// wrapperName describes a wrapper format for Describe.
func wrapperName(f Format) string {
	switch f {
	case SNS:
		return "an Amazon SNS notification"
	case LambdaSQS:
		return "an AWS Lambda event from Amazon SQS"
	case LambdaSNS:
		return "an AWS Lambda event from Amazon SNS"
	case LambdaKinesis:
		return "an AWS Lambda event from Amazon Kinesis"
	default:
		return "an Amazon Data Firehose transformation event"
	}
}

// keySummary lists the first top-level keys of the object v.
func keySummary(v []byte) string {
	var m map[string]json.RawMessage
	if _, err := json.Parse(v, &m, parseFlags); err != nil || len(m) == 0 {
		return "no keys"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	const show = 8
	more := ""
	if len(keys) > show {
		more = fmt.Sprintf(", and %d more", len(keys)-show)
		keys = keys[:show]
	}
	for i, k := range keys {
		keys[i] = fmt.Sprintf("%q", k)
	}
	return "keys " + strings.Join(keys, ", ") + more
}
