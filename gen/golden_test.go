package main

import (
	"bytes"
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// update rewrites the golden files of the small schemas in testdata:
//
//	go test ./gen -run TestGolden -update
//
// Review the diff before committing it: the golden files are the
// generator's output, pinned.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenCases are the small schemas in testdata/<case>/schema.json. Each
// case name is also the package name the case is generated into, here and
// in the end-to-end test.
var goldenCases = []string{
	"scalars",    // required and optional members of each scalar type, named string types, patterns
	"enums",      // current, legacy and variant values, canonical mappings, enums in arrays
	"maps",       // named and inline maps, propertyNames rules
	"arrays",     // minItems/maxItems, nested arrays, arrays of maps, maps of arrays
	"recursion",  // a tagged union (Expression) and a value nested through a list and a map
	"aliases",    // x-aliases with different provenance
	"oneormany",  // x-shape one-or-many, accepted as an array by different profiles
	"timestamps", // the three timestamp layouts, the not-set sentinel, timestamps in arrays and maps
	"rules",      // x-rules maxDuration and absentWhen
}

// generateCase runs the generator on testdata/<name>/schema.json.
func generateCase(t testing.TB, name string) map[string][]byte {
	t.Helper()
	files, err := generate(filepath.Join("testdata", name, "schema.json"), name)
	if err != nil {
		t.Fatalf("generate %s: %v", name, err)
	}
	return files
}

// TestGolden compares every generated file of every small schema (Go files
// and profile schemas) with testdata/<case>/<file>.golden, and checks that
// no golden file is left over from a file the generator no longer writes.
func TestGolden(t *testing.T) {
	for _, name := range goldenCases {
		t.Run(name, func(t *testing.T) {
			files := generateCase(t, name)
			dir := filepath.Join("testdata", name)
			for _, f := range sortedKeys(files) {
				if filepath.Ext(f) != ".go" {
					continue
				}
				if !generatedHeader.Match(files[f]) {
					t.Errorf("%s/%s is not marked // Code generated ... DO NOT EDIT.", name, f)
				}
				if formatted, err := format.Source(files[f]); err != nil || !bytes.Equal(formatted, files[f]) {
					t.Errorf("%s/%s is not gofmt-clean Go (%v)", name, f, err)
				}
			}
			if *update {
				old, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
				for _, f := range old {
					if err := os.Remove(f); err != nil {
						t.Fatal(err)
					}
				}
				for _, f := range sortedKeys(files) {
					if err := os.WriteFile(filepath.Join(dir, f+".golden"), files[f], 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			for _, f := range sortedKeys(files) {
				golden, err := os.ReadFile(filepath.Join(dir, f+".golden"))
				if err != nil {
					t.Errorf("%v (run go test ./gen -run TestGolden -update)", err)
					continue
				}
				if !bytes.Equal(files[f], golden) {
					t.Errorf("%s/%s differs from its golden file (run go test ./gen -run TestGolden -update and review the diff):\n%s", name, f, firstDiff(golden, files[f]))
				}
			}
			goldens, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
			for _, g := range goldens {
				if _, ok := files[strings.TrimSuffix(filepath.Base(g), ".golden")]; !ok {
					t.Errorf("%s: stale golden file: the generator does not write %s", g, strings.TrimSuffix(filepath.Base(g), ".golden"))
				}
			}
		})
	}
}

// TestGenerateDeterministic generates every case twice (and the real
// schema twice): the output must not depend on map order or on state left
// over from an earlier run (the generator keeps its regexp table in a
// package variable).
func TestGenerateDeterministic(t *testing.T) {
	cases := append([]string{}, goldenCases...)
	first := map[string]map[string][]byte{}
	for _, name := range cases {
		first[name] = generateCase(t, name)
	}
	real1, err := generate(realSchema, "contactevents")
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(cases)
	for _, name := range cases {
		again := generateCase(t, name)
		for f, data := range again {
			if !bytes.Equal(data, first[name][f]) {
				t.Errorf("%s/%s: a second run differs:\n%s", name, f, firstDiff(first[name][f], data))
			}
		}
	}
	real2, err := generate(realSchema, "contactevents")
	if err != nil {
		t.Fatal(err)
	}
	for f := range real1 {
		if !bytes.Equal(real1[f], real2[f]) {
			t.Errorf("real schema, %s: a second run differs:\n%s", f, firstDiff(real1[f], real2[f]))
		}
	}
}

// realSchema is the source schema, from the gen directory.
const realSchema = "../schema/contactevents.schema.json"

// firstDiff describes the first line where want and got differ.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g || i >= len(wl) || i >= len(gl) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}
