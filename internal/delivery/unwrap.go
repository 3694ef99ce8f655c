package delivery

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strconv"

	"github.com/connectevents/sdk-go/internal/scan"
)

// batchRecord holds the fields (raw values) of a Lambda or Firehose batch
// record.
type batchRecord struct {
	MessageID, Body, Sns, EventID, Kinesis, RecordID, Data []byte
}

func (b *batchRecord) set(key, val []byte) {
	switch string(key) {
	case "messageId":
		b.MessageID = val
	case "body":
		b.Body = val
	case "Sns":
		b.Sns = val
	case "eventID":
		b.EventID = val
	case "kinesis":
		b.Kinesis = val
	case "recordId":
		b.RecordID = val
	case "data":
		b.Data = val
	}
}

// nestedRecord holds the fields of a Lambda record's Sns or kinesis object.
type nestedRecord struct {
	MessageID, Message, Data []byte
}

func (n *nestedRecord) set(key, val []byte) {
	switch string(key) {
	case "MessageId":
		n.MessageID = val
	case "Message":
		n.Message = val
	case "data":
		n.Data = val
	}
}

// Reading an object's members (keys unescaped, values raw) with r.k:
//
//	r.begin(v)
//	for key, val, ok := r.member(); ok; key, val, ok = r.member() {
//		...
//	}
//	n, err := r.end() // the object's length, or why the skim stopped
//
// (No callback: a struct filled through an interface would escape to the
// heap, and Parse's classifier keeps its probe on the stack.)

// begin starts reading the members of the object at the start of v.
func (r *reader) begin(v []byte) {
	r.k.Reset(v, skimDepth)
	r.k.BeginObject()
}

// member returns the next member of the object, or false at its end or
// where the skim stopped.
func (r *reader) member() (key, val []byte, ok bool) {
	key, esc, ok := r.k.NextMember()
	if !ok {
		return nil, nil, false
	}
	if esc {
		key = r.unescapeKey(key)
	}
	val, ok = r.k.Value()
	return key, val, ok
}

// end returns the length of the object read, or why the skim stopped.
func (r *reader) end() (int, error) {
	if f, _ := r.k.Fault(); f != scan.NoFault {
		return r.k.Offset(), skimError(&r.k)
	}
	return r.k.Offset(), nil
}

