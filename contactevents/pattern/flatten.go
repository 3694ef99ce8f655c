package pattern

import (
	"slices"
	"strings"
	"unsafe"

	"github.com/connectevents/sdk-go/internal/scan"
)

// A RuleSet match reads the event once (flatten), collecting the values of
// every field some rule names, by path, and the candidate rules from the
// index; it then evaluates each candidate's formulas on the collected
// values (evalNode), without reading the event again. Where the values of
// a path cannot tell which object each came from (an object inside an
// array, a second object at one path, a dotted key), the candidates are
// matched with Pattern.Match instead, which follows the event's structure.

// setState is the scratch space of one RuleSet match. Per-path and
// per-rule slots are valid when their epoch is the match's, so that
// nothing is cleared between events.
type setState struct {
	r     eventReader
	epoch uint32
	mark  []uint32 // per rule: the epoch in which it became a candidate
	cand  []int32

	head    []int32  // per path: the first of its leaves, an index in leaves
	headAt  []uint32 // per path: the epoch of head and objects
	objects []int32  // per path: the objects met at it
	leaves  []flatLeaf
	text    []byte // unescaped strings of leaves, which the reader's buffer does not keep
	tangled bool   // values cannot be told apart by object: use Pattern.Match
	buf     []byte // MatchEvent's encoding of the event
	terms   *state // the terms' scratch space for eval, as large as the largest rule's
}

// flatLeaf is one leaf value of the event, in the list of its path.
type flatLeaf struct {
	v    value
	next int32 // the next leaf of the same path, or -1
}

func newSetState(rules int, paths int32, terms int) *setState {
	return &setState{
		mark: make([]uint32, rules), head: make([]int32, paths), headAt: make([]uint32, paths),
		objects: make([]int32, paths), terms: newState(terms, 0),
	}
}

// match collects the candidate rules of the event in data and evaluates
// them.
func (sn *ruleSnapshot) match(st *setState, data []byte, dst []string) ([]string, error) {
	if len(sn.rules) <= directRules {
		return sn.try(allRules[:len(sn.rules)], data, dst)
	}
	r := &st.r
	if err := r.begin(data); err != nil {
		return dst, err
	}
	st.epoch++
	if st.epoch == 0 { // wrapped: forget every old mark
		clear(st.mark)
		clear(st.headAt)
		st.epoch = 1
	}
	st.cand, st.leaves, st.text, st.tangled = st.cand[:0], st.leaves[:0], st.text[:0], false
	st.members(sn.index)
	if err := r.finish(false); err != nil {
		return dst, err
	}
	st.cand = append(st.cand, sn.scan...)
	slices.Sort(st.cand)
	if st.tangled {
		return sn.try(st.cand, data, dst)
	}
	for _, i := range st.cand {
		if sn.eval(st, i) {
			dst = append(dst, sn.rules[i].Name)
		}
	}
	return dst, nil
}

// directRules is the size up to which a set tries each rule on the event
// without reading it first: reading it costs about one more Pattern.Match.
const directRules = 2

var allRules = []int32{0, 1}

// try runs the patterns of the rules on the event, in the order given.
func (sn *ruleSnapshot) try(rules []int32, data []byte, dst []string) ([]string, error) {
	n := len(dst)
	for _, i := range rules {
		ok, err := sn.rules[i].Pattern.Match(data)
		if err != nil {
			return dst[:n], err
		}
		if ok {
			dst = append(dst, sn.rules[i].Name)
		}
	}
	return dst, nil
}

// eval evaluates rule i on the collected values.
func (sn *ruleSnapshot) eval(st *setState, i int32) bool {
	root := sn.rules[i].Pattern.root
	st.evalNode(root, sn.paths[i], st.terms)
	return root.eval(st.terms, &root.roots[0])
}

