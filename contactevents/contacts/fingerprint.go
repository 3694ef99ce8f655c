package contacts

import "fmt"

// An event's fingerprint is a 64-bit FNV-1a hash of what the fold reads
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

// fingerprint hashes the event's facts: its type, its texts as refs (an
// interned text by its content's hash, kept with it: the refs are the
// tracker's own, the hashes are not), its timestamps tv as Add reads them
// and its envelope's time.
func (t *Tracker) fingerprint(eventType string, refs *[numText]eventKey, tv *[numTime]int64, envelope int64) uint64 {
	h := hasher(hashBasis)
	h.str(eventType)
	for f, k := range refs {
		switch {
		case f < firstLink && k[1] != 0:
			h.mix(t.strHash[k[1]-1])
		case f < firstLink:
			h.mix(0)
		default:
			h.mix(k[0])
			h.mix(k[1])
		}
	}
	h.num(envelope)
	for _, v := range tv {
		h.num(v)
	}
	return uint64(h)
}

// parseUUID returns the 128 bits of a UUID in its canonical text form
// (8-4-4-4-12 lower-case hexadecimal digits, as AWS writes ids) and
// whether s is one; formatUUID gives the text back.
func parseUUID(s string) (eventKey, bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return eventKey{}, false
	}
	a, bad1 := hexDigits(s[0:8])
	b, bad2 := hexDigits(s[9:13])
	c, bad3 := hexDigits(s[14:18])
	d, bad4 := hexDigits(s[19:23])
	e, bad5 := hexDigits(s[24:36])
	if (bad1|bad2|bad3|bad4|bad5)&0x10 != 0 {
		return eventKey{}, false
	}
	return eventKey{a<<32 | b<<16 | c, d<<48 | e}, true
}

// hexDigits returns the value of s, hexadecimal digits, and 0x10 in bad if
// one is not a lower-case hexadecimal digit.
func hexDigits(s string) (v uint64, bad byte) {
	for i := 0; i < len(s); i++ {
		x := hexValue[s[i]]
		bad |= x
		v = v<<4 | uint64(x&0xf)
	}
	return v, bad
}

// hexValue is the value of a lower-case hexadecimal digit, 0x10 for any
// other byte.
var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = 0x10
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = byte(c-'a') + 10
	}
	return t
}()

func formatUUID(k eventKey) string {
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", k[0]>>32, k[0]>>16&0xffff, k[0]&0xffff, k[1]>>48, k[1]&0xffffffffffff)
}
