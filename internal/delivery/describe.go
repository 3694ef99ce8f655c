package delivery

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
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

// Summary is what the classifier saw of a payload's top level: enough to
// say what it is (Describe) without reading it again.
type Summary struct {
	p    probe
	r    reader
	kind Kind   // set when the payload is not one object
	what string // the sentence for kind
	// wrapper is the format of a payload that is one wrapper object, v,
	// at offset off: Records goes on from there.
	wrapper Format
	v       []byte
	off     int64
	// partial: Classify stopped at an envelope key of the object v, its
	// reader positioned after that member.
	partial bool
	// deferred: Classify took v's first members as AWS writes them
	// (envelopeFirst) without reading them; finish reads the top level
	// from the start, with shape, if Describe is asked.
	deferred bool
	shape    *EventShape
}

// Classify reads the top level of data once, skimming it (structure and
// top-level keys; nothing is validated or decoded), into sum, and reports
// whether data is one event document and which kind by the schema's root
// rule: an EventBridge event (a "detail" or "detail-type" member) or a bare
// contact event. It stops at the first envelope key, which decides (no
// wrapper has one): then sum is Partial, the document's end is the
// decoder's to find, and Describe reads the rest of the top level if it is
// asked (all of it when the event starts as AWS writes one, whose first
// keys are recognised without a skim). A bare event is skimmed whole (only
// the absence of both keys makes one). f is the caller's format: Auto, or
// EventBridge or Detail (the caller says data is an event document; the
// root rule still picks the kind), or another format (never a document).
//
// A document whose structure breaks (input ending inside it, mismatched
// brackets, a junk byte between members) is one document too, of the kind
// the keys before the break say, for the decoder to diagnose; its data
// after it decides nothing. ok is false for what the delivery layer must
// unwrap or split (a wrapper, several values, an array, a scalar): read it
// with Records. sum then describes data all the same.
func Classify(data []byte, f Format, shape *EventShape, sum *Summary) (doc Format, ok bool) {
	return classify(data, f, shape, sum, true)
}

// classify is Classify; fast enables its shortcut for an event that starts
// as AWS writes one (off only for the test that compares it with the skim).
func classify(data []byte, f Format, shape *EventShape, sum *Summary, fast bool) (doc Format, ok bool) {
	v := trimWS(data)
	sum.kind, sum.what, sum.wrapper, sum.v, sum.partial, sum.deferred = Unknown, "", "", v, false, false
	if len(v) == 0 || v[0] != '{' {
		sum.describeValue(v)
		if f == EventBridge || f == Detail {
			return f, true // the decoder says what it is
		}
		return "", false
	}
	switch f {
	case Auto, EventBridge, Detail:
	default:
		return "", false
	}
	if fast && envelopeFirst(v) {
		// What the skim below would find, without reading: it would stop
		// at "detail-type", having read only "version" and "id" before it.
		sum.partial, sum.deferred, sum.shape = true, true, shape
		return EventBridge, true
	}
	p, r := &sum.p, &sum.r
	*p = probe{shape: shape}
	r.begin(v)
	for key, val, ok := r.member(); ok; key, val, ok = r.member() {
		p.set(key, val)
		if isEnvelopeKey(key) {
			// The root rule has decided, and no wrapper has this key: the
			// rest of the top level is read only if Describe is asked
			// (finish), and the decoder finds the document's end.
			sum.partial = true
			return EventBridge, true
		}
	}
	n, err := r.end()
	p.shape = nil
	doc = docOf(p)
	if another := sum.settle(v, n, err); another && f == Auto {
		return "", false // another value: NDJSON or concatenated
	}
	if err == nil && f == Auto && sum.kind == Unknown {
		if wf := r.classify(p); wf != doc {
			sum.wrapper, sum.v, sum.off = wf, v[:n:n], int64(len(data)-len(skipWS(data)))
			return "", false
		}
	}
	return doc, true
}

// envelopeFirst reports whether the object v starts as EventBridge writes
// an event, compact: {"version":"…","id":"…","detail-type":"…" with no
// backslash in the three strings. Classify's skim of such a document reads
// those three members, whatever their values, and stops at the envelope
// key; nothing after it is read.
func envelopeFirst(v []byte) bool {
	v, ok := plainMember(v, `{"version":`)
	if ok {
		v, ok = plainMember(v, `,"id":`)
	}
	if ok {
		_, ok = plainMember(v, `,"detail-type":`)
	}
	return ok
}

// plainMember returns what follows prefix and a string without a
// backslash at the start of v.
func plainMember(v []byte, prefix string) ([]byte, bool) {
	if len(v) <= len(prefix) || string(v[:len(prefix)]) != prefix || v[len(prefix)] != '"' {
		return nil, false
	}
	v = v[len(prefix)+1:]
	for i, c := range v { // short strings: a loop beats two IndexByte calls
		switch c {
		case '"':
			return v[i+1:], true
		case '\\':
			return nil, false
		}
	}
	return nil, false
}

// settle records what the top level of v, n bytes long (err: why the skim
// stopped), says that is not one object, and reports whether another value
// follows.
func (sum *Summary) settle(v []byte, n int, err error) (another bool) {
	if err != nil {
		sum.kind, sum.what = NotAnObject, fmt.Sprintf("not valid JSON (%v), not a contact event", err)
		return false
	}
	if rest := skipWS(v[n:]); len(rest) != 0 {
		sum.kind, sum.what = NotAnObject, "several JSON values (NDJSON or concatenated), not a single contact event"
		return rest[0] == '{' || rest[0] == '['
	}
	return false
}

