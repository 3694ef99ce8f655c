package duckdb

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/contacts"
	"github.com/connectevents/sdk-go/contactevents/export"
)

// contactStream is the events of lifecycles of every kind on every
// channel (some missing an event), each delivered once or twice, one with
// a second content of its id (two conflicts), shuffled.
func contactStream() []*contactevents.Event {
	r := rand.New(rand.NewPCG(21, 1))
	channels := []contactevents.Channel{contactevents.ChannelVoice, contactevents.ChannelChat, contactevents.ChannelTask, contactevents.ChannelEmail}
	missing := []contactevents.EventType{contactevents.EventTypeInitiated, contactevents.EventTypeQueued,
		contactevents.EventTypeConnectedToAgent, contactevents.EventTypeDisconnected, contactevents.EventTypeCompleted}
	var out []*contactevents.Event
	seed := uint64(0)
	for _, kind := range contacteventstest.LifecycleKind("").Values() {
		for _, ch := range channels {
			for range 3 {
				seed++
				evs := contacteventstest.Lifecycle(kind, ch, seed)
				if seed%3 == 0 {
					evs = contacteventstest.Without(evs, missing[int(seed/3)%len(missing)])
				}
				for _, ev := range evs {
					out = append(out, ev)
					if r.IntN(2) == 0 {
						out = append(out, ev)
					}
				}
			}
		}
	}
	changed := *out[0]
	changed.Detail.Channel = contactevents.ChannelTask
	out = append(out, &changed)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// TestContactsReadBack: export.ContactWriter's files of the summaries of a
// stream, read by DuckDB with hive_partitioning, are one row per contact,
// each in the hour partition of its initiation, with the values of
// contacts.Tracker.Summaries() of the stream, column by column; and the
// columns DuckDB sees are ContactColumns (which the DDL is written from),
// then the partition columns.
func TestContactsReadBack(t *testing.T) {
	tr := contacts.New()
	for _, ev := range contactStream() {
		tr.Add(ev)
	}
	summaries := tr.Summaries()
	dir := t.TempDir()
	w, err := export.NewContactWriter(export.Options{Create: export.DirFiles(dir), Partition: export.PartitionHour})
	if err != nil {
		t.Fatal(err)
	}
	for i := range summaries {
		if err := w.Write(&summaries[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)

	cols := export.ContactColumns()
	var names, described []string
	for _, c := range cols {
		names = append(names, `"`+c.Name+`"`)
	}
	rows, err := db.Query("SELECT column_name FROM (DESCRIBE SELECT * FROM " + scan(dir) + ")")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		described = append(described, `"`+n+`"`)
	}
	rows.Close()
	if want := append(slices.Clone(names), `"dt"`, `"hour"`); !slices.Equal(described, want) {
		t.Errorf("DuckDB's columns:\n%s\nwant ContactColumns and the partitions:\n%s", strings.Join(described, " "), strings.Join(want, " "))
	}

	var n, distinct int
	if err := db.QueryRow("SELECT count(*), count(DISTINCT contact_id) FROM "+scan(dir)).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n != len(summaries) || distinct != n {
		t.Fatalf("%d rows of %d contacts, want one per contact (%d)", n, distinct, len(summaries))
	}

	rows, err = db.Query("SELECT " + strings.Join(names, ", ") + ", CAST(dt AS VARCHAR), CAST(hour AS INTEGER) FROM " + scan(dir) + " ORDER BY contact_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	vals := make([]any, len(cols)+2)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	conflicts, i := 0, 0
	for ; rows.Next(); i++ {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		got := map[string]any{"dt": vals[len(cols)], "hour": vals[len(cols)+1]}
		for j, c := range cols {
			got[c.Name] = actual(t, vals[j], c)
		}
		s := &summaries[i]
		want := expectedContact(s)
		conflicts += len(s.Conflicts)
		if !reflect.DeepEqual(got, want) {
			for k := range want {
				if !reflect.DeepEqual(got[k], want[k]) {
					t.Errorf("contact %s: column %s:\n got %#v\nwant %#v", s.ContactID, k, got[k], want[k])
				}
			}
			if t.Failed() && i > 5 {
				t.Fatal("too many rows differ")
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(summaries) || conflicts == 0 {
		t.Errorf("%d rows compared, %d conflicts; want %d rows, some conflicts", i, conflicts, len(summaries))
	}
}

// expectedContact is the row of s as DuckDB gives it, from the Summary's
// fields: what is not known is NULL, times are to the millisecond, in UTC,
// durations whole milliseconds, and the row is in the hour partition of
// the contact's initiation (every lifecycle has an initiationTimestamp).
func expectedContact(s *contacts.Summary) map[string]any {
	str := func(v string) any {
		if v == "" {
			return nil
		}
		return v
	}
	ts := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.Truncate(time.Millisecond).UTC()
	}
	ms := func(d *time.Duration) any {
		if d == nil {
			return nil
		}
		return d.Milliseconds()
	}
	var conflicts any
	if len(s.Conflicts) > 0 {
		var list []any
		for _, c := range s.Conflicts {
			var values []any
			for _, v := range c.Values {
				values = append(values, v)
			}
			list = append(list, map[string]any{"fact": c.Fact, "values": values})
		}
		conflicts = list
	}
	return map[string]any{
		"contact_id": s.ContactID, "channel": str(string(s.Channel)), "initiation_method": str(string(s.InitiationMethod)),
		"state": str(string(s.State)), "state_time": ts(s.StateTime),
		"initial_contact_id": str(s.InitialContactID), "previous_contact_id": str(s.PreviousContactID), "related_contact_id": str(s.RelatedContactID),
		"queue_arn": str(s.QueueARN), "agent_arn": str(s.AgentARN),
		"initiation_timestamp": ts(s.Initiated), "connected_to_system_timestamp": ts(s.ConnectedToSystem),
		"enqueue_timestamp": ts(s.Enqueued), "connected_to_agent_timestamp": ts(s.ConnectedToAgent),
		"disconnect_timestamp": ts(s.Disconnected), "after_contact_work_start_timestamp": ts(s.AfterContactWorkStart),
		"after_contact_work_end_timestamp": ts(s.AfterContactWorkEnd),
		"queue_wait_millis":                ms(s.QueueWait), "agent_interaction_and_hold_millis": ms(s.AgentInteractionAndHold),
		"after_contact_work_millis": ms(s.AfterContactWork), "handle_millis": ms(s.Handle),
		"disconnect_reason": str(string(s.DisconnectReason)),
		"abandoned":         s.Abandoned, "queued_for_callback": s.QueuedForCallback, "complete": s.Complete,
		"events": int64(s.Events), "duplicates": int64(s.Duplicates), "last_event": ts(s.LastEvent),
		"conflicts": conflicts,
		"dt":        s.Initiated.UTC().Format("2006-01-02"), "hour": int32(s.Initiated.UTC().Hour()),
	}
}
