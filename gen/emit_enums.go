package main

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

func (m *model) acceptedList(d *def, p *profile) string {
	var vals []string
	for _, v := range d.values {
		if v.mask&p.bit != 0 && v.canonical == "" {
			vals = append(vals, v.value)
		}
	}
	return strings.Join(vals, ", ")
}

func (m *model) allBits() uint8 { return uint8(1<<len(m.profiles)) - 1 }

// emitEnums writes one named string type per enum definition, in the
// aws-sdk-go-v2 style: a constant per value, Values, and the value's
// provenance (current, legacy, documented variant) as methods.
func (m *model) emitEnums(f *jen.File) {
	var current *profile
	var legacy *profile
	for _, p := range m.profiles {
		if p.name == "strict" {
			current = p
		}
		if p.name == "legacy" {
			legacy = p
		}
	}
	for _, d := range m.defs {
		if d.kind != kindEnum {
			continue
		}
		t := d.goName
		f.Add(doc(t, d.description))
		f.Type().Id(t).String()
		f.Line()
		var consts []jen.Code
		for _, v := range d.values {
			c := fmt.Sprintf("%s is %q: %s", t+v.goName, v.value, v.description)
			consts = append(consts, comment(c, 74), jen.Id(t+v.goName).Id(t).Op("=").Lit(v.value))
		}
		f.Comment("Values of " + t + " documented by any of the documents; see the schema for each one's provenance.")
		f.Const().Defs(consts...)
		f.Line()

		var vals []jen.Code
		for _, v := range d.values {
			vals = append(vals, jen.Id(t+v.goName))
		}
		f.Commentf("Values returns every documented value of %s, current, legacy and documented variants alike, in the schema's order.", t)
		f.Func().Params(jen.Id(t)).Id("Values").Params().Index().Id(t).Block(
			jen.Return(jen.Index().Id(t).Values(vals...)),
		)
		f.Line()

		// lookup: canonical value and acceptance mask
		var cases []jen.Code
		for _, v := range d.values {
			ret := jen.Id(t + v.goName)
			if v.canonical != "" {
				for _, c := range d.values {
					if c.value == v.canonical {
						ret = jen.Id(t + c.goName)
					}
				}
			}
			cases = append(cases, jen.Case(jen.Lit(v.value)).Block(jen.Return(ret, m.maskExpr(v.mask))))
		}
		cases = append(cases, jen.Default().Block(jen.Return(jen.Id(t).Call(jen.Id("s")), jen.Lit(0))))
		lookup := "lookup" + t
		f.Commentf("%s returns the value to keep for s (documented variants become their canonical value) and the profiles that accept s, as a mask (0: undocumented).", lookup)
		f.Func().Id(lookup).Params(jen.Id("s").String()).Params(jen.Id(t), jen.Uint8()).Block(
			jen.Switch(jen.Id("s")).Block(cases...),
		)
		f.Line()

		_, mask := 0, func(v *enumValue) uint8 { return v.mask }
		var curCases, legCases, varCases []jen.Code
		for _, v := range d.values {
			isCurrent := current != nil && mask(v)&current.bit != 0
			isLegacy := !isCurrent && legacy != nil && mask(v)&legacy.bit != 0 && (contains(v.provenance, "older"))
			switch {
			case isCurrent:
				curCases = append(curCases, jen.Id(t+v.goName))
			case isLegacy:
				legCases = append(legCases, jen.Id(t+v.goName))
			default:
				varCases = append(varCases, jen.Id(t+v.goName))
			}
		}
		boolMethod := func(name, comment string, vals []jen.Code) {
			f.Comment(comment)
			if len(vals) == 0 {
				f.Func().Params(jen.Id("v").Id(t)).Id(name).Params().Bool().Block(jen.Return(jen.False()))
			} else {
				f.Func().Params(jen.Id("v").Id(t)).Id(name).Params().Bool().Block(
					jen.Switch(jen.Id("v")).Block(jen.Case(vals...).Block(jen.Return(jen.True()))),
					jen.Return(jen.False()),
				)
			}
			f.Line()
		}
		boolMethod("IsCurrent", "IsCurrent reports whether v is one of the strict profile's values: the newest documented valid values.", curCases)
		boolMethod("IsLegacy", "IsLegacy reports whether v is documented only by the older page.", legCases)
		boolMethod("IsVariant", "IsVariant reports whether v is documented, but only by a sample, the prose or a superseded valid-values list, not by the newest ones.", varCases)
		f.Comment("IsKnown reports whether v is documented at all.")
		f.Func().Params(jen.Id("v").Id(t)).Id("IsKnown").Params().Bool().Block(
			jen.List(jen.Id("_"), jen.Id("mask")).Op(":=").Id(lookup).Call(jen.String().Call(jen.Id("v"))),
			jen.Return(jen.Id("mask").Op("!=").Lit(0)),
		)
		f.Line()
		f.Comment("Canonical returns the value a documented variant stands for (v itself otherwise).")
		f.Func().Params(jen.Id("v").Id(t)).Id("Canonical").Params().Id(t).Block(
			jen.List(jen.Id("c"), jen.Id("_")).Op(":=").Id(lookup).Call(jen.String().Call(jen.Id("v"))),
			jen.Return(jen.Id("c")),
		)
		f.Line()

		var acc []jen.Code
		for _, p := range m.profiles {
			acc = append(acc, jen.Lit(m.acceptedList(d, p)))
		}
		f.Commentf("%sAccepted lists, per profile, the values it accepts, for messages.", lowerID(t))
		f.Var().Id(lowerID(t) + "Accepted").Op("=").Index(jen.Lit(len(m.profiles))).String().Values(acc...)
		f.Line()
	}
}

func lowerID(s string) string { return strings.ToLower(s[:1]) + s[1:] }
