package main

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// The schema's x-rules are data: a generic kind, its operands (property
// names of the object), a limit and a severity per profile, and a message
// template. The generator knows the kinds, never a page's properties or
// words:
//
//   - absentWhen: property is absent when the enum property when.property
//     has the value when.equals. Reported at property.
//   - maxDuration: the timestamp property to is at most maxSeconds (per
//     profile) after the timestamp property from, when both are set (and,
//     with when, only when when.property is when.equals). Reported at to.
//
// The message template names operands in braces: {property}, {from},
// {to}, {when.property}, {when.equals} are replaced when generating;
// {limit} and {actual} (maxDuration) are the durations of the event being
// checked.

// ruleRuntime are the placeholders each kind fills at run time, with the
// Go expression of each.
var ruleRuntime = map[string]map[string]jen.Code{
	"absentWhen":  {},
	"maxDuration": {"limit": jen.Id("limit").Dot("String").Call(), "actual": jen.Id("actual").Dot("String").Call()},
}

// ruleMessage turns r's message template into a Go string expression, or
// reports a placeholder that r's kind does not fill.
func ruleMessage(r rule) (jen.Code, error) {
	if r.message == "" {
		return nil, fmt.Errorf("no message")
	}
	static := map[string]string{"property": r.property, "from": r.from, "to": r.to}
	if r.when != nil {
		static["when.property"], static["when.equals"] = r.when.property, r.when.equals
	}
	var expr *jen.Statement
	add := func(c jen.Code) {
		if expr == nil {
			expr = jen.Add(c)
		} else {
			expr = expr.Op("+").Add(c)
		}
	}
	text := ""
	rest := r.message
	for {
		before, after, found := strings.Cut(rest, "{")
		text += before
		if !found {
			break
		}
		name, tail, closed := strings.Cut(after, "}")
		if !closed {
			return nil, fmt.Errorf("message: unclosed {")
		}
		rest = tail
		if v, ok := static[name]; ok && v != "" {
			text += v
			continue
		}
		rt, ok := ruleRuntime[r.kind][name]
		if !ok {
			return nil, fmt.Errorf("message: a %s rule has no {%s}", r.kind, name)
		}
		if text != "" {
			add(jen.Lit(text))
			text = ""
		}
		add(rt)
	}
	if text != "" || expr == nil {
		add(jen.Lit(text))
	}
	return expr, nil
}

// severityConst is the internal/codec constant of a severity in the schema.
func severityConst(s string) jen.Code {
	return jen.Qual(codecPkg, map[string]string{"error": "RuleError", "warning": "RuleWarning", "off": "RuleOff"}[s])
}

// ruleVarPrefix is the prefix of the package-level tables of rule r of df:
// contactEventTaskExpiry.
func ruleVarPrefix(df *def, r rule) string { return lowerID(df.goName) + exported(r.id) }

// emitRuleTables writes r's per-profile tables: its severities and, for
// maxDuration, its limits.
func (m *model) emitRuleTables(f *jen.File, df *def, r rule) {
	prefix := ruleVarPrefix(df, r)
	var sev, sevDoc []jen.Code
	for _, p := range m.profiles {
		sev = append(sev, severityConst(r.severity[p.name]))
		sevDoc = append(sevDoc, jen.Comment(p.name))
	}
	n := jen.Lit(len(m.profiles))
	f.Commentf("%sSeverity is what breaking rule %s is, per profile (%s).", prefix, r.id, m.profileNames())
	f.Var().Id(prefix+"Severity").Op("=").Index(n).Qual(codecPkg, "RuleSeverity").Values(sev...)
	f.Line()
	if r.kind != "maxDuration" {
		return
	}
	var limits []jen.Code
	for _, p := range m.profiles {
		limits = append(limits, durationLit(r.maxSeconds[p.name]))
	}
	f.Commentf("%sLimit is rule %s's maxSeconds, per profile (%s).", prefix, r.id, m.profileNames())
	f.Var().Id(prefix+"Limit").Op("=").Index(n).Qual("time", "Duration").Values(limits...)
	f.Line()
}

