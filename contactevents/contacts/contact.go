package contacts

import (
	"maps"
	"slices"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
)

// The facts of a contact that its events carry, each kept as the set of
// values seen: one value in the contact itself, the others (when there are
// any) in its extra. A set grows by union whatever the order of the events,
// so the fold is order- and duplicate-independent by construction; a fact
// with two values is a conflict, reported and never resolved.

// Text facts: identity, links, queue, agent, disconnect reason.
const (
	factChannel = iota
	factInitiationMethod
	factQueue
	factAgent
	factDisconnectReason
	// The links, which most contacts have none of, are kept behind a
	// pointer (contact.links).
	factInitialContactID
	factPreviousContactID
	factRelatedContactID
	numText
	numInline = factInitialContactID
)

// Time facts, as Unix nanoseconds (0: not known). The contact timestamps
// are the events' own: the time Amazon Connect says each thing happened.
const (
	timeInitiated      = iota // initiationTimestamp of an INITIATED event
	timeInitiatedLater        // initiationTimestamp of the other events (an outbound campaign call updates it)
	timeConnectedToSystem
	timeEnqueued
	timeConnectedToAgent
	timeDisconnected
	timeACWStart
	timeACWEnd
	timeACWSeconds // afterContactWorkDuration, whole seconds (a number, not a time)
	numTime
)

// The JSON names of the facts, for conflicts.
var (
	textNames = [numText]string{"channel", "initiationMethod", "queueInfo.queueArn", "agentInfo.agentArn", "disconnectReason",
		"initialContactId", "previousContactId", "relatedContactId"}
	timeNames = [numTime]string{"initiationTimestamp (INITIATED)", "initiationTimestamp", "connectedToSystemTimestamp",
		"queueInfo.enqueueTimestamp", "agentInfo.connectedToAgentTimestamp", "disconnectTimestamp",
		"agentInfo.afterContactWorkStartTimestamp", "agentInfo.afterContactWorkEndTimestamp", "agentInfo.afterContactWorkDuration"}
)

// The lifecycle states, in the order a contact goes through them: the
// furthest one whose event was seen is the contact's state.
var lifecycle = [...]contactevents.EventType{
	contactevents.EventTypeInitiated,
	contactevents.EventTypeConnectedToSystem,
	contactevents.EventTypeQueued,
	contactevents.EventTypeConnectedToAgent,
	contactevents.EventTypeDisconnected,
	contactevents.EventTypeCompleted,
}

const (
	rankQueued       = 2
	rankAgent        = 3
	rankDisconnected = 4
	rankCompleted    = 5
	numRank          = len(lifecycle)
)

// rankOf returns the lifecycle rank of an event type, or -1 for the others
// (CONTACT_DATA_UPDATED, PAUSED, RESUMED, AMD_DISABLED, WEBRTC_API, unknown).
func rankOf(et contactevents.EventType) int {
	for i, s := range lifecycle {
		if s == et {
			return i
		}
	}
	return -1
}

// seenEvent is one distinct event of a contact: its key (the 128 bits of
// its id, a UUID as AWS sends; a hash of any other id, whose text is kept in
// extra.ids; the fingerprint for a bare event, which has none) and the
// fingerprint of what the fold reads from it.
type seenEvent struct {
	key eventKey
	fp  uint64
}

type eventKey [2]uint64

// contact is the state of one tracked contact. It is kept small (see
// TestMemoryPerContact): the strings it keeps are copies (never the event's,
// which would pin its whole arena), times are integers, and whatever is
// only there when something disagrees is behind extra.
type contact struct {
	id    string
	text  [numInline]string
	links *[numText - numInline]string
	times [numTime]int64
	// Per lifecycle state, the earliest envelope time of its events, in
	// Unix seconds (the envelope's precision): 0 none seen, 1 seen at an
	// unknown time. See rankTime.
	rankAt [numRank]uint32
	events []seenEvent // sorted by key, then fingerprint
	// The latest PAUSED or RESUMED event, by envelope time (a PAUSED
	// and a RESUMED of the same second: PAUSED).
	pauseAt    int64
	last       int64
	duplicates int32
	paused     bool
	callback   bool // a CALLBACK contact: its links say it was queued for callback
	extra      *extra
}

// textAt returns where text fact f is kept; nil for a link of a contact
// without links.
func (c *contact) textAt(f int, alloc bool) *string {
	if f < numInline {
		return &c.text[f]
	}
	if c.links == nil {
		if !alloc {
			return nil
		}
		c.links = new([numText - numInline]string)
	}
	return &c.links[f-numInline]
}

// textValue returns the value kept for text fact f.
func (c *contact) textValue(f int) string {
	if p := c.textAt(f, false); p != nil {
		return *p
	}
	return ""
}

// rankTime returns when lifecycle state r was reached, in Unix
// nanoseconds: 0 when not seen, 1 when seen at an unknown time.
func (c *contact) rankTime(r int) int64 {
	if v := c.rankAt[r]; v > 1 {
		return int64(v) * 1e9
	}
	return int64(c.rankAt[r])
}

