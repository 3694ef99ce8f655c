package delivery

// Format names a delivery format: how contact events are wrapped when they
// reach a consumer. The zero value is not a valid Format; use Auto to have the
// format detected.
type Format string

// The delivery formats. Every format except Auto can be selected explicitly;
// Auto detects the format with the rules of Detect.
const (
	// Auto detects the format of the input (see Detect).
	Auto Format = "auto"
	// EventBridge is one EventBridge event, as a Lambda target or an SQS body
	// receives it: {"version":"0","id":...,"detail-type":...,"detail":{...}}.
	EventBridge Format = "eventbridge"
	// Detail is one bare contact event: the "detail" of an EventBridge event,
	// with camelCase or PascalCase keys.
	Detail Format = "detail"
	// SNS is one Amazon SNS notification whose Message is the event as a JSON
	// string; it is also what SNS puts in an SQS body when raw message delivery
	// is off.
	SNS Format = "sns"
	// LambdaSQS is the event an AWS Lambda function receives from an Amazon SQS
	// event source mapping: {"Records":[{"messageId":...,"body":"..."}]}. Each
	// body is an EventBridge event, a bare detail or an SNS notification.
	LambdaSQS Format = "lambda-sqs"
	// LambdaSNS is the event an AWS Lambda function receives from an SNS
	// subscription: {"Records":[{"EventSource":"aws:sns","Sns":{"Message":"..."}}]}.
	LambdaSNS Format = "lambda-sns"
	// LambdaKinesis is the event an AWS Lambda function receives from a Kinesis
	// data stream: {"Records":[{"eventID":...,"kinesis":{"data":"<base64>"}}]}.
	LambdaKinesis Format = "lambda-kinesis"
	// Firehose is an Amazon Data Firehose transformation event:
	// {"invocationId":...,"records":[{"recordId":...,"data":"<base64>"}]}.
	Firehose Format = "firehose"
	// Array is a JSON array whose elements are events (or any of the
	// single-document formats above).
	Array Format = "array"
	// NDJSON is newline-delimited JSON: one value per line.
	NDJSON Format = "ndjson"
	// Concatenated is JSON values back to back, with or without whitespace
	// between them, as Firehose writes events to Amazon S3 (`}{`).
	Concatenated Format = "concatenated"
)

// formats lists every selectable format in the order Formats returns them.
var formats = [...]Format{
	EventBridge, Detail, SNS,
	LambdaSQS, LambdaSNS, LambdaKinesis, Firehose,
	Array, NDJSON, Concatenated,
}

// Formats returns every format except Auto, in a stable order: the
// single-document formats first, then the Lambda and Firehose batches, then
// the multi-value containers. The caller may modify the returned slice.
func Formats() []Format {
	out := make([]Format, len(formats))
	copy(out, formats[:])
	return out
}

// String returns the format's name.
func (f Format) String() string { return string(f) }

// isContainer reports whether f holds a sequence of independent JSON values.
func (f Format) isContainer() bool {
	return f == Array || f == NDJSON || f == Concatenated
}
