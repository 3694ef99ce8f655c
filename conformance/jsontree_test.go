package conformance

// A decoded JSON document as a tree of nodes with their paths, for the
// mutator (mutate_test.go): listing, looking up, replacing and copying
// values in a fixed order, so that mutants are the same on every machine.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// jsonNode is one value of a decoded document, with its path from the root.
type jsonNode struct {
	Path   []string // reference tokens, unescaped
	Value  any
	Parent any // the containing map[string]any or []any; nil for the root
}

func (n jsonNode) pointer() string {
	var b strings.Builder
	for _, t := range n.Path {
		b.WriteByte('/')
		b.WriteString(escapeToken(t))
	}
	return b.String()
}

func (n jsonNode) key() string { return n.Path[len(n.Path)-1] }

// collectNodes lists every value below the root (not the root itself), depth first, object
// members in key order.
func collectNodes(v any, path []string, parent any, out []jsonNode) []jsonNode {
	if parent != nil {
		out = append(out, jsonNode{Path: slices.Clone(path), Value: v, Parent: parent})
	}
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedMapKeys(v) {
			out = collectNodes(v[k], append(path, k), v, out)
		}
	case []any:
		for i, e := range v {
			out = collectNodes(e, append(path, strconv.Itoa(i)), v, out)
		}
	}
	return out
}

func sortedMapKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// setNode replaces the value of n in its parent.
func setNode(n jsonNode, v any) {
	switch p := n.Parent.(type) {
	case map[string]any:
		p[n.key()] = v
	case []any:
		i, _ := strconv.Atoi(n.key())
		p[i] = v
	}
}

// lookup returns the value at path below root.
func lookup(root any, path []string) (any, bool) {
	v := root
	for _, t := range path {
		switch c := v.(type) {
		case map[string]any:
			e, ok := c[t]
			if !ok {
				return nil, false
			}
			v = e
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, e := range v {
			s[i] = deepCopy(e)
		}
		return s
	}
	return v
}

// mustJSON decodes a JSON literal of the mutator's tables.
func mustJSON(s string) any {
	v, err := decodeAny([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("mutator table: %v: %s", err, s))
	}
	return v
}
