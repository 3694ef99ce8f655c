package conformance

// Every event sample in every delivery format: the SDK must find the same events, in order,
// whatever wraps them (an SQS body, an SNS notification, base64 Kinesis or Firehose data, an
// array, NDJSON, concatenated values), and a batch with broken records must name them (index and
// message ID) while still yielding the others.
//
// The formats are built here from the AWS documentation of each event shape, independently of the
// SDK's own fixtures in internal/delivery/testdata.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/google/go-cmp/cmp"
)

// deliveryFormat wraps documents the way one delivery path does. single wraps one document as a
// payload of its own (nil for the formats that only make sense as a stream of several); batch
// wraps several into one payload. ids returns the record identifiers a batch carries.
type deliveryFormat struct {
	name   string
	single func(doc []byte, i int) []byte
	batch  func(docs [][]byte) []byte
	ids    func(n int) []string
	// failureIDs are the identifiers a Lambda partial batch response names (default ids): for
	// Kinesis, the sequence number, not the eventID.
	failureIDs func(n int) []string
	// bare says that the format carries the contact event without its envelope: it yields the
	// sample's Detail in an Event without envelope.
	bare bool
}

const (
	topicArn = "arn:aws:sns:us-west-2:111122223333:connect-contact-events"
	queueArn = "arn:aws:sqs:us-west-2:111122223333:connect-contact-events"
)

func sqsID(i int) string { return fmt.Sprintf("059f36b4-87a3-44ab-83d2-66197180%04d", i) }
func snsID(i int) string { return fmt.Sprintf("95df01b4-ee98-5cb9-9903-4c221d41%04d", i) }
func kinesisID(i int) string {
	return fmt.Sprintf("shardId-000000000001:4959158484153854066922832283357076496327610423122285%04d", i)
}
func firehoseID(i int) string {
	return fmt.Sprintf("4954698668313554428650745793632162567570019247963901%04d", i)
}