// extra holds the values of facts seen with more than one value, and the
// ids of events seen with more than one content.
type extra struct {
	text  [numText][]string // every value, sorted, when there are two or more
	times [numTime][]int64
	ids   map[eventKey]string // the text of the ids that are not UUIDs
}

func (c *contact) x() *extra {
	if c.extra == nil {
		c.extra = new(extra)
	}
	return c.extra
}

// addText adds v to text fact f. owned says whether c may keep v as it is
// (a constant, or a copy); otherwise it is copied when kept, so that no
// kept string pins the arena of the event it came from.
func (c *contact) addText(f int, v string, owned bool) {
	if v == "" {
		return
	}
	p := c.textAt(f, true)
	cur := *p
	if v == cur {
		return
	}
	if !owned {
		v = strings.Clone(v)
	}
	if cur == "" {
		*p = v
		return
	}
	x := c.x()
	x.text[f] = insertSorted(insertSorted(x.text[f], cur), v)
}

// addTime adds v (Unix nanoseconds, or seconds for timeACWSeconds; 0 for
// none) to time fact f.
func (c *contact) addTime(f int, v int64) {
	switch cur := c.times[f]; {
	case v == 0 || v == cur:
	case cur == 0:
		c.times[f] = v
	default:
		x := c.x()
		x.times[f] = insertSorted(insertSorted(x.times[f], cur), v)
	}
}

// addEvent records an event; it reports whether the event is new (not a
// duplicate: a new key, or a new content under a known key).
func (c *contact) addEvent(e seenEvent) bool {
	i, found := slices.BinarySearchFunc(c.events, e, cmpSeen)
	if found {
		c.duplicates++
		return false
	}
	if len(c.events) == cap(c.events) {
		// Grow by 2, not by doubling: a contact has a handful of events.
		c.events = slices.Grow(c.events, 2)
	}
	c.events = slices.Insert(c.events, i, e)
	return true
}

// keepID keeps the text of an id that its key does not give back.
func (c *contact) keepID(k eventKey, id string) {
	x := c.x()
	if x.ids == nil {
		x.ids = make(map[eventKey]string)
	}
	if _, ok := x.ids[k]; !ok {
		x.ids[k] = strings.Clone(id)
	}
}

func cmpSeen(a, b seenEvent) int {
	for i := range a.key {
		if a.key[i] != b.key[i] {
			if a.key[i] < b.key[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case a.fp < b.fp:
		return -1
	case a.fp > b.fp:
		return 1
	}
	return 0
}

// addRank records that an event of lifecycle rank r was seen at envelope
// time at, Unix nanoseconds or 0 (the earliest is kept).
func (c *contact) addRank(r int, at int64) {
	v := uint32(1) // seen, time unknown
	if s := at / 1e9; s > 1 && s <= 1<<32-1 {
		v = uint32(s)
	}
	c.mergeRank(r, v)
}

func (c *contact) mergeRank(r int, v uint32) {
	if cur := c.rankAt[r]; cur == 0 || (v > 1 && (cur == 1 || v < cur)) {
		c.rankAt[r] = v
	}
}

// addPause keeps the latest of the PAUSED and RESUMED events.
func (c *contact) addPause(at int64, paused bool) {
	if c.pauseAt == 0 || at > c.pauseAt || (at == c.pauseAt && paused) {
		c.pauseAt, c.paused = at, paused || (at == c.pauseAt && c.paused)
	}
}

// merge adds everything o holds to c (o is left as it is).
func (c *contact) merge(o *contact) {
	for f := range numText {
		c.addText(f, o.textValue(f), true)
		if o.extra != nil {
			for _, v := range o.extra.text[f] {
				c.addText(f, v, true)
			}
		}
	}
	for f := range numTime {
		c.addTime(f, o.times[f])
		if o.extra != nil {
			for _, v := range o.extra.times[f] {
				c.addTime(f, v)
			}
		}
	}
	for r, v := range o.rankAt {
		if v != 0 {
			c.mergeRank(r, v)
		}
	}
	if o.pauseAt != 0 {
		c.addPause(o.pauseAt, o.paused)
	}
	c.callback = c.callback || o.callback
	c.last = max(c.last, o.last)
	// Both saw what both hold: each such event was delivered once more.
	c.duplicates += o.duplicates
	for _, e := range o.events {
		c.addEvent(e)
	}
	if o.extra != nil {
		for k, id := range o.extra.ids {
			c.keepID(k, id)
		}
	}
}

// clone returns a copy of c that shares nothing mutable with it.
func (c *contact) clone() *contact {
	d := *c
	d.events = slices.Clone(c.events)
	if c.links != nil {
		l := *c.links
		d.links = &l
	}
	d.extra = nil
	if c.extra != nil {
		x := *c.extra
		for f := range x.text {
			x.text[f] = slices.Clone(x.text[f])
		}
		for f := range x.times {
			x.times[f] = slices.Clone(x.times[f])
		}
		x.ids = maps.Clone(c.extra.ids)
		d.extra = &x
	}
	return &d
}

func insertSorted[T string | int64](s []T, v T) []T {
	i, found := slices.BinarySearch(s, v)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}
