//go:build unix

package contactevents_test

// Throughput of Parse, Validate and AppendJSON on the documented samples, and
// of generic JSON libraries on the same bytes, in one run so that ratios can
// be taken on the same (noisy, shared) machine. BENCHMARKS.md has the
// commands, the results and the targets.
//
// Every benchmark processes the 7 enveloped repaired samples
// (samples.Events() with Enveloped set: 02 to 08, 12148 bytes) once per
// op, each as its own document, so MB/s is comparable across benchmarks;
// allocs/event, ns/event and cpu-ns/event divide the op's figures by 7.
// cpu-ns/event is process CPU time (getrusage, hence the unix build tag),
// steadier than wall time on a shared machine.
//
// Names sort in source order (Baseline, Encode, Parse, Validate; sub-benchmarks
// alphabetically), so that go test prints and benchstat lists them in the
// same order.

import (
	stdjson "encoding/json"
	"errors"
	"os"
	"reflect"
	"runtime"
	"sync"
	"syscall"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	segjson "github.com/segmentio/encoding/json"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// benchDocs returns the repaired text of the enveloped documented samples.
var benchDocs = sync.OnceValues(func() ([][]byte, int64) {
	var docs [][]byte
	var n int64
	for _, s := range samples.Events() {
		if s.Enveloped {
			docs = append(docs, s.Repaired)
			n += int64(len(s.Repaired))
		}
	}
	return docs, n
})

func inputs(tb testing.TB) ([][]byte, int64) {
	tb.Helper()
	docs, n := benchDocs()
	if len(docs) != 7 {
		tb.Fatalf("%d enveloped samples, want 7", len(docs))
	}
	return docs, n
}

// compatSchemaPath is the compat profile schema, from the package directory.
const compatSchemaPath = "../schema/profiles/compat.schema.json"

// compatSchema is the compat profile schema compiled once (draft 2020-12,
// formats asserted).
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

// run calls fn on every document once per op and reports bytes per op,
// allocations, allocs/event, ns/event (wall time) and cpu-ns/event (process
// CPU time).
func run(b *testing.B, docs [][]byte, bytesPerOp int64, fn func(i int, doc []byte)) {
	b.Helper()
	b.SetBytes(bytesPerOp)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime(b)
	ops := 0
	for b.Loop() {
		for i, doc := range docs {
			fn(i, doc)
		}
		ops++
	}
	cpu := cpuTime(b) - cpu0
	runtime.ReadMemStats(&after)
	events := float64(ops * len(docs))
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/events, "allocs/event")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/events, "ns/event")
	b.ReportMetric(float64(cpu)/events, "cpu-ns/event")
}