func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// snsNotification is the SNS notification a subscriber (or an SQS queue without raw delivery)
// gets; Message is the event as a JSON string.
func snsNotification(doc []byte, i int) []byte {
	return mustMarshal(struct {
		Type, MessageID, TopicArn, Message, Timestamp, SignatureVersion, Signature, SigningCertURL, UnsubscribeURL string
	}{"Notification", snsID(i), topicArn, string(doc), "2021-08-04T17:43:49.102Z", "1", "EXAMPLEpH+..", "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem", "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topicArn + ":0"})
}

// lambdaSQS is the Lambda event of an SQS event source mapping, each body one document.
func lambdaSQS(bodies [][]byte) []byte {
	type record struct {
		MessageID         string            `json:"messageId"`
		ReceiptHandle     string            `json:"receiptHandle"`
		Body              string            `json:"body"`
		Attributes        map[string]string `json:"attributes"`
		MessageAttributes map[string]any    `json:"messageAttributes"`
		MD5OfBody         string            `json:"md5OfBody"`
		EventSource       string            `json:"eventSource"`
		EventSourceARN    string            `json:"eventSourceARN"`
		AWSRegion         string            `json:"awsRegion"`
	}
	var rs []record
	for i, b := range bodies {
		rs = append(rs, record{sqsID(i), "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...", string(b),
			map[string]string{"ApproximateReceiveCount": "1", "SentTimestamp": "1628099028913", "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1628099028921"},
			map[string]any{}, "e4e68fb7bd0e697a0ae8f1bb342846b3", "aws:sqs", queueArn, "us-west-2"})
	}
	return mustMarshal(map[string]any{"Records": rs})
}

func lambdaSNS(docs [][]byte) []byte {
	var rs []any
	for i, d := range docs {
		rs = append(rs, map[string]any{
			"EventSource": "aws:sns", "EventVersion": "1.0", "EventSubscriptionArn": topicArn + ":56f9903f",
			"Sns": map[string]any{
				"Type": "Notification", "MessageId": snsID(i), "TopicArn": topicArn, "Subject": nil,
				"Message": string(d), "Timestamp": "2021-08-04T17:43:49.102Z", "SignatureVersion": "1",
				"Signature": "EXAMPLE", "SigningCertUrl": "https://sns.us-west-2.amazonaws.com/x.pem",
				"UnsubscribeUrl": "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe", "MessageAttributes": map[string]any{},
			},
		})
	}
	return mustMarshal(map[string]any{"Records": rs})
}

func lambdaKinesis(docs [][]byte) []byte {
	var rs []any
	for i, d := range docs {
		rs = append(rs, map[string]any{
			"kinesis": map[string]any{
				"kinesisSchemaVersion": "1.0", "partitionKey": "bd26e3ca", "sequenceNumber": strings.TrimPrefix(kinesisID(i), "shardId-000000000001:"),
				"data": base64.StdEncoding.EncodeToString(d), "approximateArrivalTimestamp": 1628099029.262,
			},
			"eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": kinesisID(i), "eventName": "aws:kinesis:record",
			"invokeIdentityArn": "arn:aws:iam::111122223333:role/consumer", "awsRegion": "us-west-2",
			"eventSourceARN": "arn:aws:kinesis:us-west-2:111122223333:stream/connect-contact-events",
		})
	}
	return mustMarshal(map[string]any{"Records": rs})
}

func firehose(docs [][]byte) []byte {
	var rs []any
	for i, d := range docs {
		rs = append(rs, map[string]any{"recordId": firehoseID(i), "approximateArrivalTimestamp": 1628099029262, "data": base64.StdEncoding.EncodeToString(d)})
	}
	return mustMarshal(map[string]any{
		"invocationId": "dc80cea2-006d-4dc2-bbf8-aa5221fa47ea", "region": "us-west-2",
		"deliveryStreamArn": "arn:aws:firehose:us-west-2:111122223333:deliverystream/connect-contact-events", "records": rs,
	})
}

func ids(f func(int) string) func(int) []string {
	return func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, f(i))
		}
		return out
	}
}

func batchOfOne(batch func([][]byte) []byte) func([]byte, int) []byte {
	return func(doc []byte, _ int) []byte { return batch([][]byte{doc}) }
}

// compact puts a document on one line, for NDJSON; a malformed document is kept as it is.
func compact(doc []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, doc); err != nil {
		return doc
	}
	return b.Bytes()
}

// deliveryFormats is every delivery path of the README, each a way to wrap the samples.
var deliveryFormats = []deliveryFormat{
	{name: "eventbridge (as published; 01 is the bare detail)",
		single: func(d []byte, _ int) []byte { return d },
		batch:  func(ds [][]byte) []byte { return bytes.Join(ds, []byte("\n")) }},
	{name: "bare detail (the contact event without its envelope, as sample 01 is published)", bare: true,
		single: func(d []byte, _ int) []byte { return bareDetail(d) },
		batch: func(ds [][]byte) []byte {
			var out [][]byte
			for _, d := range ds {
				out = append(out, compact(bareDetail(d)))
			}
			return bytes.Join(out, []byte("\n"))
		}},
	{name: "sqs body in a lambda sqs batch", single: batchOfOne(lambdaSQS), batch: lambdaSQS, ids: ids(sqsID)},
	{name: "sns notification", single: snsNotification,
		batch: func(ds [][]byte) []byte {
			var out [][]byte
			for i, d := range ds {
				out = append(out, snsNotification(d, i))
			}
			return bytes.Join(out, []byte("\n"))
		}},
	{name: "sns to sqs (raw delivery off)",
		single: func(d []byte, i int) []byte { return lambdaSQS([][]byte{snsNotification(d, i)}) },
		batch: func(ds [][]byte) []byte {
			var bodies [][]byte
			for i, d := range ds {
				bodies = append(bodies, snsNotification(d, i))
			}
			return lambdaSQS(bodies)
		},
		ids: ids(sqsID)},
	{name: "lambda sns", single: batchOfOne(lambdaSNS), batch: lambdaSNS, ids: ids(snsID)},
	{name: "lambda kinesis (base64)", single: batchOfOne(lambdaKinesis), batch: lambdaKinesis, ids: ids(kinesisID),
		failureIDs: ids(func(i int) string { return strings.TrimPrefix(kinesisID(i), "shardId-000000000001:") })},
	{name: "firehose (base64)", single: batchOfOne(firehose), batch: firehose, ids: ids(firehoseID)},
	{name: "json array", batch: func(ds [][]byte) []byte {
		return append(append([]byte("[\n"), bytes.Join(ds, []byte(",\n"))...), "\n]"...)
	}},
	{name: "ndjson", batch: func(ds [][]byte) []byte {
		var out []byte
		for _, d := range ds {
			out = append(append(out, compact(d)...), '\n')
		}
		return out
	}},
	{name: "concatenated (as Firehose writes to S3)", batch: func(ds [][]byte) []byte { return bytes.Join(ds, nil) }},
}

