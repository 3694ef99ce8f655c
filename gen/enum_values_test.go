package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusesEnumValuesThatCollide: go generate on a schema whose Channel
// enum lists EMAIL twice (with its x-enum entry), or lists two values that
// map to one Go constant, used to write an enums_gen.go that does not
// compile (ChannelEmail redeclared, duplicate case). The generator refuses
// both, naming the places in the schema, and writes nothing.
func TestRefusesEnumValuesThatCollide(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "schema", "contactevents.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	const enum = `"enum": ["VOICE", "CHAT", "TASK", "Voice", "EMAIL"],`
	const email = `"EMAIL": { "provenance": ["latest"],`
	for _, c := range []struct {
		name     string
		old, new []string // replacements in the schema, in pairs
		want     string
	}{
		{"same value",
			[]string{enum}, []string{`"enum": ["VOICE", "CHAT", "TASK", "Voice", "EMAIL", "EMAIL"],`},
			`$defs/Channel: enum/5: value "EMAIL" is listed twice (first at enum/4)`},
		{"same Go name", // "Email" with no x-go-name is ChannelEmail, as EMAIL is
			[]string{enum, email}, []string{`"enum": ["VOICE", "CHAT", "TASK", "Voice", "EMAIL", "Email"],`, `"Email": { "provenance": ["latest"], "description": "x" }, ` + email},
			`$defs/Channel: enum/5: value "Email" and enum/4 "EMAIL" are both the Go constant ChannelEmail; give one an x-go-name in x-enum`},
	} {
		t.Run(c.name, func(t *testing.T) {
			schema := string(src)
			for i, old := range c.old {
				if !strings.Contains(schema, old) {
					t.Fatalf("%q is not in the schema", old)
				}
				schema = strings.Replace(schema, old, c.new[i], 1)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "schema.json")
			if err := os.WriteFile(path, []byte(schema), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			err := run(path, out, filepath.Join(dir, "profiles"), "contactevents")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("run: %v, want %q", err, c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the generator wrote %s: %v", out, err)
			}
		})
	}
}
