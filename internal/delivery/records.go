package delivery

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/segmentio/encoding/json"
)

// Record is one contact-event document found in an input.
type Record struct {
	// Index is the 0-based position of the record in its input: its place in
	// a Lambda or Firehose batch, in an array, or among the values of an
	// NDJSON or concatenated stream. Every yielded item, record or error,
	// takes the next index, so a batch's record i has Index i.
	Index int
	// ID identifies the record within its batch: the SQS messageId, the SNS
	// MessageId, the Kinesis eventID or the Firehose recordId; "" when the
	// format has none. For SNS->SQS it is the SQS messageId, the identifier a
	// Lambda partial batch response needs.
	ID string
	// Format is the outermost format: the one Detect reports for the whole
	// input, or the one the caller selected. It is Auto only on the error for
	// an input whose format could not be detected.
	Format Format
	// Inner is the innermost wrapper inside Format, or, when Data has no
	// wrapper besides Format, the format of Data itself. So a plain event has
	// Format == Inner == EventBridge, an SQS body holding an EventBridge event
	// has LambdaSQS/EventBridge, SNS->SQS has LambdaSQS/SNS, and an NDJSON line
	// holding a Lambda SQS batch has NDJSON/LambdaSQS.
	Inner Format
	// Doc is the format of Data itself: EventBridge for an EventBridge event,
	// Detail for a bare contact event. (An addition to the original design:
	// it saves the decoder a second look at Data.)
	Doc Format
	// Pointer is the RFC 6901 JSON Pointer of the value that holds the record
	// within the input (or within its NDJSON/concatenated value; Line and
	// Offset locate that value): "/Records/3/body", "/records/0/data",
	// "/Records/0/Sns/Message", "/Message", "/2" for an array element. A
	// pointer may end at a JSON string that holds the record (an SQS body,
	// base64 data); for SNS->SQS it names the SQS body. It is "" when the
	// input (or the NDJSON/concatenated value) is the document itself.
	Pointer string
	// Data is the contact-event document, an EventBridge event or a bare
	// detail, as JSON bytes without surrounding space. Its JSON syntax has
	// been checked while probing its keys, except when the caller selected
	// EventBridge or Detail (then only its first byte, '{', is); its content
	// is left to the contact-event decoder. Records returns subslices of its
	// input (capped, so appending to Data never overwrites the input) or new
	// decoded bytes. Stream may return a slice of its read buffer that is only
	// valid until the loop body returns: copy Data to keep it.
	Data []byte
	// Offset is the byte offset of Data within the input when Data is a
	// verbatim slice of it (a plain document, an array element, an NDJSON or
	// concatenated value; for Stream, the offset in the stream), else -1
	// (decoded from a JSON string or base64).
	Offset int64
	// Line is the 1-based line of the input where the record's value starts
	// when the input is an array, NDJSON or concatenated values (for a record
	// decoded from a batch in such a value, the line where that value starts),
	// else 0.
	Line int
}

// RecordError describes a record that could not be unwrapped, or a problem
// with the input found where a record was expected (invalid JSON, a value too
// large for Stream, a read error). Records and Stream yield it and carry on
// with the next record when they can.
type RecordError struct {
	// Index is the Index the record would have had.
	Index int
	// ID is the record's identifier, when it could be read (see Record.ID).
	ID string
	// IDField names the input field ID was read from ("messageId",
	// "MessageId", "eventID" or "recordId"). (An addition to the original
	// design: it lets Error name the identifier.)
	IDField string
	// Pointer locates the record within the input (see Record.Pointer).
	Pointer string
	// Offset is the byte offset of the failing value in the input, or -1 when
	// it lies in decoded data.
	Offset int64
	// Line is the 1-based line where the failing value starts, or 0.
	Line int
	// Err is the reason.
	Err error
	// Raw is the failing value itself when it is an object that is not valid
	// JSON (a trailing comma, a truncated event), so that the caller's
	// decoder can diagnose it precisely; nil otherwise. Like Record.Data
	// from Stream, it is only valid until the loop body returns.
	Raw []byte
}

