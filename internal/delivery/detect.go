package delivery

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/connectevents/sdk-go/internal/scan"
)

// skimDepth bounds the nesting the delivery layer's readers follow. It is
// far above any delivery wrapper plus the SDK's event limit (a Lambda batch
// nests 4 levels around its documents), and it keeps a hostile payload (two
// million '[') to a few microseconds and no memory: the document is then
// handed to the decoder, which reports its own depth limit at the right
// offset.
const skimDepth = 1000

// MaxDepth is the nesting the delivery layer's readers follow (a payload
// nested deeper is not valid JSON to them).
const MaxDepth = skimDepth

// probe holds the raw values (subslices of the probed input, null included)
// of the top-level keys that tell the formats apart and that Describe reads,
// as the Skimmer found them in one pass: every top-level key is seen, none
// is decoded.
type probe struct {
	Records, RecordsLower, InvocationID, Type, Message, MessageID []byte
	DetailType, Detail, Source                                    []byte
	// What Describe says about a document that is not a contact event.
	Details, Name, CTRVersion, AWSAccountID, CTRContactID []byte
	// EventType and ContactID: a member spelled as the contact event's
	// eventType or contactId (by the shape the probe was given) is present,
	// not null.
	EventType, ContactID bool
	shape                *EventShape // while probing: the keys of EventType and ContactID
}

// firstRecord holds the keys of a Lambda event's first record that tell the
// event sources apart.
type firstRecord struct {
	EventSource, EventSourceUpper, Body, Sns, Kinesis []byte
}

// valueKind is the first byte of a JSON value: '{', '[', '"', 'n', 't', 'f'
// or '0' for a number.
type valueKind byte

// kindName names a JSON value kind for error messages.
func kindName(k valueKind) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	default:
		return "a number"
	}
}

// kindOf returns the kind of the (valid) JSON value v.
func kindOf(v []byte) valueKind {
	if len(v) == 0 {
		return 0
	}
	switch c := v[0]; c {
	case '{', '[', '"', 'n', 't', 'f':
		return valueKind(c)
	}
	return '0'
}

// reader is the delivery layer's two readers of one input: the Skimmer for
// structure (where values start and end, what the top-level keys are) and
// the validating Scanner for what is not an event document (a wrapper, a
// scalar), which the SDK's decoder never reads. Both are iterative and
// depth-limited, and reused from value to value.
type reader struct {
	k scan.Skimmer
	s scan.Scanner
}

// skimError is the error of a Skimmer that stopped.
func skimError(k *scan.Skimmer) error {
	f, at := k.Fault()
	if f == scan.TooDeep {
		return fmt.Errorf("nesting deeper than %d levels at offset %d", skimDepth, at)
	}
	return fmt.Errorf("%v at offset %d", f, at)
}

// probeValue reads the JSON value at the start of v (after spaces), filling
// p when it is an object, and returns its kind and what follows it (after
// spaces). An object is skimmed (its structure only: its contents are a
// decoder's to validate); any other value is validated. shape, when not
// nil, says which keys are a contact event's, for p.EventType and
// p.ContactID. It does not allocate.
func (r *reader) probeValue(p *probe, v []byte, shape *EventShape) (valueKind, []byte, error) {
	v = skipWS(v)
	if len(v) > 0 && v[0] == '{' {
		*p = probe{}
		n, err := r.probeObject(p, v, shape)
		return '{', skipWS(v[n:]), err
	}
	r.s.ResetView(v, skimDepth)
	raw, ok := r.s.Skip()
	if !ok {
		return kindOf(v), nil, r.s.Err()
	}
	return kindOf(raw), skipWS(v[len(raw):]), nil
}

// probeObject skims the object at the start of v into p and returns its
// length.
func (r *reader) probeObject(p *probe, v []byte, shape *EventShape) (int, error) {
	p.shape = shape
	r.begin(v)
	for key, val, ok := r.member(); ok; key, val, ok = r.member() {
		p.set(key, val)
	}
	p.shape = nil
	return r.end()
}

// envelopeFirst reports whether the top level of the object v, read up to
// its first envelope key, has one (then p holds the members before it);
// otherwise p holds them all, and r.end says how the object ended.
func (r *reader) envelopeFirst(p *probe, v []byte) bool {
	*p = probe{}
	r.begin(v)
	for key, val, ok := r.member(); ok; key, val, ok = r.member() {
		p.set(key, val)
		if isEnvelopeKey(key) {
			return true
		}
	}
	return false
}

// unescapeKey returns the key whose raw text (between its quotes) is raw,
// unescaped; a key that is not a valid string matches nothing.
func (r *reader) unescapeKey(raw []byte) []byte {
	q := make([]byte, 0, len(raw)+2)
	q = append(append(append(q, '"'), raw...), '"')
	u, ok := r.unquote(q)
	if !ok {
		return nil
	}
	return u
}

