package main

import (
	"github.com/dave/jennifer/jen"
)

// emitProfiles writes the Profile type from the schema's x-profiles.
func (m *model) emitProfiles(f *jen.File) {
	f.Add(comment("Profile is a validation profile: which documented spellings, values and shapes are accepted, and what happens to unknown ones. Each profile is also a JSON Schema of its own in schema/profiles.", 76))
	f.Type().Id("Profile").String()
	f.Line()
	var consts, vals, cases []jen.Code
	for _, p := range m.profiles {
		consts = append(consts, comment(p.goName+" is the "+p.name+" profile. "+p.description, 74), jen.Id(p.goName).Id("Profile").Op("=").Lit(p.name))
		vals = append(vals, jen.Id(p.goName))
		sev := func(s string) jen.Code {
			if s == "warning" {
				return jen.Qual(issuePkg, "Warning")
			}
			return jen.Qual(issuePkg, "Error")
		}
		fields := jen.Dict{
			jen.Id("Index"):             jen.Lit(indexOf(m, p)),
			jen.Id("Bit"):               jen.Id(maskName(p)),
			jen.Id("UnknownProperties"): sev(p.unknownProperties),
			jen.Id("UnknownValues"):     sev(p.unknownValues),
		}
		if p.anyFraction {
			fields[jen.Id("AnyFraction")] = jen.True()
		}
		cases = append(cases, jen.Case(jen.Id(p.goName)).Block(jen.Return(jen.Qual(codecPkg, "Profile").Values(fields), jen.True())))
	}
	cases = append(cases, jen.Default().Block(jen.Return(jen.Qual(codecPkg, "Profile").Values(), jen.False())))
	f.Const().Defs(consts...)
	f.Line()
	f.Comment("Values returns every profile, in the schema's order.")
	f.Func().Params(jen.Id("Profile")).Id("Values").Params().Index().Id("Profile").Block(jen.Return(jen.Index().Id("Profile").Values(vals...)))
	f.Line()
	f.Comment("codec returns what the generated decoders need to know of p.")
	f.Func().Params(jen.Id("p").Id("Profile")).Id("codec").Params().Params(jen.Qual(codecPkg, "Profile"), jen.Bool()).Block(
		jen.Switch(jen.Id("p")).Block(cases...),
	)
	f.Line()
	var bits []jen.Code
	for _, p := range m.profiles {
		bits = append(bits, jen.Id(maskName(p)).Uint8().Op("=").Lit(int(p.bit)))
	}
	f.Add(comment("Profile bits, for the masks of the generated tables: which profiles accept a spelling, a value or a shape.", 76))
	f.Const().Defs(bits...)
	f.Line()
	f.Comment("The generated code and internal/codec must come from the same version.")
	f.Const().Id("_").Op("=").Qual(codecPkg, "APIVersion1")
}

func indexOf(m *model, p *profile) int {
	for i, q := range m.profiles {
		if q == p {
			return i
		}
	}
	return -1
}

// maskName is the Go constant of a profile's bit.
func maskName(p *profile) string { return "in" + p.goName }

// maskExpr writes a mask as the profiles it holds: inStrict | inCompat.
func (m *model) maskExpr(mask uint8) jen.Code {
	var e *jen.Statement
	for _, p := range m.profiles {
		if mask&p.bit == 0 {
			continue
		}
		if e == nil {
			e = jen.Id(maskName(p))
		} else {
			e = e.Op("|").Id(maskName(p))
		}
	}
	if e == nil {
		return jen.Lit(0)
	}
	return e
}
