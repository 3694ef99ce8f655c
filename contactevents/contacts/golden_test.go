package contacts_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacts"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares the summaries of t, one JSON object a line, with
// testdata/name (rewritten with -update).
func golden(t *testing.T, name string, tr *contacts.Tracker) []contacts.Summary {
	t.Helper()
	sums := tr.Summaries()
	var b bytes.Buffer
	for _, s := range sums {
		line, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s differs (go test -update rewrites it):\n got:\n%s\nwant:\n%s", path, b.Bytes(), want)
	}
	return sums
}

func byID(t *testing.T, sums []contacts.Summary, id string) contacts.Summary {
	t.Helper()
	for _, s := range sums {
		if s.ContactID == id {
			return s
		}
	}
	t.Fatalf("no contact %s", id)
	return contacts.Summary{}
}

func millis(d *time.Duration) int64 {
	if d == nil {
		return -1
	}
	return d.Milliseconds()
}

// TestGoldenSamples folds the 8 documented sample events (repaired), as the
// pages publish them: they are three contacts, and their facts disagree.
func TestGoldenSamples(t *testing.T) {
	tr := contacts.New()
	for _, s := range samples.Events() {
		ev, err := contactevents.Parse(s.Repaired)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		tr.Add(ev)
	}
	sums := golden(t, "samples.jsonl", tr)

	// 11111111-...: samples 01 (older page, bare CONNECTED_TO_AGENT), 02
	// (older DISCONNECTED), 03 (current CONNECTED_TO_AGENT) and 04
	// (current DISCONNECTED). Every one says enqueued at 17:29:04.000 and
	// connected to the agent at 17:29:09.000: queue wait 5 s = 5000 ms.
	// 02 and 04 say disconnected at 17:18:37.000, 10 min 32 s before the
	// agent answered: no interaction time (a conflict of order), so no
	// handle time. 04 says OUTBOUND where the others say INBOUND, and
	// "arn" for the agent; 02 and 03 share an event id with two contents.
	s := byID(t, sums, "11111111-1111-1111-1111-111111111111")
	if millis(s.QueueWait) != 5000 || s.AgentInteractionAndHold != nil || s.Handle != nil || s.InitiationMethod != "" || s.State != contactevents.EventTypeDisconnected {
		t.Errorf("11111111: %+v", s)
	}
	// 12345678-...: 06 and 08 (CONNECTED_TO_AGENT, VOICE, enqueued
	// 17:29:04, connected 17:29:09) and 07 (CONTACT_DATA_UPDATED, CHAT,
	// enqueued 2023-11-01T18:33:03.062Z in another queue). 06 and 08 differ
	// only in routing criteria, which the fold does not read: one event and
	// a duplicate. The enqueue times disagree, so no queue wait.
	s = byID(t, sums, "12345678-1234-1234-1234-123456789012")
	if s.QueueWait != nil || s.Channel != "" || s.Events != 2 || s.Duplicates != 1 || s.State != contactevents.EventTypeConnectedToAgent {
		t.Errorf("12345678: %+v", s)
	}
	// "the contact ID" (05, CONTACT_DATA_UPDATED): queued at
	// 02:39:15.240, its connectedToAgentTimestamp the not-set sentinel, no
	// lifecycle event: no state, no duration, not abandoned (not
	// disconnected).
	s = byID(t, sums, "the contact ID")
	if s.State != "" || s.QueueWait != nil || !s.ConnectedToAgent.IsZero() || s.Abandoned {
		t.Errorf("the contact ID: %+v", s)
	}
}

