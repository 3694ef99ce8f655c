package contactevents

import (
	"errors"
	"io"
	"iter"
	"strconv"

	"github.com/connectevents/sdk-go/internal/delivery"
)

// Decoder reads a stream of contact events: a Lambda batch, a JSON array,
// newline-delimited or concatenated events (as Firehose writes them to S3),
// or any single delivery format, in constant memory.
type Decoder struct {
	r    io.Reader
	opts options
}

// NewDecoder returns a decoder of the events in r. A gzip-compressed stream
// (an S3 object as Firehose writes it) is read decompressed, and a UTF-8
// byte order mark at its start is skipped: see OpenContent.
func NewDecoder(r io.Reader, opts ...Option) *Decoder {
	return &Decoder{r: r, opts: newOptions(opts)}
}

// Record is one event of a stream with where it was found.
type Record struct {
	// Event is the decoded event; nil when it could not be decoded at all,
	// set (as far as it could be decoded) for a *ValidationError.
	Event *Event
	// Index is the record's 0-based position in its batch or stream.
	Index int
	// ID is the record's identifier in its batch (SQS messageId, SNS
	// MessageId, Kinesis eventID, Firehose recordId), or "".
	ID string
	// Pointer is the JSON Pointer of the record within its payload (for
	// example /Records/3/body), or "" when the payload is the event itself.
	Pointer string
	// Line is the 1-based line of the stream where the record's value
	// starts (NDJSON, concatenated, arrays), or 0.
	Line int
	// Column is the 1-based column of Line (in UTF-8 characters) where the
	// record's event document starts when it is a verbatim part of the
	// stream, or 0.
	Column int
	// Offset is the byte offset of the record's event document in the
	// stream when the document is a verbatim part of it (a SyntaxError's
	// position is then in the stream: byte offset, line and column), or -1
	// when it was decoded from a JSON string or base64 (an SQS body,
	// Kinesis data) at Pointer. Positions inside the document (a
	// SyntaxError's, Locate's) are then relative to the decoded document.
	Offset int64
	// Format is the delivery format of the payload the record came in.
	Format Format
	// Warnings are the record's warnings when it is valid (an invalid
	// record has them in its *ValidationError).
	Warnings []Issue
	// Data is the record's event document as read: unwrapped from its
	// delivery format (decoded from base64 or a JSON string where the
	// format carries it so), not decoded. It is valid until the iteration
	// moves on (the decoder reuses its buffers): copy it to keep it. Nil
	// when the record could not be read at all.
	Data []byte
}

// All yields every event of the stream in order, with its error: a
// *RecordError that names the record (index, ID, pointer, line) and wraps a
// *SyntaxError, *ValidationError (with the event decoded as far as it
// could be) or *NotContactEventError. Iteration goes on after a failing
// record, so every failure is reported; it stops when the loop breaks or the
// stream ends or cannot be read.
func (dec *Decoder) All() iter.Seq2[*Event, error] {
	return func(yield func(*Event, error) bool) {
		for rec, err := range dec.Records() {
			if !yield(rec.Event, err) {
				return
			}
		}
	}
}

// Records is All with each record's location, warnings and document.
func (dec *Decoder) Records() iter.Seq2[*Record, error] {
	return dec.records(true)
}

// Documents yields every record of the stream as Records does but without
// decoding it: Event is nil and Data is the document, whatever it is (a
// contact event, another EventBridge event, any JSON value). The error is a
// *RecordError for a record that cannot be read out of its delivery format
// (malformed JSON around it, bad base64, over the size limit). For tools
// that look at documents rather than events, such as an event-pattern
// matcher.
func (dec *Decoder) Documents() iter.Seq2[*Record, error] {
	return dec.records(false)
}

// records is Records, or Documents when decode is false.
func (dec *Decoder) records(decode bool) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		o := dec.opts
		o.noCopy = false // records live in a reused buffer
		rr, ok := newRecordReader(o, yield)
		if !ok {
			return
		}
		r, _, err := OpenContent(dec.r)
		if err != nil {
			yield(&Record{Offset: -1}, err)
			return
		}
		for rec, err := range delivery.Stream(r, delivery.Format(o.format), o.payloadLimit()) {
			if !rr.record(rec, err, decode) {
				return
			}
		}
	}
}

// DetectFormat reports the delivery format of data, from its first bytes
// and top-level keys, and whether it recognised one. Data that is not valid
// JSON but starts as an object is reported as the kind of event document it
// looks like by its top-level keys, FormatEventBridge or FormatDetail, which
// is how Parse reads it to diagnose it. Data with nothing recognisable
// (empty, a lone scalar, a broken value that is not an object) gives "" and
// false: FormatAuto is a request to detect, never a detection's answer.
func DetectFormat(data []byte) (Format, bool) {
	if f := delivery.Detect(data); f != delivery.Auto {
		return Format(f), true
	}
	if kind, object := delivery.DocumentKind(data); object {
		return Format(kind), true
	}
	return "", false
}

// BatchItemFailure names one failed message of a Lambda SQS (or Kinesis)
// batch, as Lambda's partial batch response wants it.
type BatchItemFailure struct {
	ItemIdentifier string `json:"itemIdentifier"`
}

// BatchResponse is Lambda's partial batch response; return it (JSON) from
// a handler with ReportBatchItemFailures enabled so that only the failed
// messages are retried.
type BatchResponse struct {
	BatchItemFailures []BatchItemFailure `json:"batchItemFailures"`
}

// ErrBatchNotReportable is wrapped by the error of BatchItemFailures when a
// failure cannot be reported item by item.
var ErrBatchNotReportable = errors.New("a failure of the batch names no message to retry; fail the whole invocation")

// BatchItemFailures returns the partial batch response for the records of
// errs that failed: each must be a *RecordError with an ID (an SQS
// messageId, a Kinesis eventID). It needs no dependency on aws-lambda-go.
//
// A failure that cannot be reported item by item (a record without an ID, a
// batch that is truncated or not JSON, any other error) makes the error
// non-nil: it wraps ErrBatchNotReportable and those errors. Return it from
// the handler, so that the invocation fails and Lambda retries the whole
// batch; a partial batch response that leaves such a failure out would tell
// Lambda to delete every message. The response is then the item failures
// that could be named, for a caller that logs them.
func BatchItemFailures(errs []error) (BatchResponse, error) {
	var ids []string
	var whole []error
	for _, err := range errs {
		var re *RecordError
		if errors.As(err, &re) && re.ID != "" {
			ids = append(ids, re.ID)
			continue
		}
		whole = append(whole, err)
	}
	r := delivery.NewBatchResponse(ids)
	out := BatchResponse{BatchItemFailures: make([]BatchItemFailure, 0, len(r.BatchItemFailures))}
	for _, f := range r.BatchItemFailures {
		out.BatchItemFailures = append(out.BatchItemFailures, BatchItemFailure{f.ItemIdentifier})
	}
	if len(whole) > 0 {
		return out, &batchError{errs: whole}
	}
	return out, nil
}

// batchError is the error of BatchItemFailures: the failures that name no
// message.
type batchError struct{ errs []error }

func (e *batchError) Error() string {
	msg := "contactevents: " + ErrBatchNotReportable.Error() + ": " + e.errs[0].Error()
	if n := len(e.errs) - 1; n > 0 {
		msg += " (and " + strconv.Itoa(n) + " more)"
	}
	return msg
}

// Unwrap returns ErrBatchNotReportable and the failures, for errors.Is and
// errors.As.
func (e *batchError) Unwrap() []error { return append([]error{ErrBatchNotReportable}, e.errs...) }
