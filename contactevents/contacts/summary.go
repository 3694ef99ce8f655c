package contacts

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// Summary is what a contact's events say about it, as far as they go:
// nothing is inferred that no event says. A zero time, an empty string or a
// nil duration means not known: no event said it, or the events disagree
// (then Conflicts says how).
type Summary struct {
	ContactID        string
	Channel          contactevents.Channel
	InitiationMethod contactevents.InitiationMethod
	// The related-contact links, as the events give them.
	InitialContactID, PreviousContactID, RelatedContactID string

	// State is the furthest lifecycle state whose event was seen
	// (INITIATED, CONNECTED_TO_SYSTEM, QUEUED, CONNECTED_TO_AGENT,
	// DISCONNECTED, COMPLETED), or PAUSED or RESUMED when the latest
	// pause or resume of a task came after it and before it disconnected;
	// empty when no lifecycle event was seen (only CONTACT_DATA_UPDATED,
	// say). StateTime is when, by the contact timestamp that state sets
	// (enqueueTimestamp for QUEUED, ...; afterContactWorkEndTimestamp for
	// COMPLETED), else by the envelope's time of its earliest event.
	State     contactevents.EventType
	StateTime time.Time

	QueueARN, AgentARN string

	// The contact's timestamps.
	Initiated, ConnectedToSystem, Enqueued, ConnectedToAgent, Disconnected time.Time
	AfterContactWorkStart, AfterContactWorkEnd                             time.Time

	// QueueWait is the time in queue: enqueued to connected to an agent
	// (AWS's "queue answer time"), or enqueued to disconnected for a contact
	// that never reached an agent ("queue abandon time").
	QueueWait *time.Duration
	// AgentInteractionAndHold is connected to an agent to disconnected
	// (AWS's "agent interaction and hold time": the events do not say how
	// the hold time divides it).
	AgentInteractionAndHold *time.Duration
	// AfterContactWork is the agent's after-contact work: its end minus its
	// start, else afterContactWorkDuration (whole seconds); 0 when COMPLETED
	// was seen for a contact connected to an agent without either (the
	// latest page: COMPLETED comes right after DISCONNECTED without ACW).
	AfterContactWork *time.Duration
	// Handle is AWS's "contact handle time": AgentInteractionAndHold plus
	// AfterContactWork, when both are known.
	Handle *time.Duration

	DisconnectReason contactevents.DisconnectReason
	// Abandoned: queued, disconnected without ever being connected to an
	// agent, not queued for callback, and no disconnect reason saying the
	// system or an agent ended it (see the package documentation).
	Abandoned bool
	// QueuedForCallback: a CALLBACK contact, or one that a CALLBACK contact
	// the tracker holds links to (its previousContactId or relatedContactId).
	QueuedForCallback bool
	// Complete: its COMPLETED event was seen.
	Complete bool

	// Events is the number of distinct events (an id with two contents
	// counts twice), Duplicates the deliveries of an event seen before.
	Events, Duplicates int
	// LastEvent is the time of the contact's latest event (the envelope's
	// time, or for a bare event its latest timestamp): what Evict's
	// horizon is measured against.
	LastEvent time.Time
	Conflicts []Conflict
}

// Conflict is a fact of a contact that its events disagree on: two values
// of one fact (Fact is its JSON name, Values every value seen, sorted), two
// timestamps in the wrong order for a duration (Fact names the duration,
// Values the two timestamps), or one event id delivered with two contents
// (Fact is "id " and the id, Values the contents' fingerprints).
type Conflict struct {
	Fact   string
	Values []string
}

func (c Conflict) String() string {
	return c.Fact + ": " + strings.Join(c.Values, " vs ")
}

