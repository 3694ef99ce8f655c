package contacts

import (
	"math/bits"
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
	// The contacts, by the key of their contact ID (see idKey), in pages:
	// neither the index nor the pages hold pointers (a contact's rare
	// extra is in extras), so the garbage collector has nothing to scan
	// however many contacts the tracker holds.
	index  table
	pages  [][]contact // of pageSize contacts: growing never copies them
	n      int32       // slots used
	free   []int32     // slots of evicted contacts
	extras extras
	// strs interns the texts of the facts that few values take (channels,
	// initiation methods, disconnect reasons, queue and agent ARNs);
	// eventKey{0, i+1} stands for strs[i].
	strs     []string
	strHash  []uint64 // the hash of each (hashString), for fingerprints
	strIndex map[string]uint32
	// callbacks holds the contact IDs that a CALLBACK contact links to
	// (previousContactId, relatedContactId): contacts queued for callback.
	// The value is the latest event time of the CALLBACK contact, for Evict.
	callbacks map[eventKey]int64
	// watermark is the latest event time seen (Unix nanoseconds): the
	// tracker's clock for Evict, which never reads the wall clock.
	watermark int64
}

// New returns an empty tracker.
func New() *Tracker {
	return &Tracker{strIndex: make(map[string]uint32), callbacks: make(map[eventKey]int64)}
}

// Len returns the number of contacts the tracker holds.
func (t *Tracker) Len() int { return t.index.live }

// Add folds one event into the tracker. An event without a contact ID
// (which Parse never returns) is ignored. The tracker keeps no reference to
// ev or to its strings.
func (t *Tracker) Add(ev *contactevents.Event) {
	d := &ev.Detail
	if d.ContactID == "" {
		return
	}
	// The contact first: its memory, likely not in the processor's caches,
	// is fetched while the event is read.
	id, hashed := idKey(d.ContactID)
	c := t.contact(id)
	if hashed {
		c.keepName(&t.extras, id, d.ContactID)
	}
	et := d.EventType.Canonical()
	method := d.InitiationMethod.Canonical()
	var e facts
	e.readTimes(d, et)
	same := t.readTexts(&e, c, d, method)
	envelope := nanos(ev.Time)
	fp := t.fingerprint(string(d.EventType), &e, envelope)
	key := eventKey{fp, 0}
	if ev.ID != "" {
		if key, hashed = idKey(ev.ID); hashed {
			c.keepName(&t.extras, key, ev.ID)
		}
	}
	at := envelope
	if at == 0 {
		at = eventTime(&e.tv)
	}
	t.watermark = max(t.watermark, at)
	c.last = max(c.last, at)
	if !c.addEvent(&t.extras, seenEvent{key, fp}) {
		return // a duplicate: it says nothing new
	}

	for m := e.texts &^ same; m != 0; m &= m - 1 {
		f := bits.TrailingZeros16(m)
		if e.hashed&(1<<f) != 0 {
			c.keepName(&t.extras, e.refs[f], linkText(d, f))
		}
		t.addText(c, f, e.refs[f])
	}
	if method == contactevents.InitiationMethodCallback {
		c.callback = true
		for _, k := range []eventKey{e.refs[factPreviousContactID], e.refs[factRelatedContactID]} {
			if k != (eventKey{}) {
				t.callbacks[k] = max(t.callbacks[k], at)
			}
		}
	}
	for m := e.times; m != 0; m &= m - 1 {
		f := bits.TrailingZeros16(m)
		c.addTime(&t.extras, f, e.tv[f])
	}
	switch r := rankOf(et); {
	case r >= 0:
		c.addRank(r, envelope)
	case et == contactevents.EventTypePaused, et == contactevents.EventTypeResumed:
		c.addPause(max(at, 1), et == contactevents.EventTypePaused)
	}
}

// contact returns the contact with the given key, added if new.
func (t *Tracker) contact(id eventKey) *contact {
	if i, ok := t.index.find(id, t.pages); ok {
		return t.rec(i)
	}
	var i int32
	if n := len(t.free); n > 0 {
		i, t.free = t.free[n-1], t.free[:n-1]
	} else {
		i = t.n
		t.n++
		if int(i>>pageBits) == len(t.pages) {
			t.pages = append(t.pages, make([]contact, pageSize))
		}
	}
	c := t.rec(i)
	c.id = id
	t.index.insert(id, i)
	return c
}

// The contacts are kept in pages of pageSize.
const (
	pageBits = 10
	pageSize = 1 << pageBits
)

// rec returns the contact in slot i.
func (t *Tracker) rec(i int32) *contact { return recIn(t.pages, i) }

func recIn(pages [][]contact, i int32) *contact { return &pages[i>>pageBits][i&(pageSize-1)] }

