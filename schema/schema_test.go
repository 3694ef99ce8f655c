package schema_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/connectevents/sdk-go/schema"
)

// TestEmbeddedSchemasCompile: what the package hands out is what other
// languages will use, so each must compile as draft 2020-12 with format
// assertions on.
func TestEmbeddedSchemasCompile(t *testing.T) {
	docs := map[string][]byte{"source": schema.Source()}
	for _, name := range []string{"strict", "compat", "legacy"} {
		b, err := schema.Profile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = b
	}
	for name, b := range docs {
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		c.AssertFormat = true
		if err := c.AddResource(name+".json", bytes.NewReader(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := c.Compile(name + ".json"); err != nil {
			t.Errorf("%s does not compile: %v", name, err)
		}
	}
}

func TestProfileNamesTheKnownOnes(t *testing.T) {
	_, err := schema.Profile("lenient")
	if err == nil || !strings.Contains(err.Error(), "strict") {
		t.Errorf("unknown profile: %v, want an error listing the known ones", err)
	}
}

func TestCopiesAreIndependent(t *testing.T) {
	a := schema.Source()
	a[0] = 'X'
	if schema.Source()[0] == 'X' {
		t.Error("Source returns the embedded bytes themselves; a caller can change them")
	}
}
