package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"

	"github.com/segmentio/encoding/json"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/delivery"
)

// prefixLimit is how much of a source is read before deciding how to read
// it; a source that fits is handled in memory (its format detected from the
// whole of it, problems located by line and column). It is four times the
// SDK's size limit for an event (and for a whole batch read by NewDecoder).
const prefixLimit = 4 * contactevents.DefaultMaxSize

// engine validates (and, for normalize, encodes) the events of sources and
// hands their items, in input order, to emit.
type engine struct {
	profile   contactevents.Profile
	format    contactevents.Format
	canonical bool // encode valid events (normalize)
	workers   int
	// emit receives every item of a source in order, on the goroutine that
	// called process; it returns false to stop.
	emit func(src string, format string, it *item) bool
	// read counts the bytes read from the sources, for the progress line.
	read atomic.Int64
}

// errStopped is returned by process when emit asked to stop.
var errStopped = errors.New("stopped")

// process reads the source r, named name, and emits its items. The error is
// an I/O error (or errStopped); invalid events are items, not errors.
func (e *engine) process(name string, r io.Reader) error {
	r = &countingReader{r: r, n: &e.read}
	data, complete, err := readPrefix(r, prefixLimit)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	f := e.format
	if !complete {
		rest := io.MultiReader(bytes.NewReader(data), r)
		if f == contactevents.FormatNDJSON || f == contactevents.FormatAuto && looksLikeNDJSON(data, false) {
			return e.lines(name, rest)
		}
		if f == contactevents.FormatAuto {
			f = contactevents.Format(delivery.Detect(data))
		}
		return e.decode(name, string(f), rest, nil)
	}

	detected := f
	if f == contactevents.FormatAuto {
		detected = contactevents.Format(delivery.Detect(data))
	}
	switch {
	case detected == contactevents.FormatNDJSON,
		detected == contactevents.FormatAuto && looksLikeNDJSON(data, true):
		return e.lines(name, bytes.NewReader(data))
	case (detected == contactevents.FormatAuto || detected == contactevents.FormatEventBridge || detected == contactevents.FormatDetail) &&
		firstByte(data) == '{' && !json.Valid(data):
		// One malformed document: Parse diagnoses every defect with its
		// line and column, where the decoder reports the first one only.
		return e.parse(name, data, f)
	}
	// Anything else, including input with nothing recognisable (empty, a
	// scalar), which the decoder reports in its words.
	return e.decode(name, string(detected), bytes.NewReader(data), data)
}

// options returns the SDK options for the engine's profile, the format f and
// a warnings collector.
func (e *engine) options(f contactevents.Format, warns *[]contactevents.Issue) []contactevents.Option {
	return []contactevents.Option{
		contactevents.WithProfile(e.profile),
		contactevents.WithFormat(f),
		contactevents.WithWarnings(func(i contactevents.Issue) { *warns = append(*warns, i) }),
	}
}

// decode reads the source with contactevents.NewDecoder: any format, one
// event at a time, in constant memory. format is the source's format as
// reported (detected or selected); data is the whole source when it is in
// memory (to locate problems), else nil.
func (e *engine) decode(name, format string, r io.Reader, data []byte) error {
	var warns []contactevents.Issue
	w := where{data: data, line: 1, col: 1, format: format}
	index := 0
	for ev, err := range contactevents.NewDecoder(r, e.options(e.format, &warns)...).All() {
		if rerr := readErrorOf(err); rerr != nil {
			return fmt.Errorf("%s: %w", name, rerr)
		}
		w.index = index
		index++
		var canon []byte
		if err == nil && e.canonical {
			canon = ev.AppendJSON(nil)
		}
		it := makeItem(ev, err, warns, &w, canon)
		it.index = w.index
		warns = warns[:0]
		if !e.emit(name, format, &it) {
			return errStopped
		}
	}
	return nil
}

// parse validates a source that is one malformed document with Parse.
func (e *engine) parse(name string, data []byte, f contactevents.Format) error {
	var warns []contactevents.Issue
	ev, err := contactevents.Parse(data, e.options(f, &warns)...)
	format := string(f)
	if f == contactevents.FormatAuto {
		// Parse decodes it as the document it looks like.
		format = string(contactevents.FormatDetail)
		if bytes.Contains(data, []byte(`"detail"`)) || bytes.Contains(data, []byte(`"detail-type"`)) {
			format = string(contactevents.FormatEventBridge)
		}
	}
	var canon []byte
	if err == nil && e.canonical {
		canon = ev.AppendJSON(nil)
	}
	it := makeItem(ev, err, warns, &where{data: data, line: 1, col: 1, format: format}, canon)
	if !e.emit(name, format, &it) {
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

// firstByte returns the first non-space byte of data, or 0.
func firstByte(data []byte) byte {
	if i := skipSpace(data, 0); i < len(data) {
		return data[i]
	}
	return 0
}

// looksLikeNDJSON reports whether data (the start of a source, or all of it
// when complete) is newline-delimited JSON: its first non-blank line is one
// JSON object, and a newline and another value follow it. That is the
// delivery layer's rule, except that a first line that is a broken object
// still counts, so that a dump whose first event is damaged is read line by
// line too.
func looksLikeNDJSON(data []byte, complete bool) bool {
	for {
		line, rest, found := bytes.Cut(data, []byte{'\n'})
		if !found && !complete {
			return false // the first line does not end in the prefix
		}
		if line = bytes.TrimSpace(line); len(line) == 0 {
			if !found {
				return false
			}
			data = rest
			continue
		}
		if len(line) < 2 || line[0] != '{' || line[len(line)-1] != '}' && !json.Valid(line) {
			return false
		}
		return found && len(bytes.TrimSpace(rest)) > 0
	}
}

// defaultWorkers is the number of decoding goroutines: one per processor
// Go may use (workersOverride, when set by a test).
func defaultWorkers() int {
	if workersOverride > 0 {
		return workersOverride
	}
	return max(1, runtime.GOMAXPROCS(0))
}

var workersOverride int
