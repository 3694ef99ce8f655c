package duckdb

import (
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/export"
)

// TestAbsentStringAfterAPresentOneIsNull pins what parquet-go v0.32.0 got
// wrong for an optional string column written from a Go string: an absent
// value ("") after a present one in the same file was read back as "", not
// NULL. The rows now hold *string (nil is NULL), for the generated columns
// (an optional string, an optional enum) and the export's own (unknown).
func TestAbsentStringAfterAPresentOneIsNull(t *testing.T) {
	var events []source
	for i := range 4 {
		ev := contacteventstest.NewEvent(contactevents.EventTypeDisconnected)
		ev.Detail.DisconnectReason = ""
		if i%2 == 1 {
			ev.Detail.RelatedContactID = "11111111-2222-3333-4444-555555555555"
			ev.Detail.DisconnectReason = contactevents.DisconnectReasonExpired
		}
		data := contacteventstest.Payload(ev)
		if i == 1 {
			// An unknown member, so that the unknown column has a value
			// before rows without one.
			data = append(data[:len(data)-1], `,"x-unknown":1}`...)
		}
		events = append(events, parse(t, "event", data))
	}
	dir := t.TempDir()
	exportTo(t, dir, export.PartitionNone, events)
	db := openDB(t)
	rows, err := db.Query("SELECT source_line, related_contact_id IS NULL, disconnect_reason IS NULL, unknown IS NULL FROM " + scan(dir) + " ORDER BY source_line")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var line int
		var related, reason, unknown bool
		if err := rows.Scan(&line, &related, &reason, &unknown); err != nil {
			t.Fatal(err)
		}
		n++
		absent := line%2 == 1 // source lines are 1-based: events 0 and 2
		if related != absent || reason != absent || unknown != (line != 2) {
			t.Errorf("line %d: related_contact_id, disconnect_reason, unknown IS NULL = %v, %v, %v; want %v, %v, %v",
				line, related, reason, unknown, absent, absent, line != 2)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(events) {
		t.Fatalf("%d rows, want %d", n, len(events))
	}
	checkRows(t, db, dir, events)
}