func (m *model) profileNames() string {
	var names []string
	for _, p := range m.profiles {
		names = append(names, p.name)
	}
	return strings.Join(names, ", ")
}

// durationLit writes seconds in the largest whole unit: 30 * 24 * time.Hour.
func durationLit(seconds int64) jen.Code {
	switch {
	case seconds%86400 == 0:
		return jen.Lit(int(seconds/86400)).Op("*").Lit(24).Op("*").Qual("time", "Hour")
	case seconds%3600 == 0:
		return jen.Lit(int(seconds/3600)).Op("*").Qual("time", "Hour")
	case seconds%60 == 0:
		return jen.Lit(int(seconds/60)).Op("*").Qual("time", "Minute")
	}
	return jen.Lit(int(seconds)).Op("*").Qual("time", "Second")
}

// ruleCheck emits the check of one x-rules entry at the end of its
// object's decoder (and, before the decoder, the rule's tables).
func (m *model) ruleCheck(f *jen.File, df *def, r rule) []jen.Code {
	m.emitRuleTables(f, df, r)
	prefix := ruleVarPrefix(df, r)
	doc := comment("Rule "+r.id+": "+r.description, 74)
	message, err := ruleMessage(r)
	if err != nil {
		panic(err) // checkRule has reported it
	}
	report := func(at string) jen.Code {
		return jen.If(jen.List(jen.Id("sev"), jen.Id("on")).Op(":=").Add(dCall("Severity", jen.Id(prefix+"Severity").Index(jen.Op(":")))), jen.Id("on")).Block(
			issuesCall("AddMember", jen.Id("sev"), dCall("Key", seenOf(jen.Id(memberConst(df, df.prop(at))))), jen.Lit(fmt.Sprintf("/$defs/%s/x-rules/%d", df.name, r.index)), message),
		)
	}
	var conds []jen.Code
	if r.when != nil {
		conds = append(conds, m.equalsCond(df, r.when))
	}
	switch r.kind {
	case "absentWhen":
		p := df.prop(r.property)
		present := dCall("Accepts", m.maskExpr(p.mask))
		if cond := m.present(p.t, jen.Id("v").Dot(p.goName), !m.goRequired(p)); cond != nil {
			present = jen.Add(cond)
		}
		conds = append([]jen.Code{present}, conds...)
		return []jen.Code{doc, jen.If(and(conds)).Block(report(r.property))}
	case "maxDuration":
		from, to := jen.Id("v").Dot(df.prop(r.from).goName), jen.Id("v").Dot(df.prop(r.to).goName)
		conds = append(conds, from.Clone().Dot("IsSet").Call(), to.Clone().Dot("IsSet").Call())
		return []jen.Code{doc, jen.If(and(conds)).Block(
			jen.Id("limit").Op(":=").Add(profileIndexed(jen.Id(prefix+"Limit"))),
			jen.If(
				jen.Id("actual").Op(":=").Add(to).Dot("Time").Call().Dot("Sub").Call(from.Clone().Dot("Time").Call()),
				jen.Id("actual").Op(">").Id("limit"),
			).Block(report(r.to)),
		)}
	}
	panic("unknown rule kind " + r.kind) // checkRule has reported it
}

// equalsCond is v.Property == TypeValue for a rule's when.
func (m *model) equalsCond(df *def, c *condition) jen.Code {
	p := df.prop(c.property)
	for _, v := range p.t.ref.values {
		if v.value == c.equals {
			return jen.Id("v").Dot(p.goName).Op("==").Id(p.t.ref.goName + v.goName)
		}
	}
	panic("no value " + c.equals) // checkRule has reported it
}

// and joins conditions with &&.
func and(conds []jen.Code) *jen.Statement {
	s := jen.Add(conds[0])
	for _, c := range conds[1:] {
		s = s.Op("&&").Add(c)
	}
	return s
}
