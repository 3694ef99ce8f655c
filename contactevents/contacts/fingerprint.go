package contacts

import (
	"fmt"

	"github.com/connectevents/sdk-go/contactevents"
)

// An event's fingerprint is a 64-bit FNV-1a hash of what the fold reads
// from it: its type, the contact's identity, links, queue, agent,
// disconnect reason, every timestamp the summary uses and the envelope's
// time. Two deliveries of one event have the same; an event id with two
// fingerprints is an event id with two contents, a conflict. A member the
// fold does not read (tags, routing criteria, metrics) cannot change a
// summary, so it is not compared: hashing the whole event would cost its
// canonical encoding (about a fifth of Parse) on every event. The hash is
// fixed (not seeded per process), so trackers of different processes merge.

const (
	fnvOffset  = 14695981039346656037
	fnvOffset2 = 0x6c62272e07bb0142 // a second basis, for the other half of a non-UUID id's key
	fnvPrime   = 1099511628211
)

type hasher uint64

func (h *hasher) str(s string) {
	v := uint64(*h)
	for i := 0; i < len(s); i++ {
		v ^= uint64(s[i])
		v *= fnvPrime
	}
	// A separator, so that ("ab", "c") and ("a", "bc") differ.
	v ^= 0xff
	v *= fnvPrime
	*h = hasher(v)
}

func (h *hasher) num(n int64) {
	v := uint64(*h)
	for i := range 8 {
		v ^= uint64(byte(n >> (8 * i)))
		v *= fnvPrime
	}
	*h = hasher(v)
}

func (h *hasher) ts(t contactevents.Timestamp) { h.num(nanos(t)) }

func hashString(s string, basis uint64) uint64 {
	h := hasher(basis)
	h.str(s)
	return uint64(h)
}

func fingerprint(ev *contactevents.Event) uint64 {
	d := &ev.Detail
	h := hasher(fnvOffset)
	h.str(string(d.EventType))
	h.str(d.ContactID)
	h.str(string(d.Channel.Canonical()))
	h.str(string(d.InitiationMethod.Canonical()))
	h.str(d.InitialContactID)
	h.str(d.PreviousContactID)
	h.str(d.RelatedContactID)
	h.str(string(d.DisconnectReason))
	h.ts(ev.Time)
	h.ts(d.InitiationTimestamp)
	h.ts(d.ConnectedToSystemTimestamp)
	h.ts(d.DisconnectTimestamp)
	if q := d.QueueInfo; q != nil {
		h.str(q.QueueARN)
		h.ts(q.EnqueueTimestamp)
	} else {
		h.str("\x00no queueInfo")
	}
	if a := d.AgentInfo; a != nil {
		h.str(a.AgentARN)
		h.ts(a.ConnectedToAgentTimestamp)
		h.ts(a.AfterContactWorkStartTimestamp)
		h.ts(a.AfterContactWorkEndTimestamp)
		if a.AfterContactWorkDuration != nil {
			h.num(*a.AfterContactWorkDuration)
		} else {
			h.num(-1)
		}
	} else {
		h.str("\x00no agentInfo")
	}
	return uint64(h)
}

// parseUUID returns the 128 bits of a UUID in its canonical text form
// (8-4-4-4-12 lower-case hexadecimal digits, as AWS writes event ids) and
// whether s is one; formatUUID gives the text back.
func parseUUID(s string) (eventKey, bool) {
	var k eventKey
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return k, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			continue
		}
		c := s[i]
		var v byte
		switch {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		default:
			return eventKey{}, false
		}
		k[n/16] = k[n/16]<<4 | uint64(v)
		n++
	}
	return k, true
}

func formatUUID(k eventKey) string {
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", k[0]>>32, k[0]>>16&0xffff, k[0]&0xffff, k[1]>>48, k[1]&0xffffffffffff)
}
