// Package delivery finds the Amazon Connect contact-event JSON documents in
// the payloads consumers receive, whatever way they were delivered, so that
// the SDK's Parse and NewDecoder can decode each one with the generated
// decoder.
//
// Amazon Connect publishes contact events through Amazon EventBridge. An
// event reaches a consumer as the EventBridge event itself (a Lambda target,
// an SQS body), as its bare "detail", inside an SNS notification, inside a
// Lambda batch from SQS, SNS or Kinesis, inside a Firehose transformation
// event, or as many events in a JSON array, in NDJSON or back to back as
// Firehose writes them to S3. Records (for a payload in memory) and Stream
// (for a reader, in constant memory) yield one Record per document, with the
// document's bytes and where it came from (batch index, message ID, JSON
// Pointer, offset and line). They do not validate the contact event itself.
//
// # Detection
//
// With Auto, the format is detected from the first bytes and top-level keys
// (Detect applies the same rules):
//
//   - The first non-space byte '[' means Array.
//   - Otherwise the first JSON value is scanned. If another value follows it,
//     the input is NDJSON when the first value is on one line and a newline
//     separates it from the next, else Concatenated.
//   - A single JSON object is classified by its top-level keys: one with a
//     "detail-type" or "detail" member is EventBridge (the schema's root
//     rule: no wrapper has either, so the first of them decides, and the
//     classifier reads no further); otherwise "Records"
//     whose first record has eventSource/EventSource "aws:sqs", "aws:sns" or
//     "aws:kinesis" (or, without one, a "body", "Sns" or "kinesis" key) is
//     LambdaSQS, LambdaSNS or LambdaKinesis (an empty Records array counts as
//     LambdaSQS); "records" with "invocationId" is Firehose; "Type":
//     "Notification" with "Message" is SNS; anything else is Detail.
//   - Empty input, a lone scalar and a first value that is not valid JSON are
//     not detected: Detect returns Auto, and Records and Stream report an
//     error (when more values follow a broken first value, they read the rest
//     as Concatenated).
//
// Inside a container, every value (array element, NDJSON line, concatenated
// value) is classified the same way, so an array or NDJSON of Lambda batches
// yields their records. A top-level array is read element by element wherever
// it appears, also as a line of NDJSON. Inside an SQS body, or base64 Kinesis or Firehose
// data, the document may be an EventBridge event, a bare detail or an SNS
// notification (SNS->SQS with raw delivery off, SNS->Firehose), whose
// Message is unwrapped once more; an SNS Message is an EventBridge event or a
// bare detail. Keys match exactly (no case folding). Base64 is the standard
// alphabet, padded or not.
//
// # Errors and recovery
//
// A record that cannot be unwrapped (its body is not a string or not JSON,
// its data is not base64, an SNS Message is not a string, ...) is yielded
// with a *RecordError naming its index, ID and JSON Pointer, and the records
// after it still come through. In a container, a value that is not a JSON
// object, or is an array that does not parse, is reported and the next value
// follows. An object that does not parse (a trailing comma, a truncated
// event), at the top level or inside a wrapper, is yielded as a record of the
// kind its top-level keys say, so that the contact-event decoder reports its
// defects with their positions; this package does not describe them. When the structure itself breaks (mismatched brackets,
// a junk token, a missing ',' between array elements, a value longer than
// Stream's limit), the splitter resyncs: NDJSON input skips to the next line;
// array and concatenated input skip to the next line that starts with '{' or
// '[' in its first column, and stop when there is none. An NDJSON value may
// not span lines, so a truncated line costs only that line. Input that ends
// inside a value stops the iteration with an error.
//
// # Performance
//
// Keys are found by internal/scan's Skimmer, which reads structure only
// (strings and brackets, without recursion, to a depth limit) and points
// into the input: for a plain EventBridge event Records skims the input
// once and yields a subslice of it without copying, decoding or validating
// it, so that the SDK's decoder is the one reader that validates an event
// document. A wrapper (an SNS notification, a Lambda or Firehose batch) is
// validated once by internal/scan's Scanner, since no decoder reads it.
// Only documents held in JSON strings or base64 are copied, once, when
// decoded.
package delivery