// Error returns a message such as
// "record 3 (messageId 059f36b4-...) at /Records/3/body: body is not JSON: ...".
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString("record ")
	b.WriteString(strconv.Itoa(e.Index))
	if e.ID != "" {
		field := e.IDField
		if field == "" {
			field = "id"
		}
		b.WriteString(" (" + field + " " + e.ID + ")")
	}
	switch {
	case e.Line > 0 && e.Pointer != "":
		b.WriteString(" at line " + strconv.Itoa(e.Line) + ", " + e.Pointer)
	case e.Line > 0:
		b.WriteString(" at line " + strconv.Itoa(e.Line))
	case e.Pointer != "":
		b.WriteString(" at " + e.Pointer)
	case e.Offset > 0:
		b.WriteString(" at offset " + strconv.FormatInt(e.Offset, 10))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("unknown error")
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *RecordError) Unwrap() error { return e.Err }

// DefaultMaxValue is the value size limit Stream uses when maxValue <= 0. It
// is above the 6 MB payload limit of a synchronous Lambda invocation, the
// largest of the delivery formats.
const DefaultMaxValue = 8 << 20

// Records finds every contact-event document in data, a whole payload held in
// memory, and yields each with a nil error. With Auto the format is detected
// (see Detect); otherwise data must be in format f.
//
// A record that cannot be unwrapped (bad base64, a body that is not JSON, an
// SNS Message that is not a string, ...) is yielded with a non-nil
// *RecordError, and iteration continues with the next record; so does a
// broken value in an array, NDJSON or concatenated input when the values
// after it can be found (see the package documentation). Every error is a
// *RecordError; the Record yielded with it carries the same location and no
// Data.
//
// For a plain EventBridge event or bare detail, Records yields data itself
// (trimmed of surrounding space) after one scan by Detect's rules; with
// f == EventBridge or f == Detail it does not even scan.
func Records(data []byte, f Format) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		w := &walker{yield: yield}
		w.records(data, f)
	}
}

// Stream does what Records does for a reader, in constant memory. It splits
// array, NDJSON and concatenated input into top-level values (array elements)
// with its own buffer, never holding more than one value plus the buffer, and
// unwraps each value as Records does; a value that is itself a Lambda or
// Firehose batch yields its records, and a whole input that is a single value
// is unwrapped like Records(input, Auto) would.
//
// maxValue bounds the size of one value in bytes (DefaultMaxValue when
// maxValue <= 0). A longer value is reported with an error wrapping
// ErrValueTooLarge; Stream then skips to the next value if it can resync on a
// newline (see the package documentation), else it stops. With a
// single-document format (EventBridge, Detail, SNS, the Lambda formats,
// Firehose) the whole input is one value and must fit in maxValue.
//
// Data of a yielded record may point into Stream's buffer: it is valid only
// until the loop body returns. A read error from r is yielded as a
// *RecordError wrapping it, and ends the iteration.
func Stream(r io.Reader, f Format, maxValue int) iter.Seq2[Record, error] {
	if maxValue <= 0 {
		maxValue = DefaultMaxValue
	}
	maxValue = min(maxValue, math.MaxInt-2*readChunk) // keep size arithmetic from overflowing
	return func(yield func(Record, error) bool) {
		w := &walker{yield: yield}
		switch {
		case f == Auto:
			w.auto(newReaderSplitter(r, maxValue))
		case f.isContainer():
			w.container(newReaderSplitter(r, maxValue), f)
		case isSingle(f):
			data, err := io.ReadAll(io.LimitReader(r, int64(maxValue)+1))
			switch {
			case err != nil:
				w.fail(Record{Format: f, Offset: int64(len(data))}, "", err)
			case len(data) > maxValue:
				w.fail(Record{Format: f}, "", fmt.Errorf("%w: input is more than %d bytes", ErrValueTooLarge, maxValue))
			default:
				w.records(data, f)
			}
		default:
			w.fail(Record{Format: f}, "", fmt.Errorf("unknown format %q", string(f)))
		}
	}
}

// isSingle reports whether f is a format for one JSON document.
func isSingle(f Format) bool {
	switch f {
	case EventBridge, Detail, SNS, LambdaSQS, LambdaSNS, LambdaKinesis, Firehose:
		return true
	}
	return false
}

