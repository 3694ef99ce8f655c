package contacts

// table finds a contact's slot by the key of its contact ID: an open
// addressing hash table (linear probing, at most half full) of buckets
// holding a slot number and 32 bits of its key's hash, the keys being in
// the contacts themselves. A lookup compares the hash bits first, so it
// reads only the contact it finds (which the fold reads anyway), not the
// contacts whose buckets it probes on the way: each of those was a cache
// miss (a contact not seen for a while is in main memory), and they were
// most of the fold's time. Growing reads no contact either. At 8 bytes a
// bucket, the table is 16 to 32 bytes a contact (3.2 MB at 200,000).
//
// A large table is itself out of the caches, a miss on every lookup; but a
// contact's events come within minutes, while a tracker holds its contacts
// for its eviction horizons (hours): the contacts of a stream's current
// events are few among the held ones. So a large table has a cache in
// front, recent: a small direct-mapped copy of the buckets of the contacts
// found last (64 KB, which stays in the processor's cache). A recent entry
// can be stale (its contact evicted, its slot reused): it is trusted only
// when the contact in its slot has the key, and otherwise the table
// decides.
type table struct {
	buckets []uint64 // hash<<32 | slot+1; 0 empty, slot bits all ones: a deleted entry
	used    int      // buckets not empty (deleted ones included)
	live    int
	recent  []uint64 // nil while the table is small; recentSize buckets, by the hash's low bits
}

const (
	recentSize = 1 << 13
	// recentFrom is the table size (in buckets: 512 KB) from which
	// recent is kept.
	recentFrom = 1 << 16
)

const (
	slotBits = 1<<32 - 1
	deleted  = slotBits
)

// hashKey returns 32 bits of a hash of k: where its bucket is, and what
// a bucket's entry must match before its contact is read.
func hashKey(k eventKey) uint64 {
	h := (k[0] ^ (k[1] * 0x9e3779b97f4a7c15)) * 0xbf58476d1ce4e5b9
	return (h ^ h>>31) >> 32
}

// find returns the slot of the contact with key k, in pages.
func (t *table) find(k eventKey, pages [][]contact) (int32, bool) {
	if len(t.buckets) == 0 {
		return 0, false
	}
	h := hashKey(k)
	var r *uint64
	if t.recent != nil {
		r = &t.recent[h&(recentSize-1)]
		if b := *r; b>>32 == h && b != 0 {
			if slot := int32(b&slotBits - 1); recIn(pages, slot).id == k {
				return slot, true
			}
		}
	}
	mask := uint64(len(t.buckets) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		b := t.buckets[i]
		if b == 0 {
			return 0, false
		}
		if b>>32 == h && b&slotBits != deleted {
			if slot := int32(b&slotBits - 1); recIn(pages, slot).id == k {
				if r != nil {
					*r = b
				}
				return slot, true
			}
		}
	}
}

// insert adds slot for key k, which is not in the table.
func (t *table) insert(k eventKey, slot int32) {
	if 2*(t.used+1) > len(t.buckets) {
		t.grow()
	}
	h := hashKey(k)
	mask := uint64(len(t.buckets) - 1)
	i := h & mask
	for b := t.buckets[i]; b != 0 && b&slotBits != deleted; b = t.buckets[i] {
		i = (i + 1) & mask
	}
	if t.buckets[i] == 0 {
		t.used++
	}
	t.buckets[i] = h<<32 | uint64(slot+1)
	t.live++
	if t.recent != nil {
		t.recent[h&(recentSize-1)] = t.buckets[i]
	}
}

// remove deletes the entry of key k, the key of slot.
func (t *table) remove(k eventKey, slot int32) {
	h := hashKey(k)
	want := h<<32 | uint64(slot+1)
	mask := uint64(len(t.buckets) - 1)
	for i := h & mask; t.buckets[i] != 0; i = (i + 1) & mask {
		if t.buckets[i] == want {
			t.buckets[i] = h<<32 | deleted
			t.live--
			return
		}
	}
}

// grow rebuilds the table, twice as large as its live entries need (and
// without the deleted ones), from the hash bits the buckets hold.
func (t *table) grow() {
	old := t.buckets
	n := 64
	for n < 4*(t.live+1) {
		n *= 2
	}
	t.buckets = make([]uint64, n)
	if n >= recentFrom && t.recent == nil {
		t.recent = make([]uint64, recentSize)
	}
	t.used, t.live = 0, 0
	mask := uint64(n - 1)
	for _, b := range old {
		if b == 0 || b&slotBits == deleted {
			continue
		}
		i := b >> 32 & mask
		for t.buckets[i] != 0 {
			i = (i + 1) & mask
		}
		t.buckets[i] = b
		t.used++
		t.live++
	}
}