// set records the member key: val of a probed object.
func (p *probe) set(key, val []byte) {
	switch string(key) {
	case "Records":
		p.Records = val
	case "records":
		p.RecordsLower = val
	case "invocationId":
		p.InvocationID = val
	case "Type":
		p.Type = val
	case "Message":
		p.Message = val
	case "MessageId":
		p.MessageID = val
	case "detail-type":
		p.DetailType = val
	case "detail":
		p.Detail = val
	case "source":
		p.Source = val
	case "Details":
		p.Details = val
	case "Name":
		p.Name = val
	case "AWSContactTraceRecordFormatVersion":
		p.CTRVersion = val
	case "AWSAccountId":
		p.AWSAccountID = val
	case "ContactId":
		p.CTRContactID = val
	}
	if p.shape != nil && present(val) {
		p.EventType = p.EventType || containsKey(p.shape.EventTypeKeys, key)
		p.ContactID = p.ContactID || containsKey(p.shape.ContactIDKeys, key)
	}
}

func containsKey(keys []string, key []byte) bool {
	for _, k := range keys {
		if k == string(key) {
			return true
		}
	}
	return false
}

// classify returns the format of a probed object.
func (r *reader) classify(p *probe) Format {
	if docOf(p) == EventBridge {
		return EventBridge // the root rule: no wrapper has detail or detail-type
	}
	if present(p.Records) {
		if f := r.lambdaFormat(p.Records); f != "" {
			return f
		}
	}
	if present(p.RecordsLower) && present(p.InvocationID) {
		return Firehose
	}
	if r.strEq(p.Type, "Notification") && present(p.Message) {
		return SNS
	}
	return Detail
}

// lambdaFormat returns the Lambda event format of a Records array from its
// first record, LambdaSQS for an empty array, or "".
func (r *reader) lambdaFormat(records []byte) Format {
	if len(records) == 0 || records[0] != '[' {
		return ""
	}
	first := skipWS(records[1:])
	if len(first) == 0 || first[0] == ']' {
		return LambdaSQS
	}
	if first[0] != '{' {
		return ""
	}
	var fr firstRecord
	k := &r.k
	k.Reset(first, skimDepth)
	k.BeginObject()
	for {
		key, _, ok := k.NextMember()
		if !ok {
			break
		}
		val, ok := k.Value()
		if !ok {
			break
		}
		switch string(key) {
		case "eventSource":
			fr.EventSource = val
		case "EventSource":
			fr.EventSourceUpper = val
		case "body":
			fr.Body = val
		case "Sns":
			fr.Sns = val
		case "kinesis":
			fr.Kinesis = val
		}
	}
	if f, _ := k.Fault(); f != scan.NoFault {
		return ""
	}
	src := fr.EventSource
	if !present(src) {
		src = fr.EventSourceUpper
	}
	switch {
	case r.strEq(src, "aws:sqs"):
		return LambdaSQS
	case r.strEq(src, "aws:sns"):
		return LambdaSNS
	case r.strEq(src, "aws:kinesis"):
		return LambdaKinesis
	case present(src):
		return ""
	case present(fr.Body):
		return LambdaSQS
	case present(fr.Sns):
		return LambdaSNS
	case present(fr.Kinesis):
		return LambdaKinesis
	}
	return ""
}

// isWrapper reports whether f wraps event documents in a single JSON
// object (its syntax is then the delivery layer's to check, as no decoder
// reads it).
func isWrapper(f Format) bool {
	switch f {
	case SNS, LambdaSQS, LambdaSNS, LambdaKinesis, Firehose:
		return true
	}
	return false
}

// validWrapper reports whether the wrapper object v is valid JSON, and why
// not: an event document is checked by its decoder, a wrapper here, once,
// by the validating Scanner.
func (r *reader) validWrapper(v []byte) error {
	r.s.ResetView(v, skimDepth)
	if _, ok := r.s.Skip(); !ok || !r.s.Finish() {
		return r.s.Err()
	}
	return nil
}

// Detect reports the format of data from its first bytes and top-level keys.
// It skims the first JSON value (its structure, every top-level key, the
// first record of a Lambda batch) without decoding or validating it (a
// wrapper is validated) and allocates nothing for in-memory objects; see
// the package documentation for the rules.
//
// Detect returns Auto when data holds no recognisable JSON: it is empty, a
// single scalar, or its first value is not valid JSON.
func Detect(data []byte) Format {
	d := detectPool.Get().(*detector)
	defer detectPool.Put(d)
	if f, _, ok := d.r.detectSingle(&d.p, data, nil); ok {
		return f
	}
	s := newMemSplitter(data)
	mode, first, ok := s.autoMode()
	switch {
	case !ok, first.err != nil:
		return Auto
	case mode == Array:
		return Array
	}
	k, _, err := d.r.probeValue(&d.p, first.val, nil)
	switch {
	case err != nil:
		return Auto
	case mode != "" && !s.valueStart():
		// One value and trailing data (the current page's
		// CONNECTED_TO_AGENT sample leaves a '}' over), not several
		// values.
		return Auto
	case mode != "":
		return mode
	case k != '{':
		return Auto
	}
	f := d.r.classify(&d.p)
	if isWrapper(f) && d.r.validWrapper(first.val) != nil {
		return Auto
	}
	return f
}

