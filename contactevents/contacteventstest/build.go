package contacteventstest

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// The account, Region and instance every built event belongs to.
const (
	// Account is the AWS account ID of the built events.
	Account = "123456789012"
	// Region is the AWS Region of the built events.
	Region = "us-west-2"
)

// defaultStart is the earliest initiation time of a built contact; the seed
// adds up to a week to it, unless WithTime sets the time.
var defaultStart = time.Date(2024, time.May, 6, 15, 0, 0, 0, time.UTC)

// instance is the Amazon Connect instance of every built event: its ID, its
// queues, its agents and their hierarchy groups, fixed so that events built
// with different seeds still belong to one contact center.
var instance = func() struct {
	id, arn string
	queues  [3]string // queue ARNs
	agents  [8]string // agent ARNs
	groups  [3][4]string
} {
	var in struct {
		id, arn string
		queues  [3]string
		agents  [8]string
		groups  [3][4]string
	}
	r := rand.New(rand.NewPCG(0x636f6e6e656374, 0x696e7374616e6365))
	in.id = uuid(r)
	in.arn = "arn:aws:connect:" + Region + ":" + Account + ":instance/" + in.id
	for i := range in.queues {
		in.queues[i] = in.arn + "/queue/" + uuid(r)
	}
	for i := range in.agents {
		in.agents[i] = in.arn + "/agent/" + uuid(r)
	}
	for l := range in.groups {
		for g := range in.groups[l] {
			in.groups[l][g] = in.arn + "/agent-group/" + uuid(r)
		}
	}
	return in
}()

// InstanceARN returns the ARN of the Amazon Connect instance that every
// built event belongs to.
func InstanceARN() string { return instance.arn }

// BuildOption sets one aspect of the event NewEvent builds.
type BuildOption func(*builder)

type builder struct {
	channel   contactevents.Channel
	method    contactevents.InitiationMethod
	contactID string
	start     time.Time
	tags      map[string]string
	routing   []contactevents.RoutingCriteria
	updated   []contactevents.UpdatedProperty
	scheduled time.Time
	seed      uint64
	bare      bool
	queueARN  string      // WithQueueARN; "" for one of the instance's
	agentARN  string      // WithAgentARN; "" for one of the instance's
	latest    latestParts // the latest page's objects, see build_latest.go
}

// WithChannel sets the channel; the default is the first of
// Channels(eventType): VOICE, or TASK for PAUSED and RESUMED.
func WithChannel(c contactevents.Channel) BuildOption {
	return func(b *builder) { b.channel = c }
}

// WithInitiationMethod sets how the contact was initiated; the default is
// INBOUND for VOICE and EMAIL (OUTBOUND for AMD_DISABLED, WEBRTC_API for
// the event type WEBRTC_API) and API for CHAT and TASK.
// With OUTBOUND, EXTERNAL_OUTBOUND and MONITOR the contact is never queued,
// so it has no queueInfo (the current page: "queueInfo is not included ...
// when initiationMethod is OUTBOUND"). TRANSFER and QUEUE_TRANSFER add the
// initial and previous contact IDs, MONITOR, CALLBACK and EXTERNAL_OUTBOUND
// a related contact ID.
func WithInitiationMethod(m contactevents.InitiationMethod) BuildOption {
	return func(b *builder) { b.method = m }
}

// WithQueueARN sets the ARN of the queue, in queueInfo once the contact is
// queued, instead of one of the instance's queues drawn from the seed: for a
// consumer that routes or filters by queue.
func WithQueueARN(arn string) BuildOption {
	return func(b *builder) { b.queueARN = arn }
}

// WithAgentARN sets the ARN of the agent, in agentInfo once the contact is
// connected to one, instead of one of the instance's agents drawn from the
// seed.
func WithAgentARN(arn string) BuildOption {
	return func(b *builder) { b.agentARN = arn }
}

// WithContactID sets the contact ID instead of a UUID drawn from the seed.
func WithContactID(id string) BuildOption {
	return func(b *builder) { b.contactID = id }
}

// WithTime sets when the contact was initiated (initiationTimestamp,
// truncated to the millisecond); every later timestamp of the contact
// follows it. The default is a time in the week of 2024-05-06 drawn from the
// seed.
func WithTime(t time.Time) BuildOption {
	return func(b *builder) { b.start = t.UTC().Truncate(time.Millisecond) }
}

