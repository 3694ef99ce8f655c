package contacteventstest

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"time"
)

// The payloads the services around EventBridge deliver, with the events
// (or any bytes: an invalid event for a negative test) inside them, as a
// consumer receives them: a Lambda SQS batch, an SNS notification (SNS to
// SQS, raw message delivery off, or an HTTP subscription), a Lambda SNS
// event, a Lambda Kinesis batch and a Firehose transformation event. Each
// builder returns the identifiers of the records in order (SQS messageId,
// SNS MessageId, Kinesis eventID, Firehose recordId), the IDs that
// contactevents.RecordError and BatchItemFailures name. The IDs, times
// and ARNs are fixed by the records' position and content, so that the same
// call gives the same payload; the shapes are those of aws-lambda-go's
// events types (not imported: a test helper must not add a dependency).

// deliveredAt is the time the builders give their records: the envelope
// time of an event built with the defaults is in the same week.
var deliveredAt = time.Date(2024, time.May, 6, 15, 30, 0, 0, time.UTC)

// recordID is a UUID-shaped identifier, fixed by the record's kind, its
// position and its content.
func recordID(kind string, i int, body []byte) string {
	h := fnv.New128a()
	fmt.Fprintf(h, "%s/%d/", kind, i)
	h.Write(body)
	b := h.Sum(nil)
	b[6] = b[6]&0x0f | 0x40 // version 4, as AWS's IDs
	b[8] = b[8]&0x3f | 0x80
	x := hex.EncodeToString(b)
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]
}

// mustJSON encodes v as compact JSON, without encoding/json's HTML
// escaping (AWS's payloads write & and < as they are).
func mustJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("contacteventstest: " + err.Error()) // only this file's own types
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

const (
	queueARN  = "arn:aws:sqs:" + Region + ":" + Account + ":contact-events"
	topicARN  = "arn:aws:sns:" + Region + ":" + Account + ":contact-events"
	streamARN = "arn:aws:kinesis:" + Region + ":" + Account + ":stream/contact-events"
	firehose  = "arn:aws:firehose:" + Region + ":" + Account + ":deliverystream/contact-events"
)