// readLatest parses an event of contactevents/testdata/latest, constructed
// from the latest page's data model.
func readLatest(t *testing.T, name string) *contactevents.Event {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "latest", name))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := contactevents.Parse(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

// derive returns an earlier event of the contact of ev: another type and
// id, its envelope time at, changed by edit.
func derive(ev *contactevents.Event, et contactevents.EventType, id string, at time.Time, edit func(*contactevents.ContactEvent)) *contactevents.Event {
	d := *ev
	d.ID = id
	d.Time = contactevents.NewTimestampDigits(at, 0)
	d.Detail.EventType = et
	if ev.Detail.AgentInfo != nil {
		a := *ev.Detail.AgentInfo
		d.Detail.AgentInfo = &a
	}
	edit(&d.Detail)
	return &d
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestGoldenLatest folds the latest page's constructed events, two of them
// grown into lifecycles: the COMPLETED chat gets its INITIATED, QUEUED,
// CONNECTED_TO_AGENT and DISCONNECTED events (and its COMPLETED event is
// delivered twice, the copy last), the QUEUED call a DISCONNECTED event
// before an agent answered.
func TestGoldenLatest(t *testing.T) {
	tr := contacts.New()
	for _, name := range []string{"campaign-preview.json", "email-agent-reply.json", "recordings-evaluations.json", "task-contact-details.json"} {
		tr.Add(readLatest(t, name))
	}

	// The chat: initiated 07:30:00.000, connected to the agent 07:31:00.000,
	// disconnected 07:40:00.000, after-contact work 07:40:00.000 to
	// 07:42:00.000 (afterContactWorkDuration 120). The QUEUED event built
	// here says it was enqueued at 07:30:20.000.
	chat := readLatest(t, "completed-chat-acw.json")
	queue := &contactevents.QueueInfo{QueueARN: "arn:aws:connect:us-west-2:111122223333:instance/i-1/queue/q-chat",
		EnqueueTimestamp: contactevents.NewTimestamp(ts("2026-11-21T07:30:20.000Z"))}
	noAgent := func(c *contactevents.ContactEvent) {
		c.AgentInfo, c.DisconnectTimestamp, c.ChatMetrics = nil, contactevents.Timestamp{}, nil
	}
	withQueue := func(c *contactevents.ContactEvent) { q := *queue; c.QueueInfo = &q }
	noACW := func(c *contactevents.ContactEvent) {
		c.AgentInfo.AfterContactWorkStartTimestamp, c.AgentInfo.AfterContactWorkEndTimestamp = contactevents.Timestamp{}, contactevents.Timestamp{}
		c.AgentInfo.AfterContactWorkDuration = nil
		c.ChatMetrics = nil
	}
	chatEvents := []*contactevents.Event{
		derive(chat, contactevents.EventTypeInitiated, "6f0c3a56-0000-4000-8000-0000000000a1", ts("2026-11-21T07:30:00Z"), noAgent),
		derive(chat, contactevents.EventTypeQueued, "6f0c3a56-0000-4000-8000-0000000000a2", ts("2026-11-21T07:30:20Z"),
			func(c *contactevents.ContactEvent) { noAgent(c); withQueue(c) }),
		derive(chat, contactevents.EventTypeConnectedToAgent, "6f0c3a56-0000-4000-8000-0000000000a3", ts("2026-11-21T07:31:00Z"),
			func(c *contactevents.ContactEvent) {
				noACW(c)
				c.DisconnectTimestamp = contactevents.Timestamp{}
				withQueue(c)
			}),
		derive(chat, contactevents.EventTypeDisconnected, "6f0c3a56-0000-4000-8000-0000000000a4", ts("2026-11-21T07:40:00Z"),
			func(c *contactevents.ContactEvent) { noACW(c); withQueue(c) }),
	}
	// Delivered out of order: COMPLETED first, then the others backwards,
	// then COMPLETED again.
	tr.Add(chat)
	for i := len(chatEvents) - 1; i >= 0; i-- {
		tr.Add(chatEvents[i])
	}
	tr.Add(chat)

	// The call queued at 07:42:50.000; the DISCONNECTED built here says
	// the customer left at 07:43:20.000, no agent having answered.
	routing := readLatest(t, "routing-range.json")
	tr.Add(derive(routing, contactevents.EventTypeDisconnected, "6f0c3a56-0000-4000-8000-0000000000b1", ts("2026-11-21T07:43:21Z"),
		func(c *contactevents.ContactEvent) {
			c.DisconnectTimestamp = contactevents.NewTimestamp(ts("2026-11-21T07:43:20.000Z"))
		}))
	tr.Add(routing)

	sums := golden(t, "latest.jsonl", tr)

	// The chat, by hand:
	//   queue wait: 07:31:00.000 - 07:30:20.000 = 40 s = 40 000 ms
	//   interaction and hold: 07:40:00.000 - 07:31:00.000 = 9 min = 540 000 ms
	//   after-contact work: 07:42:00.000 - 07:40:00.000 = 2 min = 120 000 ms (the duration says 120 s too)
	//   handle: 540 000 + 120 000 = 660 000 ms
	//   5 distinct events, 1 duplicate (the second COMPLETED), COMPLETED at 07:42:00.000.
	s := byID(t, sums, "c-chat-1")
	if millis(s.QueueWait) != 40000 || millis(s.AgentInteractionAndHold) != 540000 || millis(s.AfterContactWork) != 120000 ||
		millis(s.Handle) != 660000 || s.Events != 5 || s.Duplicates != 1 || !s.Complete || !s.StateTime.Equal(ts("2026-11-21T07:42:00Z")) {
		t.Errorf("c-chat-1: %+v", s)
	}
	// The call: abandoned after 07:43:20.000 - 07:42:50.000 = 30 s = 30 000 ms in queue.
	s = byID(t, sums, "c-routing-1")
	if !s.Abandoned || millis(s.QueueWait) != 30000 || s.State != contactevents.EventTypeDisconnected {
		t.Errorf("c-routing-1: %+v", s)
	}
	// The preview call an agent discarded (OUTBUND_PREVIEW_DISCARDED): it
	// has acceptedByAgentTimestamp but no connectedToAgentTimestamp, so no
	// interaction time; never queued, so neither a queue wait nor abandoned.
	s = byID(t, sums, "c-campaign-1")
	if s.QueueWait != nil || s.AgentInteractionAndHold != nil || s.Abandoned || s.DisconnectReason != contactevents.DisconnectReasonOutbundPreviewDiscarded {
		t.Errorf("c-campaign-1: %+v", s)
	}
	// The email reply (INITIATED only), the voice call and the task
	// (DISCONNECTED only, without agent timestamps): their state and times,
	// no duration.
	for _, id := range []string{"c-email-1", "c-voice-1", "c-task-1"} {
		if s := byID(t, sums, id); s.QueueWait != nil || s.Handle != nil || s.AgentInteractionAndHold != nil {
			t.Errorf("%s: %+v", id, s)
		}
	}
}