// detector is what Detect reads with; pooled, since it escapes to the heap.
type detector struct {
	p probe
	r reader
}

var detectPool = sync.Pool{New: func() any { return new(detector) }}

// detectSingle is the fast path of detection: data holds exactly one JSON
// object, of a structure that holds together (a wrapper: valid JSON). It
// returns the object's format and the object with surrounding space
// trimmed.
func (r *reader) detectSingle(p *probe, data []byte, shape *EventShape) (Format, []byte, bool) {
	start := len(data) - len(skipWS(data))
	if start == len(data) || data[start] != '{' {
		return "", nil, false
	}
	*p = probe{}
	n, err := r.probeObject(p, data[start:], shape)
	if err != nil || len(skipWS(data[start+n:])) != 0 {
		return "", nil, false
	}
	v := data[start : start+n : start+n]
	f := r.classify(p)
	if isWrapper(f) && r.validWrapper(v) != nil {
		return "", nil, false
	}
	return f, v, true
}

// autoMode reads the start of the input to decide how values are laid out:
// Array when it starts with '[' (nothing is consumed), NDJSON or Concatenated
// when another value follows the first, or "" when the first value is the
// whole input. first is the first top-level item (zero for Array); when it
// is an error, mode is "" if nothing follows the broken value and
// Concatenated otherwise. ok is false for an input with no value at all.
func (s *splitter) autoMode() (mode Format, first item, ok bool) {
	if _, more := s.skipSpace(); !more {
		if it, ok := s.readErr(); ok {
			return Concatenated, it, true
		}
		return "", item{}, false
	}
	if s.buf[s.pos] == '[' {
		return Array, item{elem: -1}, true
	}
	first, ok = s.next()
	if !ok {
		return "", item{}, false
	}
	if first.err != nil {
		// Find out whether anything follows the broken value: if not, the
		// input was one (broken) document; if so, read the rest as
		// concatenated values, which also covers NDJSON.
		if first.fatal {
			return "", first, true
		}
		if s.resyncPending {
			s.resyncPending = false
			s.resync()
		}
		if _, more := s.skipSpace(); !more && (s.rerr == nil || s.rerr == errReported) {
			return "", first, true
		}
		return Concatenated, first, true
	}
	first.val = s.copyValue(first.val)
	sawNL, more := s.skipSpace()
	if !more && (s.rerr == nil || s.rerr == errReported) {
		return "", first, true
	}
	if sawNL && bytes.IndexByte(first.val, '\n') < 0 {
		s.ndjson = true
		return NDJSON, first, true
	}
	return Concatenated, first, true
}

// present reports whether a raw value was found and is not null.
func present(raw []byte) bool {
	return len(raw) != 0 && !(len(raw) == 4 && string(raw) == "null")
}

// strEq reports whether raw is a JSON string equal to s.
func (r *reader) strEq(raw []byte, s string) bool {
	if len(raw) < 2 || raw[0] != '"' {
		return false
	}
	if len(raw) == len(s)+2 && string(raw[1:len(raw)-1]) == s {
		return true
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return false
	}
	u, ok := r.unquote(raw)
	return ok && string(u) == s
}

// unquote returns the contents of the JSON string raw, or false when raw is
// not a valid string. Unescaped contents point into raw.
func (r *reader) unquote(raw []byte) ([]byte, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return nil, false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1 : len(raw)-1], true
	}
	r.s.ResetView(raw, 1)
	s, ok := r.s.ReadString()
	if !ok || !r.s.Finish() {
		return nil, false
	}
	return []byte(s), true
}

// rawString returns the JSON string raw as a Go string, or "".
func (r *reader) rawString(raw []byte) string {
	u, _ := r.unquote(raw)
	return string(u)
}

// skipWS returns b without leading JSON whitespace.
func skipWS(b []byte) []byte {
	for i, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return b[i:]
		}
	}
	return b[len(b):]
}

// Trim returns data without surrounding JSON whitespace (capped: appending
// to it never writes into data), and the offset where it starts.
func Trim(data []byte) ([]byte, int) {
	v := trimWS(data)
	return v[:len(v):len(v)], len(data) - len(skipWS(data))
}

// trimWS returns b without leading and trailing JSON whitespace.
func trimWS(b []byte) []byte {
	b = skipWS(b)
	for len(b) > 0 {
		switch b[len(b)-1] {
		case ' ', '\t', '\r', '\n':
			b = b[:len(b)-1]
		default:
			return b
		}
	}
	return b
}
