package contactevents

import (
	"slices"
	"strings"

	"github.com/connectevents/sdk-go/internal/scan"
)

// LocateAll returns Locate's position of each of pointers in data, in the
// order of pointers, reading data once: Locate reads data from its start,
// so locating each of n issues (an event of thousands of unknown members)
// one by one costs n times the document.
func LocateAll(data []byte, pointers []string) []Position {
	// The pointers are made a tree of their tokens; the walk enters only the
	// members and elements the tree names (the first of a repeated key, as
	// Locate) and skips the rest, and the offsets reached are turned into
	// lines and columns in one ascending pass. If the walk meets a syntax
	// error, which could stop Locate's reading elsewhere than the walk's (or
	// two tokens name one array element), each pointer is located on its
	// own instead.
	root := &ptrNode{}
	leaves := make([]*ptrNode, len(pointers))
	var w ptrWalk
	for i, p := range pointers {
		var added int
		leaves[i], added = root.add(p)
		w.unsettled += added // every node but the root
	}
	w.s.ResetView(data, 0)
	root.at, root.found = w.s.ValueOffset(), true
	if w.s.Peek() != scan.Invalid && w.unsettled > 0 {
		w.walk(root)
	}
	out := make([]Position, len(pointers))
	if w.fallback || w.s.Err() != nil {
		for i, p := range pointers {
			out[i], _ = Locate(data, p)
		}
		return out
	}
	offsets := make([]int, len(pointers))
	for i, n := range leaves {
		for !n.found {
			n = n.parent // the deepest value reached; the root is found
		}
		offsets[i] = n.at
	}
	order := make([]int, len(pointers))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	sorted := make([]int, len(order))
	for k, i := range order {
		sorted[k] = offsets[i]
	}
	lines, cols := scan.LineColumns(data, sorted)
	for k, i := range order {
		out[i] = Position{Offset: int64(sorted[k]), Line: lines[k], Column: cols[k]}
	}
	return out
}

// ptrNode is one token of the pointers LocateAll follows: the value it
// names, once the walk has found it.
type ptrNode struct {
	parent   *ptrNode
	children map[string]*ptrNode // by unescaped token
	found    bool
	at       int // the offset of the value, once found
}

// add returns the node of pointer below n (the root), adding the nodes it
// lacks, and how many it added. A pointer that is not "" and does not start
// with '/' names nothing Locate follows: it is the root's, as Locate
// answers it.
func (n *ptrNode) add(pointer string) (node *ptrNode, added int) {
	if pointer == "" || pointer[0] != '/' {
		return n, 0
	}
	for tok := range strings.SplitSeq(pointer[1:], "/") {
		tok = unescapeToken(tok)
		c := n.children[tok]
		if c == nil {
			if n.children == nil {
				n.children = map[string]*ptrNode{}
			}
			c = &ptrNode{parent: n}
			n.children[tok] = c
			added++
		}
		n = c
	}
	return n, added
}

// ptrWalk is LocateAll's one reading of the document.
type ptrWalk struct {
	s scan.Scanner
	// unsettled counts the nodes neither found nor known to be missing:
	// once none is left, the rest of the document is not read (an event
	// of a large batch is located without reading the events after it).
	unsettled int
	fallback  bool // the pointers are past what the walk follows
}

// walk reads the value the scanner is at, which n names, finding n's
// children in it; it reports whether to go on (false once every node is
// settled, or on a syntax error).
func (w *ptrWalk) walk(n *ptrNode) bool {
	s := &w.s
	if len(n.children) == 0 {
		_, ok := s.Skip()
		return ok
	}
	next := n.children
	switch s.Peek() {
	case scan.Object:
		if !s.BeginObject() {
			return false
		}
		for {
			key, ok := s.NextKey()
			if !ok {
				break
			}
			if c := next[key]; c != nil && !c.found {
				if !w.enter(c) {
					return false
				}
				continue
			}
			if _, ok := s.Skip(); !ok {
				return false
			}
		}
	case scan.Array:
		byIndex := make(map[int]*ptrNode, len(next))
		for tok, c := range next {
			if i, ok := arrayIndex(tok); ok {
				if byIndex[i] != nil {
					// Two tokens ("1", "+1") for one element: not worth
					// a walk of its own, Locate answers them.
					w.fallback = true
					return false
				}
				byIndex[i] = c
			}
		}
		if !s.BeginArray() {
			return false
		}
		for i := 0; s.NextElement(); i++ {
			if c := byIndex[i]; c != nil {
				if !w.enter(c) {
					return false
				}
				continue
			}
			if _, ok := s.Skip(); !ok {
				return false
			}
		}
	default:
		if _, ok := s.Skip(); !ok {
			return false
		}
	}
	if s.Err() != nil {
		return false
	}
	// The value is read: what it lacks is missing.
	for _, c := range next {
		if !c.found {
			w.settle(c)
		}
	}
	return w.unsettled > 0
}

// enter finds c at the value the scanner is at and walks it.
func (w *ptrWalk) enter(c *ptrNode) bool {
	c.found, c.at = true, w.s.ValueOffset()
	w.unsettled--
	return w.walk(c) && w.unsettled > 0
}

// settle counts the nodes from n down that were not found as settled, n
// being known to be missing. A loop, not a recursion: a pointer may be far
// deeper than the document (nothing found below n).
func (w *ptrWalk) settle(n *ptrNode) {
	todo := []*ptrNode{n}
	for len(todo) > 0 {
		n, todo = todo[len(todo)-1], todo[:len(todo)-1]
		w.unsettled--
		for _, c := range n.children {
			todo = append(todo, c) // below a missing node, none is found
		}
	}
}
