package main

import (
	"errors"
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
)

// item is the outcome of one event (or one record that failed before it
// became an event) of a source, ready to be reported.
type item struct {
	index     int // the position of the record in its source, from 0
	valid     bool
	eventType string
	id        string // the record's identifier in its batch, if any
	pointer   string // the record's JSON Pointer in its input, if any
	embedded  bool   // the record was decoded from a string (an SQS body, base64 data) at pointer
	label     string // names the record when its position is not known: "record 3"
	line, col int    // where the record starts in the source; 0 when unknown
	problems  []problem
	canonical []byte               // the canonical JSON of a valid event (normalize only)
	event     *contactevents.Event // the valid event (export only)
	empty     bool                 // not an event: the source is empty (or only white space)
}

// problem is one error or warning of an item.
type problem struct {
	warning   bool
	syntax    bool
	instance  string // JSON Pointer within the event document
	keyword   string // JSON Pointer within the profile schema
	message   string
	line, col int // where it is in the source; 0 when unknown
}

// where tells makeItem how an event document relates to its source, to turn
// JSON Pointers and syntax positions into lines and columns of the source.
type where struct {
	// data is the text the record was read from (the whole input, or one
	// NDJSON line), when it is at hand; nil for a stream.
	data []byte
	// line and col are where data starts in the source (1-based).
	line, col int
	// format is the delivery format of data (or of the stream).
	format contactevents.Format
}

// position converts a position in w.data to a line and column of the
// source.
func (w *where) position(p contactevents.Position) (line, col int) {
	if p.Line == 1 {
		p.Column += w.col - 1
	}
	return w.line + p.Line - 1, p.Column
}

// locate returns the position in w.data of the value that ptr names (see
// contactevents.Locate), whether it was found, and whether it is a JSON
// string (a record embedded in one cannot be followed into).
func (w *where) locate(ptr string) (p contactevents.Position, exact, isString bool) {
	if ptr == "" && len(w.data) > 0 && !isJSONSpace(w.data[0]) {
		// The document itself, where data starts (an NDJSON line, trimmed,
		// every line's case): Locate's answer without its scanner.
		return contactevents.Position{Line: 1, Column: 1}, true, w.data[0] == '"'
	}
	p, exact = contactevents.Locate(w.data, ptr)
	return p, exact, p.Offset < int64(len(w.data)) && w.data[p.Offset] == '"'
}

