package pattern

import (
	"fmt"
	"slices"
)

// checkComplexity refuses a pattern one of whose fields has wildcard
// operands (wildcard and anything-but wildcard, over every $or branch, as
// event-ruler puts them in one machine) above maxWildcardComplexity.
func (n *node) checkComplexity() error {
	for _, g := range n.keys {
		var globs [][]string
		ptr := ""
		for _, t := range g.leaves {
			for _, c := range n.terms[t].leaf.conds {
				switch c.kind {
				case kindWildcard:
					globs = append(globs, c.glob)
				case kindButWildcard:
					globs = append(globs, c.globs...)
				default:
					continue
				}
				if ptr == "" {
					ptr = c.ptr
				}
			}
		}
		if globs != nil {
			if cx := wildcardComplexity(globs, maxWildcardComplexity+1); cx > maxWildcardComplexity {
				return &Error{Pointer: ptr, Msg: fmt.Sprintf("the wildcards of %q are too complex for EventBridge (\"Rule is too complex\"): a value can match over %d of their prefixes at once; use fewer '*', or prefix and suffix", g.key, maxWildcardComplexity)}
			}
		}
		if g.child != nil {
			if err := g.child.checkComplexity(); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxWildcardComplexity is the most wildcard rule prefixes that one value
// may match at once, over the wildcard conditions of one field of a
// pattern. event-ruler measures this (MachineComplexityEvaluator: the
// largest number of states of the wildcard automaton that one input can
// occupy at the same time) and EventBridge refuses a pattern over its limit
// with "Rule is too complex"; the limit itself is not published. The value
// here is a decision, pinned in TestDecisionWildcardComplexity, between
// what AWS was seen to accept and to refuse: three "*:stack/NAME/*"
// operands on one field measure 9 and were accepted, four measure 12 and
// "*:*:*:*:*:event-bus/*" measures 11, both refused; the User Guide's
// busiest ("*/bin/*.jar" with "*/bin/*.class") measures 8.
const maxWildcardComplexity = 10

// complexityStates bounds the sets of automaton positions the measure
// explores; a field whose wildcards need more is too complex by itself.
const complexityStates = 1 << 12

// wildcardComplexity is event-ruler's complexity of the wildcard operands
// (each split into segments by splitGlob) of one field: the largest number
// of prefixes of the operands that one non-empty value matches at once,
// where a prefix of an operand is its first k characters and wildcards for
// every k >= 1, and the same prefix of two operands counts twice. It stops
// counting at limit.
//
// The operands are one automaton whose positions are (operand, characters
// and wildcards consumed); the measure is the largest set of positions one
// value reaches. Each set explored has fewer than limit positions (the
// search stops at the first that has limit), so a step costs O(limit)
// whatever the operands' length, and only the bytes the positions name,
// plus one byte for all the others, lead to different sets.
func wildcardComplexity(globs [][]string, limit int) int {
	type pos struct {
		tok  int16 // the token after the position: a byte, star, or end
		loop bool  // the token before it is a star: any byte stays here
	}
	const star, end = -1, -2
	var ps []pos
	var start []int32
	for _, segs := range globs {
		start = append(start, int32(len(ps)))
		loop := false
		for i, seg := range segs {
			if i > 0 {
				ps = append(ps, pos{tok: star, loop: loop})
				loop = true
			}
			for j := 0; j < len(seg); j++ {
				ps = append(ps, pos{tok: int16(seg[j]), loop: loop})
				loop = false
			}
		}
		ps = append(ps, pos{tok: end, loop: loop})
	}
	// closure adds the position after each star: a star matches nothing too.
	closure := func(set []int32) []int32 {
		for i := 0; i < len(set); i++ {
			if ps[set[i]].tok == star && !slices.Contains(set, set[i]+1) {
				set = append(set, set[i]+1)
			}
		}
		slices.Sort(set)
		return set
	}
	key := func(set []int32) string {
		b := make([]byte, 0, 4*len(set))
		for _, p := range set {
			b = append(b, byte(p), byte(p>>8), byte(p>>16), byte(p>>24))
		}
		return string(b)
	}
	seen := map[string]bool{}
	queue := [][]int32{closure(start)}
	most := 0
	for len(queue) > 0 {
		set := queue[0]
		queue = queue[1:]
		// The bytes that lead somewhere other than the loops alone, and
		// -1 for every other byte.
		bytes := []int16{-1}
		for _, p := range set {
			if t := ps[p].tok; t >= 0 && !slices.Contains(bytes, t) {
				bytes = append(bytes, t)
			}
		}
		for _, c := range bytes {
			var next []int32
			for _, p := range set {
				if c >= 0 && ps[p].tok == c && !slices.Contains(next, p+1) {
					next = append(next, p+1)
				}
				if ps[p].loop && !slices.Contains(next, p) {
					next = append(next, p)
				}
			}
			next = closure(next)
			if len(next) == 0 || seen[key(next)] {
				continue
			}
			if most = max(most, len(next)); most >= limit || len(seen) >= complexityStates {
				return limit
			}
			seen[key(next)] = true
			queue = append(queue, next)
		}
	}
	return most
}
