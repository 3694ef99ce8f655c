package export

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync"
	"time"

	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// contactRow is the Parquet row of one contact summary (contacts.Summary):
// its columns are the snake_case of the keys of the summary's JSON
// (Summary.MarshalJSON), which are in the key tags, and the contact's
// timestamps have the names of the event rows' columns (enqueue_timestamp,
// ...), so that the two tables join on contact_id. Durations are whole
// milliseconds, as in the JSON; what is not known is NULL. Its struct tags
// are the Parquet schema, and ContactColumns reads them.
type contactRow struct {
	ContactID         string            `key:"contactId" parquet:"contact_id"`
	Channel           *string           `key:"channel" parquet:"channel,optional"`
	InitiationMethod  *string           `key:"initiationMethod" parquet:"initiation_method,optional"`
	State             *string           `key:"state" parquet:"state,optional"`
	StateTime         *int64            `key:"stateTime" parquet:"state_time,optional,timestamp(millisecond)"`
	InitialContactID  *string           `key:"initialContactId" parquet:"initial_contact_id,optional"`
	PreviousContactID *string           `key:"previousContactId" parquet:"previous_contact_id,optional"`
	RelatedContactID  *string           `key:"relatedContactId" parquet:"related_contact_id,optional"`
	QueueARN          *string           `key:"queueArn" parquet:"queue_arn,optional"`
	AgentARN          *string           `key:"agentArn" parquet:"agent_arn,optional"`
	Initiated         *int64            `key:"initiationTimestamp" parquet:"initiation_timestamp,optional,timestamp(millisecond)"`
	ConnectedToSystem *int64            `key:"connectedToSystemTimestamp" parquet:"connected_to_system_timestamp,optional,timestamp(millisecond)"`
	Enqueued          *int64            `key:"enqueueTimestamp" parquet:"enqueue_timestamp,optional,timestamp(millisecond)"`
	ConnectedToAgent  *int64            `key:"connectedToAgentTimestamp" parquet:"connected_to_agent_timestamp,optional,timestamp(millisecond)"`
	Disconnected      *int64            `key:"disconnectTimestamp" parquet:"disconnect_timestamp,optional,timestamp(millisecond)"`
	ACWStart          *int64            `key:"afterContactWorkStartTimestamp" parquet:"after_contact_work_start_timestamp,optional,timestamp(millisecond)"`
	ACWEnd            *int64            `key:"afterContactWorkEndTimestamp" parquet:"after_contact_work_end_timestamp,optional,timestamp(millisecond)"`
	QueueWait         *int64            `key:"queueWaitMillis" parquet:"queue_wait_millis,optional"`
	InteractionHold   *int64            `key:"agentInteractionAndHoldMillis" parquet:"agent_interaction_and_hold_millis,optional"`
	AfterContactWork  *int64            `key:"afterContactWorkMillis" parquet:"after_contact_work_millis,optional"`
	Handle            *int64            `key:"handleMillis" parquet:"handle_millis,optional"`
	DisconnectReason  *string           `key:"disconnectReason" parquet:"disconnect_reason,optional"`
	Abandoned         bool              `key:"abandoned" parquet:"abandoned"`
	QueuedForCallback bool              `key:"queuedForCallback" parquet:"queued_for_callback"`
	Complete          bool              `key:"complete" parquet:"complete"`
	Events            int64             `key:"events" parquet:"events"`
	Duplicates        int64             `key:"duplicates" parquet:"duplicates"`
	LastEvent         *int64            `key:"lastEvent" parquet:"last_event,optional,timestamp(millisecond)"`
	Conflicts         []contactConflict `key:"conflicts" parquet:"conflicts,optional,list"`

	// What the pointers point to: a row allocates nothing. Strings are
	// pointers too: parquet-go (v0.32) writes the empty string of an
	// optional string field sometimes as NULL, sometimes as "" (its issue
	// 154), a nil pointer always as NULL.
	store [14]int64
	strs  [9]string
}

// contactConflict is a contacts.Conflict: the fact, and every value seen.
type contactConflict struct {
	Fact   string   `parquet:"fact"`
	Values []string `parquet:"values,list"`
}

