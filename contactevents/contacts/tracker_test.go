package contacts_test

import (
	"slices"
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

func only(t *testing.T, tr *contacts.Tracker) contacts.Summary {
	t.Helper()
	s := tr.Summaries()
	if len(s) != 1 {
		t.Fatalf("%d contacts, want 1", len(s))
	}
	return s[0]
}

// TestMissingEventsNotInvented: a contact missing DISCONNECTED or COMPLETED
// is summarised as far as its events go.
func TestMissingEventsNotInvented(t *testing.T) {
	evs := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelVoice, 3)

	s := only(t, feed(contacteventstest.Without(evs, contactevents.EventTypeDisconnected, contactevents.EventTypeCompleted)))
	if s.State != contactevents.EventTypeConnectedToAgent || !s.Disconnected.IsZero() || s.AgentInteractionAndHold != nil ||
		s.AfterContactWork != nil || s.Handle != nil || s.Complete || s.Abandoned || s.QueueWait == nil {
		t.Errorf("without DISCONNECTED and COMPLETED: %+v", s)
	}

	s = only(t, feed(contacteventstest.Without(evs, contactevents.EventTypeCompleted)))
	if s.State != contactevents.EventTypeDisconnected || s.Disconnected.IsZero() || s.AgentInteractionAndHold == nil ||
		s.AfterContactWork != nil || s.Handle != nil || s.Complete {
		t.Errorf("without COMPLETED: %+v", s)
	}

	// Without QUEUED, the later events' queueInfo still says when it was
	// queued: that is in an event, not invented.
	s = only(t, feed(contacteventstest.Without(evs, contactevents.EventTypeQueued)))
	if s.Enqueued.IsZero() || s.QueueWait == nil {
		t.Errorf("without QUEUED: %+v", s)
	}

	// Only INITIATED: nothing else.
	s = only(t, feed(evs[:1]))
	if s.State != contactevents.EventTypeInitiated || !s.Enqueued.IsZero() || s.QueueWait != nil || s.QueueARN != "" || s.Events != 1 {
		t.Errorf("INITIATED only: %+v", s)
	}
}

// TestDurations: the durations are the differences of the events' own
// timestamps, whatever the envelope's time (delivery) says.
func TestDurations(t *testing.T) {
	evs := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelChat, 11)
	var last *contactevents.Event
	for _, ev := range evs {
		ev.Time = contactevents.NewTimestampDigits(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), 0) // delivered much later
		last = ev
	}
	a := last.Detail.AgentInfo
	s := only(t, feed(evs))
	enq := last.Detail.QueueInfo.EnqueueTimestamp.Time()
	want := map[string]time.Duration{
		"queue wait":         a.ConnectedToAgentTimestamp.Time().Sub(enq),
		"interaction+hold":   last.Detail.DisconnectTimestamp.Time().Sub(a.ConnectedToAgentTimestamp.Time()),
		"after contact work": a.AfterContactWorkEndTimestamp.Time().Sub(a.AfterContactWorkStartTimestamp.Time()),
	}
	want["handle"] = want["interaction+hold"] + want["after contact work"]
	got := map[string]*time.Duration{"queue wait": s.QueueWait, "interaction+hold": s.AgentInteractionAndHold,
		"after contact work": s.AfterContactWork, "handle": s.Handle}
	for k, w := range want {
		if got[k] == nil || *got[k] != w {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
}

// TestAbandoned follows AWS's definition: queued, disconnected before an
// agent answered; contacts queued for callback are not counted.
func TestAbandoned(t *testing.T) {
	for _, ch := range channels {
		s := only(t, feed(contacteventstest.Lifecycle(contacteventstest.LifecycleAbandoned, ch, 5)))
		if !s.Abandoned || s.QueueWait == nil || !s.ConnectedToAgent.IsZero() {
			t.Errorf("%s abandoned: %+v", ch, s)
		}
		for _, kind := range []contacteventstest.LifecycleKind{contacteventstest.LifecycleHandled, contacteventstest.LifecycleTransfer} {
			for _, s := range feed(contacteventstest.Lifecycle(kind, ch, 5)).Summaries() {
				if s.Abandoned {
					t.Errorf("%s %s: abandoned", ch, kind)
				}
			}
		}
	}
	// The callback: the inbound call ends in queue, but it was queued for
	// callback; so is the CALLBACK contact.
	sums := feed(contacteventstest.Lifecycle(contacteventstest.LifecycleCallback, contactevents.ChannelVoice, 5)).Summaries()
	if len(sums) != 2 {
		t.Fatalf("%d contacts", len(sums))
	}
	for _, s := range sums {
		if s.Abandoned || !s.QueuedForCallback {
			t.Errorf("callback lifecycle, %s (%s): abandoned %v, queued for callback %v", s.ContactID, s.InitiationMethod, s.Abandoned, s.QueuedForCallback)
		}
	}
	// Without the CALLBACK contact's events, the call looks abandoned: the
	// tracker says what its events say.
	evs := contacteventstest.Lifecycle(contacteventstest.LifecycleCallback, contactevents.ChannelVoice, 5)
	first := evs[0].Detail.ContactID
	var alone []*contactevents.Event
	for _, ev := range evs {
		if ev.Detail.ContactID == first {
			alone = append(alone, ev)
		}
	}
	if s := only(t, feed(alone)); !s.Abandoned {
		t.Errorf("the call without its callback: %+v", s)
	}
	// A disconnect reason says who ended it: not abandoned.
	evs = contacteventstest.Lifecycle(contacteventstest.LifecycleAbandoned, contactevents.ChannelEmail, 5)
	for _, ev := range evs {
		if ev.Detail.EventType == contactevents.EventTypeDisconnected {
			ev.Detail.DisconnectReason = contactevents.DisconnectReasonDiscarded
		}
	}
	if s := only(t, feed(evs)); s.Abandoned || s.DisconnectReason != contactevents.DisconnectReasonDiscarded {
		t.Errorf("discarded email: %+v", s)
	}
}

// TestConflicts: two values of one fact, and one event id with two
// contents, are reported and not resolved.
func TestConflicts(t *testing.T) {
	evs := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelVoice, 8)
	other := *evs[len(evs)-1]
	other.Detail.AgentInfo = new(contactevents.AgentInfo)
	*other.Detail.AgentInfo = *evs[len(evs)-1].Detail.AgentInfo
	other.Detail.AgentInfo.AgentARN = "arn:aws:connect:us-west-2:123456789012:instance/x/agent/someone-else"
	s := only(t, feed(append(slices.Clone(evs), &other)))
	if s.AgentARN != "" {
		t.Errorf("agent %q: a conflict was resolved", s.AgentARN)
	}
	var facts []string
	for _, c := range s.Conflicts {
		facts = append(facts, c.Fact)
	}
	want := []string{"agentInfo.agentArn", "id " + other.ID}
	if !slices.Equal(facts, want) {
		t.Errorf("conflicts %q, want %q", facts, want)
	}
	if s.Events != len(evs)+1 || s.Duplicates != 0 {
		t.Errorf("events %d duplicates %d, want %d and 0", s.Events, s.Duplicates, len(evs)+1)
	}
}

