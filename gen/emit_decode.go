package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/dave/jennifer/jen"
)

const uniqueKeyword = "/x-unique-keys"

// emitDecoders writes one function per object and map definition that
// decodes and validates it in a single pass over the scanner, and the
// decoder with its per-event arena.
func (m *model) emitDecoders(f *jen.File) {
	m.emitArena(f)
	for _, df := range m.defs {
		switch df.kind {
		case kindObject:
			m.emitObjectDecoder(f, df)
		case kindMap:
			m.emitMapDecoder(f, df)
		}
	}
}

func (m *model) emitObjectDecoder(f *jen.File, df *def) {
	kw := "/$defs/" + df.name
	name := "decode" + df.goName
	var keys []jen.Code
	for _, p := range df.props {
		keys = append(keys, jen.Lit(p.name))
		for _, a := range p.aliases {
			keys = append(keys, jen.Lit(a.name))
		}
	}
	keysVar := lowerID(df.goName) + "Keys"
	f.Commentf("%s lists every documented spelling of %s's members, for did-you-mean hints.", keysVar, df.goName)
	f.Var().Id(keysVar).Op("=").Index().String().Values(keys...)
	f.Line()

	// key -> member index, per profile
	var keyCases []jen.Code
	all := m.allBits()
	for _, p := range df.props {
		spellings := []alias{{p.name, p.mask}}
		for _, a := range p.aliases {
			spellings = append(spellings, alias{a.name, a.mask & p.mask})
		}
		for _, s := range spellings {
			set := jen.Id("i").Op("=").Lit(p.index)
			if s.mask == all {
				keyCases = append(keyCases, jen.Case(jen.Lit(s.name)).Block(set))
			} else if s.mask != 0 {
				keyCases = append(keyCases, jen.Case(jen.Lit(s.name)).Block(jen.If(jen.Id("d").Dot("Accepts").Call(m.maskExpr(s.mask))).Block(set)))
			}
		}
	}
	var memberCases []jen.Code
	for _, p := range df.props {
		memberCases = append(memberCases, jen.Case(jen.Lit(p.index)).Block(m.decodeValue(p.t, jen.Id("v").Dot(p.goName), !m.goRequired(p))...))
	}
	counts := df.minProps >= 0 || df.taggedUnion
	var count, declare jen.Code = jen.Null(), jen.Null()
	if counts {
		declare = jen.Id("n").Op(":=").Lit(0).Comment("members, for minProperties and maxProperties")
		count = jen.Id("n").Op("++")
	}
	body := []jen.Code{
		jen.Var().Id("seen").Index(jen.Lit(len(df.props))).Qual(codecPkg, "Span"),
		declare,
		jen.For().Block(
			jen.List(jen.Id("key"), jen.Id("ok")).Op(":=").Add(jen.Id("d")).Dot("S").Dot("NextKey").Call(),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
			count,
			jen.Id("i").Op(":=").Lit(-1),
			jen.Switch(jen.Id("key")).Block(keyCases...),
			jen.If(jen.Id("i").Op("<").Lit(0)).Block(
				jen.Id("v").Dot("Unknown").Op("=").Add(jen.Id("d")).Dot("Unknown").Call(jen.Id("key"), jen.Id(keysVar), jen.Lit(kw+"/additionalProperties"), jen.Lit(uniqueKeyword), jen.Id("v").Dot("Unknown")),
				jen.Continue(),
			),
			jen.If(jen.Op("!").Add(jen.Id("d")).Dot("Member").Call(jen.Op("&").Id("seen").Index(jen.Id("i")), jen.Id("key"), jen.Lit(uniqueKeyword))).Block(jen.Continue()),
			jen.Id("d").Dot("C").Dot("PushKey").Call(jen.Id("key")),
			jen.Switch(jen.Id("i")).Block(memberCases...),
			jen.Id("d").Dot("C").Dot("Pop").Call(),
			jen.Id("d").Dot("EndMember").Call(jen.Op("&").Id("seen").Index(jen.Id("i"))),
		),
	}
	for _, p := range df.props {
		if p.required {
			var kws []jen.Code
			same := true
			for _, pr := range m.profiles {
				kw := m.requiredKeyword(df, p, pr)
				same = same && kw == m.requiredKeyword(df, p, m.profiles[0])
				kws = append(kws, jen.Lit(kw))
			}
			var where jen.Code = kws[0]
			if !same {
				where = jen.Index(jen.Lit(len(kws))).String().Values(kws...).Index(jen.Id("d").Dot("Profile").Dot("Index"))
			}
			check := jen.Id("d").Dot("Required").Call(jen.Id("seen").Index(jen.Lit(p.index)).Dot("Seen"), jen.Lit(p.name), where)
			if p.mask != m.allBits() {
				// A profile that does not know the property does not require it.
				check = jen.If(jen.Id("d").Dot("Accepts").Call(m.maskExpr(p.mask))).Block(check)
			}
			body = append(body, check)
		}
	}
	if df.minProps >= 0 || df.taggedUnion {
		maxExpr := jen.Lit(-1)
		why := ""
		if df.taggedUnion {
			var exact uint8
			for _, p := range m.profiles {
				if p.exactlyOne {
					exact |= p.bit
				}
			}
			body = append(body, jen.Id("maxProps").Op(":=").Lit(-1),
				jen.If(jen.Id("d").Dot("Accepts").Call(m.maskExpr(exact))).Block(jen.Id("maxProps").Op("=").Lit(1)))
			maxExpr = jen.Id("maxProps")
			why = " (a tagged union has exactly one member)"
		}
		body = append(body, jen.Id("d").Dot("Properties").Call(jen.Id("n"), jen.Lit(df.minProps), maxExpr, jen.Lit(kw+"/minProperties"), jen.Lit(kw+"/maxProperties"), jen.Lit(why)))
	}
	for _, r := range df.rules {
		body = append(body, m.ruleCheck(df, r)...)
	}
	f.Commentf("%s decodes and validates %s; the scanner is just past its '{'.", name, df.goName)
	f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("v").Op("*").Id(df.goName)).Block(body...)
	f.Line()
}