// evalNode records in ps what each term of n saw among the collected
// values, as state.object does when it reads the event: paths holds the
// path id of each term.
func (st *setState) evalNode(n *node, paths []int32, ps *state) {
	clear(ps.matched[n.base : n.base+len(n.terms)])
	clear(ps.seen[n.base : n.base+len(n.terms)])
	for gi := range n.keys {
		g := &n.keys[gi]
		if g.child != nil {
			if id := paths[n.base+g.owners[0]]; st.headAt[id] == st.epoch && st.objects[id] > 0 {
				st.evalNode(g.child, paths, ps)
				for root, t := range g.owners {
					k := n.base + t
					ps.seen[k] = true
					ps.matched[k] = g.child.eval(ps, &g.child.roots[root])
				}
			}
		}
		if len(g.leaves) == 0 {
			continue
		}
		id := paths[n.base+g.leaves[0]]
		if st.headAt[id] != st.epoch {
			continue
		}
		for l := st.head[id]; l >= 0; l = st.leaves[l].next {
			ps.leaf(n, g, st.leaves[l].v)
		}
	}
}

// touch makes the slots of path id current.
func (st *setState) touch(id int32) {
	if st.headAt[id] != st.epoch {
		st.headAt[id], st.head[id], st.objects[id] = st.epoch, -1, 0
	}
}

// members reads the members of an event object at index x: those some
// rule names are read, the others skimmed.
func (st *setState) members(x *pathIndex) {
	st.r.members(func(key string) (read, stop bool) {
		next := x.lookup(key, &st.tangled)
		if next != nil {
			st.flattenValue(next)
		}
		return next != nil, false
	})
}

// lookup returns the index under key, reading a dotted key as a path, as
// the matcher does (which makes the values tangled: the dotted key is one
// more object at its first part).
func (x *pathIndex) lookup(key string, tangled *bool) *pathIndex {
	if next := x.children[key]; next != nil {
		return next
	}
	for x != nil {
		head, rest, ok := strings.Cut(key, ".")
		if !ok {
			return nil
		}
		if x = x.children[head]; x != nil {
			if next := x.children[rest]; next != nil {
				*tangled = true
				return next
			}
		}
		key = rest
	}
	return nil
}

// flattenValue reads the value of a member at index x: arrays at any depth,
// objects into x's children, leaves into x's list and the index.
func (st *setState) flattenValue(x *pathIndex) {
	r := &st.r
	for w := (memberValues{}); r.nextValue(&w); {
		if w.kind == scan.Object {
			st.flattenObject(x)
		} else {
			st.flattenLeaf(x)
		}
	}
}

// flattenObject reads an object at index x: its members some rule names
// are read, the others skimmed.
func (st *setState) flattenObject(x *pathIndex) {
	r := &st.r
	st.touch(x.id)
	if r.arrays > 0 || st.objects[x.id] > 0 {
		st.tangled = true // which object a value is in matters
	}
	st.objects[x.id]++
	if x.children == nil {
		r.s.Skim()
		return
	}
	st.members(x)
}

// flattenLeaf reads a leaf at index x into x's list, and looks its rules
// up in the index.
func (st *setState) flattenLeaf(x *pathIndex) {
	r := &st.r
	v, ok := r.leaf()
	if !ok {
		return
	}
	if v.kind == scan.String && len(v.text) > 0 && !r.inInput(v.text) {
		// Unescaped into the Scanner's buffer, which the next escaped
		// string overwrites: keep a copy.
		n := len(st.text)
		st.text = append(st.text, v.text...)
		v.text = unsafe.String(&st.text[n], len(v.text))
	}
	st.touch(x.id)
	st.leaves = append(st.leaves, flatLeaf{v: v, next: st.head[x.id]})
	st.head[x.id] = int32(len(st.leaves) - 1)
	if v.kind != scan.String {
		return
	}
	s := v.text
	st.candidates(x.exact[s])
	for _, n := range x.lengths {
		if n > len(s) {
			break
		}
		st.candidates(x.prefixes[s[:n]])
	}
}

func (st *setState) candidates(rules []int32) {
	for _, i := range rules {
		if st.mark[i] != st.epoch {
			st.mark[i] = st.epoch
			st.cand = append(st.cand, i)
		}
	}
}
