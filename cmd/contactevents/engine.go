package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/connectevents/sdk-go/contactevents"
)

// prefixLimit is how much of a source is read before deciding how to read
// it; a source that fits is handled in memory (its format detected from the
// whole of it, problems located by line and column), a longer one is
// streamed. It is not a size limit: four times the SDK's event limit, so
// that a source of a few events is located precisely.
const prefixLimit = 4 * contactevents.DefaultMaxSize

// engine validates (and, for normalize, encodes) the events of sources and
// hands their items, in input order, to emit.
type engine struct {
	profile   contactevents.Profile
	format    contactevents.Format
	maxEvent  int  // the event size limit (WithMaxSize); 0: the SDK's default
	canonical bool // encode valid events (normalize)
	keep      bool // keep each valid event in its item (export)
	workers   int
	// emit receives every item of a source in order, on the goroutine that
	// called process; it returns false to stop.
	emit func(src string, format string, it *item) bool
	// read counts the bytes read from the sources, for the progress line.
	read *atomic.Int64
	// track, when set, receives every valid event, on the goroutine that
	// decoded it (contacts folds them, in any order).
	track func(*contactevents.Event)
}

// errStopped is returned by process when emit asked to stop.
var errStopped = errors.New("stopped")

// process reads the source r, named name, and emits its items. The error is
// an I/O error (or errStopped); invalid events are items, not errors.
//
// The SDK decides what the source is (DetectFormat); the engine only picks
// how to read it: NDJSON line by line on every processor, one document with
// Parse (for its diagnosis of every defect of a malformed event), anything
// else with a Decoder.
func (e *engine) process(name string, r io.Reader) error {
	data, complete, err := readPrefix(r, prefixLimit)
	if err != nil {
		// Read what came before the error as a stream, which ends with it:
		// the whole events are reported, the one it cuts is not.
		r = &failingReader{err}
	}
	if complete && err == nil && len(bytes.TrimSpace(data)) == 0 {
		// Nothing to decode, which among other sources would pass unseen.
		if !e.emit(name, "", &item{empty: true}) {
			return errStopped
		}
		return nil
	}
	f := e.format
	if f == contactevents.FormatAuto {
		if detected, ok := contactevents.DetectFormat(data); ok {
			f = detected
		}
	}
	if !complete {
		rest := io.MultiReader(bytes.NewReader(data), r)
		if f == contactevents.FormatNDJSON {
			return e.lines(name, rest)
		}
		return e.decode(name, f, rest, nil)
	}
	switch f {
	case contactevents.FormatNDJSON:
		return e.lines(name, bytes.NewReader(data))
	case contactevents.FormatEventBridge, contactevents.FormatDetail:
		return e.parse(name, data, f)
	}
	// Anything else, including input with nothing recognisable (empty, a
	// scalar), which the decoder reports in its words.
	return e.decode(name, f, bytes.NewReader(data), data)
}

// options returns the SDK options for the engine's profile, the format f and
// a warnings collector (none when warns is nil).
func (e *engine) options(f contactevents.Format, warns *[]contactevents.Issue) []contactevents.Option {
	opts := []contactevents.Option{
		contactevents.WithProfile(e.profile),
		contactevents.WithFormat(f),
	}
	if warns != nil {
		opts = append(opts, contactevents.WithWarnings(func(i contactevents.Issue) { *warns = append(*warns, i) }))
	}
	if e.maxEvent > 0 {
		opts = append(opts, contactevents.WithMaxSize(e.maxEvent))
	}
	return opts
}

// decode reads the source with contactevents.NewDecoder: any format, one
// event at a time, in constant memory. f is the source's format as reported
// (detected or selected); data is the whole source when it is in memory (to
// locate problems), else nil.
func (e *engine) decode(name string, f contactevents.Format, r io.Reader, data []byte) error {
	var warns []contactevents.Issue
	w := where{data: data, line: 1, col: 1, format: f}
	for rec, err := range contactevents.NewDecoder(r, e.options(e.format, &warns)...).Records() {
		if rerr := readErrorOf(err); rerr != nil {
			return fmt.Errorf("%s: %w", name, rerr)
		}
		var canon []byte
		if err == nil && e.canonical {
			canon = rec.Event.AppendJSON(nil)
		}
		if err == nil && e.track != nil {
			e.track(rec.Event)
		}
		it := makeItem(rec, err, rec.Warnings, &w, canon)
		if err == nil && e.keep {
			it.event = rec.Event
		}
		warns = warns[:0]
		if !e.emit(name, string(f), &it) {
			return errStopped
		}
	}
	return nil
}

// parse validates a source that is one event document (an EventBridge event
// or a bare contact event, perhaps malformed) with Parse, which diagnoses
// every syntax defect with its line and column.
func (e *engine) parse(name string, data []byte, f contactevents.Format) error {
	var warns []contactevents.Issue
	ev, err := contactevents.Parse(data, e.options(e.format, &warns)...)
	var canon []byte
	if err == nil && e.canonical {
		canon = ev.AppendJSON(nil)
	}
	if err == nil && e.track != nil {
		e.track(ev)
	}
	it := makeItem(&contactevents.Record{Event: ev, Format: f}, err, warns, &where{data: data, line: 1, col: 1, format: f}, canon)
	if err == nil && e.keep {
		it.event = ev
	}
	if !e.emit(name, string(f), &it) {
		return errStopped
	}
	return nil
}

// readError marks an error of the source's reader, as opposed to a problem
// of its content.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// readErrorOf returns the read error of the source in the decoder's error,
// or nil: a read error ends the source.
func readErrorOf(err error) error {
	var re *readError
	if errors.As(err, &re) {
		return re.err
	}
	return nil
}

// countingReader counts the bytes read through it and marks read errors.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

// failingReader returns its error: the rest of a source after a read error.
type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

// readPrefix reads up to limit bytes of r. complete reports whether that is
// all of r.
func readPrefix(r io.Reader, limit int) (data []byte, complete bool, err error) {
	data = make([]byte, 0, 64<<10)
	for {
		if len(data) == cap(data) {
			if len(data) > limit {
				return data, false, nil
			}
			data = append(data, 0)[:len(data)] // grow
		}
		n, err := r.Read(data[len(data):min(cap(data), limit+1)])
		data = data[:len(data)+n]
		switch {
		case err == io.EOF:
			return data, true, nil
		case err != nil:
			return data, false, err
		case len(data) > limit:
			return data, false, nil
		}
	}
}
