package main

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// The column writes of the export package (contactevents/export/
// columnar_gen.go): for each event, its values appended straight to a
// batch of values per leaf column of the row (the columns type of
// columnar.go), each with the repetition and definition levels its place
// in the schema's nesting gives it, so that parquet-go's reflective row
// writer is not on the export's path. The leaves, their order and their
// levels are those parquet-go derives from the row types of rows_gen.go
// (the export package's tests check both: the column paths, and that the
// files are the same); which value is NULL follows the row's fill, case by
// case (column in emit_parquet.go).
//
// Each object definition of the row has a method add<Name>(v, col, rep,
// def, depth, u, at): col is its first leaf column, rep the repetition
// level of its first values, def the definition level at which it is
// present, depth the repeated fields above it.

// leaves returns the leaf column paths of a value of t held by owner, in
// the row's order, under the column name.
func (e *parquetEmitter) leaves(owner *def, t *typ, name string) []string {
	switch {
	case t.kind == tRef && t.ref.kind == kindObject:
		if e.recursive(owner, t.ref) {
			return []string{name}
		}
		return e.structLeaves(t.ref, name)
	case t.kind == tArray || t.kind == tOneOrMany:
		items := listItems(t)
		return e.valueLeaves(owner, items, name+".list.element")
	case t.kind == tMap || t.kind == tRef && t.ref.kind == kindMap:
		v, valOwner := mapValue(owner, t)
		return append([]string{name + ".key_value.key"}, e.valueLeaves(valOwner, v, name+".key_value.value")...)
	}
	return []string{name} // a scalar, a string, an enum, a timestamp
}

// valueLeaves are the leaves of a list element or map value.
func (e *parquetEmitter) valueLeaves(owner *def, t *typ, name string) []string {
	if t.kind == tRef && t.ref.kind == kindObject && !e.recursive(owner, t.ref) {
		return e.structLeaves(t.ref, name)
	}
	return []string{name}
}

func (e *parquetEmitter) structLeaves(d *def, name string) []string {
	var out []string
	for _, q := range d.props {
		out = append(out, e.leaves(d, q.t, name+"."+snake(q.name))...)
	}
	return out
}

// listItems is the element type of an array, or of a one-or-many value.
func listItems(t *typ) *typ {
	if t.kind == tOneOrMany {
		return &typ{kind: tRef, ref: t.ref}
	}
	return t.items
}

// mapValue is the value type of a map, inline or a named map definition,
// and the definition that holds it (for the recursion check).
func mapValue(owner *def, t *typ) (*typ, *def) {
	if t.kind == tRef {
		return t.ref.mapValue, t.ref
	}
	return t.mapValue, owner
}

// columnarScope is where the generated code of one definition's method (or
// of the row's) is: how it names its first column.
type columnarScope struct{ root bool }

// col is the expression of the leaf column k of the method's value.
func (s columnarScope) col(k int) *jen.Statement {
	switch {
	case s.root:
		return jen.Lit(k)
	case k == 0:
		return jen.Id("col")
	}
	return jen.Id("col").Op("+").Lit(k)
}

// plus is the expression name+n (a level).
func plus(name string, n int) *jen.Statement {
	if n == 0 {
		return jen.Id(name)
	}
	return jen.Id(name).Op("+").Lit(n)
}

// addName is the name of the method that appends a value of d.
func addName(d *def) string { return "add" + d.goName }

