package contactevents_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// record is a struct of a user's: it holds timestamps taken from events and
// goes through encoding/json (a log line, a database row, a queue message).
type record struct {
	Initiated    contactevents.Timestamp  `json:"initiated"`
	Connected    contactevents.Timestamp  `json:"connected"`
	Disconnected contactevents.Timestamp  `json:"disconnected,omitzero"`
	Missing      contactevents.Timestamp  `json:"missing"`
	Ptr          *contactevents.Timestamp `json:"ptr,omitempty"`
}

// TestTimestampRoundTripsThroughEncodingJSON checks that set, not set and
// absent stay distinct through json.Marshal and json.Unmarshal of a user's
// struct, each written as an event writes it.
func TestTimestampRoundTripsThroughEncodingJSON(t *testing.T) {
	ev, err := contactevents.Parse([]byte(`{"eventType":"DISCONNECTED","contactId":"c","channel":"VOICE","instanceArn":"arn:aws:connect:us-east-1:111122223333:instance/i","initiationMethod":"INBOUND",` +
		`"initiationTimestamp":"2026-11-21T07:42:58.120Z","connectedToSystemTimestamp":"1970-01-01T00:00:00.001Z"}`))
	if err != nil {
		t.Fatal(err)
	}
	set := ev.Detail.InitiationTimestamp
	noSec := contactevents.NewTimestampDigits(time.Date(2026, 11, 21, 7, 42, 58, 0, time.UTC), 0)
	in := record{Initiated: set, Connected: ev.Detail.ConnectedToSystemTimestamp, Ptr: &noSec}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"initiated":"2026-11-21T07:42:58.120Z","connected":"1970-01-01T00:00:00.001Z","missing":null,"ptr":"2026-11-21T07:42:58Z"}`
	if string(b) != want {
		t.Fatalf("json.Marshal = %s\nwant          %s", b, want)
	}
	var out record
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !out.Initiated.Equal(set) || !out.Initiated.IsSet() || out.Initiated.String() != "2026-11-21T07:42:58.120Z" {
		t.Errorf("set: %v (%#v), want %v", out.Initiated, out.Initiated, set)
	}
	if !out.Connected.IsNotSet() || !out.Connected.Equal(ev.Detail.ConnectedToSystemTimestamp) {
		t.Errorf("not set: %#v", out.Connected)
	}
	if !out.Disconnected.IsZero() || !out.Missing.IsZero() {
		t.Errorf("absent: %#v %#v", out.Disconnected, out.Missing)
	}
	if out.Ptr == nil || !out.Ptr.Equal(noSec) || out.Ptr.String() != "2026-11-21T07:42:58Z" {
		t.Errorf("no fraction: %v", out.Ptr)
	}
}

func TestTimestampText(t *testing.T) {
	for _, s := range []string{"2026-11-21T07:42:58Z", "2026-11-21T07:42:58.1Z", "2026-11-21T07:42:58.123456789Z", "2016-12-31T23:59:60.500Z", "1970-01-01T00:00:00.001Z"} {
		var ts contactevents.Timestamp
		if err := ts.UnmarshalText([]byte(s)); err != nil {
			t.Errorf("UnmarshalText(%q): %v", s, err)
			continue
		}
		if b, _ := ts.MarshalText(); string(b) != s {
			t.Errorf("MarshalText after UnmarshalText(%q) = %q", s, b)
		}
	}
	var empty contactevents.Timestamp
	if err := empty.UnmarshalText(nil); err != nil || !empty.IsZero() {
		t.Errorf("empty text: %v, %#v", err, empty)
	}
	before := contactevents.NewTimestamp(time.Unix(1, 0))
	for _, bad := range []string{"2026-11-21 07:42:58Z", "2026-11-21T07:42:58+01:00", "2026-02-30T00:00:00Z", "yesterday"} {
		ts := before
		err := ts.UnmarshalText([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), "RFC 3339") || !ts.Equal(before) {
			t.Errorf("UnmarshalText(%q) = %v, value %v; want an error and the value unchanged", bad, err, ts)
		}
	}
	for _, bad := range []string{`12`, `""`, `{}`} {
		var ts contactevents.Timestamp
		if err := json.Unmarshal([]byte(bad), &ts); err == nil {
			t.Errorf("json.Unmarshal(%s) succeeds", bad)
		}
	}
}

// TestTimestampUnixNano: UnixNano is Time().UnixNano(), set or not set
// (the sentinel), and 0 for the absent timestamp.
func TestTimestampUnixNano(t *testing.T) {
	ev, err := contactevents.Parse([]byte(`{"eventType":"DISCONNECTED","contactId":"c","channel":"VOICE","instanceArn":"arn:aws:connect:us-east-1:111122223333:instance/i","initiationMethod":"INBOUND",` +
		`"initiationTimestamp":"2026-11-21T07:42:58.120Z","connectedToSystemTimestamp":"1970-01-01T00:00:00.001Z"}`))
	if err != nil {
		t.Fatal(err)
	}
	var leap contactevents.Timestamp
	if err := leap.UnmarshalText([]byte("2016-12-31T23:59:60.500Z")); err != nil {
		t.Fatal(err)
	}
	for _, ts := range []contactevents.Timestamp{ev.Detail.InitiationTimestamp, ev.Detail.ConnectedToSystemTimestamp, leap,
		contactevents.NewTimestampDigits(time.Date(1969, 7, 20, 20, 17, 40, 123456789, time.UTC), 9)} {
		if got, want := ts.UnixNano(), ts.Time().UnixNano(); got != want {
			t.Errorf("%v: UnixNano() = %d, want %d", ts, got, want)
		}
	}
	if got := ev.Detail.DisconnectTimestamp.UnixNano(); got != 0 {
		t.Errorf("absent: UnixNano() = %d, want 0", got)
	}
}