func (m *model) emitMapDecoder(f *jen.File, df *def) {
	name := "decode" + df.goName
	kw := "/$defs/" + df.name
	f.Commentf("%s decodes and validates %s; the scanner is just past its '{'.", name, df.goName)
	f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("v").Id(df.goName)).Block(
		m.mapLoop(jen.Id("v"), df.mapValue, df.propNames, kw)...,
	)
	f.Line()
}

// mapLoop decodes the members of a map-shaped object into target.
func (m *model) mapLoop(target *jen.Statement, value *typ, names stringRules, kw string) []jen.Code {
	var nameChecks []jen.Code
	if names.min >= 0 || names.max >= 0 {
		nameChecks = append(nameChecks, jen.Id("d").Dot("Length").Call(jen.Id("key"), jen.Lit(names.min), jen.Lit(names.max), jen.Lit(kw+"/propertyNames/minLength"), jen.Lit(kw+"/propertyNames/maxLength")))
	}
	if names.pattern != "" {
		nameChecks = append(nameChecks, jen.Id("d").Dot("Pattern").Call(m.patternVar(names.pattern).Dot("MatchString").Call(jen.Id("key")), jen.Id("key"), jen.Lit(names.pattern), jen.Lit(kw+"/propertyNames/pattern")))
	}
	if len(nameChecks) > 0 {
		nameChecks = append([]jen.Code{jen.Id("d").Dot("C").Dot("PushKey").Call(jen.Id("key"))}, nameChecks...)
		nameChecks = append(nameChecks, jen.Id("d").Dot("C").Dot("Pop").Call())
	}
	loop := []jen.Code{
		jen.List(jen.Id("key"), jen.Id("ok")).Op(":=").Add(jen.Id("d")).Dot("S").Dot("NextKey").Call(),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
	}
	loop = append(loop, nameChecks...)
	loop = append(loop,
		jen.List(jen.Id("_"), jen.Id("dup")).Op(":=").Add(target.Clone()).Index(jen.Id("key")),
		jen.If(jen.Op("!").Add(jen.Id("d")).Dot("MapKey").Call(jen.Op("!").Id("dup"), jen.Id("key"), jen.Lit(uniqueKeyword))).Block(jen.Continue()),
		jen.Id("d").Dot("C").Dot("PushKey").Call(jen.Id("key")),
		jen.Var().Id("e").Add(m.goType(value, false)),
	)
	loop = append(loop, m.decodeValue(value, jen.Id("e"), false)...)
	loop = append(loop,
		target.Clone().Index(jen.Id("key")).Op("=").Id("e"),
		jen.Id("d").Dot("C").Dot("Pop").Call(),
	)
	return []jen.Code{jen.For().Block(loop...)}
}

