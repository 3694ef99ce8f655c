package contactevents

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/connectevents/sdk-go/internal/timestamp"
)

// Timestamp is a contact-event timestamp. It tells apart three states that
// a time.Time cannot: absent (the key was not in the event), not set (the
// sentinel 1970-01-01T00:00:00.001Z that Amazon Connect sends for a
// timestamp it has no value for) and set. It keeps the number of fraction
// digits it was written with, so that it is written back the same way.
//
// The zero Timestamp is absent, and IsZero is how to ask: it is the method
// encoding/json's omitzero calls, so a Timestamp field tagged
// `json:",omitzero"` is left out exactly when absent, and there is no second
// name for the same question.
type Timestamp struct {
	// Seconds and nanoseconds since the Unix epoch rather than a time.Time:
	// no *Location pointer, so events hold less and copy without write
	// barriers. Time() builds the time.Time.
	sec    int64
	nsec   int32
	digits int8
	leap   bool // a leap second, written back as :60 (sec is the second after it)
	state  timestampState
	raw    string // the text, when it was not a valid timestamp (kept, not lost)
}

type timestampState uint8

const (
	timestampAbsent timestampState = iota
	timestampSet
	timestampNotSet
	timestampInvalid
)

// NewTimestamp returns a set timestamp with millisecond precision, the
// precision of contact timestamps.
func NewTimestamp(t time.Time) Timestamp {
	return at(t.Truncate(time.Millisecond), 3, timestampSet)
}

// NewTimestampDigits returns a set timestamp written with the given number
// of fraction digits (0 to 9): 0 for the envelope's time, which has none.
func NewTimestampDigits(t time.Time, digits int) Timestamp {
	digits = min(max(digits, 0), 9)
	unit := time.Duration(1)
	for i := digits; i < 9; i++ {
		unit *= 10
	}
	return at(t.Truncate(unit), int8(digits), timestampSet)
}

// timestampOf is called by the generated decoders with what they read.
func timestampOf(p timestamp.Parsed, valid bool, text, notSet string) Timestamp {
	switch {
	case !valid:
		return Timestamp{raw: text, state: timestampInvalid}
	case notSet != "" && text == notSet:
		return Timestamp{sec: p.Unix, nsec: p.Nsec, digits: p.Digits, state: timestampNotSet}
	}
	return Timestamp{sec: p.Unix, nsec: p.Nsec, digits: p.Digits, state: timestampSet, leap: p.Leap}
}

func at(t time.Time, digits int8, state timestampState) Timestamp {
	return Timestamp{sec: t.Unix(), nsec: int32(t.Nanosecond()), digits: digits, state: state}
}

// IsNotSet reports whether the event carried the not-set sentinel
// 1970-01-01T00:00:00.001Z.
func (t Timestamp) IsNotSet() bool { return t.state == timestampNotSet }

// IsSet reports whether the timestamp holds a real time: present, valid and
// not the not-set sentinel.
func (t Timestamp) IsSet() bool { return t.state == timestampSet }

// Time returns the time in UTC; the zero time unless IsSet (or IsNotSet,
// for which it returns the sentinel's time). A leap second (23:59:60) is
// returned as the second after it, since time.Time has none; String and the
// JSON encoding keep the :60.
func (t Timestamp) Time() time.Time {
	if t.state != timestampSet && t.state != timestampNotSet {
		return time.Time{}
	}
	return time.Unix(t.sec, int64(t.nsec)).UTC()
}

// UnixNano returns Time().UnixNano() without building the time.Time (a
// fold reading every timestamp of every event spent a tenth of its time
// there); 0 when Time is the zero time (absent, invalid).
func (t Timestamp) UnixNano() int64 {
	if t.state != timestampSet && t.state != timestampNotSet {
		return 0
	}
	return t.sec*1e9 + int64(t.nsec)
}

// String returns the timestamp as it is written in JSON, or "" when absent.
func (t Timestamp) String() string {
	switch t.state {
	case timestampAbsent:
		return ""
	case timestampInvalid:
		return t.raw
	}
	return string(t.appendText(nil))
}

// appendJSON appends the timestamp as a JSON string.
func (t Timestamp) appendJSON(b []byte) []byte {
	if t.state == timestampInvalid {
		return appendString(b, t.raw)
	}
	b = append(b, '"')
	b = t.appendText(b)
	return append(b, '"')
}

func (t Timestamp) appendText(b []byte) []byte {
	if t.leap {
		return timestamp.AppendLeap(b, t.Time(), t.digits)
	}
	return timestamp.Append(b, t.Time(), t.digits)
}

// Equal reports whether t and u are the same timestamp in the same state,
// so that go-cmp can compare events.
func (t Timestamp) Equal(u Timestamp) bool {
	return t == u
}

// IsZero reports whether the timestamp is absent (was not in the event):
// the zero Timestamp. A struct field tagged `json:",omitzero"` stays absent
// when marshaled. The not-set sentinel is not zero: it was in the event.
func (t Timestamp) IsZero() bool { return t.state == timestampAbsent }

// MarshalText returns the timestamp as it is written in an event (see
// String): empty when absent, the sentinel when not set, and the original
// text of a timestamp that was not valid.
func (t Timestamp) MarshalText() ([]byte, error) {
	return []byte(t.String()), nil
}

// UnmarshalText reads a timestamp as MarshalText writes it: empty text is
// absent, the schema's not-set sentinel is not set, and any RFC 3339 UTC
// time with 0 to 9 fraction digits ("2026-11-21T07:42:58Z",
// "2026-11-21T07:42:58.123Z") is set and keeps its number of digits. Other
// text is an error and leaves t unchanged.
func (t *Timestamp) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*t = Timestamp{}
		return nil
	}
	s := string(text)
	p, layoutOK, formatOK := timestamp.Parse(s, timestamp.Optional)
	if !layoutOK || !formatOK {
		return errors.New("contactevents: " + strconv.Quote(s) + " is not an RFC 3339 UTC timestamp (yyyy-MM-ddTHH:mm:ss[.fraction]Z)")
	}
	*t = timestampOf(p, true, s, notSetText(s))
	return nil
}

// MarshalJSON writes the timestamp as a JSON string, or null when it is
// absent, so that absent, not set and set survive a round trip through
// encoding/json in a struct of the caller's.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.state == timestampAbsent {
		return []byte("null"), nil
	}
	return t.appendJSON(nil), nil
}

// UnmarshalJSON reads what MarshalJSON writes: null is absent, a string is
// read by UnmarshalText.
func (t *Timestamp) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*t = Timestamp{}
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return errors.New("contactevents: a timestamp is a JSON string or null, not " + string(data))
	}
	if s == "" {
		return errors.New(`contactevents: "" is not an RFC 3339 UTC timestamp`)
	}
	return t.UnmarshalText([]byte(s))
}

// notSetText returns s when it is the schema's not-set sentinel, "" when not:
// what timestampOf compares the text with.
func notSetText(s string) string {
	if isNotSetText(s) {
		return s
	}
	return ""
}