// WithTags adds user-defined tags to the AWS-generated ones
// (aws:connect:instanceId, and aws:connect:systemEndpoint for VOICE); a tag
// of the same key replaces the generated one. For CONTACT_DATA_UPDATED it
// also makes Tags an updated property.
func WithTags(tags map[string]string) BuildOption {
	return func(b *builder) {
		if b.tags == nil {
			b.tags = map[string]string{}
		}
		maps.Copy(b.tags, tags)
	}
}

// WithRoutingCriteria sets the routing criteria of the contact. A criteria
// without Index gets its position in the list, one without
// ActivationTimestamp the time the contact was queued. One criteria is
// encoded as an object, several as an array (see
// contactevents.ContactEvent.RoutingCriteria).
func WithRoutingCriteria(rc ...contactevents.RoutingCriteria) BuildOption {
	return func(b *builder) { b.routing = append(b.routing, rc...) }
}

// WithUpdatedProperties sets the updatedProperties of a CONTACT_DATA_UPDATED
// event; the default is derived from the other options (Tags with WithTags,
// ScheduledTimestamp with WithScheduledTime) or else UserDefinedAttributes.
// Other event types ignore it.
func WithUpdatedProperties(p ...contactevents.UpdatedProperty) BuildOption {
	return func(b *builder) { b.updated = append(b.updated, p...) }
}

// WithScheduledTime sets the scheduledTimestamp of a TASK contact, when its
// flow is scheduled to run. The documents support it only for tasks, so
// other channels ignore it.
func WithScheduledTime(t time.Time) BuildOption {
	return func(b *builder) { b.scheduled = t.UTC().Truncate(time.Millisecond) }
}

// WithSeed selects the contact: the same seed gives the same contact ID,
// queue, agent, timeline and event IDs, so the events of one lifecycle
// (INITIATED to DISCONNECTED) built with one seed describe one contact, and
// different seeds give different contacts. The default seed is 1.
func WithSeed(seed uint64) BuildOption {
	return func(b *builder) { b.seed = seed }
}

// WithoutEnvelope builds the bare contact event, without the EventBridge
// envelope, as the older page's first sample shows it (an SNS message or a
// consumer that stores only detail).
func WithoutEnvelope() BuildOption {
	return func(b *builder) { b.bare = true }
}

// Channels returns the channels for which an event type makes sense, the
// combinations NewEvent builds valid events for: every channel for most
// types (EMAIL included), TASK for PAUSED and RESUMED (only tasks are
// paused), VOICE for AMD_DISABLED (answering machine detection) and for the
// event type WEBRTC_API (an in-app voice or video call), none for an
// undocumented type.
func Channels(eventType contactevents.EventType) []contactevents.Channel {
	switch eventType {
	case contactevents.EventTypePaused, contactevents.EventTypeResumed:
		return []contactevents.Channel{contactevents.ChannelTask}
	case contactevents.EventTypeAMDDisabled, contactevents.EventTypeWebRTCAPI:
		return []contactevents.Channel{contactevents.ChannelVoice}
	}
	if !eventType.IsKnown() {
		return nil
	}
	return []contactevents.Channel{contactevents.ChannelVoice, contactevents.ChannelChat, contactevents.ChannelTask, contactevents.ChannelEmail}
}

// phase orders the event types along a contact's life: what has happened to
// the contact when the event is published.
func phase(et contactevents.EventType) int {
	switch et {
	case contactevents.EventTypeInitiated:
		return phaseInitiated
	case contactevents.EventTypeQueued, contactevents.EventTypeContactDataUpdated:
		return phaseQueued
	case contactevents.EventTypeConnectedToAgent:
		return phaseAgent
	case contactevents.EventTypePaused:
		return phasePaused
	case contactevents.EventTypeResumed:
		return phaseResumed
	case contactevents.EventTypeDisconnected:
		return phaseDisconnected
	case contactevents.EventTypeCompleted:
		return phaseCompleted
	}
	return phaseSystem // CONNECTED_TO_SYSTEM, AMD_DISABLED, WEBRTC_API, unknown types
}

const (
	phaseInitiated = iota
	phaseSystem
	phaseQueued
	phaseAgent
	phasePaused
	phaseResumed
	phaseDisconnected
	phaseCompleted // after-contact work done (the latest page's COMPLETED)
)

