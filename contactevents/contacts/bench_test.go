package contacts_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"syscall"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// The benchmark's stream: 1,000,000 events of 200,000 contacts, 5 events
// each. Holding a million payloads would take 1.5 GB, so the stream is
// 1,000 template contacts (5,000 payloads, shuffled) replayed in 200
// generations, each with its own contact IDs: every event is copied into a
// buffer and its contact ID rewritten (the first 8 hex digits become the
// generation) before Parse. Both benchmarks do the same copy, so the
// difference between them is the fold.
const (
	benchTemplates   = 1000
	benchGenerations = 200
	benchEvents      = benchTemplates * 5 * benchGenerations
)

type benchEvent struct {
	doc []byte
	ids []int // offsets of the contact ID in doc
}

var benchStream = sync.OnceValue(func() []benchEvent {
	var out []benchEvent
	for i := range benchTemplates {
		var evs []*contactevents.Event
		switch i % 4 {
		case 0: // chat: INITIATED, QUEUED, CONNECTED_TO_AGENT, DISCONNECTED, COMPLETED
			evs = contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelChat, uint64(i))
		case 1:
			evs = contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelEmail, uint64(i))
		case 2: // voice: the same but CONNECTED_TO_SYSTEM for COMPLETED, which may not come
			evs = contacteventstest.Without(contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelVoice, uint64(i)),
				contactevents.EventTypeCompleted)
		default: // voice, abandoned: INITIATED, CONNECTED_TO_SYSTEM, QUEUED, DISCONNECTED, COMPLETED
			evs = contacteventstest.Lifecycle(contacteventstest.LifecycleAbandoned, contactevents.ChannelVoice, uint64(i))
		}
		if len(evs) != 5 {
			panic(fmt.Sprintf("template %d: %d events", i, len(evs)))
		}
		for _, ev := range evs {
			doc := contacteventstest.Payload(ev)
			be := benchEvent{doc: doc}
			id := []byte(ev.Detail.ContactID)
			for off := 0; ; {
				j := bytes.Index(doc[off:], id)
				if j < 0 {
					break
				}
				be.ids = append(be.ids, off+j)
				off += j + len(id)
			}
			out = append(out, be)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
})

// replay calls fn with every event of the stream's first generations, its
// contact ID rewritten for its generation.
func replay(generations int, fn func(doc []byte)) {
	stream := benchStream()
	buf := make([]byte, 0, 8<<10)
	var gen [8]byte
	for g := range generations {
		copy(gen[:], fmt.Sprintf("%08x", g))
		for i := range stream {
			be := &stream[i]
			buf = append(buf[:0], be.doc...)
			for _, off := range be.ids {
				copy(buf[off:], gen[:])
			}
			fn(buf)
		}
	}
}

// BenchmarkStream runs Parse alone and Parse then Tracker.Add over the same
// 1,000,000 events, one op each; run it with -cpu 1 and several counts, the
// two interleaved, and compare cpu-ns/event.
func BenchmarkStream(b *testing.B) {
	benchStream()
	b.Run("Parse", func(b *testing.B) {
		runStream(b, func(doc []byte) {
			if _, err := contactevents.Parse(doc); err != nil {
				b.Fatal(err)
			}
		}, nil)
	})
	b.Run("ParseAndTrack", func(b *testing.B) {
		var t *contacts.Tracker
		runStream(b, func(doc []byte) {
			ev, err := contactevents.Parse(doc)
			if err != nil {
				b.Fatal(err)
			}
			t.Add(ev)
		}, func(start bool) *contacts.Tracker {
			if start {
				t = contacts.New()
			}
			return t
		})
	})
}

