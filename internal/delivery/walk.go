package delivery

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/connectevents/sdk-go/internal/scan"
)

// walker unwraps values and yields records. Its probes and scratch slices
// are reused from value to value so that unwrapping does not allocate.
type walker struct {
	yield func(Record, error) bool
	index int
	done  bool // yield asked to stop

	reader
	array scan.Skimmer // the records of a batch
	p     probe        // the value being unwrapped
	q     probe        // a document embedded in it
	br    batchRecord
	nr    nestedRecord
}

// loc is where a value sits in the input.
type loc struct {
	outer  Format // Record.Format; Auto: the value's own format
	nested bool   // the value is one of the values of an Array, NDJSON or Concatenated input
	ptr    string // pointer of the value within its top-level value
	off    int64  // input offset of the value
	line   int    // Record.Line
	col    int    // Record.Column
}

// emit yields a record and reports whether to go on.
func (w *walker) emit(r Record) bool {
	r.Index = w.index
	w.index++
	if !w.yield(r, nil) {
		w.done = true
	}
	return !w.done
}

// fail yields a *RecordError for r and reports whether to go on.
func (w *walker) fail(r Record, idField string, err error) bool {
	r.Index = w.index
	r.Data = nil
	w.index++
	if r.ID == "" {
		idField = ""
	}
	e := &RecordError{Index: r.Index, ID: r.ID, IDField: idField, Pointer: r.Pointer, Offset: r.Offset, Line: r.Line, Err: err}
	if !w.yield(r, e) {
		w.done = true
	}
	return !w.done
}

// malformed yields an object that is not valid JSON as a record, of the
// kind its top-level keys say (DocumentKind), for the caller's decoder to
// diagnose: the defects are reported once, by the reader that reports
// positions, not translated from this package's parser.
func (w *walker) malformed(v []byte, l loc) bool {
	doc, _ := DocumentKind(v)
	if l.outer == Auto {
		l.outer = doc
	}
	return w.dispatch(v, doc, l)
}

// records handles an input held in memory.
func (w *walker) records(data []byte, f Format) {
	switch {
	case f == Auto:
		if df, v, ok := w.detectSingle(&w.p, data, nil); ok {
			w.dispatch(v, df, loc{outer: df, off: int64(len(data) - len(skipWS(data)))})
			return
		}
		w.auto(newMemSplitter(data))
	case f.isContainer():
		w.container(newMemSplitter(data), f)
	case isSingle(f):
		v := trimWS(data)
		v = v[:len(v):len(v)]
		l := loc{outer: f, off: int64(len(data) - len(skipWS(data)))}
		r := Record{Format: f, Offset: l.off}
		if len(v) == 0 {
			w.fail(r, "", errors.New("empty input"))
			return
		}
		if v[0] != '{' {
			w.fail(r, "", fmt.Errorf("input is not a JSON object (starts with %q)", v[0]))
			return
		}
		if f == EventBridge || f == Detail {
			w.dispatch(v, f, l)
			return
		}
		_, rest, err := w.probeValue(&w.p, v, nil)
		if err == nil && len(rest) == 0 {
			err = w.validWrapper(v)
		}
		switch {
		case err != nil:
			w.fail(r, "", fmt.Errorf("not valid JSON: %w", err))
		case len(rest) != 0:
			w.fail(r, "", errors.New("unexpected data after the JSON value"))
		default:
			w.dispatch(v, f, l)
		}
	default:
		w.fail(Record{Format: f}, "", fmt.Errorf("unknown format %q", string(f)))
	}
}

// auto detects the layout of the splitter's input and unwraps its values.
func (w *walker) auto(s *splitter) {
	mode, first, ok := s.autoMode()
	switch {
	case !ok:
		return
	case mode == "" && first.err != nil:
		w.fail(Record{Format: Auto, Offset: first.off}, "", first.err)
		return
	case mode == "":
		w.autoValue(first.val, loc{outer: Auto, off: first.off}, nil)
		return
	case mode == Array:
	case first.err != nil:
		if !w.failItem(mode, first) || first.fatal {
			return
		}
	default:
		if !w.autoValue(first.val, itemLoc(mode, first), s) {
			return
		}
	}
	w.container(s, mode)
}