func (t *Tracker) summarize(c *contact) Summary {
	s := Summary{ContactID: t.text(c, c.id), Events: int(c.nEvents), Duplicates: int(c.duplicates)}
	if c.last > 1 {
		s.LastEvent = time.Unix(0, c.last).UTC()
	}
	x := t.extras.of(c)
	text := func(f int) string {
		if x != nil && len(x.text[f]) > 0 {
			s.Conflicts = append(s.Conflicts, Conflict{Fact: textNames[f], Values: slices.Clone(x.text[f])})
			return ""
		}
		return t.text(c, c.ref(f))
	}
	s.Channel = contactevents.Channel(text(factChannel))
	s.InitiationMethod = contactevents.InitiationMethod(text(factInitiationMethod))
	s.InitialContactID = text(factInitialContactID)
	s.PreviousContactID = text(factPreviousContactID)
	s.RelatedContactID = text(factRelatedContactID)
	s.QueueARN = text(factQueue)
	s.AgentARN = text(factAgent)
	s.DisconnectReason = contactevents.DisconnectReason(text(factDisconnectReason))

	var tv [numTime]int64 // the values of the time facts that do not conflict
	for f := range numTime {
		if x != nil && len(x.times[f]) > 0 {
			vals := make([]string, len(x.times[f]))
			for i, v := range x.times[f] {
				vals[i] = formatFact(f, v)
			}
			s.Conflicts = append(s.Conflicts, Conflict{Fact: timeNames[f], Values: vals})
			continue
		}
		tv[f] = c.times[f]
	}
	initiated := tv[timeInitiated]
	if c.times[timeInitiated] == 0 {
		initiated = tv[timeInitiatedLater]
	}
	s.Initiated = toTime(initiated)
	s.ConnectedToSystem = toTime(tv[timeConnectedToSystem])
	s.Enqueued = toTime(tv[timeEnqueued])
	s.ConnectedToAgent = toTime(tv[timeConnectedToAgent])
	s.Disconnected = toTime(tv[timeDisconnected])
	s.AfterContactWorkStart = toTime(tv[timeACWStart])
	s.AfterContactWorkEnd = toTime(tv[timeACWEnd])

	// The state, from the events seen.
	rank := -1
	for r := numRank - 1; r >= 0; r-- {
		if c.rankTime(r) != 0 {
			rank = r
			break
		}
	}
	if rank >= 0 {
		s.State = lifecycle[rank]
		own := [numRank]int64{initiated, tv[timeConnectedToSystem], tv[timeEnqueued], tv[timeConnectedToAgent], tv[timeDisconnected], tv[timeACWEnd]}[rank]
		if own == 0 {
			own = c.rankTime(rank)
		}
		s.StateTime = toTime(own)
	}
	if c.pauseAt != 0 && rank < rankDisconnected && (rank < 0 || c.pauseAt >= c.rankTime(rank)) {
		s.State = contactevents.EventTypeResumed
		if c.paused {
			s.State = contactevents.EventTypePaused
		}
		s.StateTime = toTime(c.pauseAt)
	}

	// What the contact went through, by its events or by the timestamps
	// they carry (a DISCONNECTED event's agentInfo says it was connected).
	reached := func(r int) bool { return c.rankTime(r) != 0 }
	queued := reached(rankQueued) || c.times[timeEnqueued] != 0
	connected := reached(rankAgent) || c.times[timeConnectedToAgent] != 0
	disconnected := reached(rankDisconnected) || reached(rankCompleted) || c.times[timeDisconnected] != 0
	s.Complete = reached(rankCompleted)
	_, linked := t.callbacks[c.id]
	s.QueuedForCallback = c.callback || linked
	s.Abandoned = queued && disconnected && !connected && !s.QueuedForCallback &&
		c.shared[factDisconnectReason] == 0 && (x == nil || len(x.text[factDisconnectReason]) == 0)

	span := func(name string, from, to int) *time.Duration {
		a, b := tv[from], tv[to]
		if a == 0 || b == 0 {
			return nil
		}
		if b < a {
			s.Conflicts = append(s.Conflicts, Conflict{Fact: name + " (" + timeNames[to] + " before " + timeNames[from] + ")",
				Values: []string{formatFact(from, a), formatFact(to, b)}})
			return nil
		}
		d := time.Duration(b - a)
		return &d
	}
	if connected {
		s.QueueWait = span("queueWait", timeEnqueued, timeConnectedToAgent)
	} else {
		s.QueueWait = span("queueWait", timeEnqueued, timeDisconnected)
	}
	s.AgentInteractionAndHold = span("agentInteractionAndHold", timeConnectedToAgent, timeDisconnected)
	noACW := c.times[timeACWStart] == 0 && c.times[timeACWEnd] == 0 && c.times[timeACWSeconds] == 0
	switch {
	case tv[timeACWStart] != 0 && tv[timeACWEnd] != 0:
		s.AfterContactWork = span("afterContactWork", timeACWStart, timeACWEnd)
	case tv[timeACWSeconds] != 0:
		d := time.Duration(tv[timeACWSeconds]-1) * time.Second
		s.AfterContactWork = &d
	case noACW && s.Complete && connected:
		d := time.Duration(0)
		s.AfterContactWork = &d
	}
	if s.AgentInteractionAndHold != nil && s.AfterContactWork != nil {
		d := *s.AgentInteractionAndHold + *s.AfterContactWork
		s.Handle = &d
	}

	// Event ids delivered with two contents.
	events := c.eventList(&t.extras)
	for i := 0; i < len(events); {
		j := i + 1
		for j < len(events) && events[j].key == events[i].key {
			j++
		}
		if j-i > 1 {
			conf := Conflict{Fact: "id " + t.text(c, events[i].key)}
			for _, e := range events[i:j] {
				conf.Values = append(conf.Values, fmt.Sprintf("%016x", e.fp))
			}
			s.Conflicts = append(s.Conflicts, conf)
		}
		i = j
	}
	slices.SortFunc(s.Conflicts, func(a, b Conflict) int { return strings.Compare(a.Fact, b.Fact) })
	return s
}

