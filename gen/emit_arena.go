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
// objects instead of once per object. An object that arrays hold (a
// routing step, an expression) has as many values in an event as its array
// has elements: what it points to gets arrayHeldSlots slots per pointer.
//
// A definition annotated "x-go-arena": false has no slot: its values come
// from new. It is for objects that few events carry (the latest revision's,
// which no documented sample shows): a slot would make every event's arena
// larger to save an allocation for the few events that have one.
func (m *model) emitArena(f *jen.File) {
	slots := map[*def]int{m.rootThen: 1}
	var own []*def // optional objects without a slot
	arrayHeld := m.arrayObjectTypes()
	for _, df := range m.defs {
		perPointer := 1
		if slices.Contains(arrayHeld, df) {
			perPointer = arrayHeldSlots
		}
		for _, p := range df.props {
			if p.t.kind == tRef && p.t.ref.kind == kindObject && !m.goRequired(p) {
				if p.t.ref.noArena {
					if !slices.Contains(own, p.t.ref) {
						own = append(own, p.t.ref)
					}
					continue
				}
				slots[p.t.ref] += perPointer
			}
		}
	}
	var spareFirst func(goName string) jen.Code // set by emitSpare
	defer func() {
		for _, df := range own {
			f.Commentf("new%s returns a new zeroed %s (not from the arena: see x-go-arena).", df.goName, df.goName)
			decoderMethod(f, "new"+df.goName).Op("*").Id(df.goName).Block(spareFirst(df.goName), jen.Return(jen.Qual(codecPkg, "New").Types(jen.Id(df.goName)).Call(recycler)))
			f.Line()
		}
		m.emitElements(f, spareFirst)
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
	f.Add(comment("decoder is the state of one decode: the shared runtime plus the arena of the event being decoded. When the caller does not keep the event (Validate), keep is false: there is no arena, objects are decoded into spare storage that the pooled decoder reuses, and no map or slice is built.", 76))
	f.Type().Id("decoder").Struct(
		jen.Qual(codecPkg, "Decoder"),
		jen.Id("a").Op("*").Id("arena"),
		jen.Id("keep").Bool(),
		jen.Id("spare").Id("spare"),
	)
	f.Line()
	f.Comment("arena holds the structs of one event, allocated together.")
	f.Type().Id("arena").Struct(fields...)
	f.Line()
	spareFirst = m.emitSpare(f, slots, own, arrayHeld)
	for _, sc := range scalarSlots {
		f.Commentf("new%s returns a pointer to a copy of v, from the arena while it has room.", sc.name)
		slot := jen.Qual(codecPkg, "SlotOf").Call(arenaSlab(sc.field), jen.Op("&").Add(arenaField("n"+sc.field)), recycler, jen.Id("v"))
		spare := jen.If(jen.Op("!").Id("d").Dot("keep")).Block(jen.Return(jen.Qual(codecPkg, "SpareSlotOf").Call(
			spareSlab(sc.field), jen.Op("&").Add(spareSlot().Dot("n"+sc.field)), jen.Op("&").Add(spareField(sc.field)), jen.Op("&").Add(spareField("spilled")), jen.Id("v"))))
		decoderMethod(f, "new"+sc.name, jen.Id("v").Add(sc.goType())).Op("*").Add(sc.goType()).Block(spare, jen.Return(slot))
		f.Line()
	}
	for _, it := range items {
		f.Commentf("%s returns an empty []%s with room for %d items, backed by the arena while it has room; nil when the event is not kept.", "slice"+it.name, it.name, sliceCap)
		slice := jen.Qual(codecPkg, "SliceOf").Call(arenaSlab(lowerID(it.name)+"Items"), jen.Op("&").Add(arenaField("n"+it.name+"Items")), recycler, jen.Lit(sliceCap))
		decoderMethod(f, "slice"+it.name).Index().Add(it.goType).Block(jen.If(jen.Op("!").Id("d").Dot("keep")).Block(jen.Return(jen.Nil())), jen.Return(slice))
		f.Line()
	}
	for i, df := range order {
		f.Commentf("new%s returns a zeroed %s from the arena, or from the heap once the arena's slots are used.", df.goName, df.goName)
		slot := jen.Qual(codecPkg, "Slot").Call(arenaSlab(lowerID(df.goName)), jen.Op("&").Add(arenaField("used")).Index(jen.Lit(i)), recycler)
		decoderMethod(f, "new"+df.goName).Op("*").Id(df.goName).Block(spareFirst(df.goName), jen.Return(slot))
		f.Line()
	}
}

// recycler is d.Recycle: what a Parser reuses from one event to the next,
// nil for any other decode (see codec.Recycler).
var recycler = jen.Id("d").Dot("Recycle")

// emitSpare writes the spare storage of a decode that keeps nothing: its
// first values of each type in one block (spareSlots: as many of each as
// the arena has, or as an array's slice has room for), which reset clears
// in one go after each document, whatever types it used; past them, one
// codec.Spare per type, reset only when a document needed them. It returns
// the start of the new methods of each object type: when the event is not
// kept, a value from the spare storage.
func (m *model) emitSpare(f *jen.File, arenaSlots map[*def]int, own, arrayHeld []*def) func(goName string) jen.Code {
	var fields, resets, slotFields []jen.Code
	index := map[string]int{}
	for _, df := range m.defs {
		if df.kind != kindObject {
			continue
		}
		name := lowerID(df.goName)
		fields = append(fields, jen.Id(name).Qual(codecPkg, "Spare").Types(jen.Id(df.goName)))
		resets = append(resets, jen.Id("s").Dot(name).Dot("Reset").Call())
		n := arenaSlots[df]
		if slices.Contains(own, df) {
			n++
		}
		if slices.Contains(arrayHeld, df) {
			n += sliceCap
		}
		if n > 0 {
			index[df.goName] = len(slotFields)
			slotFields = append(slotFields, jen.Id(name).Index(jen.Lit(n)).Id(df.goName))
		}
	}
	slotFields = append(slotFields, jen.Id("used").Index(jen.Lit(len(slotFields))).Uint8().Comment("slots handed out, per type"))
	for _, sc := range scalarSlots {
		fields = append(fields, jen.Id(sc.field).Qual(codecPkg, "Spare").Types(sc.goType()))
		resets = append(resets, jen.Id("s").Dot(sc.field).Dot("Reset").Call())
		slotFields = append(slotFields, jen.Id(sc.field).Index(jen.Lit(sc.n)).Add(sc.goType()), jen.Id("n"+sc.field).Uint8())
	}
	fields = append([]jen.Code{
		jen.Id("slots").Index(jen.Lit(1)).Id("spareSlots").Comment("cleared whole after each document (an array: clear is one memclr)"),
		jen.Id("spilled").Bool().Comment("a value came from the Spares below, past the slots"),
	}, fields...)
	f.Comment("spare is where a decode that keeps nothing puts the values it decodes (see codec.SpareSlot).")
	f.Type().Id("spare").Struct(fields...)
	f.Line()
	f.Comment("spareSlots are the first values of each type that a decode keeping nothing hands out.")
	f.Type().Id("spareSlots").Struct(slotFields...)
	f.Line()
	f.Comment("reset makes every spare value available again, zeroed.")
	f.Func().Params(jen.Id("s").Op("*").Id("spare")).Id("reset").Params().Block(
		jen.Clear(jen.Id("s").Dot("slots").Index(jen.Op(":"))),
		jen.If(jen.Id("s").Dot("spilled")).Block(append([]jen.Code{jen.Id("s").Dot("spilled").Op("=").False()}, resets...)...),
	)
	f.Line()
	return func(goName string) jen.Code {
		name := lowerID(goName)
		i, ok := index[goName]
		if !ok {
			panic("no spare slot for " + goName)
		}
		return jen.If(jen.Op("!").Id("d").Dot("keep")).Block(jen.Return(jen.Qual(codecPkg, "SpareSlot").Call(
			spareSlab(name), jen.Op("&").Add(spareSlot().Dot("used")).Index(jen.Lit(i)), jen.Op("&").Add(spareField(name)), jen.Op("&").Add(spareField("spilled")))))
	}
}

// spareField is d.spare.name; spareSlab is d.spare.slots.name[:], a slot
// array as a slice.
func spareField(name string) *jen.Statement { return jen.Id("d").Dot("spare").Dot(name) }
func spareSlab(name string) *jen.Statement  { return spareSlot().Dot(name).Index(jen.Op(":")) }

// spareSlot is d.spare.slots[0], the decoder's spareSlots.
func spareSlot() *jen.Statement { return spareField("slots").Index(jen.Lit(0)) }

// emitElements writes, for each object type that arrays hold, the method
// that makes room for the next element.
func (m *model) emitElements(f *jen.File, spareFirst func(goName string) jen.Code) {
	for _, df := range m.arrayObjectTypes() {
		name := "element" + df.goName
		out := jen.Op("*").Id("out")
		f.Commentf("%s appends a zeroed %s to *out and returns it; when the event is not kept, a spare one, and *out stays nil.", name, df.goName)
		decoderMethod(f, name, jen.Id("out").Op("*").Index().Id(df.goName)).Op("*").Id(df.goName).Block(
			spareFirst(df.goName),
			out.Clone().Op("=").Append(out.Clone(), jen.Id(df.goName).Values()),
			jen.Return(jen.Op("&").Parens(out.Clone()).Index(jen.Len(out.Clone()).Op("-").Lit(1))),
		)
		f.Line()
	}
}

// arrayObjectTypes lists the object definitions that arrays hold (or
// one-or-many values), once each, in the schema's order.
func (m *model) arrayObjectTypes() []*def {
	used := map[*def]bool{}
	m.eachArrayItem(func(t *typ) {
		if t.kind == tRef && t.ref.kind == kindObject {
			used[t.ref] = true
		}
	})
	var out []*def
	for _, df := range m.defs {
		if used[df] {
			out = append(out, df)
		}
	}
	return out
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

// arrayHeldSlots is how many slots a pointer from an object that arrays
// hold is worth: enough for the routing criteria of the documented samples
// (their steps' expiries, expressions and attribute conditions: Parse on
// the compact samples went from 5.0 to 4.0 allocations an event, the arena
// from 2 640 to 3 120 bytes; 4 slots saved nothing more and made it 3 360).
const arrayHeldSlots = 3

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
	m.eachArrayItem(add)
	return out
}

// eachArrayItem calls add with the item type of every array in the schema
// (the object of a one-or-many value included), in the schema's order.
func (m *model) eachArrayItem(add func(t *typ)) {
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
	return jen.Qual(codecPkg, "NewSlice").Types(m.goType(t, false)).Call(jen.Id("d").Dot("keep"), recycler, jen.Lit(sliceCap))
}

// scalarSlot is one of the arena's slabs for optional scalars held by
// pointer.
type scalarSlot struct {
	name, field string // the Go type's name, capitalised; the arena field
	n           int    // slots
}

func (sc scalarSlot) goType() jen.Code { return jen.Id(strings.ToLower(sc.name)) }

// The scalar slabs hold what the events of the latest page revision carry
// (chat metrics: a dozen optional integers), within the size class of a
// compact event's arena and text: 16 int64s and 12 strings instead of 4 and
// 8 took Parse on the latest events from 14.28 to 10.28 allocations an
// event, with the samples' bytes unchanged (arena 3 120 -> 3 280 bytes).
var scalarSlots = []scalarSlot{
	{"String", "strings", 12},
	{"Int64", "int64s", 16},
	{"Float64", "float64s", 8},
	{"Bool", "bools", 2},
}
