package contacteventstest_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// TestPayloads: every builder's payload is what the SDK reads in that
// format, with the events inside and the IDs it returns.
func TestPayloads(t *testing.T) {
	queued := contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithSeed(1)))
	connected := contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeConnectedToAgent, contacteventstest.WithSeed(1)))
	events := [][]byte{queued, connected}
	type build func(...[]byte) ([]byte, []string)
	for _, c := range []struct {
		name   string
		build  build
		format contactevents.Format
	}{
		{"SQSBatch", contacteventstest.SQSBatch, contactevents.FormatLambdaSQS},
		{"SNSToSQS", contacteventstest.SNSToSQS, contactevents.FormatLambdaSQS},
		{"LambdaSNS", contacteventstest.LambdaSNS, contactevents.FormatLambdaSNS},
		{"KinesisRecords", contacteventstest.KinesisRecords, contactevents.FormatLambdaKinesis},
		{"FirehoseRecords", contacteventstest.FirehoseRecords, contactevents.FormatFirehose},
	} {
		t.Run(c.name, func(t *testing.T) {
			payload, ids := c.build(events...)
			if f, _ := contactevents.DetectFormat(payload); f != c.format {
				t.Errorf("detected as %q, want %q", f, c.format)
			}
			if again, _ := c.build(events...); !bytes.Equal(again, payload) {
				t.Error("two calls give different payloads")
			}
			var gotIDs []string
			i := 0
			for rec, err := range contactevents.NewDecoder(bytes.NewReader(payload), contactevents.WithProfile(contactevents.Strict)).Records() {
				if err != nil {
					t.Fatalf("record %d: %v", i, err)
				}
				gotIDs = append(gotIDs, rec.ID)
				if got := contacteventstest.Payload(rec.Event); !bytes.Equal(got, events[i]) {
					t.Errorf("record %d is\n%s\nwant\n%s", i, got, events[i])
				}
				i++
			}
			if !slices.Equal(gotIDs, ids) || len(ids) != len(events) || ids[0] == ids[1] {
				t.Errorf("IDs %q, the SDK read %q", ids, gotIDs)
			}
			// An invalid record is named by its ID, for a partial batch response.
			payload, ids = c.build(queued, []byte(`{"eventType":"QUEUED"}`))
			var re *contactevents.RecordError
			for _, err := range contactevents.NewDecoder(bytes.NewReader(payload)).All() {
				if err != nil && !errors.As(err, &re) {
					t.Fatalf("not a *RecordError: %v", err)
				}
			}
			if re == nil || re.ID != ids[1] {
				t.Errorf("the invalid record's error %v, want ID %s", re, ids[1])
			}
		})
	}
	payload, id := contacteventstest.SNSNotification(queued)
	ev, err := contactevents.Parse(payload, contactevents.WithProfile(contactevents.Strict))
	if err != nil || !bytes.Equal(contacteventstest.Payload(ev), queued) || id == "" {
		t.Errorf("SNSNotification: %v, id %q", err, id)
	}
}

func TestWithQueueAndAgentARN(t *testing.T) {
	const queue = "arn:aws:connect:us-west-2:123456789012:instance/i-1/queue/billing"
	const agent = "arn:aws:connect:us-west-2:123456789012:instance/i-1/agent/alice"
	ev := contacteventstest.NewEvent(contactevents.EventTypeConnectedToAgent,
		contacteventstest.WithQueueARN(queue), contacteventstest.WithAgentARN(agent))
	if ev.Detail.QueueInfo == nil || ev.Detail.QueueInfo.QueueARN != queue || ev.Detail.AgentInfo == nil || ev.Detail.AgentInfo.AgentARN != agent {
		t.Errorf("queueInfo %+v, agentInfo %+v", ev.Detail.QueueInfo, ev.Detail.AgentInfo)
	}
	contacteventstest.AssertValid(t, contacteventstest.Payload(ev), contactevents.WithProfile(contactevents.Strict))
	// Before the contact is queued there is no queueInfo to set.
	if ev := contacteventstest.NewEvent(contactevents.EventTypeInitiated, contacteventstest.WithQueueARN(queue)); ev.Detail.QueueInfo != nil {
		t.Errorf("INITIATED has queueInfo %+v", ev.Detail.QueueInfo)
	}
}
