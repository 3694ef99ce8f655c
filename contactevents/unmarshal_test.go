package contactevents

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestPartsRoundTripThroughEncodingJSON decodes testdata/parts.json (a
// contact event constructed to hold every part of the current page: queue,
// agent, hierarchy, campaign, Contact Lens, segment attributes, routing
// criteria down to the agents criteria, unknown members) and the events
// constructed from the latest page (testdata/latest), and checks, for every part of every
// type that has a generated UnmarshalJSON, that json.Marshal then
// json.Unmarshal gives an equal value and the same canonical JSON, and that
// every such type was checked.
func TestPartsRoundTripThroughEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "latest", "*.json"))
	files = append(files, filepath.Join("testdata", "parts.json"))
	seen := map[string]int{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		walkParts(reflect.ValueOf(&ev.Detail).Elem(), func(v reflect.Value) {
			seen[v.Type().Name()]++
			checkPartRoundTrip(t, v)
		})
	}
	for _, name := range unmarshalerTypes(t) {
		if seen[name] == 0 {
			t.Errorf("%s has UnmarshalJSON but testdata/parts.json has none", name)
		}
	}
}

// checkPartRoundTrip checks that json.Marshal then json.Unmarshal of the
// part v gives an equal value and the same canonical JSON.
func checkPartRoundTrip(t *testing.T, v reflect.Value) {
	t.Helper()
	name := v.Type().Name()
	encoded, err := json.Marshal(v.Interface())
	if err != nil {
		t.Fatalf("%s: Marshal: %v", name, err)
	}
	back := reflect.New(v.Type())
	if err := json.Unmarshal(encoded, back.Interface()); err != nil {
		t.Fatalf("%s: Unmarshal(%s): %v", name, encoded, err)
	}
	if !reflect.DeepEqual(back.Elem().Interface(), v.Interface()) {
		t.Errorf("%s: %s decodes to %+v, want %+v", name, encoded, back.Elem().Interface(), v.Interface())
	}
	again, _ := json.Marshal(back.Elem().Interface())
	if !bytes.Equal(again, encoded) {
		t.Errorf("%s: re-encoded as %s, first encoded as %s", name, again, encoded)
	}
}

// walkParts calls visit for every struct and map value under v (v itself
// excluded) whose pointer is a json.Unmarshaler, other than Timestamp.
func walkParts(v reflect.Value, visit func(reflect.Value)) {
	child := func(c reflect.Value) {
		if c.Kind() == reflect.Pointer {
			if c.IsNil() {
				return
			}
			c = c.Elem()
		}
		if c.Kind() == reflect.Map && c.IsNil() {
			return // absent: nothing to round-trip
		}
		if isPart(c) {
			visit(c)
		}
		walkParts(c, visit)
	}
	switch v.Kind() {
	case reflect.Slice:
		for i := range v.Len() {
			child(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			child(v.MapIndex(k))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				child(v.Field(i))
			}
		}
	}
}

func isPart(v reflect.Value) bool {
	if v.Type() == reflect.TypeFor[Timestamp]() || v.Kind() != reflect.Struct && v.Kind() != reflect.Map {
		return false
	}
	return reflect.PointerTo(v.Type()).Implements(reflect.TypeFor[json.Unmarshaler]())
}

// unmarshalerTypes lists the types whose UnmarshalJSON is generated.
func unmarshalerTypes(t *testing.T) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "encode_gen.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "UnmarshalJSON" && fn.Recv != nil {
			names = append(names, fn.Recv.List[0].Type.(*ast.StarExpr).X.(*ast.Ident).Name)
		}
	}
	if len(names) == 0 {
		t.Fatal("encode_gen.go has no UnmarshalJSON")
	}
	return names
}

// TestPartUnmarshalJSONErrors checks that a part's UnmarshalJSON reports
// what Parse reports: a *ValidationError with pointers within the part, a
// *SyntaxError for malformed JSON (leaving the value as it was), and
// nothing for a documented alternative spelling (the Compat profile).
func TestPartUnmarshalJSONErrors(t *testing.T) {
	var q QueueInfo
	err := json.Unmarshal([]byte(`{"queueType":"STANDARD"}`), &q)
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Profile != Compat || len(verr.Issues) != 1 ||
		verr.Issues[0].InstanceLocation != "" || !strings.HasPrefix(verr.Issues[0].KeywordLocation, "/$defs/QueueInfo/") {
		t.Fatalf("missing queueArn: %v, want one issue at the root, from /$defs/QueueInfo", err)
	}
	if q.QueueType == nil || *q.QueueType != "STANDARD" {
		t.Errorf("an invalid part is still decoded (as Parse returns it): %+v", q)
	}

	err = json.Unmarshal([]byte(`{"agentArn":"arn:x","hierarchyGroups":{"level1":{"arn":""}}}`), new(AgentInfo))
	if !errors.As(err, &verr) || verr.Issues[0].InstanceLocation != "/hierarchyGroups/level1/arn" {
		t.Errorf("empty nested ARN: %v, want an issue at /hierarchyGroups/level1/arn", err)
	}

	before := QueueInfo{QueueARN: "arn:before"}
	q = before
	var serr *SyntaxError
	if err := q.UnmarshalJSON([]byte(`{"queueArn":"arn:x",}`)); !errors.As(err, &serr) {
		t.Errorf("trailing comma: %v, want a *SyntaxError", err)
	}
	if !reflect.DeepEqual(q, before) {
		t.Errorf("malformed JSON changed the value to %+v", q)
	}

	if err := json.Unmarshal([]byte(`{"QueueArn":"arn:x"}`), &q); err != nil || q.QueueARN != "arn:x" {
		t.Errorf("compat spelling QueueArn: %v, %+v", err, q)
	}
}
