package delivery

import (
	"bytes"
	"slices"

	"github.com/connectevents/sdk-go/internal/scan"
)

// The document classifier. Every caller that must know whether an event
// document is an EventBridge event or a bare contact event asks here: the
// walker (for each record it unwraps), Detect, and the SDK's Parse, NewDecoder
// and DetectFormat. The rule is the schema's root rule: a document with a
// "detail" or "detail-type" member (whatever its value) is an EventBridge
// event, anything else a bare contact event.

// isEnvelopeKey reports whether a top-level key makes a document an
// EventBridge event by the schema's root rule.
func isEnvelopeKey(key string) bool { return key == "detail" || key == "detail-type" }

// docOf applies the root rule to a probed object.
func docOf(p *probe) Format {
	// The probe holds a member's raw value, null included, so a member that
	// is present has a non-empty value.
	if len(p.DetailType) > 0 || len(p.Detail) > 0 {
		return EventBridge
	}
	return Detail
}

// DocumentKind applies the root rule to data, which may be malformed: it
// reads the top-level keys with the SDK's scanner up to the first fatal
// defect. object reports whether data starts as an object at all; when it
// does not, kind is Detail.
func DocumentKind(data []byte) (kind Format, object bool) {
	var s scan.Scanner
	s.ResetView(data, 0) // the keys are compared, not kept
	if s.Peek() != scan.Object || !s.BeginObject() {
		return Detail, false
	}
	for {
		key, ok := s.NextKey()
		if !ok {
			return Detail, true
		}
		if isEnvelopeKey(key) {
			return EventBridge, true
		}
		s.Skip()
	}
}

// DocumentKeys are the top-level keys of the two kinds of event document,
// for Sniff: the members of an EventBridge event and of a bare contact event
// (their documented spellings). The SDK passes the generated lists.
type DocumentKeys struct {
	Envelope, Event []string
}

// Sniff guesses, from its first key alone, whether data is one plain event
// document and which kind: the fast path for what almost every payload is.
// With f EventBridge or Detail, the caller has said so and Sniff does not
// look. The guess reads no further than the first key; the decoder that
// reads the document must confirm it by the root rule (a bare event whose
// first key is "version" is read as an envelope until its members say
// otherwise). ok is false when data is not, at first sight, an event
// document: the caller then takes the general path (Records).
func Sniff(data []byte, f Format, keys DocumentKeys) (Format, bool) {
	switch f {
	case EventBridge, Detail:
		return f, true
	case Auto:
	default:
		return "", false
	}
	key, ok := firstKey(data)
	switch {
	case !ok:
		return "", false
	case slices.Contains(keys.Envelope, string(key)):
		return EventBridge, true
	case slices.Contains(keys.Event, string(key)):
		return Detail, true
	}
	return "", false
}

// utf8BOM is U+FEFF in UTF-8: a reader of files skips it at their start
// (contactevents.OpenContent); anywhere else it is not JSON.
var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// firstKey returns the first key of the object data starts with, when it
// has no escapes.
func firstKey(data []byte) ([]byte, bool) {
	v := skipWS(data)
	if len(v) == 0 || v[0] != '{' {
		return nil, false
	}
	v = skipWS(v[1:])
	if len(v) == 0 || v[0] != '"' {
		return nil, false
	}
	end := bytes.IndexByte(v[1:], '"')
	if end < 0 {
		return nil, false
	}
	key := v[1 : 1+end]
	return key, bytes.IndexByte(key, '\\') < 0
}
