package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Output modes of the reporter.
const (
	outputText      = "text"      // validate: a line per problem, then a summary
	outputJSON      = "json"      // validate: a JSON object per event
	outputNormalize = "normalize" // normalize: canonical events; problems on stderr
	outputContacts  = "contacts"  // contacts: the invalid events' problems on stderr (the summaries are written at the end)
)

// reporter writes the items of every source, in order, and counts them.
type reporter struct {
	mode     string
	out      *bufio.Writer // stdout
	diag     *bufio.Writer // stderr
	progress *progress

	events, valid, invalid, warnings int
	issues                           issueKinds // the problem lines printed and left out
	unread                           int        // sources that could not be read (to their end)
	empty                            int        // sources without a byte of content
	err                              error      // the first write error
}

// sourceFailed reports the I/O error that ended the source name: on stderr
// and, with --output json, as a record of its own on stdout,
// {"source":...,"error":...}, so that a consumer of the output sees that
// events may be missing; the summary counts it.
func (r *reporter) sourceFailed(name string, err error) {
	r.unread++
	// The error names the source (os and S3 errors name it their way); the
	// SDK's prefix is the command's own.
	msg := strings.Replace(err.Error(), name+": contactevents: ", name+": ", 1)
	r.progress.clear()
	if r.mode == outputJSON {
		b := append([]byte(`{"source":`), appendJSONString(nil, name)...)
		b = append(b, `,"error":`...)
		b = appendJSONString(b, strings.TrimPrefix(strings.TrimPrefix(msg, name+": "), "contactevents: "))
		r.out.Write(append(b, "}\n"...))
	}
	r.out.Flush()
	r.diag.WriteString("contactevents: " + strings.TrimPrefix(msg, "contactevents: ") + "\n")
	r.diag.Flush()
}

// emptySource says that the source name holds no event, where the problems
// go (stdout for text, stderr otherwise), and counts it for the summary.
func (r *reporter) emptySource(name string) {
	r.empty++
	r.progress.clear()
	w := r.diag
	if r.mode == outputText {
		w = r.out
	}
	w.WriteString(name + ": warning: empty, no events\n")
}

// emit writes one item; it returns false once writing has failed.
func (r *reporter) emit(src, format string, it *item) bool {
	if it.empty {
		r.emptySource(src)
		return r.err == nil
	}
	r.events++
	if it.valid {
		r.valid++
	} else {
		r.invalid++
	}
	for i := range it.problems {
		if it.problems[i].warning {
			r.warnings++
		}
	}
	switch r.mode {
	case outputJSON:
		r.out.Write(appendJSONItem(nil, src, format, it))
	case outputContacts:
		if !it.valid {
			r.problems(r.diag, src, it)
		}
	case outputNormalize:
		if it.valid {
			r.out.Write(it.canonical)
			r.out.WriteByte('\n')
		}
		r.problems(r.diag, src, it) // errors, and the warnings of valid events
	default:
		r.problems(r.out, src, it)
	}
	r.progress.tick(r.events)
	if _, err := r.out.Write(nil); err != nil && r.err == nil {
		r.err = err
	}
	return r.err == nil
}

// finish flushes the output and returns the exit status of a run: 2 for a
// write error or the status of an I/O error, 1 when an event was invalid or
// when empty (then saying so, in the words of none), else 0.
func (r *reporter) finish(stderr io.Writer, status int, empty bool, none string) int {
	if err := r.out.Flush(); err != nil && r.err == nil {
		r.err = err
	}
	r.diag.Flush()
	switch {
	case r.err != nil:
		fmt.Fprintf(stderr, "contactevents: writing the output: %v\n", r.err)
		return exitError
	case status != exitValid:
		return status
	case r.invalid > 0:
		return exitInvalid
	case empty:
		fmt.Fprintln(stderr, "contactevents: "+none)
		return exitInvalid
	}
	return exitValid
}