type sqsMessage struct {
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

// SQSBatch returns the Lambda SQS event for a queue that receives the
// given bodies (each an EventBridge event, as an EventBridge rule with an
// SQS target delivers it, or an SNS notification), and their messageIds.
func SQSBatch(bodies ...[]byte) (payload []byte, messageIDs []string) {
	records := make([]sqsMessage, len(bodies))
	for i, body := range bodies {
		id := recordID("sqs", i, body)
		sum := md5.Sum(body)
		sent := deliveredAt.Add(time.Duration(i) * time.Millisecond).UnixMilli()
		records[i] = sqsMessage{
			MessageID:     id,
			ReceiptHandle: base64.StdEncoding.EncodeToString([]byte("receipt/" + id)),
			Body:          string(body),
			Attributes: map[string]string{
				"ApproximateReceiveCount":          "1",
				"SentTimestamp":                    fmt.Sprint(sent),
				"SenderId":                         "AIDAIENQZJOLO23YVJ4VO",
				"ApproximateFirstReceiveTimestamp": fmt.Sprint(sent + 5),
			},
			MessageAttributes: map[string]any{},
			MD5OfBody:         hex.EncodeToString(sum[:]),
			EventSource:       "aws:sqs",
			EventSourceARN:    queueARN,
			AWSRegion:         Region,
		}
		messageIDs = append(messageIDs, id)
	}
	return mustJSON(map[string]any{"Records": records}), messageIDs
}

type snsNotification struct {
	Type             string `json:"Type"`
	MessageID        string `json:"MessageId"`
	TopicARN         string `json:"TopicArn"`
	Subject          string `json:"Subject,omitempty"`
	Message          string `json:"Message"`
	Timestamp        string `json:"Timestamp"`
	SignatureVersion string `json:"SignatureVersion"`
	Signature        string `json:"Signature"`
	SigningCertURL   string `json:"SigningCertURL"`
	UnsubscribeURL   string `json:"UnsubscribeURL"`
}

func notification(i int, message []byte) snsNotification {
	id := recordID("sns", i, message)
	return snsNotification{
		Type:             "Notification",
		MessageID:        id,
		TopicARN:         topicARN,
		Message:          string(message),
		Timestamp:        deliveredAt.Add(time.Duration(i) * time.Millisecond).Format("2006-01-02T15:04:05.000Z"),
		SignatureVersion: "1",
		Signature:        base64.StdEncoding.EncodeToString([]byte("signature/" + id)),
		SigningCertURL:   "https://sns." + Region + ".amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
		UnsubscribeURL:   "https://sns." + Region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topicARN + ":" + id,
	}
}

// SNSNotification returns the SNS notification of a topic that publishes
// message (an EventBridge event, as an EventBridge rule with an SNS target
// sends it): what an SQS queue subscribed with raw message delivery off
// receives as its body, or an HTTP endpoint as its request. It returns the
// notification's MessageId too.
func SNSNotification(message []byte) (payload []byte, messageID string) {
	n := notification(0, message)
	return mustJSON(n), n.MessageID
}

// SNSToSQS returns the Lambda SQS event of a queue subscribed to a topic
// (raw message delivery off) that published the messages: each SQS body is
// an SNS notification. The IDs are the SQS messageIds, the ones a partial
// batch response names.
func SNSToSQS(messages ...[]byte) (payload []byte, messageIDs []string) {
	bodies := make([][]byte, len(messages))
	for i, m := range messages {
		bodies[i] = mustJSON(notification(i, m))
	}
	return SQSBatch(bodies...)
}

// LambdaSNS returns the Lambda SNS event of a function subscribed to a
// topic that published the messages, and their SNS MessageIds.
func LambdaSNS(messages ...[]byte) (payload []byte, messageIDs []string) {
	type record struct {
		EventSource          string          `json:"EventSource"`
		EventVersion         string          `json:"EventVersion"`
		EventSubscriptionARN string          `json:"EventSubscriptionArn"`
		SNS                  snsNotification `json:"Sns"`
	}
	records := make([]record, len(messages))
	for i, m := range messages {
		n := notification(i, m)
		records[i] = record{"aws:sns", "1.0", topicARN + ":" + recordID("subscription", 0, nil), n}
		messageIDs = append(messageIDs, n.MessageID)
	}
	return mustJSON(map[string]any{"Records": records}), messageIDs
}

// KinesisRecords returns the Lambda Kinesis event of a stream that holds
// the events (base64-encoded data, as Amazon Connect's data streaming or a
// producer writes them), and their eventIDs (shard and sequence number).
func KinesisRecords(events ...[]byte) (payload []byte, eventIDs []string) {
	type kinesis struct {
		KinesisSchemaVersion string  `json:"kinesisSchemaVersion"`
		PartitionKey         string  `json:"partitionKey"`
		SequenceNumber       string  `json:"sequenceNumber"`
		Data                 string  `json:"data"`
		ApproximateArrival   float64 `json:"approximateArrivalTimestamp"`
	}
	type record struct {
		Kinesis           kinesis `json:"kinesis"`
		EventSource       string  `json:"eventSource"`
		EventVersion      string  `json:"eventVersion"`
		EventID           string  `json:"eventID"`
		EventName         string  `json:"eventName"`
		InvokeIdentityARN string  `json:"invokeIdentityArn"`
		AWSRegion         string  `json:"awsRegion"`
		EventSourceARN    string  `json:"eventSourceARN"`
	}
	records := make([]record, len(events))
	for i, e := range events {
		// A Kinesis sequence number is 56 decimal digits, growing.
		seq := fmt.Sprintf("495451152434909850182800677149731445821800625932442%05d", i+1)
		id := "shardId-000000000000:" + seq
		at := deliveredAt.Add(time.Duration(i) * time.Millisecond)
		records[i] = record{
			Kinesis: kinesis{"1.0", recordID("partition", i, e), seq, base64.StdEncoding.EncodeToString(e),
				float64(at.UnixMilli()) / 1000},
			EventSource:       "aws:kinesis",
			EventVersion:      "1.0",
			EventID:           id,
			EventName:         "aws:kinesis:record",
			InvokeIdentityARN: "arn:aws:iam::" + Account + ":role/contact-events-consumer",
			AWSRegion:         Region,
			EventSourceARN:    streamARN,
		}
		eventIDs = append(eventIDs, id)
	}
	return mustJSON(map[string]any{"Records": records}), eventIDs
}

// FirehoseRecords returns the Firehose data transformation event of a
// delivery stream that received the events (base64-encoded data), and
// their recordIds, which the transformation's response must return.
func FirehoseRecords(events ...[]byte) (payload []byte, recordIDs []string) {
	type record struct {
		RecordID           string `json:"recordId"`
		ApproximateArrival int64  `json:"approximateArrivalTimestamp"`
		Data               string `json:"data"`
	}
	records := make([]record, len(events))
	for i, e := range events {
		// Firehose's record IDs are long opaque tokens; 112 characters here.
		token := recordID("firehose", i, e) + recordID("firehose", -i, e) + recordID("firehose", i+1, e)
		id := base64.RawURLEncoding.EncodeToString([]byte(token))[:112]
		records[i] = record{id, deliveredAt.Add(time.Duration(i) * time.Millisecond).UnixMilli(), base64.StdEncoding.EncodeToString(e)}
		recordIDs = append(recordIDs, id)
	}
	return mustJSON(map[string]any{
		"invocationId":      recordID("invocation", 0, nil),
		"deliveryStreamArn": firehose,
		"region":            Region,
		"records":           records,
	}), recordIDs
}
