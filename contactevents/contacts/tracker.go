package contacts

import (
	"slices"
	"strings"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// Tracker folds contact events into one state per contact. Events may come
// in any order and any number of times: what a tracker holds is the union
// of what its events say (a join-semilattice), so the summaries do not
// depend on the order or the repetition of the events, and two trackers fed
// two parts of a stream Merge into the tracker fed the whole.
//
// A Tracker is not safe for concurrent use: give each goroutine its own and
// Merge them.
type Tracker struct {
	contacts map[string]*contact
	// callbacks holds the contact IDs that a CALLBACK contact links to
	// (previousContactId, relatedContactId): contacts queued for callback.
	// The value is the latest event time of the CALLBACK contact, for Evict.
	callbacks map[string]int64
	// names interns queue and agent ARNs: a contact center has few, and
	// every contact names one of each.
	names map[string]string
	// watermark is the latest event time seen (Unix nanoseconds): the
	// tracker's clock for Evict, which never reads the wall clock.
	watermark int64
}

// New returns an empty tracker.
func New() *Tracker {
	return &Tracker{contacts: make(map[string]*contact), callbacks: make(map[string]int64), names: make(map[string]string)}
}

// Len returns the number of contacts the tracker holds.
func (t *Tracker) Len() int { return len(t.contacts) }

// Add folds one event into the tracker. An event without a contact ID
// (which Parse never returns) is ignored. The tracker keeps no reference to
// ev or to its strings.
func (t *Tracker) Add(ev *contactevents.Event) {
	d := &ev.Detail
	if d.ContactID == "" {
		return
	}
	c := t.contacts[d.ContactID]
	if c == nil {
		c = &contact{id: strings.Clone(d.ContactID)}
		t.contacts[c.id] = c
	}
	fp := fingerprint(ev)
	key := eventKey{fp, 0}
	if ev.ID != "" {
		var uuid bool
		if key, uuid = parseUUID(ev.ID); !uuid {
			key = eventKey{hashString(ev.ID, fnvOffset), hashString(ev.ID, fnvOffset2)}
			c.keepID(key, ev.ID)
		}
	}
	at := eventTime(ev)
	t.watermark = max(t.watermark, at)
	c.last = max(c.last, at)
	if !c.addEvent(seenEvent{key, fp}) {
		return // a duplicate: it says nothing new
	}

	c.addText(factChannel, string(d.Channel.Canonical()), d.Channel.IsKnown())
	c.addText(factInitiationMethod, string(d.InitiationMethod.Canonical()), d.InitiationMethod.IsKnown())
	c.addText(factInitialContactID, d.InitialContactID, false)
	c.addText(factPreviousContactID, d.PreviousContactID, false)
	c.addText(factRelatedContactID, d.RelatedContactID, false)
	c.addText(factDisconnectReason, string(d.DisconnectReason.Canonical()), d.DisconnectReason.IsKnown())
	if d.InitiationMethod.Canonical() == contactevents.InitiationMethodCallback {
		c.callback = true
		for _, linked := range []string{d.PreviousContactID, d.RelatedContactID} {
			if linked != "" {
				if cur, ok := t.callbacks[linked]; !ok {
					t.callbacks[strings.Clone(linked)] = at
				} else if at > cur {
					t.callbacks[linked] = at
				}
			}
		}
	}

	et := d.EventType.Canonical()
	if et == contactevents.EventTypeInitiated {
		c.addTime(timeInitiated, nanos(d.InitiationTimestamp))
	} else {
		c.addTime(timeInitiatedLater, nanos(d.InitiationTimestamp))
	}
	c.addTime(timeConnectedToSystem, nanos(d.ConnectedToSystemTimestamp))
	c.addTime(timeDisconnected, nanos(d.DisconnectTimestamp))
	if q := d.QueueInfo; q != nil {
		c.addText(factQueue, t.intern(q.QueueARN), true)
		c.addTime(timeEnqueued, nanos(q.EnqueueTimestamp))
	}
	if a := d.AgentInfo; a != nil {
		c.addText(factAgent, t.intern(a.AgentARN), true)
		c.addTime(timeConnectedToAgent, nanos(a.ConnectedToAgentTimestamp))
		c.addTime(timeACWStart, nanos(a.AfterContactWorkStartTimestamp))
		c.addTime(timeACWEnd, nanos(a.AfterContactWorkEndTimestamp))
		if a.AfterContactWorkDuration != nil {
			// Stored plus one so that a duration of 0 seconds is known.
			c.addTime(timeACWSeconds, *a.AfterContactWorkDuration+1)
		}
	}
	switch r := rankOf(et); {
	case r >= 0:
		c.addRank(r, envelopeTime(ev))
	case et == contactevents.EventTypePaused, et == contactevents.EventTypeResumed:
		c.addPause(max(at, 1), et == contactevents.EventTypePaused)
	}
}

// Merge adds everything o holds to t, as if t had been fed o's events too;
// o is left as it is. Merging is commutative, associative and idempotent for
// the facts, and counts duplicates as the whole stream would: an event that
// both trackers saw was delivered once more.
func (t *Tracker) Merge(o *Tracker) {
	for id, oc := range o.contacts {
		if c := t.contacts[id]; c != nil {
			c.merge(oc)
		} else {
			t.contacts[id] = oc.clone()
		}
	}
	for id, at := range o.callbacks {
		if cur, ok := t.callbacks[id]; !ok || at > cur {
			t.callbacks[id] = at
		}
	}
	t.watermark = max(t.watermark, o.watermark)
}

// Summary returns the summary of the contact with the given ID, if the
// tracker holds it.
func (t *Tracker) Summary(contactID string) (Summary, bool) {
	c := t.contacts[contactID]
	if c == nil {
		return Summary{}, false
	}
	return t.summarize(c), true
}

// Summaries returns the summary of every contact, by contact ID.
func (t *Tracker) Summaries() []Summary {
	ids := make([]string, 0, len(t.contacts))
	for id := range t.contacts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]Summary, len(ids))
	for i, id := range ids {
		out[i] = t.summarize(t.contacts[id])
	}
	return out
}

