package pattern

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/schema"
)

// The facts Lint uses come from the schemas, read once: what a profile
// accepts from its profile schema (the generator's output, so that Lint and
// Validate cannot disagree), and what the documents say (spellings,
// variants, provenance, severities) from the source schema's x-
// annotations. Nothing about contact events is restated here.

// facts is a profile schema with the source schema beside it.
type facts struct {
	profile  string
	root     map[string]any         // the profile schema
	source   map[string]any         // the source schema
	keys     contactevents.Severity // of unknown keys, from x-profiles
	values   contactevents.Severity // of unknown values, idem
	defsProf map[string]any
	defsSrc  map[string]any
}

var factsCache sync.Map // profile name -> func() (*facts, error)

// factsFor returns the facts of a profile, loading them on first use.
func factsFor(p contactevents.Profile) (*facts, error) {
	name := string(p)
	if name == "" {
		name = string(contactevents.Compat)
	}
	load, _ := factsCache.LoadOrStore(name, sync.OnceValues(func() (*facts, error) {
		b, err := schema.Profile(name)
		if err != nil {
			return nil, fmt.Errorf("pattern: unknown profile %q (want one of %s)", name, strings.Join(schema.Profiles(), ", "))
		}
		return newFacts(name, schema.Source(), b)
	}))
	return load.(func() (*facts, error))()
}

// newFacts reads a profile schema and the source schema.
func newFacts(name string, source, profile []byte) (*facts, error) {
	f := &facts{profile: name}
	if err := json.Unmarshal(source, &f.source); err != nil {
		return nil, fmt.Errorf("pattern: reading the source schema: %w", err)
	}
	if err := json.Unmarshal(profile, &f.root); err != nil {
		return nil, fmt.Errorf("pattern: reading the %s profile schema: %w", name, err)
	}
	f.defsProf = obj(f.root["$defs"])
	f.defsSrc = obj(f.source["$defs"])
	rules := obj(obj(f.source["x-profiles"])[name])
	f.keys = severity(rules["unknownProperties"])
	f.values = severity(rules["unknownValues"])
	return f, nil
}

