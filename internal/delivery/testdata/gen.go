//go:build ignore

// gen writes the delivery fixtures in this directory. They are checked in;
// run it from internal/delivery after changing it:
//
//	go run testdata/gen.go
//
// Envelopes follow the shapes AWS documents for each integration. IDs,
// receipt handles and signatures come from a fixed seed, MD5s and base64 are
// computed from the real bodies.
package main

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

const (
	account  = "111122223333"
	region   = "us-west-2"
	instance = "arn:aws:connect:us-west-2:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111"
)

var rng = rand.New(rand.NewPCG(20210804, 1743))

func uuid() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func randB64(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return base64.StdEncoding.EncodeToString(b)
}

func digits(n int) string {
	var sb strings.Builder
	sb.WriteByte(byte('1' + rng.UintN(9)))
	for sb.Len() < n {
		sb.WriteByte(byte('0' + rng.UintN(10)))
	}
	return sb.String()
}

// event returns an Amazon Connect contact event as EventBridge delivers it.
func event(eventType, contactID, timeStr string, replay bool) []byte {
	agent := ""
	if eventType == "CONNECTED_TO_AGENT" || eventType == "DISCONNECTED" {
		agent = fmt.Sprintf(`,
    "agentInfo": {
      "agentArn": "%s/agent/aaaaaaaa-bbbb-cccc-dddd-333333333333",
      "connectedToAgentTimestamp": "2021-08-04T17:30:12.118Z"
    }`, instance)
	}
	disc := ""
	if eventType == "DISCONNECTED" {
		disc = `,
    "disconnectTimestamp": "2021-08-04T17:43:47.000Z",
    "disconnectReason": "CUSTOMER_DISCONNECT"`
	}
	replayName := ""
	if replay {
		replayName = `,
  "replay-name": "connect-contact-events-replay-2021-08-05"`
	}
	return []byte(fmt.Sprintf(`{
  "version": "0",
  "id": "%s",
  "detail-type": "Amazon Connect Contact Event",
  "source": "aws.connect",
  "account": "%s",
  "time": "%s",
  "region": "%s",
  "resources": [
    "%s",
    "%s/contact/%s"
  ],
  "detail": {
    "initiationTimestamp": "2021-08-04T17:17:53.000Z",
    "contactId": "%s",
    "channel": "VOICE",
    "instanceArn": "%s",
    "initiationMethod": "INBOUND",
    "eventType": "%s",
    "queueInfo": {
      "queueArn": "%s/queue/aaaaaaaa-bbbb-cccc-dddd-222222222222",
      "enqueueTimestamp": "2021-08-04T17:29:04.642Z",
      "queueType": "STANDARD"
    }%s%s,
    "tags": {
      "aws:connect:instanceId": "aaaaaaaa-bbbb-cccc-dddd-111111111111",
      "aws:connect:systemEndpoint": "+14255550100"
    }
  }%s
}`, uuid(), account, timeStr, region, instance, instance, contactID, contactID, instance, eventType, instance, agent, disc, replayName))
}

func detailCamel() []byte {
	return []byte(fmt.Sprintf(`{
  "eventType": "INITIATED",
  "contactId": "c0c0c0c0-1111-4222-8333-444444444444",
  "initialContactId": "c0c0c0c0-1111-4222-8333-444444444444",
  "channel": "CHAT",
  "instanceArn": "%s",
  "initiationMethod": "API",
  "initiationTimestamp": "2021-08-04T18:02:11.000Z",
  "tags": {
    "aws:connect:instanceId": "aaaaaaaa-bbbb-cccc-dddd-111111111111"
  }
}`, instance))
}

func detailPascal() []byte {
	return []byte(fmt.Sprintf(`{
  "EventType": "DISCONNECTED",
  "ContactId": "d0d0d0d0-5555-4666-8777-888888888888",
  "Channel": "VOICE",
  "InstanceArn": "%s",
  "InitiationMethod": "OUTBOUND",
  "InitiationTimestamp": "2021-08-04T18:10:00.000Z",
  "DisconnectTimestamp": "2021-08-04T18:14:31.000Z",
  "QueueInfo": {
    "QueueArn": "%s/queue/aaaaaaaa-bbbb-cccc-dddd-222222222222",
    "EnqueueTimestamp": "2021-08-04T18:10:02.500Z"
  }
}`, instance, instance))
}

