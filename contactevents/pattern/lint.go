package pattern

import (
	"fmt"
	"slices"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/scan"
)

// FindingKind says what a Finding is about.
type FindingKind string

const (
	// UnknownKey is a key the profile does not know (a misspelling, the
	// data model's PascalCase heading, a spelling the profile refuses):
	// an error under strict, a warning where unknown members are kept.
	UnknownKey FindingKind = "unknown-key"
	// UnknownValue is a value outside an enumeration, or a documented
	// variant the profile refuses ("Voice" under strict): an error where
	// the profile refuses unknown values, a warning where it keeps them.
	UnknownValue FindingKind = "unknown-value"
	// NeverTrue is a condition no event valid under the profile satisfies:
	// an error in every profile.
	NeverTrue FindingKind = "never-true"
	// Spelling is a documented key spelling or value variant that the
	// profile accepts but that only some events use, so that the condition
	// misses the others: a warning.
	Spelling FindingKind = "spelling"
)

// Finding is one problem Lint found in a pattern.
type Finding struct {
	// Pointer is the JSON Pointer of the key or condition in the pattern.
	Pointer  string
	Kind     FindingKind
	Severity contactevents.Severity
	Message  string
}

// String renders the finding for a person: location, severity, message.
func (f Finding) String() string {
	loc := f.Pointer
	if loc == "" {
		loc = "(root)"
	}
	return loc + ": " + f.Severity.String() + ": " + f.Message
}

// Lint checks a compiled pattern against the contact-event schema under a
// profile (contactevents.Strict, Compat or Legacy; "" is Compat) and
// returns its findings in pattern order; none for a sound rule. The error
// is for an unknown profile. The pattern is read as EventBridge applies it:
// to the envelope, whose detail is the contact event.
func Lint(p *Pattern, profile contactevents.Profile) ([]Finding, error) {
	f, err := factsFor(profile)
	if err != nil {
		return nil, err
	}
	return f.lint(p), nil
}

// lint walks the pattern from the envelope (the profile schema's then
// branch: EventBridge matches patterns against the envelope).
func (f *facts) lint(p *Pattern) []Finding {
	l := linter{facts: f}
	l.node(p.root, f.resolve(obj(f.root["then"]), "", nil), true, "")
	return l.out
}

type linter struct {
	*facts
	out []Finding
}

// add records a finding once: the terms of one key in several pattern
// objects ({"detail": ...} beside $or and in a branch) share their node.
func (l *linter) add(ptr string, k FindingKind, sev contactevents.Severity, format string, args ...any) {
	f := Finding{Pointer: ptr, Kind: k, Severity: sev, Message: fmt.Sprintf(format, args...)}
	if !slices.Contains(l.out, f) {
		l.out = append(l.out, f)
	}
}

// node lints the terms of a pattern object against the objects of v;
// present says that every event valid under the profile has this object.
func (l *linter) node(n *node, v view, present bool, path string) {
	for i := range n.terms {
		t := &n.terms[i]
		name := strings.TrimPrefix(path+"."+t.key, ".")
		here := present
		sub, known, isObject := l.member(v, t.key)
		if !known {
			canonical := l.unknownKey(t, v, isObject, name)
			if canonical == "" {
				continue
			}
			// A documented spelling the profile refuses: still check
			// what the pattern asks of it, as of the canonical key.
			sub, _, _ = l.member(v, canonical)
			here = false
		} else {
			l.spelling(t, v)
		}
		req, alts := v.required(t.key)
		if t.child != nil {
			if !slices.ContainsFunc(n.terms[:i], func(u term) bool { return u.child == t.child }) {
				l.node(t.child, sub, here && req && len(alts) == 0, name) // once per node
			}
			continue
		}
		l.leaf(t, sub, name, here && req, alts)
	}
}

// unknownKey reports a key the objects of v do not define, and returns the
// canonical key when it is a documented spelling of one.
func (l *linter) unknownKey(t *term, v view, isObject bool, name string) string {
	if !isObject {
		if len(v) > 0 {
			l.add(t.ptr, NeverTrue, contactevents.SeverityError,
				"%s can never be present: its parent is a %s, not an object", name, v.typeNames())
		}
		return ""
	}
	sp := l.spellings(v)
	if s, ok := sp[t.key]; ok {
		what := "a documented key"
		if s.alias {
			what = fmt.Sprintf("a documented spelling of %q (%s)", s.canonical, strings.Join(s.provenance, ", "))
		}
		l.add(t.ptr, UnknownKey, l.keys, "%s is %s that the %s profile does not accept%s",
			name, what, l.profile, suggest(s.canonical, t.key))
		if _, accepted, _ := l.member(v, s.canonical); accepted {
			return s.canonical
		}
		return ""
	}
	var names []string
	for k, s := range sp {
		if !s.alias {
			names = append(names, k)
		}
	}
	l.add(t.ptr, UnknownKey, l.keys, "unknown key %q in the %s profile%s", t.key, l.profile, suggest(closest(t.key, names), t.key))
	return ""
}

// spelling warns about a key spelled as only some events spell it.
func (l *linter) spelling(t *term, v view) {
	if s, ok := l.spellings(v)[t.key]; ok && s.alias {
		l.add(t.ptr, Spelling, contactevents.SeverityWarning,
			"%q is the spelling of %q that only some events use (%s): the rule misses events that spell it %q; use $or to match both",
			t.key, s.canonical, strings.Join(s.provenance, ", "), s.canonical)
	}
}

