package main

import (
	"cmp"
	"slices"
	"strconv"
)

// The default bounds of the problem lines of a text run, in all and per
// event: a dump of events that all share one mistake (10,000 PascalCase
// events under strict) would otherwise print a line per key per event. The
// grouped summary counts what was left out.
const (
	defaultMaxIssues      = 100
	defaultMaxEventIssues = 20
)

// issueKinds counts a run's problems by kind (severity and schema rule),
// each with the line of its first occurrence, and decides which lines are
// printed: at most perEvent per event and max in all (0: no limit).
type issueKinds struct {
	max      int
	perEvent int
	shown    int // problem lines printed
	omitted  int // problem lines left out
	kinds    map[issueKindKey]*issueKind
}

// issueKindKey tells the kinds apart (without a string made per problem).
type issueKindKey struct {
	warning bool
	keyword string // the rule's JSON Pointer, or what the problem is when it has none
}

type issueKind struct {
	key     string // severity and rule, the order of kinds of equal count
	warning bool
	keyword string // the rule's JSON Pointer, or what the problem is when it has none
	count   int
	example string // the first occurrence, as printed; set by the caller of add
}

// add counts problem p of an item (whose n-th problem it is, from 0) and
// reports its kind and whether to print it. A new kind's example is empty:
// the caller renders the problem and sets it, printed or not.
func (k *issueKinds) add(p *problem, n int) (kind *issueKind, show bool) {
	ik := issueKindKey{p.warning, p.keyword}
	if ik.keyword == "" {
		ik.keyword = "(" + kindOf(p) + ")"
	}
	if k.kinds == nil {
		k.kinds = map[issueKindKey]*issueKind{}
	}
	kind = k.kinds[ik]
	if kind == nil {
		kind = &issueKind{key: ik.keyword, warning: p.warning, keyword: ik.keyword}
		if p.warning {
			kind.key = "warning " + ik.keyword
		}
		k.kinds[ik] = kind
	}
	kind.count++
	if k.max > 0 && k.shown >= k.max || k.perEvent > 0 && n >= k.perEvent {
		k.omitted++
		return kind, false
	}
	k.shown++
	return kind, true
}

// kindOf names a problem that has no schema rule.
func kindOf(p *problem) string {
	if p.syntax {
		return "syntax error"
	}
	return "not an event"
}

// appendSummary appends, when lines were left out, how many and the kinds
// of all the run's problems, most frequent first, each with its count and
// its first occurrence:
//
//	1200 more problems not shown (--max-issues 100, --max-event-issues 20; 0 shows all); by kind:
//	  1100 errors /$defs/ContactEvent/additionalProperties, first: events.ndjson:1:35: ...
func (k *issueKinds) appendSummary(b []byte) []byte {
	if k.omitted == 0 {
		return b
	}
	b = strconv.AppendInt(b, int64(k.omitted), 10)
	b = append(b, plural(k.omitted, " more problem", " more problems")...)
	b = append(b, " not shown (--max-issues "...)
	b = strconv.AppendInt(b, int64(k.max), 10)
	b = append(b, ", --max-event-issues "...)
	b = strconv.AppendInt(b, int64(k.perEvent), 10)
	b = append(b, "; 0 shows all); by kind:\n"...)
	kinds := make([]*issueKind, 0, len(k.kinds))
	for _, kind := range k.kinds {
		kinds = append(kinds, kind)
	}
	slices.SortFunc(kinds, func(a, b *issueKind) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.key, b.key))
	})
	for _, kind := range kinds {
		b = append(b, "  "...)
		b = strconv.AppendInt(b, int64(kind.count), 10)
		if kind.warning {
			b = append(b, plural(kind.count, " warning ", " warnings ")...)
		} else {
			b = append(b, plural(kind.count, " error ", " errors ")...)
		}
		b = append(b, kind.keyword...)
		b = append(b, ", first: "...)
		b = append(b, kind.example...)
		b = append(b, '\n')
	}
	return b
}
