package codec

// The maps and slices of a decoded event. A decode that keeps nothing
// builds none (nil). A decode into storage that the caller reuses from
// document to document (contactevents.Parser, whose previous event is
// overwritten) gets those of the previous documents' decodes again, so that
// decoding a stream of events allocates nothing once a few have been
// decoded; any other decode makes new ones.

// Recycler keeps the maps and slices that decodes made, by type, to hand
// them out again after Reset. The zero value is ready to use.
type Recycler struct {
	pools []pool
}

// pool holds the maps (M), slices (*[]T) or values (*T) of one type.
type pool struct {
	key   any   // a nil *M, *[]T or *T: the kind and type, as an interface compares it
	items []any // a map or a pointer in an interface costs no allocation
	n     int   // handed out since Reset
}

// Bounds on what a Recycler keeps: a document with many maps or slices, or
// one huge map, must not pin its storage (clearing a map costs its
// capacity).
const (
	recycledPerType = 32
	recycledMapLen  = 64
)

// Reset makes everything kept available again, for the next document.
func (r *Recycler) Reset() {
	for i := range r.pools {
		r.pools[i].n = 0
	}
}

// pool returns the pool whose key is given.
func (r *Recycler) pool(key any) *pool {
	for i := range r.pools {
		if r.pools[i].key == key {
			return &r.pools[i]
		}
	}
	r.pools = append(r.pools, pool{key: key})
	return &r.pools[len(r.pools)-1]
}

// take hands out the next item kept, if there is one.
func (p *pool) take() (any, bool) {
	if p.n < len(p.items) {
		p.n++
		return p.items[p.n-1], true
	}
	return nil, false
}

// put records item as handed out: in the place of the item take returned
// (taken), which the caller could not use, or as a new one, within the
// bound.
func (p *pool) put(item any, taken bool) {
	switch {
	case taken:
		p.items[p.n-1] = item
	case len(p.items) < recycledPerType:
		p.items = append(p.items, item)
		p.n++
	}
}

// NewMap returns an empty map with room for n entries, or nil when the
// decode keeps nothing. With r, it is a map of that type that r kept,
// cleared, while r has one.
func NewMap[M ~map[string]V, V any](keep bool, r *Recycler, n int) M {
	if !keep {
		return nil
	}
	if r == nil {
		return make(M, n)
	}
	p := r.pool((*M)(nil))
	item, taken := p.take()
	if m, ok := item.(M); ok && len(m) <= recycledMapLen {
		clear(m)
		return m
	}
	m := make(M, n) // a huge map is replaced rather than cleared
	p.put(m, taken)
	return m
}

// NewSlice returns an empty slice with room for n items, or nil when the
// decode keeps nothing. With r, it is backed by the array of a slice of
// that type that r kept, while r has one (what the decode appends past its
// capacity goes to a new array, as always).
func NewSlice[T any](keep bool, r *Recycler, n int) []T {
	if !keep {
		return nil
	}
	if r == nil {
		return make([]T, 0, n)
	}
	p := r.pool((*[]T)(nil))
	item, taken := p.take()
	if s, ok := item.(*[]T); ok {
		return (*s)[:0]
	}
	s := make([]T, 0, n)
	p.put(&s, taken)
	return s
}

// New returns a pointer to a zeroed T: with r, one that r kept, while it
// has one.
func New[T any](r *Recycler) *T {
	if r == nil {
		return new(T)
	}
	p := r.pool((*T)(nil))
	item, taken := p.take()
	if v, ok := item.(*T); ok {
		var zero T
		*v = zero
		return v
	}
	v := new(T)
	p.put(v, taken)
	return v
}