// columnWrite returns the statements that append property p of owner (the
// Go value v.<p.goName>) at leaf column k, and the number of its leaves.
// The NULL cases are those of column's fill.
func (e *parquetEmitter) columnWrite(s columnarScope, owner *def, p *prop, k int) ([]jen.Code, int) {
	m := e.m
	src := jen.Id("v").Dot(p.goName)
	optional := !m.goRequired(p)
	leaves := e.leaves(owner, p.t, snake(p.name))
	n := len(leaves)
	doc := jen.Comment(fmt.Sprintf("%s: column %s", p.name, leaves[0]))
	if n > 1 {
		doc = jen.Comment(fmt.Sprintf("%s: the %d columns from %s", p.name, n, leaves[0]))
	}
	col := s.col(k)
	lv := []jen.Code{col, jen.Id("rep"), jen.Id("def")}
	here := jen.Op("&").Id("path").Values(jen.Dict{jen.Id("up"): jen.Id("at"), jen.Id("key"): jen.Lit(p.name)})
	call := func(name string, args ...jen.Code) jen.Code {
		return jen.Id("c").Dot(name).Call(append(append([]jen.Code{}, lv...), args...)...)
	}
	t := p.t
	var body []jen.Code
	switch {
	case t.kind == tRef && t.ref.kind == kindTimestamp:
		body = []jen.Code{call("timestamp", src)}
	case isStringish(t):
		val := jen.Add(src)
		if isEnum(t) {
			val = jen.String().Call(src)
		}
		switch {
		case optional && !isEnum(t) && strMin(t) < 1: // a *string
			body = []jen.Code{call("pointerStr", src)}
		case optional: // "" is absent
			body = []jen.Code{call("optionalStr", val)}
		default:
			body = []jen.Code{jen.Id("c").Dot("str").Call(col, jen.Id("rep"), plus("def", 1), val)}
		}
	case t.kind == tInteger || t.kind == tNumber || t.kind == tBool:
		name := map[typKind]string{tInteger: "int64", tNumber: "float64", tBool: "bool"}[t.kind]
		if optional {
			body = []jen.Code{call("pointer"+strings.ToUpper(name[:1])+name[1:], src)}
		} else {
			body = []jen.Code{jen.Id("c").Dot(name).Call(col, jen.Id("rep"), plus("def", 1), src)}
		}
	case t.kind == tRef && t.ref.kind == kindObject:
		d := t.ref
		ptr := src
		if !optional {
			ptr = jen.Op("&").Add(src)
		}
		var present jen.Code
		if e.recursive(owner, d) {
			present = jen.Id("c").Dot("str").Call(col, jen.Id("rep"), plus("def", 1), jen.Id("jsonOf").Call(ptr))
		} else {
			present = jen.Id("c").Dot(addName(d)).Call(ptr, col, jen.Id("rep"), plus("def", 1), jen.Id("depth"), jen.Id("u"), here)
		}
		if optional {
			body = []jen.Code{jen.If(src.Clone().Op("!=").Nil()).Block(present).Else().Block(
				jen.Id("c").Dot("nulls").Call(col, jen.Lit(n), jen.Id("rep"), jen.Id("def")))}
		} else {
			body = []jen.Code{present}
		}
	case t.kind == tArray || t.kind == tOneOrMany:
		items := listItems(t)
		elem := e.elementWrite(owner, items, col, jen.Id("x"), jen.Op("&").Add(src.Clone()).Index(jen.Id("i")),
			jen.Op("&").Id("path").Values(jen.Dict{jen.Id("up"): here, jen.Id("index"): jen.Id("i"), jen.Id("element"): jen.True()}))
		loop := jen.List(jen.Id("i"), jen.Id("x"))
		if items.kind == tRef && items.ref.kind == kindObject {
			loop = jen.Id("i") // the element by its address
		}
		body = []jen.Code{
			jen.Id("c").Dot("emptyList").Call(col, jen.Lit(n), jen.Id("rep"), jen.Id("def"), src.Clone().Op("==").Nil(), jen.Len(src.Clone())),
			jen.For(loop.Op(":=").Range().Add(src.Clone())).Block(
				append([]jen.Code{jen.Id("rep").Op(":=").Id("elemRep").Call(jen.Id("i"), jen.Id("rep"), jen.Id("depth"))}, elem...)...),
		}
	default: // a map, inline or a named map definition
		v, valOwner := mapValue(owner, t)
		val := e.elementWrite(valOwner, v, s.col(k+1), jen.Id("x"), jen.Op("&").Id("x"),
			jen.Op("&").Id("path").Values(jen.Dict{jen.Id("up"): here, jen.Id("key"): jen.Id("key")}))
		entry := []jen.Code{
			jen.Id("rep").Op(":=").Id("elemRep").Call(jen.Id("i"), jen.Id("rep"), jen.Id("depth")),
			jen.Id("c").Dot("str").Call(col, jen.Id("rep"), plus("def", 2), jen.Id("key")),
			jen.Id("x").Op(":=").Add(src.Clone()).Index(jen.Id("key")),
		}
		body = []jen.Code{
			jen.Id("c").Dot("emptyList").Call(col, jen.Lit(n), jen.Id("rep"), jen.Id("def"), src.Clone().Op("==").Nil(), jen.Len(src.Clone())),
			jen.Id("keys").Op(":=").Id("pushKeys").Call(jen.Op("&").Id("c").Dot("keys"), src.Clone()),
			jen.For(jen.List(jen.Id("i"), jen.Id("key")).Op(":=").Range().Id("keys")).Block(append(entry, val...)...),
			jen.Id("c").Dot("keys").Dot("popKeys").Call(jen.Len(jen.Id("keys"))),
		}
		// A block of its own: keys and x are the map's.
		body = []jen.Code{jen.Block(body...)}
	}
	return append([]jen.Code{doc}, body...), n
}