// leaf lints each condition of a value list against the schemas of v.
func (l *linter) leaf(t *term, v view, name string, present bool, alts []string) {
	typ, constrained := v.types()
	has := func(k string) bool { return !constrained || typ[k] }
	e := l.enumOf(v)
	for i := range t.leaf.conds {
		c := &t.leaf.conds[i]
		never := func(format string, args ...any) {
			l.add(c.ptr, NeverTrue, contactevents.SeverityError, name+" "+format, args...)
		}
		switch c.kind {
		case kindString:
			if !has("string") {
				never("is a %s: the string %q can never match", v.typeNames(), c.str)
			} else if e != nil {
				l.value(c, e, name, c.str)
			}
		case kindNumber, kindNumeric:
			if !has("number") {
				never("is a %s: a number condition can never match", v.typeNames())
			}
		case kindTrue, kindFalse:
			if !has("boolean") {
				never("is a %s: a boolean can never match", v.typeNames())
			}
		case kindNull:
			if !has("null") {
				never("is a %s, never null", v.typeNames())
			}
		case kindPrefix, kindPrefixFold, kindSuffix, kindSuffixFold, kindEqualsFold, kindWildcard, kindCIDR:
			if !has("string") {
				never("is a %s: a string operator can never match", v.typeNames())
			} else if e != nil && !slices.ContainsFunc(e.accepted, func(s string) bool { return c.matches(value{kind: scan.String, text: s}) }) {
				l.noValue(c, e, name)
			}
		case kindButStrings, kindButPrefix, kindButSuffix, kindButFold, kindButWildcard:
			if e != nil {
				l.excluded(c, e, name)
			}
		case kindExists:
			if constrained && !typ["string"] && !typ["number"] && !typ["boolean"] && !typ["null"] {
				never("is a %s: exists works on leaves, so exists: true can never match", v.typeNames())
			}
		case kindAbsent:
			switch {
			case present && len(alts) == 0:
				never("is in every event valid under the %s profile: exists: false can never match", l.profile)
			case present:
				l.add(c.ptr, Spelling, contactevents.SeverityWarning,
					"every event valid under the %s profile has %s or %s: exists: false matches only events that spell it %s",
					l.profile, name, strings.Join(alts, " or "), strings.Join(alts, " or "))
			}
		}
	}
}

// value lints an exact string against an enumeration.
func (l *linter) value(c *cond, e *enum, name, s string) {
	if slices.Contains(e.accepted, s) {
		if canon := e.variant(s); canon != "" {
			l.add(c.ptr, Spelling, contactevents.SeverityWarning,
				"%q is the samples' spelling of %s %q: the rule misses events that send %q; add %q",
				s, name, canon, canon, canon)
		}
		return
	}
	if e.constant {
		l.add(c.ptr, NeverTrue, contactevents.SeverityError,
			"%s of a contact event is always %q: %q can never match", name, e.accepted[0], s)
		return
	}
	if def, documented := e.srcEnum[s]; documented {
		msg := fmt.Sprintf("%q is a documented %s that the %s profile does not accept", s, def, l.profile)
		if canon := e.variant(s); canon != "" {
			msg += fmt.Sprintf("; events valid under %s send %q", l.profile, canon)
		}
		l.add(c.ptr, UnknownValue, l.values, "%s", msg)
		return
	}
	l.add(c.ptr, UnknownValue, l.values, "%q is not a documented %s value (%s)%s",
		s, name, strings.Join(e.accepted, ", "), suggest(closest(s, e.accepted), s))
}

// noValue reports a string operator that no value of the enumeration
// satisfies.
func (l *linter) noValue(c *cond, e *enum, name string) {
	if e.closed {
		l.add(c.ptr, NeverTrue, contactevents.SeverityError,
			"no value of %s under the %s profile satisfies this condition (%s)", name, l.profile, strings.Join(e.accepted, ", "))
		return
	}
	l.add(c.ptr, UnknownValue, l.values,
		"no documented value of %s satisfies this condition (%s)", name, strings.Join(e.accepted, ", "))
}

// excluded lints anything-but: an excluded value that is documented nowhere
// is likely a misspelling (and excludes nothing); excluding every accepted
// value of a closed enumeration leaves nothing to match.
func (l *linter) excluded(c *cond, e *enum, name string) {
	if c.kind == kindButStrings {
		for _, s := range c.strs {
			if _, documented := e.srcEnum[s]; !documented {
				l.add(c.ptr, UnknownValue, l.values, "anything-but excludes %q, which is not a documented %s value, so it excludes nothing%s",
					s, name, suggest(closest(s, e.accepted), s))
			}
		}
	}
	if e.closed && !slices.ContainsFunc(e.accepted, func(s string) bool { return c.matches(value{kind: scan.String, text: s}) }) {
		l.add(c.ptr, NeverTrue, contactevents.SeverityError,
			"anything-but excludes every value of %s under the %s profile (%s)", name, l.profile, strings.Join(e.accepted, ", "))
	}
}

func suggest(s, given string) string {
	if s == "" || s == given {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", s)
}

// closest returns the candidate nearest to s: the same up to case and
// separators (EventType for eventType, initiation_method), one that extends
// or is extended by s (DISCONNECT for DISCONNECTED), or one at most two
// edits away; "" if none is near.
func closest(s string, candidates []string) string {
	fold := func(x string) string {
		return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(x))
	}
	best, bestDist := "", 3
	for _, c := range candidates {
		if fold(c) == fold(s) {
			return c
		}
		if len(s) >= 4 && (strings.HasPrefix(fold(c), fold(s)) || strings.HasPrefix(fold(s), fold(c))) && bestDist > 1 {
			best, bestDist = c, 1
		}
		if d := distance(fold(s), fold(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, by bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