func compact(b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func pretty(v any) []byte {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

func write(name string, b []byte) {
	if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
		panic(err)
	}
}

type snsNotification struct {
	Type             string
	MessageId        string
	TopicArn         string
	Message          string
	Timestamp        string
	SignatureVersion string
	Signature        string
	SigningCertURL   string
	UnsubscribeURL   string
}

// snsBody returns an SNS notification as SNS writes it into an SQS body:
// indented, with " : " between keys and values.
func snsBody(n any) string {
	b, err := json.MarshalIndent(n, "", "  ")
	if err != nil {
		panic(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		lines[i] = strings.Replace(l, `": `, `" : `, 1)
	}
	return strings.Join(lines, "\n")
}

func notification(msg []byte) snsNotification {
	topic := "arn:aws:sns:us-west-2:111122223333:connect-contact-events"
	return snsNotification{
		Type:             "Notification",
		MessageId:        uuid(),
		TopicArn:         topic,
		Message:          string(msg),
		Timestamp:        "2021-08-04T17:43:49.102Z",
		SignatureVersion: "1",
		Signature:        randB64(256),
		SigningCertURL:   "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem",
		UnsubscribeURL:   "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic + ":" + uuid(),
	}
}

type sqsRecord struct {
	MessageID         string            `json:"messageId"`
	ReceiptHandle     string            `json:"receiptHandle"`
	Body              any               `json:"body"`
	Attributes        map[string]string `json:"attributes"`
	MessageAttributes map[string]any    `json:"messageAttributes"`
	MD5OfBody         string            `json:"md5OfBody"`
	EventSource       string            `json:"eventSource"`
	EventSourceARN    string            `json:"eventSourceARN"`
	AWSRegion         string            `json:"awsRegion"`
}

// sqs returns an SQS record for Lambda; body is a string or, to make a bad
// record, a raw JSON value.
func sqs(body any, queue, sender string) sqsRecord {
	var bs string
	switch b := body.(type) {
	case string:
		bs = b
	case json.RawMessage:
		bs = string(b)
	default:
		panic("body")
	}
	sum := md5.Sum([]byte(bs))
	return sqsRecord{
		MessageID:     uuid(),
		ReceiptHandle: "AQEB" + strings.TrimRight(randB64(180), "="),
		Body:          body,
		Attributes: map[string]string{
			"ApproximateReceiveCount":          "1",
			"SentTimestamp":                    "1628099028913",
			"SenderId":                         sender,
			"ApproximateFirstReceiveTimestamp": "1628099028921",
		},
		MessageAttributes: map[string]any{},
		MD5OfBody:         hex.EncodeToString(sum[:]),
		EventSource:       "aws:sqs",
		EventSourceARN:    "arn:aws:sqs:us-west-2:111122223333:" + queue,
		AWSRegion:         region,
	}
}

type lambdaSNSRecord struct {
	EventSource          string
	EventVersion         string
	EventSubscriptionArn string
	Sns                  map[string]any
}

func lambdaSNS(msg any) lambdaSNSRecord {
	topic := "arn:aws:sns:us-west-2:111122223333:connect-contact-events"
	return lambdaSNSRecord{
		EventSource:          "aws:sns",
		EventVersion:         "1.0",
		EventSubscriptionArn: topic + ":" + uuid(),
		Sns: map[string]any{
			"Type":              "Notification",
			"MessageId":         uuid(),
			"TopicArn":          topic,
			"Subject":           nil,
			"Message":           msg,
			"Timestamp":         "2021-08-04T17:43:49.102Z",
			"SignatureVersion":  "1",
			"Signature":         randB64(256),
			"SigningCertUrl":    "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem",
			"UnsubscribeUrl":    "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic + ":" + uuid(),
			"MessageAttributes": map[string]any{},
		},
	}
}

type kinesisRecord struct {
	Kinesis           map[string]any `json:"kinesis"`
	EventSource       string         `json:"eventSource"`
	EventVersion      string         `json:"eventVersion"`
	EventID           string         `json:"eventID"`
	EventName         string         `json:"eventName"`
	InvokeIdentityArn string         `json:"invokeIdentityArn"`
	AWSRegion         string         `json:"awsRegion"`
	EventSourceARN    string         `json:"eventSourceARN"`
}

func kinesis(data string) kinesisRecord {
	seq := "4959" + digits(52)
	return kinesisRecord{
		Kinesis: map[string]any{
			"kinesisSchemaVersion":        "1.0",
			"partitionKey":                uuid(),
			"sequenceNumber":              seq,
			"data":                        data,
			"approximateArrivalTimestamp": 1628099029.262,
		},
		EventSource:       "aws:kinesis",
		EventVersion:      "1.0",
		EventID:           "shardId-000000000001:" + seq,
		EventName:         "aws:kinesis:record",
		InvokeIdentityArn: "arn:aws:iam::111122223333:role/connect-events-consumer",
		AWSRegion:         region,
		EventSourceARN:    "arn:aws:kinesis:us-west-2:111122223333:stream/connect-contact-events",
	}
}

type firehoseRecord struct {
	RecordID                    string `json:"recordId"`
	ApproximateArrivalTimestamp int64  `json:"approximateArrivalTimestamp"`
	Data                        any    `json:"data"`
}

type firehoseEvent struct {
	InvocationID      string           `json:"invocationId"`
	DeliveryStreamArn string           `json:"deliveryStreamArn"`
	Region            string           `json:"region"`
	Records           []firehoseRecord `json:"records"`
}

func firehose(recs ...any) firehoseEvent {
	ev := firehoseEvent{
		InvocationID:      uuid(),
		DeliveryStreamArn: "arn:aws:firehose:us-west-2:111122223333:deliverystream/connect-contact-events",
		Region:            region,
	}
	for _, d := range recs {
		ev.Records = append(ev.Records, firehoseRecord{
			RecordID:                    "4954698668313554428650745793632162567570019247" + digits(10),
			ApproximateArrivalTimestamp: 1628099029262,
			Data:                        d,
		})
	}
	return ev
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func main() {
	const (
		c1 = "a1b2c3d4-5678-90ab-cdef-111111111111"
		c2 = "a1b2c3d4-5678-90ab-cdef-222222222222"
		c3 = "a1b2c3d4-5678-90ab-cdef-333333333333"
		c4 = "a1b2c3d4-5678-90ab-cdef-444444444444"
	)
	queued := event("QUEUED", c1, "2021-08-04T17:43:48Z", false)
	connected := event("CONNECTED_TO_AGENT", c2, "2021-08-04T17:44:02Z", false)
	disconnected := event("DISCONNECTED", c3, "2021-08-04T17:51:20Z", false)
	replayed := event("INITIATED", c4, "2021-08-04T17:17:53Z", true)
	camel, pascal := detailCamel(), detailPascal()

	write("eventbridge.json", append(queued, '\n'))
	write("eventbridge_replay.json", append(replayed, '\n'))
	write("detail_camel.json", append(camel, '\n'))
	write("detail_pascal.json", append(pascal, '\n'))

	// SNS notification (also an SNS->SQS body with raw delivery off).
	write("sns.json", pretty(notification(compact(queued))))

	// Lambda from SQS (EventBridge rule target: the body is the event).
	const sender = "AIDAJXNJGGKNS7OSV23OI"
	write("lambda_sqs.json", pretty(map[string]any{"Records": []sqsRecord{
		sqs(string(compact(queued)), "connect-contact-events", sender),
		sqs(string(compact(connected)), "connect-contact-events", sender),
		sqs(string(compact(camel)), "connect-contact-events", sender),
	}}))

	// SNS -> SQS -> Lambda: each body is an SNS notification.
	snsSender := "AIDAIT2UOQQY3AUEKVGXU"
	write("lambda_sqs_sns.json", pretty(map[string]any{"Records": []sqsRecord{
		sqs(snsBody(notification(compact(queued))), "connect-contact-events-fanout", snsSender),
		sqs(snsBody(notification(compact(disconnected))), "connect-contact-events-fanout", snsSender),
	}}))

	// SQS batch with good and bad records.
	badSNS := notification(compact(connected))
	write("lambda_sqs_mixed.json", pretty(map[string]any{"Records": []any{
		sqs(string(compact(queued)), "connect-contact-events", sender),              // 0 good
		sqs("Contact QUEUED a1b2c3d4 (not JSON)", "connect-contact-events", sender), // 1 body not JSON
		sqs(string(compact(connected)), "connect-contact-events", sender),           // 2 good
		sqs(snsBody(struct { // 3 body is SNS, Message not a string
			Type, MessageId, TopicArn string
			Message                   json.RawMessage
		}{"Notification", badSNS.MessageId, badSNS.TopicArn, compact(connected)}), "connect-contact-events", sender),
		sqs(json.RawMessage(`42`), "connect-contact-events", sender),         // 4 body not a string
		sqs(string(compact(disconnected)), "connect-contact-events", sender), // 5 good
	}}))

	write("lambda_sns.json", pretty(map[string]any{"Records": []lambdaSNSRecord{
		lambdaSNS(string(compact(queued))),
		lambdaSNS(string(compact(pascal))),
	}}))
	write("lambda_sns_mixed.json", pretty(map[string]any{"Records": []lambdaSNSRecord{
		lambdaSNS(string(compact(queued))),
		lambdaSNS(json.RawMessage(compact(connected))), // Message is an object, not a string
		lambdaSNS(string(compact(disconnected))),
	}}))

	write("lambda_kinesis.json", pretty(map[string]any{"Records": []kinesisRecord{
		kinesis(b64(compact(queued))),
		kinesis(b64(compact(connected))),
	}}))
	write("lambda_kinesis_mixed.json", pretty(map[string]any{"Records": []kinesisRecord{
		kinesis(b64(compact(queued))),
		kinesis("eyJldmVudFR5cGUiOiJRVUVVRUQi!!not-base64!!"),               // bad base64
		kinesis(b64([]byte("QUEUED a1b2c3d4-5678-90ab-cdef-111111111111"))), // base64 of text
		kinesis(strings.TrimRight(b64(compact(disconnected)), "=")),         // unpadded: fine
	}}))

	write("firehose.json", pretty(firehose(b64(append(compact(queued), '\n')), b64(compact(connected)))))
	write("firehose_mixed.json", pretty(firehose(
		b64(compact(queued)),
		"%%%%",                                // bad base64
		json.RawMessage(`{"not":"a string"}`), // data not a string
		b64(compact(disconnected)),
	)))

	// A JSON array of events, as a test fixture or a batch export would hold.
	var arr bytes.Buffer
	arr.WriteString("[\n")
	for i, e := range [][]byte{queued, connected, camel} {
		if i > 0 {
			arr.WriteString(",\n")
		}
		arr.Write(e)
	}
	arr.WriteString("\n]\n")
	write("array.json", arr.Bytes())

	// NDJSON: one event per line (events.ndjson) and Firehose-to-S3 style
	// concatenated events (concatenated.json).
	var nd, cc bytes.Buffer
	for _, e := range [][]byte{queued, connected, disconnected, replayed} {
		nd.Write(compact(e))
		nd.WriteByte('\n')
		cc.Write(compact(e))
	}
	write("events.ndjson", nd.Bytes())
	write("concatenated.json", cc.Bytes())

	// Messy NDJSON: CRLF line ends, blank lines, a truncated line, a line of
	// junk, then trailing garbage.
	var messy bytes.Buffer
	q := compact(queued)
	messy.Write(compact(queued))
	messy.WriteString("\r\n\r\n")
	messy.Write(compact(connected))
	messy.WriteString("\r\n")
	messy.Write(q[:len(q)/2]) // truncated line
	messy.WriteString("\r\n")
	messy.WriteString("   \t\r\n")
	messy.Write(compact(disconnected))
	messy.WriteString("\r\n")
	messy.WriteString("this line is not JSON\r\n")
	messy.Write(compact(camel))
	messy.WriteString("\r\n")
	messy.WriteString("}} trailing garbage")
	write("messy.ndjson", messy.Bytes())

	// Payloads that are not contact events, for Describe.
	write("contact_flow_event.json", []byte(fmt.Sprintf(`{
  "Details": {
    "ContactData": {
      "Attributes": {},
      "Channel": "VOICE",
      "ContactId": "%s",
      "CustomerEndpoint": {"Address": "+14255550123", "Type": "TELEPHONE_NUMBER"},
      "InitialContactId": "%s",
      "InitiationMethod": "INBOUND",
      "InstanceARN": "%s",
      "PreviousContactId": "%s",
      "Queue": null,
      "SystemEndpoint": {"Address": "+14255550100", "Type": "TELEPHONE_NUMBER"}
    },
    "Parameters": {"sentAttributeKey": "sentAttributeValue"}
  },
  "Name": "ContactFlowEvent"
}
`, c1, c1, instance, c1)))
	write("ctr.json", []byte(fmt.Sprintf(`{
  "AWSAccountId": "%s",
  "AWSContactTraceRecordFormatVersion": "2017-03-10",
  "Agent": null,
  "Channel": "VOICE",
  "ContactId": "%s",
  "InitiationMethod": "INBOUND",
  "InitiationTimestamp": "2021-08-04T17:17:53Z",
  "InstanceARN": "%s",
  "DisconnectTimestamp": "2021-08-04T17:51:20Z",
  "Queue": {"ARN": "%s/queue/aaaaaaaa-bbbb-cccc-dddd-222222222222", "Name": "BasicQueue"}
}
`, account, c1, instance, instance)))
	write("ec2_event.json", []byte(`{
  "version": "0",
  "id": "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  "source": "aws.ec2",
  "account": "111122223333",
  "time": "2021-08-04T17:43:48Z",
  "region": "us-west-2",
  "resources": ["arn:aws:ec2:us-west-2:111122223333:instance/i-0123456789abcdef0"],
  "detail": {"instance-id": "i-0123456789abcdef0", "state": "running"}
}
`))
}
