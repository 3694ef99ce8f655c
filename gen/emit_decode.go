package main

import (
	"fmt"
	"math"

	"github.com/dave/jennifer/jen"
)

const uniqueKeyword = "/x-unique-keys"

// The generated decoders are methods of nothing: functions of a *decoder d
// and a target v. These helpers write their recurring expressions, so that
// the emitters below read as the code they write.

// dCall is d.method(args...).
func dCall(method string, args ...jen.Code) *jen.Statement {
	return jen.Id("d").Dot(method).Call(args...)
}

// scanCall is d.S.method(): the scanner.
func scanCall(method string) *jen.Statement { return jen.Id("d").Dot("S").Dot(method).Call() }

// issuesCall is d.C.method(args...): the issue collector.
func issuesCall(method string, args ...jen.Code) *jen.Statement {
	return jen.Id("d").Dot("C").Dot(method).Call(args...)
}

// ifRead is `if names := d.read(keyword); ok { body }`, the shape of every
// scalar read: the value is only used when it has the right JSON type.
func ifRead(names []string, read, keyword string, body ...jen.Code) jen.Code {
	var ids []jen.Code
	for _, n := range names {
		ids = append(ids, jen.Id(n))
	}
	return jen.If(jen.List(ids...).Op(":=").Add(dCall(read, jen.Lit(keyword))), jen.Id("ok")).Block(body...)
}

// ifString is the read of a string value, String's two halves written out
// so that the read's fast path is a direct call of the scanner's (a
// function of the decoder that calls both would not be inlined):
//
//	if s, ok, isString := d.S.ReadStringIf(); !isString {
//		d.NotString(keyword)
//	} else if ok {
//		body
//	}
func ifString(keyword string, body ...jen.Code) jen.Code {
	return jen.If(jen.List(jen.Id("s"), jen.Id("ok"), jen.Id("isString")).Op(":=").Add(scanCall("ReadStringIf")), jen.Op("!").Id("isString")).Block(
		dCall("NotString", jen.Lit(keyword)),
	).Else().If(jen.Id("ok")).Block(body...)
}

// boundsCall is d.method(value, min, max, "<kw>/min<bound>",
// "<kw>/max<bound>"): the check of a pair of bounds (Length, Items).
func boundsCall(method string, value jen.Code, min, max int, kw, bound string) *jen.Statement {
	return dCall(method, value, jen.Lit(min), jen.Lit(max), jen.Lit(kw+"/min"+bound), jen.Lit(kw+"/max"+bound))
}

// ifObject is `if d.Object(keyword) { body }`.
func ifObject(keyword string, body ...jen.Code) *jen.Statement {
	return jen.If(dCall("Object", jen.Lit(keyword))).Block(body...)
}

// profileIndexed is table[d.Profile.Index]: a per-profile table's entry for
// the profile in use.
func profileIndexed(table jen.Code) *jen.Statement {
	return jen.Add(table).Index(jen.Id("d").Dot("Profile").Dot("Index"))
}

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

// memberConst is the name of the generated constant that numbers property p
// of df: its index in the decoder's seen array and its case in the member
// switch (queueInfoQueueARN).
func memberConst(df *def, p *prop) string { return lowerID(df.goName) + p.goName }

// membersConst is the name of the constant that counts df's properties.
func membersConst(df *def) string { return lowerID(df.goName) + "Members" }

// seenOf is &seen[i], the span of the member numbered i.
func seenOf(i jen.Code) *jen.Statement { return jen.Op("&").Id("seen").Index(i) }

// emitMemberConsts numbers df's properties with named constants, so that
// the decoder's switch cases and rule checks say which property they are
// about.
func (m *model) emitMemberConsts(f *jen.File, df *def) {
	var defs []jen.Code
	for i, p := range df.props {
		c := jen.Id(memberConst(df, p))
		if i == 0 {
			c = c.Op("=").Iota()
		}
		defs = append(defs, c.Comment(fmt.Sprintf("%q", p.name)))
	}
	defs = append(defs, jen.Id(membersConst(df)).Comment("how many properties "+df.goName+" has"))
	f.Commentf("The properties of %s, numbered in the schema's order: the decoder's index of each member it has seen.", df.goName)
	f.Const().Defs(defs...)
	f.Line()
}

