package main

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/connectevents/sdk-go/internal/naming"
)

// The model is the schema as the generator sees it: named definitions
// (objects, maps, enums, timestamps, string rules) and typed properties,
// with the x- annotations resolved into acceptance masks per profile.

type profile struct {
	name, goName, description string
	bit                       uint8
	values, properties        []string // provenance tokens accepted; "*" for all
	aliases, shapes           []string
	unknownProperties         string // "error" or "warning"
	unknownValues             string
	exactlyOne                bool // tagged unions need exactly one member
	// anyFraction: any RFC 3339 UTC timestamp with 0 to 9 fraction digits
	// is accepted in every timestamp field, with a warning when it is not
	// the documented layout ("timestamps": "anyFraction"; "documented":
	// each field's own layout).
	anyFraction bool
}

type defKind int

const (
	kindObject defKind = iota
	kindMap
	kindEnum
	kindTimestamp
	kindString
)

type def struct {
	name, goName, description string
	kind                      defKind
	provenance                []string
	// objects
	props       []*prop
	minProps    int // -1 when absent
	taggedUnion bool
	noArena     bool // "x-go-arena": false: values from new, not from the arena
	rules       []rule
	// maps (named map types and inline maps)
	mapValue  *typ
	propNames stringRules
	// enums
	values []*enumValue
	// timestamps
	fraction, layout, notSet string
	// strings
	str stringRules
}

type stringRules struct {
	min, max int // -1 when absent
	pattern  string
}

type enumValue struct {
	value, goName, description, canonical string
	provenance                            []string
	mask                                  uint8
}

type typKind int

const (
	tRef typKind = iota
	tString
	tInteger
	tNumber
	tBool
	tArray
	tMap
	tOneOrMany
)

type typ struct {
	kind               typKind
	ref                *def
	str                stringRules
	min, max           float64 // NaN when absent
	items              *typ
	minItems, maxItems int
	mapValue           *typ
	propNames          stringRules
	shapeMask          uint8  // tOneOrMany: profiles that accept the array shape
	kw                 string // keyword location of this schema, e.g. /$defs/X/properties/y
	// readByRule: a property whose decoded value a rule of its object reads
	// (maxDuration's timestamps), decoded in full even when nothing is kept.
	readByRule bool
}

type prop struct {
	name, goName, description string
	t                         *typ
	mask                      uint8 // profiles that know the property
	aliases                   []alias
	required                  bool
	index                     int
}

type alias struct {
	name string
	mask uint8
}

// rule is one entry of an object's x-rules: a documented rule that JSON
// Schema cannot express, as data. The generator knows only the generic
// kinds; the properties, values, limits, severities and the message come
// from the schema.
type rule struct {
	id, kind, description string
	index                 int
	// when, if set, limits the rule to objects whose enum property
	// when.property has the value when.equals.
	when *condition
	// absentWhen: property must be absent.
	property string
	// maxDuration: the time from the timestamp property from to the
	// timestamp property to is at most maxSeconds, per profile.
	from, to   string
	maxSeconds map[string]int64
	severity   map[string]string // per profile: error, warning or off
	message    string            // a template; see ruleMessage
}

type condition struct{ property, equals string }

type model struct {
	root     *node
	profiles []*profile
	defs     []*def
	byName   map[string]*def
	rootThen *def
	rootElse *def
	patterns map[string]string // pattern -> Go variable, filled while emitting
}