// timeline is when things happen to a contact.
type timeline struct {
	initiated, system, greetingStart, greetingEnd, queued, updated, agent, paused, resumed, disconnected time.Time
	afterContactWork                                                                                     time.Duration
}

// draws holds everything drawn from the seed, in a fixed order, so that the
// event type and the other options do not change the contact.
type draws struct {
	contactID, relatedID string
	start                time.Duration
	queue, agent         int
	endpoint             int
	steps                [9]time.Duration // the gaps of the timeline, see newTimeline
	afterContactWork     time.Duration    // disconnected -> completed (drawn last)
}

func drawContact(seed uint64) draws {
	r := rand.New(rand.NewPCG(seed, 0x636f6e74616374))
	var d draws
	d.contactID = uuid(r)
	d.relatedID = uuid(r)
	d.start = time.Duration(r.Int64N(int64(7*24*time.Hour/time.Millisecond))) * time.Millisecond
	d.queue = r.IntN(len(instance.queues))
	d.agent = r.IntN(len(instance.agents))
	d.endpoint = 1000 + r.IntN(9000)
	ms := func(lo, hi int64) time.Duration { return time.Duration(lo+r.Int64N(hi-lo)) * time.Millisecond }
	d.steps = [9]time.Duration{
		ms(150, 1800),      // initiated -> connected to system
		ms(300, 1500),      // system -> greeting start
		ms(1000, 4000),     // greeting length
		ms(3000, 45000),    // system -> queued (the flow)
		ms(500, 2000),      // queued -> contact data updated
		ms(2000, 180000),   // queued -> connected to agent
		ms(30000, 600000),  // agent -> paused (tasks)
		ms(60000, 3600000), // paused -> resumed
		ms(60000, 1200000), // agent or resumed -> disconnected
	}
	d.afterContactWork = time.Duration(10+r.Int64N(170)) * time.Second
	return d
}

func newTimeline(start time.Time, d draws) timeline {
	var t timeline
	t.initiated = start
	t.system = start.Add(d.steps[0])
	t.greetingStart = t.system.Add(d.steps[1])
	t.greetingEnd = t.greetingStart.Add(d.steps[2])
	t.queued = t.system.Add(d.steps[3])
	t.agent = t.queued.Add(d.steps[5])
	t.updated = t.queued.Add(min(d.steps[4], d.steps[5]/2))
	t.paused = t.agent.Add(d.steps[6])
	t.resumed = t.paused.Add(d.steps[7])
	t.disconnected = t.agent.Add(d.steps[8])
	t.afterContactWork = d.afterContactWork
	return t
}

// at returns when an event of type et is published.
func (t timeline) at(et contactevents.EventType, channel contactevents.Channel) time.Time {
	switch et {
	case contactevents.EventTypeInitiated:
		return t.initiated
	case contactevents.EventTypeQueued:
		return t.queued
	case contactevents.EventTypeContactDataUpdated:
		return t.updated
	case contactevents.EventTypeConnectedToAgent:
		return t.agent
	case contactevents.EventTypePaused:
		return t.paused
	case contactevents.EventTypeResumed:
		return t.resumed
	case contactevents.EventTypeDisconnected:
		if channel == contactevents.ChannelTask {
			return t.resumed.Add(t.disconnected.Sub(t.agent))
		}
		return t.disconnected
	case contactevents.EventTypeCompleted:
		return t.at(contactevents.EventTypeDisconnected, channel).Add(t.afterContactWork)
	}
	return t.system
}