// patternVar names the compiled regexp of a pattern (declared by emitPatterns).
func (m *model) patternVar(p string) *jen.Statement {
	if m.patterns == nil {
		m.patterns = map[string]string{}
	}
	if _, ok := m.patterns[p]; !ok {
		m.patterns[p] = fmt.Sprintf("pattern%d", len(m.patterns)+1)
	}
	return jen.Id(m.patterns[p])
}

func (m *model) emitPatterns(f *jen.File) {
	for _, p := range sortedKeys(m.patterns) {
		f.Commentf("%s is the schema pattern %s.", m.patterns[p], p)
		f.Var().Id(m.patterns[p]).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(p))
	}
}

func numLit(f float64) jen.Code {
	if math.IsNaN(f) {
		return jen.Qual("math", "NaN").Call()
	}
	return jen.Lit(f)
}

// decodeValue returns the statements that decode the next value as t into
// target (an addressable Go expression); optional targets are pointers
// where the Go type needs one to tell absent from zero.
func (m *model) decodeValue(t *typ, target *jen.Statement, optional bool) []jen.Code {
	tgt := func() *jen.Statement { return target.Clone() }
	switch t.kind {
	case tRef:
		r := t.ref
		kw := "/$defs/" + r.name
		switch r.kind {
		case kindObject:
			if optional {
				return []jen.Code{jen.If(jen.Id("d").Dot("Object").Call(jen.Lit(kw+"/type"))).Block(
					jen.Id("x").Op(":=").Add(jen.Id("d")).Dot("new"+r.goName).Call(),
					jen.Id("decode"+r.goName).Call(jen.Id("d"), jen.Id("x")),
					tgt().Op("=").Id("x"),
				)}
			}
			return []jen.Code{jen.If(jen.Id("d").Dot("Object").Call(jen.Lit(kw + "/type"))).Block(
				jen.Id("decode"+r.goName).Call(jen.Id("d"), jen.Op("&").Add(tgt())),
			)}
		case kindMap:
			return []jen.Code{jen.If(jen.Id("d").Dot("Object").Call(jen.Lit(kw+"/type"))).Block(
				jen.Id("x").Op(":=").Make(jen.Id(r.goName), jen.Lit(8)),
				jen.Id("decode"+r.goName).Call(jen.Id("d"), jen.Id("x")),
				tgt().Op("=").Id("x"),
			)}
		case kindEnum:
			return []jen.Code{jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Add(jen.Id("d")).Dot("String").Call(jen.Lit(kw+"/type")), jen.Id("ok")).Block(
				jen.List(jen.Id("x"), jen.Id("mask")).Op(":=").Id("lookup"+r.goName).Call(jen.Id("s")),
				jen.Id("d").Dot("Enum").Call(jen.Id("s"), jen.Id("mask"), jen.Lit(r.goName), jen.Lit(kw+"/enum"), jen.Lit(kw+"/minLength"), jen.Id(lowerID(r.goName)+"Accepted").Index(jen.Id("d").Dot("Profile").Dot("Index"))),
				tgt().Op("=").Id("x"),
			)}
		case kindTimestamp:
			frac := map[string]string{"none": "None", "millis": "Millis", "optional": "Optional"}[r.fraction]
			return []jen.Code{jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Add(jen.Id("d")).Dot("String").Call(jen.Lit(kw+"/type")), jen.Id("ok")).Block(
				jen.List(jen.Id("p"), jen.Id("valid")).Op(":=").Add(jen.Id("d")).Dot("Timestamp").Call(jen.Id("s"), jen.Qual(timestampPkg, frac), jen.Lit(kw+"/pattern"), jen.Lit(kw+"/format"), jen.Lit(r.layout)),
				tgt().Op("=").Id("timestampOf").Call(jen.Id("p"), jen.Id("valid"), jen.Id("s"), jen.Lit(r.notSet)),
			)}
		case kindString:
			return m.decodeString(r.str, kw, tgt, optional && r.str.min < 1)
		}
	case tString:
		return m.decodeString(t.str, t.kw, tgt, optional && t.str.min < 1)
	case tInteger, tNumber:
		read, goT := "Integer", jen.Float64().Call(jen.Id("x"))
		if t.kind == tNumber {
			read, goT = "Number", jen.Id("x")
		}
		assign := tgt().Op("=").Id("x")
		if optional {
			assign = tgt().Op("=").Add(jen.Id("d")).Dot("new" + map[typKind]string{tInteger: "Int64", tNumber: "Float64"}[t.kind]).Call(jen.Id("x"))
		}
		stmts := []jen.Code{}
		if !math.IsNaN(t.min) || !math.IsNaN(t.max) {
			stmts = append(stmts, jen.Id("d").Dot("Range").Call(goT, numLit(t.min), numLit(t.max), jen.Lit(t.kw+"/minimum"), jen.Lit(t.kw+"/maximum")))
		}
		stmts = append(stmts, assign)
		return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(jen.Id("d")).Dot(read).Call(jen.Lit(t.kw+"/type")), jen.Id("ok")).Block(stmts...)}
	case tBool:
		assign := tgt().Op("=").Id("x")
		if optional {
			assign = tgt().Op("=").Add(jen.Id("d")).Dot("newBool").Call(jen.Id("x"))
		}
		return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(jen.Id("d")).Dot("Bool").Call(jen.Lit(t.kw+"/type")), jen.Id("ok")).Block(assign)}
	case tArray:
		return []jen.Code{jen.If(jen.Id("d").Dot("Array").Call(jen.Lit(t.kw + "/type"))).Block(m.arrayLoop(t.items, tgt, t.minItems, t.maxItems, t.kw)...)}
	case tMap:
		body := []jen.Code{jen.Id("m").Op(":=").Make(m.goType(t, false), jen.Lit(8))}
		body = append(body, m.mapLoop(jen.Id("m"), t.mapValue, t.propNames, t.kw)...)
		body = append(body, tgt().Op("=").Id("m"))
		return []jen.Code{jen.If(jen.Id("d").Dot("Object").Call(jen.Lit(t.kw + "/type"))).Block(body...)}
	case tOneOrMany:
		item := &typ{kind: tRef, ref: t.ref, kw: "/$defs/" + t.ref.name}
		return []jen.Code{
			jen.If(jen.Id("d").Dot("S").Dot("Peek").Call().Op("==").Qual(scanPkg, "Array").Op("&&").Add(jen.Id("d")).Dot("Accepts").Call(m.maskExpr(t.shapeMask))).Block(
				jen.Id("_").Op("=").Add(jen.Id("d")).Dot("S").Dot("BeginArray").Call(),
				jen.Block(m.arrayLoop(item, tgt, t.minItems, t.maxItems, t.kw+"/then")...),
			).Else().If(jen.Id("d").Dot("Object").Call(jen.Lit("/$defs/"+t.ref.name+"/type"))).Block(
				jen.Id("x").Op(":=").Make(jen.Index().Id(t.ref.goName), jen.Lit(1)),
				jen.Id("decode"+t.ref.goName).Call(jen.Id("d"), jen.Op("&").Id("x").Index(jen.Lit(0))),
				tgt().Op("=").Id("x"),
			),
		}
	}
	panic(fmt.Sprintf("cannot decode type kind %d", t.kind))
}