func buildModel(root *node) (*model, error) {
	m := &model{root: root, byName: map[string]*def{}}
	pr := root.get("x-profiles")
	if pr == nil {
		return nil, fmt.Errorf("schema has no x-profiles")
	}
	for i, mm := range pr.members {
		p := mm.val
		m.profiles = append(m.profiles, &profile{
			name: mm.key, goName: exported(mm.key), description: p.getString("description"), bit: 1 << i,
			values: p.strings("values"), properties: p.strings("properties"),
			aliases: p.strings("aliases"), shapes: p.strings("shapes"),
			unknownProperties: p.getString("unknownProperties"), unknownValues: p.getString("unknownValues"),
			exactlyOne:  p.getString("taggedUnions") == "exactlyOne",
			anyFraction: p.getString("timestamps") == "anyFraction",
		})
		if ts := p.getString("timestamps"); ts != "" && ts != "anyFraction" && ts != "documented" {
			return nil, fmt.Errorf("x-profiles/%s: timestamps %q is not documented or anyFraction", mm.key, ts)
		}
	}
	defs := root.get("$defs")
	for _, mm := range defs.members {
		d := &def{name: mm.key}
		m.defs = append(m.defs, d)
		m.byName[mm.key] = d
	}
	for _, mm := range defs.members {
		if err := m.fillDef(m.byName[mm.key], mm.val); err != nil {
			return nil, fmt.Errorf("$defs/%s: %w", mm.key, err)
		}
	}
	for _, d := range m.defs {
		for _, r := range d.rules {
			if err := m.checkRule(d, r); err != nil {
				return nil, fmt.Errorf("$defs/%s: x-rules %s: %w", d.name, r.id, err)
			}
			if r.kind == "maxDuration" {
				d.prop(r.from).t.readByRule, d.prop(r.to).t.readByRule = true, true
			}
		}
	}
	// A property without a description of its own takes its type's.
	for _, d := range m.defs {
		for _, p := range d.props {
			if p.description == "" && p.t.ref != nil {
				p.description = p.t.ref.description
			}
		}
	}
	m.rootThen = m.refDef(root.get("then").getString("$ref"))
	m.rootElse = m.refDef(root.get("else").getString("$ref"))
	if m.rootThen == nil || m.rootElse == nil {
		return nil, fmt.Errorf("the root must be if/then/else of two $refs")
	}
	return m, nil
}

func (m *model) refDef(ref string) *def {
	return m.byName[strings.TrimPrefix(ref, "#/$defs/")]
}

func (m *model) mask(prov []string, accepted func(*profile) []string) uint8 {
	var mask uint8
	for _, p := range m.profiles {
		for _, a := range accepted(p) {
			if a == "*" || contains(prov, a) {
				mask |= p.bit
				break
			}
		}
	}
	return mask
}

// supported are the JSON Schema keywords the generator turns into Go checks
// (x- annotations aside). Any other keyword in a definition or property
// would be enforced by the profile schemas and not by the SDK, so it is an
// error: the two engines must not disagree silently.
var supported = map[string]bool{
	"type": true, "description": true, "$ref": true, "$comment": true, "examples": true,
	"enum": true, "minLength": true, "maxLength": true, "pattern": true, "format": true,
	"minimum": true, "maximum": true, "items": true, "minItems": true, "maxItems": true,
	"properties": true, "required": true, "additionalProperties": true, "propertyNames": true,
	"minProperties": true, "if": true, "then": true, "else": true,
}

// checkKeywords reports the first keyword of n, or of the schemas nested in
// it, that the generator does not support.
func checkKeywords(n *node, at string) error {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for _, mm := range n.members {
		switch {
		case strings.HasPrefix(mm.key, "x-"):
			continue
		case !supported[mm.key]:
			return fmt.Errorf("%s: keyword %q is not supported by the generator", at, mm.key)
		case mm.key == "format" && mm.val.str != "date-time":
			return fmt.Errorf("%s: format %q is not supported by the generator", at, mm.val.str)
		}
		switch mm.key {
		case "properties":
			for _, pm := range mm.val.members {
				if err := checkKeywords(pm.val, at+"/properties/"+pm.key); err != nil {
					return err
				}
			}
		case "items", "additionalProperties", "propertyNames", "if", "then", "else":
			if err := checkKeywords(mm.val, at+"/"+mm.key); err != nil {
				return err
			}
		}
	}
	return nil
}

