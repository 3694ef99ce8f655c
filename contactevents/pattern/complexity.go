package pattern

import (
	"fmt"
	"strconv"
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

// complexityStates bounds the subsets of automaton states the measure
// explores; a field whose wildcards need more is too complex by itself.
const complexityStates = 1 << 12

// wildcardComplexity is event-ruler's complexity of the wildcard operands
// (each split into segments by splitGlob) of one field: the largest number
// of prefixes of the operands that one non-empty value matches at once,
// where a prefix of an operand is its first k characters and wildcards for
// every k >= 1, and the same prefix of two operands counts twice. It stops
// counting at limit.
func wildcardComplexity(globs [][]string, limit int) int {
	// The operands as one automaton: a position is (operand, characters
	// and wildcards consumed), numbered consecutively.
	type pos struct {
		tok  int16 // the token after the position: a byte, star, or end
		loop bool  // the token before it is a star: any byte stays here
	}
	const star, end = -1, -2
	var ps []pos
	var starts []int
	alphabet := map[byte]bool{}
	for _, segs := range globs {
		starts = append(starts, len(ps))
		loop := false
		for i, seg := range segs {
			if i > 0 {
				ps = append(ps, pos{tok: star, loop: loop})
				loop = true
			}
			for j := 0; j < len(seg); j++ {
				ps = append(ps, pos{tok: int16(seg[j]), loop: loop})
				loop = false
				alphabet[seg[j]] = true
			}
		}
		ps = append(ps, pos{tok: end, loop: loop})
	}
	// One byte that no operand names stands for all the others.
	for b := 0; b < 256; b++ {
		if !alphabet[byte(b)] {
			alphabet[byte(b)] = true
			break
		}
	}
	words := (len(ps) + 63) / 64
	closure := func(set []uint64) {
		for i := range ps {
			if set[i/64]&(1<<(i%64)) != 0 && ps[i].tok == star {
				set[(i+1)/64] |= 1 << ((i + 1) % 64)
			}
		}
	}
	start := make([]uint64, words)
	for _, s := range starts {
		start[s/64] |= 1 << (s % 64)
	}
	closure(start)
	seen := map[string]bool{}
	queue := [][]uint64{start}
	most := 0
	for len(queue) > 0 {
		set := queue[0]
		queue = queue[1:]
		for c := range alphabet {
			next := make([]uint64, words)
			n := 0
			for i := range ps {
				if set[i/64]&(1<<(i%64)) == 0 {
					continue
				}
				if ps[i].tok == int16(c) {
					next[(i+1)/64] |= 1 << ((i + 1) % 64)
				}
				if ps[i].loop {
					next[i/64] |= 1 << (i % 64)
				}
			}
			closure(next)
			key := make([]byte, 0, words*8)
			for _, w := range next {
				key = strconv.AppendUint(key, w, 36)
				key = append(key, ',')
				for ; w != 0; w &= w - 1 {
					n++
				}
			}
			if n == 0 || seen[string(key)] {
				continue
			}
			if most = max(most, n); most >= limit || len(seen) >= complexityStates {
				return limit
			}
			seen[string(key)] = true
			queue = append(queue, next)
		}
	}
	return most
}
