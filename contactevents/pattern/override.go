package pattern

import "slices"

// A field named both beside "$or" and inside one of its branches, as in
// {"b": ["y"], "$or": [{"b": ["z"]}, {"c": ["w"]}]}: event-ruler (with its
// default, withOverriding) expands $or into one rule per branch and puts
// each field into it in document order, so that the later condition on the
// field replaces the earlier one: the pattern means b = z, or b = y and
// c = w. EventBridge documents nothing else. overrides rewrites the
// formula of one pattern object so, for the fields of one event object;
// the same field reached through two pattern objects for the same key
// ({"detail": {"b": ...}, "$or": [{"detail": {"b": ...}}, ...]}) is and-ed
// instead, a difference pinned in TestDecisionFieldBesideAndInsideOr.

// overrides returns the conjunction of args (the fields and $or of one
// pattern object, in document order) with event-ruler's overriding: for
// each key, in each branch, only the last leaf condition counts.
func (n *node) overrides(args []expr) expr {
	acc := expr{op: opAnd}
	for _, a := range args {
		var shared []string
		for _, k := range n.leafKeys(a) {
			if n.mentions(acc, k) && !slices.Contains(shared, k) {
				shared = append(shared, k)
			}
		}
		acc = n.conjoin(acc, a, shared)
	}
	return acc
}

// conjoin is acc and a, where in each branch of a that names one of the
// keys, acc's conditions on that key give way.
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

// leafKeys returns the keys of the leaf terms in e.
func (n *node) leafKeys(e expr) []string {
	if e.op == opTerm {
		if t := &n.terms[e.term]; t.leaf != nil {
			return []string{t.key}
		}
		return nil
	}
	var keys []string
	for _, a := range e.args {
		keys = append(keys, n.leafKeys(a)...)
	}
	return keys
}

func (n *node) isLeafOn(e expr, k string) bool {
	return e.op == opTerm && n.terms[e.term].leaf != nil && n.terms[e.term].key == k
}

func (n *node) mentions(e expr, k string) bool {
	if n.isLeafOn(e, k) {
		return true
	}
	for _, a := range e.args {
		if n.mentions(a, k) {
			return true
		}
	}
	return false
}

// drop is e with its leaf conditions on k taken as true.
func (n *node) drop(e expr, k string) expr {
	if n.isLeafOn(e, k) {
		return expr{op: opAnd}
	}
	return n.mapArgs(e, func(a expr) expr { return n.drop(a, k) })
}

// with is the branches of e that hold a leaf condition on k.
func (n *node) with(e expr, k string) expr {
	switch {
	case n.isLeafOn(e, k):
		return e
	case e.op == opTerm:
		return never
	case e.op == opOr:
		return n.mapArgs(e, func(a expr) expr { return n.with(a, k) })
	}
	// and: the first argument whose branch names k is i.
	var out []expr
	for i := range e.args {
		if !n.mentions(e.args[i], k) {
			continue
		}
		b := make([]expr, 0, len(e.args))
		for j, a := range e.args {
			switch {
			case j < i:
				a = n.without(a, k)
			case j == i:
				a = n.with(a, k)
			}
			b = append(b, a)
		}
		out = append(out, expr{op: opAnd, args: b})
	}
	return expr{op: opOr, args: out}
}

// without is the branches of e that hold no leaf condition on k.
func (n *node) without(e expr, k string) expr {
	if n.isLeafOn(e, k) {
		return never
	}
	return n.mapArgs(e, func(a expr) expr { return n.without(a, k) })
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