// elementWrite returns the statements that append a list element or a map
// value of t (present, at def+2 and repetition level rep, one repeated
// field deeper) at column col: x is its Go value, addr its address.
func (e *parquetEmitter) elementWrite(owner *def, t *typ, col, x, addr, at jen.Code) []jen.Code {
	lv := []jen.Code{col, jen.Id("rep"), plus("def", 2)}
	put := func(name string, val jen.Code) []jen.Code {
		return []jen.Code{jen.Id("c").Dot(name).Call(append(append([]jen.Code{}, lv...), val)...)}
	}
	switch {
	case isEnum(t):
		return put("str", jen.String().Call(x))
	case isStringish(t):
		return put("str", x)
	case t.kind == tInteger:
		return put("int64", x)
	case t.kind == tNumber:
		return put("float64", x)
	case t.kind == tBool:
		return put("bool", x)
	case e.recursive(owner, t.ref):
		return put("str", jen.Id("jsonOf").Call(addr))
	}
	return []jen.Code{jen.Id("c").Dot(addName(t.ref)).Call(append([]jen.Code{addr}, append(lv, plus("depth", 1), jen.Id("u"), at)...)...)}
}

// emitColumnar writes columnar_gen.go: the leaf columns, the row's add and
// an add method per object definition of the row.
func (m *model) emitColumnar(f *jen.File) error {
	e, err := m.newParquetEmitter()
	if err != nil {
		return err
	}
	var paths []string
	for _, p := range e.envelopeProps() {
		paths = append(paths, e.leaves(m.rootThen, p.t, snake(p.name))...)
	}
	for _, p := range m.rootElse.props {
		paths = append(paths, e.leaves(m.rootElse, p.t, snake(p.name))...)
	}
	paths = append(paths, extraColumns...)
	f.Comment("numColumns is the number of leaf columns of the row.")
	f.Const().Id("numColumns").Op("=").Lit(len(paths))
	f.Line()
	f.Add(comment("columnPaths are the leaf columns of the row, in the order of its Parquet schema (parquet.SchemaOf(row{}).Columns(), which TestColumnPaths compares).", 76))
	var lits []jen.Code
	for _, p := range paths {
		lits = append(lits, jen.Lit(p))
	}
	f.Var().Id("columnPaths").Op("=").Index(jen.Id("numColumns")).String().ValuesFunc(func(g *jen.Group) {
		for _, l := range lits {
			g.Line().Add(l)
		}
		g.Line()
	})
	f.Line()

	// The row: the envelope's columns (NULL for a bare contact event), the
	// contact event's, then the export's own.
	root := columnarScope{root: true}
	k := 0
	var env, envNulls []jen.Code
	for _, p := range e.envelopeProps() {
		code, n := e.columnWrite(root, m.rootThen, p, k)
		env = append(env, code...)
		k += n
	}
	envNulls = []jen.Code{jen.Id("c").Dot("nulls").Call(jen.Lit(0), jen.Lit(k), jen.Id("rep"), jen.Id("def"))}
	detail := e.detailProp()
	env = append([]jen.Code{jen.Id("v").Op(":=").Id("ev")}, env...)
	env = append(env,
		jen.Id("u").Dot("add").Call(jen.Id("at"), jen.Id("ev").Dot("Unknown")),
		jen.Id("at").Op("=").Op("&").Id("path").Values(jen.Dict{jen.Id("up"): jen.Id("at"), jen.Id("key"): jen.Lit(detail.name)}),
	)
	body := []jen.Code{
		jen.Comment("The row's own levels: a new row, nothing above it."),
		jen.Const().List(jen.Id("rep"), jen.Id("def"), jen.Id("depth")).Byte().Op("=").List(jen.Lit(0), jen.Lit(0), jen.Lit(0)),
		jen.Id("at").Op(":=").Op("&").Id("path").Values(),
		jen.If(jen.Id("ev").Dot("HasEnvelope").Call()).Block(env...).Else().Block(envNulls...),
		jen.Id("v").Op(":=").Op("&").Id("ev").Dot(detail.goName),
	}
	for _, p := range m.rootElse.props {
		code, n := e.columnWrite(root, m.rootElse, p, k)
		body = append(body, code...)
		k += n
	}
	body = append(body,
		jen.Id("u").Dot("add").Call(jen.Id("at"), jen.Id("v").Dot("Unknown")),
		jen.Comment("unknown, source_file, source_line, schema_version: the export's own."),
		jen.Id("c").Dot("optionalStr").Call(jen.Lit(k), jen.Id("rep"), jen.Id("def"), jen.Id("u").Dot("json").Call()),
		jen.Id("c").Dot("optionalStr").Call(jen.Lit(k+1), jen.Id("rep"), jen.Id("def"), jen.Id("source")),
		jen.If(jen.Id("line").Op(">").Lit(0)).Block(
			jen.Id("c").Dot("int64").Call(jen.Lit(k+2), jen.Id("rep"), jen.Id("def").Op("+").Lit(1), jen.Int64().Call(jen.Id("line"))),
		).Else().Block(jen.Id("c").Dot("null").Call(jen.Lit(k+2), jen.Id("rep"), jen.Id("def"))),
		jen.Id("c").Dot("str").Call(jen.Lit(k+3), jen.Id("rep"), jen.Id("def"), jen.Id("SchemaVersion")),
		jen.Id("c").Dot("rows").Op("++"),
	)
	if k+len(extraColumns) != len(paths) {
		return fmt.Errorf("parquet export: %d columns written, %d leaves", k+len(extraColumns), len(paths))
	}
	f.Add(comment("add appends the row of ev, read from line of source (0: not known), to c; the unknown members go to u (reset by the caller), at their JSON Pointers in the event (under /detail when it has an envelope). It writes the values and levels parquet-go's row writer writes of the row row.fill makes (TestColumnarWritesTheRows).", 76))
	f.Func().Params(jen.Id("c").Op("*").Id("columns")).Id("add").Params(
		jen.Id("ev").Op("*").Qual(sdkPkg, m.rootThen.goName), jen.Id("source").String(), jen.Id("line").Int(), jen.Id("u").Op("*").Id("unknowns"),
	).Block(body...)
	f.Line()

	nested := columnarScope{}
	for _, d := range e.rows {
		var body []jen.Code
		k := 0
		for _, p := range d.props {
			code, n := e.columnWrite(nested, d, p, k)
			body = append(body, code...)
			k += n
		}
		body = append(body, jen.Id("u").Dot("add").Call(jen.Id("at"), jen.Id("v").Dot("Unknown")))
		f.Add(comment(fmt.Sprintf("%s appends the %d leaf columns of a present %s from column col; the unknown members go to u.", addName(d), k, d.goName), 76))
		f.Func().Params(jen.Id("c").Op("*").Id("columns")).Id(addName(d)).Params(
			jen.Id("v").Op("*").Qual(sdkPkg, d.goName), jen.Id("col").Int(), jen.List(jen.Id("rep"), jen.Id("def"), jen.Id("depth")).Byte(),
			jen.Id("u").Op("*").Id("unknowns"), jen.Id("at").Op("*").Id("path"),
		).Block(body...)
		f.Line()
	}
	return nil
}
