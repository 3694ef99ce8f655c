package contacts

import (
	"fmt"
	"math/bits"
)

// An event's fingerprint is a 64-bit hash of what the fold reads
// from it: its type, the contact's identity, links, queue, agent,
// disconnect reason, every timestamp the summary uses and the envelope's
// time. Two deliveries of one event have the same; an event id with two
// fingerprints is an event id with two contents, a conflict. A member the
// fold does not read (tags, routing criteria, metrics) cannot change a
// summary, so it is not compared: hashing the whole event would cost its
// canonical encoding (about a fifth of Parse) on every event. The hash is
// fixed (not seeded per process), so trackers of different processes merge.
// It detects accidents (a replay that changed, a producer that reuses ids),
// not an adversary.

// The hash: 8 bytes a step, each multiplied by an odd constant and folded
// (a multiply-xorshift mix); fast on the ARNs, which are most of the bytes.
const (
	hashBasis  = 0xcbf29ce484222325
	hashBasis2 = 0x6c62272e07bb0142 // a second basis, for the other half of a hashed id's key
	hashMul    = 0x9e3779b97f4a7c15
)

type hasher uint64

func (h *hasher) mix(v uint64) {
	x := (uint64(*h) ^ v) * hashMul
	*h = hasher(x ^ x>>32)
}

func (h *hasher) str(s string) {
	for len(s) >= 8 {
		h.mix(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
		s = s[8:]
	}
	var tail uint64
	for i := 0; i < len(s); i++ {
		tail |= uint64(s[i]) << (8 * i)
	}
	// The length goes in too, so that ("ab", "c") and ("a", "bc") differ.
	h.mix(tail ^ uint64(len(s))<<59)
}

func (h *hasher) num(n int64) { h.mix(uint64(n)) }

// hashString returns the hash of s (of an interned text, for fingerprints).
func hashString(s string) uint64 {
	h := hasher(hashBasis)
	h.str(s)
	return uint64(h)
}

// idKey returns the key of an id: its bits when it is a UUID (whose first
// half is not 0, which stands for an interned text), else a 128-bit hash of
// it (hashed: its text must be kept beside).
func idKey(s string) (k eventKey, hashed bool) {
	if k, ok := parseUUID(s); ok && k[0] != 0 {
		return k, false
	}
	a, b := hasher(hashBasis), hasher(hashBasis2)
	a.str(s)
	b.str(s)
	k = eventKey{uint64(a), uint64(b)}
	if k[0] == 0 {
		k[0] = 1
	}
	return k, true
}

// fingerprint hashes the event's facts: its type, which facts it carries,
// its texts as refs (an interned text by its content's hash, kept with it:
// the refs are the tracker's own, the hashes are not), its timestamps as
// Add reads them and its envelope's time.
func (t *Tracker) fingerprint(eventType string, e *facts, envelope int64) uint64 {
	h := hasher(hashBasis)
	h.str(eventType)
	h.mix(uint64(e.texts)<<16 | uint64(e.times))
	for m := e.texts; m != 0; m &= m - 1 {
		f := bits.TrailingZeros16(m)
		if k := e.refs[f]; f < firstLink {
			h.mix(t.strHash[k[1]-1])
		} else {
			h.mix(k[0])
			h.mix(k[1])
		}
	}
	h.num(envelope)
	for m := e.times; m != 0; m &= m - 1 {
		h.num(e.tv[bits.TrailingZeros16(m)])
	}
	return uint64(h)
}

// parseUUID returns the 128 bits of a UUID in its canonical text form
// (8-4-4-4-12 lower-case hexadecimal digits, as AWS writes ids) and
// whether s is one; formatUUID gives the text back. Every event has two
// (its id, its contact's), so the digits go 8 at a time (hex8).
func parseUUID(s string) (eventKey, bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return eventKey{}, false
	}
	a, ok1 := hex8(load32(s[0:4]) | load32(s[4:8])<<32)
	b, ok2 := hex8(load32(s[9:13]) | load32(s[14:18])<<32)
	c, ok3 := hex8(load32(s[19:23]) | load32(s[24:28])<<32)
	d, ok4 := hex8(load32(s[28:32]) | load32(s[32:36])<<32)
	if !(ok1 && ok2 && ok3 && ok4) {
		return eventKey{}, false
	}
	return eventKey{a<<32 | b, c<<32 | d}, true
}

// load32 returns the first 4 bytes of s, the first the lowest.
func load32(s string) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// hex8 returns the value of 8 lower-case hexadecimal digits, the bytes of
// v (the first digit the lowest byte), and whether they are all digits;
// all 8 at once, a byte a lane (small enough to be inlined).
func hex8(v uint64) (uint64, bool) {
	const ones = 0x0101010101010101
	// A digit's value: its low 4 bits, plus 9 for a letter (bit 6 set).
	n := v&(0x0f*ones) + (v>>6&ones)*9 // 0 to 24 a lane: no carry
	// Valid when every lane is below 16 and the digit of its value ('0'+n
	// below 10, else 'a'+n-10) is the byte.
	bad := (n+0x70*ones)&(0x80*ones) | ((n + 0x30*ones + ((n+0x76*ones)>>7&ones)*0x27) ^ v)
	// Pack the lanes' nibbles, the first digit the highest.
	p := (n<<4 | n>>8) & 0x00ff00ff00ff00ff // digit pairs, in the even bytes
	p = (p | p>>8) & 0x0000ffff0000ffff     // pairs of pairs, in the low half of each 32 bits
	return uint64(bits.ReverseBytes32(uint32(p) | uint32(p>>32)<<16)), bad == 0
}

func formatUUID(k eventKey) string {
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", k[0]>>32, k[0]>>16&0xffff, k[0]&0xffff, k[1]>>48, k[1]&0xffffffffffff)
}
