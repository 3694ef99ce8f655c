package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The end-to-end test generates a Go package from each small schema in
// testdata, inside the module (internal/ can only be imported from within
// its module tree) in a temporary module (tempPackageRoot), at <case>, with the runtime files
// of contactevents that generated code calls (timestamp.go, unknown.go), a
// tiny parse helper (testdata/e2e/parse.go.tmpl) and a test
// (testdata/e2e/documents_test.go.tmpl, plus testdata/<case>/api_test.go.tmpl
// when there is one), and runs go vet and go test on all of them at once.
//
// The test in each package decodes every document of
// testdata/<case>/documents.json under each profile and compares the issues
// with the expected ones; here, in process, the same documents are validated
// against the derived profile schemas with a JSON Schema validator, which
// must find the same errors: the generated decoders and the derived
// profiles agree.

// runtimeFiles are the hand-written files of contactevents that generated
// code needs: timestampOf, Timestamp (appendJSON, IsZero, IsSet, Time),
// UnknownMember.
var runtimeFiles = []string{"timestamp.go", "unknown.go"}

// TestEndToEnd generates, vets and tests a package per small schema.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the end-to-end test runs go vet and go test")
	}
	t.Parallel()
	root := tempPackageRoot(t)
	var pkgs []string
	for _, name := range goldenCases {
		dir := filepath.Join("testdata", name)
		m, files := writeCasePackage(t, filepath.Join(root, name), name, dir)
		t.Run("profile-schemas/"+name, func(t *testing.T) {
			checkAgainstProfileSchemas(t, m, files, readDocuments(t, filepath.Join(dir, "documents.json")))
		})
		pkgs = append(pkgs, "./"+name)
	}
	vetAndTest(t, root, pkgs)
}

// vetAndTest runs go vet, then go test, on the packages of the module root
// (tempPackageRoot), each once for all of them (the go command builds them
// in parallel).
func vetAndTest(t *testing.T, root string, pkgs []string) {
	t.Helper()
	start := time.Now()
	goTool(t, root, append([]string{"vet"}, pkgs...)...)
	vetted := time.Now()
	// go vet has run every check: go test need not repeat its subset.
	out := goTool(t, root, append([]string{"test", "-count=1", "-vet=off"}, pkgs...)...)
	if n := strings.Count(out, "ok  \t"); n != len(pkgs) || strings.Contains(out, "[no test files]") {
		t.Errorf("go test ran %d of %d packages:\n%s", n, len(pkgs), out)
	}
	t.Logf("go vet %v, go test %v (%d packages)", vetted.Sub(start).Round(time.Millisecond), time.Since(vetted).Round(time.Millisecond), len(pkgs))
}

// writeCasePackage generates the package pkg from caseDir/schema.json into
// dir, with the runtime files it needs, the parse helper, the documents
// test and its documents (caseDir/documents.json), and
// caseDir/api_test.go.tmpl when there is one. It returns the generator's
// model of the schema and every generated file (profile schemas too).
func writeCasePackage(t *testing.T, dir, pkg, caseDir string) (*model, map[string][]byte) {
	t.Helper()
	schema := filepath.Join(caseDir, "schema.json")
	files, err := generate(schema, pkg)
	if err != nil {
		t.Fatalf("generate %s: %v", schema, err)
	}
	m := loadModel(t, schema)
	writeGenerated(t, dir, files)
	copyRuntime(t, dir, pkg, runtimeFiles)
	data := templateData{Package: pkg, Then: m.rootThen.goName, Else: m.rootElse.goName}
	renderTemplate(t, filepath.Join("testdata", "e2e", "parse.go.tmpl"), filepath.Join(dir, "parse.go"), data)
	renderTemplate(t, filepath.Join("testdata", "e2e", "documents_test.go.tmpl"), filepath.Join(dir, "documents_test.go"), data)
	if api := filepath.Join(caseDir, "api_test.go.tmpl"); exists(api) {
		renderTemplate(t, api, filepath.Join(dir, "api_test.go"), data)
	}
	copyFile(t, filepath.Join(caseDir, "documents.json"), filepath.Join(dir, "documents.json"))
	return m, files
}

