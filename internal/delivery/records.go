package delivery

import (
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"
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
	// detail, as JSON bytes without surrounding space. Only its structure
	// has been read (skimmed, for its top-level keys), and only when the
	// caller did not select EventBridge or Detail (then only its first
	// byte, '{', is): its syntax and content are the contact-event
	// decoder's to check, which reports every defect with its position. An
	// object whose structure breaks is yielded as a record of the kind its
	// top-level keys say (DocumentKind). Records returns subslices of its
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
	// Column is the 1-based column (in UTF-8 characters) of that line where
	// Data starts when Line is set and Data is a verbatim slice of the
	// input (a value after others on its line: concatenated values, array
	// elements), else 0. With Offset and Line it makes positions inside
	// Data positions in the input.
	Column int
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
// maxValue bounds the size of one value in bytes; the caller owns that limit
// (the SDK's payload limit), and a maxValue <= 0 is reported as an error. A
// longer value is reported with an error wrapping
// ErrValueTooLarge; Stream then skips to the next value if it can resync on a
// newline (see the package documentation), else it stops. With a
// single-document format (EventBridge, Detail, SNS, the Lambda formats,
// Firehose) the whole input is one value and must fit in maxValue.
//
// Data of a yielded record may point into Stream's buffer: it is valid only
// until the loop body returns. A read error from r is yielded as a
// *RecordError wrapping it, and ends the iteration.
func Stream(r io.Reader, f Format, maxValue int) iter.Seq2[Record, error] {
	maxValue = min(maxValue, math.MaxInt-2*readChunk) // keep size arithmetic from overflowing
	return func(yield func(Record, error) bool) {
		w := &walker{yield: yield}
		switch {
		case maxValue <= 0:
			w.fail(Record{Format: f}, "", fmt.Errorf("the value size limit is %d bytes, not a positive number", maxValue))
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
