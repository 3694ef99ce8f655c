package delivery

import "github.com/connectevents/sdk-go/internal/scan"

// The document classifier. Every caller that must know whether an event
// document is an EventBridge event or a bare contact event asks here: the
// walker (for each record it unwraps), Detect, Classify (the SDK's Parse),
// NewDecoder and DetectFormat. The rule is the schema's root rule: a document with a
// "detail" or "detail-type" member (whatever its value) is an EventBridge
// event, anything else a bare contact event.

// isEnvelopeKey reports whether a top-level key makes a document an
// EventBridge event by the schema's root rule.
func isEnvelopeKey(key []byte) bool { return string(key) == "detail" || string(key) == "detail-type" }

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
// skims the top-level keys (see Classify) up to a break in the structure.
// object reports whether data starts as an object at all; when it does
// not, kind is Detail.
func DocumentKind(data []byte) (kind Format, object bool) {
	var k scan.Skimmer
	k.Reset(data, skimDepth)
	if k.Peek() != '{' || !k.BeginObject() {
		return Detail, false
	}
	for {
		key, esc, ok := k.NextMember()
		if !ok {
			return Detail, true
		}
		if esc {
			var r reader // rare: the key is spelled with escapes
			key = r.unescapeKey(key)
		}
		if isEnvelopeKey(key) {
			return EventBridge, true
		}
		if _, ok := k.Value(); !ok {
			return Detail, true
		}
	}
}

// utf8BOM is U+FEFF in UTF-8: a reader of files skips it at their start
// (contactevents.OpenContent); anywhere else it is not JSON.
var utf8BOM = []byte{0xef, 0xbb, 0xbf}
