package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"contactId": "contact_id", "detail-type": "detail_type", "instanceArn": "instance_arn",
		"level1": "level1", "eventType": "event_type", "ARN": "a_r_n", "id": "id",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParquetRecursionAsJSON: a definition that leads back to itself (the
// recursion case's Expression and its value nested through a list and a
// map) is a JSON string column where it recurses, and a struct elsewhere.
func TestParquetRecursionAsJSON(t *testing.T) {
	files, err := generateExport(filepath.Join("testdata", "recursion", "schema.json"), "export")
	if err != nil {
		t.Fatal(err)
	}
	if c := string(files["columnar_gen.go"]); !strings.Contains(c, "jsonOf(") {
		t.Errorf("the recursion case's columnar_gen.go writes no JSON column:\n%s", c)
	}
	src := string(files["rows_gen.go"])
	for _, want := range []string{"jsonOf(", `,json" parquet:`, "Row struct {"} {
		if !strings.Contains(src, want) {
			t.Errorf("the recursion case's rows_gen.go has no %q:\n%s", want, src)
		}
	}
}

// TestParquetColumnNamesCollide: two properties whose keys have the same
// snake_case are a schema error, not a file with two columns of one name.
func TestParquetColumnNamesCollide(t *testing.T) {
	root, err := parseTree([]byte(`{"x-profiles":{"compat":{"values":["*"],"properties":["*"],"aliases":["*"],"shapes":["*"],"unknownProperties":"warning","unknownValues":"warning"}},
	 "if":{"required":["detail"]},"then":{"$ref":"#/$defs/Event"},"else":{"$ref":"#/$defs/Contact"},
	 "$defs":{"Event":{"type":"object","properties":{"detail":{"$ref":"#/$defs/Contact"}}},
	  "Contact":{"type":"object","properties":{"contactId":{"type":"string"},"contact_id":{"type":"string"}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.newParquetEmitter(); err == nil || !strings.Contains(err.Error(), `"contact_id"`) {
		t.Errorf("newParquetEmitter: %v, want a column name collision on contact_id", err)
	}
}
