package codec

// The generated decoders keep the objects of one event in an arena: a
// struct with a few slots of each type, allocated once per event. These
// hand out its slots, counting in *used, and fall back to the heap once a
// slab is full (arrays, recursion).

// Slot returns the next zeroed element of slab.
func Slot[T any](slab []T, used *uint8) *T {
	if n := int(*used); n < len(slab) {
		*used++
		return &slab[n]
	}
	return new(T)
}

// SlotOf returns the next element of slab, set to v.
func SlotOf[T any](slab []T, used *uint8, v T) *T {
	p := Slot(slab, used)
	*p = v
	return p
}

// SliceOf returns an empty slice with room for n items, carved from slab.
func SliceOf[T any](slab []T, used *uint8, n int) []T {
	if u := int(*used); u+n <= len(slab) {
		*used += uint8(n)
		return slab[u : u : u+n]
	}
	return make([]T, 0, n)
}