func (m *model) decodeString(r stringRules, kw string, tgt func() *jen.Statement, pointer bool) []jen.Code {
	var stmts []jen.Code
	if r.min >= 0 || r.max >= 0 {
		stmts = append(stmts, jen.Id("d").Dot("Length").Call(jen.Id("s"), jen.Lit(r.min), jen.Lit(r.max), jen.Lit(kw+"/minLength"), jen.Lit(kw+"/maxLength")))
	}
	if r.pattern != "" {
		stmts = append(stmts, jen.Id("d").Dot("Pattern").Call(m.patternVar(r.pattern).Dot("MatchString").Call(jen.Id("s")), jen.Id("s"), jen.Lit(r.pattern), jen.Lit(kw+"/pattern")))
	}
	if pointer {
		stmts = append(stmts, tgt().Op("=").Add(jen.Id("d")).Dot("newString").Call(jen.Id("s")))
	} else {
		stmts = append(stmts, tgt().Op("=").Id("s"))
	}
	return []jen.Code{jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Add(jen.Id("d")).Dot("String").Call(jen.Lit(kw+"/type")), jen.Id("ok")).Block(stmts...)}
}

// arrayLoop decodes the elements of an array (the scanner just past '[')
// into a new slice assigned to target.
func (m *model) arrayLoop(item *typ, tgt func() *jen.Statement, minItems, maxItems int, kw string) []jen.Code {
	loop := []jen.Code{jen.Id("d").Dot("C").Dot("PushIndex").Call(jen.Id("i"))}
	if item.kind == tRef && item.ref.kind == kindObject {
		// Decoded in place: a temporary would escape through the recursive
		// decoders and cost an allocation per element.
		loop = append(loop,
			jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id(item.ref.goName).Values()),
			jen.If(jen.Id("d").Dot("Object").Call(jen.Lit("/$defs/"+item.ref.name+"/type"))).Block(
				jen.Id("decode"+item.ref.goName).Call(jen.Id("d"), jen.Op("&").Id("out").Index(jen.Len(jen.Id("out")).Op("-").Lit(1))),
			))
	} else {
		loop = append(loop, jen.Var().Id("e").Add(m.goType(item, false)))
		loop = append(loop, m.decodeValue(item, jen.Id("e"), false)...)
		loop = append(loop, jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("e")))
	}
	loop = append(loop, jen.Id("d").Dot("C").Dot("Pop").Call())
	stmts := []jen.Code{
		// Backed by the arena while it has room: documented arrays hold a few items.
		jen.Id("out").Op(":=").Add(m.sliceExpr(item)),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("d").Dot("S").Dot("NextElement").Call(), jen.Id("i").Op("++")).Block(loop...),
	}
	if minItems >= 0 || maxItems >= 0 {
		stmts = append(stmts, jen.Id("d").Dot("Items").Call(jen.Len(jen.Id("out")), jen.Lit(minItems), jen.Lit(maxItems), jen.Lit(kw+"/minItems"), jen.Lit(kw+"/maxItems")))
	}
	return append(stmts, tgt().Op("=").Id("out"))
}

