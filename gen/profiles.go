package main

import "strings"

// deriveProfile returns the JSON Schema of profile p, derived from the
// source schema: the members, spellings, values and shapes p accepts, with
// every x- annotation removed, so that any draft 2020-12 validator can use
// it without this SDK.
func (m *model) deriveProfile(p *profile) *node {
	root := m.root.clone()
	root.set("$id", str(strings.Replace(root.getString("$id"), "/schema/contactevents.schema.json", "/schema/profiles/"+p.name+".schema.json", 1)))
	root.set("title", str(root.getString("title")+" ("+p.name+" profile)"))
	root.set("description", str("The "+p.name+" profile, derived by the generator from schema/contactevents.schema.json; do not edit. "+p.description))
	defs := root.get("$defs")
	for _, dm := range defs.members {
		df := m.byName[dm.key]
		n := dm.val
		switch df.kind {
		case kindEnum:
			if p.unknownValues == "warning" {
				n.del("enum")
				n.set("minLength", numNode(1))
				n.set("examples", strList(m.enumValues(df, 0xff)))
			} else {
				n.set("enum", strList(m.enumValues(df, p.bit)))
			}
		case kindObject:
			m.deriveObject(df, n, p)
		case kindTimestamp:
			if p.anyFraction {
				n.set("pattern", str(anyFractionPattern))
				n.set("description", str(n.getString("description")+" This profile accepts any RFC 3339 UTC timestamp with 0 to 9 fraction digits here (the SDK warns when it is not the documented layout)."))
			}
		}
	}
	stripAnnotations(root)
	return root
}

func (m *model) enumValues(df *def, mask uint8) []string {
	var out []string
	for _, v := range df.values {
		if v.mask&mask != 0 {
			out = append(out, v.value)
		}
	}
	return out
}

func (m *model) deriveObject(df *def, n *node, p *profile) {
	props := &node{kind: 'o'}
	var required []string
	var anyOf []*node
	src := n.get("properties")
	for i, pr := range df.props {
		if pr.mask&p.bit == 0 {
			continue
		}
		sub := src.members[i].val
		if pr.t.kind == tOneOrMany && pr.t.shapeMask&p.bit == 0 {
			// Only the canonical (object) shape: keep the else branch.
			one := sub.get("else").clone()
			one.set("description", str(sub.getString("description")))
			sub = one
		}
		props.members = append(props.members, member{pr.name, sub})
		spellings := []string{pr.name}
		for _, a := range pr.aliases {
			if a.mask&p.bit != 0 {
				props.members = append(props.members, member{a.name, sub.clone()})
				spellings = append(spellings, a.name)
			}
		}
		switch {
		case !pr.required:
		case len(spellings) == 1:
			required = append(required, pr.name)
		default:
			// Required in any of its documented spellings.
			alt := &node{kind: 'a'}
			for _, sp := range spellings {
				alt.items = append(alt.items, obj("required", strList([]string{sp})))
			}
			anyOf = append(anyOf, obj("anyOf", alt))
		}
	}
	n.set("properties", props)
	n.del("required")
	if len(required) > 0 {
		n.set("required", strList(required))
	}
	if len(anyOf) > 0 {
		n.set("allOf", &node{kind: 'a', items: anyOf})
	}
	if p.unknownProperties == "error" {
		n.set("additionalProperties", &node{kind: 'b', b: false})
	}
	if df.taggedUnion && p.exactlyOne {
		n.set("maxProperties", numNode(1))
	}
}

// anyFractionPattern is the pattern of every timestamp field under a
// profile with "timestamps": "anyFraction": an RFC 3339 UTC timestamp with
// 0 to 9 fraction digits (timestamp.Optional in the SDK).
const anyFractionPattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$`

// stripAnnotations removes every x- keyword, recursively.
func stripAnnotations(n *node) {
	if n == nil {
		return
	}
	if n.kind == 'o' {
		out := n.members[:0]
		for _, mm := range n.members {
			if strings.HasPrefix(mm.key, "x-") {
				continue
			}
			stripAnnotations(mm.val)
			out = append(out, mm)
		}
		n.members = out
	}
	for _, it := range n.items {
		stripAnnotations(it)
	}
}
