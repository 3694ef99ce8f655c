//go:build unix

package contactevents_test

// Throughput of Parse, Validate and AppendJSON, and of generic JSON libraries
// on the same bytes, in one run so that ratios can be taken on the same
// (noisy, shared) machine. BENCHMARKS.md has the commands, the results and
// the targets (issue 14).
//
// Three input sets, each one document per event, every benchmark processing
// the whole set once per op (so MB/s compare within a set):
//
//   - Compact: the 7 enveloped repaired documented samples (02 to 08) with
//     their whitespace removed by json.Compact, as EventBridge delivers
//     events. The headline set.
//   - Pretty: the same samples as the pages print them (indented). Reported
//     beside Compact, never instead of it: whitespace is cheap for the SDK's
//     scanner and costly for the baselines, so it flatters the ratios.
//   - Latest: events built from the newest revision of the page
//     (testdata/bench/latest: chat metrics, recordings, contact evaluations,
//     state transitions, system endpoint, contact details, after-contact
//     work; EMAIL, COMPLETED, AGENT_REPLY, FLOW), compacted the same way.
//     Until the schema models that revision its new members are unknown
//     members (kept, with a warning under compat) and its new values are
//     unknown values; once they land, the same files measure their typed
//     decoding. Strict and legacy reject most of them today.
//
// allocs/event, ns/event and cpu-ns/event divide the op's figures by the
// number of events. cpu-ns/event is process CPU time (getrusage, hence the
// unix build tag): steadier than wall time on a shared machine, and with
// -cpu 1 (GOMAXPROCS=1) the garbage collector's work is on the same thread,
// so it counts fully.

import (
	"bytes"
	stdjson "encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"

	segjson "github.com/segmentio/encoding/json"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

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

// latestDir holds the events built from the newest revision of the page.
const latestDir = "testdata/bench/latest"

// benchSets loads the three input sets once.
var benchSets = sync.OnceValues(func() (sets []benchSet, err error) {
	var pretty, compact [][]byte
	for _, s := range samples.Events() {
		if !s.Enveloped {
			continue
		}
		c, err := compactJSON(s.Repaired)
		if err != nil {
			return nil, err
		}
		pretty = append(pretty, s.Repaired)
		compact = append(compact, c)
	}
	files, err := filepath.Glob(filepath.Join(latestDir, "*.json"))
	if err != nil {
		return nil, err
	}
	var latest [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		c, err := compactJSON(b)
		if err != nil {
			return nil, err
		}
		latest = append(latest, c)
	}
	return []benchSet{{"Compact", compact}, {"Pretty", pretty}, {"Latest", latest}}, nil
})

func compactJSON(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := stdjson.Compact(&buf, b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inputSet returns the named input set, checking its size.
func inputSet(tb testing.TB, name string) benchSet {
	tb.Helper()
	sets, err := benchSets()
	if err != nil {
		tb.Fatal(err)
	}
	want := map[string]int{"Compact": 7, "Pretty": 7, "Latest": 4}
	for _, s := range sets {
		if s.name == name {
			if len(s.docs) != want[name] {
				tb.Fatalf("%s: %d documents, want %d", name, len(s.docs), want[name])
			}
			return s
		}
	}
	tb.Fatalf("no input set %q", name)
	return benchSet{}
}

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

// BenchmarkCompact is the headline: the compact samples, as EventBridge
// delivers them.
func BenchmarkCompact(b *testing.B) { benchSuite(b, inputSet(b, "Compact")) }

// BenchmarkPretty is the same samples indented, reported beside Compact.
func BenchmarkPretty(b *testing.B) { benchSuite(b, inputSet(b, "Pretty")) }

// BenchmarkLatest is the events of the newest page revision, compacted.
func BenchmarkLatest(b *testing.B) { benchSuite(b, inputSet(b, "Latest")) }

// benchSuite runs every path on one input set. Sub-benchmark names sort in
// source order so that go test and benchstat list them alike:
//
//   - Base_segmentio_Valid: github.com/segmentio/encoding/json.Valid, syntax
//     only.
//     The decoders and validators compared with the SDK (segmentio, sonic,
//     goccy/go-json, easyjson, jx, encoding/json v1 and v2, JSON Schema
//     validators) are in the nested module conformance/bench, so that the
//     SDK's users never get them as dependencies.
//   - Encode: AppendJSON of the events (parsed once under compat) into a
//     reused buffer; bytes per op are the bytes written.
//   - Parse_compat, Parse_compat_nocopy (WithNoCopy), Parse_legacy,
//     Parse_strict: Parse with WithProfile, format detection on. Documents
//     a profile rejects are part of the measure (building their
//     *ValidationError): strict rejects 02, 04, 06, 07, 08 of the samples
//     and accepts the latest events, legacy rejects 05 to 08 and 3 of the
//     latest.
//   - Parser_compat: a Parser (compat) reusing one event's storage from
//     call to call, as a Lambda handler or a stream consumer does; the
//     event is valid until the next call.
//   - Validate_compat: Validate with no option.
func benchSuite(b *testing.B, set benchSet) {
	docs, n := set.docs, set.bytes()
	b.Run("Base_segmentio_Valid", func(b *testing.B) {
		run(b, docs, n, func(_ int, doc []byte) {
			if !segjson.Valid(doc) {
				b.Fatal("invalid")
			}
		})
	})
	b.Run("Encode", func(b *testing.B) {
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
	})
	for _, c := range []struct {
		name string
		p    contactevents.Profile
		opts []contactevents.Option
	}{
		{"Parse_compat", contactevents.Compat, nil},
		{"Parse_compat_nocopy", contactevents.Compat, []contactevents.Option{contactevents.WithNoCopy()}},
		{"Parse_legacy", contactevents.Legacy, nil},
		{"Parse_strict", contactevents.Strict, nil},
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
	b.Run("Parser_compat", func(b *testing.B) {
		p := contactevents.NewParser()
		run(b, docs, n, func(_ int, doc []byte) {
			if _, err := p.Parse(doc); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("Validate_compat", func(b *testing.B) {
		run(b, docs, n, func(_ int, doc []byte) {
			if err := contactevents.Validate(doc); err != nil {
				b.Fatal(err)
			}
		})
	})
}
