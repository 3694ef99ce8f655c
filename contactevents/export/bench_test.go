package export_test

import (
	"io"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/export"
)

type discardFile struct{}

func (discardFile) Write(p []byte) (int, error) { return len(p), nil }
func (discardFile) Close() error                { return nil }

// BenchmarkWrite measures Write and Close on events of contacteventstest
// (every event type of a contact's life), in day partitions, the files
// discarded; b.SetBytes is the events' compact JSON.
func BenchmarkWrite(b *testing.B) {
	lifecycle := []contactevents.EventType{
		contactevents.EventTypeInitiated, contactevents.EventTypeConnectedToSystem, contactevents.EventTypeQueued,
		contactevents.EventTypeContactDataUpdated, contactevents.EventTypeConnectedToAgent, contactevents.EventTypeDisconnected,
	}
	var evs []*contactevents.Event
	size := 0
	for i := range 4096 {
		p := contacteventstest.Payload(contacteventstest.NewEvent(lifecycle[i%len(lifecycle)], contacteventstest.WithSeed(uint64(i))))
		ev, err := contactevents.Parse(p)
		if err != nil {
			b.Fatal(err)
		}
		evs = append(evs, ev)
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		w, err := export.NewWriter(export.Options{Create: func(string) (io.WriteCloser, error) { return discardFile{}, nil }})
		if err != nil {
			b.Fatal(err)
		}
		for _, ev := range evs {
			if err := w.Write(ev, "bench.ndjson", 1); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
