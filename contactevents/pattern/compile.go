package pattern

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/issue"
	"github.com/connectevents/sdk-go/internal/scan"
)

// maxDepth bounds the nesting of a pattern and of an event: far above any
// real rule or event, low enough that a hostile document cannot exhaust the
// stack.
const maxDepth = 128

// Pattern is a compiled EventBridge event pattern. It is immutable and safe
// for concurrent use by any number of goroutines.
type Pattern struct {
	root   *node
	terms  int       // terms over all nodes: the size of a match's scratch state
	groups int       // keys over all nodes, idem
	pool   sync.Pool // of *state
}

// Error is an event pattern that EventBridge would reject: malformed JSON
// (Err is then the *SyntaxError with its line and column) or JSON that is not
// a valid pattern, located by the JSON Pointer of the offending value.
type Error struct {
	// Pointer is the JSON Pointer of the offending value in the pattern;
	// "" is the whole pattern.
	Pointer string
	// Msg says what is wrong, lower-case.
	Msg string
	// Err is the *contactevents.SyntaxError for malformed JSON, or nil.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return "event pattern: " + e.Err.Error()
	}
	loc := e.Pointer
	if loc == "" {
		loc = "(root)"
	}
	return "event pattern " + loc + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// node is the part of a pattern that applies to one object of the event:
// the root, or the object under a key. The terms of every $or branch that
// addresses the same object live in the same node, and so do all the
// objects a pattern gives for the same key (one root expression each), so
// that the matcher reads each member of the event once.
type node struct {
	base  int     // index of terms[0] in the matcher's scratch state
	gbase int     // index of keys[0] in the matcher's scratch state
	terms []term  // the node's conditions, each on one key
	keys  []group // terms by key, in first-seen order
	roots []expr  // one formula per pattern object merged into this node
	empty []bool  // per root: its verdict on an object without any member
	// nested: some key has an object, which a dotted key of the event
	// may address (the matcher looks for dots only then)
	nested bool
}

// group is every term of a node on one key.
type group struct {
	key    string
	leaves []int // terms with value lists
	child  *node // the object under key, or nil
	owners []int // owners[r]: the term of this node whose object is child's root r
}

// term is one key of a pattern object: a list of values (leaf) or an
// object (child and root).
type term struct {
	key   string
	ptr   string // JSON Pointer of the key's value in the pattern
	leaf  *leaf
	child *node
	root  int
}

// leaf is a list of values and operators on one key: the key matches when
// any of them does. exists and absent record {"exists": true|false}.
type leaf struct {
	conds  []cond
	exists bool
	absent bool
}

type exprOp uint8

const (
	opTerm exprOp = iota
	opAnd
	opOr
)

// expr is a node's formula: fields are and-ed, $or branches or-ed.
type expr struct {
	op   exprOp
	term int // opTerm: index in the node's terms
	args []expr
}

// Compile parses and checks an EventBridge event pattern. The error for a
// pattern EventBridge would reject is an *Error.
func Compile(data []byte) (*Pattern, error) {
	c := compiler{}
	c.s.Reset(data, maxDepth)
	if k := c.s.Peek(); k != scan.Object {
		if err := c.syntax(); err != nil {
			return nil, err
		}
		return nil, &Error{Msg: "an event pattern is a JSON object, not " + article(k)}
	}
	root := &node{}
	e, err := c.object(root, "", false)
	if err != nil {
		return nil, err
	}
	root.roots = []expr{e}
	if !c.s.Finish() {
		return nil, c.syntax()
	}
	if err := root.checkComplexity(); err != nil {
		return nil, err
	}
	p := &Pattern{root: root}
	p.terms, p.groups = root.finish(0, 0)
	p.pool.New = func() any { return newState(p.terms, p.groups) }
	return p, nil
}

// MustCompile is Compile for patterns known to be valid, such as constants
// in a program; it panics on an invalid pattern.
func MustCompile(data string) *Pattern {
	p, err := Compile([]byte(data))
	if err != nil {
		panic(err)
	}
	return p
}

type compiler struct {
	s scan.Scanner
}

