package delivery

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strconv"

	"github.com/segmentio/encoding/json"
)

// batchRecord holds the fields of a Lambda or Firehose batch record.
type batchRecord struct {
	MessageID json.RawMessage `json:"messageId"`
	Body      json.RawMessage `json:"body"`
	Sns       json.RawMessage `json:"Sns"`
	EventID   json.RawMessage `json:"eventID"`
	Kinesis   json.RawMessage `json:"kinesis"`
	RecordID  json.RawMessage `json:"recordId"`
	Data      json.RawMessage `json:"data"`
}

// nestedRecord holds the fields of a Lambda record's Sns or kinesis object.
type nestedRecord struct {
	MessageID json.RawMessage `json:"MessageId"`
	Message   json.RawMessage `json:"Message"`
	Data      json.RawMessage `json:"data"`
}

// sns unwraps the SNS notification probed in w.p.
func (w *walker) sns(l loc) bool {
	r := Record{Format: l.outer, ID: rawString(w.p.MessageID), Pointer: l.ptr + "/Message", Offset: -1, Line: l.line}
	data, doc, _, err := w.embedded(w.p.Message, "Message", false)
	if err != nil {
		return w.fail(r, "MessageId", err)
	}
	r.Inner, r.Doc, r.Data = doc, doc, data
	if l.nested {
		r.Inner = SNS
	}
	return w.emit(r)
}

// batch unwraps every record of a Lambda or Firehose batch.
func (w *walker) batch(recs json.RawMessage, f Format, l loc) bool {
	key := "/Records"
	if f == Firehose {
		key = "/records"
	}
	base := l.ptr + key
	r := Record{Format: l.outer, Pointer: base, Offset: -1, Line: l.line}
	if !present(recs) {
		return w.fail(r, "", fmt.Errorf("no %s array in a %s event", key[1:], f))
	}
	if recs[0] != '[' {
		return w.fail(r, "", fmt.Errorf("%s is %s, not an array", key[1:], kindName(kindOf(recs))))
	}
	// Walk the array (already validated by the probe), parsing each record
	// once.
	rest := skipWS(recs[1:])
	if len(rest) > 0 && rest[0] == ']' {
		return true
	}
	for i := 0; ; i++ {
		var err error
		isObject := len(rest) > 0 && rest[0] == '{'
		var kind valueKind
		if isObject {
			w.br = batchRecord{}
			rest, err = json.Parse(rest, &w.br, parseFlags)
		} else {
			var raw json.RawMessage
			rest, err = json.Parse(rest, &raw, parseFlags)
			kind = kindOf(raw)
		}
		if err != nil {
			return w.fail(r, "", fmt.Errorf("%s is not valid JSON: %w", key[1:], err))
		}
		if !w.batchRecord(isObject, kind, i, f, base, l) {
			return false
		}
		switch {
		case len(rest) > 0 && rest[0] == ',':
			rest = skipWS(rest[1:])
		case len(rest) > 0 && rest[0] == ']':
			return true
		default:
			return w.fail(r, "", fmt.Errorf("%s is not a valid JSON array", key[1:]))
		}
	}
}

// batchRecord unwraps record i of a batch of format f: the record parsed into
// w.br when isObject, else a value of the given kind.
func (w *walker) batchRecord(isObject bool, kind valueKind, i int, f Format, base string, l loc) bool {
	ptr := base + "/" + strconv.Itoa(i)
	r := Record{Format: l.outer, Pointer: ptr, Offset: -1, Line: l.line}
	if !isObject {
		return w.fail(r, "", fmt.Errorf("the record is %s, not a JSON object", kindName(kind)))
	}
	var (
		idField, what string
		raw           json.RawMessage
	)
	switch f {
	case LambdaSQS:
		r.ID, idField = rawString(w.br.MessageID), "messageId"
		r.Pointer, what, raw = ptr+"/body", "body", w.br.Body
	case LambdaSNS:
		idField = "MessageId"
		r.Pointer, what = ptr+"/Sns/Message", "Sns.Message"
		if err := w.nested(w.br.Sns, "Sns"); err != nil {
			r.Pointer = ptr + "/Sns"
			return w.fail(r, idField, err)
		}
		r.ID, raw = rawString(w.nr.MessageID), w.nr.Message
	case LambdaKinesis:
		r.ID, idField = rawString(w.br.EventID), "eventID"
		r.Pointer, what = ptr+"/kinesis/data", "kinesis.data"
		if err := w.nested(w.br.Kinesis, "kinesis"); err != nil {
			r.Pointer = ptr + "/kinesis"
			return w.fail(r, idField, err)
		}
		raw = w.nr.Data
	case Firehose:
		r.ID, idField = rawString(w.br.RecordID), "recordId"
		r.Pointer, what, raw = ptr+"/data", "data", w.br.Data
	}
	var (
		data   []byte
		doc    Format
		viaSNS bool
		err    error
	)
	if f == LambdaKinesis || f == Firehose {
		var decoded []byte
		if decoded, err = decodeBase64(raw, what); err == nil {
			data, doc, viaSNS, err = w.document(decoded, "decoded "+what, true)
		}
	} else {
		data, doc, viaSNS, err = w.embedded(raw, what, f == LambdaSQS)
	}
	if err != nil {
		return w.fail(r, idField, err)
	}
	r.Data, r.Doc = data, doc
	switch {
	case viaSNS:
		r.Inner = SNS
	case l.nested:
		r.Inner = f
	default:
		r.Inner = doc
	}
	return w.emit(r)
}

