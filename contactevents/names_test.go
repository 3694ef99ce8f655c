package contactevents

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/internal/naming"
)

// TestExportedNamesSpellInitialisms parses every Go file of this package
// and its subpackages, generated and hand-written, tests included, and
// fails on an exported identifier (type, function, method, constant,
// variable, struct field or interface method) that spells an initialism of
// internal/naming's table the wrong way: InitiationMethodApi for
// InitiationMethodAPI, QueueArn for QueueARN. The generator derives every
// name from the same table, so this fails when a hand-written name or an
// x-go-name in the schema goes against it.
func TestExportedNamesSpellInitialisms(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if path != "." && (e.Name() == "testdata" || strings.HasPrefix(e.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if filepath.Ext(path) != ".go" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, id := range exportedIdents(f) {
			checked++
			if bad := naming.Miscased(id.Name); bad != nil {
				t.Errorf("%s: %s spells %s; Go spells it %s", fset.Position(id.Pos()), id.Name, strings.Join(bad, ", "), naming.Ident(id.Name))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("checked %d exported identifiers; the walk missed the package", checked)
	}
}

// exportedIdents returns the exported identifiers that f declares.
func exportedIdents(f *ast.File) []*ast.Ident {
	var out []*ast.Ident
	add := func(id *ast.Ident) {
		if id != nil && id.IsExported() {
			out = append(out, id)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			add(n.Name)
		case *ast.TypeSpec:
			add(n.Name)
		case *ast.ValueSpec:
			for _, id := range n.Names {
				add(id)
			}
		case *ast.Field: // struct fields, interface methods
			for _, id := range n.Names {
				add(id)
			}
		}
		return true
	})
	return out
}
