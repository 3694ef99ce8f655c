package main

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// emitEncoders writes one append function per object and map definition,
// producing canonical JSON: canonical keys in the schema's order, canonical
// enum values, map keys sorted, unknown members last in their input order.
func (m *model) emitEncoders(f *jen.File) {
	for _, df := range m.defs {
		switch df.kind {
		case kindObject:
			var body []jen.Code
			body = append(body, jen.Id("start").Op(":=").Len(jen.Id("b")))
			for _, p := range df.props {
				key := jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(",\""+p.name+"\":").Op("..."))
				val := m.encodeValue(p.t, jen.Id("v").Dot(p.goName), !m.goRequired(p))
				stmts := append([]jen.Code{key}, val...)
				if cond := m.present(p.t, jen.Id("v").Dot(p.goName), !m.goRequired(p)); cond != nil {
					body = append(body, jen.If(cond).Block(stmts...))
				} else {
					body = append(body, stmts...)
				}
			}
			body = append(body, jen.For(jen.List(jen.Id("_"), jen.Id("u")).Op(":=").Range().Id("v").Dot("Unknown")).Block(
				jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(',')),
				jen.Id("b").Op("=").Qual(codecPkg, "AppendKey").Call(jen.Id("b"), jen.Id("u").Dot("Key")),
				jen.Id("b").Op("=").Qual(codecPkg, "AppendRaw").Call(jen.Id("b"), jen.Id("u").Dot("Value")),
			))
			body = append(body, jen.Return(jen.Qual(codecPkg, "CloseObject").Call(jen.Id("b"), jen.Id("start"))))
			f.Commentf("append%s appends v as canonical JSON.", df.goName)
			f.Func().Id("append"+df.goName).Params(jen.Id("b").Index().Byte(), jen.Id("v").Op("*").Id(df.goName)).Index().Byte().Block(body...)
			f.Line()
			if df == m.rootThen {
				// The root type's MarshalJSON is written by hand: it must
				// also write a bare contact event (no envelope).
				continue
			}
			f.Commentf("MarshalJSON encodes v as canonical JSON: canonical keys, canonical values, unknown members kept.")
			f.Func().Params(jen.Id("v").Id(df.goName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
				jen.Return(jen.Id("append"+df.goName).Call(jen.Nil(), jen.Op("&").Id("v")), jen.Nil()),
			)
			f.Line()
			if df != m.rootElse {
				// The bare contact event's UnmarshalJSON is written by hand:
				// it is a whole event document, decoded as Parse does.
				m.emitUnmarshal(f, df, jen.Var().Id("x").Id(df.goName), jen.Op("&").Id("x"))
			}
		case kindMap:
			f.Commentf("append%s appends v as canonical JSON, keys sorted.", df.goName)
			f.Func().Id("append"+df.goName).Params(jen.Id("b").Index().Byte(), jen.Id("v").Id(df.goName)).Index().Byte().Block(
				append(m.encodeMap(jen.Id("v"), df.mapValue, 0), jen.Return(jen.Id("b")))...,
			)
			f.Line()
			f.Commentf("MarshalJSON encodes v as canonical JSON, keys sorted.")
			f.Func().Params(jen.Id("v").Id(df.goName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
				jen.Return(jen.Id("append"+df.goName).Call(jen.Nil(), jen.Id("v")), jen.Nil()),
			)
			f.Line()
			m.emitUnmarshal(f, df, jen.Id("x").Op(":=").Make(jen.Id(df.goName)), jen.Id("x"))
		}
	}
}

