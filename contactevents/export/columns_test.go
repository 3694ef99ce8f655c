package export

import (
	"fmt"
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// TestColumnsAreTheParquetSchema checks Columns, which the DDL is written
// from, against the schema parquet-go writes into the files: the same
// columns and fields, in the same order, of the same types.
func TestColumnsAreTheParquetSchema(t *testing.T) {
	// Every column and field may be NULL (absent), but for schema_version.
	compareColumns(t, Columns(), parquet.SchemaOf(new(row)), "schema_version")
}

// compareColumns compares the columns cs with the Parquet schema s: the
// columns and fields named required (a path: conflicts[].fact) are
// required, every other is optional; list elements and map values are
// required.
func compareColumns(t *testing.T, cs []Column, s *parquet.Schema, required ...string) {
	t.Helper()
	if len(cs) != len(s.Fields()) {
		t.Fatalf("%d columns, the Parquet schema has %d", len(cs), len(s.Fields()))
	}
	for i, f := range s.Fields() {
		compareColumn(t, f.Name(), cs[i], f, required)
	}
}

func compareColumn(t *testing.T, at string, c Column, n parquet.Field, required []string) {
	t.Helper()
	if c.Name != "" && c.Name != n.Name() {
		t.Errorf("%s: column %q, the Parquet schema has %q", at, c.Name, n.Name())
		return
	}
	if c.Name != "" && n.Optional() == slices.Contains(required, at) {
		t.Errorf("%s: optional is %v in the Parquet schema, want %v", at, n.Optional(), !n.Optional())
	}
	kind, sub := kindOf(n)
	if kind != c.Kind {
		t.Errorf("%s: %s in Columns, %s in the Parquet schema (%s)", at, c.Kind, kind, n.Type())
		return
	}
	switch kind {
	case KindStruct:
		if len(c.Fields) != len(n.Fields()) {
			t.Errorf("%s: %d fields in Columns, %d in the Parquet schema", at, len(c.Fields), len(n.Fields()))
			return
		}
		for i, f := range n.Fields() {
			compareColumn(t, at+"."+f.Name(), c.Fields[i], f, required)
		}
	case KindArray, KindMap:
		compareColumn(t, at+"[]", *c.Elem, sub, required)
	}
}

// kindOf is the kind of a Parquet node; for a list or a map, also its
// element or value node.
func kindOf(n parquet.Field) (Kind, parquet.Field) {
	lt := n.Type().LogicalType()
	var v any
	if lt != nil {
		v = lt.Value
	}
	switch v.(type) {
	case *format.ListType:
		return KindArray, n.Fields()[0].Fields()[0] // repeated group list { element }
	case *format.MapType:
		kv := n.Fields()[0].Fields() // repeated group key_value { key, value }
		if kv[0].Name() != "key" || kv[0].Type().Kind() != parquet.ByteArray {
			panic(fmt.Sprintf("%s: a map whose keys are not strings", n.Name()))
		}
		return KindMap, kv[1]
	case *format.TimestampType:
		return KindTimestamp, nil
	case *format.StringType:
		return KindString, nil
	}
	if !n.Leaf() {
		return KindStruct, nil
	}
	switch n.Type().Kind() {
	case parquet.Int64:
		return KindBigint, nil
	case parquet.Double:
		return KindDouble, nil
	case parquet.Boolean:
		return KindBoolean, nil
	}
	return Kind(n.Type().String()), nil
}

// TestContactColumnsAreTheParquetSchema: ContactColumns, which the contact
// tables' DDL is written from, is the schema of the contact rows' files.
// What a summary always has (its ID, flags and counts, a conflict's fact
// and values) is required, the rest may be NULL (not known).
func TestContactColumnsAreTheParquetSchema(t *testing.T) {
	compareColumns(t, ContactColumns(), parquet.SchemaOf(new(contactRow)),
		"contact_id", "abandoned", "queued_for_callback", "complete", "events", "duplicates",
		"conflicts[].fact", "conflicts[].values")
}
