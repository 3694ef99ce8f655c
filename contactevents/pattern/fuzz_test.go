package pattern

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/connectevents/sdk-go/contactevents"
)

// The seeds (the User Guide table and the invalid patterns) run in every
// go test; a longer run:
//
//	go test -run '^$' -fuzz FuzzCompile -fuzztime 5m ./contactevents/pattern
//	go test -run '^$' -fuzz FuzzMatch -fuzztime 5m ./contactevents/pattern

// FuzzCompile: any input compiles or fails with an *Error, without a panic
// or a hang, and a compiled pattern matches events and lints under every
// profile without either. testdata/fuzz/FuzzCompile keeps the inputs that
// once panicked (a wildcard ending in a backslash).
func FuzzCompile(f *testing.F) {
	for _, c := range userGuide {
		f.Add([]byte(c.pattern))
	}
	for _, c := range invalidPatterns {
		f.Add([]byte(c.pattern))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Compile(data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Compile error %T, want *Error: %v", err, err)
			}
			return
		}
		for _, c := range userGuide[:8] {
			p.Match([]byte(c.event))
		}
		p.Match(data)
		for _, prof := range contactevents.Profile("").Values() {
			if _, err := Lint(p, prof); err != nil {
				t.Fatalf("Lint(%s): %v", prof, err)
			}
		}
	})
}

// FuzzMatch: compile-then-match agrees with the reference evaluator on every
// well-formed event (normalized through encoding/json, which also removes
// duplicate keys, whose meaning JSON leaves open).
func FuzzMatch(f *testing.F) {
	for _, c := range userGuide {
		f.Add([]byte(c.pattern), []byte(c.event))
	}
	f.Fuzz(func(t *testing.T, pat, event []byte) {
		p, err := Compile(pat)
		if err != nil {
			return
		}
		ev, err := decode(event)
		if err != nil {
			p.Match(event) // must not panic on malformed input
			return
		}
		if _, isObject := ev.(map[string]any); isObject && json.Valid(event) && utf8.Valid(event) {
			// The reader accepts every well-formed event as written
			// (json.Valid lets invalid UTF-8 through; JSON text is UTF-8).
			if _, err := p.Match(event); err != nil && !strings.Contains(err.Error(), "nesting depth exceeds") {
				t.Fatalf("Match(%q): %v", event, err)
			}
		}
		normal, err := json.Marshal(ev)
		if err != nil {
			return
		}
		pv, err := decode(pat)
		if err != nil {
			t.Fatalf("Compile accepted %q, encoding/json refuses it: %v", pat, err)
		}
		got, err := p.Match(normal)
		if err != nil {
			if strings.Contains(err.Error(), "nesting depth exceeds") {
				return // nesting over maxDepth: refused, as it should be
			}
			if _, isObject := ev.(map[string]any); isObject {
				t.Fatalf("Match(%s): %v", normal, err)
			}
		}
		if orOverrides(pv) {
			return // the reference reads decoded maps, without key order
		}
		if bytes.Contains(pat, []byte(".")) && bytes.Contains(normal, []byte(".")) {
			return // maybe a dotted key, which the reference reads literally
		}
		if want := refMatch(pv, ev); got != want {
			t.Fatalf("Match = %v, reference = %v\npattern %s\nevent   %s", got, want, pat, normal)
		}
	})
}

// orOverrides reports whether a decoded pattern names a field path both in
// an object holding $or and inside one of its branches, where the later one
// overrides the earlier (override.go): a verdict that depends on key order.
func orOverrides(pattern any) bool {
	obj, ok := pattern.(map[string]any)
	if !ok {
		return false
	}
	if branches, ok := obj["$or"].([]any); ok {
		own := map[string]bool{}
		for k, v := range obj {
			if k != "$or" {
				for _, p := range leafPaths(map[string]any{k: v}) {
					own[p] = true
				}
			}
		}
		for _, b := range branches {
			for _, p := range leafPaths(b) {
				if own[p] {
					return true
				}
			}
		}
	}
	for _, v := range obj {
		if vs, ok := v.([]any); ok {
			for _, b := range vs {
				if orOverrides(b) {
					return true
				}
			}
		} else if orOverrides(v) {
			return true
		}
	}
	return false
}

// leafPaths returns the paths of the leaf fields a decoded pattern object
// names, itself and in its $or branches.
func leafPaths(pattern any) []string {
	obj, _ := pattern.(map[string]any)
	var out []string
	for k, v := range obj {
		switch v := v.(type) {
		case []any:
			if k != "$or" {
				out = append(out, k)
				continue
			}
			for _, b := range v {
				out = append(out, leafPaths(b)...)
			}
		case map[string]any:
			for _, p := range leafPaths(v) {
				out = append(out, k+"\x00"+p)
			}
		}
	}
	return out
}

// FuzzRuleSet: a RuleSet of the pattern and the User Guide's agrees with
// each pattern matched alone, on well-formed events without duplicate keys
// (normalized through encoding/json, as FuzzMatch does).
func FuzzRuleSet(f *testing.F) {
	for _, c := range userGuide {
		f.Add([]byte(c.pattern), []byte(c.event))
	}
	f.Fuzz(func(t *testing.T, pat, event []byte) {
		p, err := Compile(pat)
		if err != nil {
			return
		}
		rules := []Rule{{Name: "fuzz", Pattern: p}}
		for i, c := range userGuide[:12] {
			rules = append(rules, Rule{Name: strconv.Itoa(i), Pattern: MustCompile(c.pattern)})
		}
		var s RuleSet
		s.Add(rules...)
		s.Match(event, nil) // must not panic on any input
		ev, err := decode(event)
		if err != nil {
			return
		}
		normal, err := json.Marshal(ev)
		if err != nil {
			return
		}
		got, err := s.Match(normal, nil)
		if err != nil {
			return // nesting over maxDepth, or not an object
		}
		var want []string
		for _, r := range s.Rules() {
			if ok, _ := r.Pattern.Match(normal); ok {
				want = append(want, r.Name)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("RuleSet.Match = %v, each pattern alone = %v\npattern %s\nevent   %s", got, want, pat, normal)
		}
	})
}