// cpuTime returns the CPU time (user and system) the process has used, in
// nanoseconds. On a shared machine it is steadier than wall time: waiting
// for a CPU taken by another process does not count, while the benchmark's
// own garbage collection, on any thread, does.
func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkBaseline measures generic JSON libraries on the same bytes:
//
//   - segmentio_Valid: github.com/segmentio/encoding/json.Valid, syntax only.
//   - segmentio_Unmarshal, stdlib_Unmarshal: decoding into the plain structs
//     of bench_types_test.go (no validation; routingCriteria kept raw).
//   - stdlib_jsonschema: encoding/json into any, then validation against
//     schema/profiles/compat.schema.json with santhosh-tekuri/jsonschema/v5
//     (compiled once, Draft2020, AssertFormat). The schema rejects 3 of the
//     7 samples that the SDK's compat profile accepts (see
//     TestBenchmarkInputs), so its figure includes building 3 validation
//     errors per op.
func BenchmarkBaseline(b *testing.B) {
	docs, n := inputs(b)
	b.Run("segmentio_Unmarshal", func(b *testing.B) {
		run(b, docs, n, func(_ int, doc []byte) {
			var ev plainEvent
			if err := segjson.Unmarshal(doc, &ev); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("segmentio_Valid", func(b *testing.B) {
		run(b, docs, n, func(_ int, doc []byte) {
			if !segjson.Valid(doc) {
				b.Fatal("invalid")
			}
		})
	})
	b.Run("stdlib_Unmarshal", func(b *testing.B) {
		run(b, docs, n, func(_ int, doc []byte) {
			var ev plainEvent
			if err := stdjson.Unmarshal(doc, &ev); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("stdlib_jsonschema", func(b *testing.B) {
		sch, err := compatSchema()
		if err != nil {
			b.Fatal(err)
		}
		run(b, docs, n, func(_ int, doc []byte) {
			var v any
			if err := stdjson.Unmarshal(doc, &v); err != nil {
				b.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				// The schema rejects 3 samples (see
				// TestBenchmarkInputs); anything but a validation
				// error is a failure of the benchmark.
				if _, ok := err.(*jsonschema.ValidationError); !ok {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkEncode measures AppendJSON of the 7 events (parsed once under
// compat) into a reused buffer. Bytes per op are the bytes written.
func BenchmarkEncode(b *testing.B) {
	docs, _ := inputs(b)
	events := make([]*contactevents.Event, len(docs))
	var out int64
	for i, doc := range docs {
		ev, err := contactevents.Parse(doc)
		if err != nil {
			b.Fatal(err)
		}
		events[i] = ev
		out += int64(len(ev.AppendJSON(nil)))
	}
	buf := make([]byte, 0, 8<<10)
	run(b, docs, out, func(i int, _ []byte) {
		buf = events[i].AppendJSON(buf[:0])
	})
}

// BenchmarkParse measures Parse under each profile, with the defaults
// otherwise (format detection on). Under strict and legacy several samples
// are invalid (strict: 02, 04, 06, 07, 08; legacy: 05 to 08), so those
// figures include building their *ValidationError; compat accepts all 7.
//
// compat_eventbridge is a diagnostic: compat with
// WithFormat(FormatEventBridge), which skips format detection, to show what
// the detection costs (nothing since Parse sniffs the first key).
// compat_nocopy is compat with WithNoCopy.
func BenchmarkParse(b *testing.B) {
	docs, n := inputs(b)
	for _, c := range []struct {
		name string
		p    contactevents.Profile
		opts []contactevents.Option
	}{
		{"compat", contactevents.Compat, nil},
		{"compat_eventbridge", contactevents.Compat, []contactevents.Option{contactevents.WithFormat(contactevents.FormatEventBridge)}},
		{"compat_nocopy", contactevents.Compat, []contactevents.Option{contactevents.WithNoCopy()}},
		{"legacy", contactevents.Legacy, nil},
		{"strict", contactevents.Strict, nil},
	} {
		opts := append([]contactevents.Option{contactevents.WithProfile(c.p)}, c.opts...)
		b.Run(c.name, func(b *testing.B) {
			run(b, docs, n, func(_ int, doc []byte) {
				ev, err := contactevents.Parse(doc, opts...)
				if ev == nil {
					b.Fatal(err)
				}
				if err != nil {
					if _, ok := err.(*contactevents.ValidationError); !ok || c.p == contactevents.Compat {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkValidate measures Validate under the default profile.
func BenchmarkValidate(b *testing.B) {
	docs, n := inputs(b)
	b.Run("compat", func(b *testing.B) {
		run(b, docs, n, func(_ int, doc []byte) {
			if err := contactevents.Validate(doc); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// TestBenchmarkInputs checks that the benchmarks compare like with like: the
// SDK accepts every document under compat, and both generic decoders fill the
// plain structs identically, PascalCase keys included.
//
// It also reports (without failing) the documents that
// schema/profiles/compat.schema.json rejects although the SDK's compat
// profile accepts them: 02, 06 and 08, whose PascalCase members ("ContactId",
// "AgentArn", "QueueArn", "Steps", ...) do not satisfy the schema's
// "required", which names only the camelCase spellings.
func TestBenchmarkInputs(t *testing.T) {
	inputs(t)
	sch, err := compatSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range samples.Events() {
		if !s.Enveloped {
			continue
		}
		doc := s.Repaired
		ev, err := contactevents.Parse(doc)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		var std, seg plainEvent
		if err := stdjson.Unmarshal(doc, &std); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if err := segjson.Unmarshal(doc, &seg); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if !reflect.DeepEqual(std, seg) {
			t.Errorf("%s: stdlib and segmentio decode differently:\n%+v\n%+v", s.Name, std, seg)
		}
		if std.Detail.ContactID != ev.Detail.ContactID || std.Detail.ContactID == "" {
			t.Errorf("%s: plain contactId %q, SDK %q", s.Name, std.Detail.ContactID, ev.Detail.ContactID)
		}
		if (std.Detail.QueueInfo == nil) != (ev.Detail.QueueInfo == nil) ||
			std.Detail.QueueInfo != nil && std.Detail.QueueInfo.QueueARN != ev.Detail.QueueInfo.QueueARN {
			t.Errorf("%s: plain queueInfo %+v", s.Name, std.Detail.QueueInfo)
		}
		if (len(std.Detail.RoutingCriteria) > 0) != (len(ev.Detail.RoutingCriteria) > 0) {
			t.Errorf("%s: plain routingCriteria %q, SDK %d criteria", s.Name, std.Detail.RoutingCriteria, len(ev.Detail.RoutingCriteria))
		}
		var v any
		if err := stdjson.Unmarshal(doc, &v); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if err := sch.Validate(v); err != nil {
			var ve *jsonschema.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("%s: %v", s.Name, err)
			}
			t.Logf("%s: accepted by the SDK (compat), rejected by %s:\n%v", s.Name, compatSchemaPath, err)
		}
	}
}
