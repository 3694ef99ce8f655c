package codec

// The generated decoders keep the objects of one event in an arena: a
// struct with a few slots of each type, allocated once per event. These
// hand out its slots, counting in *used, and fall back to the heap (or to
// a Recycler) once a slab is full (arrays, recursion).

// Slot returns the next zeroed element of slab, or once it is full a new
// one (from r: see New).
func Slot[T any](slab []T, used *uint8, r *Recycler) *T {
	if n := int(*used); n < len(slab) {
		*used++
		return &slab[n]
	}
	return New[T](r)
}

// SlotOf returns the next element of slab, set to v.
func SlotOf[T any](slab []T, used *uint8, r *Recycler, v T) *T {
	p := Slot(slab, used, r)
	*p = v
	return p
}

// SliceOf returns an empty slice with room for n items, carved from slab
// while it has room (else see NewSlice).
func SliceOf[T any](slab []T, used *uint8, r *Recycler, n int) []T {
	if u := int(*used); u+n <= len(slab) {
		*used += uint8(n)
		return slab[u : u : u+n]
	}
	return NewSlice[T](true, r, n)
}
