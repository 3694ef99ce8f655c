package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// Progress line timing: nothing for runs shorter than progressDelay, then at
// most one update per progressEvery.
const (
	progressDelay = time.Second
	progressEvery = 200 * time.Millisecond
)

// progress shows, on a terminal, how a long run is going:
//
//	1,234,567 events  48,210 events/s  61.3 MB/s
//
// It is drawn on one line of stderr (carriage return, erase line) and erased
// at the end, so it never ends up in a log: when stderr is not a terminal it
// is disabled. Its methods are called on the reporter's goroutine only; a
// nil *progress is disabled.
type progress struct {
	w       io.Writer
	now     func() time.Time
	bytes   *atomic.Int64 // bytes read so far, updated by the readers
	start   time.Time
	last    time.Time // the last update
	visible bool
}

// newProgress returns a progress line on stderr if it is a terminal, else
// nil.
func newProgress(stderr io.Writer, bytes *atomic.Int64) *progress {
	if !isTerminal(stderr) {
		return nil
	}
	return newProgressTo(stderr, bytes, time.Now)
}

func newProgressTo(w io.Writer, bytes *atomic.Int64, now func() time.Time) *progress {
	return &progress{w: w, now: now, bytes: bytes, start: now()}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) enabled() bool { return p != nil }

// tick is called after each event, with the number of events so far.
func (p *progress) tick(events int) {
	if p == nil || events%64 != 0 {
		return
	}
	now := p.now()
	elapsed := now.Sub(p.start)
	if elapsed < progressDelay || now.Sub(p.last) < progressEvery {
		return
	}
	p.last = now
	secs := elapsed.Seconds()
	fmt.Fprintf(p.w, "\r\x1b[K%s events  %s events/s  %.1f MB/s",
		group(int64(events)), group(int64(float64(events)/secs)), float64(p.bytes.Load())/1e6/secs)
	p.visible = true
}

// clear erases the progress line, before other output or at the end.
func (p *progress) clear() {
	if p == nil || !p.visible {
		return
	}
	io.WriteString(p.w, "\r\x1b[K")
	p.visible = false
}

// group formats n with thousands separators.
func group(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + group(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
