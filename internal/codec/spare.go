package codec

// A decode whose result nobody keeps (Validate) still needs somewhere to
// decode objects into: their rules read their fields, and their parent's
// rules ask whether they are present. Spare is that storage, kept by the
// pooled decoder across documents, so that once it has grown to the size
// of the documents it sees, such a decode allocates nothing. Maps and
// slices are not built at all in that mode (NewMap, NewSlice return nil; a
// map's keys are checked for uniqueness by Keys; see recycle.go).

// spareRetained bounds what a Spare keeps between documents: one document
// with thousands of objects must not pin their storage in the pool.
const spareRetained = 256

// Spare hands out zeroed values of T, reused document after document.
type Spare[T any] struct {
	chunks [][]T // each twice the size of the previous one
	chunk  int   // the chunk handing out values
	n      int   // values handed out of chunks[chunk]
}

// New returns a zeroed T, valid until Reset.
func (s *Spare[T]) New() *T {
	for s.chunk < len(s.chunks) {
		if c := s.chunks[s.chunk]; s.n < len(c) {
			s.n++
			return &c[s.n-1]
		}
		s.chunk, s.n = s.chunk+1, 0
	}
	s.chunks = append(s.chunks, make([]T, 4<<len(s.chunks)))
	s.n = 1
	return &s.chunks[s.chunk][0]
}

// Reset zeroes the values handed out (so that they hold no pointer into
// the last document, and New returns them zeroed) and makes them available
// again.
func (s *Spare[T]) Reset() {
	// Most of a decoder's spares hand out nothing for a given document:
	// this test is inlined into the generated reset, the clearing is not.
	if s.chunk != 0 || s.n != 0 {
		s.reset()
	}
}

// reset is Reset for a spare that handed out values.
func (s *Spare[T]) reset() {
	if s.chunk == 0 {
		// The first chunk had room for every value the document needed
		// (nearly always): no chunk was added since the last Reset, so
		// there is nothing to trim.
		clear(s.chunks[0][:s.n])
		s.n = 0
		return
	}
	for i := 0; i < s.chunk && i < len(s.chunks); i++ {
		clear(s.chunks[i])
	}
	if s.chunk < len(s.chunks) {
		clear(s.chunks[s.chunk][:s.n])
	}
	kept, size := 0, 0
	for kept < len(s.chunks) && size+len(s.chunks[kept]) <= spareRetained {
		size += len(s.chunks[kept])
		kept++
	}
	s.chunks = s.chunks[:kept:kept]
	s.chunk, s.n = 0, 0
}

// SpareSlot returns a zeroed T for a decode that keeps nothing: the next
// of slots (*used of them handed out), or, once they are all used, one of
// more, setting *spilled. The slots are the generated decoder's first
// values of every type, in one block cleared whole after each document
// (one clear, whichever types the document used, instead of one per type);
// more, the Spare of the type, needs its Reset only when *spilled.
func SpareSlot[T any](slots []T, used *uint8, more *Spare[T], spilled *bool) *T {
	if n := int(*used); n < len(slots) {
		*used = uint8(n + 1)
		return &slots[n]
	}
	*spilled = true
	return more.New()
}

// SpareSlotOf returns a pointer to a spare copy of v (see SpareSlot).
func SpareSlotOf[T any](slots []T, used *uint8, more *Spare[T], spilled *bool, v T) *T {
	p := SpareSlot(slots, used, more, spilled)
	*p = v
	return p
}

// Of returns a pointer to a spare copy of v, valid until Reset.
func (s *Spare[T]) Of(v T) *T {
	p := s.New()
	*p = v
	return p
}