// walker unwraps values and yields records. Its probes and scratch slices
// are reused from value to value so that unwrapping does not allocate.
type walker struct {
	yield func(Record, error) bool
	index int
	done  bool // yield asked to stop

	p  probe // the value being unwrapped
	q  probe // a document embedded in it
	br batchRecord
	nr nestedRecord
}

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

// loc is where a value sits in the input.
type loc struct {
	outer  Format // Record.Format; Auto: the value's own format
	nested bool   // the value is one of the values of an Array, NDJSON or Concatenated input
	ptr    string // pointer of the value within its top-level value
	off    int64  // input offset of the value
	line   int    // Record.Line
}

// emit yields a record and reports whether to go on.
func (w *walker) emit(r Record) bool {
	r.Index = w.index
	w.index++
	if !w.yield(r, nil) {
		w.done = true
	}
	return !w.done
}

// fail yields a *RecordError for r and reports whether to go on.
func (w *walker) fail(r Record, idField string, err error) bool {
	r.Index = w.index
	r.Data = nil
	w.index++
	if r.ID == "" {
		idField = ""
	}
	e := &RecordError{Index: r.Index, ID: r.ID, IDField: idField, Pointer: r.Pointer, Offset: r.Offset, Line: r.Line, Err: err}
	var me *malformedError
	if errors.As(err, &me) {
		e.Raw, e.Offset = me.raw, -1
	}
	if !w.yield(r, e) {
		w.done = true
	}
	return !w.done
}

// failRaw is fail for a malformed value that the caller may decode itself.
func (w *walker) failRaw(r Record, raw []byte, err error) bool {
	r.Index = w.index
	r.Data = nil
	w.index++
	e := &RecordError{Index: r.Index, Pointer: r.Pointer, Offset: r.Offset, Line: r.Line, Err: err}
	if len(raw) > 0 && raw[0] == '{' {
		e.Raw = raw
	}
	if !w.yield(r, e) {
		w.done = true
	}
	return !w.done
}

// records handles an input held in memory.
func (w *walker) records(data []byte, f Format) {
	switch {
	case f == Auto:
		if df, v, ok := detectSingle(&w.p, data); ok {
			w.dispatch(v, df, loc{outer: df, off: int64(len(data) - len(skipWS(data)))})
			return
		}
		w.auto(newMemSplitter(data))
	case f.isContainer():
		w.container(newMemSplitter(data), f)
	case isSingle(f):
		v := trimWS(data)
		v = v[:len(v):len(v)]
		l := loc{outer: f, off: int64(len(data) - len(skipWS(data)))}
		r := Record{Format: f, Offset: l.off}
		if len(v) == 0 {
			w.fail(r, "", errors.New("empty input"))
			return
		}
		if v[0] != '{' {
			w.fail(r, "", fmt.Errorf("input is not a JSON object (starts with %q)", v[0]))
			return
		}
		if f == EventBridge || f == Detail {
			w.dispatch(v, f, l)
			return
		}
		_, rest, err := probeValue(&w.p, v)
		switch {
		case err != nil:
			w.fail(r, "", fmt.Errorf("not valid JSON: %w", err))
		case len(rest) != 0:
			w.fail(r, "", errors.New("unexpected data after the JSON value"))
		default:
			w.dispatch(v, f, l)
		}
	default:
		w.fail(Record{Format: f}, "", fmt.Errorf("unknown format %q", string(f)))
	}
}

// auto detects the layout of the splitter's input and unwraps its values.
func (w *walker) auto(s *splitter) {
	mode, first, ok := s.autoMode()
	switch {
	case !ok:
		return
	case mode == "" && first.err != nil:
		w.fail(Record{Format: Auto, Offset: first.off}, "", first.err)
		return
	case mode == "":
		w.autoValue(first.val, loc{outer: Auto, off: first.off}, nil)
		return
	case mode == Array:
	case first.err != nil:
		if !w.failItem(mode, first) || first.fatal {
			return
		}
	default:
		if !w.autoValue(first.val, itemLoc(mode, first), s) {
			return
		}
	}
	w.container(s, mode)
}

