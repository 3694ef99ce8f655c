package pattern_test

// Matching a typical rule against the compact documented samples, next to
// contactevents.Parse on the same bytes in the same run, so that the ratio
// is taken on the same (noisy, shared) machine. The target: Match costs at
// most a quarter of Parse and allocates nothing. BENCHMARKS.md has the
// command and the figures.

import (
	"bytes"
	"encoding/json"
	"sync"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// typicalRule names the envelope's source and detail-type and two
// conditions of the contact event.
const typicalRule = `{
  "source": ["aws.connect"],
  "detail-type": ["Amazon Connect Contact Event"],
  "detail": {
    "eventType": ["CONNECTED_TO_AGENT", "DISCONNECTED"],
    "initiationMethod": [{"anything-but": "OUTBOUND"}]
  }
}`

// compactDocs returns the enveloped repaired samples without white space.
var compactDocs = sync.OnceValues(func() ([][]byte, int64) {
	var docs [][]byte
	var n int64
	for _, s := range samples.Events() {
		if !s.Enveloped {
			continue
		}
		var b bytes.Buffer
		if err := json.Compact(&b, s.Repaired); err != nil {
			panic(err)
		}
		docs = append(docs, b.Bytes())
		n += int64(b.Len())
	}
	return docs, n
})

func BenchmarkMatch(b *testing.B) {
	docs, n := compactDocs()
	p := pattern.MustCompile(typicalRule)
	b.SetBytes(n)
	b.ReportAllocs()
	matched := 0
	for b.Loop() {
		for _, d := range docs {
			ok, err := p.Match(d)
			if err != nil {
				b.Fatal(err)
			}
			if ok {
				matched++
			}
		}
	}
	if matched == 0 {
		b.Fatal("the typical rule matched no sample")
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/event")
}

func BenchmarkParse(b *testing.B) {
	docs, n := compactDocs()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := contactevents.Parse(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/event")
}

func BenchmarkMatchEvent(b *testing.B) {
	docs, _ := compactDocs()
	p := pattern.MustCompile(typicalRule)
	var events []*contactevents.Event
	for _, d := range docs {
		ev, err := contactevents.Parse(d)
		if err != nil {
			b.Fatal(err)
		}
		events = append(events, ev)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, ev := range events {
			p.MatchEvent(ev)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/event")
}

func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pattern.Compile([]byte(typicalRule)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMatchAllocatesNothing pins the zero-allocation claim outside the
// benchmarks.
func TestMatchAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool allocate")
	}
	docs, _ := compactDocs()
	p := pattern.MustCompile(typicalRule)
	for _, d := range docs {
		if avg := testing.AllocsPerRun(50, func() { p.Match(d) }); avg != 0 {
			t.Errorf("Match allocates %.1f times per event, want 0", avg)
		}
	}
}
