package main

import (
	"fmt"
	"regexp/syntax"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// patternVar names the matcher of a pattern (declared by emitPatterns).
func (m *model) patternVar(p string) *jen.Statement {
	if m.patterns == nil {
		m.patterns = map[string]string{}
	}
	if _, ok := m.patterns[p]; !ok {
		m.patterns[p] = fmt.Sprintf("pattern%d", len(m.patterns)+1)
	}
	return jen.Id(m.patterns[p])
}

// emitPatterns declares a matcher for each pattern the decoders check: a
// table of bytes (codec.ByteClass) for a pattern that is one class of
// ASCII characters repeated, ^[...]+$ or ^[...]*$, which a regexp checks
// about ten times slower; a compiled regexp for any other.
func (m *model) emitPatterns(f *jen.File) {
	for _, p := range sortedKeys(m.patterns) {
		if ranges, empty, ok := asciiClass(p); ok {
			f.Commentf("%s is the schema pattern %s: one class of ASCII bytes.", m.patterns[p], p)
			f.Var().Id(m.patterns[p]).Op("=").Qual(codecPkg, "NewByteClass").Call(jen.Lit(ranges), jen.Lit(empty))
			continue
		}
		f.Commentf("%s is the schema pattern %s.", m.patterns[p], p)
		f.Var().Id(m.patterns[p]).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(p))
	}
}

// asciiClass reports whether pattern p, read as Go's regexp reads it (whose
// ^ and $ are the text's start and end, as in ECMA-262 without the m flag),
// matches exactly the strings of bytes in one class of ASCII characters:
// ^[class]+$ (empty false) or ^[class]*$ (empty true). ranges lists the
// class as pairs of bytes, each an inclusive range (codec.NewByteClass).
func asciiClass(p string) (ranges string, empty, ok bool) {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return "", false, false
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) != 3 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[2].Op != syntax.OpEndText {
		return "", false, false
	}
	rep := re.Sub[1]
	switch {
	case rep.Op == syntax.OpPlus:
	case rep.Op == syntax.OpStar:
		empty = true
	default:
		return "", false, false
	}
	class := rep.Sub[0]
	if class.Op != syntax.OpCharClass || class.Flags&syntax.FoldCase != 0 {
		return "", false, false
	}
	b := make([]byte, 0, len(class.Rune))
	for _, r := range class.Rune {
		if r >= utf8.RuneSelf {
			return "", false, false
		}
		b = append(b, byte(r))
	}
	return string(b), empty, true
}
