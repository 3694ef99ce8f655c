package contactevents

import (
	"errors"
	"iter"

	"github.com/connectevents/sdk-go/internal/delivery"
)

// Records yields every event of a payload held in memory (any delivery
// format, as NewDecoder reads a stream: one line of NDJSON, a Lambda batch,
// a file read whole) with its location, warnings and document, reading it
// once: the delivery layer skims its structure, and each event document in
// it gets one validating decode (but for a payload whose first value is an
// EventBridge event and holds another after it, two events on one line:
// the classifier stops at the envelope key, the decoder finds the second
// value, and the delivery layer then splits the two, decoding the first
// again). A payload that is one event document
// (perhaps malformed) yields one record whose error is Parse's, not wrapped
// in a *RecordError: Parse's diagnosis of every defect of a malformed
// event. The records of a batch or container come as a Decoder yields them.
// Record.Data points into data.
func Records(data []byte, opts ...Option) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		o := newOptions(opts)
		o.keep = true
		if rr, ok := newRecordReader(o, yield); ok {
			rr.payload(data)
		}
	}
}

// Records is the package's Records with the Parser's options, into the
// Parser's storage: each *Record and its Event are valid until the next
// record is yielded (or the Parser's next call), which overwrites them;
// copy the Record (its fields but Event stay valid: its Data, Warnings,
// location) and Clone its Event to keep one. Errors stay valid. It is for
// a reader of many payloads that handles each event and moves on (the
// command's NDJSON workers): neither an event nor a Record is allocated
// per record, and the reader of the records is the Parser's too.
func (p *Parser) Records(data []byte) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		rr := p.rr
		if rr == nil || rr.yield != nil { // the first call, or one inside another
			o := p.o
			o.keep, o.storage = true, &p.st
			var ok bool
			if rr, ok = newRecordReader(o, yield); !ok {
				return
			}
			rr.reuse = true
			if p.rr == nil {
				p.rr = rr
			}
		}
		rr.yield = yield
		rr.payload(data)
		rr.yield, rr.sum = nil, delivery.Summary{} // keep neither the caller's function nor its payload
		if cap(p.st.text) > maxRetainedText {
			p.st.text = nil
		}
	}
}

// payload yields the records of data (see Records).
func (rr *recordReader) payload(data []byte) {
	o, yield := &rr.o, rr.yield
	if limit := o.payloadLimit(); len(data) > limit {
		yield(&Record{Offset: -1}, payloadSizeError(len(data), limit))
		return
	}
	sum := &rr.sum // zero: a Parser's Records clears it after each payload
	if doc, ok := delivery.Classify(data, delivery.Format(o.format), &eventShape, sum); ok {
		f := o.format
		if f == FormatAuto {
			f = Format(doc)
		}
		text, start := delivery.Trim(data)
		at := PositionOf(data, int64(start))
		r := rr.newRecord()
		*r = Record{Offset: at.Offset, Line: at.Line, Column: at.Column, Format: f, Data: text}
		ev, err := rr.decode(r, data, doc, origin{0, 1, 1}, sum)
		if err != errAnotherValue {
			r.Event = ev
			yield(r, err)
			return
		}
		// Several values after all (two events on one line): the
		// delivery layer splits them, and the first is decoded again.
	}
	for rec, err := range sum.Records(data, delivery.Format(o.format)) {
		if !rr.record(rec, err, true) {
			return
		}
	}
}

// recordReader decodes the records the delivery layer finds, for Records
// and a Decoder, collecting each one's warnings.
type recordReader struct {
	o        options
	warnings []Issue
	yield    func(*Record, error) bool
	sum      delivery.Summary // what the classifier saw of the payload (Records)
	// reuse says that the records yielded are valid until the next one (a
	// Parser's Records): each is rec, overwritten, instead of a new one.
	reuse bool
	rec   Record
}

// newRecord returns the Record to yield next, zeroed.
func (rr *recordReader) newRecord() *Record {
	if !rr.reuse {
		return new(Record)
	}
	rr.rec = Record{}
	return &rr.rec
}

// newRecordReader returns a reader with options o, or yields the error of
// an unknown profile and returns false.
func newRecordReader(o options, yield func(*Record, error) bool) (*recordReader, bool) {
	if _, ok := o.profile.codec(); !ok {
		yield(&Record{}, errors.New("contactevents: unknown profile "+string(o.profile)))
		return nil, false
	}
	rr := &recordReader{o: o, yield: yield}
	user := o.warnings
	rr.o.warnings = func(i Issue) {
		rr.warnings = append(rr.warnings, i)
		if user != nil {
			user(i)
		}
	}
	return rr, true
}

// decode decodes the record r's document data, once, and sets its
// warnings.
func (rr *recordReader) decode(r *Record, data []byte, doc delivery.Format, from origin, sum *delivery.Summary) (*Event, error) {
	rr.warnings = rr.warnings[:0]
	ev, err := decodeRecord(data, doc, from, &rr.o, sum)
	if len(rr.warnings) > 0 {
		r.Warnings = append([]Issue(nil), rr.warnings...)
	}
	return ev, err
}

// record yields what the delivery layer found, rec or err, decoded when
// decode is set, and reports whether to go on.
func (rr *recordReader) record(rec delivery.Record, err error, decode bool) bool {
	if err != nil {
		re := recordError(err)
		r := rr.newRecord()
		r.Format, r.Offset = Format(rec.Format), -1
		if e, ok := re.(*RecordError); ok {
			r.Index, r.ID, r.Pointer, r.Line, r.Offset = e.Index, e.ID, e.Pointer, e.Line, e.Offset
		}
		return rr.yield(r, re)
	}
	r := rr.newRecord()
	*r = Record{Index: rec.Index, ID: rec.ID, Pointer: rec.Pointer, Line: rec.Line, Column: rec.Column, Offset: rec.Offset, Format: Format(rec.Format), Data: rec.Data}
	if !decode {
		return rr.yield(r, nil)
	}
	ev, err := rr.decode(r, rec.Data, rec.Doc, originOf(rec), nil)
	r.Event = ev
	if err != nil {
		err = atRecord(rec, err)
	}
	return rr.yield(r, err)
}