// NewEvent builds a realistic contact event of type eventType, by default in
// its EventBridge envelope. For a channel that Channels(eventType) allows,
// the event is valid under the strict and compat profiles, whatever the
// other options (AMD_DISABLED and WEBRTC_API, which strict does not accept
// as event types, are valid under compat only). What it holds follows the contact's
// life up to the event:
//
//   - always: contactId, channel, instanceArn (see InstanceARN),
//     initiationMethod, initiationTimestamp and the AWS-generated tags;
//   - from CONNECTED_TO_SYSTEM: connectedToSystemTimestamp, and for an
//     OUTBOUND voice call customerVoiceActivity;
//   - from QUEUED (and in CONTACT_DATA_UPDATED, with its
//     updatedProperties): queueInfo, unless the contact was initiated
//     OUTBOUND, EXTERNAL_OUTBOUND or by MONITOR;
//   - from CONNECTED_TO_AGENT: agentInfo, with its hierarchy groups;
//   - in DISCONNECTED and COMPLETED: disconnectTimestamp;
//   - in COMPLETED: the agent's after-contact work (start, end, duration)
//     and, for a chat, chatMetrics (see ConstructedChatMetrics);
//   - for EMAIL: a systemEndpoint of type EMAIL_ADDRESS;
//   - whatever the latest page's options add (WithCustomerID,
//     WithRecordings, WithContactEvaluations, ...; see build_latest.go).
//
// Timestamps have millisecond precision and are in order; the envelope's
// time is when the event happened, to the second, as EventBridge writes it.
// The event is a new value that the caller may modify.
func NewEvent(eventType contactevents.EventType, opts ...BuildOption) *contactevents.Event {
	b := builder{seed: 1}
	if cs := Channels(eventType); len(cs) > 0 {
		b.channel = cs[0]
	} else {
		b.channel = contactevents.ChannelVoice
	}
	for _, opt := range opts {
		opt(&b)
	}
	d := drawContact(b.seed)
	if b.method == "" {
		b.method = defaultMethod(eventType, b.channel)
	}
	if b.contactID == "" {
		b.contactID = d.contactID
	}
	if b.start.IsZero() {
		b.start = defaultStart.Add(d.start)
	}
	tl := newTimeline(b.start, d)
	ph := phase(eventType)
	voice := b.channel == contactevents.ChannelVoice

	c := contactevents.ContactEvent{
		EventType:           eventType,
		ContactID:           b.contactID,
		Channel:             b.channel,
		InstanceARN:         instance.arn,
		InitiationMethod:    b.method,
		InitiationTimestamp: contactevents.NewTimestamp(tl.initiated),
	}
	switch b.method {
	case contactevents.InitiationMethodTransfer, contactevents.InitiationMethodQueueTransfer:
		c.InitialContactID = d.relatedID
		c.PreviousContactID = d.relatedID
	case contactevents.InitiationMethodMonitor, contactevents.InitiationMethodCallback, contactevents.InitiationMethodExternalOutbound:
		c.RelatedContactID = d.relatedID
	}
	if ph >= phaseSystem {
		c.ConnectedToSystemTimestamp = contactevents.NewTimestamp(tl.system)
		if voice && b.method == contactevents.InitiationMethodOutbound {
			c.CustomerVoiceActivity = &contactevents.CustomerVoiceActivity{
				GreetingStartTimestamp: contactevents.NewTimestamp(tl.greetingStart),
				GreetingEndTimestamp:   contactevents.NewTimestamp(tl.greetingEnd),
			}
		}
	}
	if ph >= phaseQueued && queued(b.method) {
		c.QueueInfo = &contactevents.QueueInfo{
			QueueARN:         cmp.Or(b.queueARN, instance.queues[d.queue]),
			QueueType:        ptr("STANDARD"),
			EnqueueTimestamp: contactevents.NewTimestamp(tl.queued),
		}
	}
	if ph >= phaseAgent {
		g := d.agent
		c.AgentInfo = &contactevents.AgentInfo{
			AgentARN:                  cmp.Or(b.agentARN, instance.agents[d.agent]),
			ConnectedToAgentTimestamp: contactevents.NewTimestamp(tl.agent),
			HierarchyGroups: &contactevents.HierarchyGroups{
				Level1: &contactevents.HierarchyGroup{ARN: instance.groups[0][0]},
				Level2: &contactevents.HierarchyGroup{ARN: instance.groups[1][g%2]},
				Level3: &contactevents.HierarchyGroup{ARN: instance.groups[2][g%4]},
			},
		}
	}
	if ph >= phaseDisconnected {
		c.DisconnectTimestamp = contactevents.NewTimestamp(tl.at(contactevents.EventTypeDisconnected, b.channel))
	}
	b.latest.apply(&c, &b, tl, eventType)
	if b.channel == contactevents.ChannelTask && !b.scheduled.IsZero() {
		c.ScheduledTimestamp = contactevents.NewTimestamp(b.scheduled)
	}
	if eventType == contactevents.EventTypeContactDataUpdated {
		c.UpdatedProperties = b.updatedProperties()
	}
	c.Tags = map[string]string{"aws:connect:instanceId": instance.id}
	if voice {
		c.Tags["aws:connect:systemEndpoint"] = fmt.Sprintf("+1206555%04d", d.endpoint)
	}
	maps.Copy(c.Tags, b.tags)
	if len(b.routing) > 0 {
		c.RoutingCriteria = slices.Clone(b.routing)
		for i := range c.RoutingCriteria {
			rc := &c.RoutingCriteria[i]
			if rc.Index == nil {
				rc.Index = ptr(int64(i))
			}
			if rc.ActivationTimestamp.IsZero() {
				rc.ActivationTimestamp = contactevents.NewTimestamp(tl.queued)
			}
		}
	}

	ev := &contactevents.Event{Detail: c}
	if b.bare {
		return ev
	}
	e := rand.New(rand.NewPCG(b.seed, fnv64(string(eventType))))
	ev.Version = contactevents.EnvelopeVersionZero
	ev.ID = uuid(e)
	ev.DetailType = contactevents.DetailTypeContactEvent
	ev.Source = contactevents.EventSourceConnect
	ev.Account = Account
	ev.Time = eventTime(tl.at(eventType, b.channel))
	ev.Region = Region
	ev.Resources = []string{instance.arn + "/contact/" + b.contactID, instance.arn}
	return ev
}