// sns unwraps the SNS notification probed in w.p.
func (w *walker) sns(l loc) bool {
	r := Record{Format: l.outer, ID: w.rawString(w.p.MessageID), Pointer: l.ptr + "/Message", Offset: -1, Line: l.line}
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
func (w *walker) batch(recs []byte, f Format, l loc) bool {
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
	// Walk the array (the wrapper was validated), skimming each record
	// once.
	a := &w.array
	a.Reset(recs, skimDepth)
	a.BeginArray()
	for i := 0; a.NextElement(); i++ {
		v, ok := a.Value()
		if !ok {
			break
		}
		isObject := v[0] == '{'
		if isObject {
			w.br = batchRecord{}
			w.begin(v)
			for key, val, ok := w.member(); ok; key, val, ok = w.member() {
				w.br.set(key, val)
			}
			if _, err := w.end(); err != nil {
				return w.fail(r, "", fmt.Errorf("%s is not valid JSON: %w", key[1:], err))
			}
		}
		if !w.batchRecord(isObject, kindOf(v), i, f, base, l) {
			return false
		}
	}
	if f, _ := a.Fault(); f != scan.NoFault {
		return w.fail(r, "", fmt.Errorf("%s is not a valid JSON array: %w", key[1:], skimError(a)))
	}
	return true
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
		raw           []byte
	)
	switch f {
	case LambdaSQS:
		r.ID, idField = w.rawString(w.br.MessageID), "messageId"
		r.Pointer, what, raw = ptr+"/body", "body", w.br.Body
	case LambdaSNS:
		idField = "MessageId"
		r.Pointer, what = ptr+"/Sns/Message", "Sns.Message"
		if err := w.nested(w.br.Sns, "Sns"); err != nil {
			r.Pointer = ptr + "/Sns"
			return w.fail(r, idField, err)
		}
		r.ID, raw = w.rawString(w.nr.MessageID), w.nr.Message
	case LambdaKinesis:
		r.ID, idField = w.rawString(w.br.EventID), "eventID"
		r.Pointer, what = ptr+"/kinesis/data", "kinesis.data"
		if err := w.nested(w.br.Kinesis, "kinesis"); err != nil {
			r.Pointer = ptr + "/kinesis"
			return w.fail(r, idField, err)
		}
		raw = w.nr.Data
	case Firehose:
		r.ID, idField = w.rawString(w.br.RecordID), "recordId"
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
		if decoded, err = w.decodeBase64(raw, what); err == nil {
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
func (w *walker) nested(raw []byte, name string) error {
	if !present(raw) {
		return fmt.Errorf("no %s object in the record", name)
	}
	if raw[0] != '{' {
		return fmt.Errorf("%s is %s, not a JSON object", name, kindName(kindOf(raw)))
	}
	w.nr = nestedRecord{}
	w.begin(raw)
	for key, val, ok := w.member(); ok; key, val, ok = w.member() {
		w.nr.set(key, val)
	}
	if _, err := w.end(); err != nil {
		return fmt.Errorf("%s is not valid JSON: %w", name, err)
	}
	return nil
}

// embedded unwraps a document held in the JSON string raw (an SQS body, an
// SNS Message). With allowSNS the document may be an SNS notification, whose
// Message is unwrapped in turn (viaSNS is then true).
func (w *walker) embedded(raw []byte, what string, allowSNS bool) (data []byte, doc Format, viaSNS bool, err error) {
	if !present(raw) {
		return nil, "", false, fmt.Errorf("no %s in the record", what)
	}
	if raw[0] != '"' {
		return nil, "", false, fmt.Errorf("%s is %s, not a string", what, kindName(kindOf(raw)))
	}
	s, ok := w.unquote(raw)
	if !ok {
		return nil, "", false, fmt.Errorf("%s is not a valid JSON string", what)
	}
	return w.document(s, what, allowSNS)
}

// document checks that b holds one JSON object and says whether it is an
// EventBridge event or a bare detail; with allowSNS an SNS notification is
// unwrapped.
func (w *walker) document(b []byte, what string, allowSNS bool) (data []byte, doc Format, viaSNS bool, err error) {
	k, rest, err := w.probeValue(&w.q, b, nil)
	malformed := func() ([]byte, Format, bool, error) {
		// An object that is not valid JSON: the caller's decoder
		// diagnoses it (see walker.malformed).
		t := trimWS(b)
		doc, _ := DocumentKind(t)
		return t[:len(t):len(t)], doc, false, nil
	}
	switch {
	case err != nil:
		if t := trimWS(b); len(t) > 0 && t[0] == '{' {
			return malformed()
		}
		return nil, "", false, fmt.Errorf("%s is not JSON: %w", what, err)
	case k != '{':
		return nil, "", false, fmt.Errorf("%s is %s, not a JSON object", what, kindName(k))
	case len(rest) != 0:
		return nil, "", false, fmt.Errorf("%s has data after its JSON value", what)
	}
	if allowSNS && w.strEq(w.q.Type, "Notification") && present(w.q.Message) {
		if w.validWrapper(trimWS(b)) != nil {
			return malformed()
		}
		data, doc, _, err = w.embedded(w.q.Message, what+": SNS Message", false)
		return data, doc, true, err
	}
	doc = docOf(&w.q)
	v := trimWS(b)
	return v[:len(v):len(v)], doc, false, nil
}

// decodeBase64 decodes the base64 JSON string raw, padded or not.
func (r *reader) decodeBase64(raw []byte, what string) ([]byte, error) {
	if !present(raw) {
		return nil, fmt.Errorf("no %s in the record", what)
	}
	if raw[0] != '"' {
		return nil, fmt.Errorf("%s is %s, not a string", what, kindName(kindOf(raw)))
	}
	s, ok := r.unquote(raw)
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
