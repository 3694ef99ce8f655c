package contacts

import "github.com/connectevents/sdk-go/contactevents"

// facts are what the fold reads from one event: its timestamps and its
// texts as refs, each with a bit saying that the event carries it, so that
// the fingerprint and the fold go through those only (an event carries
// about 4 of the 9 timestamps and 4 of the 8 texts).
type facts struct {
	tv     [numTime]int64    // Unix nanoseconds (see the time facts)
	refs   [numText]eventKey // interned refs, and the links' keys
	times  uint16            // bit f: tv[f] is set
	texts  uint16            // bit f: refs[f] is set
	hashed uint16            // bit f: the link refs[f] is a hashed id, whose text is to be kept
}

// readTimes reads the timestamps of the event d of (canonical) type et,
// each once.
func (e *facts) readTimes(d *contactevents.ContactEvent, et contactevents.EventType) {
	if et == contactevents.EventTypeInitiated {
		e.time(timeInitiated, d.InitiationTimestamp)
	} else {
		e.time(timeInitiatedLater, d.InitiationTimestamp)
	}
	e.time(timeConnectedToSystem, d.ConnectedToSystemTimestamp)
	e.time(timeDisconnected, d.DisconnectTimestamp)
	if q := d.QueueInfo; q != nil {
		e.time(timeEnqueued, q.EnqueueTimestamp)
	}
	if a := d.AgentInfo; a != nil {
		e.time(timeConnectedToAgent, a.ConnectedToAgentTimestamp)
		e.time(timeACWStart, a.AfterContactWorkStartTimestamp)
		e.time(timeACWEnd, a.AfterContactWorkEndTimestamp)
		if a.AfterContactWorkDuration != nil {
			// Stored plus one so that a duration of 0 seconds is known.
			e.tv[timeACWSeconds] = *a.AfterContactWorkDuration + 1
			e.times |= 1 << timeACWSeconds
		}
	}
}

func (e *facts) time(f int, ts contactevents.Timestamp) {
	if v := nanos(ts); v != 0 {
		e.tv[f] = v
		e.times |= 1 << f
	}
}

// readTexts reads the texts of the event d (its initiation method,
// canonical, read by Add already) into e, as refs: the interned ones by
// the value that contact c has when it is the same (no lookup), the links
// by their keys. It returns the bits of the texts that are c's already.
func (t *Tracker) readTexts(e *facts, c *contact, d *contactevents.ContactEvent, method contactevents.InitiationMethod) (same uint16) {
	same |= t.interned(e, c, factChannel, string(d.Channel.Canonical()))
	same |= t.interned(e, c, factInitiationMethod, string(method))
	same |= t.interned(e, c, factDisconnectReason, string(d.DisconnectReason.Canonical()))
	if q := d.QueueInfo; q != nil {
		same |= t.interned(e, c, factQueue, q.QueueARN)
	}
	if a := d.AgentInfo; a != nil {
		same |= t.interned(e, c, factAgent, a.AgentARN)
	}
	for f := firstLink; f < numText; f++ {
		if s := linkText(d, f); s != "" {
			k, hashed := idKey(s)
			e.refs[f] = k
			e.texts |= 1 << f
			if hashed {
				e.hashed |= 1 << f
			}
		}
	}
	return same
}

// interned sets the ref of s, the value of the fact f: the contact's own
// when it is the same (no lookup; then it returns the bit of f).
func (t *Tracker) interned(e *facts, c *contact, f int, s string) (same uint16) {
	if s == "" {
		return 0
	}
	e.texts |= 1 << f
	if h := c.shared[f]; h != 0 && t.strs[h-1] == s {
		e.refs[f] = eventKey{0, uint64(h)}
		return 1 << f
	}
	e.refs[f] = t.intern(s)
	return 0
}

// linkText returns the value of the link fact f in d.
func linkText(d *contactevents.ContactEvent, f int) string {
	switch f {
	case factInitialContactID:
		return d.InitialContactID
	case factPreviousContactID:
		return d.PreviousContactID
	}
	return d.RelatedContactID
}

// nanos returns a set timestamp as Unix nanoseconds, 0 when it is absent,
// not set (1970-01-01T00:00:00.001Z) or invalid.
func nanos(ts contactevents.Timestamp) int64 {
	if !ts.IsSet() {
		return 0
	}
	return ts.UnixNano()
}

// eventTime is when a bare event (no envelope, so no time) happened, by
// its own data: the latest of its timestamps tv.
func eventTime(tv *[numTime]int64) int64 {
	var at int64
	for f, v := range tv {
		if f != timeACWSeconds {
			at = max(at, v)
		}
	}
	return at
}