// defaultMethod is the usual initiation method of a channel.
func defaultMethod(et contactevents.EventType, ch contactevents.Channel) contactevents.InitiationMethod {
	switch {
	case et == contactevents.EventTypeAMDDisabled:
		return contactevents.InitiationMethodOutbound
	case et == contactevents.EventTypeWebRTCAPI:
		return contactevents.InitiationMethodWebRTCAPI
	case ch == contactevents.ChannelVoice, ch == contactevents.ChannelEmail:
		return contactevents.InitiationMethodInbound
	}
	return contactevents.InitiationMethodAPI
}

// queued reports whether a contact initiated by m goes through a queue.
func queued(m contactevents.InitiationMethod) bool {
	switch m {
	case contactevents.InitiationMethodOutbound, contactevents.InitiationMethodExternalOutbound, contactevents.InitiationMethodMonitor:
		return false
	}
	return true
}

func (b *builder) updatedProperties() []contactevents.UpdatedProperty {
	if len(b.updated) > 0 {
		return slices.Clone(b.updated)
	}
	var p []contactevents.UpdatedProperty
	if len(b.tags) > 0 {
		p = append(p, contactevents.UpdatedPropertyTags)
	}
	if b.channel == contactevents.ChannelTask && !b.scheduled.IsZero() {
		p = append(p, contactevents.UpdatedPropertyScheduledTimestamp)
	}
	if len(p) == 0 {
		p = append(p, contactevents.UpdatedPropertyUserDefinedAttributes)
	}
	return p
}

// Payload returns the canonical JSON of ev (ev.MarshalJSON): what a
// producer that follows the current page sends.
func Payload(ev *contactevents.Event) []byte {
	return ev.AppendJSON(nil)
}

// eventTime returns t as the envelope's time: UTC, to the second, without a
// fraction (yyyy-MM-dd'T'HH:mm:ss'Z'). contactevents.NewTimestamp always
// writes milliseconds, which the envelope's time does not accept, and a
// Timestamp's precision can only come from decoding; so the timestamp is
// taken from a decoded minimal event.
func eventTime(t time.Time) contactevents.Timestamp {
	doc := `{"version":"0","id":"x","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"` + Account +
		`","time":"` + t.UTC().Format("2006-01-02T15:04:05Z") + `","region":"` + Region +
		`","resources":[],"detail":{"eventType":"INITIATED","contactId":"x","channel":"VOICE","instanceArn":"x","initiationMethod":"API"}}`
	ev, err := contactevents.Parse([]byte(doc), contactevents.WithProfile(contactevents.Strict))
	if err != nil {
		panic("contacteventstest: cannot build the envelope time: " + err.Error())
	}
	return ev.Time
}

// uuid draws a random (version 4) UUID from r.
func uuid(r *rand.Rand) string {
	var b [16]byte
	hi, lo := r.Uint64(), r.Uint64()
	for i := range 8 {
		b[i] = byte(hi >> (56 - 8*i))
		b[8+i] = byte(lo >> (56 - 8*i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func ptr[T any](v T) *T { return &v }