// Evict removes the contacts that are complete (their COMPLETED event was
// seen) or idle: whose latest event is more than horizon older than the
// latest event the tracker has seen (event time, never the wall clock). It
// returns their summaries, by contact ID, and forgets them, so that a
// stream's memory is bounded by the contacts active within the horizon.
//
// An event of a contact that arrives after the contact was evicted starts
// a new summary of it (a late duplicate of its COMPLETED event, say); choose
// the horizon longer than the delays of the delivery (EventBridge retries
// a target for up to 24 hours). A horizon of 0 or less evicts only complete
// contacts.
func (t *Tracker) Evict(horizon time.Duration) []Summary {
	var out []Summary
	idleBefore := t.watermark - int64(horizon)
	for id, c := range t.contacts {
		if c.rankAt[rankCompleted] != 0 || (horizon > 0 && c.last < idleBefore) {
			out = append(out, t.summarize(c))
			delete(t.contacts, id)
		}
	}
	// A callback link is forgotten like an idle contact (with a horizon of
	// 0 or less, never: it is one contact ID).
	for id, at := range t.callbacks {
		if horizon > 0 && at < idleBefore {
			delete(t.callbacks, id)
		}
	}
	slices.SortFunc(out, func(a, b Summary) int { return strings.Compare(a.ContactID, b.ContactID) })
	return out
}

// intern returns a copy of s that the tracker keeps once for all its
// contacts.
func (t *Tracker) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := t.names[s]; ok {
		return v
	}
	v := strings.Clone(s)
	t.names[v] = v
	return v
}

// nanos returns a set timestamp as Unix nanoseconds, 0 when it is absent,
// not set (1970-01-01T00:00:00.001Z) or invalid.
func nanos(ts contactevents.Timestamp) int64 {
	if !ts.IsSet() {
		return 0
	}
	return ts.Time().UnixNano()
}

// envelopeTime is the envelope's time (when EventBridge received the event,
// to the second), or 0.
func envelopeTime(ev *contactevents.Event) int64 { return nanos(ev.Time) }

// eventTime is when an event happened, by its own data: the envelope's
// time, or for a bare event the latest contact timestamp it carries.
func eventTime(ev *contactevents.Event) int64 {
	if at := envelopeTime(ev); at != 0 {
		return at
	}
	d := &ev.Detail
	at := max(nanos(d.InitiationTimestamp), nanos(d.ConnectedToSystemTimestamp), nanos(d.DisconnectTimestamp))
	if d.QueueInfo != nil {
		at = max(at, nanos(d.QueueInfo.EnqueueTimestamp))
	}
	if a := d.AgentInfo; a != nil {
		at = max(at, nanos(a.ConnectedToAgentTimestamp), nanos(a.AfterContactWorkEndTimestamp))
	}
	return at
}