// document is one entry of testdata/<case>/documents.json (see
// testdata/e2e/documents_test.go.tmpl).
type document struct {
	Name      string
	Doc       json.RawMessage
	Issues    map[string][]string
	Canonical map[string]json.RawMessage
	// SchemaSkip says, per profile ("*": every profile), why the profile
	// schema cannot judge the document as the SDK does: duplicate keys (a
	// JSON Schema validator sees only one of them), or a known generator
	// bug ("generator bug: ...", reproduced by TestGeneratorBugs).
	SchemaSkip map[string]string
}

func readDocuments(t *testing.T, path string) []document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var docs []document
	if err := json.Unmarshal(data, &docs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return docs
}

// sdkOnlyKeyword matches the keyword locations of the checks that JSON
// Schema cannot express: the schema's x-rules, duplicate keys, integers
// beyond 64 bits.
var sdkOnlyKeyword = regexp.MustCompile(`/x-rules/|/x-unique-keys$|/x-int64$`)

// checkAgainstProfileSchemas validates every document against each derived
// profile schema (draft 2020-12, formats asserted) and compares the
// keywords that fail with the errors the documents expect from the SDK:
// the same documents are valid, for the same reasons.
func checkAgainstProfileSchemas(t *testing.T, m *model, files map[string][]byte, docs []document) {
	schemas := map[string]*jsonschema.Schema{}
	for _, p := range m.profiles {
		schemas[p.name] = compileProfile(t, p.name, files[p.name+".schema.json"])
	}
	for _, doc := range docs {
		for _, p := range m.profiles {
			if doc.SchemaSkip[p.name] != "" || doc.SchemaSkip["*"] != "" {
				continue
			}
			want := map[string]bool{}
			for _, is := range doc.Issues[p.name] {
				f := strings.Fields(is)
				if len(f) < 2 {
					t.Fatalf("%s: issue %q is not \"severity keyword instance\"", doc.Name, is)
				}
				if f[0] == "error" && !sdkOnlyKeyword.MatchString(f[1]) {
					want[f[1]] = true
				}
				if kw := respelledRequired(m, p, f, doc.Doc); kw != "" {
					want[kw] = true
				}
			}
			got := map[string]bool{}
			for _, k := range schemaErrors(t, schemas[p.name], doc.Doc) {
				got[canonicalKeyword(m, k)] = true
			}
			if g, w := sortedKeys(got), sortedKeys(want); !slices.Equal(g, w) {
				t.Errorf("%s, %s profile: the profile schema fails at\n%q\nbut the SDK's errors are at\n%q", doc.Name, p.name, g, w)
			}
		}
	}
}

// respelledRequired returns the keyword of the required property that the
// SDK's issue f (severity, keyword, instance) names by a rejected spelling
// ("error /$defs/Record/additionalProperties /ContactId" under strict), or
// "" (also when the object has the property in its own spelling). The SDK
// reports that mistake once, as the spelling; the profile schema also fails
// the object's required keyword (a deliberate difference, see
// TestRejectedSpellingIsOneIssue in contactevents).
func respelledRequired(m *model, pr *profile, f []string, doc json.RawMessage) string {
	def, ok := strings.CutSuffix(f[1], "/additionalProperties")
	if f[0] != "error" || !ok || len(f) < 3 {
		return ""
	}
	df := m.byName[strings.TrimPrefix(def, "/$defs/")]
	if df == nil {
		return ""
	}
	cut := strings.LastIndex(f[2], "/")
	key := f[2][cut+1:]
	var v any
	if json.Unmarshal(doc, &v) != nil {
		return ""
	}
	for _, tok := range strings.Split(f[2][:cut], "/")[1:] {
		o, _ := v.(map[string]any)
		v = o[tok]
	}
	object, _ := v.(map[string]any)
	for _, p := range df.props {
		if _, given := object[p.name]; p.required && !given && p.name != key && strings.EqualFold(p.name, key) {
			return m.requiredKeyword(df, p, pr)
		}
	}
	return ""
}

// compileProfile compiles a derived profile schema as any draft 2020-12
// validator would.
func compileProfile(t *testing.T, name string, data []byte) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	url := "mem:///" + name + ".schema.json"
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		t.Fatalf("%s profile: %v", name, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s profile does not compile: %v", name, err)
	}
	return s
}