// ruleCheck emits the check of one x-rules entry at the end of its
// object's decoder.
func (m *model) ruleCheck(df *def, r rule) []jen.Code {
	var sev []jen.Code
	for _, p := range m.profiles {
		s := map[string]int{"error": 0, "warning": 1}[r.severity[p.name]]
		if r.severity[p.name] == "off" || r.severity[p.name] == "" {
			s = -1
		}
		sev = append(sev, jen.Lit(s))
	}
	kw := fmt.Sprintf("/$defs/%s/x-rules/%d", df.name, r.index)
	propNamed := func(name string) *prop {
		for _, p := range df.props {
			if p.name == name {
				return p
			}
		}
		panic("rule " + r.id + ": no property " + name)
	}
	enumConst := func(p *prop, value string) jen.Code {
		for _, v := range p.t.ref.values {
			if v.value == value {
				return jen.Id(p.t.ref.goName + v.goName)
			}
		}
		panic("rule " + r.id + ": no value " + value)
	}
	var sevDoc, limitDoc []string
	for _, p := range m.profiles {
		sv := r.severity[p.name]
		if sv == "" {
			sv = "off"
		}
		sevDoc = append(sevDoc, p.name+" "+sv)
		if r.kind == "taskExpiry" {
			limitDoc = append(limitDoc, fmt.Sprintf("%s %d days", p.name, r.maxOpen[p.name]/86400))
		}
	}
	severity := jen.List(jen.Id("sev"), jen.Id("on")).Op(":=").Add(jen.Id("d")).Dot("Severity").Call(jen.Index().Int8().Values(sev...))
	ruleDoc := comment("Rule "+r.id+": "+r.description, 74)
	switch r.kind {
	case "absentWhen":
		p, w := propNamed(r.property), propNamed(r.whenProperty)
		present := jen.Id("d").Dot("Accepts").Call(m.maskExpr(p.mask))
		if cond := m.present(p.t, jen.Id("v").Dot(p.goName), !m.goRequired(p)); cond != nil {
			present = jen.Add(cond)
		}
		return []jen.Code{ruleDoc, jen.If(jen.Add(present).Op("&&").Id("v").Dot(w.goName).Op("==").Add(enumConst(w, r.whenEquals))).Block(
			jen.If(severity, jen.Id("on")).Block(jen.Comment(strings.Join(sevDoc, ", ")),
				jen.Id("d").Dot("C").Dot("AddMember").Call(jen.Id("sev"), jen.Id("d").Dot("Key").Call(jen.Op("&").Id("seen").Index(jen.Lit(p.index))), jen.Lit(kw),
					jen.Lit(fmt.Sprintf("%s is present although %s is %s; the current page says it is not included then", p.name, w.name, r.whenEquals))),
			),
		)}
	case "taskExpiry":
		ch := propNamed("channel")
		start, end := propNamed("initiationTimestamp"), propNamed("disconnectTimestamp")
		var limits []jen.Code
		for _, p := range m.profiles {
			limits = append(limits, jen.Lit(r.maxOpen[p.name]))
		}
		return []jen.Code{ruleDoc, jen.If(jen.Id("v").Dot(ch.goName).Op("==").Add(enumConst(ch, r.channel)).Op("&&").Id("v").Dot(start.goName).Dot("IsSet").Call().Op("&&").Id("v").Dot(end.goName).Dot("IsSet").Call()).Block(
			jen.Id("limit").Op(":=").Qual("time", "Duration").Call(jen.Index().Int64().Values(limits...).Index(jen.Id("d").Dot("Profile").Dot("Index"))).Op("*").Qual("time", "Second").Comment(strings.Join(limitDoc, ", ")),
			jen.If(jen.Id("open").Op(":=").Id("v").Dot(end.goName).Dot("Time").Call().Dot("Sub").Call(jen.Id("v").Dot(start.goName).Dot("Time").Call()), jen.Id("open").Op(">").Id("limit")).Block(
				jen.If(severity, jen.Id("on")).Block(jen.Comment(strings.Join(sevDoc, ", ")),
					jen.Id("d").Dot("C").Dot("AddMember").Call(jen.Id("sev"), jen.Id("d").Dot("Key").Call(jen.Op("&").Id("seen").Index(jen.Lit(end.index))), jen.Lit(kw),
						jen.Lit("a task is disconnected after ").Op("+").Id("limit").Dot("String").Call().Op("+").Lit(" at most, but this one was open for ").Op("+").Id("open").Dot("String").Call()),
				),
			),
		)}
	}
	panic("unknown rule kind " + r.kind)
}

