package pattern

import (
	"errors"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/scan"
)

// ErrNotObject is returned by Match for an event that is valid JSON but not
// a JSON object: EventBridge events are objects.
var ErrNotObject = errors.New("event is not a JSON object")

// state is the scratch space of one match: the scanner, and per term of the
// pattern whether one of its conditions matched and whether the event had a
// leaf (or, for an object term, an object) under its key. Pooled per
// Pattern, so that matching allocates nothing.
type state struct {
	s       scan.Scanner
	matched []bool // per term
	seen    []bool // per term
	keys    []bool // per group: its key was met in the object being read
	arrays  int    // arrays entered on the way to the current value
	done    bool   // the verdict is settled: stop reading
	buf     []byte // MatchEvent's encoding of the event
}

func newState(terms, groups int) *state {
	return &state{matched: make([]bool, terms), seen: make([]bool, terms), keys: make([]bool, groups)}
}

// Match reports whether the EventBridge event in data matches the pattern.
// It reads the event once, looks only at the members the pattern names and
// skips the others without decoding them, and allocates nothing (except to
// unescape a string with escapes that the pattern reads). It stops reading
// as soon as it has met every member the pattern names (outside arrays):
// nothing after them can change the verdict of a well-formed event.
//
// The error is a *contactevents.SyntaxError for malformed JSON met before
// that point (with line and column), or ErrNotObject; the verdict is then
// false. Events from EventBridge are well-formed; to check untrusted input,
// validate it (contactevents.Validate) as well.
//
// data may be any EventBridge event, not only a contact event.
func (p *Pattern) Match(data []byte) (bool, error) {
	st := p.pool.Get().(*state)
	ok, err := st.match(p.root, data)
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
	s := &st.s
	s.ResetView(data, maxDepth)
	if s.Peek() != scan.Object {
		if _, ok := s.Skip(); ok && s.Finish() {
			return false, ErrNotObject
		}
		return false, st.err()
	}
	st.done, st.arrays = false, 0
	st.object(root, true)
	if !st.done && !s.Finish() || s.Err() != nil {
		return false, st.err()
	}
	return root.eval(st, &root.roots[0]), nil
}

// err returns the scanner's first syntax error.
func (st *state) err() error {
	if errs := st.s.Errors(); len(errs) > 0 {
		return errs[0]
	}
	return ErrNotObject
}

// object reads an event object against node n, recording what each term
// of n saw. outer says that every object around this one has met all the
// keys its node names: once this one has too, the verdict is settled.
func (st *state) object(n *node, outer bool) {
	clear(st.matched[n.base : n.base+len(n.terms)])
	clear(st.seen[n.base : n.base+len(n.terms)])
	clear(st.keys[n.gbase : n.gbase+len(n.keys)])
	met := 0
	s := &st.s
	s.BeginObject()
	for key, ok := s.NextKey(); ok; key, ok = s.NextKey() {
		i := n.group(key)
		if i < 0 {
			s.Skip()
			continue
		}
		if !st.keys[n.gbase+i] {
			st.keys[n.gbase+i] = true
			met++
		}
		complete := outer && met == len(n.keys)
		st.member(n, &n.keys[i], complete)
		if st.done {
			return
		}
		if complete && st.arrays == 0 {
			st.done = true
			return
		}
	}
}

// member reads the value of a member named by group g: each leaf (at any
// depth of arrays) goes to g's value lists, each object to g's child node.
func (st *state) member(n *node, g *group, complete bool) {
	s := &st.s
	switch s.Peek() {
	case scan.Array:
		st.arrays++
		s.BeginArray()
		for s.NextElement() {
			st.member(n, g, complete)
		}
		st.arrays--
	case scan.Object:
		if g.child == nil {
			s.Skip()
			return
		}
		c := g.child
		st.object(c, complete)
		for r, t := range g.owners {
			i := n.base + t
			st.seen[i] = true
			if !st.matched[i] && c.eval(st, &c.roots[r]) {
				st.matched[i] = true
			}
		}
	default:
		if len(g.leaves) == 0 {
			s.Skip()
			return
		}
		v, ok := st.leaf()
		if !ok {
			return
		}
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
}

// leaf reads a string, number, boolean or null.
func (st *state) leaf() (value, bool) {
	s := &st.s
	switch k := s.Peek(); k {
	case scan.String:
		t, ok := s.ReadString()
		return value{kind: k, text: t}, ok
	case scan.Number:
		t, ok := s.ReadNumber()
		return value{kind: k, text: t}, ok
	case scan.True, scan.False:
		_, ok := s.ReadBool()
		return value{kind: k}, ok
	case scan.Null:
		return value{kind: k}, s.ReadNull()
	}
	s.Skip() // records the syntax error
	return value{}, false
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
