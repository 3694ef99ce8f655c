package export

import (
	"reflect"
	"strings"
	"sync"
)

// Kind is the type of a column's values, in the words of SQL engines.
type Kind string

// The kinds of column.
const (
	KindString    Kind = "string"
	KindBigint    Kind = "bigint"
	KindDouble    Kind = "double"
	KindBoolean   Kind = "boolean"
	KindTimestamp Kind = "timestamp" // milliseconds, UTC
	KindStruct    Kind = "struct"
	KindArray     Kind = "array"
	KindMap       Kind = "map" // string keys
)

// Column is a column of the exported rows, or a field of a struct column,
// or the element or value type of a list or map (Name empty).
type Column struct {
	Name string // the column's name: the snake_case of Key
	// Key is the JSON key of the value in the event (canonical); empty for
	// the export's own columns (unknown, source_file, source_line,
	// schema_version) and for elements. Of ContactColumns, the key in the
	// summary's JSON.
	Key string
	// InEnvelope says the value is a member of the EventBridge envelope,
	// not of the contact event in its detail.
	InEnvelope bool
	Kind       Kind
	// JSON says the string values are JSON text: a value of a recursive
	// definition (for an array or map, its elements or values are).
	JSON   bool
	Fields []Column // a struct's
	Elem   *Column  // an array's element, a map's value
}

// Columns returns the columns of the exported rows, in order. They are read
// from the generated row types, whose struct tags are also what parquet-go
// derives the files' schema from: one source.
func Columns() []Column {
	return rowColumns()
}

var rowColumns = sync.OnceValue(func() []Column { return structColumns(reflect.TypeFor[row]()) })

func structColumns(t reflect.Type) []Column {
	var out []Column
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("parquet")
		if !ok || !f.IsExported() {
			continue
		}
		opts := strings.Split(tag, ",")
		c := typeColumn(f.Type, opts[1:])
		c.Name = opts[0]
		key, flags, _ := strings.Cut(f.Tag.Get("key"), ",")
		c.Key = key
		c.InEnvelope = strings.Contains(","+flags+",", ",envelope,")
		if strings.Contains(","+flags+",", ",json,") {
			if c.Elem != nil {
				c.Elem.JSON = true
			} else {
				c.JSON = true
			}
		}
		out = append(out, c)
	}
	return out
}

func typeColumn(t reflect.Type, opts []string) Column {
	for _, o := range opts {
		if strings.HasPrefix(o, "timestamp") {
			return Column{Kind: KindTimestamp}
		}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return Column{Kind: KindString}
	case reflect.Int64:
		return Column{Kind: KindBigint}
	case reflect.Float64:
		return Column{Kind: KindDouble}
	case reflect.Bool:
		return Column{Kind: KindBoolean}
	case reflect.Slice:
		e := typeColumn(t.Elem(), nil)
		return Column{Kind: KindArray, Elem: &e}
	case reflect.Map:
		e := typeColumn(t.Elem(), nil)
		return Column{Kind: KindMap, Elem: &e}
	case reflect.Struct:
		return Column{Kind: KindStruct, Fields: structColumns(t)}
	}
	panic("export: no column kind for " + t.String())
}
