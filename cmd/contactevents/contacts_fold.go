package main

import (
	"flag"
	"sync"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// evictFlags are the stream flags of contacts and export --contacts: the
// horizons of contacts.Tracker.Evict, in event time.
type evictFlags struct{ complete, idle time.Duration }

func addEvictFlags(fs *flag.FlagSet) *evictFlags {
	f := &evictFlags{}
	fs.DurationVar(&f.complete, "evict-complete", 0, "for a stream: emit and forget a complete contact once the stream's latest event is this `duration` past the contact's (a grace for its late events; 0: keep every contact to the end)")
	fs.DurationVar(&f.idle, "evict-idle", 0, "with --evict-complete: emit and forget any contact whose latest event is this `duration` older than the stream's (0: never)")
	return f
}

// check returns what is wrong with the flags, or "".
func (f *evictFlags) check() string {
	switch {
	case f.complete < 0 || f.idle < 0:
		return "--evict-complete and --evict-idle are durations of at least 0"
	case f.idle > 0 && f.complete == 0:
		return "--evict-idle needs --evict-complete (the grace of complete contacts)"
	}
	return ""
}

// evictEvery is how many events are folded between two evictions.
const evictEvery = 1024

// contactFold folds the valid events of an engine into a tracker and hands
// each summary to out, by contact ID at the end, or, with eviction, as
// the contacts are evicted (then the rest at the end).
type contactFold struct {
	tracker *contacts.Tracker
	f       evictFlags
	out     func(*contacts.Summary) bool // false stops
	stopped bool
}

// fold sets e up to fold its valid events. Without eviction the decoding
// goroutines fold them (in any order: the fold does not depend on it);
// with eviction e's emit does, in input order, so that when a contact is
// evicted (a matter of the order) is the same from run to run. Set e.emit
// before.
func (f *evictFlags) fold(e *engine, out func(*contacts.Summary) bool) *contactFold {
	c := &contactFold{tracker: contacts.New(), f: *f, out: out}
	if f.complete == 0 {
		var mu sync.Mutex
		e.track = func(ev *contactevents.Event) {
			mu.Lock()
			c.tracker.Add(ev)
			mu.Unlock()
		}
		return c
	}
	e.keep = true
	emit, added := e.emit, 0
	e.emit = func(src, format string, it *item) bool {
		if !emit(src, format, it) {
			return false
		}
		if it.event == nil {
			return true
		}
		c.tracker.Add(it.event)
		it.event = nil
		if added++; added%evictEvery == 0 {
			c.emit(c.tracker.Evict(c.f.complete, c.f.idle))
		}
		return !c.stopped
	}
	return c
}

func (c *contactFold) emit(summaries []contacts.Summary) {
	for i := range summaries {
		if c.stopped = c.stopped || !c.out(&summaries[i]); c.stopped {
			return
		}
	}
}

// finish hands out the summaries of the contacts the tracker holds.
func (c *contactFold) finish() { c.emit(c.tracker.Summaries()) }
