package samples

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/connectevents/sdk-go/contactevents"
)

func TestLoadRejectsCorruptCorpus(t *testing.T) {
	good := func() fstest.MapFS {
		return fstest.MapFS{
			"c/01-older-x/sample.json":   {Data: []byte(`{"name": "01-older-x", "kind": "event"}`)},
			"c/01-older-x/verbatim.json": {Data: []byte(`{}`)},
			"c/01-older-x/repaired.json": {Data: []byte(`{}`)},
			"c/README.md":                {Data: []byte("# corpus\n")},
		}
	}
	if s, err := load(good(), "c"); err != nil || len(s) != 1 || string(s[0].Repaired) != "{}" {
		t.Fatalf("load(good) = %v, %v", s, err)
	}
	sample := func(m fstest.MapFS, text string) { m["c/01-older-x/sample.json"] = &fstest.MapFile{Data: []byte(text)} }
	cases := map[string]func(fstest.MapFS){
		"no root":           func(m fstest.MapFS) { clear(m) },
		"no samples":        func(m fstest.MapFS) { clear(m); m["c/README.md"] = &fstest.MapFile{} },
		"no sample.json":    func(m fstest.MapFS) { delete(m, "c/01-older-x/sample.json") },
		"no verbatim.json":  func(m fstest.MapFS) { delete(m, "c/01-older-x/verbatim.json") },
		"no repaired.json":  func(m fstest.MapFS) { delete(m, "c/01-older-x/repaired.json") },
		"bad sample.json":   func(m fstest.MapFS) { sample(m, `{"name": `) },
		"unknown field":     func(m fstest.MapFS) { sample(m, `{"name": "01-older-x", "nmae": 1}`) },
		"name is not dir":   func(m fstest.MapFS) { sample(m, `{"name": "02-older-x"}`) },
		"defect not object": func(m fstest.MapFS) { sample(m, `{"name": "01-older-x", "syntaxDefects": [1]}`) },
	}
	for name, corrupt := range cases {
		m := good()
		corrupt(m)
		if _, err := load(m, "c"); err == nil {
			t.Errorf("%s: load succeeds", name)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: mustLoad does not panic", name)
				}
			}()
			mustLoad(m, "c")
		}()
	}
}

// TestCopies checks that callers get copies: changing a returned sample changes no later result.
func TestCopies(t *testing.T) {
	first := All()
	first[0].Repaired[0] = 'X'
	first[0].SyntaxDefects = append(first[0].SyntaxDefects[:0], Defect{Kind: "changed"})
	again, _ := Lookup(first[0].Name)
	if again.Repaired[0] == 'X' || (len(again.SyntaxDefects) > 0 && again.SyntaxDefects[0].Kind == "changed") {
		t.Fatal("a change to a returned sample reached the corpus")
	}
	if ev := Events(); len(ev) != 8 || ev[0].Kind != KindEvent {
		t.Fatalf("Events() = %d samples, want the 8 contact events", len(ev))
	}
	if !bytes.HasPrefix(README(), []byte("#")) {
		t.Fatal("README() is not the corpus README")
	}
}

// TestLookupByPrefix: Lookup finds a sample by a unique prefix of its name,
// as `contactevents samples 04` does; it was false for "04".
func TestLookupByPrefix(t *testing.T) {
	s, ok := Lookup("04")
	if !ok || s.Name != "04-current-disconnected" || s.EventType != contactevents.EventTypeDisconnected {
		t.Errorf(`Lookup("04") = %q (%s), %v`, s.Name, s.EventType, ok)
	}
	if s, ok := Lookup("04-current-disconnected"); !ok || s.Name != "04-current-disconnected" {
		t.Errorf("Lookup by the whole name = %q, %v", s.Name, ok)
	}
	for _, name := range []string{"0", "", "99", "current"} {
		if s, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) = %q, want none (no sample, or more than one)", name, s.Name)
		}
	}
}