// emitUnmarshal writes the UnmarshalJSON of an object or map definition,
// the inverse of its MarshalJSON: decoded into x (declared by declare,
// passed to the decoder as arg) by the generated decoder under the Compat
// profile (see unmarshalPart in the package), stored in *v when decoded.
func (m *model) emitUnmarshal(f *jen.File, df *def, declare, arg jen.Code) {
	f.Add(comment(fmt.Sprintf("UnmarshalJSON decodes data, one %s as JSON, and validates it under the Compat profile (the default of Parse): every documented spelling and value, unknown members kept. It returns the errors Parse returns (*SyntaxError, *ValidationError with JSON Pointers within data); v is set, valid or not, unless data is not well-formed JSON.", df.goName), 76))
	decode := jen.Func().Params(jen.Id("d").Op("*").Id("decoder")).Block(jen.Id("decode"+df.goName).Call(jen.Id("d"), arg))
	f.Func().Params(jen.Id("v").Op("*").Id(df.goName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		declare,
		jen.List(jen.Id("decoded"), jen.Err()).Op(":=").Id("unmarshalPart").Call(jen.Id("data"), jen.Lit("/$defs/"+df.name+"/type"), decode),
		jen.If(jen.Id("decoded")).Block(jen.Op("*").Id("v").Op("=").Id("x")),
		jen.Return(jen.Err()),
	)
	f.Line()
}

// present is the condition under which a member is written (nil: always).
func (m *model) present(t *typ, v *jen.Statement, optional bool) jen.Code {
	if !optional {
		return nil
	}
	switch t.kind {
	case tRef:
		switch t.ref.kind {
		case kindObject, kindMap:
			return v.Clone().Op("!=").Nil()
		case kindTimestamp:
			return jen.Op("!").Add(v.Clone()).Dot("IsZero").Call()
		case kindString:
			if t.ref.str.min < 1 {
				return v.Clone().Op("!=").Nil()
			}
			return v.Clone().Op("!=").Lit("")
		default:
			return v.Clone().Op("!=").Lit("")
		}
	case tString:
		if t.str.min < 1 {
			return v.Clone().Op("!=").Nil()
		}
		return v.Clone().Op("!=").Lit("")
	default:
		return v.Clone().Op("!=").Nil()
	}
}

func (m *model) encodeMap(v *jen.Statement, value *typ, depth int) []jen.Code {
	// Loop variables are numbered by depth: a map of arrays must not
	// shadow the outer loop's.
	i, k, e, keys := fmt.Sprintf("i%d", depth), fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth), fmt.Sprintf("keys%d", depth)
	return []jen.Code{
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('{')),
		jen.Var().Id(keys).Index(jen.Lit(16)).String().Comment("on the stack for the usual few keys"),
		jen.For(jen.List(jen.Id(i), jen.Id(k)).Op(":=").Range().Qual(codecPkg, "SortedKeys").Call(v.Clone(), jen.Id(keys).Index(jen.Op(":").Lit(0)))).Block(
			jen.If(jen.Id(i).Op(">").Lit(0)).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(','))),
			jen.Id("b").Op("=").Qual(codecPkg, "AppendKey").Call(jen.Id("b"), jen.Id(k)),
			jen.Id(e).Op(":=").Add(v.Clone()).Index(jen.Id(k)),
			jen.Block(m.encodeValueAt(value, jen.Id(e), false, depth+1)...),
		),
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('}')),
	}
}

// encodeValue appends the value v of type t to b.
func (m *model) encodeValue(t *typ, v *jen.Statement, optional bool) []jen.Code {
	return m.encodeValueAt(t, v, optional, 0)
}

// encodeValueAt is encodeValue inside depth nested containers.
func (m *model) encodeValueAt(t *typ, v *jen.Statement, optional bool, depth int) []jen.Code {
	set := func(c jen.Code) []jen.Code { return []jen.Code{jen.Id("b").Op("=").Add(c)} }
	deref := func() jen.Code {
		if optional {
			return jen.Op("*").Add(v.Clone())
		}
		return v.Clone()
	}
	switch t.kind {
	case tRef:
		switch t.ref.kind {
		case kindObject:
			if optional {
				return set(jen.Id("append"+t.ref.goName).Call(jen.Id("b"), v.Clone()))
			}
			return set(jen.Id("append"+t.ref.goName).Call(jen.Id("b"), jen.Op("&").Add(v.Clone())))
		case kindMap:
			return set(jen.Id("append"+t.ref.goName).Call(jen.Id("b"), v.Clone()))
		case kindEnum:
			return set(jen.Qual(codecPkg, "AppendString").Call(jen.Id("b"), jen.String().Call(v.Clone().Dot("Canonical").Call())))
		case kindTimestamp:
			return set(v.Clone().Dot("appendJSON").Call(jen.Id("b")))
		default:
			if optional && t.ref.str.min < 1 {
				return set(jen.Qual(codecPkg, "AppendString").Call(jen.Id("b"), jen.Op("*").Add(v.Clone())))
			}
			return set(jen.Qual(codecPkg, "AppendString").Call(jen.Id("b"), v.Clone()))
		}
	case tString:
		if optional && t.str.min < 1 {
			return set(jen.Qual(codecPkg, "AppendString").Call(jen.Id("b"), jen.Op("*").Add(v.Clone())))
		}
		return set(jen.Qual(codecPkg, "AppendString").Call(jen.Id("b"), v.Clone()))
	case tInteger:
		return set(jen.Qual("strconv", "AppendInt").Call(jen.Id("b"), deref(), jen.Lit(10)))
	case tNumber:
		return set(jen.Qual(codecPkg, "AppendFloat").Call(jen.Id("b"), deref()))
	case tBool:
		return set(jen.Qual("strconv", "AppendBool").Call(jen.Id("b"), deref()))
	case tArray:
		return m.encodeSlice(v, t.items, depth)
	case tMap:
		return m.encodeMap(v, t.mapValue, depth)
	case tOneOrMany:
		item := &typ{kind: tRef, ref: t.ref}
		return []jen.Code{jen.If(jen.Len(v.Clone()).Op("==").Lit(1)).Block(
			m.encodeValueAt(item, v.Clone().Index(jen.Lit(0)), false, depth)...,
		).Else().Block(m.encodeSlice(v, item, depth)...)}
	}
	panic("cannot encode")
}

func (m *model) encodeSlice(v *jen.Statement, item *typ, depth int) []jen.Code {
	i := fmt.Sprintf("i%d", depth)
	return []jen.Code{
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('[')),
		jen.For(jen.Id(i).Op(":=").Range().Add(v.Clone())).Block(
			jen.If(jen.Id(i).Op(">").Lit(0)).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(','))),
			jen.Block(m.encodeValueAt(item, v.Clone().Index(jen.Id(i)), false, depth+1)...),
		),
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune(']')),
	}
}
