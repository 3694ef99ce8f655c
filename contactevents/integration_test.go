package contactevents

import (
	"bytes"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// freshHeader is the Go convention for the first line of a generated
// file.
var freshHeader = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// TestGeneratedFilesAreFresh runs the generator as go generate does (but
// into temporary directories) and compares its output, byte for byte, with
// the committed generated files of this package and the committed profile
// schemas: editing the schema or the generator without regenerating, or
// editing a generated file by hand, fails here. It also checks that every
// generated file is marked as generated and gofmt-clean, and that every
// profile schema compiles as a draft 2020-12 schema with formats asserted.
func TestGeneratedFilesAreFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs the generator with go run")
	}
	out, profiles := t.TempDir(), t.TempDir()
	cmd := exec.CommandContext(t.Context(), "go", "run", "../gen",
		"-schema", "../schema/contactevents.schema.json", "-out", out, "-profiles", profiles)
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ../gen: %v\n%s", err, output)
	}

	generated := compareGenerated(t, out, ".", "*_gen.go")
	if len(generated) == 0 {
		t.Fatal("the generator wrote no Go file")
	}
	for _, name := range generated {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(data), "\n")
		if !freshHeader.MatchString(first) {
			t.Errorf("%s: first line %q is not // Code generated ... DO NOT EDIT.", name, first)
		}
		formatted, err := format.Source(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if !bytes.Equal(formatted, data) {
			t.Errorf("%s is not gofmt-clean", name)
		}
	}

	schemas := compareGenerated(t, profiles, filepath.Join("..", "schema", "profiles"), "*.schema.json")
	if want := []string{"compat.schema.json", "legacy.schema.json", "strict.schema.json"}; !slices.Equal(schemas, want) {
		t.Errorf("profile schemas %q, want %q", schemas, want)
	}
	for _, name := range schemas {
		data, err := os.ReadFile(filepath.Join(profiles, name))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		c.AssertFormat = true
		url := "mem:///" + name
		if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, err := c.Compile(url); err != nil {
			t.Errorf("%s does not compile: %v", name, err)
		}
	}
}

// compareGenerated compares every file the generator wrote into got with the
// committed file of the same name in committed, and reports committed
// files matching pattern that the generator no longer writes. It returns
// the names of the generated files, sorted.
func compareGenerated(t *testing.T, got, committed, pattern string) []string {
	t.Helper()
	entries, err := os.ReadDir(got)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		fresh, err := os.ReadFile(filepath.Join(got, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		old, err := os.ReadFile(filepath.Join(committed, e.Name()))
		if err != nil {
			t.Errorf("%v: the generator writes it, but it is not committed (run go generate ./...)", err)
			continue
		}
		if !bytes.Equal(fresh, old) {
			t.Errorf("%s is stale: %s (run go generate ./... and commit the result)", filepath.Join(committed, e.Name()), firstDifferentLine(old, fresh))
		}
	}
	slices.Sort(names)
	stale, _ := filepath.Glob(filepath.Join(committed, pattern))
	for _, s := range stale {
		if !slices.Contains(names, filepath.Base(s)) {
			t.Errorf("%s is not written by the generator any more: remove it", s)
		}
	}
	return names
}

// firstDifferentLine describes the first line where the committed and the
// freshly generated text differ.
func firstDifferentLine(committed, fresh []byte) string {
	c, f := strings.Split(string(committed), "\n"), strings.Split(string(fresh), "\n")
	for i := 0; i < len(c) || i < len(f); i++ {
		var cl, fl string
		if i < len(c) {
			cl = c[i]
		}
		if i < len(f) {
			fl = f[i]
		}
		if cl != fl || i >= len(c) || i >= len(f) {
			return "line " + strconv.Itoa(i+1) + " is\n\t" + cl + "\nbut the generator writes\n\t" + fl
		}
	}
	return "they differ"
}
