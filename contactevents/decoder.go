package contactevents

import (
	"errors"
	"io"
	"iter"

	"github.com/connectevents/sdk-go/internal/delivery"
)

// Decoder reads a stream of contact events: a Lambda batch, a JSON array,
// newline-delimited or concatenated events (as Firehose writes them to S3),
// or any single delivery format, in constant memory.
type Decoder struct {
	r    io.Reader
	opts options
}

// NewDecoder returns a decoder of the events in r.
func NewDecoder(r io.Reader, opts ...Option) *Decoder {
	return &Decoder{r: r, opts: newOptions(opts)}
}

// All yields every event of the stream in order, with its error: a
// *RecordError that names the record (index, ID, pointer) and wraps a
// *SyntaxError, *ValidationError (with the event decoded as far as it
// could be) or *NotContactEventError. Iteration goes on after a failing
// record, so every failure is reported; it stops when the loop breaks or the
// stream ends or cannot be read.
func (dec *Decoder) All() iter.Seq2[*Event, error] {
	return func(yield func(*Event, error) bool) {
		o := &dec.opts
		if _, ok := o.profile.codec(); !ok {
			yield(nil, errors.New("contactevents: unknown profile "+string(o.profile)))
			return
		}
		for rec, err := range delivery.Stream(dec.r, delivery.Format(o.format), o.maxSize) {
			if err != nil {
				if !yield(nil, recordError(err)) {
					return
				}
				continue
			}
			ev, err := decodeRecord(rec.Data, rec.Doc, rec.Offset, rec.Line, o)
			if err != nil {
				err = &RecordError{Index: rec.Index, ID: rec.ID, Pointer: rec.Pointer, Err: err}
			}
			if !yield(ev, err) {
				return
			}
		}
	}
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

// BatchItemFailures returns the partial batch response for the records of
// errs that failed (the *RecordError values among them, by ID). It needs no
// dependency on aws-lambda-go.
func BatchItemFailures(errs []error) BatchResponse {
	var ids []string
	for _, err := range errs {
		var re *RecordError
		if errors.As(err, &re) && re.ID != "" {
			ids = append(ids, re.ID)
		}
	}
	r := delivery.NewBatchResponse(ids)
	out := BatchResponse{BatchItemFailures: make([]BatchItemFailure, 0, len(r.BatchItemFailures))}
	for _, f := range r.BatchItemFailures {
		out.BatchItemFailures = append(out.BatchItemFailures, BatchItemFailure{f.ItemIdentifier})
	}
	return out
}