// nested parses a record's Sns or kinesis object into w.nr.
func (w *walker) nested(raw json.RawMessage, name string) error {
	if !present(raw) {
		return fmt.Errorf("no %s object in the record", name)
	}
	if raw[0] != '{' {
		return fmt.Errorf("%s is %s, not a JSON object", name, kindName(kindOf(raw)))
	}
	w.nr = nestedRecord{}
	if _, err := json.Parse(raw, &w.nr, parseFlags); err != nil {
		return fmt.Errorf("%s is not valid JSON: %w", name, err)
	}
	return nil
}

// embedded unwraps a document held in the JSON string raw (an SQS body, an
// SNS Message). With allowSNS the document may be an SNS notification, whose
// Message is unwrapped in turn (viaSNS is then true).
func (w *walker) embedded(raw json.RawMessage, what string, allowSNS bool) (data []byte, doc Format, viaSNS bool, err error) {
	if !present(raw) {
		return nil, "", false, fmt.Errorf("no %s in the record", what)
	}
	if raw[0] != '"' {
		return nil, "", false, fmt.Errorf("%s is %s, not a string", what, kindName(kindOf(raw)))
	}
	s, ok := unquote(raw)
	if !ok {
		return nil, "", false, fmt.Errorf("%s is not a valid JSON string", what)
	}
	return w.document(s, what, allowSNS)
}

// document checks that b holds one JSON object and says whether it is an
// EventBridge event or a bare detail; with allowSNS an SNS notification is
// unwrapped.
func (w *walker) document(b []byte, what string, allowSNS bool) (data []byte, doc Format, viaSNS bool, err error) {
	k, rest, err := probeValue(&w.q, b)
	switch {
	case err != nil:
		if t := trimWS(b); len(t) > 0 && t[0] == '{' {
			// An object that is not valid JSON: the caller's decoder
			// diagnoses it (see walker.malformed).
			doc, _ := DocumentKind(t)
			return t[:len(t):len(t)], doc, false, nil
		}
		return nil, "", false, fmt.Errorf("%s is not JSON: %w", what, err)
	case k != '{':
		return nil, "", false, fmt.Errorf("%s is %s, not a JSON object", what, kindName(k))
	case len(rest) != 0:
		return nil, "", false, fmt.Errorf("%s has data after its JSON value", what)
	}
	if allowSNS && strEq(w.q.Type, "Notification") && present(w.q.Message) {
		data, doc, _, err = w.embedded(w.q.Message, what+": SNS Message", false)
		return data, doc, true, err
	}
	doc = docOf(&w.q)
	v := trimWS(b)
	return v[:len(v):len(v)], doc, false, nil
}

// decodeBase64 decodes the base64 JSON string raw, padded or not.
func decodeBase64(raw json.RawMessage, what string) ([]byte, error) {
	if !present(raw) {
		return nil, fmt.Errorf("no %s in the record", what)
	}
	if raw[0] != '"' {
		return nil, fmt.Errorf("%s is %s, not a string", what, kindName(kindOf(raw)))
	}
	s, ok := unquote(raw)
	if !ok {
		return nil, fmt.Errorf("%s is not a valid JSON string", what)
	}
	enc := base64.StdEncoding
	if len(s)%4 != 0 && bytes.IndexByte(s, '=') < 0 {
		enc = base64.RawStdEncoding
	}
	out := make([]byte, enc.DecodedLen(len(s)))
	n, err := enc.Decode(out, s)
	if err != nil {
		return nil, fmt.Errorf("%s is not valid base64: %w", what, err)
	}
	return out[:n], nil
}

// truncate returns b as a string of at most n bytes, marking a cut with "...".
func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "..."
}
