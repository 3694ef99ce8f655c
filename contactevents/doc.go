// Package contactevents decodes and validates Amazon Connect contact events:
// the JSON events Amazon Connect publishes through Amazon EventBridge when a
// voice call, chat or task is initiated, queued, connected, updated, paused,
// resumed or disconnected.
//
// # Parsing
//
// Parse takes one event in any delivery format and returns it typed and
// validated:
//
//	ev, err := contactevents.Parse(payload)
//	if err != nil {
//		var verr *contactevents.ValidationError
//		if errors.As(err, &verr) {
//			for _, i := range verr.Issues {
//				log.Print(i) // location (rule): message; "(root)" for the event itself
//			}
//		}
//		return err
//	}
//	if ev.Detail.EventType == contactevents.EventTypeDisconnected { ... }
//
// A Parser (NewParser) parses one event after another into storage it
// reuses, for a consumer that handles each event and moves on: the event is
// valid until its next call, and Event.Clone keeps one. A kept event from
// Parse holds, through any of its strings, the block of the whole event and
// the copy of its input.
//
// Validate does the same checks without keeping the event. NewDecoder reads
// a stream (a Lambda SQS, SNS or Kinesis batch, a Firehose transformation
// event, a JSON array, newline-delimited or concatenated events) in constant
// memory, one event at a time, through Decoder.All.
//
// # Delivery formats
//
// The format is detected from the payload (WithFormat selects one): the
// EventBridge event as a Lambda target receives it, the bare contact event,
// an SQS message body, an SNS notification, SNS delivered to SQS, the Lambda
// SQS, SNS and Kinesis batch events, the Firehose transformation event, a
// JSON array, NDJSON and concatenated JSON. Errors in a batch come as a
// *RecordError naming the record; BatchItemFailures builds Lambda's partial
// batch response from them, or an error when a failure names no message (the
// whole invocation must then fail).
//
// # Profiles
//
// The two versions of the AWS page disagree with each other and with their
// own samples (PascalCase keys next to camelCase ones, "Voice" next to
// VOICE, SIT_TONE-DETECTED next to SIT_TONE_DETECTED, routingCriteria as an
// object and as an array, 7-day against 30-day task expiry). A Profile says
// which of that is accepted:
//
//   - Compat, the default, accepts everything ever documented, keeps unknown
//     properties and unknown enum values and reports them as warnings
//     (WithWarnings): AWS adds fields, and a consumer must not break.
//   - Strict accepts the current documented model only: canonical keys,
//     current values, no unknown properties. For producers and test fakes.
//   - Legacy is the older page's model.
//
// Each profile is also a JSON Schema (schema/profiles) that other languages
// can use; the conformance suite proves that this package and a JSON Schema
// validator agree on every documented sample and thousands of mutants.
//
// # Values
//
// Documented key spellings (contactId and ContactId) and value variants
// ("Voice") decode to one Go field and one canonical constant. A Timestamp
// tells absent, not set (the sentinel 1970-01-01T00:00:00.001Z) and set
// apart. Members the schema does not know are kept in each struct's Unknown
// field, and MarshalJSON writes the canonical form with them, so a decode
// and re-encode loses nothing.
//
// # Optional fields
//
// One rule, which the generator applies to every optional property (one
// that is not required), tells an absent value from a present one:
//
//   - a string is a *string when the schema allows the empty string (no
//     minLength), since "" is then a value (QueueInfo.QueueType,
//     ContactEvent.CustomerID, Endpoint.DisplayName); a string with
//     minLength 1 is a string, and "" means absent, since no valid event
//     has it (ContactEvent.InitialContactID, RelatedContactID,
//     Event.ReplayName);
//   - an enum is its named string type, "" meaning absent (a documented
//     value is never empty);
//   - an object is a pointer, nil when absent;
//   - an integer is an *int64, a number a *float64, a boolean a *bool;
//   - an array or a map is nil when absent;
//   - a Timestamp says it itself: IsZero when absent.
//
// # Errors
//
// Malformed JSON gives a *SyntaxError with byte offset, line and column (a
// trailing comma and data after the event are named as such, and every
// trailing comma is reported, not just the first). An invalid event gives a
// *ValidationError listing every issue with its JSON Pointer and the schema
// keyword it breaks; it renders as the JSON Schema "basic" output format. A
// payload that is JSON but not a contact event gives a *NotContactEventError
// that says what it looks like.
//
// The generated files (*_gen.go) come from schema/contactevents.schema.json
// through `go generate`; edit the schema, not them.
package contactevents