// emitKeyList writes the list of every documented spelling of df's
// members, for did-you-mean hints.
func (m *model) emitKeyList(f *jen.File, df *def) string {
	var keys []jen.Code
	for _, p := range df.props {
		keys = append(keys, jen.Lit(p.name))
		for _, a := range p.aliases {
			keys = append(keys, jen.Lit(a.name))
		}
	}
	name := lowerID(df.goName) + "Keys"
	f.Commentf("%s lists every documented spelling of %s's members, for did-you-mean hints.", name, df.goName)
	f.Var().Id(name).Op("=").Index().String().Values(keys...)
	f.Line()
	return name
}

func (m *model) emitObjectDecoder(f *jen.File, df *def) {
	m.emitMemberConsts(f, df)
	keysVar := m.emitKeyList(f, df)
	body := []jen.Code{jen.Var().Id("seen").Index(jen.Id(membersConst(df))).Qual(codecPkg, "Span")}
	if df.countsMembers() {
		body = append(body, jen.Id("n").Op(":=").Lit(0).Comment("members, for minProperties and maxProperties"))
	}
	body = append(body, jen.For().Block(m.memberLoop(df, keysVar)...))
	body = append(body, m.requiredChecks(df)...)
	body = append(body, m.memberCountCheck(df)...)
	for _, r := range df.rules {
		body = append(body, m.ruleCheck(f, df, r)...)
	}
	name := "decode" + df.goName
	f.Commentf("%s decodes and validates %s; the scanner is just past its '{'.", name, df.goName)
	f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("v").Op("*").Id(df.goName)).Block(body...)
	f.Line()
}

func (df *def) countsMembers() bool { return df.minProps >= 0 || df.taggedUnion }

