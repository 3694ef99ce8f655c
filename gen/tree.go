package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// node is a JSON value that keeps the order of object members, so that the
// generated code and the derived profile schemas follow the source schema's
// order and are byte-stable.
type node struct {
	kind    byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	members []member
	items   []*node
	str     string
	num     json.Number
	b       bool
}

type member struct {
	key string
	val *node
}

func parseTree(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := readNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the schema")
	}
	return n, nil
}

func readNode(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			n := &node{kind: 'o'}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := readNode(dec)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{kt.(string), v})
			}
			_, err := dec.Token()
			return n, err
		}
		n := &node{kind: 'a'}
		for dec.More() {
			v, err := readNode(dec)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, v)
		}
		_, err := dec.Token()
		return n, err
	case string:
		return &node{kind: 's', str: t}, nil
	case json.Number:
		return &node{kind: 'n', num: t}, nil
	case bool:
		return &node{kind: 'b', b: t}, nil
	default:
		return &node{kind: 'z'}, nil
	}
}

func (n *node) get(key string) *node {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for _, m := range n.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// itemsOrNil returns the items of an array node; nil for anything else.
func (n *node) itemsOrNil() []*node {
	if n == nil || n.kind != 'a' {
		return nil
	}
	return n.items
}

// membersOrNil returns the members of an object node; nil for anything else.
func (n *node) membersOrNil() []member {
	if n == nil || n.kind != 'o' {
		return nil
	}
	return n.members
}

func (n *node) getString(key string) string {
	if v := n.get(key); v != nil && v.kind == 's' {
		return v.str
	}
	return ""
}

func (n *node) strings(key string) []string {
	v := n.get(key)
	if v == nil {
		return nil
	}
	out := make([]string, 0, len(v.items))
	for _, it := range v.items {
		out = append(out, it.str)
	}
	return out
}

func (n *node) intOr(key string, def int) int {
	if v := n.get(key); v != nil && v.kind == 'n' {
		i, err := strconv.Atoi(string(v.num))
		if err == nil {
			return i
		}
	}
	return def
}

func (n *node) set(key string, v *node) {
	for i, m := range n.members {
		if m.key == key {
			n.members[i].val = v
			return
		}
	}
	n.members = append(n.members, member{key, v})
}

func (n *node) del(key string) {
	out := n.members[:0]
	for _, m := range n.members {
		if m.key != key {
			out = append(out, m)
		}
	}
	n.members = out
}

func str(s string) *node { return &node{kind: 's', str: s} }

func numNode(i int) *node { return &node{kind: 'n', num: json.Number(strconv.Itoa(i))} }

func strList(ss []string) *node {
	n := &node{kind: 'a'}
	for _, s := range ss {
		n.items = append(n.items, str(s))
	}
	return n
}

func obj(kv ...any) *node {
	n := &node{kind: 'o'}
	for i := 0; i < len(kv); i += 2 {
		n.members = append(n.members, member{kv[i].(string), kv[i+1].(*node)})
	}
	return n
}

// clone copies n deeply.
func (n *node) clone() *node {
	if n == nil {
		return nil
	}
	c := *n
	c.members = make([]member, len(n.members))
	for i, m := range n.members {
		c.members[i] = member{m.key, m.val.clone()}
	}
	c.items = make([]*node, len(n.items))
	for i, it := range n.items {
		c.items[i] = it.clone()
	}
	return &c
}

// marshal writes n as indented JSON, two spaces, members in order.
func (n *node) marshal() []byte {
	var b bytes.Buffer
	n.write(&b, "")
	b.WriteByte('\n')
	return b.Bytes()
}

func (n *node) write(b *bytes.Buffer, indent string) {
	switch n.kind {
	case 'o':
		if len(n.members) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, m := range n.members {
			b.WriteString(indent + "  ")
			k, _ := json.Marshal(m.key)
			b.Write(k)
			b.WriteString(": ")
			m.val.write(b, indent+"  ")
			if i < len(n.members)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case 'a':
		if len(n.items) == 0 {
			b.WriteString("[]")
			return
		}
		scalar := true
		for _, it := range n.items {
			if it.kind == 'o' || it.kind == 'a' {
				scalar = false
			}
		}
		if scalar {
			b.WriteByte('[')
			for i, it := range n.items {
				if i > 0 {
					b.WriteString(", ")
				}
				it.write(b, indent)
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, it := range n.items {
			b.WriteString(indent + "  ")
			it.write(b, indent+"  ")
			if i < len(n.items)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case 's':
		var sb bytes.Buffer
		e := json.NewEncoder(&sb)
		e.SetEscapeHTML(false)
		e.Encode(n.str)
		b.Write(bytes.TrimSuffix(sb.Bytes(), []byte("\n")))
	case 'n':
		b.WriteString(string(n.num))
	case 'b':
		b.WriteString(strconv.FormatBool(n.b))
	default:
		b.WriteString("null")
	}
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
