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
	// The links: contact IDs, kept as refs of their own (see Tracker.idRef).
	factInitialContactID
	factPreviousContactID
	factRelatedContactID
	numText
	firstLink = factInitialContactID
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
	switch et { // in the order of lifecycle
	case contactevents.EventTypeInitiated:
		return 0
	case contactevents.EventTypeConnectedToSystem:
		return 1
	case contactevents.EventTypeQueued:
		return rankQueued
	case contactevents.EventTypeConnectedToAgent:
		return rankAgent
	case contactevents.EventTypeDisconnected:
		return rankDisconnected
	case contactevents.EventTypeCompleted:
		return rankCompleted
	}
	return -1
}

// seenEvent is one distinct event of a contact: its key (the 128 bits of
// its id, a UUID as AWS sends; a hash of any other id, whose text is kept in
// extra.names; the fingerprint for a bare event, which has none) and the
// fingerprint of what the fold reads from it.
type seenEvent struct {
	key eventKey
	fp  uint64
}

// eventKey is 128 bits that stand for a text: a UUID's bits, a hash of any
// other id (its text in extra.names), or {0, n}: the tracker's interned
// string n (see Tracker.text).
type eventKey [2]uint64

// inlineEvents is how many events a contact holds in itself; more go to
// its extra. Five or six is a contact's usual count.
const inlineEvents = 6

// contact is the state of one tracked contact. It holds no pointer (its
// extra, when something disagrees or it has many events, is in the
// tracker's extras), so that the tracker's contacts, kept in pages, cost
// the garbage collector nothing; texts are refs (eventKey) and times
// integers, and no string of an event is kept (a substring would pin the
// event's whole arena). See TestMemoryPerContact.
type contact struct {
	// The fields that every event reads or writes first (Add's order), so
	// that they share the contact's first cache lines; the links, which
	// few contacts have, last.
	id         eventKey
	last       int64 // the latest event time (see Summary.LastEvent)
	nEvents    int32
	duplicates int32
	events     [inlineEvents]seenEvent // sorted by key, then fingerprint; all of them in extra.events beyond inlineEvents
	shared     [firstLink]uint32       // the interned facts: an index into Tracker.strs plus one, 0 for none
	// Per lifecycle state, the earliest envelope time of its events, in
	// Unix seconds (the envelope's precision): 0 none seen, 1 seen at an
	// unknown time. See rankTime.
	rankAt [numRank]uint32
	times  [numTime]int64
	// The latest PAUSED or RESUMED event, by envelope time (a PAUSED
	// and a RESUMED of the same second: PAUSED).
	pauseAt  int64
	links    [numText - firstLink]eventKey // the links' keys
	xi       int32                         // its extra: an index into the tracker's extras plus one, 0 for none
	paused   bool
	callback bool // a CALLBACK contact: its links say it was queued for callback
}

// extra holds what only some contacts need: the values of facts seen with
// more than one value, the texts of ids that are not UUIDs, the events of
// a contact with more than inlineEvents.
type extra struct {
	text   [numText][]string // every value, sorted, when there are two or more
	times  [numTime][]int64
	names  map[eventKey]string
	events []seenEvent
}

// extras holds the contacts' extras. A contact refers to its own by
// index, not by pointer, so that the pages of contacts hold no pointer:
// the garbage collector does not scan them (it scanned every contact in
// each of its cycles, and a stream's parsed events make many).
type extras struct {
	list []*extra
	free []int32 // indexes of dropped extras
}

// of returns c's extra, nil if it has none.
func (xs *extras) of(c *contact) *extra {
	if c.xi == 0 {
		return nil
	}
	return xs.list[c.xi-1]
}

// x returns c's extra, added if it has none.
func (xs *extras) x(c *contact) *extra {
	if c.xi == 0 {
		if n := len(xs.free); n > 0 {
			c.xi, xs.free = xs.free[n-1]+1, xs.free[:n-1]
			xs.list[c.xi-1] = new(extra)
		} else {
			xs.list = append(xs.list, new(extra))
			c.xi = int32(len(xs.list))
		}
	}
	return xs.list[c.xi-1]
}

