package main

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
)

// emitArena writes the decoder type and its arena: one block, allocated once
// per event, that holds a slot for every struct an event can point to (as
// many as there are pointers to it in the schema; recursion and arrays fall
// back to new), so that decoding a typical event allocates once for all its
// objects instead of once per object.
//
// A definition annotated "x-go-arena": false has no slot: its values come
// from new. It is for objects that few events carry (the latest revision's,
// which no documented sample shows): a slot would make every event's arena
// larger to save an allocation for the few events that have one.
func (m *model) emitArena(f *jen.File) {
	slots := map[*def]int{m.rootThen: 1}
	var own []*def // optional objects without a slot
	for _, df := range m.defs {
		for _, p := range df.props {
			if p.t.kind == tRef && p.t.ref.kind == kindObject && !m.goRequired(p) {
				if p.t.ref.noArena {
					if !slices.Contains(own, p.t.ref) {
						own = append(own, p.t.ref)
					}
					continue
				}
				slots[p.t.ref]++
			}
		}
	}
	defer func() {
		for _, df := range own {
			f.Commentf("new%s returns a new zeroed %s (not from the arena: see x-go-arena).", df.goName, df.goName)
			decoderMethod(f, "new"+df.goName).Op("*").Id(df.goName).Block(jen.Return(jen.New(jen.Id(df.goName))))
			f.Line()
		}
	}()
	var fields []jen.Code
	var order []*def
	for _, df := range m.defs {
		if n := slots[df]; n > 0 {
			order = append(order, df)
			fields = append(fields, jen.Id(lowerID(df.goName)).Index(jen.Lit(n)).Id(df.goName))
		}
	}
	fields = append(fields, jen.Id("used").Index(jen.Lit(len(order))).Uint8().Comment("slots handed out, per type"))
	for _, sc := range scalarSlots {
		slab := jen.Id(sc.field).Index(jen.Lit(sc.n)).Add(sc.goType()).Comment("for optional " + sc.name + " values held by pointer")
		fields = append(fields, slab, jen.Id("n"+sc.field).Uint8())
	}
	items := m.arrayItemTypes()
	for _, it := range items {
		name := lowerID(it.name)
		slab := jen.Id(name + "Items").Index(jen.Lit(sliceSlab)).Add(it.goType).Comment("backing of []" + it.name + " slices")
		fields = append(fields, slab, jen.Id("n"+it.name+"Items").Uint8())
	}
	f.Add(comment("decoder is the state of one decode: the shared runtime plus the arena of the event being decoded.", 76))
	f.Type().Id("decoder").Struct(jen.Qual(codecPkg, "Decoder"), jen.Id("a").Op("*").Id("arena"))
	f.Line()
	f.Comment("arena holds the structs of one event, allocated together.")
	f.Type().Id("arena").Struct(fields...)
	f.Line()
	for _, sc := range scalarSlots {
		f.Commentf("new%s returns a pointer to a copy of v, from the arena while it has room.", sc.name)
		slot := jen.Qual(codecPkg, "SlotOf").Call(arenaSlab(sc.field), jen.Op("&").Add(arenaField("n"+sc.field)), jen.Id("v"))
		decoderMethod(f, "new"+sc.name, jen.Id("v").Add(sc.goType())).Op("*").Add(sc.goType()).Block(jen.Return(slot))
		f.Line()
	}
	for _, it := range items {
		f.Commentf("%s returns an empty []%s with room for %d items, backed by the arena while it has room.", "slice"+it.name, it.name, sliceCap)
		slice := jen.Qual(codecPkg, "SliceOf").Call(arenaSlab(lowerID(it.name)+"Items"), jen.Op("&").Add(arenaField("n"+it.name+"Items")), jen.Lit(sliceCap))
		decoderMethod(f, "slice"+it.name).Index().Add(it.goType).Block(jen.Return(slice))
		f.Line()
	}
	for i, df := range order {
		f.Commentf("new%s returns a zeroed %s from the arena, or from the heap once the arena's slots are used.", df.goName, df.goName)
		slot := jen.Qual(codecPkg, "Slot").Call(arenaSlab(lowerID(df.goName)), jen.Op("&").Add(arenaField("used")).Index(jen.Lit(i)))
		decoderMethod(f, "new"+df.goName).Op("*").Id(df.goName).Block(jen.Return(slot))
		f.Line()
	}
}

// arenaField is d.a.name, a field of the decoder's arena.
func arenaField(name string) *jen.Statement { return jen.Id("d").Dot("a").Dot(name) }

// arenaSlab is d.a.name[:], an arena array as a slice.
func arenaSlab(name string) *jen.Statement { return arenaField(name).Index(jen.Op(":")) }

// decoderMethod starts the declaration of a method of *decoder, up to its
// parameters: the caller adds the results and the body.
func decoderMethod(f *jen.File, name string, params ...jen.Code) *jen.Statement {
	return f.Func().Params(jen.Id("d").Op("*").Id("decoder")).Id(name).Params(params...)
}

// Slices decoded from arrays start with room for sliceCap items, carved from
// a slab of sliceSlab items in the arena.
const (
	sliceCap  = 4
	sliceSlab = 8
)

type itemType struct {
	name   string
	goType jen.Code
}

// arrayItemTypes lists the Go types of array items in the schema, once each.
func (m *model) arrayItemTypes() []itemType {
	seen := map[string]bool{}
	var out []itemType
	add := func(t *typ) {
		// Only string-like items get a slab: struct items are large, and a
		// slab of them would make every event's arena heavy.
		if !(t.kind == tString || t.kind == tRef && (t.ref.kind == kindEnum || t.ref.kind == kindString)) {
			return
		}
		name := m.itemName(t)
		if !seen[name] {
			seen[name] = true
			out = append(out, itemType{name, m.goType(t, false)})
		}
	}
	var walk func(t *typ)
	walk = func(t *typ) {
		switch t.kind {
		case tArray:
			add(t.items)
			walk(t.items)
		case tOneOrMany:
			add(&typ{kind: tRef, ref: t.ref})
		case tMap:
			walk(t.mapValue)
		}
	}
	for _, df := range m.defs {
		for _, p := range df.props {
			walk(p.t)
		}
		if df.mapValue != nil {
			walk(df.mapValue)
		}
	}
	return out
}

func (m *model) itemName(t *typ) string {
	if t.kind == tRef && t.ref.kind != kindString {
		if t.ref.kind == kindTimestamp {
			return "Timestamp"
		}
		return t.ref.goName
	}
	return exported(map[typKind]string{tString: "string", tInteger: "int64", tNumber: "float64", tBool: "bool"}[t.kind])
}

// sliceExpr is the expression that makes a new empty slice for items of t.
func (m *model) sliceExpr(t *typ) jen.Code {
	for _, it := range m.arrayItemTypes() {
		if it.name == m.itemName(t) {
			return jen.Id("d").Dot("slice" + it.name).Call()
		}
	}
	return jen.Make(jen.Index().Add(m.goType(t, false)), jen.Lit(0), jen.Lit(sliceCap))
}

// scalarSlot is one of the arena's slabs for optional scalars held by
// pointer.
type scalarSlot struct {
	name, field string // the Go type's name, capitalised; the arena field
	n           int    // slots
}

func (sc scalarSlot) goType() jen.Code { return jen.Id(strings.ToLower(sc.name)) }

var scalarSlots = []scalarSlot{
	{"String", "strings", 8},
	{"Int64", "int64s", 4},
	{"Float64", "float64s", 8},
	{"Bool", "bools", 2},
}
