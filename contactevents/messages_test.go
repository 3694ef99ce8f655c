package contactevents_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestLoneValueIsNoRecord: a payload that is one JSON value other than an
// object is not a batch; its error names no record (it said "record 0").
func TestLoneValueIsNoRecord(t *testing.T) {
	for in, want := range map[string]string{
		"null":  "contactevents: the value is null, not a JSON object",
		" 42\n": "contactevents: the value is a number, not a JSON object",
		`"x"`:   "contactevents: the value is a string, not a JSON object",
	} {
		_, err := contactevents.Parse([]byte(in))
		var re *contactevents.RecordError
		if err == nil || err.Error() != want || errors.As(err, &re) {
			t.Errorf("Parse(%q) = %v, want %q and no *RecordError", in, err, want)
		}
	}
	// In a stream, the record is named.
	_, err := contactevents.Parse([]byte("null\nnull\n"))
	var re *contactevents.RecordError
	if !errors.As(err, &re) {
		t.Errorf("Parse of two lines: %v, want a *RecordError", err)
	}
}

// TestTimestampZoneIsBlamed: a timestamp with a zone offset misses the
// layout because of its zone, and the message says so (not its fraction).
func TestTimestampZoneIsBlamed(t *testing.T) {
	for ts, want := range map[string]string{
		"2024-05-01T12:00:00.000+02:00":    "its zone is +02:00, and contact-event timestamps are in UTC, written with Z",
		"2024-05-01T12:00:00.123456-05:00": "its zone is -05:00",
		"2024-05-01T12:00:00.000z":         "it ends in a lower-case z",
	} {
		for _, p := range []contactevents.Profile{contactevents.Strict, contactevents.Compat} {
			errs, _ := issues(t, detail(`"initiationTimestamp":"`+ts+`"`), p)
			if len(errs) == 0 || !strings.Contains(errs[0].Message, "does not match the layout yyyy-MM-dd'T'HH:mm:ss.SSS'Z': "+want) {
				t.Errorf("%s, %s: %v, want %q", p, ts, errs, want)
			}
		}
	}
	// A UTC timestamp with the wrong fraction is not blamed on a zone.
	errs, _ := issues(t, detail(`"initiationTimestamp":"2024-05-01T12:00:00.1Z"`), contactevents.Strict)
	if len(errs) != 1 || strings.Contains(errs[0].Message, "zone") {
		t.Errorf("strict, one fraction digit: %v", errs)
	}
}
