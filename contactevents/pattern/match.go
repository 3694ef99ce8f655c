package pattern

import (
	"errors"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/scan"
)

// ErrNotObject is returned by Match for an event that is valid JSON but not
// a JSON object: EventBridge events are objects.
var ErrNotObject = errors.New("event is not a JSON object")

// state is the scratch space of one match: the reader, and per term of the
// pattern whether one of its conditions matched and whether the event had a
// leaf (or, for an object term, an object) under its key. Pooled per
// Pattern, so that matching allocates nothing.
type state struct {
	r       eventReader
	matched []bool // per term
	seen    []bool // per term
	keys    []bool // per group: its key was met in the object being read
	done    bool   // the verdict is settled: stop reading
	buf     []byte // MatchEvent's encoding of the event
}

func newState(terms, groups int) *state {
	return &state{matched: make([]bool, terms), seen: make([]bool, terms), keys: make([]bool, groups)}
}

// Match reports whether the EventBridge event in data matches the pattern.
// It reads the event once and allocates nothing: it checks the keys and the
// values the pattern names (escapes, UTF-8, the number grammar), skips every
// other value by its structure alone (brackets matched, strings ended),
// without decoding or validating it, and stops as soon as it has met every
// member the pattern names outside arrays, since nothing after them can
// change the verdict of a well-formed event.
//
// The error is a *contactevents.SyntaxError (with line and column) for
// malformed JSON met on the way, or ErrNotObject; the verdict is then false.
// Events from EventBridge are well-formed; to check untrusted input,
// validate it (contactevents.Validate) as well.
//
// data may be any EventBridge event, not only a contact event.
func (p *Pattern) Match(data []byte) (bool, error) {
	st := p.pool.Get().(*state)
	ok, err := st.match(p.root, data)
	st.r.release() // keep no reference to the caller's event in the pool
	p.pool.Put(st)
	return ok, err
}

// MatchEvent reports whether a decoded event matches the pattern. It matches
// the event's canonical JSON (MarshalJSON: canonical key spellings and enum
// values, unknown members kept), which is what a producer using this SDK
// publishes; to match an event exactly as received, with its original
// spellings, use Match on its bytes.
func (p *Pattern) MatchEvent(ev *contactevents.Event) bool {
	st := p.pool.Get().(*state)
	st.buf = ev.AppendJSON(st.buf[:0])
	ok, err := st.match(p.root, st.buf)
	p.pool.Put(st)
	return ok && err == nil
}

func (st *state) match(root *node, data []byte) (bool, error) {
	r := &st.r
	if err := r.begin(data); err != nil {
		return false, err
	}
	st.done = false
	st.object(root, true)
	if err := r.finish(st.done); err != nil {
		return false, err
	}
	return root.eval(st, &root.roots[0]), nil
}

// object reads an event object against node n, recording what each term
// of n saw. outer says that every object around this one has met all the
// keys its node names: once this one has too, the verdict is settled.
func (st *state) object(n *node, outer bool) {
	clear(st.matched[n.base : n.base+len(n.terms)])
	clear(st.seen[n.base : n.base+len(n.terms)])
	clear(st.keys[n.gbase : n.gbase+len(n.keys)])
	met := 0
	st.r.members(func(key string) (read, stop bool) {
		i := n.group(key)
		if i < 0 {
			return n.nested && st.dotted(n, key), false
		}
		if !st.keys[n.gbase+i] {
			st.keys[n.gbase+i] = true
			met++
		}
		complete := outer && met == len(n.keys)
		st.member(n, &n.keys[i], complete)
		if !st.done && complete && st.r.arrays == 0 {
			st.done = true
		}
		return true, st.done
	})
}

// member reads the value of a member named by group g: each leaf (at any
// depth of arrays) goes to g's value lists, each object to g's child node.
func (st *state) member(n *node, g *group, complete bool) {
	r := &st.r
	for w := (memberValues{}); r.nextValue(&w); {
		switch {
		case w.kind != scan.Object:
			if v, ok := r.leaf(); ok {
				st.leaf(n, g, v)
			}
		case g.child == nil:
			r.s.Skim()
		default:
			st.object(g.child, complete)
			st.settle(n, g)
		}
	}
}

// leaf records that the terms of g, a group of n, saw the leaf v, and
// which of them it matched.
func (st *state) leaf(n *node, g *group, v value) {
	for _, t := range g.leaves {
		i := n.base + t
		st.seen[i] = true
		if st.matched[i] {
			continue
		}
		conds := n.terms[t].leaf.conds
		for k := range conds {
			if conds[k].matches(v) {
				st.matched[i] = true
				break
			}
		}
	}
}

// settle records, in the terms of n that own g's child node, the verdict
// of each of its roots on the object just read into it.
func (st *state) settle(n *node, g *group) {
	c := g.child
	for root, t := range g.owners {
		i := n.base + t
		st.seen[i] = true
		if !st.matched[i] && c.eval(st, &c.roots[root]) {
			st.matched[i] = true
		}
	}
}

// dotted reads the value of an event member whose key has dots and that n
// does not name as it is: "state.status" is read as the member "status" of
// an object "state", as event-ruler joins nested keys with dots (the
// pattern side is in compiler.field). The value counts as one more object
// under "state", beside any real one. It returns false, having read
// nothing, when n names no object under the first part.
func (st *state) dotted(n *node, key string) bool {
	head, rest, ok := strings.Cut(key, ".")
	if !ok {
		return false
	}
	i := n.group(head)
	if i < 0 || n.keys[i].child == nil {
		return false
	}
	c := n.keys[i].child
	clear(st.matched[c.base : c.base+len(c.terms)])
	clear(st.seen[c.base : c.base+len(c.terms)])
	if j := c.group(rest); j >= 0 {
		st.member(c, &c.keys[j], false)
	} else if !st.dotted(c, rest) {
		st.r.s.Skim()
	}
	st.settle(n, &n.keys[i])
	return true
}

// group returns the index of the terms of n on key, or -1.
func (n *node) group(key string) int {
	for i := range n.keys {
		if n.keys[i].key == key {
			return i
		}
	}
	return -1
}

// eval evaluates e, a formula of n, from what the terms saw in the object
// just read.
func (n *node) eval(st *state, e *expr) bool {
	switch e.op {
	case opTerm:
		t := &n.terms[e.term]
		i := n.base + e.term
		if t.leaf != nil {
			return st.matched[i] || (t.leaf.absent && !st.seen[i])
		}
		if st.seen[i] {
			return st.matched[i]
		}
		return t.child.empty[t.root]
	case opAnd:
		for i := range e.args {
			if !n.eval(st, &e.args[i]) {
				return false
			}
		}
		return true
	default:
		for i := range e.args {
			if n.eval(st, &e.args[i]) {
				return true
			}
		}
		return false
	}
}