// Partial reports that Classify stopped at an envelope key: the end of the
// document is not known, and the decoder must check whether another value
// follows it (see Summary).
func (sum *Summary) Partial() bool { return sum.partial }

// finish reads the rest of the top level Classify stopped in.
func (sum *Summary) finish() {
	if !sum.partial {
		return
	}
	sum.partial = false
	p, r := &sum.p, &sum.r
	if sum.deferred {
		sum.deferred = false
		*p = probe{shape: sum.shape}
		r.begin(sum.v)
	}
	for key, val, ok := r.member(); ok; key, val, ok = r.member() {
		p.set(key, val)
	}
	n, err := r.end()
	p.shape = nil
	sum.settle(sum.v, n, err)
}

// Records yields the records of data, which Classify read into sum and
// found not to be one event document, as Records(data, f) does: for a
// wrapper, going on from what Classify saw (its top level is not read
// again).
func (sum *Summary) Records(data []byte, f Format) iter.Seq2[Record, error] {
	if sum.wrapper == "" {
		return Records(data, f)
	}
	wf, v, off := sum.wrapper, sum.v, sum.off
	p := sum.p
	return func(yield func(Record, error) bool) {
		w := &walker{yield: yield, p: p}
		if w.validWrapper(v) != nil {
			w.malformed(v, loc{outer: Auto, off: off})
			return
		}
		w.dispatch(v, wf, loc{outer: wf, off: off})
	}
}

// describeValue describes v, trimmed, which is not an object.
func (sum *Summary) describeValue(v []byte) {
	if len(v) == 0 {
		sum.kind, sum.what = NotAnObject, "empty input, not a contact event"
		return
	}
	sum.r.s.ResetView(v, skimDepth)
	raw, ok := sum.r.s.Skip()
	switch {
	case !ok:
		sum.kind, sum.what = NotAnObject, fmt.Sprintf("not valid JSON (%v), not a contact event", sum.r.s.Err())
	case len(skipWS(v[len(raw):])) != 0:
		sum.kind, sum.what = NotAnObject, "several JSON values (NDJSON or concatenated), not a single contact event"
	default:
		sum.kind, sum.what = NotAnObject, fmt.Sprintf("a JSON value that is %s, not a contact event (a JSON object)", kindName(kindOf(raw)))
	}
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
	var sum Summary
	Classify(data, Auto, &shape, &sum)
	return sum.Describe(shape)
}

// Describe says what the payload Classify read looks like (see Describe),
// from what it saw; shape must be the one Classify was given.
func (sum *Summary) Describe(shape EventShape) (Kind, string) {
	sum.finish()
	if sum.kind != Unknown {
		return sum.kind, sum.what
	}
	p, r := &sum.p, &sum.r
	if sum.IsContactEvent(shape) {
		return ContactEvent, fmt.Sprintf("an Amazon Connect contact event (EventBridge event with source %q and detail-type %q)", shape.Source, shape.DetailType)
	}
	if present(p.DetailType) && present(p.Source) {
		src, dt := r.rawString(p.Source), r.rawString(p.DetailType)
		return OtherEventBridgeEvent, fmt.Sprintf("an EventBridge event with source %q and detail-type %q, not an Amazon Connect contact event", src, dt)
	}
	if present(p.Details) && (r.strEq(p.Name, "ContactFlowEvent") || r.hasContactData(p.Details)) {
		name := "ContactFlowEvent"
		if present(p.Name) {
			name = r.rawString(p.Name)
		}
		return ContactFlowEvent, fmt.Sprintf("an Amazon Connect contact flow invocation (Name %q), not a contact event", name)
	}
	if present(p.CTRVersion) || (present(p.AWSAccountID) && present(p.CTRContactID) && !p.EventType) {
		return ContactTraceRecord, "a contact trace record (CTR), not a contact event"
	}
	if p.EventType && p.ContactID {
		return ContactEventDetail, "an Amazon Connect contact event detail (without its EventBridge envelope)"
	}
	switch f := r.classify(p); f {
	case SNS, LambdaSQS, LambdaSNS, LambdaKinesis, Firehose:
		return Unknown, fmt.Sprintf("%s, which wraps events rather than being one: read it with the %q delivery format", wrapperName(f), string(f))
	}
	return Unknown, fmt.Sprintf("a JSON object that is not an Amazon Connect contact event (%s)", r.keySummary(sum.v))
}

// IsContactEvent reports whether Describe says ContactEvent, without
// rendering its sentence: for a caller that only needs to know that the
// payload is one (an invalid contact event's error is its issues).
func (sum *Summary) IsContactEvent(shape EventShape) bool {
	sum.finish()
	p, r := &sum.p, &sum.r
	return sum.kind == Unknown && r.strEq(p.Source, shape.Source) && r.strEq(p.DetailType, shape.DetailType)
}

// hasContactData reports whether the Details object has a ContactData key.
func (r *reader) hasContactData(details []byte) bool {
	if details[0] != '{' {
		return false
	}
	var data []byte
	r.begin(details)
	for key, val, ok := r.member(); ok; key, val, ok = r.member() {
		if string(key) == "ContactData" {
			data = val
		}
	}
	_, err := r.end()
	return err == nil && present(data)
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

// keySummary lists the first top-level keys of the object v, in sorted
// order. It reads them again: only for the message about an unknown
// object, which the classifier need not prepare for every event.
func (r *reader) keySummary(v []byte) string {
	seen := map[string]bool{}
	r.begin(v)
	for key, _, ok := r.member(); ok; key, _, ok = r.member() {
		seen[string(key)] = true
	}
	if len(seen) == 0 {
		return "no keys"
	}
	keys := slices.Sorted(maps.Keys(seen))
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