// container unwraps every value of an Array, NDJSON or Concatenated input.
func (w *walker) container(s *splitter, mode Format) {
	if mode == NDJSON {
		s.ndjson = true
	}
	if mode == Array {
		if _, more := s.skipSpace(); more && s.buf[s.pos] != '[' {
			w.fail(Record{Format: mode, Offset: s.offset(), Line: s.line}, "",
				fmt.Errorf("input is not a JSON array (starts with %q)", s.buf[s.pos]))
			return
		}
	}
	for !w.done {
		it, ok := s.next()
		if !ok {
			return
		}
		if it.err != nil {
			if !w.failItem(mode, it) || it.fatal {
				return
			}
			continue
		}
		if !w.autoValue(it.val, itemLoc(mode, it), s) {
			return
		}
	}
}

// itemLoc returns the location of a splitter item.
func itemLoc(mode Format, it item) loc {
	l := loc{outer: mode, nested: true, off: it.off, line: it.line, col: it.col}
	if it.elem >= 0 {
		l.ptr = "/" + strconv.Itoa(it.elem)
	}
	return l
}

// failItem yields the error of a splitter item.
func (w *walker) failItem(mode Format, it item) bool {
	l := itemLoc(mode, it)
	return w.fail(Record{Format: mode, Pointer: l.ptr, Offset: it.off, Line: it.line}, "", it.err)
}

// autoValue detects the format of one complete value and unwraps it. s, when
// not nil, is asked to resync after a value that is not JSON at all.
func (w *walker) autoValue(v []byte, l loc, s *splitter) bool {
	r := Record{Format: l.outer, Pointer: l.ptr, Offset: l.off, Line: l.line}
	var (
		k    valueKind
		rest []byte
		err  error
	)
	if v[0] == '{' {
		if w.envelopeFirst(&w.p, v) {
			// The splitter found where the value ends; its first envelope
			// key says what it is (the root rule): an EventBridge event,
			// for its decoder to read.
			if l.outer == Auto {
				l.outer = EventBridge
			}
			return w.dispatch(v, EventBridge, l)
		}
		var n int
		n, err = w.end() // the whole top level was read
		k, rest = '{', skipWS(v[n:])
	} else {
		k, rest, err = w.probeValue(&w.p, v, nil)
	}
	var f Format
	if err == nil && k == '{' && len(rest) == 0 {
		if f = w.classify(&w.p); isWrapper(f) {
			err = w.validWrapper(v)
		}
	}
	switch {
	case err != nil:
		if c := v[0]; c != '{' && c != '[' && c != '"' {
			// A junk token: the splitter must look for a fresh start.
			if s != nil {
				s.resyncPending = true
			}
			if bytes.HasPrefix(v, utf8BOM) {
				return w.fail(r, "", errors.New("not valid JSON: a UTF-8 byte order mark (U+FEFF), which may only start a file"))
			}
			return w.fail(r, "", fmt.Errorf("not valid JSON: invalid token %q", truncate(v, 32)))
		}
		if v[0] == '{' {
			return w.malformed(v, l)
		}
		return w.fail(r, "", fmt.Errorf("not valid JSON: %w", err))
	case k != '{':
		return w.fail(r, "", fmt.Errorf("the value is %s, not a JSON object", kindName(k)))
	case len(rest) != 0:
		return w.fail(r, "", errors.New("unexpected data after the JSON value"))
	}
	if l.outer == Auto {
		l.outer = f
	}
	return w.dispatch(v, f, l)
}

// dispatch unwraps value v of format f; for the wrapper formats w.p holds
// v's probe.
func (w *walker) dispatch(v []byte, f Format, l loc) bool {
	switch f {
	case EventBridge, Detail:
		return w.emit(Record{Format: l.outer, Inner: f, Doc: f, Pointer: l.ptr, Data: v, Offset: l.off, Line: l.line, Column: l.col})
	case SNS:
		return w.sns(l)
	case Firehose:
		return w.batch(w.p.RecordsLower, f, l)
	default:
		return w.batch(w.p.Records, f, l)
	}
}