// schemaErrors validates doc and returns the absolute keyword locations
// (as pointers into the schema) of the failing leaf keywords.
func schemaErrors(t *testing.T, s *jsonschema.Schema, doc []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("document %s: %v", doc, err)
	}
	err := s.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		t.Fatalf("validate: %v", err)
	}
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			_, frag, _ := strings.Cut(e.AbsoluteKeywordLocation, "#")
			out = append(out, frag)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// anyOfLeaf matches the leaves a validator reports under a failing anyOf of
// required spellings (.../allOf/0/anyOf/1/required), where the SDK reports
// the anyOf itself.
var anyOfLeaf = regexp.MustCompile(`/anyOf/[0-9]+/required$`)

// canonicalKeyword rewrites a keyword location of a validator to where the
// SDK reports the same failure: a failing alternative of an anyOf of
// required spellings to the anyOf, and a keyword under an alias's copy of a
// property schema (/$defs/D/properties/Alias/...) to the property's own
// (/$defs/D/properties/name/...).
func canonicalKeyword(m *model, kw string) string {
	kw = anyOfLeaf.ReplaceAllString(kw, "/anyOf")
	parts := strings.Split(kw, "/")
	if len(parts) < 5 || parts[1] != "$defs" || parts[3] != "properties" {
		return kw
	}
	d := m.byName[parts[2]]
	if d == nil {
		return kw
	}
	for _, p := range d.props {
		for _, a := range p.aliases {
			if a.name == parts[4] {
				parts[4] = p.name
			}
		}
	}
	return strings.Join(parts, "/")
}

// loadModel builds the generator's model of a schema.
func loadModel(t testing.TB, path string) *model {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseTree(data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(root)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

type templateData struct {
	Package    string // the package name
	Then, Else string // the Go names of the root's then and else types
}

// renderTemplate writes a Go template of testdata, executed with data,
// and checks that the result is gofmt-clean.
func renderTemplate(t *testing.T, src, dst string, data templateData) {
	t.Helper()
	tmpl, err := template.ParseFiles(src)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	formatted, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	if !bytes.Equal(formatted, b.Bytes()) {
		t.Errorf("%s is not gofmt-clean once rendered", src)
	}
	if err := os.WriteFile(dst, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tempPackageRoot makes a module for generated packages in t.TempDir(),
// removed when the test ends (kept, and named in the log, when E2E_KEEP is
// set, to look into). Generated code imports the SDK's internal packages,
// which only import paths under github.com/connectevents/sdk-go/ may do: the
// module is github.com/connectevents/sdk-go/gen/e2e, and it uses this
// checkout of the SDK (a replace directive) with the SDK's own requirements
// and go.sum, so that it builds with what the SDK builds with, offline.
func tempPackageRoot(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if os.Getenv("E2E_KEEP") != "" {
		var err error
		if dir, err = os.MkdirTemp("", "e2e-"); err != nil {
			t.Fatal(err)
		}
		t.Logf("E2E_KEEP: the generated packages are in %s", dir)
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for line := range strings.Lines(string(mod)) {
		switch {
		case strings.HasPrefix(line, "module "):
			b.WriteString("module github.com/connectevents/sdk-go/gen/e2e\n")
		case strings.HasPrefix(line, "tool "):
		default:
			b.WriteString(line)
		}
	}
	fmt.Fprintf(&b, "\nrequire github.com/connectevents/sdk-go v0.0.0\n\nreplace github.com/connectevents/sdk-go => %s\n", repo)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(repo, "go.sum"), filepath.Join(dir, "go.sum"))
	return dir
}

// writeGenerated writes the generated Go files (not the profile schemas)
// into dir.
func writeGenerated(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if filepath.Ext(name) != ".go" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// packageClause matches the package clause of a contactevents file.
var packageClause = regexp.MustCompile(`(?m)^package contactevents$`)

// copyRuntime copies hand-written files of contactevents into dir, renamed
// to package pkg.
func copyRuntime(t *testing.T, dir, pkg string, names []string) {
	t.Helper()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join("..", "contactevents", name))
		if err != nil {
			t.Fatal(err)
		}
		if !packageClause.Match(data) {
			t.Fatalf("contactevents/%s has no package clause \"package contactevents\"", name)
		}
		data = packageClause.ReplaceAll(data, []byte("package "+pkg))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// goTool runs the go command in dir and fails the test with its output if
// it fails. The go command found first in PATH is the one running the
// tests: go test puts its GOROOT/bin first.
func goTool(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := goCommand(t, dir, args...)
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func goCommand(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}
