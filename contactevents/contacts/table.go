package contacts

// table finds a contact's slot by the key of its contact ID: an open
// addressing hash table of slot numbers (linear probing, at most half
// full), the keys being in the contacts themselves. It is 4 bytes a bucket,
// so that at 200,000 contacts (about 1.6 MB) it stays in the processor's
// caches, and a lookup costs one memory access to the contact it finds,
// which the fold reads anyway; a Go map of the 16-byte keys cost two or
// three more, the largest part of the fold's time.
type table struct {
	buckets []int32 // a slot plus one; 0 empty, -1 a deleted entry
	used    int     // buckets not empty (deleted ones included)
	live    int
}

const deleted = -1

func hashKey(k eventKey) uint64 {
	h := (k[0] ^ (k[1] * 0x9e3779b97f4a7c15)) * 0xbf58476d1ce4e5b9
	return h ^ h>>31
}

// find returns the slot of the contact with key k; rec gives a slot's
// contact.
func (t *table) find(k eventKey, rec func(int32) *contact) (int32, bool) {
	if len(t.buckets) == 0 {
		return 0, false
	}
	mask := uint64(len(t.buckets) - 1)
	for i := hashKey(k) & mask; ; i = (i + 1) & mask {
		switch b := t.buckets[i]; b {
		case 0:
			return 0, false
		case deleted:
		default:
			if rec(b-1).id == k {
				return b - 1, true
			}
		}
	}
}

// insert adds slot for key k, which is not in the table.
func (t *table) insert(k eventKey, slot int32, rec func(int32) *contact) {
	if 2*(t.used+1) > len(t.buckets) {
		t.grow(rec)
	}
	mask := uint64(len(t.buckets) - 1)
	i := hashKey(k) & mask
	for t.buckets[i] > 0 {
		i = (i + 1) & mask
	}
	if t.buckets[i] == 0 {
		t.used++
	}
	t.buckets[i] = slot + 1
	t.live++
}

// remove deletes the entry of key k.
func (t *table) remove(k eventKey, rec func(int32) *contact) {
	mask := uint64(len(t.buckets) - 1)
	for i := hashKey(k) & mask; t.buckets[i] != 0; i = (i + 1) & mask {
		if b := t.buckets[i]; b > 0 && rec(b-1).id == k {
			t.buckets[i] = deleted
			t.live--
			return
		}
	}
}

// grow rebuilds the table, twice as large as its live entries need (and
// without the deleted ones).
func (t *table) grow(rec func(int32) *contact) {
	old := t.buckets
	n := 64
	for n < 4*(t.live+1) {
		n *= 2
	}
	t.buckets = make([]int32, n)
	t.used, t.live = 0, 0
	mask := uint64(n - 1)
	for _, b := range old {
		if b <= 0 {
			continue
		}
		i := hashKey(rec(b-1).id) & mask
		for t.buckets[i] != 0 {
			i = (i + 1) & mask
		}
		t.buckets[i] = b
		t.used++
		t.live++
	}
}