// isJSONSpace reports whether c is JSON white space (RFC 8259).
func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// makeItem turns what the SDK yielded for one record (rec, from
// Decoder.Records or made for Parse's one event) into an item. warns are the
// warnings reported for a valid event.
func makeItem(rec *contactevents.Record, err error, warns []contactevents.Issue, w *where, canonical []byte) item {
	it := item{index: rec.Index, valid: err == nil, id: rec.ID, pointer: rec.Pointer}
	if rec.Event != nil {
		it.eventType = eventTypeName(rec.Event.Detail.EventType)
	}
	line := rec.Line // where the record's value starts in a stream, or 0
	re := recordErrorOf(err)
	if re != nil {
		it.id, it.pointer, line = re.ID, re.Pointer, re.Line
	}

	// Where the record's document is in w.data: at its pointer when the
	// document is a verbatim slice of data (an array element, the input
	// itself), else at the string that holds it. In concatenated values
	// nothing says where the record starts (the pointer is relative to its
	// value): the record is named by its index instead.
	inString := false // the record was decoded from a JSON string or base64
	switch w.format {
	case contactevents.FormatConcatenated, contactevents.FormatNDJSON:
		it.label = "record " + strconv.Itoa(it.index)
		it.embedded = true
		inString = it.pointer != ""
		it.line, it.col = w.line, w.col
		if line > 0 && w.format == contactevents.FormatConcatenated {
			// Lines of the stream itself (NDJSON lines come with w.line).
			it.line, it.col = line, max(rec.Column, 1)
		}
	default:
		if w.data == nil {
			it.embedded = it.pointer != "" && w.format != contactevents.FormatArray
			inString = it.embedded
			it.line, it.col = w.line, w.col
			if line > 0 && rec.Offset >= 0 {
				it.line, it.col = line, max(rec.Column, 1)
			}
			break
		}
		p, exact, isString := w.locate(it.pointer)
		it.embedded = !exact || isString
		inString = isString
		it.line, it.col = w.position(p)
	}
	embedded := it.embedded
	// A document that is a verbatim part of the source, at it.line and
	// it.col: the record's own (a stream's values), or the line being read.
	doc := rec.Data
	if doc == nil && it.pointer == "" && w.format == contactevents.FormatNDJSON {
		doc = w.data
	}
	verbatim := doc != nil && rec.Offset >= 0 && it.pointer == "" && !inString
	var errs []error // err's errors, one by one
	if err != nil {
		errs = contactevents.SplitErrors(err)
	}
	inDoc := verbatim && (w.data == nil || embedded) // issues are located in doc, else in w.data
	located := locateMany(errs, warns, func(instances []string) []contactevents.Position {
		if inDoc {
			return contactevents.LocateAll(doc, instances)
		}
		if w.data == nil || embedded {
			return nil
		}
		ptrs := make([]string, len(instances))
		for i, in := range instances {
			ptrs[i] = it.pointer + in
		}
		return contactevents.LocateAll(w.data, ptrs)
	})
	locateIssue := func(instance string) (int, int) {
		p, ok := located[instance]
		if inDoc {
			if !ok {
				p, _ = contactevents.Locate(doc, instance)
			}
			if p.Line == 1 {
				return it.line, it.col + p.Column - 1
			}
			return it.line + p.Line - 1, p.Column
		}
		if w.data == nil || embedded {
			return it.line, it.col
		}
		if !ok {
			p, _, _ = w.locate(it.pointer + instance)
		}
		return w.position(p)
	}

	for _, i := range warns {
		l, c := locateIssue(i.InstanceLocation)
		it.problems = append(it.problems, problem{warning: true, instance: i.InstanceLocation, keyword: i.KeywordLocation, message: i.Message, line: l, col: c})
	}
	if err == nil {
		it.canonical = canonical
		return it
	}
	for _, e := range errs {
		var se *contactevents.SyntaxError
		var ve *contactevents.ValidationError
		switch {
		case errors.As(e, &se):
			p := problem{syntax: true, message: se.Msg, line: it.line, col: it.col}
			if !inString {
				// The position is within the input the SDK read: w.data,
				// or the stream.
				p.line = w.line + se.Line - 1
				p.col = se.Column
				if se.Line == 1 {
					p.col += w.col - 1
				}
			}
			it.problems = append(it.problems, p)
		case errors.As(e, &ve):
			for _, i := range ve.Issues {
				l, c := locateIssue(i.InstanceLocation)
				it.problems = append(it.problems, problem{warning: i.Severity == contactevents.SeverityWarning, instance: i.InstanceLocation, keyword: i.KeywordLocation, message: i.Message, line: l, col: c})
			}
		default:
			msg := e.Error()
			if re != nil {
				if inner := recordErrorOf(e); inner != nil {
					re = inner
					msg = re.Err.Error()
				}
			}
			msg = strings.TrimPrefix(msg, "contactevents: ")
			it.problems = append(it.problems, problem{message: msg, line: it.line, col: it.col})
		}
	}
	return it
}

// recordErrorOf returns the *contactevents.RecordError in err, or nil
// (without the allocation of errors.As's target for an event without one).
func recordErrorOf(err error) *contactevents.RecordError {
	if err == nil {
		return nil
	}
	var re *contactevents.RecordError
	if errors.As(err, &re) {
		return re
	}
	return nil
}

// eventTypes are the known event types' names, which an item's type is
// one of but for an invalid event.
var eventTypes = func() map[contactevents.EventType]string {
	m := map[contactevents.EventType]string{}
	for _, t := range contactevents.EventType("").Values() {
		m[t] = string(t)
	}
	return m
}()

// eventTypeName returns t as a string of its own: t may point into storage
// that the next event overwrites (a Parser's), and an item outlives it. A
// known type is its constant's name, without a copy a line.
func eventTypeName(t contactevents.EventType) string {
	if name, ok := eventTypes[t]; ok {
		return name
	}
	return strings.Clone(string(t))
}

// location renders where a problem is in the event, for text output: the
// record's pointer (for a record of a batch or array) and the instance
// location within it.
func (it *item) location(p *problem) string {
	if p.syntax {
		return "syntax error"
	}
	prefix := it.pointer
	if it.label != "" {
		prefix = strings.TrimSpace(it.label + " " + it.pointer)
	}
	switch {
	case prefix == "" && p.instance == "":
		return "(root)"
	case prefix == "":
		return p.instance
	case p.instance == "" && p.keyword == "":
		return prefix
	case it.label != "" && it.pointer == "":
		return prefix + " " + p.instance
	case !it.embedded:
		return prefix + p.instance
	}
	return prefix + "#" + p.instance
}
