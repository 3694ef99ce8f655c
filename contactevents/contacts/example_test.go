package contacts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// state is what a warm Lambda execution environment keeps between
// invocations: the contacts seen so far.
var state = contacts.New()

// handler is a Lambda function behind an SQS queue (partial batch
// responses on). It folds the batch into a tracker of its own and merges it
// into the state: SQS delivers at least once and retries failed batches, and
// merging the same events twice changes no fact (it counts the duplicates),
// so a retried batch is safe. Contacts complete for 5 minutes, or idle for
// a day, of event time, are published and forgotten.
func handler(ctx context.Context, raw json.RawMessage) (contactevents.BatchResponse, error) {
	batch := contacts.New()
	var failed []error
	for ev, err := range contactevents.NewDecoder(bytes.NewReader(raw)).All() {
		if err != nil {
			failed = append(failed, err) // a *RecordError naming the messageId
			continue
		}
		batch.Add(ev)
	}
	state.Merge(batch) // even if Lambda retries the batch: merging it again changes no fact
	for _, s := range state.Evict(5*time.Minute, 24*time.Hour) {
		publish(s)
	}
	return contactevents.BatchItemFailures(failed)
}

func publish(s contacts.Summary) {
	fmt.Printf("%s %s queue wait %v, handle %v, ACW %v, abandoned %v, %d events, %d duplicates\n",
		s.Channel, s.State, *s.QueueWait, *s.Handle, *s.AfterContactWork, s.Abandoned, s.Events, s.Duplicates)
}

// sqsBatch returns a Lambda SQS event whose records are the events.
func sqsBatch(events ...*contactevents.Event) json.RawMessage {
	type record struct {
		MessageID   string `json:"messageId"`
		Body        string `json:"body"`
		EventSource string `json:"eventSource"`
	}
	var b struct {
		Records []record `json:"Records"`
	}
	for i, ev := range events {
		b.Records = append(b.Records, record{strconv.Itoa(i), string(contacteventstest.Payload(ev)), "aws:sqs"})
	}
	raw, _ := json.Marshal(b)
	return raw
}

// Example_lambda keeps a tracker between the invocations of a Lambda
// function: a chat whose events come in two batches out of order, the
// second delivered twice, then another contact's event an hour later, by
// which time the chat is published.
func Example_lambda() {
	chat := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelChat, 7)
	// INITIATED, QUEUED, CONNECTED_TO_AGENT, DISCONNECTED, COMPLETED
	first := sqsBatch(chat[4], chat[0]) // COMPLETED before INITIATED
	second := sqsBatch(chat[2], chat[1], chat[3])
	later := contacteventstest.NewEvent(contactevents.EventTypeInitiated, contacteventstest.WithSeed(8),
		contacteventstest.WithTime(chat[4].Time.Time().Add(time.Hour)))

	ctx := context.Background()
	handler(ctx, first)
	handler(ctx, second)
	handler(ctx, second) // redelivered
	fmt.Println("contacts held:", state.Len())
	handler(ctx, sqsBatch(later))
	fmt.Println("contacts held:", state.Len())
	// Output:
	// contacts held: 1
	// CHAT COMPLETED queue wait 1m26.284s, handle 10m1.117s, ACW 2m39s, abandoned false, 5 events, 3 duplicates
	// contacts held: 1
}