// distinctValue refuses the i-th enum value ev of d when an earlier one has
// the same value or the same Go constant name: the generated enums would
// not compile (a constant declared twice, a duplicate case). The error
// names both values by their place in the schema.
func distinctValue(d *def, i int, ev *enumValue) error {
	for j, prev := range d.values {
		switch {
		case prev.value == ev.value:
			return fmt.Errorf("enum/%d: value %q is listed twice (first at enum/%d)", i, ev.value, j)
		case prev.goName == ev.goName:
			return fmt.Errorf("enum/%d: value %q and enum/%d %q are both the Go constant %s; give one an x-go-name in x-enum", i, ev.value, j, prev.value, d.goName+ev.goName)
		}
	}
	return nil
}

func (m *model) fillDef(d *def, n *node) error {
	if err := checkKeywords(n, "#/$defs/"+d.name); err != nil {
		return err
	}
	d.description = n.getString("description")
	d.goName = n.getString("x-go-name")
	if d.goName == "" {
		d.goName = exported(d.name)
	}
	d.provenance = n.strings("x-provenance")
	kw := "/$defs/" + d.name
	switch {
	case n.get("x-go-type") != nil:
		d.kind = kindTimestamp
		ts := n.get("x-timestamp")
		d.fraction, d.layout, d.notSet = ts.getString("fraction"), ts.getString("layout"), ts.getString("notSet")
	case n.get("enum") != nil:
		d.kind = kindEnum
		xe := n.get("x-enum")
		for i, v := range n.get("enum").items {
			meta := xe.get(v.str)
			if meta == nil {
				return fmt.Errorf("enum value %q has no x-enum entry", v.str)
			}
			ev := &enumValue{value: v.str, goName: meta.getString("x-go-name"), description: meta.getString("description"),
				canonical: meta.getString("canonical"), provenance: meta.strings("provenance")}
			if ev.goName == "" {
				ev.goName = exported(v.str)
			}
			if err := distinctValue(d, i, ev); err != nil {
				return err
			}
			ev.mask = m.mask(ev.provenance, func(p *profile) []string { return p.values })
			d.values = append(d.values, ev)
		}
		// A profile that accepts a variant accepts its canonical value: the
		// canonical encoding of an event the profile accepts stays accepted.
		for _, v := range d.values {
			for _, c := range d.values {
				if v.canonical == c.value {
					c.mask |= v.mask
				}
			}
		}
	case n.getString("type") == "object" && n.get("properties") == nil:
		d.kind = kindMap
		d.propNames = strRules(n.get("propertyNames"))
		t, err := m.typeOf(n.get("additionalProperties"), kw+"/additionalProperties")
		if err != nil {
			return err
		}
		d.mapValue = t
	case n.getString("type") == "object":
		d.kind = kindObject
		d.minProps = n.intOr("minProperties", -1)
		if a := n.get("x-go-arena"); a != nil {
			if a.kind != 'b' {
				return fmt.Errorf("x-go-arena must be a boolean")
			}
			d.noArena = !a.b
		}
		d.taggedUnion = n.getString("x-union") == "tagged"
		required := n.strings("required")
		for i, pm := range n.get("properties").members {
			if !asciiName(pm.key) {
				return fmt.Errorf("property %q: a property name must be ASCII (the decoders' did-you-mean hints compare lengths before case)", pm.key)
			}
			p := &prop{name: pm.key, index: i, description: pm.val.getString("description"), required: contains(required, pm.key)}
			p.goName = pm.val.getString("x-go-name")
			if p.goName == "" {
				p.goName = exported(pm.key)
			}
			t, err := m.typeOf(pm.val, kw+"/properties/"+pm.key)
			if err != nil {
				return fmt.Errorf("property %s: %w", pm.key, err)
			}
			p.t = t
			p.mask = m.mask(pm.val.strings("x-provenance"), func(p *profile) []string { return p.properties })
			if al := pm.val.get("x-aliases"); al != nil {
				for _, a := range al.items {
					if !asciiName(a.getString("name")) {
						return fmt.Errorf("property %s: alias %q: a property name must be ASCII", pm.key, a.getString("name"))
					}
					p.aliases = append(p.aliases, alias{a.getString("name"), m.mask(a.strings("provenance"), func(p *profile) []string { return p.aliases })})
				}
			}
			d.props = append(d.props, p)
		}
		for i, r := range n.get("x-rules").itemsOrNil() {
			ru, err := readRule(r, i)
			if err != nil {
				return err
			}
			d.rules = append(d.rules, ru)
		}
	case n.getString("type") == "string":
		d.kind = kindString
		d.str = strRules(n)
	default:
		return fmt.Errorf("unsupported definition")
	}
	return nil
}

