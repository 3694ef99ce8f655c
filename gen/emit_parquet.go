package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dave/jennifer/jen"
)

// The Parquet row of the export package (contactevents/export/rows_gen.go):
// one row per event, the envelope's members and the contact event's
// properties side by side as columns named by the snake_case of their
// canonical keys, objects as structs, arrays as lists, maps as maps,
// timestamps as TIMESTAMP(MILLIS, UTC), enums as their canonical strings.
// parquet-go derives the file schema from the struct tags written here, so
// the row types are the one source of the Parquet schema and of the DDL the
// export package prints. The export writes the values with the column
// writes of emit_columnar.go; the rows' fill, written by parquet-go's row
// writer, is what the export package's tests check those against.
//
// Parquet has no recursive types: where a definition leads back to itself
// (an Expression's andExpression, a SegmentAttributeValue's valueList), the
// value is a string column holding its canonical JSON, each element of a
// list and each value of a map on its own.

const sdkPkg = "github.com/connectevents/sdk-go/contactevents"

// snake is the column name of a JSON key: contactId -> contact_id,
// detail-type -> detail_type, level1 -> level1.
func snake(key string) string {
	var b strings.Builder
	for i, r := range key {
		switch {
		case r == '-':
			b.WriteByte('_')
		case r >= 'A' && r <= 'Z':
			if i > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			b.WriteRune(r + 'a' - 'A')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// parquetEmitter holds what the emitter computes once: which references
// lead back to where they start (recursive, written as JSON) and the row
// types to write, in order.
type parquetEmitter struct {
	m       *model
	reaches map[*def]map[*def]bool
	rows    []*def
	seen    map[*def]bool
}

// extraColumns are the row's columns that are not in the schema; a
// property of the same name would be a schema error.
var extraColumns = []string{"unknown", "source_file", "source_line", "schema_version"}

func (m *model) newParquetEmitter() (*parquetEmitter, error) {
	e := &parquetEmitter{m: m, reaches: map[*def]map[*def]bool{}, seen: map[*def]bool{}}
	for _, d := range m.defs {
		e.reaches[d] = map[*def]bool{}
		e.reach(d, d)
	}
	// The row's own columns: the envelope's (all but the one that holds the
	// contact event) and the contact event's, flattened.
	names := map[string]string{}
	for _, c := range extraColumns {
		names[c] = "the export's own column"
	}
	for _, p := range append(e.envelopeProps(), m.rootElse.props...) {
		c := snake(p.name)
		if other, ok := names[c]; ok {
			return nil, fmt.Errorf("parquet export: property %q and %s have the same column name %q", p.name, other, c)
		}
		names[c] = fmt.Sprintf("property %q", p.name)
	}
	for _, d := range m.defs {
		cols := map[string]string{}
		for _, p := range d.props {
			if other, ok := cols[snake(p.name)]; ok {
				return nil, fmt.Errorf("parquet export: $defs/%s: properties %q and %q have the same column name %q", d.name, other, p.name, snake(p.name))
			}
			cols[snake(p.name)] = p.name
		}
	}
	for _, p := range append(e.envelopeProps(), m.rootElse.props...) {
		if err := e.collect(m.rootElse, p); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// reach marks in e.reaches[from] every definition that d's properties lead
// to, recursively.
func (e *parquetEmitter) reach(from, d *def) {
	for _, t := range defTypes(d) {
		for _, r := range refsOf(t) {
			if !e.reaches[from][r] {
				e.reaches[from][r] = true
				e.reach(from, r)
			}
		}
	}
}

// defTypes are the types d's values are made of: its properties' or its
// map values'.
func defTypes(d *def) []*typ {
	var ts []*typ
	for _, p := range d.props {
		ts = append(ts, p.t)
	}
	if d.mapValue != nil {
		ts = append(ts, d.mapValue)
	}
	return ts
}

// refsOf are the definitions t refers to, through arrays and maps.
func refsOf(t *typ) []*def {
	switch t.kind {
	case tRef, tOneOrMany:
		return []*def{t.ref}
	case tArray:
		return refsOf(t.items)
	case tMap:
		return refsOf(t.mapValue)
	}
	return nil
}

// recursive reports whether a value of d held by a property of owner leads
// back to owner: it is written as JSON.
func (e *parquetEmitter) recursive(owner, d *def) bool { return e.reaches[d][owner] }

// envelopeProps are the envelope's properties but the one holding the
// contact event (flattened into the row).
func (e *parquetEmitter) envelopeProps() []*prop {
	var ps []*prop
	for _, p := range e.m.rootThen.props {
		if p.t.kind != tRef || p.t.ref != e.m.rootElse {
			ps = append(ps, p)
		}
	}
	return ps
}

func (e *parquetEmitter) detailProp() *prop {
	for _, p := range e.m.rootThen.props {
		if p.t.kind == tRef && p.t.ref == e.m.rootElse {
			return p
		}
	}
	return nil
}

// collect lists the object definitions the row needs a struct for, in the
// order they are first met.
func (e *parquetEmitter) collect(owner *def, p *prop) error {
	var walk func(owner *def, t *typ, at string) error
	walk = func(owner *def, t *typ, at string) error {
		switch t.kind {
		case tArray:
			if t.items.kind == tArray || t.items.kind == tMap || t.items.kind == tRef && (t.items.ref.kind == kindTimestamp || t.items.ref.kind == kindMap) {
				return fmt.Errorf("parquet export: %s: an array of arrays, maps or timestamps is not supported", at)
			}
			return walk(owner, t.items, at+"/items")
		case tMap:
			return walkMapValue(e, owner, t.mapValue, at, walk)
		case tRef, tOneOrMany:
			d := t.ref
			switch {
			case d.kind == kindMap:
				return walkMapValue(e, d, d.mapValue, "$defs/"+d.name, walk)
			case d.kind != kindObject || e.recursive(owner, d) || e.seen[d]:
				return nil
			}
			e.seen[d] = true
			e.rows = append(e.rows, d)
			for _, q := range d.props {
				if err := walk(d, q.t, "$defs/"+d.name+"/properties/"+q.name); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(owner, p.t, "property "+p.name)
}

func walkMapValue(e *parquetEmitter, owner *def, v *typ, at string, walk func(*def, *typ, string) error) error {
	if v.kind == tArray || v.kind == tMap || v.kind == tRef && (v.ref.kind == kindTimestamp || v.ref.kind == kindMap) {
		return fmt.Errorf("parquet export: %s: a map of arrays, maps or timestamps is not supported", at)
	}
	return walk(owner, v, at+"/additionalProperties")
}

// rowName is the Go name of the row struct of an object definition.
func rowName(d *def) string { return strings.ToLower(d.goName[:1]) + d.goName[1:] + "Row" }

// scalar reports whether t is written as a string, an integer, a number or
// a boolean column, and the Go type of that column.
func scalar(t *typ) (jen.Code, bool) {
	switch {
	case t.kind == tString, t.kind == tRef && (t.ref.kind == kindString || t.ref.kind == kindEnum):
		return jen.String(), true
	case t.kind == tInteger:
		return jen.Int64(), true
	case t.kind == tNumber:
		return jen.Float64(), true
	case t.kind == tBool:
		return jen.Bool(), true
	}
	return nil, false
}

// isStringish reports whether t is a string, a string definition or an enum.
func isStringish(t *typ) bool {
	return t.kind == tString || t.kind == tRef && (t.ref.kind == kindString || t.ref.kind == kindEnum)
}

// isEnum reports whether t is an enum (a named string type in Go).
func isEnum(t *typ) bool { return t.kind == tRef && t.ref.kind == kindEnum }

// elemType is the Go type of a list element or map value in the row.
func (e *parquetEmitter) elemType(owner *def, t *typ) jen.Code {
	if c, ok := scalar(t); ok {
		return c
	}
	if e.recursive(owner, t.ref) {
		return jen.String()
	}
	return jen.Id(rowName(t.ref))
}

// field is one column of a row struct: its declaration and the statements
// that fill it from the event's value src (a *contactevents.X's field).
type field struct {
	decl []jen.Code // the exported field, and its storage when it has one
	fill []jen.Code
}

// column returns the field of property p of owner in a row struct. src is
// the expression of the event's value (v.AgentInfo).
func (e *parquetEmitter) column(owner *def, p *prop) field {
	m := e.m
	name := p.goName
	col := snake(p.name)
	src := jen.Id("v").Dot(p.goName)
	dst := jen.Id("r").Dot(name)
	optional := !m.goRequired(p)
	doc := comment(sentence(name, p.description+" Column "+col+"."), 74)
	// The key tag names the JSON key the column holds, and says when its
	// values are JSON text: the export package's Columns reads it.
	key := p.name
	if e.holdsJSON(owner, p.t) {
		key += ",json"
	}
	if owner == m.rootThen {
		key += ",envelope"
	}
	tag := func(opts ...string) map[string]string {
		return map[string]string{"parquet": strings.Join(append([]string{col, "optional"}, opts...), ","), "key": key}
	}
	store := "store" + name
	here := jen.Op("&").Id("path").Values(jen.Dict{jen.Id("up"): jen.Id("at"), jen.Id("key"): jen.Lit(p.name)})
	t := p.t
	switch {
	case t.kind == tRef && t.ref.kind == kindTimestamp:
		// Milliseconds since the epoch, through storage of the row's own:
		// parquet-go v0.32.0 writes an optional time.Time in a nested
		// struct as NULL.
		return field{
			decl: []jen.Code{doc, jen.Id(name).Op("*").Int64().Tag(tag("timestamp(millisecond)")), jen.Id(store).Int64()},
			fill: []jen.Code{dst.Op("=").Id("millis").Call(src, jen.Op("&").Id("r").Dot(store))},
		}
	case isStringish(t):
		// Every string column is a *string: parquet-go v0.32.0 writes an
		// optional column's "" as "" or as NULL depending on the rows
		// before it (TestAbsentStringAfterAPresentOneIsNull in
		// conformance/duckdb), so NULL is a nil pointer, never "". A
		// *string of the event is its value; a required string is written
		// through a pointer, so that an empty value stays ""; an optional
		// one is "" when absent, which optional turns into nil.
		ptr := jen.Op("&").Add(src)
		if isEnum(t) {
			ptr = jen.Parens(jen.Op("*").String()).Call(ptr)
		}
		val := ptr
		switch {
		case optional && !isEnum(t) && strMin(t) < 1:
			val = src
		case optional:
			val = jen.Id("optional").Call(ptr)
		}
		return field{decl: []jen.Code{doc, jen.Id(name).Op("*").String().Tag(tag())}, fill: []jen.Code{dst.Op("=").Add(val)}}
	case t.kind == tInteger || t.kind == tNumber || t.kind == tBool:
		c, _ := scalar(t)
		val := src
		if !optional {
			val = jen.Op("&").Add(src)
		}
		return field{decl: []jen.Code{doc, jen.Id(name).Op("*").Add(c).Tag(tag())}, fill: []jen.Code{dst.Op("=").Add(val)}}
	case t.kind == tRef && t.ref.kind == kindObject:
		d := t.ref
		if e.recursive(owner, d) {
			// Its JSON text, in storage of the row's own (NULL when absent).
			val := src
			if !optional {
				val = jen.Op("&").Add(src)
			}
			body := []jen.Code{
				jen.Id("r").Dot(store).Op("=").Id("jsonOf").Call(val),
				dst.Clone().Op("=").Op("&").Id("r").Dot(store),
			}
			fill := body
			if optional {
				fill = []jen.Code{dst.Clone().Op("=").Nil(), jen.If(src.Clone().Op("!=").Nil()).Block(body...)}
			}
			return field{decl: []jen.Code{doc, jen.Id(name).Op("*").String().Tag(tag()), jen.Id(store).String()}, fill: fill}
		}
		ptr := src
		if !optional {
			ptr = jen.Op("&").Add(src)
		}
		body := []jen.Code{
			jen.Id("r").Dot(store).Dot("fill").Call(ptr, jen.Id("u"), here),
			dst.Clone().Op("=").Op("&").Id("r").Dot(store),
		}
		var fill []jen.Code
		if optional {
			fill = []jen.Code{dst.Clone().Op("=").Nil(), jen.If(src.Clone().Op("!=").Nil()).Block(body...)}
		} else {
			fill = body
		}
		return field{
			decl: []jen.Code{doc, jen.Id(name).Op("*").Id(rowName(d)).Tag(tag()), jen.Id(store).Id(rowName(d))},
			fill: fill,
		}
	case t.kind == tArray || t.kind == tOneOrMany:
		items := t.items
		if t.kind == tOneOrMany {
			items = &typ{kind: tRef, ref: t.ref}
		}
		el := e.elemType(owner, items)
		decl := []jen.Code{doc, jen.Id(name).Index().Add(el).Tag(tag("list"))}
		if isStringish(items) && !isEnum(items) || items.kind == tInteger || items.kind == tNumber || items.kind == tBool {
			// The event's slice is the column's: parquet-go copies the
			// values when the row is written.
			return field{decl: decl, fill: []jen.Code{dst.Op("=").Add(src)}}
		}
		decl = append(decl, jen.Id(store).Index().Add(el))
		var each jen.Code
		switch {
		case isEnum(items):
			each = jen.Id("r").Dot(store).Index(jen.Id("i")).Op("=").String().Call(jen.Id("x"))
		case e.recursive(owner, items.ref):
			each = jen.Id("r").Dot(store).Index(jen.Id("i")).Op("=").Id("jsonOf").Call(jen.Op("&").Add(src.Clone()).Index(jen.Id("i")))
		default:
			each = jen.Id("r").Dot(store).Index(jen.Id("i")).Dot("fill").Call(jen.Op("&").Add(src.Clone()).Index(jen.Id("i")), jen.Id("u"),
				jen.Op("&").Id("path").Values(jen.Dict{jen.Id("up"): here, jen.Id("index"): jen.Id("i"), jen.Id("element"): jen.True()}))
		}
		loopVar := jen.Id("i")
		if isEnum(items) {
			loopVar = jen.List(jen.Id("i"), jen.Id("x"))
		}
		return field{decl: decl, fill: []jen.Code{
			dst.Clone().Op("=").Nil(),
			jen.If(src.Clone().Op("!=").Nil()).Block(
				jen.Id("r").Dot(store).Op("=").Id("resize").Call(jen.Id("r").Dot(store), jen.Len(src.Clone())),
				jen.For(loopVar.Op(":=").Range().Add(src.Clone())).Block(each),
				dst.Clone().Op("=").Id("r").Dot(store),
			),
		}}
	default: // a map, inline or a named map definition
		v := t.mapValue
		valOwner := owner
		if t.kind == tRef {
			v, valOwner = t.ref.mapValue, t.ref
		}
		el := e.elemType(valOwner, v)
		decl := []jen.Code{doc, jen.Id(name).Map(jen.String()).Add(el).Tag(tag())}
		if t.kind == tMap && (isStringish(v) && !isEnum(v) || v.kind == tInteger || v.kind == tNumber || v.kind == tBool) {
			return field{decl: decl, fill: []jen.Code{dst.Op("=").Add(src)}}
		}
		decl = append(decl, jen.Id(store).Map(jen.String()).Add(el))
		var each jen.Code
		switch {
		case isStringish(v) || v.kind == tInteger || v.kind == tNumber || v.kind == tBool:
			c, _ := scalar(v)
			each = jen.Id("r").Dot(store).Index(jen.Id("k")).Op("=").Add(c).Call(jen.Id("x"))
		case e.recursive(valOwner, v.ref):
			each = jen.Id("r").Dot(store).Index(jen.Id("k")).Op("=").Id("jsonOf").Call(jen.Op("&").Id("x"))
		default:
			each = jen.Var().Id("row").Id(rowName(v.ref)).Line().
				Id("row").Dot("fill").Call(jen.Op("&").Id("x"), jen.Id("u"), jen.Op("&").Id("path").Values(jen.Dict{jen.Id("up"): here, jen.Id("key"): jen.Id("k")})).Line().
				Id("r").Dot(store).Index(jen.Id("k")).Op("=").Id("row")
		}
		return field{decl: decl, fill: []jen.Code{
			dst.Clone().Op("=").Nil(),
			jen.If(src.Clone().Op("!=").Nil()).Block(
				jen.If(jen.Id("r").Dot(store).Op("==").Nil()).Block(
					jen.Id("r").Dot(store).Op("=").Make(jen.Map(jen.String()).Add(el), jen.Len(src.Clone())),
				),
				jen.Clear(jen.Id("r").Dot(store)),
				jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Add(src.Clone())).Block(each),
				dst.Clone().Op("=").Id("r").Dot(store),
			),
		}}
	}
}

// holdsJSON reports whether the column of a value of t held by owner holds
// JSON text: t, its elements or its map values recurse.
func (e *parquetEmitter) holdsJSON(owner *def, t *typ) bool {
	switch t.kind {
	case tArray:
		return t.items.kind == tRef && t.items.ref.kind == kindObject && e.recursive(owner, t.items.ref)
	case tMap:
		return t.mapValue.kind == tRef && t.mapValue.ref.kind == kindObject && e.recursive(owner, t.mapValue.ref)
	case tRef, tOneOrMany:
		if t.ref.kind == kindMap {
			v := t.ref.mapValue
			return v.kind == tRef && v.ref.kind == kindObject && e.recursive(t.ref, v.ref)
		}
		return t.ref.kind == kindObject && e.recursive(owner, t.ref)
	}
	return false
}

func strMin(t *typ) int {
	if t.kind == tRef {
		return t.ref.str.min
	}
	return t.str.min
}

// emitParquet writes the row types of the export package.
func (m *model) emitParquet(f *jen.File, schema []byte) error {
	e, err := m.newParquetEmitter()
	if err != nil {
		return err
	}
	sum := sha256.Sum256(schema)
	f.Add(comment("SchemaVersion identifies the schema the row types were generated from: the first 12 hex digits of the SHA-256 of schema/contactevents.schema.json. Every exported row has it in its schema_version column, and every file in its key-value metadata.", 76))
	f.Const().Id("SchemaVersion").Op("=").Lit(hex.EncodeToString(sum[:])[:12])
	f.Line()

	// The row: the envelope's columns, the contact event's, then the
	// export's own.
	var decl, fill, envFill, envZero []jen.Code
	for _, p := range e.envelopeProps() {
		c := e.column(m.rootThen, p)
		decl = append(decl, c.decl...)
		envFill = append(envFill, c.fill...)
		envZero = append(envZero, jen.Id("r").Dot(p.goName).Op("=").Nil())
		decl = append(decl, jen.Line())
	}
	detail := e.detailProp()
	for _, p := range m.rootElse.props {
		c := e.column(m.rootElse, p)
		decl = append(decl, c.decl...)
		fill = append(fill, c.fill...)
		decl = append(decl, jen.Line())
	}
	decl = append(decl,
		comment("Unknown holds the members the schema (or the profile the event was read under) does not know, as a JSON object from the JSON Pointer of each member in the event to its value, verbatim; NULL when there are none. Members of a value written as JSON are in that JSON instead. Column unknown.", 74),
		jen.Id("Unknown").Op("*").String().Tag(map[string]string{"parquet": "unknown,optional"}), jen.Id("unknown").String(), jen.Line(),
		comment("SourceFile is the file or S3 object the event was read from. Column source_file.", 74),
		jen.Id("SourceFile").Op("*").String().Tag(map[string]string{"parquet": "source_file,optional"}), jen.Id("sourceFile").String(), jen.Line(),
		comment("SourceLine is the line of the source where the event starts; NULL when not known. Column source_line.", 74),
		jen.Id("SourceLine").Op("*").Int64().Tag(map[string]string{"parquet": "source_line,optional"}), jen.Id("sourceLine").Int64(), jen.Line(),
		comment("SchemaVersion is the SchemaVersion of the code that wrote the row. Column schema_version.", 74),
		jen.Id("SchemaVersion").String().Tag(map[string]string{"parquet": "schema_version"}),
	)
	f.Add(comment("row is the Parquet row of one event: the columns of the envelope ("+m.rootThen.goName+") but "+detail.goName+", those of the contact event ("+m.rootElse.goName+"), then the export's own. Its struct tags are the Parquet schema.", 76))
	f.Type().Id("row").Struct(decl...)
	f.Line()

	f.Comment("fill sets r to the columns of ev; the unknown members go to u, at their JSON Pointers in the event (under /detail when it has an envelope).")
	envelope := append([]jen.Code{jen.Id("v").Op(":=").Id("ev")}, envFill...)
	envelope = append(envelope,
		jen.Id("u").Dot("add").Call(jen.Id("at"), jen.Id("ev").Dot("Unknown")),
		jen.Id("at").Op("=").Op("&").Id("path").Values(jen.Dict{jen.Id("up"): jen.Id("at"), jen.Id("key"): jen.Lit(detail.name)}),
	)
	body := []jen.Code{
		jen.Id("at").Op(":=").Op("&").Id("path").Values(),
		jen.If(jen.Id("ev").Dot("HasEnvelope").Call()).Block(envelope...).Else().Block(envZero...),
		jen.Id("v").Op(":=").Op("&").Id("ev").Dot(detail.goName),
	}
	body = append(body, fill...)
	body = append(body, jen.Id("u").Dot("add").Call(jen.Id("at"), jen.Id("v").Dot("Unknown")))
	f.Func().Params(jen.Id("r").Op("*").Id("row")).Id("fill").Params(jen.Id("ev").Op("*").Qual(sdkPkg, m.rootThen.goName), jen.Id("u").Op("*").Id("unknowns")).Block(body...)
	f.Line()

	for _, d := range e.rows {
		var decl, fill []jen.Code
		for i, p := range d.props {
			if i > 0 {
				decl = append(decl, jen.Line())
			}
			c := e.column(d, p)
			decl = append(decl, c.decl...)
			fill = append(fill, c.fill...)
		}
		f.Add(comment(rowName(d)+" is the Parquet struct of "+d.goName+".", 76))
		f.Type().Id(rowName(d)).Struct(decl...)
		f.Line()
		fill = append(fill, jen.Id("u").Dot("add").Call(jen.Id("at"), jen.Id("v").Dot("Unknown")))
		f.Comment("fill sets r to the fields of v, at the JSON Pointer at; the unknown members go to u.")
		f.Func().Params(jen.Id("r").Op("*").Id(rowName(d))).Id("fill").Params(
			jen.Id("v").Op("*").Qual(sdkPkg, d.goName), jen.Id("u").Op("*").Id("unknowns"), jen.Id("at").Op("*").Id("path"),
		).Block(fill...)
		f.Line()
	}
	return nil
}

// runExport writes the export package's rows_gen.go and columnar_gen.go
// into dir (nothing when dir is empty). It is separate from generate: the
// export package imports the SDK by its import path, which the generator's
// test packages (other names, other paths) do not have.
func runExport(schemaPath, dir string) error {
	if dir == "" {
		return nil
	}
	files, err := generateExport(schemaPath, filepath.Base(dir))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range sortedKeys(files) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// generateExport returns the generated files of the export package pkg:
// rows_gen.go (the row types, the Parquet schema) and columnar_gen.go (the
// column writes).
func generateExport(schemaPath, pkg string) (map[string][]byte, error) {
	m, data, src, err := readModel(schemaPath)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for name, emit := range map[string]func(*jen.File) error{
		"rows_gen.go":     func(f *jen.File) error { return m.emitParquet(f, data) },
		"columnar_gen.go": m.emitColumnar,
	} {
		f := jen.NewFile(pkg)
		f.HeaderComment("Code generated by github.com/connectevents/sdk-go/gen from " + src + ". DO NOT EDIT.")
		if err := emit(f); err != nil {
			return nil, fmt.Errorf("%s: %w", schemaPath, err)
		}
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files[name] = buf.Bytes()
	}
	return files, nil
}
