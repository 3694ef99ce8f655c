package conformance

// Fuzz tests, seeded from the corpus (samples verbatim and repaired, the negative cases, the
// first mutants of each sample, the samples in every delivery format). Crashers found by
// `go test -fuzz` are kept in testdata/fuzz/<FuzzName>/ and replayed by every `go test` as
// regressions.
//
//	go test -run XXX -fuzz FuzzParse -fuzztime 3m ./conformance
//	go test -run XXX -fuzz FuzzDifferential -fuzztime 3m ./conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"hash/fnv"
	"io"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/google/go-cmp/cmp"
)

// fuzzMutantSeeds is how many mutants of each sample seed the fuzzers.
const fuzzMutantSeeds = 10

func addSeeds(f *testing.F) {
	for i, s := range samples.All() {
		f.Add(s.Verbatim)
		f.Add(s.Repaired)
		for _, m := range sampleMutants(f, i, s, fuzzMutantSeeds) {
			f.Add(m.Data)
		}
	}
	for _, c := range loadNegativeCases(f) {
		f.Add(c.data())
	}
	var docs [][]byte
	for _, s := range samples.Events() {
		docs = append(docs, s.Repaired)
	}
	for _, df := range deliveryFormats {
		f.Add(df.batch(docs))
		if df.single != nil {
			f.Add(df.single(docs[0], 0))
		}
	}
}

// unknownJSONEqual compares kept unknown members by key and by JSON value: the canonical encoding
// writes them compacted (internal/codec.AppendRaw), so their white space is not kept.
var unknownJSONEqual = cmp.Comparer(func(a, b contactevents.UnknownMember) bool {
	if a.Key != b.Key {
		return false
	}
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a.Value) != nil || json.Compact(&cb, b.Value) != nil {
		return bytes.Equal(a.Value, b.Value)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
})

// FuzzParse parses arbitrary input under every profile: Parse must not panic; when it succeeds,
// the canonical encoding (MarshalJSON) must parse again, under the same profile, to an equal
// event, and encode to the same bytes. NewDecoder must not panic either.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range profiles {
			ev, err := contactevents.Parse(data, contactevents.WithProfile(p))
			if err != nil {
				if ev != nil {
					var ve *contactevents.ValidationError
					if !errors.As(err, &ve) {
						t.Fatalf("%s: Parse returned an event with %T: %v", p, err, err)
					}
				}
				continue
			}
			b, err := ev.MarshalJSON()
			if err != nil {
				t.Fatalf("%s: MarshalJSON: %v", p, err)
			}
			ev2, err := contactevents.Parse(b, contactevents.WithProfile(p))
			if err != nil {
				t.Fatalf("%s: the canonical encoding does not parse: %v\ninput: %q\ncanonical: %s", p, err, data, b)
			}
			if diff := cmp.Diff(ev, ev2, unknownJSONEqual); diff != "" {
				t.Fatalf("%s: the canonical encoding parses to another event (-first +second):\n%s\ninput: %q\ncanonical: %s", p, diff, data, b)
			}
			if b2, _ := ev2.MarshalJSON(); !bytes.Equal(b, b2) {
				t.Fatalf("%s: the canonical encoding is not a fixed point:\n%s\n%s", p, b, b2)
			}
		}
		for _, err := range contactevents.NewDecoder(io.LimitReader(bytes.NewReader(data), 1<<20)).All() {
			_ = err
		}
	})
}

// FuzzDifferential runs both engines, under every profile, on two documents per input: a mutant
// of a sample that the input seeds (its first byte picks the sample, its FNV-1a hash seeds the
// mutator, so that the fuzzer explores mutants beyond the differential test's fixed stream), and
// the input itself when it is one JSON object within the SDK's limits (see comparableJSONObject).
// The engines must agree as in TestDifferential. An input with a duplicate key is compared in its
// encoding/json form (the last value wins), since the engines read duplicates differently by
// design (/x-unique-keys).
func FuzzDifferential(f *testing.F) {
	addSeeds(f)
	enums := mustSourceSchema(f).allEnumValues()
	var bases []map[string]any
	for _, s := range samples.All() {
		bases = append(bases, mustDecode(f, s.Repaired).(map[string]any))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 0 {
			h := fnv.New64a()
			h.Write(data)
			i := int(data[0]) % len(bases)
			m := newSeededMutator(h.Sum64(), uint64(i), enums).mutants(bases[i], 1)[0]
			mdoc := mustDecode(t, m.Data)
			for _, p := range profiles {
				c, err := compareDecoded(profileSchema(t, p), p, m.Data, mdoc)
				if err != nil {
					t.Fatal(err)
				}
				if c.Disagreement != "" {
					t.Fatalf("the engines disagree on a mutant of %s (%s):\n%s\n%s", samples.All()[i].Name, strings.Join(m.Ops, "; "), m.Data, c.Report())
				}
			}
		}
		if !comparableJSONObject(data) {
			return
		}
		doc, err := decodeAny(data)
		if err != nil {
			return
		}
		if hasDuplicateKeys(data) {
			if data, err = json.Marshal(doc); err != nil {
				return
			}
		}
		for _, p := range profiles {
			c, err := compareDecoded(profileSchema(t, p), p, data, doc)
			if err != nil {
				t.Fatal(err)
			}
			if c.Disagreement != "" {
				t.Fatalf("the engines disagree on %q:\n%s", data, c.Report())
			}
		}
	})
}

// hasDuplicateKeys reports whether some object of the JSON text data has a key twice.
func hasDuplicateKeys(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		keys     map[string]bool
		isObject bool
		wantKey  bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch tok {
		case json.Delim('{'):
			if top != nil && top.isObject {
				top.wantKey = true
			}
			stack = append(stack, &frame{keys: map[string]bool{}, isObject: true, wantKey: true})
			continue
		case json.Delim('['):
			if top != nil && top.isObject {
				top.wantKey = true
			}
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			continue
		}
		if top == nil || !top.isObject {
			continue
		}
		if top.wantKey {
			k := tok.(string)
			if top.keys[k] {
				return true
			}
			top.keys[k] = true
			top.wantKey = false
		} else {
			top.wantKey = true
		}
	}
}

// TestHasDuplicateKeys pins the helper of FuzzDifferential.
func TestHasDuplicateKeys(t *testing.T) {
	for in, want := range map[string]bool{
		`{"a":1,"b":{"a":2}}`:           false,
		`{"a":1,"a":2}`:                 true,
		`{"a":{"b":1,"b":2}}`:           true,
		`{"a":[{"b":1},{"b":2}],"c":3}`: false,
		`{"a":[{"b":1,"b":2}]}`:         true,
		`{"a":{},"b":[],"a":null}`:      true,
		`{"x":{"y":[1,{"z":1}]},"y":1}`: false,
	} {
		if got := hasDuplicateKeys([]byte(in)); got != want {
			t.Errorf("hasDuplicateKeys(%s) = %v", in, got)
		}
	}
}
