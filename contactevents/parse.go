package contactevents

import (
	"errors"
	"fmt"
	"sync"

	"github.com/connectevents/sdk-go/internal/codec"
	"github.com/connectevents/sdk-go/internal/delivery"
	"github.com/connectevents/sdk-go/internal/passes"
	"github.com/connectevents/sdk-go/internal/scan"
)

var decoders = sync.Pool{New: func() any { return new(decoder) }}

// Parse decodes and validates the one contact event in data, whatever its
// delivery format (see Format): an EventBridge event, a bare contact event,
// an SQS or SNS message, a Lambda batch of one record, ...
//
// The error is a *SyntaxError for malformed JSON, a *ValidationError listing
// every issue for an event that is invalid under the profile (WithProfile,
// default Compat), a *NotContactEventError for a payload that is something
// else, or ErrMultipleEvents for a batch of several events (see NewDecoder).
// Errors of a record inside a batch come wrapped in a *RecordError.
// A *ValidationError comes with the event decoded as far as it could be.
func Parse(data []byte, opts ...Option) (*Event, error) {
	return parse(data, newOptions(opts), true)
}

// Validate checks the one contact event in data as Parse does, without
// keeping it (and without the copies and allocations a result needs).
func Validate(data []byte, opts ...Option) error {
	_, err := parse(data, newOptions(opts), false)
	return err
}

// parse is Parse; keep says whether the caller keeps the event.
//
// The payload is read by two readers, each once: the delivery layer's
// classifier skims its top level (structure and keys, nothing validated;
// for an EventBridge event only up to its envelope key), and the one event
// document in it gets one validating decode.
func parse(data []byte, o options, keep bool) (*Event, error) {
	o.keep = keep
	if limit := o.payloadLimit(); len(data) > limit {
		return nil, payloadSizeError(len(data), limit)
	}
	if _, ok := o.profile.codec(); !ok {
		return nil, fmt.Errorf("contactevents: unknown profile %q", o.profile)
	}
	var sum delivery.Summary
	if doc, ok := delivery.Classify(data, delivery.Format(o.format), &eventShape, &sum); ok {
		ev, err := decodeRecord(data, doc, origin{0, 1, 1}, &o, &sum)
		if err == errAnotherValue {
			return nil, ErrMultipleEvents
		}
		return ev, err
	}
	return parseRecords(data, o, &sum)
}

// errAnotherValue is decodeRecord's error for a document the classifier
// read only the start of (delivery.Summary.Partial) and after which
// another value follows: the payload holds several, for the delivery
// layer to split.
var errAnotherValue = errors.New("another JSON value follows the event document")

// parseRecords is Parse for a payload the delivery layer unwraps or splits,
// going on from what the classifier saw (sum): it finds the one record,
// which is decoded once it is known to be the only one. (A function of its
// own so that the fast path's options stay on the stack.)
func parseRecords(data []byte, o options, sum *delivery.Summary) (*Event, error) {
	var (
		first delivery.Record
		count int
	)
	for rec, rerr := range sum.Records(data, delivery.Format(o.format)) {
		count++
		if count > 1 {
			if doc, ok := singleDocument(data, o.format); ok && rerr != nil {
				// One value followed by garbage: diagnose it as one
				// document with trailing data.
				return decodeRecord(data, doc, detached, &o, nil)
			}
			return nil, ErrMultipleEvents
		}
		if rerr != nil {
			var re *delivery.RecordError
			atTop := !errors.As(rerr, &re) || re.Pointer == ""
			if doc, ok := singleDocument(data, o.format); ok && atTop {
				// The payload itself is malformed: decode it as the event it
				// looks like, for the decoder's diagnosis of every defect
				// (trailing commas, then data after the event).
				return decodeRecord(data, doc, detached, &o, nil)
			}
			if atTop && re != nil && re.ID == "" && o.format == FormatAuto && delivery.Detect(data) == delivery.Auto {
				// The payload is one value, not a batch: no record to name.
				return nil, fmt.Errorf("contactevents: %w", re.Err)
			}
			return nil, recordError(rerr)
		}
		first = rec
	}
	if count == 0 {
		return nil, errors.New("contactevents: the payload holds no event")
	}
	ev, err := decodeRecord(first.Data, first.Doc, originOf(first), &o, nil)
	if err != nil && first.Pointer != "" {
		err = atRecord(first, err)
	}
	return ev, err
}

// release returns d to its pool without what it points to: a pooled
// decoder must not keep the caller's input or event alive. Its spare
// storage is used only by a decode that keeps nothing (it is clean after
// one that keeps the event: not reset again, field by field, per event).
func release(d *decoder) {
	d.a = nil
	if !d.keep {
		d.spare.reset()
	}
	d.Reset(nil, codec.Profile{}, 0, true)
	decoders.Put(d)
}

