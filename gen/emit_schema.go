package main

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// emitSchemaFacts writes the facts of the schema that hand-written code of
// the package needs, so that it does not restate them: the root rule (which
// keys make a document an EventBridge event), the keyword locations of the
// two document types, HasEnvelope's member list, and the documented
// spellings of the members that identify a bare contact event.
func (m *model) emitSchemaFacts(f *jen.File) error {
	keys, err := m.rootKeys()
	if err != nil {
		return err
	}
	f.Add(comment("The keyword locations of the two documents the schema's root chooses between: its then (an EventBridge event) and its else (a bare contact event). A document that is not a JSON object is reported at the one the root rule picked.", 76))
	f.Const().Defs(
		jen.Id("envelopeTypeKeyword").Op("=").Lit("/$defs/"+m.rootThen.name+"/type"),
		jen.Id("contactEventTypeKeyword").Op("=").Lit("/$defs/"+m.rootElse.name+"/type"),
	)
	f.Line()

	var lits []jen.Code
	for _, k := range keys {
		lits = append(lits, jen.Lit(k))
	}
	f.Add(comment(fmt.Sprintf("rootRuleKeys are the keys of the schema's root rule (its if): a JSON object with any of them (%s) is an EventBridge event (%s), any other a bare contact event (%s).", strings.Join(keys, ", "), m.rootThen.goName, m.rootElse.goName), 76))
	f.Var().Id("rootRuleKeys").Op("=").Index().String().Values(lits...)
	f.Line()
	f.Comment("isEnvelopeKey reports whether key is one of rootRuleKeys.")
	f.Func().Id("isEnvelopeKey").Params(jen.Id("key").String()).Bool().Block(
		jen.Switch(jen.Id("key")).Block(jen.Case(lits...).Block(jen.Return(jen.True()))),
		jen.Return(jen.False()),
	)
	f.Line()

	m.emitHasEnvelope(f)
	m.emitIdentifyingKeys(f)
	m.emitNotSet(f)
	return nil
}

// emitNotSet writes isNotSetText: whether a text is the not-set sentinel of
// one of the schema's timestamps (x-timestamp's notSet). Timestamp's
// UnmarshalText needs it, outside any event, to keep "not set" apart from a
// set time.
func (m *model) emitNotSet(f *jen.File) {
	var lits []jen.Code
	var where []string
	seen := map[string]bool{}
	for _, d := range m.defs {
		if d.kind != kindTimestamp || d.notSet == "" {
			continue
		}
		where = append(where, d.name+": "+d.notSet)
		if !seen[d.notSet] {
			seen[d.notSet] = true
			lits = append(lits, jen.Lit(d.notSet))
		}
	}
	body := []jen.Code{jen.Return(jen.False())}
	text := "isNotSetText reports whether s is the not-set sentinel of a timestamp of the schema: the schema has none."
	if len(lits) > 0 {
		body = []jen.Code{jen.Switch(jen.Id("s")).Block(jen.Case(lits...).Block(jen.Return(jen.True()))), jen.Return(jen.False())}
		text = fmt.Sprintf("isNotSetText reports whether s is the not-set sentinel of a timestamp of the schema (x-timestamp's notSet; %s): the text Amazon Connect sends for a timestamp it has no value for.", strings.Join(where, ", "))
	}
	f.Add(comment(text, 76))
	f.Func().Id("isNotSetText").Params(jen.Id("s").String()).Bool().Block(body...)
	f.Line()
}

// rootKeys reads the root's if: anyOf of single-key required lists.
func (m *model) rootKeys() ([]string, error) {
	var keys []string
	for _, alt := range m.root.get("if").get("anyOf").itemsOrNil() {
		req := alt.strings("required")
		if len(req) != 1 || len(alt.members) != 1 {
			return nil, fmt.Errorf("the root's if must be anyOf of {\"required\": [key]}")
		}
		keys = append(keys, req[0])
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("the root's if must be anyOf of {\"required\": [key]}")
	}
	return keys, nil
}

// emitHasEnvelope writes Event.HasEnvelope: whether any member of the
// envelope (the root's then, without its detail) is present.
func (m *model) emitHasEnvelope(f *jen.File) {
	var conds []jen.Code
	var names []string
	detail := "detail"
	for _, p := range m.rootThen.props {
		if p.t.kind == tRef && p.t.ref == m.rootElse {
			detail = p.name
			continue
		}
		conds = append(conds, m.setCond(p, jen.Id("e").Dot(p.goName)))
		names = append(names, p.name)
	}
	conds = append(conds, jen.Len(jen.Id("e").Dot("Unknown")).Op(">").Lit(0))
	f.Add(comment(fmt.Sprintf("HasEnvelope reports whether the event came with its EventBridge envelope: whether it has any member of %s other than %s (%s) or an unknown one. A bare contact event (the older page's first sample) decodes into an %s whose envelope fields are all empty.", m.rootThen.name, detail, strings.Join(names, ", "), m.rootThen.goName), 76))
	ret := jen.Add(conds[0])
	for _, c := range conds[1:] {
		ret = ret.Op("||").Line().Add(c)
	}
	f.Func().Params(jen.Id("e").Op("*").Id(m.rootThen.goName)).Id("HasEnvelope").Params().Bool().Block(jen.Return(ret))
	f.Line()
}

// setCond is the condition under which the Go field v of p holds a value:
// present for an optional field, non-zero for a required one.
func (m *model) setCond(p *prop, v *jen.Statement) jen.Code {
	if !m.goRequired(p) {
		return m.present(p.t, v, true)
	}
	t := p.t
	switch {
	case t.kind == tRef && t.ref.kind == kindTimestamp:
		return jen.Op("!").Add(v).Dot("IsZero").Call()
	case t.kind == tString || t.kind == tRef && (t.ref.kind == kindEnum || t.ref.kind == kindString):
		return v.Op("!=").Lit("")
	case t.kind == tArray || t.kind == tMap || t.kind == tOneOrMany || t.kind == tRef && t.ref.kind == kindMap:
		return v.Op("!=").Nil()
	case t.kind == tInteger || t.kind == tNumber:
		return v.Op("!=").Lit(0)
	case t.kind == tBool:
		return v
	}
	panic(fmt.Sprintf("no zero value test for required property %s", p.name))
}

// emitIdentifyingKeys writes the documented spellings of each required
// member of a bare contact event: the keys that tell a contact event from
// other JSON (a contact trace record, a contact-flow invocation).
func (m *model) emitIdentifyingKeys(f *jen.File) {
	dict := jen.Dict{}
	var order []string
	for _, p := range m.rootElse.props {
		if !p.required {
			continue
		}
		spellings := []jen.Code{jen.Lit(p.name)}
		for _, a := range p.aliases {
			spellings = append(spellings, jen.Lit(a.name))
		}
		dict[jen.Lit(p.name)] = jen.Values(spellings...)
		order = append(order, p.name)
	}
	f.Add(comment(fmt.Sprintf("identifyingKeys maps each required member of %s (%s) to every documented spelling of its key, the canonical one first, whatever the profile: the keys that tell a contact event from other JSON.", m.rootElse.name, strings.Join(order, ", ")), 76))
	f.Var().Id("identifyingKeys").Op("=").Map(jen.String()).Index().String().Values(dict)
	f.Line()
}