// memberLoop is the body of the loop over an object's members: one switch
// on the key goes straight to the member's decode (a switch on the key
// setting a member number, then a switch on the number, cost an indirect
// jump a member that the branch predictor mostly misses); a member the
// profile in use does not know, or in a spelling it rejects, breaks out
// of the switch to be kept as unknown.
func (m *model) memberLoop(df *def, keysVar string) []jen.Code {
	kw := "/$defs/" + df.name
	loop := []jen.Code{
		jen.List(jen.Id("key"), jen.Id("ok")).Op(":=").Add(scanCall("NextKey")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
	}
	if df.countsMembers() {
		loop = append(loop, jen.Id("n").Op("++"))
	}
	unknown := jen.Qual(codecPkg, "Unknown").Call(jen.Op("&").Id("d").Dot("Decoder"), jen.Id("key"), jen.Id(keysVar),
		jen.Lit(kw+"/additionalProperties"), jen.Lit(uniqueKeyword), jen.Id("v").Dot("Unknown"))
	return append(loop,
		jen.Switch(jen.Id("key")).Block(m.memberCases(df)...),
		jen.Comment("Unknown to the profile in use, or in a spelling it rejects."),
		jen.Id("v").Dot("Unknown").Op("=").Add(unknown),
	)
}

// memberCases decode each property's value into its Go field, under each
// of its spellings that some profile accepts; a spelling the profile in use
// does not accept breaks out of the switch. A member given before is
// skipped (Repeated reports it).
func (m *model) memberCases(df *def) []jen.Code {
	var cases []jen.Code
	for _, p := range df.props {
		spellings := []alias{{p.name, p.mask}}
		for _, a := range p.aliases {
			spellings = append(spellings, alias{a.name, a.mask & p.mask})
		}
		var names []jen.Code
		var rejected []alias
		for _, s := range spellings {
			if s.mask == 0 {
				continue
			}
			names = append(names, jen.Lit(s.name))
			if s.mask != m.allBits() {
				rejected = append(rejected, s)
			}
		}
		if len(names) == 0 {
			continue
		}
		var body []jen.Code
		if guard := m.spellingGuard(rejected, len(names)); guard != nil {
			body = append(body, jen.If(guard).Block(jen.Break()))
		}
		seen := seenOf(jen.Id(memberConst(df, p)))
		decode := []jen.Code{issuesCall("PushKey", jen.Id("key"))}
		decode = append(decode, m.decodeValue(p.t, jen.Id("v").Dot(p.goName), !m.goRequired(p))...)
		decode = append(decode, issuesCall("Pop"), dCall("EndMember", seen.Clone()))
		body = append(body,
			jen.If(dCall("First", seen)).Block(decode...).Else().Block(
				dCall("Repeated", seen.Clone(), jen.Id("key"), jen.Lit(uniqueKeyword))),
			jen.Continue(),
		)
		cases = append(cases, jen.Case(names...).Block(body...))
	}
	return cases
}

// spellingGuard is the condition under which the key of a case of n
// spellings is one the profile in use rejects: rejected are the case's
// spellings that some profile does not accept.
func (m *model) spellingGuard(rejected []alias, n int) jen.Code {
	if len(rejected) == 0 {
		return nil
	}
	if n == 1 {
		return jen.Op("!").Add(dCall("Accepts", m.maskExpr(rejected[0].mask)))
	}
	var cond *jen.Statement
	for _, s := range rejected {
		c := jen.Id("key").Op("==").Lit(s.name).Op("&&").Op("!").Add(dCall("Accepts", m.maskExpr(s.mask)))
		if cond == nil {
			cond = c
		} else {
			cond = cond.Op("||").Add(c)
		}
	}
	return cond
}

// requiredChecks report each required property that is missing, at the
// keyword that requires it in the profile in use.
func (m *model) requiredChecks(df *def) []jen.Code {
	var checks []jen.Code
	for _, p := range df.props {
		if !p.required {
			continue
		}
		var kws []jen.Code
		same := true
		for _, pr := range m.profiles {
			kw := m.requiredKeyword(df, p, pr)
			same = same && kw == m.requiredKeyword(df, p, m.profiles[0])
			kws = append(kws, jen.Lit(kw))
		}
		var where jen.Code = kws[0]
		if !same {
			where = profileIndexed(jen.Index(jen.Lit(len(kws))).String().Values(kws...))
		}
		check := dCall("Required", jen.Id("seen").Index(jen.Id(memberConst(df, p))).Dot("Seen").Call(), jen.Lit(p.name), where)
		if p.mask != m.allBits() {
			// A profile that does not know the property does not require it.
			check = jen.If(dCall("Accepts", m.maskExpr(p.mask))).Block(check)
		}
		checks = append(checks, check)
	}
	return checks
}

// memberCountCheck checks minProperties, and maxProperties 1 for a tagged
// union under the profiles that want exactly one member.
func (m *model) memberCountCheck(df *def) []jen.Code {
	if !df.countsMembers() {
		return nil
	}
	kw := "/$defs/" + df.name
	var stmts []jen.Code
	maxExpr, why := jen.Lit(-1), ""
	if df.taggedUnion {
		var exact uint8
		for _, p := range m.profiles {
			if p.exactlyOne {
				exact |= p.bit
			}
		}
		stmts = append(stmts,
			jen.Id("maxProps").Op(":=").Lit(-1),
			jen.If(dCall("Accepts", m.maskExpr(exact))).Block(jen.Id("maxProps").Op("=").Lit(1)))
		maxExpr, why = jen.Id("maxProps"), " (a tagged union has exactly one member)"
	}
	check := dCall("Properties", jen.Id("n"), jen.Lit(df.minProps), maxExpr,
		jen.Lit(kw+"/minProperties"), jen.Lit(kw+"/maxProperties"), jen.Lit(why))
	return append(stmts, check)
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

// mapKeyChecks check a map's key against its propertyNames rules.
func (m *model) mapKeyChecks(names stringRules, kw string) []jen.Code {
	var checks []jen.Code
	if names.min >= 0 || names.max >= 0 {
		checks = append(checks, boundsCall("Length", jen.Id("key"), names.min, names.max, kw+"/propertyNames", "Length"))
	}
	if names.pattern != "" {
		matches := m.patternVar(names.pattern).Dot("MatchString").Call(jen.Id("key"))
		checks = append(checks, dCall("Pattern", matches, jen.Id("key"), jen.Lit(names.pattern), jen.Lit(kw+"/propertyNames/pattern")))
	}
	if len(checks) == 0 {
		return nil
	}
	checks = append([]jen.Code{issuesCall("PushKey", jen.Id("key"))}, checks...)
	return append(checks, issuesCall("Pop"))
}

// mapLoop decodes the members of a map-shaped object into target, a map
// that is nil when the event is not kept: the decoder checks that each key
// is new (MapKey), so the map is only written.
func (m *model) mapLoop(target *jen.Statement, value *typ, names stringRules, kw string) []jen.Code {
	loop := []jen.Code{
		jen.List(jen.Id("key"), jen.Id("ok")).Op(":=").Add(scanCall("NextKey")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
	}
	loop = append(loop, m.mapKeyChecks(names, kw)...)
	loop = append(loop,
		jen.If(jen.Op("!").Add(dCall("MapKey", jen.Id("keys"), jen.Id("key"), jen.Lit(uniqueKeyword)))).Block(jen.Continue()),
		issuesCall("PushKey", jen.Id("key")),
		jen.Var().Id("e").Add(m.goType(value, false)),
	)
	loop = append(loop, m.decodeValue(value, jen.Id("e"), false)...)
	loop = append(loop,
		jen.If(target.Clone().Op("!=").Nil()).Block(target.Clone().Index(jen.Id("key")).Op("=").Id("e")),
		issuesCall("Pop"),
	)
	return []jen.Code{
		jen.Id("keys").Op(":=").Add(dCall("BeginMap")),
		jen.For().Block(loop...),
		dCall("EndMap", jen.Id("keys")),
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
		if t.ref.kind == kindTimestamp && !t.readByRule {
			return m.decodeTimestamp(t.ref, tgt, true)
		}
		return m.decodeRef(t.ref, tgt, optional)
	case tString:
		return m.decodeString(t.str, t.kw, tgt, optional && t.str.min < 1)
	case tInteger, tNumber:
		return m.decodeNumber(t, tgt, optional)
	case tBool:
		assign := tgt().Op("=").Id("x")
		if optional {
			assign = tgt().Op("=").Add(dCall("newBool", jen.Id("x")))
		}
		return []jen.Code{ifRead([]string{"x", "ok"}, "Bool", t.kw+"/type", assign)}
	case tArray:
		loop := m.arrayLoop(t.items, tgt, t.minItems, t.maxItems, t.kw)
		return []jen.Code{jen.If(dCall("Array", jen.Lit(t.kw+"/type"))).Block(loop...)}
	case tMap:
		body := []jen.Code{jen.Id("m").Op(":=").Add(newMap(m.goType(t, false)))}
		body = append(body, m.mapLoop(jen.Id("m"), t.mapValue, t.propNames, t.kw)...)
		body = append(body, tgt().Op("=").Id("m"))
		return []jen.Code{ifObject(t.kw+"/type", body...)}
	case tOneOrMany:
		return m.decodeOneOrMany(t, tgt)
	}
	panic(fmt.Sprintf("cannot decode type kind %d", t.kind))
}

// decodeRef decodes a value of a named definition.
func (m *model) decodeRef(r *def, tgt func() *jen.Statement, optional bool) []jen.Code {
	kw := "/$defs/" + r.name
	decode := "decode" + r.goName
	switch r.kind {
	case kindObject:
		if optional {
			return []jen.Code{ifObject(kw+"/type",
				jen.Id("x").Op(":=").Add(dCall("new"+r.goName)),
				jen.Id(decode).Call(jen.Id("d"), jen.Id("x")),
				tgt().Op("=").Id("x"),
			)}
		}
		return []jen.Code{ifObject(kw+"/type", jen.Id(decode).Call(jen.Id("d"), jen.Op("&").Add(tgt())))}
	case kindMap:
		return []jen.Code{ifObject(kw+"/type",
			jen.Id("x").Op(":=").Add(newMap(jen.Id(r.goName))),
			jen.Id(decode).Call(jen.Id("d"), jen.Id("x")),
			tgt().Op("=").Id("x"),
		)}
	case kindEnum:
		accepted := profileIndexed(jen.Id(lowerID(r.goName) + "Accepted"))
		return []jen.Code{ifString(kw+"/type",
			jen.List(jen.Id("x"), jen.Id("mask")).Op(":=").Id("lookup"+r.goName).Call(jen.Id("s")),
			dCall("Enum", jen.Id("s"), jen.Id("mask"), jen.Lit(r.goName), jen.Lit(kw+"/enum"), jen.Lit(kw+"/minLength"), accepted),
			tgt().Op("=").Id("x"),
		)}
	case kindTimestamp:
		return m.decodeTimestamp(r, tgt, false)
	case kindString:
		return m.decodeString(r.str, kw, tgt, optional && r.str.min < 1)
	}
	panic(fmt.Sprintf("cannot decode definition kind %d", r.kind))
}

// decodeTimestamp decodes a timestamp of definition r. With lean (the
// value is read by no rule), a decode that keeps nothing only checks it,
// without computing its time.
func (m *model) decodeTimestamp(r *def, tgt func() *jen.Statement, lean bool) []jen.Code {
	kw := "/$defs/" + r.name
	frac := map[string]string{"none": "None", "millis": "Millis", "optional": "Optional"}[r.fraction]
	args := func() []jen.Code {
		return []jen.Code{jen.Id("s"), jen.Qual(timestampPkg, frac), jen.Lit(kw + "/pattern"), jen.Lit(kw + "/format"), jen.Lit(r.layout)}
	}
	keep := []jen.Code{
		jen.List(jen.Id("p"), jen.Id("valid")).Op(":=").Add(dCall("Timestamp", args()...)),
		tgt().Op("=").Id("timestampOf").Call(jen.Id("p"), jen.Id("valid"), jen.Id("s"), jen.Lit(r.notSet)),
	}
	if !lean {
		return []jen.Code{ifString(kw+"/type", keep...)}
	}
	return []jen.Code{ifString(kw+"/type",
		jen.If(jen.Op("!").Id("d").Dot("keep")).Block(dCall("CheckTimestamp", args()...)).Else().Block(keep...))}
}

// decodeNumber decodes an integer (int64) or a number (float64) with its
// bounds.
func (m *model) decodeNumber(t *typ, tgt func() *jen.Statement, optional bool) []jen.Code {
	read, asFloat, newer := "Integer", jen.Float64().Call(jen.Id("x")), "newInt64"
	if t.kind == tNumber {
		read, asFloat, newer = "Number", jen.Id("x"), "newFloat64"
	}
	var stmts []jen.Code
	if !math.IsNaN(t.min) || !math.IsNaN(t.max) {
		stmts = append(stmts, dCall("Range", asFloat, numLit(t.min), numLit(t.max), jen.Lit(t.kw+"/minimum"), jen.Lit(t.kw+"/maximum")))
	}
	if optional {
		stmts = append(stmts, tgt().Op("=").Add(dCall(newer, jen.Id("x"))))
	} else {
		stmts = append(stmts, tgt().Op("=").Id("x"))
	}
	return []jen.Code{ifRead([]string{"x", "ok"}, read, t.kw+"/type", stmts...)}
}

// decodeOneOrMany decodes an object, or an array of them where the profile
// accepts that shape, into a slice.
func (m *model) decodeOneOrMany(t *typ, tgt func() *jen.Statement) []jen.Code {
	item := &typ{kind: tRef, ref: t.ref, kw: "/$defs/" + t.ref.name}
	isArray := scanCall("Peek").Op("==").Qual(scanPkg, "Array").Op("&&").Add(dCall("Accepts", m.maskExpr(t.shapeMask)))
	return []jen.Code{
		jen.If(isArray).Block(
			jen.Id("_").Op("=").Add(scanCall("BeginArray")),
			jen.Block(m.arrayLoop(item, tgt, t.minItems, t.maxItems, t.kw+"/then")...),
		).Else().Add(ifObject("/$defs/"+t.ref.name+"/type",
			jen.Id("x").Op(":=").Qual(codecPkg, "NewSlice").Types(jen.Id(t.ref.goName)).Call(jen.Id("d").Dot("keep"), jen.Id("d").Dot("Recycle"), jen.Lit(1)),
			jen.Id("decode"+t.ref.goName).Call(jen.Id("d"), dCall("element"+t.ref.goName, jen.Op("&").Id("x"))),
			tgt().Op("=").Id("x"),
		)),
	}
}

func (m *model) decodeString(r stringRules, kw string, tgt func() *jen.Statement, pointer bool) []jen.Code {
	var stmts []jen.Code
	// A string has at most len(s) and at least len(s)/4 characters (rounded
	// up: len(s) >= 4*min-3 is enough for min): its byte length, compared
	// inline, decides most strings, and Length counts the others.
	var undecided *jen.Statement
	if r.min > 0 {
		undecided = jen.Len(jen.Id("s")).Op("<").Lit(4*r.min - 3)
	}
	if r.max >= 0 {
		longer := jen.Len(jen.Id("s")).Op(">").Lit(r.max)
		if undecided == nil {
			undecided = longer
		} else {
			undecided = undecided.Op("||").Add(longer)
		}
	}
	if undecided != nil {
		stmts = append(stmts, jen.If(undecided).Block(boundsCall("Length", jen.Id("s"), r.min, r.max, kw, "Length")))
	}
	if r.pattern != "" {
		matches := m.patternVar(r.pattern).Dot("MatchString").Call(jen.Id("s"))
		stmts = append(stmts, dCall("Pattern", matches, jen.Id("s"), jen.Lit(r.pattern), jen.Lit(kw+"/pattern")))
	}
	if pointer {
		stmts = append(stmts, tgt().Op("=").Add(dCall("newString", jen.Id("s"))))
	} else {
		stmts = append(stmts, tgt().Op("=").Id("s"))
	}
	return []jen.Code{ifString(kw+"/type", stmts...)}
}

// arrayLoop decodes the elements of an array (the scanner just past '[')
// into a new slice assigned to target; when the event is not kept, the
// slice stays nil and the elements are only checked and counted (i).
func (m *model) arrayLoop(item *typ, tgt func() *jen.Statement, minItems, maxItems int, kw string) []jen.Code {
	loop := []jen.Code{issuesCall("PushIndex", jen.Id("i"))}
	if item.kind == tRef && item.ref.kind == kindObject {
		// Decoded in place: a temporary would escape through the recursive
		// decoders and cost an allocation per element.
		element := dCall("element"+item.ref.goName, jen.Op("&").Id("out"))
		loop = append(loop,
			jen.Id("e").Op(":=").Add(element),
			ifObject("/$defs/"+item.ref.name+"/type", jen.Id("decode"+item.ref.goName).Call(jen.Id("d"), jen.Id("e"))),
		)
	} else {
		loop = append(loop, jen.Var().Id("e").Add(m.goType(item, false)))
		loop = append(loop, m.decodeValue(item, jen.Id("e"), false)...)
		loop = append(loop, jen.If(jen.Id("d").Dot("keep")).Block(jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("e"))))
	}
	loop = append(loop, issuesCall("Pop"))
	stmts := []jen.Code{
		// Backed by the arena while it has room: documented arrays hold a few items.
		jen.Id("out").Op(":=").Add(m.sliceExpr(item)),
		jen.Id("i").Op(":=").Lit(0),
		jen.For(jen.Empty(), scanCall("NextElement"), jen.Id("i").Op("++")).Block(loop...),
	}
	if minItems >= 0 || maxItems >= 0 {
		stmts = append(stmts, boundsCall("Items", jen.Id("i"), minItems, maxItems, kw, "Items"))
	}
	return append(stmts, tgt().Op("=").Id("out"))
}

// newMap is codec.NewMap[goType](d.keep, d.Recycle, 8): a map for the decoded
// members (the previous event's, cleared, when a Parser reuses its
// storage), or nil when the event is not kept.
func newMap(goType jen.Code) *jen.Statement {
	return jen.Qual(codecPkg, "NewMap").Types(goType).Call(jen.Id("d").Dot("keep"), jen.Id("d").Dot("Recycle"), jen.Lit(8))
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