// begin prepares a pooled decoder to decode data under p. keep says
// whether the caller keeps what is decoded: then it goes to a new arena;
// otherwise nothing outlives the call, objects go to the decoder's spare
// storage and no map or slice is built. With view, decoded strings alias
// data. With st (a Parser's storage), what is kept goes to st, reused.
func (d *decoder) begin(data []byte, p codec.Profile, maxDepth int, keep, view bool, st *storage) {
	d.keep = keep
	d.a = nil
	if keep && st != nil {
		d.a = st.arena()
		if !view {
			data, view = st.copyOf(data), true
		}
	} else if keep && !view {
		// The copy of data that the event's strings will alias and the
		// arena, in one allocation when data is small enough.
		a, text := arenaWithText(data)
		d.a = a
		if text != nil {
			data, view = text, true
		}
	} else if keep {
		d.a = new(arena)
	}
	d.Reset(data, p, maxDepth, view)
	if keep && st != nil {
		d.Recycle = &st.recycle
	}
}

// arenaText is an arena with room after it for the copy of a document of up
// to len(T) bytes: one allocation instead of two, and the text, after the
// arena's pointers, is not scanned by the garbage collector.
type arenaText[T any] struct {
	a    arena
	text T
}

// newArenaText returns the arena of an arenaText[T] and a copy of data in
// its text.
func newArenaText[T any](data []byte, bytes func(*T) []byte) (*arena, []byte) {
	x := new(arenaText[T])
	buf := bytes(&x.text)[:len(data)]
	copy(buf, data)
	return &x.a, buf
}

// arenaWithText returns a new arena and a copy of data held with it, for a
// document up to 8 KiB (EventBridge events are 1 to 3 KB); for a larger
// one, the arena alone and a nil copy: the scanner then copies data itself.
func arenaWithText(data []byte) (*arena, []byte) {
	switch n := len(data); {
	case n <= 1<<10:
		return newArenaText(data, func(t *[1 << 10]byte) []byte { return t[:] })
	case n <= 2<<10:
		return newArenaText(data, func(t *[2 << 10]byte) []byte { return t[:] })
	case n <= 4<<10:
		return newArenaText(data, func(t *[4 << 10]byte) []byte { return t[:] })
	case n <= 8<<10:
		return newArenaText(data, func(t *[8 << 10]byte) []byte { return t[:] })
	}
	return new(arena), nil
}

// eventShape is what tells a contact event from other JSON, from the
// generated schema facts, for the delivery layer's Describe.
var eventShape = delivery.EventShape{
	Source:        string(EventSourceConnect),
	DetailType:    string(DetailTypeContactEvent),
	EventTypeKeys: identifyingKeys["eventType"],
	ContactIDKeys: identifyingKeys["contactId"],
}

// notContactEvent reports whether an invalid payload is something else
// than a contact event, and what: a contact-flow invocation, a contact
// trace record, another EventBridge event, not an object, or an object with
// none of a contact event's identifying members. A contact event with a
// member missing or wrong gets its issues instead. sum is what the
// classifier saw of data, or nil: then data's top level is skimmed (an
// invalid record of a stream).
func notContactEvent(data []byte, ev *Event, sum *delivery.Summary) (string, bool) {
	var kind delivery.Kind
	var what string
	if sum != nil {
		if sum.IsContactEvent(eventShape) {
			return "", false // no sentence rendered for nothing
		}
		kind, what = sum.Describe(eventShape)
	} else {
		kind, what = delivery.Describe(data, eventShape)
	}
	switch kind {
	case delivery.ContactEvent, delivery.ContactEventDetail:
		return "", false
	case delivery.Unknown:
		d := &ev.Detail
		looksLikeOne := d.EventType != "" || d.ContactID != "" || d.InstanceARN != "" || ev.Source != "" || ev.DetailType != ""
		return what, !looksLikeOne
	}
	return what, true
}

// plainlyContactEvent reports that an invalid event document, decoded
// without a syntax error, is a contact event as notContactEvent would find
// (Describe's first case), without reading the rest of the top level that
// the classifier stopped in: the decode found the contact event's source
// and detail-type, each given once (a second one is an issue at its
// member, and Describe would see the last), in a document nested no deeper
// than the classifier follows (so that reading the rest would not fail).
func plainlyContactEvent(d *decoder, ev *Event, sum *delivery.Summary, o *options) bool {
	return sum != nil && sum.Partial() &&
		string(ev.Source) == eventShape.Source && string(ev.DetailType) == eventShape.DetailType &&
		o.maxDepth > 0 && int(o.maxDepth) <= delivery.MaxDepth/2 &&
		!d.C.AtRootMember("source") && !d.C.AtRootMember("detail-type")
}