// TestPausedTask: a task paused and not yet resumed is PAUSED; resumed, it
// is RESUMED; disconnected, DISCONNECTED.
func TestPausedTask(t *testing.T) {
	evs := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelTask, 4)
	upTo := func(et contactevents.EventType) []*contactevents.Event {
		i := slices.IndexFunc(evs, func(ev *contactevents.Event) bool { return ev.Detail.EventType == et })
		return evs[:i+1]
	}
	for _, et := range []contactevents.EventType{contactevents.EventTypePaused, contactevents.EventTypeResumed, contactevents.EventTypeDisconnected} {
		if s := only(t, feed(upTo(et))); s.State != et {
			t.Errorf("up to %s: state %s", et, s.State)
		}
	}
}

// TestEvict: complete contacts go after their grace, idle ones after the
// idle horizon (by event time); the rest stay.
func TestEvict(t *testing.T) {
	tr := contacts.New()
	done := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelVoice, 1)
	open := contacteventstest.Without(contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelChat, 2),
		contactevents.EventTypeDisconnected, contactevents.EventTypeCompleted)
	for _, ev := range append(slices.Clone(done), open...) {
		tr.Add(ev)
	}
	if got := tr.Evict(10*24*time.Hour, 0); len(got) != 0 {
		t.Fatalf("Evict(10 days, 0) = %d summaries: within the grace", len(got))
	}
	if got := tr.Evict(0, 0); len(got) != 1 || got[0].ContactID != done[0].Detail.ContactID || tr.Len() != 1 {
		t.Fatalf("Evict(0, 0) = %d summaries, %d left", len(got), tr.Len())
	}
	// An event a day later makes the open contact idle.
	late := contacteventstest.NewEvent(contactevents.EventTypeInitiated, contacteventstest.WithSeed(3),
		contacteventstest.WithTime(open[len(open)-1].Time.Time().Add(24*time.Hour)))
	tr.Add(late)
	if got := tr.Evict(0, time.Hour); len(got) != 1 || got[0].ContactID != open[0].Detail.ContactID || tr.Len() != 1 {
		t.Fatalf("Evict(0, 1h) = %d summaries, %d left", len(got), tr.Len())
	}
}

// TestEvictAndReuse: slots of evicted contacts are reused and the index
// finds every contact still held, through many evictions.
func TestEvictAndReuse(t *testing.T) {
	tr := contacts.New()
	var ids []string
	for round := range uint64(4) {
		for i := range uint64(500) {
			evs := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelChat, round*1000+i)
			if i%2 == 1 {
				evs = contacteventstest.Without(evs, contactevents.EventTypeCompleted) // stays
			}
			for _, ev := range evs {
				tr.Add(ev)
			}
			if i%2 == 1 {
				ids = append(ids, evs[0].Detail.ContactID)
			}
		}
		if got := len(tr.Evict(0, 0)); got != 250 {
			t.Fatalf("round %d: %d evicted, want 250", round, got)
		}
	}
	if tr.Len() != len(ids) {
		t.Fatalf("%d contacts held, want %d", tr.Len(), len(ids))
	}
	for _, id := range ids {
		if s, ok := tr.Summary(id); !ok || s.ContactID != id || s.Events != 4 {
			t.Fatalf("%s: %v %+v", id, ok, s)
		}
	}
}
