package contactevents_test

import (
	"flag"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata (testdata/api/*.txt)")

// publicPackages are the module's packages that users import, each with its
// listing in testdata/api.
var publicPackages = []string{
	"github.com/connectevents/sdk-go/contactevents",
	"github.com/connectevents/sdk-go/contactevents/contacteventstest",
	"github.com/connectevents/sdk-go/contactevents/contacts",
	"github.com/connectevents/sdk-go/contactevents/export",
	"github.com/connectevents/sdk-go/contactevents/pattern",
	"github.com/connectevents/sdk-go/contactevents/samples",
	"github.com/connectevents/sdk-go/schema",
}

// TestAPI compares the exported API of every public package with its
// checked-in listing (testdata/api/<package>.txt, one feature per line, as
// Go keeps api/go1.*.txt), so that a change to the API is deliberate and
// shows in review: a removed or changed line breaks users' code, an added
// one is new API. After a deliberate change:
//
//	go test ./contactevents -run TestAPI -update
//
// and review the diff of testdata/api.
func TestAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: type-checking every public package from source")
	}
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	for _, path := range publicPackages {
		pkg, err := imp.Import(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		got := strings.Join(apiFeatures(pkg), "\n") + "\n"
		file := filepath.Join("testdata", "api", strings.ReplaceAll(strings.TrimPrefix(path, "github.com/connectevents/sdk-go/"), "/", "_")+".txt")
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -run TestAPI -update)", err)
		}
		if removed, added := lineDiff(string(want), got); len(removed)+len(added) > 0 {
			t.Errorf("the exported API of %s differs from %s (if deliberate: go test -run TestAPI -update, and review the diff):\n-%s\n+%s",
				path, file, strings.Join(removed, "\n-"), strings.Join(added, "\n+"))
		}
	}
}

// TestAPIListsEveryPublicPackage keeps publicPackages complete: every
// folder of the module with non-test Go files, but for internal/, cmd/,
// gen/ (the generator), conformance/ (tests and nested modules) and
// testdata, is a package users can import, so its API is listed.
func TestAPIListsEveryPublicPackage(t *testing.T) {
	root := ".."
	var found []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch base := d.Name(); {
		case rel == "internal", rel == "cmd", rel == "gen", rel == "conformance", base == "testdata", rel != "." && strings.HasPrefix(base, "."):
			return filepath.SkipDir
		}
		files, _ := filepath.Glob(filepath.Join(path, "*.go"))
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") && filepath.Base(f) != "tools.go" {
				found = append(found, strings.TrimSuffix("github.com/connectevents/sdk-go/"+filepath.ToSlash(rel), "/."))
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range found {
		if !slices.Contains(publicPackages, p) {
			t.Errorf("%s is a public package without an API listing: add it to publicPackages and run go test -run TestAPI -update", p)
		}
	}
}

// lineDiff returns the lines only in want and those only in got.
func lineDiff(want, got string) (removed, added []string) {
	w, g := strings.Split(strings.TrimSpace(want), "\n"), strings.Split(strings.TrimSpace(got), "\n")
	for _, l := range w {
		if !slices.Contains(g, l) {
			removed = append(removed, l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			added = append(added, l)
		}
	}
	return removed, added
}

// apiFeatures lists the exported API of pkg, sorted, one line per feature,
// in the spirit of Go's api/*.txt: "pkg P, func F(T) U", "pkg P, type T
// struct, F U", "pkg P, method (*T) M() U", "pkg P, const C = V". Parameter
// names are left out: renaming one breaks no caller.
func apiFeatures(pkg *types.Package) []string {
	qual := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
	typ := func(t types.Type) string { return types.TypeString(t, qual) }
	prefix := "pkg " + pkg.Name() + ", "
	var out []string
	add := func(format string, args ...any) { out = append(out, prefix+fmt.Sprintf(format, args...)) }
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch o := obj.(type) {
		case *types.Const:
			add("const %s %s", name, typ(o.Type()))
			add("const %s = %s", name, o.Val().ExactString())
		case *types.Var:
			add("var %s %s", name, typ(o.Type()))
		case *types.Func:
			add("func %s%s", name, signature(o.Type().(*types.Signature), typ))
		case *types.TypeName:
			if o.IsAlias() {
				add("type %s = %s", name, typ(types.Unalias(o.Type())))
				continue
			}
			named := o.Type().(*types.Named)
			decl := name + typeParams(named.TypeParams(), typ)
			switch u := named.Underlying().(type) {
			case *types.Struct:
				add("type %s struct", decl)
				for i := range u.NumFields() {
					f := u.Field(i)
					switch {
					case f.Embedded():
						add("type %s struct, embedded %s", decl, typ(f.Type()))
					case f.Exported():
						add("type %s struct, %s %s", decl, f.Name(), typ(f.Type()))
					}
				}
			case *types.Interface:
				add("type %s interface", decl)
				for i := range u.NumMethods() {
					if m := u.Method(i); m.Exported() {
						add("type %s interface, %s%s", decl, m.Name(), signature(m.Type().(*types.Signature), typ))
					}
				}
			default:
				add("type %s %s", decl, typ(u))
			}
			for i := range named.NumMethods() {
				m := named.Method(i)
				if !m.Exported() {
					continue
				}
				sig := m.Type().(*types.Signature)
				recv := name
				if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
					recv = "*" + name
				}
				add("method (%s) %s%s", recv, m.Name(), signature(sig, typ))
			}
		}
	}
	slices.Sort(out)
	return out
}

// signature formats a function's type parameters, parameters and results
// by type alone.
func signature(sig *types.Signature, typ func(types.Type) string) string {
	tuple := func(t *types.Tuple, variadic bool) string {
		parts := make([]string, t.Len())
		for i := range t.Len() {
			parts[i] = typ(t.At(i).Type())
			if variadic && i == t.Len()-1 {
				parts[i] = "..." + typ(t.At(i).Type().(*types.Slice).Elem())
			}
		}
		return strings.Join(parts, ", ")
	}
	s := typeParams(sig.TypeParams(), typ) + "(" + tuple(sig.Params(), sig.Variadic()) + ")"
	switch r := sig.Results(); r.Len() {
	case 0:
	case 1:
		s += " " + tuple(r, false)
	default:
		s += " (" + tuple(r, false) + ")"
	}
	return s
}

func typeParams(tp *types.TypeParamList, typ func(types.Type) string) string {
	if tp.Len() == 0 {
		return ""
	}
	parts := make([]string, tp.Len())
	for i := range tp.Len() {
		parts[i] = tp.At(i).Obj().Name() + " " + typ(tp.At(i).Constraint())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
