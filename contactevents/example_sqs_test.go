package contactevents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/connectevents/sdk-go/contactevents"
)

// sqsHandler is the README's handler behind an SQS queue (with
// ReportBatchItemFailures): lambda.Start(sqsHandler).
func sqsHandler(ctx context.Context, raw json.RawMessage) (contactevents.BatchResponse, error) {
	var failed []error
	for ev, err := range contactevents.NewDecoder(bytes.NewReader(raw)).All() {
		if err != nil {
			failed = append(failed, err) // a *RecordError naming the messageId, or the batch's own error
			continue
		}
		processContactEvent(ev)
	}
	// A failure that names no message (a body without a messageId, a
	// truncated batch) is an error: the invocation fails and Lambda retries
	// the whole batch instead of deleting it.
	return contactevents.BatchItemFailures(failed)
}

func processContactEvent(ev *contactevents.Event) {
	fmt.Println("processed", ev.Detail.EventType, ev.Detail.ContactID)
}

// The SQS handler of the README, given the batch Lambda sends (built with
// aws-lambda-go's types): the second message is not a contact event, so it
// is the one to retry.
func Example_lambdaSQSHandler() {
	batch, _ := json.Marshal(events.SQSEvent{Records: []events.SQSMessage{
		{MessageId: "059f36b4-87a3-44ab-83d2-661975830a7d", Body: queuedEvent, EventSource: "aws:sqs"},
		{MessageId: "2e1424d4-f796-459a-8184-9c92662be6da", Body: `{"detail":{}}`, EventSource: "aws:sqs"},
	}})
	resp, err := sqsHandler(context.Background(), batch)
	fmt.Printf("%+v %v\n", resp, err)

	// A message without a messageId cannot be retried alone: the whole
	// invocation fails.
	batch, _ = json.Marshal(events.SQSEvent{Records: []events.SQSMessage{{Body: `{}`, EventSource: "aws:sqs"}}})
	_, err = sqsHandler(context.Background(), batch)
	fmt.Println(strings.SplitN(err.Error(), ": record", 2)[0])
	// Output:
	// processed QUEUED 6ca32fbd-8f92-46af-92a5-6b0f970f0efe
	// {BatchItemFailures:[{ItemIdentifier:2e1424d4-f796-459a-8184-9c92662be6da}]} <nil>
	// contactevents: a failure of the batch names no message to retry; fail the whole invocation
}