// bareDetail returns the detail of an EventBridge event, or the document itself when it has no
// envelope.
func bareDetail(doc []byte) []byte {
	if d, ok := rawAt(doc, "/detail"); ok {
		return d
	}
	return doc
}

// directEvents parses every event sample on its own: the events the formats must reproduce.
func directEvents(t *testing.T) ([]samples.Sample, []*contactevents.Event) {
	var evs []*contactevents.Event
	events := samples.Events()
	for _, s := range events {
		evs = append(evs, parseCompat(t, s.Name, s.Repaired))
	}
	return events, evs
}

// TestDeliveryFormats wraps the event samples in every delivery format: a batch of all of them
// decoded with NewDecoder(...).All() yields the same events as parsing each sample directly, in
// order and in number (for the bare detail, the sample's Detail without envelope); each sample
// wrapped alone is also read by Parse.
func TestDeliveryFormats(t *testing.T) {
	events, direct := directEvents(t)
	var docs [][]byte
	for _, s := range events {
		docs = append(docs, s.Repaired)
	}
	for _, f := range deliveryFormats {
		t.Run(f.name, func(t *testing.T) {
			want := direct
			if f.bare {
				want = nil
				for _, ev := range direct {
					want = append(want, &contactevents.Event{Detail: ev.Detail})
				}
			}
			payload := f.batch(docs)
			var got []*contactevents.Event
			for ev, err := range contactevents.NewDecoder(bytes.NewReader(payload)).All() {
				if err != nil {
					t.Fatalf("record %d: %v", len(got), err)
				}
				got = append(got, ev)
			}
			if len(got) != len(want) {
				t.Fatalf("NewDecoder yields %d events, want %d", len(got), len(want))
			}
			for i := range want {
				if diff := cmp.Diff(want[i], got[i]); diff != "" {
					t.Errorf("%s: event differs from the directly parsed sample (-direct +%s):\n%s", events[i].Name, f.name, diff)
				}
			}
			if _, err := contactevents.Parse(payload); !errors.Is(err, contactevents.ErrMultipleEvents) {
				t.Errorf("Parse(batch of %d) = %v, want ErrMultipleEvents", len(docs), err)
			}
			if f.single == nil {
				return
			}
			for i, s := range events {
				one := f.single(s.Repaired, i)
				ev, err := contactevents.Parse(one)
				if err != nil {
					t.Errorf("%s: Parse: %v", s.Name, err)
					continue
				}
				if diff := cmp.Diff(want[i], ev); diff != "" {
					t.Errorf("%s: Parse differs (-direct +%s):\n%s", s.Name, f.name, diff)
				}
				n := 0
				for ev, err := range contactevents.NewDecoder(bytes.NewReader(one)).All() {
					n++
					if err != nil || !cmp.Equal(want[i], ev) {
						t.Errorf("%s: NewDecoder: %v %v", s.Name, err, cmp.Diff(want[i], ev))
					}
				}
				if n != 1 {
					t.Errorf("%s: NewDecoder yields %d events, want 1", s.Name, n)
				}
			}
		})
	}
}