func toTime(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns).UTC()
}

// formatFact renders a value of time fact f.
func formatFact(f int, v int64) string {
	if f == timeACWSeconds {
		return strconv.FormatInt(v-1, 10)
	}
	return toTime(v).Format(time.RFC3339Nano)
}

// summaryJSON is the JSON form of a Summary: camelCase keys, as the
// events'; what is not known is absent; durations in milliseconds.
type summaryJSON struct {
	ContactID                    string     `json:"contactId"`
	Channel                      string     `json:"channel,omitempty"`
	InitiationMethod             string     `json:"initiationMethod,omitempty"`
	InitialContactID             string     `json:"initialContactId,omitempty"`
	PreviousContactID            string     `json:"previousContactId,omitempty"`
	RelatedContactID             string     `json:"relatedContactId,omitempty"`
	State                        string     `json:"state,omitempty"`
	StateTime                    *time.Time `json:"stateTime,omitempty"`
	QueueARN                     string     `json:"queueArn,omitempty"`
	AgentARN                     string     `json:"agentArn,omitempty"`
	Initiated                    *time.Time `json:"initiationTimestamp,omitempty"`
	ConnectedToSystem            *time.Time `json:"connectedToSystemTimestamp,omitempty"`
	Enqueued                     *time.Time `json:"enqueueTimestamp,omitempty"`
	ConnectedToAgent             *time.Time `json:"connectedToAgentTimestamp,omitempty"`
	Disconnected                 *time.Time `json:"disconnectTimestamp,omitempty"`
	AfterContactWorkStart        *time.Time `json:"afterContactWorkStartTimestamp,omitempty"`
	AfterContactWorkEnd          *time.Time `json:"afterContactWorkEndTimestamp,omitempty"`
	QueueWaitMillis              *int64     `json:"queueWaitMillis,omitempty"`
	AgentInteractionAndHoldMilli *int64     `json:"agentInteractionAndHoldMillis,omitempty"`
	AfterContactWorkMillis       *int64     `json:"afterContactWorkMillis,omitempty"`
	HandleMillis                 *int64     `json:"handleMillis,omitempty"`
	DisconnectReason             string     `json:"disconnectReason,omitempty"`
	Abandoned                    bool       `json:"abandoned"`
	QueuedForCallback            bool       `json:"queuedForCallback"`
	Complete                     bool       `json:"complete"`
	Events                       int        `json:"events"`
	Duplicates                   int        `json:"duplicates"`
	LastEvent                    *time.Time `json:"lastEvent,omitempty"`
	Conflicts                    []string   `json:"conflicts,omitempty"`
}

// MarshalJSON encodes the summary as one JSON object: camelCase keys,
// RFC 3339 times, durations in whole milliseconds (queueWaitMillis,
// agentInteractionAndHoldMillis, afterContactWorkMillis, handleMillis),
// what is not known absent, and each conflict as a string.
func (s Summary) MarshalJSON() ([]byte, error) {
	ts := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		return &t
	}
	ms := func(d *time.Duration) *int64 {
		if d == nil {
			return nil
		}
		v := d.Milliseconds()
		return &v
	}
	j := summaryJSON{
		ContactID: s.ContactID, Channel: string(s.Channel), InitiationMethod: string(s.InitiationMethod),
		InitialContactID: s.InitialContactID, PreviousContactID: s.PreviousContactID, RelatedContactID: s.RelatedContactID,
		State: string(s.State), StateTime: ts(s.StateTime), QueueARN: s.QueueARN, AgentARN: s.AgentARN,
		Initiated: ts(s.Initiated), ConnectedToSystem: ts(s.ConnectedToSystem), Enqueued: ts(s.Enqueued),
		ConnectedToAgent: ts(s.ConnectedToAgent), Disconnected: ts(s.Disconnected),
		AfterContactWorkStart: ts(s.AfterContactWorkStart), AfterContactWorkEnd: ts(s.AfterContactWorkEnd),
		QueueWaitMillis: ms(s.QueueWait), AgentInteractionAndHoldMilli: ms(s.AgentInteractionAndHold),
		AfterContactWorkMillis: ms(s.AfterContactWork), HandleMillis: ms(s.Handle),
		DisconnectReason: string(s.DisconnectReason), Abandoned: s.Abandoned, QueuedForCallback: s.QueuedForCallback,
		Complete: s.Complete, Events: s.Events, Duplicates: s.Duplicates, LastEvent: ts(s.LastEvent),
	}
	for _, c := range s.Conflicts {
		j.Conflicts = append(j.Conflicts, c.String())
	}
	return json.Marshal(j)
}