// readRule reads the i-th entry of an x-rules list.
func readRule(r *node, i int) (rule, error) {
	ru := rule{id: r.getString("id"), kind: r.getString("kind"), description: r.getString("description"), index: i,
		property: r.getString("property"), from: r.getString("from"), to: r.getString("to"),
		message: r.getString("message"), maxSeconds: map[string]int64{}, severity: map[string]string{}}
	if w := r.get("when"); w != nil {
		ru.when = &condition{w.getString("property"), w.getString("equals")}
	}
	for _, x := range r.get("maxSeconds").membersOrNil() {
		v, err := x.val.num.Int64()
		if err != nil {
			return ru, fmt.Errorf("rule %s: maxSeconds: %w", ru.id, err)
		}
		ru.maxSeconds[x.key] = v
	}
	for _, x := range r.get("severity").membersOrNil() {
		ru.severity[x.key] = x.val.str
	}
	return ru, nil
}

func strRules(n *node) stringRules {
	return stringRules{min: n.intOr("minLength", -1), max: n.intOr("maxLength", -1), pattern: n.getString("pattern")}
}

func numOr(n *node, key string) float64 {
	if v := n.get(key); v != nil && v.kind == 'n' {
		f, err := v.num.Float64()
		if err == nil {
			return f
		}
	}
	return math.NaN()
}