// TestBrokenRecords builds batches of five records where three are broken (a verbatim sample with
// a trailing comma, the event pattern, an event invalid under compat): the decoder yields the two
// good events, a *RecordError for each broken one with its index and message ID and the right
// cause, and BatchItemFailures names exactly the broken records, in order (by SQS messageId, or
// Kinesis sequence number, as Lambda's partial batch response wants them).
func TestBrokenRecords(t *testing.T) {
	good1, _ := samples.Lookup("03-current-connected-to-agent")
	syntax, _ := samples.Lookup("02-older-disconnected") // verbatim: a trailing comma
	good2, _ := samples.Lookup("05-current-contact-properties-updated")
	pattern, _ := samples.Lookup("09-current-stop-streaming-event-type")
	invalid := bytes.Replace(good2.Repaired, []byte(`"channel": "CHAT"`), []byte(`"channel": ""`), 1)
	docs := [][]byte{good1.Repaired, syntax.Verbatim, good2.Repaired, pattern.Repaired, invalid}
	type broken struct {
		index int
		cause any
	}
	// The cause of the malformed record is not checked here: see TestWrappedSyntaxError.
	wantBroken := []broken{{1, nil}, {3, new(*contactevents.NotContactEventError)}, {4, new(*contactevents.ValidationError)}}
	for _, f := range deliveryFormats {
		if f.ids == nil {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			recordIDs := f.ids(len(docs))
			var errs []error
			var good []*contactevents.Event
			i := 0
			for ev, err := range contactevents.NewDecoder(bytes.NewReader(f.batch(docs))).All() {
				if err != nil {
					errs = append(errs, err)
				} else {
					good = append(good, ev)
				}
				i++
			}
			if i != len(docs) || len(good) != 2 || len(errs) != len(wantBroken) {
				t.Fatalf("%d items, %d events, %d errors; want %d, 2, %d: %v", i, len(good), len(errs), len(docs), len(wantBroken), errs)
			}
			if !cmp.Equal(good[0], parseCompat(t, "03", good1.Repaired)) || !cmp.Equal(good[1], parseCompat(t, "05", good2.Repaired)) {
				t.Error("the good records do not decode to the samples")
			}
			var wantIDs []string
			for j, w := range wantBroken {
				var re *contactevents.RecordError
				if !errors.As(errs[j], &re) {
					t.Errorf("error %d is %T, want *RecordError: %v", j, errs[j], errs[j])
					continue
				}
				if re.Index != w.index || re.ID != recordIDs[w.index] {
					t.Errorf("error %d names record %d (%q), want %d (%q)", j, re.Index, re.ID, w.index, recordIDs[w.index])
				}
				if w.cause != nil && !errors.As(re.Err, w.cause) {
					t.Errorf("record %d: cause %T (%v), want %T", w.index, re.Err, re.Err, w.cause)
				}
				failureIDs := recordIDs
				if f.failureIDs != nil {
					failureIDs = f.failureIDs(len(docs))
				}
				wantIDs = append(wantIDs, failureIDs[w.index])
			}
			resp, err := contactevents.BatchItemFailures(errs)
			if err != nil {
				t.Errorf("BatchItemFailures: %v (every failure names its record)", err)
			}
			var gotIDs []string
			for _, f := range resp.BatchItemFailures {
				gotIDs = append(gotIDs, f.ItemIdentifier)
			}
			if !cmp.Equal(wantIDs, gotIDs) {
				t.Errorf("BatchItemFailures = %q, want %q", gotIDs, wantIDs)
			}
		})
	}
}
