package contactevents

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/internal/issue"
	"github.com/connectevents/sdk-go/internal/scan"
)

// SyntaxError reports JSON that is not well formed, at a byte offset, line
// and column of the input, with what was expected. A trailing comma and
// data after the event (both in the documented samples) are named as such.
// When a payload has several recoverable defects (trailing commas), Parse
// returns them all, joined; errors.As finds the first.
//
// For a record decoded from a JSON string or base64 (an SQS body, Kinesis
// data), the position is within the decoded document; the *RecordError
// around it says where that document is.
type SyntaxError struct {
	Offset int64  // 0-based byte offset of the offending byte
	Line   int    // 1-based line of Offset
	Column int    // 1-based column of Offset, in UTF-8 characters from the start of the line
	Msg    string // what is wrong and what was expected, lower-case
}

// Error formats e as "line 3, column 9 (byte 57): trailing comma before '}'".
func (e *SyntaxError) Error() string {
	return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) +
		" (byte " + strconv.FormatInt(e.Offset, 10) + "): " + e.Msg
}

// syntaxErrors returns the scanner's syntax errors (in offset order) as the
// SDK's, moved to the place of the document in the input (see origin: a
// document decoded from a string or base64 keeps its own positions; one
// after others on its line has its first line's columns moved).
// One error comes alone, several joined.
func syntaxErrors(in []*scan.SyntaxError, from origin) error {
	errs := make([]error, len(in))
	for i, e := range in {
		se := &SyntaxError{Offset: e.Offset, Line: e.Line, Column: e.Column, Msg: e.Msg}
		if from.offset >= 0 {
			se.Offset += from.offset
			se.Line += max(from.line-1, 0)
			if e.Line == 1 && from.col > 1 {
				se.Column += from.col - 1
			}
		}
		errs[i] = se
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// ErrTooLarge is wrapped by the error for a payload or record over the size
// limit (WithMaxSize).
var ErrTooLarge = errors.New("over the size limit")

// ErrMultipleEvents is returned by Parse for a payload that holds more than
// one event (a batch, an array, NDJSON); use NewDecoder for those.
var ErrMultipleEvents = errors.New("payload holds more than one event; use NewDecoder")

// Severity says whether an Issue makes the event invalid. The zero
// Severity is none of them: every Issue the SDK reports has one of the
// constants, so an Issue literal that forgot its severity is not silently an
// error.
type Severity uint8

const (
	// SeverityError makes the event invalid under the profile in use.
	SeverityError Severity = iota + 1
	// SeverityWarning is reported (WithWarnings) but does not make the event
	// invalid: an unknown property or enum value under compat, a documented
	// rule that the profile only flags.
	SeverityWarning
)

// String returns "error" or "warning", and "Severity(N)" for any other
// value.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// severityOf is the SDK's Severity of a severity of the issue runtime.
func severityOf(s issue.Severity) Severity {
	if s == issue.Warning {
		return SeverityWarning
	}
	return SeverityError
}

// Issue is one finding about one value of an event.
type Issue struct {
	Severity Severity
	// InstanceLocation is the JSON Pointer of the value in the event
	// document (for a record of a batch, within the record's document).
	InstanceLocation string
	// KeywordLocation is the JSON Pointer of the rule in the profile schema
	// (schema/profiles/<profile>.schema.json), e.g. /$defs/Channel/enum, or
	// of an x- rule of the source schema for documented rules that JSON
	// Schema cannot express.
	KeywordLocation string
	Message         string
}

// String renders the issue for a person, as every message of the SDK, its
// test helpers and its command show it:
//
//	<instanceLocation> (<keywordLocation>): [warning: ]<message>
//
// with "(root)" for the root.
func (i Issue) String() string {
	loc := i.InstanceLocation
	if loc == "" {
		loc = "(root)"
	}
	msg := i.Message
	if i.Severity == SeverityWarning {
		msg = "warning: " + msg
	}
	return loc + " (" + i.KeywordLocation + "): " + msg
}

func issuesOf(in []issue.Issue) []Issue {
	out := make([]Issue, len(in))
	for i, x := range in {
		out[i] = Issue{severityOf(x.Severity), x.InstanceLocation, x.KeywordLocation, x.Message}
	}
	return out
}

// ValidationError lists every issue of an event that is not valid under the
// profile in use: all errors and all warnings, in document order.
type ValidationError struct {
	Profile Profile
	Issues  []Issue
}

// Errors returns the issues of severity error.
func (e *ValidationError) Errors() []Issue {
	var out []Issue
	for _, i := range e.Issues {
		if i.Severity == SeverityError {
			out = append(out, i)
		}
	}
	return out
}

// Error lists the first three errors, location first.
func (e *ValidationError) Error() string {
	errs := e.Errors()
	var b strings.Builder
	b.WriteString("contactevents: invalid under the " + string(e.Profile) + " profile: ")
	for i, x := range errs {
		if i == 3 {
			b.WriteString("; and " + strconv.Itoa(len(errs)-3) + " more")
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(x.String())
	}
	return b.String()
}

// OutputUnit is one error of the JSON Schema "basic" output format.
type OutputUnit struct {
	KeywordLocation  string `json:"keywordLocation"`
	InstanceLocation string `json:"instanceLocation"`
	Error            string `json:"error"`
}

// BasicOutput is the JSON Schema "basic" output format (draft 2020-12,
// section 12.4.2): a flat list of the errors.
type BasicOutput struct {
	Valid  bool         `json:"valid"`
	Errors []OutputUnit `json:"errors,omitempty"`
}

// BasicOutput renders the errors (not the warnings) in the JSON Schema
// "basic" output format.
func (e *ValidationError) BasicOutput() BasicOutput {
	out := BasicOutput{Valid: true}
	for _, i := range e.Errors() {
		out.Valid = false
		out.Errors = append(out.Errors, OutputUnit{i.KeywordLocation, i.InstanceLocation, i.Message})
	}
	return out
}

// NotContactEventError is returned for a JSON payload that is something
// else (a contact-flow Lambda invocation, a contact trace record, an
// EventBridge event of another source or detail-type), instead of a list of
// missing fields.
type NotContactEventError struct {
	What string // what the payload looks like, as a sentence
}

// Error says what the payload looks like.
func (e *NotContactEventError) Error() string {
	return "contactevents: the payload is " + e.What
}

// RecordError locates an error in a record of a batch or stream: its index,
// its identifier (SQS messageId, SNS MessageId, Kinesis eventID, Firehose
// recordId) and the JSON Pointer of the record within the payload. Err is
// a *SyntaxError, *ValidationError, *NotContactEventError or another error.
type RecordError struct {
	Index   int
	ID      string
	Pointer string
	Line    int   // 1-based line of the stream where the record starts, or 0
	Offset  int64 // byte offset of the record in the stream, or -1 when it was decoded from a string or base64
	Err     error
}

// Error names the record (index, ID, line, pointer), then its error (or
// says it has none, for a RecordError built without one).
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString("record " + strconv.Itoa(e.Index))
	if e.ID != "" {
		b.WriteString(" (" + e.ID + ")")
	}
	if e.Line > 0 {
		b.WriteString(" at line " + strconv.Itoa(e.Line))
	}
	if e.Pointer != "" {
		b.WriteString(" at " + e.Pointer)
	}
	if e.Err == nil {
		return b.String() + ": no error"
	}
	return b.String() + ": " + e.Err.Error()
}

// Unwrap returns the record's error.
func (e *RecordError) Unwrap() error { return e.Err }

// eventSizeError is the error for an event document over the event limit
// (WithMaxSize), and payloadSizeError for a payload over the payload limit
// (WithMaxPayloadSize): each names its own limit.
func eventSizeError(n, limit int) error {
	return fmt.Errorf("contactevents: event of %d bytes: %w of an event, %d bytes (by default EventBridge's event limit, 256 KiB)", n, ErrTooLarge, limit)
}

func payloadSizeError(n, limit int) error {
	return fmt.Errorf("contactevents: payload of %d bytes: %w of a payload, %d bytes", n, ErrTooLarge, limit)
}

// SplitErrors returns the individual errors in err, for reporting one per
// line: the several *SyntaxErrors of a payload with trailing commas (joined
// by Parse), each inside its own *RecordError when err names a record. Any
// other error comes back alone. (It is not named Errors, which is
// (*ValidationError).Errors: the issues of severity error of one event.)
func SplitErrors(err error) []error {
	if err == nil {
		return nil
	}
	var re *RecordError
	if errors.As(err, &re) {
		parts := SplitErrors(re.Err)
		if len(parts) == 1 {
			return []error{err}
		}
		out := make([]error, len(parts))
		for i, p := range parts {
			c := *re
			c.Err = p
			out[i] = &c
		}
		return out
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, SplitErrors(e)...)
		}
		return out
	}
	return []error{err}
}
