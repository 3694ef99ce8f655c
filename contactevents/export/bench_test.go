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
	evs, size := benchEvents(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		w := newDiscardWriter(b)
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

// BenchmarkWriteSteady measures Write alone into files that stay open, as
// in the export of a large archive (a few files of many row groups), where
// opening and closing files does not count; the same events are written
// every iteration, and the writer is closed after the timing.
func BenchmarkWriteSteady(b *testing.B) {
	evs, size := benchEvents(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	w := newDiscardWriter(b)
	for b.Loop() {
		for _, ev := range evs {
			if err := w.Write(ev, "bench.ndjson", 1); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}

func newDiscardWriter(b *testing.B) *export.Writer {
	w, err := export.NewWriter(export.Options{Create: func(string) (io.WriteCloser, error) { return discardFile{}, nil }})
	if err != nil {
		b.Fatal(err)
	}
	return w
}

// benchEvents returns 4096 events of contacteventstest and the size of
// their compact JSON.
func benchEvents(b *testing.B) ([]*contactevents.Event, int) {
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
	return evs, size
}
