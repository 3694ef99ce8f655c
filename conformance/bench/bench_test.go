//go:build unix

package bench

import (
	"runtime"
	"syscall"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// BenchmarkPeers runs every peer and the SDK on both input sets, in one
// run: each sub-benchmark processes the whole set once per op, so MB/s
// compare within a set. allocs/event, B/event and cpu-ns/event divide the
// op's figures by the number of events; cpu-ns/event is process CPU time
// (getrusage): with -cpu 1 the garbage collector's work is on the
// benchmark's only P and counts fully.
//
//	go test -run '^$' -bench . -cpu 1 -count 5 -benchtime 0.5s
func BenchmarkPeers(b *testing.B) {
	for _, set := range inputSets(b)[:2] {
		b.Run(set.name, func(b *testing.B) { peerSuite(b, set) })
	}
}

func peerSuite(b *testing.B, set benchSet) {
	docs, n := set.docs, set.bytes()
	for _, p := range append(syntaxPeers, schemaPeers...) {
		b.Run(p.name, func(b *testing.B) {
			run(b, docs, n, func(doc []byte) {
				if err := p.valid(doc); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	for _, p := range decoderPeers {
		b.Run(p.name, func(b *testing.B) {
			run(b, docs, n, func(doc []byte) {
				var ev plainEvent
				if err := p.decode(doc, &ev); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	b.Run("SDK_Parse_compat", func(b *testing.B) {
		run(b, docs, n, func(doc []byte) {
			if err := sdkParse(doc); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("SDK_Parser_compat_reused", func(b *testing.B) {
		p := contactevents.NewParser()
		run(b, docs, n, func(doc []byte) {
			if _, err := p.Parse(doc); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("SDK_Validate_compat", func(b *testing.B) {
		run(b, docs, n, func(doc []byte) {
			if err := contactevents.Validate(doc); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// run calls fn on every document once per op and reports per-event
// allocations, bytes allocated, wall and CPU time.
func run(b *testing.B, docs [][]byte, bytesPerOp int64, fn func(doc []byte)) {
	b.Helper()
	b.SetBytes(bytesPerOp)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime(b)
	ops := 0
	for b.Loop() {
		for _, doc := range docs {
			fn(doc)
		}
		ops++
	}
	cpu := cpuTime(b) - cpu0
	runtime.ReadMemStats(&after)
	events := float64(ops * len(docs))
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/events, "allocs/event")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/events, "B/event")
	b.ReportMetric(float64(cpu)/events, "cpu-ns/event")
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
