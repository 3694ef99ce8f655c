package conformance

// The source schema (schema/contactevents.schema.json) is read here, not restated by hand, so
// that the tests follow the schema: the key spellings (x-aliases), the enum values and their
// canonical forms (x-enum), the one-or-many shapes (x-shape) and the list of validation keywords
// a negative case must exist for.

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// sourceSchemaFile is the source of truth the profiles are generated from.
const sourceSchemaFile = "../schema/contactevents.schema.json"

// sourceSchema is the decoded source schema with the indexes the tests need.
type sourceSchema struct {
	Root map[string]any
	Defs map[string]map[string]any
	// EnumValues lists, per enum $defs entry, every documented value in schema order.
	EnumValues map[string][]string
	// EnumCanonical maps a documented variant spelling to its canonical value, per enum $defs
	// entry (Channel: Voice -> VOICE), from the "canonical" member of x-enum.
	EnumCanonical map[string]map[string]string
}

var loadSourceSchema = sync.OnceValues(func() (*sourceSchema, error) {
	data, err := os.ReadFile(sourceSchemaFile)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	s := &sourceSchema{
		Root:          root,
		Defs:          map[string]map[string]any{},
		EnumValues:    map[string][]string{},
		EnumCanonical: map[string]map[string]string{},
	}
	for name, d := range root["$defs"].(map[string]any) {
		def := d.(map[string]any)
		s.Defs[name] = def
		if enum, ok := def["enum"].([]any); ok {
			for _, v := range enum {
				s.EnumValues[name] = append(s.EnumValues[name], v.(string))
			}
		}
		if xe, ok := def["x-enum"].(map[string]any); ok {
			for v, meta := range xe {
				if c, ok := meta.(map[string]any)["canonical"].(string); ok {
					if s.EnumCanonical[name] == nil {
						s.EnumCanonical[name] = map[string]string{}
					}
					s.EnumCanonical[name][v] = c
				}
			}
		}
	}
	return s, nil
})

func mustSourceSchema(tb testing.TB) *sourceSchema {
	tb.Helper()
	s, err := loadSourceSchema()
	if err != nil {
		tb.Fatalf("reading the source schema: %v", err)
	}
	return s
}

// resolve follows $ref (only local "#/$defs/X" references exist) and returns the schema it
// names, with the name of the $defs entry ("" for an inline schema).
func (s *sourceSchema) resolve(node map[string]any) (map[string]any, string) {
	name := ""
	for node != nil {
		ref, ok := node["$ref"].(string)
		if !ok {
			break
		}
		name = strings.TrimPrefix(ref, "#/$defs/")
		node = s.Defs[name]
	}
	return node, name
}

// canonicalKey returns the canonical spelling of key among the properties of the object schema
// node (itself, or the property whose x-aliases lists it), and whether key is documented there.
func (s *sourceSchema) canonicalKey(node map[string]any, key string) (string, bool) {
	props, _ := node["properties"].(map[string]any)
	if _, ok := props[key]; ok {
		return key, true
	}
	for name, p := range props {
		aliases, _ := p.(map[string]any)["x-aliases"].([]any)
		for _, a := range aliases {
			if a.(map[string]any)["name"] == key {
				return name, true
			}
		}
	}
	return "", false
}

// allEnumValues returns every documented enum value of every enum, sorted, without duplicates.
func (s *sourceSchema) allEnumValues() []string {
	var out []string
	for _, vs := range s.EnumValues {
		out = append(out, vs...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