// container unwraps every value of an Array, NDJSON or Concatenated input.
func (w *walker) container(s *splitter, mode Format) {
	if mode == NDJSON {
		s.ndjson = true
	}
	if mode == Array {
		if _, more := s.skipSpace(); more && s.buf[s.pos] != '[' {
			w.fail(Record{Format: mode, Offset: s.offset(), Line: s.line}, "",
				fmt.Errorf("input is not a JSON array (starts with %q)", s.buf[s.pos]))
			return
		}
	}
	for !w.done {
		it, ok := s.next()
		if !ok {
			return
		}
		if it.err != nil {
			if !w.failItem(mode, it) || it.fatal {
				return
			}
			continue
		}
		if !w.autoValue(it.val, itemLoc(mode, it), s) {
			return
		}
	}
}

// itemLoc returns the location of a splitter item.
func itemLoc(mode Format, it item) loc {
	l := loc{outer: mode, nested: true, off: it.off, line: it.line}
	if it.elem >= 0 {
		l.ptr = "/" + strconv.Itoa(it.elem)
	}
	return l
}

// failItem yields the error of a splitter item.
func (w *walker) failItem(mode Format, it item) bool {
	l := itemLoc(mode, it)
	return w.fail(Record{Format: mode, Pointer: l.ptr, Offset: it.off, Line: it.line}, "", it.err)
}

// autoValue detects the format of one complete value and unwraps it. s, when
// not nil, is asked to resync after a value that is not JSON at all.
func (w *walker) autoValue(v []byte, l loc, s *splitter) bool {
	r := Record{Format: l.outer, Pointer: l.ptr, Offset: l.off, Line: l.line}
	k, rest, err := probeValue(&w.p, v)
	switch {
	case err != nil:
		if c := v[0]; c != '{' && c != '[' && c != '"' {
			// A junk token: segmentio's message for it is confusing, and the
			// splitter must look for a fresh start.
			if s != nil {
				s.resyncPending = true
			}
			return w.fail(r, "", fmt.Errorf("not valid JSON: invalid token %q", truncate(v, 32)))
		}
		return w.failRaw(r, v, fmt.Errorf("not valid JSON: %w", err))
	case k != '{':
		return w.fail(r, "", fmt.Errorf("the value is %s, not a JSON object", kindName(k)))
	case len(rest) != 0:
		return w.fail(r, "", errors.New("unexpected data after the JSON value"))
	}
	f := classify(&w.p)
	if l.outer == Auto {
		l.outer = f
	}
	return w.dispatch(v, f, l)
}

// dispatch unwraps value v of format f; for the wrapper formats w.p holds
// v's probe.
func (w *walker) dispatch(v []byte, f Format, l loc) bool {
	switch f {
	case EventBridge, Detail:
		return w.emit(Record{Format: l.outer, Inner: f, Doc: f, Pointer: l.ptr, Data: v, Offset: l.off, Line: l.line})
	case SNS:
		return w.sns(l)
	case Firehose:
		return w.batch(w.p.RecordsLower, f, l)
	default:
		return w.batch(w.p.Records, f, l)
	}
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
		e := fmt.Errorf("%s is not JSON: %w", what, err)
		if t := trimWS(b); len(t) > 0 && t[0] == '{' {
			return nil, "", false, &malformedError{raw: t, err: e}
		}
		return nil, "", false, e
	case k != '{':
		return nil, "", false, fmt.Errorf("%s is %s, not a JSON object", what, kindName(k))
	case len(rest) != 0:
		return nil, "", false, fmt.Errorf("%s has data after its JSON value", what)
	}
	if allowSNS && strEq(w.q.Type, "Notification") && present(w.q.Message) {
		data, doc, _, err = w.embedded(w.q.Message, what+": SNS Message", false)
		return data, doc, true, err
	}
	doc = Detail
	if present(w.q.DetailType) || present(w.q.Detail) {
		doc = EventBridge
	}
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

// malformedError is a wrapped document (an SQS body, an SNS Message, base64
// data) that starts as a JSON object but is not valid JSON: RecordError.Raw
// carries it, decoded, for the caller's precise diagnosis.
type malformedError struct {
	raw []byte
	err error
}

// Error returns the reason.
func (e *malformedError) Error() string { return e.err.Error() }

// Unwrap returns the reason.
func (e *malformedError) Unwrap() error { return e.err }