// emitArena writes the decoder type and its arena: one block, allocated once
// per event, that holds a slot for every struct an event can point to (as
// many as there are pointers to it in the schema; recursion and arrays fall
// back to new), so that decoding a typical event allocates once for all its
// objects instead of once per object.
func (m *model) emitArena(f *jen.File) {
	slots := map[*def]int{m.rootThen: 1}
	for _, df := range m.defs {
		for _, p := range df.props {
			if p.t.kind == tRef && p.t.ref.kind == kindObject && !m.goRequired(p) {
				slots[p.t.ref]++
			}
		}
	}
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
		fields = append(fields, jen.Id(sc.field).Index(jen.Lit(sc.n)).Add(sc.goType()).Comment("for optional "+sc.name+" values held by pointer"), jen.Id("n"+sc.field).Uint8())
	}
	items := m.arrayItemTypes()
	for _, it := range items {
		name := lowerID(it.name)
		fields = append(fields, jen.Id(name+"Items").Index(jen.Lit(sliceSlab)).Add(it.goType).Comment("backing of []"+it.name+" slices"), jen.Id("n"+it.name+"Items").Uint8())
	}
	f.Add(comment("decoder is the state of one decode: the shared runtime plus the arena of the event being decoded.", 76))
	f.Type().Id("decoder").Struct(jen.Qual(codecPkg, "Decoder"), jen.Id("a").Op("*").Id("arena"))
	f.Line()
	f.Comment("arena holds the structs of one event, allocated together.")
	f.Type().Id("arena").Struct(fields...)
	f.Line()
	arenaField := func(name string) *jen.Statement { return jen.Id("d").Dot("a").Dot(name) }
	for _, sc := range scalarSlots {
		f.Commentf("new%s returns a pointer to a copy of v, from the arena while it has room.", sc.name)
		f.Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("new" + sc.name).Params(jen.Id("v").Add(sc.goType())).Op("*").Add(sc.goType()).Block(
			jen.Return(jen.Qual(codecPkg, "SlotOf").Call(arenaField(sc.field).Index(jen.Op(":")), jen.Op("&").Add(arenaField("n"+sc.field)), jen.Id("v"))),
		)
		f.Line()
	}
	for _, it := range items {
		f.Commentf("%s returns an empty []%s with room for %d items, backed by the arena while it has room.", "slice"+it.name, it.name, sliceCap)
		f.Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("slice" + it.name).Params().Index().Add(it.goType).Block(
			jen.Return(jen.Qual(codecPkg, "SliceOf").Call(arenaField(lowerID(it.name)+"Items").Index(jen.Op(":")), jen.Op("&").Add(arenaField("n"+it.name+"Items")), jen.Lit(sliceCap))),
		)
		f.Line()
	}
	for i, df := range order {
		f.Commentf("new%s returns a zeroed %s from the arena, or from the heap once the arena's slots are used.", df.goName, df.goName)
		f.Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("new" + df.goName).Params().Op("*").Id(df.goName).Block(
			jen.Return(jen.Qual(codecPkg, "Slot").Call(arenaField(lowerID(df.goName)).Index(jen.Op(":")), jen.Op("&").Add(arenaField("used")).Index(jen.Lit(i)))),
		)
		f.Line()
	}
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

// requiredKeyword is where the profile schema of pr requires p: the object's
// required list, or, for a property with several spellings accepted by pr,
// its anyOf in the object's allOf (see deriveObject).
func (m *model) requiredKeyword(df *def, p *prop, pr *profile) string {
	k := 0
	for _, q := range df.props {
		if !q.required || q.mask&pr.bit == 0 || !hasAcceptedAlias(q, pr) {
			continue
		}
		if q == p {
			return fmt.Sprintf("/$defs/%s/allOf/%d/anyOf", df.name, k)
		}
		k++
	}
	return "/$defs/" + df.name + "/required"
}

func hasAcceptedAlias(p *prop, pr *profile) bool {
	for _, a := range p.aliases {
		if a.mask&pr.bit != 0 {
			return true
		}
	}
	return false
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