func severity(s any) contactevents.Severity {
	if s == "error" {
		return contactevents.SeverityError
	}
	return contactevents.SeverityWarning
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func strs(v any) []string {
	var out []string
	for _, x := range asSlice(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asSlice(v any) []any {
	l, _ := v.([]any)
	return l
}

// snode is one schema a value may have to satisfy, with the $defs name it
// was reached through (to find the source schema's annotations).
type snode struct {
	m   map[string]any
	def string
}

// view is every schema a value at one place of the pattern may satisfy
// (the branches of if/then/else, anyOf and oneOf, and array items, since
// EventBridge looks through arrays).
type view []snode

// resolve expands s into the schemas a leaf or an object there satisfies.
func (f *facts) resolve(s map[string]any, def string, out view) view {
	if s == nil {
		return out
	}
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		return f.resolve(obj(f.defsProf[name]), name, out)
	}
	branches := false
	for _, k := range []string{"then", "else"} {
		if b := obj(s[k]); b != nil {
			out, branches = f.resolve(b, def, out), true
		}
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		for _, b := range asSlice(s[k]) {
			out, branches = f.resolve(obj(b), def, out), true
		}
	}
	if types(s)["array"] {
		return f.resolve(obj(s["items"]), def, out)
	}
	if branches && s["type"] == nil && s["properties"] == nil && s["enum"] == nil {
		return out
	}
	return append(out, snode{s, def})
}

// types returns the JSON types a schema allows; empty for any.
func types(s map[string]any) map[string]bool {
	t := map[string]bool{}
	switch v := s["type"].(type) {
	case string:
		t[v] = true
	case []any:
		for _, x := range strs(v) {
			t[x] = true
		}
	}
	if t["integer"] {
		t["number"] = true
	}
	return t
}

// types returns the JSON types the view allows, and whether it constrains
// them at all.
func (v view) types() (map[string]bool, bool) {
	all := map[string]bool{}
	for _, n := range v {
		t := types(n.m)
		if len(t) == 0 {
			return nil, false
		}
		for k := range t {
			all[k] = true
		}
	}
	return all, len(v) > 0
}

func (v view) typeNames() string {
	t, _ := v.types()
	var names []string
	for k := range t {
		if k != "integer" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return strings.Join(names, " or ")
}

// member returns the view of key inside the objects of v, whether some
// object of v defines it (or takes any key), and whether some schema of v
// is an object at all.
func (f *facts) member(v view, key string) (view, bool, bool) {
	var out view
	known, isObject := false, false
	for _, n := range v {
		t := types(n.m)
		if len(t) > 0 && !t["object"] {
			continue
		}
		isObject = true
		if p := obj(obj(n.m["properties"])[key]); p != nil {
			out, known = f.resolve(p, "", out), true
			continue
		}
		if ap := obj(n.m["additionalProperties"]); ap != nil {
			out, known = f.resolve(ap, "", out), true
		}
	}
	return out, known, isObject
}

// required reports whether every object of v requires key, and the other
// documented spellings that can stand in for it (a profile that accepts
// ContactId as well as contactId requires one of them).
func (v view) required(key string) (bool, []string) {
	if len(v) == 0 {
		return false, nil
	}
	var alts []string
	for _, n := range v {
		if slices.Contains(strs(n.m["required"]), key) {
			continue
		}
		found := false
		for _, all := range asSlice(n.m["allOf"]) {
			var group []string
			for _, any := range asSlice(obj(all)["anyOf"]) {
				group = append(group, strs(obj(any)["required"])...)
			}
			if slices.Contains(group, key) {
				found = true
				for _, g := range group {
					if g != key {
						alts = append(alts, g)
					}
				}
			}
		}
		if !found {
			return false, nil
		}
	}
	return true, alts
}

// enum is what a view says of string values: the values the profile
// accepts (closed: nothing else is valid) or, when the profile keeps
// unknown values, the documented ones; and the source's annotations.
type enum struct {
	closed   bool
	accepted []string          // closed: the profile's enum; open: every documented value
	xenum    map[string]any    // the source x-enum of the definition(s)
	constant bool              // the source documents exactly one value: what every event has
	defs     []string          // the definitions, for messages
	srcEnum  map[string]string // every documented value -> its definition
}

// enumOf returns the enumeration of v, or nil when v is not one.
func (f *facts) enumOf(v view) *enum {
	e := &enum{closed: true, xenum: map[string]any{}, srcEnum: map[string]string{}}
	for _, n := range v {
		src := obj(f.defsSrc[n.def])
		values := strs(src["enum"])
		prof := n.m["enum"]
		if values == nil && prof == nil {
			return nil
		}
		if n.def != "" && !slices.Contains(e.defs, n.def) {
			e.defs = append(e.defs, n.def)
		}
		for k, x := range obj(src["x-enum"]) {
			e.xenum[k] = x
		}
		for _, x := range values {
			e.srcEnum[x] = n.def
		}
		if len(values) == 1 {
			e.constant = true
		}
		if prof != nil {
			e.accepted = append(e.accepted, strs(prof)...)
		} else {
			e.closed = false
			e.accepted = append(e.accepted, values...)
		}
	}
	if len(e.defs) == 0 {
		return nil
	}
	if e.constant {
		e.closed = true
	}
	return e
}

// variant returns the canonical value a documented variant stands for.
func (e *enum) variant(v string) string {
	c, _ := obj(e.xenum[v])["canonical"].(string)
	return c
}

// spellings returns the documented key spellings of the objects of v: for
// each, its canonical name, with its provenance when it is an alias.
func (f *facts) spellings(v view) map[string]spelling {
	out := map[string]spelling{}
	for _, n := range v {
		for name, p := range obj(obj(f.defsSrc[n.def])["properties"]) {
			if _, ok := out[name]; !ok {
				out[name] = spelling{canonical: name, provenance: strs(obj(p)["x-provenance"])}
			}
			for _, a := range asSlice(obj(p)["x-aliases"]) {
				alias, _ := obj(a)["name"].(string)
				out[alias] = spelling{canonical: name, provenance: strs(obj(a)["provenance"]), alias: true}
			}
		}
	}
	return out
}

type spelling struct {
	canonical  string
	provenance []string
	alias      bool
}
