package pattern

import (
	"slices"
	"strings"
)

// A field named both beside "$or" and inside one of its branches, as in
// {"b": ["y"], "$or": [{"b": ["z"]}, {"c": ["w"]}]}: event-ruler (with its
// default, withOverriding) expands $or into one rule per branch and puts
// each field into it in document order, so that the later condition on the
// field replaces the earlier one: the pattern means b = z, or b = y and
// c = w. EventBridge documents nothing else. overrides rewrites the
// formula of one pattern object so. A field is its path, as event-ruler
// flattens patterns: {"detail": {"b": ...}, "$or": [{"detail": {"b":
// ...}}, ...]} overrides detail.b too, by giving the first "detail" object
// a formula without b where the branch names it (reroot). Pinned in
// TestDecisionFieldBesideAndInsideOr.

// overrides returns the conjunction of args (the fields and $or of one
// pattern object, in document order) with event-ruler's overriding: for
// each field path, in each branch, only the last leaf condition counts.
func (n *node) overrides(args []expr) expr {
	acc := expr{op: opAnd}
	for _, a := range args {
		var shared []string
		for _, k := range n.leafPaths(a) {
			if n.mentions(acc, k) && !slices.Contains(shared, k) {
				shared = append(shared, k)
			}
		}
		acc = n.conjoin(acc, a, shared)
	}
	return acc
}

// conjoin is acc and a, where in each branch of a that names one of the
// paths, acc's conditions on that path give way.
func (n *node) conjoin(acc, a expr, keys []string) expr {
	if len(keys) == 0 {
		if acc.op == opAnd {
			// Keep a plain object's formula one flat and.
			return expr{op: opAnd, args: append(acc.args[:len(acc.args):len(acc.args)], a)}
		}
		return and(acc, a)
	}
	k, rest := keys[0], keys[1:]
	return or(n.conjoin(n.drop(acc, k), n.with(a, k), rest), n.conjoin(acc, n.without(a, k), rest))
}

func and(a, b expr) expr { return expr{op: opAnd, args: []expr{a, b}} }
func or(a, b expr) expr  { return expr{op: opOr, args: []expr{a, b}} }

var never = expr{op: opOr} // false: an or of nothing

// A path is the keys from the node to a leaf term, joined by pathSep: the
// same field reached through two pattern objects for one key has one path.
const pathSep = "\x00"

// leafPaths returns the paths of the leaf terms in e, through the objects
// of its child terms.
func (n *node) leafPaths(e expr) []string {
	if e.op == opTerm {
		t := &n.terms[e.term]
		if t.leaf != nil {
			return []string{t.key}
		}
		var out []string
		for _, p := range t.child.leafPaths(t.child.roots[t.root]) {
			out = append(out, t.key+pathSep+p)
		}
		return out
	}
	var out []string
	for _, a := range e.args {
		out = append(out, n.leafPaths(a)...)
	}
	return out
}

// under tells where path is for term t: its own leaf (leaf), or under its
// object (inside, at rest).
func (t *term) under(path string) (rest string, inside, leaf bool) {
	if t.leaf != nil {
		return "", false, path == t.key
	}
	rest, inside = strings.CutPrefix(path, t.key+pathSep)
	return rest, inside, false
}

func (n *node) mentions(e expr, path string) bool {
	if e.op == opTerm {
		t := &n.terms[e.term]
		rest, inside, leaf := t.under(path)
		return leaf || inside && t.child.mentions(t.child.roots[t.root], rest)
	}
	for _, a := range e.args {
		if n.mentions(a, path) {
			return true
		}
	}
	return false
}

// reroot is the object term i of n with its object's formula f instead: a
// new root of the term's child node, owned by a new term of n.
func (n *node) reroot(i int, f expr) expr {
	t := n.terms[i]
	t.child.roots = append(t.child.roots, f)
	t.root = len(t.child.roots) - 1
	return n.add(t)
}

// drop is e with its leaf conditions on path taken as true.
func (n *node) drop(e expr, path string) expr {
	return n.rewrite(e, path, expr{op: opAnd}, (*node).drop)
}

// rewrite is e with its leaf terms on path replaced by leaf, and its object
// terms that hold path given the formula inner returns for their object.
func (n *node) rewrite(e expr, path string, leaf expr, inner func(c *node, f expr, rest string) expr) expr {
	if e.op != opTerm {
		return n.mapArgs(e, func(a expr) expr { return n.rewrite(a, path, leaf, inner) })
	}
	t := &n.terms[e.term]
	switch rest, inside, isLeaf := t.under(path); {
	case isLeaf:
		return leaf
	case inside && t.child.mentions(t.child.roots[t.root], rest):
		return n.reroot(e.term, inner(t.child, t.child.roots[t.root], rest))
	}
	return e
}

// with is the branches of e that hold a leaf condition on path.
func (n *node) with(e expr, path string) expr {
	switch e.op {
	case opTerm:
		t := &n.terms[e.term]
		switch rest, inside, leaf := t.under(path); {
		case leaf:
			return e
		case inside && t.child.mentions(t.child.roots[t.root], rest):
			// An object holds a formula's branches if one holds.
			return n.reroot(e.term, t.child.with(t.child.roots[t.root], rest))
		}
		return never
	case opOr:
		return n.mapArgs(e, func(a expr) expr { return n.with(a, path) })
	}
	// and: the first argument whose branch names path is i.
	var out []expr
	for i := range e.args {
		if !n.mentions(e.args[i], path) {
			continue
		}
		b := make([]expr, 0, len(e.args))
		for j, a := range e.args {
			switch {
			case j < i:
				a = n.without(a, path)
			case j == i:
				a = n.with(a, path)
			}
			b = append(b, a)
		}
		out = append(out, expr{op: opAnd, args: b})
	}
	return expr{op: opOr, args: out}
}

// without is the branches of e that hold no leaf condition on path.
func (n *node) without(e expr, path string) expr {
	return n.rewrite(e, path, never, (*node).without)
}

func (n *node) mapArgs(e expr, f func(expr) expr) expr {
	if e.op == opTerm {
		return e
	}
	out := expr{op: e.op, args: make([]expr, len(e.args))}
	for i, a := range e.args {
		out.args[i] = f(a)
	}
	return out
}
