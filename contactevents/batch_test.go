package contactevents_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/connectevents/sdk-go/contactevents"
)

// The README's SQS handler (sqsHandler, example_sqs_test.go) driven with
// batches Lambda may send, built with aws-lambda-go's own types: a failure
// that names no message must fail the invocation, never come back as a
// partial batch response, which would tell Lambda to delete every message.
func TestSQSHandlerFailsTheInvocationWhenAFailureNamesNoMessage(t *testing.T) {
	good := events.SQSMessage{MessageId: "059f36b4-87a3-44ab-83d2-661975830a7d", Body: queuedEvent, EventSource: "aws:sqs"}
	marshal := func(msgs ...events.SQSMessage) []byte {
		b, err := json.Marshal(events.SQSEvent{Records: msgs})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	whole := marshal(good, events.SQSMessage{MessageId: "2e1424d4-f796-459a-8184-9c92662be6da", Body: queuedEvent, EventSource: "aws:sqs"})
	for name, batch := range map[string][]byte{
		"body {} without messageId":     marshal(good, events.SQSMessage{Body: `{}`, EventSource: "aws:sqs"}),
		"truncated batch":               whole[:len(whole)/2],
		"batch without its closing }":   whole[:len(whole)-1],
		"not JSON":                      []byte("Records"),
		"broken body without messageId": marshal(events.SQSMessage{Body: `{"detail":`, EventSource: "aws:sqs"}),
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := sqsHandler(context.Background(), batch)
			if err == nil {
				t.Fatalf("sqsHandler = %+v, nil: the invocation succeeds and Lambda deletes the batch", resp)
			}
			if !errors.Is(err, contactevents.ErrBatchNotReportable) {
				t.Errorf("error %v does not wrap ErrBatchNotReportable", err)
			}
			var re *contactevents.RecordError
			if !errors.As(err, &re) {
				t.Errorf("error %v does not wrap the record's *RecordError", err)
			}
		})
	}
	t.Run("every failure names its message", func(t *testing.T) {
		batch := marshal(good, events.SQSMessage{MessageId: "m-2", Body: `{}`, EventSource: "aws:sqs"}, events.SQSMessage{MessageId: "m-3", Body: `{"detail":`, EventSource: "aws:sqs"})
		resp, err := sqsHandler(context.Background(), batch)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(resp)
		if want := `{"batchItemFailures":[{"itemIdentifier":"m-2"},{"itemIdentifier":"m-3"}]}`; string(b) != want {
			t.Errorf("response %s, want %s", b, want)
		}
	})
}

// BatchItemFailures with no failure is an empty list (not null) and no
// error: the whole batch succeeded.
func TestBatchItemFailuresOfNoFailureIsAnEmptyList(t *testing.T) {
	resp, err := contactevents.BatchItemFailures(nil)
	b, _ := json.Marshal(resp)
	if err != nil || string(b) != `{"batchItemFailures":[]}` {
		t.Errorf("BatchItemFailures(nil) = %s, %v", b, err)
	}
	if _, err := contactevents.BatchItemFailures([]error{errors.New("read: connection reset")}); !errors.Is(err, contactevents.ErrBatchNotReportable) {
		t.Errorf("a non-record error gives %v, want ErrBatchNotReportable", err)
	}
}

// The README shows sqsHandler as example_sqs_test.go runs it.
func TestREADMEShowsTheSQSHandlerOfTheExample(t *testing.T) {
	src, err := os.ReadFile("example_sqs_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	start := strings.Index(s, "func sqsHandler(")
	end := strings.Index(s[start:], "\n}\n") + start + 3
	if start < 0 || !strings.Contains(string(readme), s[start:end]) {
		t.Errorf("README.md does not show sqsHandler as in example_sqs_test.go:\n%s", s[start:end])
	}
}
