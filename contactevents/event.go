package contactevents

import "github.com/connectevents/sdk-go/internal/delivery"

// MarshalJSON encodes the event as canonical JSON: canonical camelCase keys
// in the schema's order, canonical enum values (VOICE for the samples'
// "Voice"), routingCriteria as an object when it holds one criteria, map keys
// sorted, unknown members kept. A bare contact event is written bare.
func (e Event) MarshalJSON() ([]byte, error) {
	return e.AppendJSON(nil), nil
}

// AppendJSON appends the canonical JSON of the event to b.
func (e *Event) AppendJSON(b []byte) []byte {
	if !e.HasEnvelope() {
		return appendContactEvent(b, &e.Detail)
	}
	return appendEvent(b, e)
}

// UnmarshalJSON decodes an EventBridge event or a bare contact event under
// the Compat profile, so that an Event can be a field of a struct decoded by
// encoding/json (or aws-lambda-go). It returns the same errors as Parse.
func (e *Event) UnmarshalJSON(data []byte) error {
	doc, object := delivery.DocumentKind(data)
	if !object {
		doc = delivery.EventBridge // the decoder says what it is
	}
	o := defaultOptions
	ev, err := decodeRecord(data, doc, detached, &o, nil)
	if ev != nil {
		*e = *ev
	}
	return err
}

// UnmarshalJSON decodes a bare contact event (the detail of an EventBridge
// event) under the Compat profile: for handlers that receive the envelope
// from another library, such as aws-lambda-go's events.CloudWatchEvent,
// whose Detail is raw JSON.
func (c *ContactEvent) UnmarshalJSON(data []byte) error {
	o := defaultOptions
	o.format = FormatDetail
	doc, _ := delivery.DocumentKind(data) // by the root rule, as Parse reads it
	ev, err := decodeRecord(data, doc, detached, &o, nil)
	if ev != nil {
		*c = ev.Detail
	}
	return err
}