func (m *model) typeOf(n *node, kw string) (*typ, error) {
	if n.get("x-shape") != nil {
		if n.getString("x-shape") != "one-or-many" {
			return nil, fmt.Errorf("unsupported x-shape %q", n.getString("x-shape"))
		}
		one := m.refDef(n.get("else").getString("$ref"))
		arr := n.get("then")
		if one == nil || arr == nil {
			return nil, fmt.Errorf("one-or-many needs else: $ref and then: array")
		}
		t := &typ{kind: tOneOrMany, ref: one, kw: kw, minItems: arr.intOr("minItems", -1), maxItems: arr.intOr("maxItems", -1)}
		t.shapeMask = m.mask(arr.strings("x-provenance"), func(p *profile) []string { return p.shapes })
		return t, nil
	}
	if ref := n.getString("$ref"); ref != "" {
		d := m.refDef(ref)
		if d == nil {
			return nil, fmt.Errorf("unresolved $ref %q", ref)
		}
		return &typ{kind: tRef, ref: d, kw: "/$defs/" + d.name}, nil
	}
	t := &typ{kw: kw, min: numOr(n, "minimum"), max: numOr(n, "maximum")}
	switch n.getString("type") {
	case "string":
		t.kind, t.str = tString, strRules(n)
	case "integer":
		t.kind = tInteger
	case "number":
		t.kind = tNumber
	case "boolean":
		t.kind = tBool
	case "array":
		t.kind = tArray
		t.minItems, t.maxItems = n.intOr("minItems", -1), n.intOr("maxItems", -1)
		it, err := m.typeOf(n.get("items"), kw+"/items")
		if err != nil {
			return nil, err
		}
		t.items = it
	case "object":
		t.kind = tMap
		t.propNames = strRules(n.get("propertyNames"))
		v, err := m.typeOf(n.get("additionalProperties"), kw+"/additionalProperties")
		if err != nil {
			return nil, err
		}
		t.mapValue = v
	default:
		return nil, fmt.Errorf("unsupported type %q", n.getString("type"))
	}
	return t, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// exported turns a schema name (JSON key, enum value, definition or
// profile name) into a Go identifier with Go's initialisms: detail-type ->
// DetailType, instanceArn -> InstanceARN, AMD_DISABLED -> AMDDisabled.
// x-go-name overrides it where two values would get the same name.
func exported(s string) string { return naming.Ident(s) }

func (d *def) prop(name string) *prop {
	for _, p := range d.props {
		if p.name == name {
			return p
		}
	}
	return nil
}

// checkRule reports a rule the generator cannot turn into code, so that a
// mistake in the schema is an error, not a panic or code that does not
// compile.
func (m *model) checkRule(d *def, r rule) error {
	enumHas := func(name, value string) error {
		p := d.prop(name)
		switch {
		case p == nil:
			return fmt.Errorf("no property %q", name)
		case p.t.kind != tRef || p.t.ref.kind != kindEnum:
			return fmt.Errorf("property %q is not an enum", name)
		}
		for _, v := range p.t.ref.values {
			if v.value == value {
				return nil
			}
		}
		return fmt.Errorf("%q is not a value of %s", value, p.t.ref.name)
	}
	timestamp := func(name string) error {
		if p := d.prop(name); p == nil || p.t.kind != tRef || p.t.ref.kind != kindTimestamp {
			return fmt.Errorf("no timestamp property %q", name)
		}
		return nil
	}
	var errs []error
	if r.when != nil {
		errs = append(errs, enumHas(r.when.property, r.when.equals))
	}
	for _, p := range m.profiles {
		switch r.severity[p.name] {
		case "error", "warning", "off":
		default:
			errs = append(errs, fmt.Errorf("severity for profile %s: %q is not error, warning or off", p.name, r.severity[p.name]))
		}
	}
	switch r.kind {
	case "absentWhen":
		switch p := d.prop(r.property); {
		case p == nil:
			errs = append(errs, fmt.Errorf("no property %q", r.property))
		case p.t.kind == tArray || p.t.kind == tMap || p.t.kind == tOneOrMany || p.t.kind == tRef && p.t.ref.kind == kindMap:
			// Its presence is its Go value, which a decode that keeps
			// nothing (Validate) does not build: the rule would not fire
			// there.
			errs = append(errs, fmt.Errorf("absentWhen on %q: an array or map property cannot be tested for presence", r.property))
		}
		if r.when == nil {
			errs = append(errs, fmt.Errorf("absentWhen needs when"))
		}
	case "maxDuration":
		errs = append(errs, timestamp(r.from), timestamp(r.to))
		for _, p := range m.profiles {
			if s, ok := r.maxSeconds[p.name]; !ok || s <= 0 {
				errs = append(errs, fmt.Errorf("maxSeconds for profile %s: want a positive number of seconds", p.name))
			}
		}
	default:
		return fmt.Errorf("unknown rule kind %q (want absentWhen or maxDuration)", r.kind)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	_, err := ruleMessage(r)
	return err
}

// goRequired reports whether the Go field of p is always present: p is
// required in every profile. A property that only some profiles know is
// held like an optional one (a pointer, or its zero value meaning absent),
// so that an event decoded under a profile that does not know it neither
// invents a zero value nor writes one.
func (m *model) goRequired(p *prop) bool { return p.required && p.mask == m.allBits() }

// asciiName reports whether a property name is ASCII, as the runtime's
// did-you-mean hints require (codec.respelled).
func asciiName(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return false
		}
	}
	return true
}