// intern returns the ref of s in the tracker's table.
func (t *Tracker) intern(s string) eventKey {
	if s == "" {
		return eventKey{}
	}
	h, ok := t.strIndex[s]
	if !ok {
		s = strings.Clone(s)
		t.strs = append(t.strs, s)
		t.strHash = append(t.strHash, hashString(s))
		h = uint32(len(t.strs))
		t.strIndex[s] = h
	}
	return eventKey{0, uint64(h)}
}

// text returns the text a ref of contact c stands for.
func (t *Tracker) text(c *contact, k eventKey) string {
	switch {
	case k == eventKey{}:
		return ""
	case k[0] == 0:
		return t.strs[k[1]-1]
	case c.xi != 0:
		if s, ok := t.extras.of(c).names[k]; ok {
			return s
		}
	}
	return formatUUID(k)
}

// addText adds the value k to the text fact f of c.
func (t *Tracker) addText(c *contact, f int, k eventKey) {
	if k == (eventKey{}) {
		return
	}
	switch cur := c.ref(f); {
	case k == cur:
	case cur == eventKey{}:
		c.setRef(f, k)
	default:
		x := t.extras.x(c)
		x.text[f] = insertSorted(insertSorted(x.text[f], t.text(c, cur)), t.text(c, k))
	}
}

// Merge adds everything o holds to t, as if t had been fed o's events too;
// o is left as it is. Merging is commutative, associative and idempotent for
// the facts, and counts duplicates as the whole stream would: an event that
// both trackers saw was delivered once more.
func (t *Tracker) Merge(o *Tracker) {
	for i := range o.n {
		oc := o.rec(i)
		if oc.nEvents == 0 {
			continue // a free slot
		}
		c := t.contact(oc.id)
		// Texts go by their text: the interned refs are each tracker's own.
		for f := range numText {
			for _, v := range o.values(oc, f) {
				if f < firstLink {
					t.addText(c, f, t.intern(v))
					continue
				}
				k, hashed := idKey(v)
				if hashed {
					c.keepName(&t.extras, k, v)
				}
				t.addText(c, f, k)
			}
		}
		c.mergeFacts(&t.extras, oc, &o.extras)
	}
	for id, at := range o.callbacks {
		t.callbacks[id] = max(t.callbacks[id], at)
	}
	t.watermark = max(t.watermark, o.watermark)
}

// values returns every value of text fact f of c.
func (t *Tracker) values(c *contact, f int) []string {
	if x := t.extras.of(c); x != nil && len(x.text[f]) > 0 {
		return x.text[f]
	}
	if v := t.text(c, c.ref(f)); v != "" {
		return []string{v}
	}
	return nil
}

// Summary returns the summary of the contact with the given ID, if the
// tracker holds it.
func (t *Tracker) Summary(contactID string) (Summary, bool) {
	id, _ := idKey(contactID)
	i, ok := t.index.find(id, t.pages)
	if !ok {
		return Summary{}, false
	}
	return t.summarize(t.rec(i)), true
}

// Summaries returns the summary of every contact, by contact ID.
func (t *Tracker) Summaries() []Summary {
	out := make([]Summary, 0, t.index.live)
	for i := range t.n {
		if c := t.rec(i); c.nEvents > 0 {
			out = append(out, t.summarize(c))
		}
	}
	slices.SortFunc(out, func(a, b Summary) int { return strings.Compare(a.ContactID, b.ContactID) })
	return out
}

// Evict removes the contacts that are done with: complete (their COMPLETED
// event seen) and idle for longer than complete, or idle for longer than
// idle, idle meaning that the contact's latest event is that much older than
// the latest event the tracker has seen (event time, never the wall clock).
// It returns their summaries, by contact ID, and forgets them, so that a
// stream's memory is bounded by the contacts active within the horizons.
//
// COMPLETED may arrive before the contact's other events (delivery is not
// ordered), so give complete contacts a grace of the delivery's usual
// delay. An event of a contact that arrives after the contact was evicted
// starts a new summary of it: choose idle longer than the delays of the
// delivery (EventBridge retries a target for up to 24 hours). A duration of
// 0 or less evicts at once (complete) or never (idle).
func (t *Tracker) Evict(complete, idle time.Duration) []Summary {
	var out []Summary
	completeBefore, idleBefore := t.watermark-int64(max(complete, 0)), t.watermark-int64(idle)
	for i := range t.n {
		c := t.rec(i)
		if c.nEvents > 0 && ((c.rankAt[rankCompleted] != 0 && c.last <= completeBefore) || (idle > 0 && c.last < idleBefore)) {
			out = append(out, t.summarize(c))
			t.index.remove(c.id, i)
			t.extras.drop(c)
			*c = contact{}
			t.free = append(t.free, i)
		}
	}
	// A callback link is forgotten like an idle contact (with no idle
	// horizon, never: it is 24 bytes).
	for id, at := range t.callbacks {
		if idle > 0 && at < idleBefore {
			delete(t.callbacks, id)
		}
	}
	slices.SortFunc(out, func(a, b Summary) int { return strings.Compare(a.ContactID, b.ContactID) })
	return out
}
