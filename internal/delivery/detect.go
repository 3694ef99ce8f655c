package delivery

import (
	"bytes"
	"sync"

	"github.com/segmentio/encoding/json"
)

// parseFlags makes segmentio's decoder match keys exactly and point raw
// values and strings into the input instead of copying them.
const parseFlags = json.ZeroCopy | json.DontMatchCaseInsensitiveStructFields

// probe holds the top-level keys that tell the formats apart. Raw values
// point into the probed input.
type probe struct {
	Records      json.RawMessage `json:"Records"`
	RecordsLower json.RawMessage `json:"records"`
	InvocationID json.RawMessage `json:"invocationId"`
	Type         json.RawMessage `json:"Type"`
	Message      json.RawMessage `json:"Message"`
	MessageID    json.RawMessage `json:"MessageId"`
	DetailType   json.RawMessage `json:"detail-type"`
	Detail       json.RawMessage `json:"detail"`
	Source       json.RawMessage `json:"source"`
}

// firstRecord holds the keys of a Lambda event's first record that tell the
// event sources apart.
type firstRecord struct {
	EventSource      json.RawMessage `json:"eventSource"`
	EventSourceUpper json.RawMessage `json:"EventSource"`
	Body             json.RawMessage `json:"body"`
	Sns              json.RawMessage `json:"Sns"`
	Kinesis          json.RawMessage `json:"kinesis"`
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

// probeValue parses the JSON value at the start of v (after spaces), filling
// p when it is an object, and returns its kind and what follows it (after
// spaces). It does not allocate.
func probeValue(p *probe, v []byte) (valueKind, []byte, error) {
	v = skipWS(v)
	if len(v) > 0 && v[0] == '{' {
		*p = probe{}
		rest, err := json.Parse(v, p, parseFlags)
		return '{', rest, err
	}
	var raw json.RawMessage
	rest, err := json.Parse(v, &raw, parseFlags)
	return kindOf(raw), rest, err
}

// classify returns the format of a probed object.
func classify(p *probe) Format {
	if present(p.Records) {
		if f := lambdaFormat(p.Records); f != "" {
			return f
		}
	}
	if present(p.RecordsLower) && present(p.InvocationID) {
		return Firehose
	}
	if strEq(p.Type, "Notification") && present(p.Message) {
		return SNS
	}
	return docOf(p)
}

// lambdaFormat returns the Lambda event format of a Records array from its
// first record, LambdaSQS for an empty array, or "".
func lambdaFormat(records []byte) Format {
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
	var r firstRecord
	if _, err := json.Parse(first, &r, parseFlags); err != nil {
		return ""
	}
	src := r.EventSource
	if !present(src) {
		src = r.EventSourceUpper
	}
	switch {
	case strEq(src, "aws:sqs"):
		return LambdaSQS
	case strEq(src, "aws:sns"):
		return LambdaSNS
	case strEq(src, "aws:kinesis"):
		return LambdaKinesis
	case present(src):
		return ""
	case present(r.Body):
		return LambdaSQS
	case present(r.Sns):
		return LambdaSNS
	case present(r.Kinesis):
		return LambdaKinesis
	}
	return ""
}

// Detect reports the format of data from its first bytes and top-level keys.
// It scans the first JSON value without decoding it (segmentio's parser
// matches a handful of keys and skips everything else) and allocates nothing
// for in-memory objects; see the package documentation for the rules.
//
// Detect returns Auto when data holds no recognisable JSON: it is empty, a
// single scalar, or its first value is not valid JSON.
func Detect(data []byte) Format {
	p := probePool.Get().(*probe)
	defer probePool.Put(p)
	if f, _, ok := detectSingle(p, data); ok {
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
	k, _, err := probeValue(p, first.val)
	switch {
	case err != nil:
		return Auto
	case mode != "":
		return mode
	case k != '{':
		return Auto
	}
	return classify(p)
}

// probePool saves Detect an allocation: a probe escapes to the heap.
var probePool = sync.Pool{New: func() any { return new(probe) }}

// detectSingle is the fast path of detection: data holds exactly one JSON
// object. It returns the object's format and the object with surrounding
// space trimmed.
func detectSingle(p *probe, data []byte) (Format, []byte, bool) {
	start := len(data) - len(skipWS(data))
	if start == len(data) || data[start] != '{' {
		return "", nil, false
	}
	*p = probe{}
	rest, err := json.Parse(data[start:], p, parseFlags)
	if err != nil || len(rest) != 0 {
		return "", nil, false
	}
	v := trimWS(data[start:])
	return classify(p), v[:len(v):len(v)], true
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
func strEq(raw []byte, s string) bool {
	if len(raw) < 2 || raw[0] != '"' {
		return false
	}
	if len(raw) == len(s)+2 && string(raw[1:len(raw)-1]) == s {
		return true
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return false
	}
	u, ok := unquote(raw)
	return ok && string(u) == s
}

// unquote returns the contents of the JSON string raw, or false when raw is
// not a string. Unescaped contents point into raw.
func unquote(raw []byte) ([]byte, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return nil, false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1 : len(raw)-1], true
	}
	var s string
	if _, err := json.Parse(raw, &s, json.DontMatchCaseInsensitiveStructFields); err != nil {
		return nil, false
	}
	return []byte(s), true
}

// rawString returns the JSON string raw as a Go string, or "".
func rawString(raw []byte) string {
	u, _ := unquote(raw)
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