func (r *contactRow) fill(s *contacts.Summary) {
	n, m := 0, 0
	str := func(v string) *string {
		if v == "" {
			return nil
		}
		p := &r.strs[m]
		m++
		*p = v
		return p
	}
	ms := func(t time.Time) *int64 {
		if t.IsZero() {
			return nil
		}
		p := &r.store[n]
		n++
		*p = t.UnixMilli()
		return p
	}
	dur := func(d *time.Duration) *int64 {
		if d == nil {
			return nil
		}
		p := &r.store[n]
		n++
		*p = d.Milliseconds()
		return p
	}
	conflicts := r.Conflicts[:0]
	for _, c := range s.Conflicts {
		conflicts = append(conflicts, contactConflict{c.Fact, c.Values})
	}
	if len(conflicts) == 0 {
		conflicts = nil // NULL, not an empty list
	}
	*r = contactRow{
		ContactID: s.ContactID, Channel: str(string(s.Channel)), InitiationMethod: str(string(s.InitiationMethod)),
		State: str(string(s.State)), StateTime: ms(s.StateTime),
		InitialContactID: str(s.InitialContactID), PreviousContactID: str(s.PreviousContactID), RelatedContactID: str(s.RelatedContactID),
		QueueARN: str(s.QueueARN), AgentARN: str(s.AgentARN),
		Initiated: ms(s.Initiated), ConnectedToSystem: ms(s.ConnectedToSystem), Enqueued: ms(s.Enqueued),
		ConnectedToAgent: ms(s.ConnectedToAgent), Disconnected: ms(s.Disconnected),
		ACWStart: ms(s.AfterContactWorkStart), ACWEnd: ms(s.AfterContactWorkEnd),
		QueueWait: dur(s.QueueWait), InteractionHold: dur(s.AgentInteractionAndHold),
		AfterContactWork: dur(s.AfterContactWork), Handle: dur(s.Handle),
		DisconnectReason: str(string(s.DisconnectReason)), Abandoned: s.Abandoned, QueuedForCallback: s.QueuedForCallback,
		Complete: s.Complete, Events: int64(s.Events), Duplicates: int64(s.Duplicates), LastEvent: ms(s.LastEvent),
		Conflicts: conflicts,
		store:     r.store, // the values str, ms and dur just stored, which the pointers point to
		strs:      r.strs,
	}
}

// ContactColumns returns the columns of the contact rows a ContactWriter
// writes, in order: read from the row type that parquet-go derives the
// files' schema from, as Columns is. A column's Key is its key in the
// summary's JSON (Summary.MarshalJSON).
func ContactColumns() []Column {
	return contactRowColumns()
}

var contactRowColumns = sync.OnceValue(func() []Column { return structColumns(reflect.TypeFor[contactRow]()) })

// ErrNoContactTime is wrapped by the error of a summary that has no time to
// be partitioned by: none of its events gave a time.
var ErrNoContactTime = errors.New("the contact has no time to partition by (no timestamp, no envelope time)")

// ContactPartitionOf is the partition folder of the contact s under p: by
// its initiation time, else (its events did not say it, or disagree) the
// earliest of its timestamps, else the time of its latest event.
func ContactPartitionOf(s *contacts.Summary, p Partitioning) (string, error) {
	if p == PartitionNone {
		return "", nil
	}
	t := s.Initiated
	if t.IsZero() {
		for _, u := range []time.Time{s.ConnectedToSystem, s.Enqueued, s.ConnectedToAgent, s.Disconnected,
			s.AfterContactWorkStart, s.AfterContactWorkEnd, s.StateTime, s.LastEvent} {
			if !u.IsZero() && (t.IsZero() || u.Before(t)) {
				t = u
			}
		}
	}
	if t.IsZero() {
		return "", fmt.Errorf("contact %s: %w", s.ContactID, ErrNoContactTime)
	}
	return partitionName(t, p), nil
}

// ContactWriter writes contact summaries as Parquet files, a row a
// contact, with a Writer's layout, file names and bounds (Options; its
// BufferEvents counts summaries). It is not safe for concurrent use.
//
//	t := contacts.New() // fed the events
//	w, err := export.NewContactWriter(export.Options{Create: export.DirFiles("out")})
//	...
//	for _, s := range t.Summaries() {
//		err = w.Write(&s)
//	}
//	err = w.Close() // out/dt=2024-05-01/part-<run>-00000.parquet
type ContactWriter struct {
	out output[contacts.Summary]
}

// NewContactWriter returns a ContactWriter with the options o.
func NewContactWriter(o Options) (*ContactWriter, error) {
	w := &ContactWriter{}
	open := func(out io.Writer) rows[contacts.Summary] { return newStructRows(out, (*contactRow).fill) }
	if err := w.out.init(o, open); err != nil {
		return nil, err
	}
	return w, nil
}

// Write adds s as a row. Write holds a copy of s until its partition is
// written: do not modify the slices of s (its conflicts) afterwards.
func (w *ContactWriter) Write(s *contacts.Summary) error {
	if w.out.err != nil {
		return w.out.err
	}
	part, err := ContactPartitionOf(s, w.out.o.Partition)
	if err != nil {
		return err
	}
	return w.out.add(part, *s)
}

// Close finishes every open file. The ContactWriter cannot be used
// afterwards.
func (w *ContactWriter) Close() error { return w.out.close() }

// Partitions returns what was written into each partition, by name.
func (w *ContactWriter) Partitions() []Partition { return w.out.partitions() }