// problems writes the problems of an item as text lines:
//
//	file:line:column: location (keywordLocation): message
func (r *reporter) problems(w *bufio.Writer, src string, it *item) {
	if len(it.problems) == 0 {
		return
	}
	r.progress.clear()
	var b []byte
	omitted := 0
	for i := range it.problems {
		p := &it.problems[i]
		kind, show := r.issues.add(p, i)
		if !show && kind.example != "" {
			omitted++ // neither printed nor the first of its kind: not rendered
			continue
		}
		start := len(b)
		b = appendProblem(b, src, it, p)
		if kind.example == "" {
			kind.example = string(b[start : len(b)-1])
		}
		if !show {
			b = b[:start]
			omitted++
		}
	}
	if omitted > 0 && (r.issues.max == 0 || r.issues.shown < r.issues.max) {
		// The event's own limit cut it short: say so where it starts.
		r.issues.shown++
		b = appendPosition(b, src, it.problems[0].line, it.problems[0].col)
		b = append(b, "and "...)
		b = strconv.AppendInt(b, int64(omitted), 10)
		b = append(b, plural(omitted, " more problem in this event\n", " more problems in this event\n")...)
	}
	w.Write(b)
	if r.progress.enabled() {
		w.Flush() // keep the terminal in order with the progress line
	}
}

// appendProblem appends the text line of problem p of it:
//
//	file:line:column: location (keywordLocation): message
func appendProblem(b []byte, src string, it *item, p *problem) []byte {
	b = appendPosition(b, src, p.line, p.col)
	b = append(b, it.location(p)...)
	if p.keyword != "" {
		b = append(b, " ("...)
		b = append(b, p.keyword...)
		b = append(b, ')')
	}
	b = append(b, ": "...)
	if p.warning {
		b = append(b, "warning: "...)
	}
	b = append(b, p.message...)
	return append(b, '\n')
}

// appendPosition appends "file:line:column: " (1:1 when unknown).
func appendPosition(b []byte, src string, line, col int) []byte {
	if line <= 0 {
		line, col = 1, 1
	}
	b = append(b, src...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(line), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(col), 10)
	return append(b, ": "...)
}

// summary returns the last line of the text output. It starts with the
// count, so that it is never mistaken for a test runner's verdict ("ok",
// "PASS", "FAIL", "--- FAIL") by a person or a tool reading a CI log.
func (r *reporter) summary() string {
	s := strconv.Itoa(r.events) + plural(r.events, " event", " events") + ": " +
		strconv.Itoa(r.valid) + " valid, " + strconv.Itoa(r.invalid) + " invalid (" +
		strconv.Itoa(r.warnings) + plural(r.warnings, " warning)", " warnings)")
	if r.empty > 0 {
		s += "; " + strconv.Itoa(r.empty) + plural(r.empty, " source", " sources") + " empty"
	}
	return s + r.unreadNote()
}

// unreadNote is what a summary line adds when a source could not be read.
func (r *reporter) unreadNote() string {
	if r.unread == 0 {
		return ""
	}
	return "; " + strconv.Itoa(r.unread) + plural(r.unread, " source", " sources") + " could not be read"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// appendJSONItem appends the JSON output line of an item:
//
//	{"source":..., "index":..., "valid":..., "format":..., "eventType":...,
//	 "errors":[...], "warnings":[...]}
//
// plus "id" and "pointer" for a record of a batch or array.
func appendJSONItem(b []byte, src, format string, it *item) []byte {
	b = append(b, `{"source":`...)
	b = appendJSONString(b, src)
	b = append(b, `,"index":`...)
	b = strconv.AppendInt(b, int64(it.index), 10)
	b = append(b, `,"valid":`...)
	b = strconv.AppendBool(b, it.valid)
	b = append(b, `,"format":`...)
	b = appendJSONString(b, format)
	b = append(b, `,"eventType":`...)
	b = appendJSONString(b, it.eventType)
	if it.id != "" {
		b = append(b, `,"id":`...)
		b = appendJSONString(b, it.id)
	}
	if it.pointer != "" {
		b = append(b, `,"pointer":`...)
		b = appendJSONString(b, it.pointer)
	}
	for _, warnings := range []bool{false, true} {
		if warnings {
			b = append(b, `,"warnings":[`...)
		} else {
			b = append(b, `,"errors":[`...)
		}
		n := 0
		for i := range it.problems {
			p := &it.problems[i]
			if p.warning != warnings {
				continue
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, `{"instanceLocation":`...)
			b = appendJSONString(b, p.instance)
			b = append(b, `,"keywordLocation":`...)
			b = appendJSONString(b, p.keyword)
			b = append(b, `,"message":`...)
			b = appendJSONString(b, p.message)
			if p.line > 0 {
				b = append(b, `,"line":`...)
				b = strconv.AppendInt(b, int64(p.line), 10)
				b = append(b, `,"column":`...)
				b = strconv.AppendInt(b, int64(p.col), 10)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