// BenchmarkStreamInterleaved is the same comparison robust to a shared
// machine's changing load: the stream is replayed in chunks of 10,000
// events, each chunk parsed alone and parsed then folded (in turn first),
// and the process CPU time of each pass is summed per mode; the tracker
// holds all 200,000 contacts by the end. It reports parse-cpu-ns/event,
// track-cpu-ns/event and fold-% (what the fold adds to Parse's CPU).
func BenchmarkStreamInterleaved(b *testing.B) {
	stream := benchStream()
	const chunk = 10000
	docs := make([][]byte, chunk)
	for i := range docs {
		docs[i] = make([]byte, 0, 8<<10)
	}
	parse := func(doc []byte) *contactevents.Event {
		ev, err := contactevents.Parse(doc)
		if err != nil {
			b.Fatal(err)
		}
		return ev
	}
	var parseCPU, trackCPU int64
	var gen [8]byte
	ops := 0
	for b.Loop() {
		t := contacts.New()
		flip := false
		for g := range benchGenerations {
			copy(gen[:], fmt.Sprintf("%08x", g))
			for start := 0; start < len(stream); start += chunk {
				part := stream[start:min(start+chunk, len(stream))]
				for i := range part {
					docs[i] = append(docs[i][:0], part[i].doc...)
					for _, off := range part[i].ids {
						copy(docs[i][off:], gen[:])
					}
				}
				passes := [2]func(){
					func() {
						c := cpuTime(b)
						for i := range part {
							parse(docs[i])
						}
						parseCPU += cpuTime(b) - c
					},
					func() {
						c := cpuTime(b)
						for i := range part {
							t.Add(parse(docs[i]))
						}
						trackCPU += cpuTime(b) - c
					},
				}
				if flip {
					passes[0], passes[1] = passes[1], passes[0]
				}
				flip = !flip
				passes[0]()
				passes[1]()
			}
		}
		if t.Len() != benchEvents/5 {
			b.Fatalf("%d contacts, want %d", t.Len(), benchEvents/5)
		}
		ops++
	}
	events := float64(ops * benchEvents)
	b.ReportMetric(float64(parseCPU)/events, "parse-cpu-ns/event")
	b.ReportMetric(float64(trackCPU)/events, "track-cpu-ns/event")
	b.ReportMetric(100*float64(trackCPU-parseCPU)/float64(parseCPU), "fold-%")
}

// runStream runs one replay of the stream per op and reports ns/event,
// cpu-ns/event (process CPU time: steadier than wall time on a shared
// machine) and allocs/event; with a tracker, the heap it holds per contact
// at the end of the op (B/contact, after a garbage collection).
func runStream(b *testing.B, fn func(doc []byte), tracker func(start bool) *contacts.Tracker) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuTime(b)
	ops := 0
	var perContact float64
	for b.Loop() {
		var base int64
		if tracker != nil {
			b.StopTimer()
			cpu := cpuTime(b)
			tracker(true)
			base = liveHeap()
			cpu0 += cpuTime(b) - cpu // the measurement is not the fold's
			b.StartTimer()
		}
		replay(benchGenerations, fn)
		ops++
		if tracker != nil {
			b.StopTimer()
			cpu := cpuTime(b)
			t := tracker(false)
			perContact = float64(liveHeap()-base) / float64(t.Len())
			runtime.KeepAlive(t)
			cpu0 += cpuTime(b) - cpu
			b.StartTimer()
		}
	}
	cpu := cpuTime(b) - cpu0
	runtime.ReadMemStats(&after)
	events := float64(ops * benchEvents)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/events, "ns/event")
	b.ReportMetric(float64(cpu)/events, "cpu-ns/event")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/events, "allocs/event")
	if tracker != nil {
		b.ReportMetric(perContact, "B/contact")
	}
}

// liveHeap returns the bytes of the heap in use after a garbage
// collection.
func liveHeap() int64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC() // the second empties the pools' victim caches
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkAdd is the fold alone: the stream's 5,000 template events,
// parsed once, folded in the 200 generations (the event's contact ID
// replaced by its generation's), 1,000,000 Adds an op. Without Parse
// between the Adds, the active contacts stay in the processor's caches:
// this is the fold's instructions (run it under cachegrind for a count
// that the load of a shared machine does not change), not the cache
// misses that a stream with Parse between its events costs it.
func BenchmarkAdd(b *testing.B) {
	stream := benchStream()
	evs := make([]*contactevents.Event, len(stream))
	for i := range stream {
		ev, err := contactevents.Parse(stream[i].doc)
		if err != nil {
			b.Fatal(err)
		}
		evs[i] = ev
	}
	suffix := make([]string, len(evs)) // of the template's contact IDs, after the generation's 8 digits
	for i, ev := range evs {
		suffix[i] = ev.Detail.ContactID[8:]
	}
	buf := make([]byte, 0, len(evs)*36)
	for b.Loop() {
		t := contacts.New()
		for g := range benchGenerations {
			// The generation's contact IDs, as replay writes them, in one
			// string (a string each would be a million pointers for the
			// garbage collector to scan, not the fold's).
			buf = buf[:0]
			prefix := fmt.Sprintf("%08x", g)
			for _, sfx := range suffix {
				buf = append(append(buf, prefix...), sfx...)
			}
			ids := string(buf)
			for i, ev := range evs {
				ev.Detail.ContactID = ids[36*i : 36*(i+1)]
				t.Add(ev)
			}
		}
		if t.Len() != benchEvents/5 {
			b.Fatalf("%d contacts, want %d", t.Len(), benchEvents/5)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchEvents), "ns/event")
}
