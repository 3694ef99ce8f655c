package contactevents

// HasEnvelope reports whether the event came with its EventBridge envelope;
// a bare contact event (the older page's first sample) decodes into an
// Event whose envelope fields are all empty.
func (e *Event) HasEnvelope() bool {
	return e.Version != "" || e.ID != "" || e.DetailType != "" || e.Source != "" || e.Account != "" ||
		!e.Time.IsAbsent() || e.Region != "" || e.Resources != nil || e.ReplayName != "" || len(e.Unknown) > 0
}

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
