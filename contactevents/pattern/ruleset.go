package pattern

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/connectevents/sdk-go/contactevents"
)

// Rule is a named pattern of a RuleSet: an EventBridge rule's name and its
// compiled event pattern.
type Rule struct {
	Name    string
	Pattern *Pattern
}

// RuleSet is a set of named patterns, matched against an event together,
// as EventBridge matches every rule of a bus (and as event-ruler's Machine
// and quamina do). Rules are added and removed at any time; matching is
// safe for concurrent use with them and with itself, and allocates nothing
// once warm.
//
// A match reads the event once, collecting the values of the fields the
// rules name, and evaluates on them the rules that could match: each rule
// is indexed by one condition that every event it matches must meet, an
// exact string (or a prefix, or a wildcard's literal start) on one field,
// looked up by hash, so that N rules on N different values cost about as
// much as one. A rule with no such condition (only anything-but, numeric,
// exists, or $or at the top) is evaluated on every event. The zero RuleSet
// is empty and ready to use.
type RuleSet struct {
	mu   sync.Mutex // serializes writers; readers load snap
	snap atomic.Pointer[ruleSnapshot]
}

// ErrNoPattern is returned by Add for a rule without a pattern.
var ErrNoPattern = errors.New("rule has no pattern")

// Add adds rules to the set; a rule with the name of one in the set
// replaces it. The rules are in effect for every match that starts after
// Add returns. Adding costs time linear in the size of the whole set, so
// add many rules in one call. A rule with a nil Pattern adds nothing and
// returns an error that wraps ErrNoPattern.
func (s *RuleSet) Add(rules ...Rule) error {
	for _, r := range rules {
		if r.Pattern == nil {
			return fmt.Errorf("rule %q: %w", r.Name, ErrNoPattern)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	byName := map[string]*Pattern{}
	for _, r := range s.current().rules {
		byName[r.Name] = r.Pattern
	}
	for _, r := range rules {
		byName[r.Name] = r.Pattern
	}
	s.snap.Store(newRuleSnapshot(byName))
	return nil
}

// Remove removes the rules of the names and returns how many it removed.
func (s *RuleSet) Remove(names ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	byName := map[string]*Pattern{}
	for _, r := range s.current().rules {
		byName[r.Name] = r.Pattern
	}
	n := len(byName)
	for _, name := range names {
		delete(byName, name)
	}
	if removed := n - len(byName); removed > 0 {
		s.snap.Store(newRuleSnapshot(byName))
		return removed
	}
	return 0
}

// Rules returns the rules of the set, by name.
func (s *RuleSet) Rules() []Rule {
	return slices.Clone(s.current().rules)
}

// Len returns the number of rules in the set.
func (s *RuleSet) Len() int { return len(s.current().rules) }

var emptySnapshot = newRuleSnapshot(nil)

func (s *RuleSet) current() *ruleSnapshot {
	if sn := s.snap.Load(); sn != nil {
		return sn
	}
	return emptySnapshot
}

// Match appends to dst the names of the rules that match the EventBridge
// event in data, in name order, and returns the extended slice; pass a
// reused dst[:0] to match without allocating. Matching reads the whole
// event once (skipping the members no rule names) and then runs
// Pattern.Match for each candidate rule; the error is that of
// Pattern.Match: a *contactevents.SyntaxError or ErrNotObject, with dst
// returned unchanged.
func (s *RuleSet) Match(data []byte, dst []string) ([]string, error) {
	sn := s.current()
	st := sn.pool.Get().(*setState)
	out, err := sn.match(st, data, dst)
	st.r.release() // keep no reference to the caller's event
	clear(st.leaves)
	sn.pool.Put(st)
	return out, err
}

// MatchEvent appends to dst the names of the rules that match the decoded
// event, matched as Pattern.MatchEvent does (on its canonical JSON).
func (s *RuleSet) MatchEvent(ev *contactevents.Event, dst []string) []string {
	sn := s.current()
	st := sn.pool.Get().(*setState)
	st.buf = ev.AppendJSON(st.buf[:0])
	out, _ := sn.match(st, st.buf, dst)
	sn.pool.Put(st)
	return out
}

// ruleSnapshot is an immutable state of a RuleSet: readers use the one
// they loaded while writers build the next (copy on write).
type ruleSnapshot struct {
	rules []Rule // by name
	index *pathIndex
	scan  []int32   // rules without an index condition, ascending
	paths [][]int32 // per rule, per term of its pattern: the id of its field path
	npath int32     // path ids in the index
	pool  sync.Pool
}

// pathIndex is the index of the rules at one field path: the rules whose
// index condition is on this field, by exact value and by prefix, and the
// fields under it.
type pathIndex struct {
	id       int32 // the field path's number, from 0 at the root
	children map[string]*pathIndex
	exact    map[string][]int32
	prefixes map[string][]int32
	lengths  []int // the distinct lengths of the prefixes, ascending
}

func newRuleSnapshot(byName map[string]*Pattern) *ruleSnapshot {
	sn := &ruleSnapshot{index: &pathIndex{}}
	for name, p := range byName {
		sn.rules = append(sn.rules, Rule{name, p})
	}
	slices.SortFunc(sn.rules, func(a, b Rule) int { return cmp.Compare(a.Name, b.Name) })
	// Each rule is indexed by its most selective required condition: the
	// one whose values the fewest other rules' conditions share.
	conds := make([][]indexCond, len(sn.rules))
	uses := map[string]int{}
	for i, r := range sn.rules {
		conds[i] = required(r.Pattern.root, &r.Pattern.root.roots[0], nil, nil)
		for _, c := range conds[i] {
			for _, k := range c.keys() {
				uses[k]++
			}
		}
	}
	for i := range sn.rules {
		best, cost := -1, 0
		for j, c := range conds[i] {
			n := 0
			for _, k := range c.keys() {
				n += uses[k]
			}
			if best < 0 || n < cost {
				best, cost = j, n
			}
		}
		if best < 0 {
			sn.scan = append(sn.scan, int32(i))
			continue
		}
		sn.index.add(conds[i][best], int32(i))
	}
	// Every field some rule names gets a path id, so that one read of
	// the event collects the values of them all.
	sn.npath = 1
	for _, r := range sn.rules {
		paths := make([]int32, r.Pattern.terms)
		sn.index.number(r.Pattern.root, paths, &sn.npath)
		sn.paths = append(sn.paths, paths)
	}
	n, np, terms := len(sn.rules), sn.npath, 0
	for _, r := range sn.rules {
		terms = max(terms, r.Pattern.terms)
	}
	sn.pool.New = func() any { return newSetState(n, np, terms) }
	return sn
}

// indexCond is a condition that every event a rule matches meets: a field
// (by path) has a string leaf equal to one of exact or starting with one
// of prefixes.
type indexCond struct {
	path     []string
	exact    []string
	prefixes []string
}

func (c indexCond) keys() []string {
	p := strings.Join(c.path, "\x00")
	var out []string
	for _, v := range c.exact {
		out = append(out, p+"\x01"+v)
	}
	for _, v := range c.prefixes {
		out = append(out, p+"\x02"+v)
	}
	return out
}

// required returns the index conditions of formula e of node n, reached at
// path: the leaf terms that e requires (and-ed down from the root, never
// under $or) whose every value is an exact string, a prefix or a wildcard
// with a literal start.
func required(n *node, e *expr, path []string, out []indexCond) []indexCond {
	switch e.op {
	case opAnd:
		for i := range e.args {
			out = required(n, &e.args[i], path, out)
		}
	case opTerm:
		t := &n.terms[e.term]
		p := append(path[:len(path):len(path)], t.key)
		if t.child != nil {
			return required(t.child, &t.child.roots[t.root], p, out)
		}
		c := indexCond{path: p}
		for _, cd := range t.leaf.conds {
			switch {
			case cd.kind == kindString:
				c.exact = append(c.exact, cd.str)
			case cd.kind == kindPrefix && cd.str != "":
				c.prefixes = append(c.prefixes, cd.str)
			case cd.kind == kindWildcard && len(cd.glob) == 1:
				c.exact = append(c.exact, cd.glob[0])
			case cd.kind == kindWildcard && cd.glob[0] != "":
				c.prefixes = append(c.prefixes, cd.glob[0])
			default:
				return out // a value the index cannot look up
			}
		}
		out = append(out, c)
	}
	return out
}

func (x *pathIndex) add(c indexCond, rule int32) {
	for _, k := range c.path {
		x = x.child(k)
	}
	for _, v := range c.exact {
		if x.exact == nil {
			x.exact = map[string][]int32{}
		}
		if l := x.exact[v]; len(l) == 0 || l[len(l)-1] != rule {
			x.exact[v] = append(l, rule)
		}
	}
	for _, v := range c.prefixes {
		if x.prefixes == nil {
			x.prefixes = map[string][]int32{}
		}
		if l := x.prefixes[v]; len(l) == 0 || l[len(l)-1] != rule {
			x.prefixes[v] = append(l, rule)
		}
		if i, found := slices.BinarySearch(x.lengths, len(v)); !found {
			x.lengths = slices.Insert(x.lengths, i, len(v))
		}
	}
}

// child returns the index under key, made if need be (with id 0, which
// number sets).
func (x *pathIndex) child(key string) *pathIndex {
	if x.children == nil {
		x.children = map[string]*pathIndex{}
	}
	next := x.children[key]
	if next == nil {
		next = &pathIndex{}
		x.children[key] = next
	}
	return next
}

// number records in paths the path id of every term of node n, which is
// at index x, numbering new paths from *next.
func (x *pathIndex) number(n *node, paths []int32, next *int32) {
	for i := range n.terms {
		t := &n.terms[i]
		c := x.child(t.key)
		if c.id == 0 {
			c.id = *next
			*next++
		}
		paths[n.base+i] = c.id
		if t.child != nil && (i == 0 || !slices.ContainsFunc(n.terms[:i], func(u term) bool { return u.child == t.child })) {
			c.number(t.child, paths, next)
		}
	}
}
