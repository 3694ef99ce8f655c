package contactevents

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/connectevents/sdk-go/internal/delivery"
)

// Format is a delivery format: how an event reaches the consumer.
type Format string

// The delivery formats. Auto (the default) detects each from the payload.
const (
	FormatAuto          Format = "auto"
	FormatEventBridge   Format = "eventbridge"    // the EventBridge event, as a Lambda target or an SQS body gets it
	FormatDetail        Format = "detail"         // the bare contact event
	FormatSNS           Format = "sns"            // an SNS notification (also SNS to SQS, raw delivery off)
	FormatLambdaSQS     Format = "lambda-sqs"     // the Lambda SQS batch event
	FormatLambdaSNS     Format = "lambda-sns"     // the Lambda SNS event
	FormatLambdaKinesis Format = "lambda-kinesis" // the Lambda Kinesis batch event (base64 data)
	FormatFirehose      Format = "firehose"       // the Firehose transformation event (base64 data)
	FormatArray         Format = "array"          // a JSON array of events
	FormatNDJSON        Format = "ndjson"         // newline-delimited events
	FormatConcatenated  Format = "concatenated"   // events back to back, as Firehose writes them to S3
)

// Values returns every format, Auto first, then in the order of the
// delivery layer: single documents, batches, containers.
func (Format) Values() []Format {
	out := []Format{FormatAuto}
	for _, f := range delivery.Formats() {
		out = append(out, Format(f))
	}
	return out
}

// ParseFormat returns the format named s ("auto", "lambda-sqs", ...).
// Matching ignores case and surrounding space; "" is Auto, and "jsonl" is
// accepted for "ndjson".
func ParseFormat(s string) (Format, error) {
	if strings.EqualFold(strings.TrimSpace(s), "jsonl") {
		return FormatNDJSON, nil
	}
	return parseName(s, "format", FormatAuto, Format("").Values())
}

// ParseProfile returns the profile named s ("strict", "compat", "legacy").
// Matching ignores case and surrounding space; "" is Compat, the default.
func ParseProfile(s string) (Profile, error) {
	return parseName(s, "profile", Compat, Profile("").Values())
}

// parseName returns the value of all named s, ignoring case and
// surrounding space, and def for "".
func parseName[T ~string](s, kind string, def T, all []T) (T, error) {
	name := T(strings.ToLower(strings.TrimSpace(s)))
	if name == "" {
		return def, nil
	}
	if slices.Contains(all, name) {
		return name, nil
	}
	names := make([]string, len(all))
	for i, v := range all {
		names[i] = string(v)
	}
	return "", fmt.Errorf("contactevents: unknown %s %q (want one of %s)", kind, s, strings.Join(names, ", "))
}

// Size limits. There are two, one inside the other:
//
//   - an event document (an EventBridge event or a bare contact event) is at
//     most WithMaxSize bytes, DefaultMaxSize by default;
//   - a payload, which may wrap a batch of events (what Parse and Validate
//     get, or one value of a Decoder's stream: one line of NDJSON, one
//     element of an array, one Lambda batch), is at most WithMaxPayloadSize
//     bytes, DefaultMaxPayloadSize by default, and never less than the event
//     limit, since a payload holds at least one event.
//
// A stream as a whole has no limit: a Decoder holds one value at a time.
// Both limits are reported with an error wrapping ErrTooLarge.
const (
	// DefaultMaxSize is EventBridge's event size limit, 256 KiB.
	DefaultMaxSize = 256 << 10
	// DefaultMaxPayloadSize is 6 MiB, above the largest Lambda invocation
	// payload (6 MB), so that a whole Lambda batch fits.
	DefaultMaxPayloadSize = 6 << 20
)

// DefaultMaxDepth bounds nesting; the deepest documented event nests 9 levels.
const DefaultMaxDepth = 64

type options struct {
	profile  Profile
	format   Format
	maxSize  int
	maxValue int // the payload limit as given; see payloadLimit
	warnings func(Issue)
	// maxDepth is an int32 so that it packs with the flags below.
	maxDepth int32
	keep     bool     // the caller keeps the decoded event (Parse, not Validate)
	noCopy   bool     // decoded strings alias the input (WithNoCopy)
	storage  *storage // a Parser's storage, reused event after event (nil: a new event each time)
}

// Option configures Parse, Validate and NewDecoder.
type Option func(*options)

var defaultOptions = options{profile: Compat, format: FormatAuto, maxSize: DefaultMaxSize, maxValue: DefaultMaxPayloadSize, maxDepth: DefaultMaxDepth, keep: true}

// optionsScratch holds the options being applied: an Option is a function
// the compiler cannot see into, so the options it is given escape to the
// heap; a pooled one spares Parse that allocation. (No Option keeps its
// pointer: they are all this package's.)
var optionsScratch = sync.Pool{New: func() any { return new(options) }}

func newOptions(opts []Option) options {
	if len(opts) == 0 {
		return defaultOptions // no allocation on the common path
	}
	o := optionsScratch.Get().(*options)
	*o = defaultOptions
	for _, opt := range opts {
		opt(o)
	}
	out := *o
	*o = options{} // keeps no callback alive
	optionsScratch.Put(o)
	return out
}

// WithProfile selects the validation profile; the default is Compat.
func WithProfile(p Profile) Option { return func(o *options) { o.profile = p } }

// WithFormat selects the delivery format instead of detecting it.
func WithFormat(f Format) Option { return func(o *options) { o.format = f } }

// WithMaxSize bounds the size in bytes of one event document; the default
// is DefaultMaxSize. See DefaultMaxSize for both limits.
func WithMaxSize(n int) Option { return func(o *options) { o.maxSize = n } }

// WithMaxPayloadSize bounds the size in bytes of a whole payload given to
// Parse or Validate, and of one value of a Decoder's stream; the default is
// DefaultMaxPayloadSize. A limit below the event limit (WithMaxSize) is
// raised to it. See DefaultMaxSize for both limits.
func WithMaxPayloadSize(n int) Option { return func(o *options) { o.maxValue = n } }

// payloadLimit is the payload limit in force: the one given, and at least
// the event limit.
func (o *options) payloadLimit() int { return max(o.maxValue, o.maxSize) }

// WithMaxDepth bounds JSON nesting; the default is DefaultMaxDepth.
func WithMaxDepth(n int) Option {
	return func(o *options) { o.maxDepth = int32(min(max(n, math.MinInt32), math.MaxInt32)) }
}

// WithWarnings calls f with every warning of every valid event (warnings of
// an invalid event are in its *ValidationError), synchronously, in document
// order.
func WithWarnings(f func(Issue)) Option { return func(o *options) { o.warnings = f } }

// WithNoCopy makes Parse skip the one copy of the input it makes per
// event: the event's strings then point into data, which the caller must not
// modify while it uses the event (as with segmentio's ZeroCopy). Unknown
// members are still copied. It saves an allocation of the event's size. A
// Decoder ignores it: it reuses its read buffer from one record to the next.
func WithNoCopy() Option { return func(o *options) { o.noCopy = true } }