// singleDocument reports whether data, which the delivery layer could not
// read, should be decoded directly as one event document (possibly
// malformed), and as which (by the root rule, over the keys its structure
// lets the classifier see).
func singleDocument(data []byte, f Format) (delivery.Format, bool) {
	kind, object := delivery.DocumentKind(data)
	switch f {
	case FormatAuto:
		return kind, object
	case FormatEventBridge, FormatDetail:
		if !object {
			kind = delivery.Format(f)
		}
		return kind, true
	}
	return "", false
}

// recordError turns the delivery layer's error for a record into the SDK's.
func recordError(err error) error {
	var re *delivery.RecordError
	if errors.As(err, &re) {
		return fromDelivery(re, re.Err)
	}
	return err
}

// fromDelivery is the SDK's *RecordError for a record the delivery layer
// named, with err as its reason.
func fromDelivery(re *delivery.RecordError, err error) *RecordError {
	if errors.Is(err, delivery.ErrValueTooLarge) {
		// The payload limit, which the delivery layer applies for the SDK:
		// the SDK's sentinel, as for the event limit.
		err = fmt.Errorf("%w (%v)", ErrTooLarge, err) // one error: ErrTooLarge is the one to test for
	}
	return &RecordError{Index: re.Index, ID: re.ID, Pointer: re.Pointer, Line: re.Line, Offset: re.Offset, Err: err}
}

// atRecord is the SDK's *RecordError for an error in the record rec.
func atRecord(rec delivery.Record, err error) *RecordError {
	return &RecordError{Index: rec.Index, ID: rec.ID, Pointer: rec.Pointer, Line: rec.Line, Offset: rec.Offset, Err: err}
}

// origin is where an event document lies in the whole input: its byte
// offset (-1: not a verbatim slice of it, decoded from a string or
// base64), line and column (0: unknown), so that syntax errors give
// positions in the input a person has in front of them.
type origin struct {
	offset    int64
	line, col int
}

// detached is the origin of a document that is not a verbatim slice of an
// input: its positions are its own.
var detached = origin{-1, 0, 0}

// originOf is the origin of a record's document.
func originOf(rec delivery.Record) origin { return origin{rec.Offset, rec.Line, rec.Column} }

// decodeRecord decodes one event document (an EventBridge event or a bare
// contact event), once; from says where it lies in the input. sum is what
// the classifier saw of data, or nil.
func decodeRecord(data []byte, doc delivery.Format, from origin, o *options, sum *delivery.Summary) (*Event, error) {
	if len(data) > o.maxSize {
		return nil, eventSizeError(len(data), o.maxSize)
	}
	if passes.Decoded != nil {
		passes.Decoded(data)
	}
	p, _ := o.profile.codec()
	d := o.storage.decoder()
	if d == nil {
		d = decoders.Get().(*decoder)
		defer release(d)
	}
	d.begin(data, p, int(o.maxDepth), o.keep, !o.keep || o.noCopy, o.storage)
	// Warnings are recorded as they are found (valid events have few), so
	// that an invalid event's *ValidationError lists them without a second
	// decode.
	ev := d.newEvent()
	if doc == delivery.Detail {
		if d.Object(contactEventTypeKeyword) {
			decodeContactEvent(d, &ev.Detail)
			d.S.Finish()
		}
	} else if d.Object(envelopeTypeKeyword) {
		decodeEvent(d, ev)
		if sum != nil && sum.Partial() {
			// The classifier stopped at the envelope key; the decoder
			// knows where the document ends.
			if k := d.S.Peek(); k == scan.Object || k == scan.Array {
				return nil, errAnotherValue
			}
		}
		d.S.Finish()
	}
	if errs := d.S.Errors(); len(errs) > 0 {
		return nil, syntaxErrors(errs, from)
	}
	if d.C.Errors() > 0 {
		// Only when the format was guessed: a payload the caller declared
		// an event is reported by its issues.
		if o.format == FormatAuto && !plainlyContactEvent(d, ev, sum, o) {
			if what, ok := notContactEvent(data, ev, sum); ok {
				return nil, &NotContactEventError{What: what}
			}
		}
		return ev, &ValidationError{Profile: o.profile, Issues: issuesOf(d.C.Issues())}
	}
	if o.warnings != nil {
		for _, i := range issuesOf(d.C.Issues()) {
			o.warnings(i)
		}
	}
	return ev, nil
}