// syntax returns the scanner's syntax error as an *Error, or nil.
func (c *compiler) syntax() error {
	err := c.s.Err()
	if err == nil {
		return nil
	}
	var se *scan.SyntaxError
	errors.As(err, &se)
	return &Error{Msg: se.Msg, Err: &contactevents.SyntaxError{Offset: se.Offset, Line: se.Line, Column: se.Column, Msg: se.Msg}}
}

// fail returns the syntax error if the scanner met one (it explains the
// failure better), else the pattern error at ptr.
func (c *compiler) fail(ptr, format string, args ...any) error {
	if err := c.syntax(); err != nil {
		return err
	}
	return &Error{Pointer: ptr, Msg: fmt.Sprintf(format, args...)}
}

// object compiles the pattern object at ptr into n and returns its formula.
// Inside an $or branch, field names that are operators are refused, as
// EventBridge refuses them.
func (c *compiler) object(n *node, ptr string, inOr bool) (expr, error) {
	if !c.s.BeginObject() {
		return expr{}, c.fail(ptr, "expected an object")
	}
	var and []expr
	seen := map[string]bool{}
	for key, ok := c.s.NextKey(); ok; key, ok = c.s.NextKey() {
		kp := ptr + "/" + issue.EscapeToken(key)
		if seen[key] {
			return expr{}, c.fail(kp, "duplicate key %q", key)
		}
		seen[key] = true
		if key == "$or" {
			e, err := c.or(n, kp, inOr)
			if err != nil {
				return expr{}, err
			}
			and = append(and, e)
			continue
		}
		if inOr && isOperator(key) {
			return expr{}, c.fail(kp, "%q is an operator name and cannot be a field inside $or", key)
		}
		e, err := c.field(n, key, kp, inOr)
		if err != nil {
			return expr{}, err
		}
		and = append(and, e)
	}
	if err := c.syntax(); err != nil {
		return expr{}, err
	}
	if len(and) == 0 {
		return expr{}, c.fail(ptr, "empty objects are not allowed")
	}
	return n.overrides(and), nil
}

// field compiles the member key of a pattern object, at ptr, into n. A
// key with dots is the path of nested objects, as event-ruler reads it
// (it joins the keys of nested objects with dots): {"state.status": [...]}
// is {"state": {"status": [...]}}, and the matcher reads an event's
// dotted key the same way.
func (c *compiler) field(n *node, key, kp string, inOr bool) (expr, error) {
	if head, rest, ok := strings.Cut(key, "."); ok {
		child, root := n.childFor(head)
		e, err := c.field(child, rest, kp, inOr)
		if err != nil {
			return expr{}, err
		}
		child.roots = append(child.roots, e)
		return n.add(term{key: head, ptr: kp, child: child, root: root}), nil
	}
	switch c.s.Peek() {
	case scan.Object:
		child, root := n.childFor(key)
		e, err := c.object(child, kp, inOr)
		if err != nil {
			return expr{}, err
		}
		child.roots = append(child.roots, e)
		return n.add(term{key: key, ptr: kp, child: child, root: root}), nil
	case scan.Array:
		l, err := c.leaf(kp)
		if err != nil {
			return expr{}, err
		}
		return n.add(term{key: key, ptr: kp, leaf: l}), nil
	default:
		if _, ok := c.s.Skip(); !ok {
			return expr{}, c.syntax()
		}
		return expr{}, c.fail(kp, "the value of %q must be an object or an array of values", key)
	}
}

// or compiles "$or": an array of at least two objects on the same event
// object as the one holding it.
func (c *compiler) or(n *node, ptr string, inOr bool) (expr, error) {
	if c.s.Peek() != scan.Array {
		c.s.Skip()
		return expr{}, c.fail(ptr, "$or must be an array of at least 2 objects")
	}
	c.s.BeginArray()
	var branches []expr
	for i := 0; c.s.NextElement(); i++ {
		bp := ptr + "/" + strconv.Itoa(i)
		if c.s.Peek() != scan.Object {
			return expr{}, c.fail(bp, "each element of $or must be an object")
		}
		e, err := c.object(n, bp, true)
		if err != nil {
			return expr{}, err
		}
		branches = append(branches, e)
	}
	if err := c.syntax(); err != nil {
		return expr{}, err
	}
	if len(branches) < 2 {
		return expr{}, c.fail(ptr, "$or must be an array of at least 2 objects")
	}
	return expr{op: opOr, args: branches}, nil
}

