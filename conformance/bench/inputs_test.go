package bench

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/connectevents/sdk-go/contactevents/samples"
)

// The input sets, built as contactevents/bench_test.go builds them:
// Compact, the 7 enveloped repaired documented samples compacted as
// EventBridge delivers them (1.6 KB an event), and Latest, the events of the
// newest page revision in contactevents/testdata/bench/latest, compacted
// (2.9 KB an event). Pretty, the same samples indented as the pages print
// them, is checked (TestPeersAgree) but not benchmarked here.

// benchSet is one input set: a name and its documents.
type benchSet struct {
	name string
	docs [][]byte
}

// bytes returns the total size of the set's documents.
func (s benchSet) bytes() int64 {
	var n int64
	for _, d := range s.docs {
		n += int64(len(d))
	}
	return n
}

var benchSets = sync.OnceValues(func() ([]benchSet, error) {
	var compact, pretty, latest [][]byte
	for _, s := range samples.Events() {
		if s.Enveloped {
			compact = append(compact, s.Repaired)
			pretty = append(pretty, s.Repaired)
		}
	}
	files, err := filepath.Glob("../../contactevents/testdata/bench/latest/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		latest = append(latest, b)
	}
	sets := []benchSet{{"Compact", compact}, {"Latest", latest}, {"Pretty", pretty}}
	for _, s := range sets[:2] {
		for i, d := range s.docs {
			var buf bytes.Buffer
			if err := json.Compact(&buf, d); err != nil {
				return nil, err
			}
			s.docs[i] = buf.Bytes()
		}
	}
	return sets, nil
})

// inputSets returns the sets, checking their sizes: Compact and Latest
// (the benchmark's), then Pretty.
func inputSets(tb testing.TB) []benchSet {
	tb.Helper()
	sets, err := benchSets()
	if err != nil {
		tb.Fatal(err)
	}
	if len(sets[0].docs) != 7 || len(sets[1].docs) != 4 || len(sets[2].docs) != 7 {
		tb.Fatalf("%d compact, %d latest and %d pretty documents, want 7, 4 and 7", len(sets[0].docs), len(sets[1].docs), len(sets[2].docs))
	}
	return sets
}

// compatSchemaPath is the compat profile schema.
const compatSchemaPath = "../../schema/profiles/compat.schema.json"

// compatSchema is the compat profile schema compiled once for
// santhosh-tekuri/jsonschema (draft 2020-12, formats asserted).
var compatSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(compatSchemaPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	const url = "file:///compat.schema.json"
	if err := c.AddResource(url, f); err != nil {
		return nil, err
	}
	return c.Compile(url)
})
