package main

import (
	"bytes"
	"io"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// BenchmarkLineWorker measures what the pipeline adds to the decode of each
// line of an NDJSON dump (issue 18's command target), on one core: "run" is
// a worker's decode of a chunk of lines into items, "decode" the same lines
// through a Parser alone (the floor), on the two inputs of BENCHMARKS.md's
// 1 GiB measurement: lifecycles (valid EventBridge events, no warning) and
// the 8 repaired samples normalized (one bare event, one warning in 8).
//
//	go test -run '^$' -bench LineWorker -cpu 1 -count 5 ./cmd/contactevents
func BenchmarkLineWorker(b *testing.B) {
	var lifecycles bytes.Buffer
	io.Copy(&lifecycles, io.LimitReader(&lifecycleReader{n: 1 << 20}, chunkSize))
	lines := lifecycles.Bytes()
	lines = lines[:bytes.LastIndexByte(lines, '\n')+1]
	var repaired []byte
	for _, s := range samples.Events()[:8] {
		ev, err := contactevents.Parse(s.Repaired)
		if err != nil {
			b.Fatal(err)
		}
		repaired = append(ev.AppendJSON(repaired), '\n')
	}
	for _, in := range []struct {
		name  string
		lines []byte
	}{
		{"lifecycles", lines},
		{"samples", bytes.Repeat(repaired, max(1, chunkSize/len(repaired)))},
	} {
		n := bytes.Count(in.lines, []byte{'\n'})
		b.Run(in.name+"/run", func(b *testing.B) {
			e := engineFor(1, false, nil)
			w := newLineWorker(e)
			b.SetBytes(int64(len(in.lines)))
			b.ReportAllocs()
			for b.Loop() {
				c := newChunk(1)
				*c.buf = append(*c.buf, in.lines...)
				w.run(c)
				if len(c.items) != n || !c.items[0].valid {
					b.Fatalf("%d items of %d lines", len(c.items), n)
				}
				c.release()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
		})
		b.Run(in.name+"/decode", func(b *testing.B) {
			p := contactevents.NewParser(contactevents.WithProfile(contactevents.Compat))
			b.SetBytes(int64(len(in.lines)))
			b.ReportAllocs()
			for b.Loop() {
				for line := range bytes.Lines(in.lines) {
					if _, err := p.Parse(line[:len(line)-1]); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
		})
	}
}

// TestLineWorkerAllocatesNothingPerValidLine: decoding the lines of a
// chunk of valid events, without warnings, allocates nothing per line (the
// Parser's event and Record, the item's event type, the worker's yield are
// all reused); what is left is the chunk's own.
func TestLineWorkerAllocatesNothingPerValidLine(t *testing.T) {
	var in bytes.Buffer
	io.Copy(&in, &lifecycleReader{n: 200})
	w := newLineWorker(engineFor(1, false, nil))
	allocs := testing.AllocsPerRun(20, func() {
		c := newChunk(1)
		*c.buf = append(*c.buf, in.Bytes()...)
		w.run(c)
		if len(c.items) != 200 || !c.items[199].valid {
			t.Fatalf("%d items: %+v", len(c.items), c.items[len(c.items)-1])
		}
		c.release()
	})
	if allocs > 10 {
		t.Errorf("%.0f allocations for a chunk of 200 lines", allocs)
	}
}