// leaf compiles a list of values and operators.
func (c *compiler) leaf(ptr string) (*leaf, error) {
	c.s.BeginArray()
	l := &leaf{}
	n := 0
	for ; c.s.NextElement(); n++ {
		ep := ptr + "/" + strconv.Itoa(n)
		switch c.s.Peek() {
		case scan.Object:
			cd, err := c.operator(ep)
			if err != nil {
				return nil, err
			}
			switch cd.kind {
			case kindExists:
				l.exists = true
			case kindAbsent:
				l.absent = true
			}
			l.conds = append(l.conds, cd)
		case scan.Array:
			c.s.Skip()
			return nil, c.fail(ep, "a value in a pattern must be a string, number, true, false, null or an operator object, not an array")
		default:
			v, ok := c.scalar()
			if !ok {
				return nil, c.syntax()
			}
			cd, err := exact(v, ep)
			if err != nil {
				return nil, err
			}
			l.conds = append(l.conds, cd)
		}
	}
	if err := c.syntax(); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, c.fail(ptr, "empty arrays are not allowed")
	}
	return l, nil
}

// scalar reads a string, number, boolean or null.
func (c *compiler) scalar() (value, bool) {
	switch k := c.s.Peek(); k {
	case scan.String:
		s, ok := c.s.ReadString()
		return value{kind: k, text: s}, ok
	case scan.Number:
		s, ok := c.s.ReadNumber()
		return value{kind: k, text: s}, ok
	case scan.True, scan.False:
		_, ok := c.s.ReadBool()
		return value{kind: k}, ok
	case scan.Null:
		return value{kind: k}, c.s.ReadNull()
	}
	c.s.Skip()
	return value{}, false
}

// childFor returns the node for the object under key, shared by every
// object the pattern gives for key at this node, and the root index the
// next one gets.
func (n *node) childFor(key string) (*node, int) {
	for i := range n.keys {
		if g := &n.keys[i]; g.key == key && g.child != nil {
			return g.child, len(g.child.roots)
		}
	}
	return &node{}, 0
}

// add appends t to the node's terms and groups, and returns its formula.
func (n *node) add(t term) expr {
	i := len(n.terms)
	n.terms = append(n.terms, t)
	var g *group
	for j := range n.keys {
		if n.keys[j].key == t.key {
			g = &n.keys[j]
		}
	}
	if g == nil {
		n.keys = append(n.keys, group{key: t.key})
		g = &n.keys[len(n.keys)-1]
	}
	if t.leaf != nil {
		g.leaves = append(g.leaves, i)
	} else {
		g.child = t.child
		g.owners = append(g.owners, i)
	}
	return expr{op: opTerm, term: i}
}

// finish numbers the terms and groups of n and its descendants from base
// and gbase, computes each root's verdict on an empty object, and returns
// the next free indexes.
func (n *node) finish(base, gbase int) (int, int) {
	n.base, n.gbase = base, gbase
	next, gnext := base+len(n.terms), gbase+len(n.keys)
	for _, g := range n.keys {
		if g.child != nil {
			next, gnext = g.child.finish(next, gnext)
			n.nested = true
		}
	}
	n.empty = make([]bool, len(n.roots))
	for r := range n.roots {
		n.empty[r] = n.evalEmpty(&n.roots[r])
	}
	return next, gnext
}

// evalEmpty evaluates e on an object without members: only exists:false
// holds, at any depth.
func (n *node) evalEmpty(e *expr) bool {
	switch e.op {
	case opTerm:
		t := &n.terms[e.term]
		if t.leaf != nil {
			return t.leaf.absent
		}
		return t.child.empty[t.root]
	case opAnd:
		for i := range e.args {
			if !n.evalEmpty(&e.args[i]) {
				return false
			}
		}
		return true
	default:
		for i := range e.args {
			if n.evalEmpty(&e.args[i]) {
				return true
			}
		}
		return false
	}
}

func article(k scan.Kind) string {
	switch k {
	case scan.Array:
		return "an array"
	case scan.Object:
		return "an object"
	case scan.Invalid:
		return "empty input"
	}
	return "a " + k.String()
}