// drop forgets c's extra.
func (xs *extras) drop(c *contact) {
	if c.xi != 0 {
		xs.list[c.xi-1] = nil
		xs.free = append(xs.free, c.xi-1)
		c.xi = 0
	}
}

// ref returns the ref of the value kept for text fact f.
func (c *contact) ref(f int) eventKey {
	if f < firstLink {
		if h := c.shared[f]; h != 0 {
			return eventKey{0, uint64(h)}
		}
		return eventKey{}
	}
	return c.links[f-firstLink]
}

// setRef keeps the value k for text fact f (an interned ref for the
// facts before firstLink).
func (c *contact) setRef(f int, k eventKey) {
	if f < firstLink {
		c.shared[f] = uint32(k[1])
		return
	}
	c.links[f-firstLink] = k
}

// rankTime returns when lifecycle state r was reached, in Unix
// nanoseconds: 0 when not seen, 1 when seen at an unknown time.
func (c *contact) rankTime(r int) int64 {
	if v := c.rankAt[r]; v > 1 {
		return int64(v) * 1e9
	}
	return int64(c.rankAt[r])
}

// eventList returns the contact's events, sorted.
func (c *contact) eventList(xs *extras) []seenEvent {
	if c.nEvents <= inlineEvents {
		return c.events[:c.nEvents]
	}
	return xs.of(c).events
}

// addTime adds v (Unix nanoseconds, or seconds plus one for
// timeACWSeconds; 0 for none) to time fact f.
func (c *contact) addTime(xs *extras, f int, v int64) {
	if v == 0 {
		return
	}
	switch cur := c.times[f]; {
	case v == cur:
	case cur == 0:
		c.times[f] = v
	default:
		x := xs.x(c)
		x.times[f] = insertSorted(insertSorted(x.times[f], cur), v)
	}
}

// addEvent records an event; it reports whether the event is new (not a
// duplicate: a new key, or a new content under a known key).
func (c *contact) addEvent(xs *extras, e seenEvent) bool {
	list := c.eventList(xs)
	var i int
	var found bool
	if len(list) <= inlineEvents {
		// A few: a linear search, cheaper than a binary one's calls.
		for i < len(list) && cmpSeen(list[i], e) < 0 {
			i++
		}
		found = i < len(list) && list[i] == e
	} else {
		i, found = slices.BinarySearchFunc(list, e, cmpSeen)
	}
	if found {
		c.duplicates++
		return false
	}
	switch {
	case c.nEvents < inlineEvents:
		copy(c.events[i+1:c.nEvents+1], c.events[i:c.nEvents])
		c.events[i] = e
	case c.nEvents == inlineEvents:
		x := xs.x(c)
		x.events = slices.Insert(append(make([]seenEvent, 0, 2*inlineEvents), c.events[:]...), i, e)
		c.events = [inlineEvents]seenEvent{}
	default:
		x := xs.of(c)
		x.events = slices.Insert(x.events, i, e)
	}
	c.nEvents++
	return true
}

// keepName keeps (a copy of) the text of a ref that its bits do not give
// back.
func (c *contact) keepName(xs *extras, k eventKey, text string) {
	x := xs.x(c)
	if x.names == nil {
		x.names = make(map[eventKey]string)
	}
	if _, ok := x.names[k]; !ok {
		x.names[k] = strings.Clone(text)
	}
}

func cmpKey(a, b eventKey) int {
	return cmpSeen(seenEvent{key: a}, seenEvent{key: b})
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

// mergeFacts adds o's facts but its texts (which the trackers' refs may
// not share: see Tracker.Merge) to c; xs and oxs are their trackers'
// extras.
func (c *contact) mergeFacts(xs *extras, o *contact, oxs *extras) {
	ox := oxs.of(o)
	for f := range numTime {
		c.addTime(xs, f, o.times[f])
		if ox != nil {
			for _, v := range ox.times[f] {
				c.addTime(xs, f, v)
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
	for _, e := range o.eventList(oxs) {
		c.addEvent(xs, e)
	}
	if ox != nil {
		for _, k := range slices.SortedFunc(maps.Keys(ox.names), cmpKey) {
			c.keepName(xs, k, ox.names[k])
		}
	}
}

func insertSorted[T string | int64](s []T, v T) []T {
	i, found := slices.BinarySearch(s, v)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}
