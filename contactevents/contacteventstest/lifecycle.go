package contacteventstest

import (
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// LifecycleKind names a way a contact (or a group of related contacts)
// goes through Amazon Connect.
type LifecycleKind string

// The lifecycles Lifecycle builds.
const (
	// LifecycleHandled: initiated, (connected to system,) queued, connected
	// to an agent, (for a task: paused and resumed,) disconnected and
	// completed after the agent's after-contact work.
	LifecycleHandled LifecycleKind = "handled"
	// LifecycleAbandoned: queued, then disconnected before an agent
	// answered; COMPLETED follows at once, without agent.
	LifecycleAbandoned LifecycleKind = "abandoned"
	// LifecycleOutbound: a voice call an agent places (OUTBOUND), never
	// queued.
	LifecycleOutbound LifecycleKind = "outbound"
	// LifecycleCallback: an inbound call queued, whose customer chooses a
	// callback; the flow ends the call, and a CALLBACK contact (its
	// relatedContactId the call) is queued and handled.
	LifecycleCallback LifecycleKind = "callback"
	// LifecycleTransfer: a handled contact transferred by its agent: a
	// TRANSFER contact (initialContactId and previousContactId the first)
	// queued and handled by another agent.
	LifecycleTransfer LifecycleKind = "transfer"
)

// Values returns every LifecycleKind.
func (LifecycleKind) Values() []LifecycleKind {
	return []LifecycleKind{LifecycleHandled, LifecycleAbandoned, LifecycleOutbound, LifecycleCallback, LifecycleTransfer}
}

// Lifecycle returns the events of a lifecycle, of contacts drawn from seed
// on channel (the callback and outbound lifecycles are voice calls
// whatever channel says), in the order they happen. Each event is valid
// under the strict profile and has its own envelope id; the same arguments
// give the same events, so a test can drop some (Without), repeat them and
// shuffle them. The related contacts of the callback and transfer
// lifecycles are drawn from seed too, and begin when the first ends.
func Lifecycle(kind LifecycleKind, channel contactevents.Channel, seed uint64) []*contactevents.Event {
	switch kind {
	case LifecycleAbandoned:
		return abandoned(channel, seed, contactevents.InitiationMethod(""))
	case LifecycleOutbound:
		return handled(contactevents.ChannelVoice, seed, WithInitiationMethod(contactevents.InitiationMethodOutbound))
	case LifecycleCallback:
		first := abandoned(contactevents.ChannelVoice, seed, contactevents.InitiationMethodInbound)
		end := first[len(first)-1].Detail.DisconnectTimestamp.Time()
		second := handled(contactevents.ChannelVoice, relatedSeed(seed),
			WithInitiationMethod(contactevents.InitiationMethodCallback), WithTime(end.Add(90*time.Second)))
		link(second, func(c *contactevents.ContactEvent) { c.RelatedContactID = first[0].Detail.ContactID })
		return append(first, second...)
	case LifecycleTransfer:
		first := handled(channel, seed)
		end := first[len(first)-1].Detail.DisconnectTimestamp.Time()
		second := handled(channel, relatedSeed(seed), WithInitiationMethod(contactevents.InitiationMethodTransfer), WithTime(end))
		link(second, func(c *contactevents.ContactEvent) {
			c.InitialContactID = first[0].Detail.ContactID
			c.PreviousContactID = first[0].Detail.ContactID
		})
		return append(first, second...)
	}
	return handled(channel, seed)
}

// Without returns the events whose type is not one of types: a lifecycle
// with missing events, as a best-effort delivery may leave it.
func Without(events []*contactevents.Event, types ...contactevents.EventType) []*contactevents.Event {
	var out []*contactevents.Event
next:
	for _, ev := range events {
		for _, t := range types {
			if ev.Detail.EventType == t {
				continue next
			}
		}
		out = append(out, ev)
	}
	return out
}

// relatedSeed is the seed of the contact that follows the contact of seed.
func relatedSeed(seed uint64) uint64 { return seed ^ 0x9e3779b97f4a7c15 }

// lifecycleTypes are the event types of a contact of channel that is
// connected to an agent (queued unless method is OUTBOUND).
func lifecycleTypes(channel contactevents.Channel, method contactevents.InitiationMethod) []contactevents.EventType {
	ts := []contactevents.EventType{contactevents.EventTypeInitiated}
	if channel == contactevents.ChannelVoice {
		ts = append(ts, contactevents.EventTypeConnectedToSystem)
	}
	if queued(method) {
		ts = append(ts, contactevents.EventTypeQueued)
	}
	ts = append(ts, contactevents.EventTypeConnectedToAgent)
	if channel == contactevents.ChannelTask {
		ts = append(ts, contactevents.EventTypePaused, contactevents.EventTypeResumed)
	}
	return append(ts, contactevents.EventTypeDisconnected, contactevents.EventTypeCompleted)
}

func handled(channel contactevents.Channel, seed uint64, opts ...BuildOption) []*contactevents.Event {
	opts = append([]BuildOption{WithChannel(channel), WithSeed(seed)}, opts...)
	b := builder{channel: channel}
	for _, o := range opts {
		o(&b)
	}
	if b.method == "" {
		b.method = defaultMethod(contactevents.EventTypeInitiated, channel)
	}
	var out []*contactevents.Event
	for _, et := range lifecycleTypes(channel, b.method) {
		out = append(out, NewEvent(et, opts...))
	}
	return out
}

// abandoned builds a contact queued and disconnected before an agent
// answered: half of the wait the handled contact of the seed would have had.
func abandoned(channel contactevents.Channel, seed uint64, method contactevents.InitiationMethod) []*contactevents.Event {
	opts := []BuildOption{WithChannel(channel), WithSeed(seed)}
	if method != "" {
		opts = append(opts, WithInitiationMethod(method))
	}
	var out []*contactevents.Event
	for _, et := range lifecycleTypes(channel, contactevents.InitiationMethodInbound) {
		switch et {
		case contactevents.EventTypeConnectedToAgent, contactevents.EventTypePaused, contactevents.EventTypeResumed:
			continue
		}
		out = append(out, NewEvent(et, opts...))
	}
	d := drawContact(seed)
	queuedAt := out[0].Detail.InitiationTimestamp.Time().Add(d.steps[0] + d.steps[3])
	end := queuedAt.Add(d.steps[5] / 2)
	for _, ev := range out {
		switch ev.Detail.EventType {
		case contactevents.EventTypeDisconnected, contactevents.EventTypeCompleted:
			ev.Detail.AgentInfo = nil
			ev.Detail.ChatMetrics = nil
			ev.Detail.DisconnectTimestamp = contactevents.NewTimestamp(end)
			ev.Time = eventTime(end)
		}
	}
	return out
}

// link sets the related-contact links of every event of a contact.
func link(events []*contactevents.Event, set func(*contactevents.ContactEvent)) {
	for _, ev := range events {
		ev.Detail.InitialContactID, ev.Detail.PreviousContactID, ev.Detail.RelatedContactID = "", "", ""
		set(&ev.Detail)
	}
}
