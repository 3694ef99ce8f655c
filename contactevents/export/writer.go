// Package export writes contact events as Parquet files, partitioned
// Hive-style by the event's time, for query engines (Athena, Trino, Spark,
// DuckDB), and prints the tables that read them.
//
// A row is one event: the EventBridge envelope's members and every property
// of the contact event as columns named by the snake_case of their
// canonical keys (event_type, contact_id, agent_info, ...), objects as
// structs, arrays as lists, maps as maps, timestamps as
// TIMESTAMP(MILLIS, UTC), enums as their canonical strings. The row is
// generated from the schema (rows_gen.go); see Columns for the layout.
//
// Absent and not set stay apart: an absent timestamp is NULL, a not-set one
// (Amazon Connect's 1970-01-01T00:00:00.001Z) is that instant. Members the
// schema does not know are in the unknown column, a JSON object from their
// JSON Pointers to their values. Values of recursive definitions (an
// Expression's andExpression and orExpression, a SegmentAttributeValue's
// valueList and valueMap) are JSON strings: Parquet has no recursive types.
//
//	w, err := export.NewWriter(export.Options{Create: export.DirFiles("out")})
//	...
//	err = w.Write(ev, "events.ndjson", 17)
//	...
//	err = w.Close() // out/dt=2024-05-01/part-<run>-00000.parquet
//
// A ContactWriter writes contact summaries (contacts.Summary) the same way,
// a row a contact, partitioned by the contact's initiation time; see
// ContactColumns, AthenaContactsTable and GlueContactsTable.
package export

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/connectevents/sdk-go/contactevents"
)

// Partitioning is how the files are laid out under the output.
type Partitioning string

// The partitionings: Hive-style folders from the event's time.
const (
	PartitionDay  Partitioning = "day"  // dt=YYYY-MM-DD/
	PartitionHour Partitioning = "hour" // dt=YYYY-MM-DD/hour=HH/
	PartitionNone Partitioning = "none" // every file at the top
)

// Values returns the partitionings.
func (Partitioning) Values() []Partitioning {
	return []Partitioning{PartitionDay, PartitionHour, PartitionNone}
}

// Options configure a Writer.
type Options struct {
	// Create opens a new file for writing; name is slash-separated and
	// relative to the output (dt=2024-05-01/part-....parquet). Required:
	// DirFiles writes under a folder.
	Create func(name string) (io.WriteCloser, error)
	// Partition is the layout; PartitionDay when empty.
	Partition Partitioning
	// RunID names this run's files (part-<RunID>-<n>.parquet); a random
	// 128-bit hex string when empty, so that runs writing into the same
	// output never collide.
	RunID string
	// RowGroupBytes is the size of a row group (its compressed pages plus
	// its column buffers, as parquet-go counts it) at which it is flushed;
	// 4 MiB when 0. A file holds its row group in memory until then, so it
	// bounds the memory of each open file; more held means a larger live
	// heap, which under export's memory limit means more collections (8 MiB
	// cost 1.5 to 2 times the CPU of 4 MiB, see BENCHMARKS.md).
	RowGroupBytes int64
	// MaxOpenFiles bounds the files open at once (one per partition being
	// written; each holds about 2 MiB of column buffers besides its row
	// group); when a new partition would exceed it, the file written to
	// least recently is finished. 8 when 0.
	MaxOpenFiles int
	// BufferEvents is how many events are held, grouped by partition,
	// before they are written: events out of time order (a week of
	// contacts in hour partitions) are written a partition at a time, not
	// a file per event. 4096 when 0.
	BufferEvents int
}

// Partition is what a Writer wrote into one partition.
type Partition struct {
	Name  string   // the partition's folder: dt=2024-05-01/hour=13 ("" for PartitionNone)
	Rows  int64    // rows written
	Files []string // the files written, relative to the output, in order
}

// ErrNoTime is wrapped by the error of an event that has no time to be
// partitioned by: a bare contact event (no envelope) without a set
// initiationTimestamp.
var ErrNoTime = errors.New("the event has no time to partition by (no envelope time, no initiationTimestamp)")

// Writer writes events as Parquet files. It is not safe for concurrent use.
type Writer struct {
	out  output[pending]
	part partitionCache
}

// pending is an event held until its partition is written.
type pending struct {
	ev     *contactevents.Event
	source string
	line   int
}

// NewWriter returns a Writer with the options o.
func NewWriter(o Options) (*Writer, error) {
	w := &Writer{}
	if err := w.out.init(o, newEventRows); err != nil {
		return nil, err
	}
	return w, nil
}

// eventRows are the rows of a file of events: their values go straight
// into the file's columns (columnar_gen.go), not through parquet-go's
// reflective row writer (9% more instructions an event, BENCHMARKS.md).
type eventRows struct {
	pw *parquet.GenericWriter[row] // the schema of row; its Write is not used
	c  columns
	u  unknowns // the unknown members of the event being added
}

func newEventRows(out io.Writer) rows[pending] {
	return &eventRows{pw: parquet.NewGenericWriter[row](out, writerOptions()...)}
}

func (r *eventRows) add(p *pending) int {
	r.u.reset()
	r.c.add(p.ev, p.source, p.line, &r.u)
	return r.c.rows
}

func (r *eventRows) write() error { return r.c.write(r.pw.ColumnWriters()) }
func (r *eventRows) size() int64  { return r.pw.Size() }
func (r *eventRows) flush() error { return r.pw.Flush() }
func (r *eventRows) close() error { return r.pw.Close() }

// PartitionOf is the partition folder of ev under p: from the envelope's
// time, or, for a bare contact event, its initiationTimestamp.
func PartitionOf(ev *contactevents.Event, p Partitioning) (string, error) {
	var c partitionCache
	return c.of(ev, p)
}

// partitionCache remembers the partition folder of the last event's day
// or hour: formatting every event's time was 1.3% of Write's instructions.
type partitionCache struct {
	p    Partitioning
	span int64 // the day or hour since the epoch
	name string
}

func (c *partitionCache) of(ev *contactevents.Event, p Partitioning) (string, error) {
	if p == PartitionNone {
		return "", nil
	}
	t := ev.Time
	if !t.IsSet() {
		t = ev.Detail.InitiationTimestamp
	}
	if !t.IsSet() {
		return "", ErrNoTime
	}
	tt := t.Time()
	unit := int64(24 * 60 * 60)
	if p == PartitionHour {
		unit = 60 * 60
	}
	span := tt.Unix() / unit
	if tt.Unix() < 0 && tt.Unix()%unit != 0 {
		span-- // rounded toward the past, as the folder's name is
	}
	if c.name == "" || c.p != p || c.span != span {
		c.p, c.span, c.name = p, span, partitionName(tt, p)
	}
	return c.name, nil
}

// partitionName is the partition folder of the time t under p (not
// PartitionNone).
func partitionName(t time.Time, p Partitioning) string {
	if p == PartitionHour {
		return t.UTC().Format("dt=2006-01-02/hour=15")
	}
	return t.UTC().Format("dt=2006-01-02")
}

// Write adds ev as a row, with where it was read from (the line is 0 when
// not known). Write holds ev until its partition is written (up to
// BufferEvents events later, or at Close): do not modify ev after Write.
func (w *Writer) Write(ev *contactevents.Event, source string, line int) error {
	if w.out.err != nil {
		return w.out.err
	}
	part, err := w.part.of(ev, w.out.o.Partition)
	if err != nil {
		return err
	}
	return w.out.add(part, pending{ev, source, line})
}

// Close finishes every open file. The Writer cannot be used afterwards.
func (w *Writer) Close() error { return w.out.close() }

// Partitions returns what was written into each partition, by name.
func (w *Writer) Partitions() []Partition { return w.out.partitions() }

// output is the partitioned Parquet files of a Writer (of events) or a
// ContactWriter (of contact summaries): it holds the items H, groups them
// by partition, adds a row of each to a file of the partition, with a
// bounded number of files open.
type output[H any] struct {
	o       Options
	open    func(io.Writer) rows[H] // a new file's Parquet writer
	files   map[string]*file[H]     // open files by partition
	parts   map[string]*Partition
	pending map[string][]H // items not yet written, by partition
	held    int            // items in pending
	tick    int64
	seq     int
	err     error
}

// structRows are the rows of a file written by parquet-go's row writer
// (GenericWriter[R].Write) from rows R filled from the items H: the
// contact summaries' (contacts are a fraction of the events, and their row
// is flat).
type structRows[R, H any] struct {
	pw   *parquet.GenericWriter[R]
	fill func(*R, *H)
	rows [batch]R // filled, not yet handed to pw
	n    int
}

func newStructRows[R, H any](out io.Writer, fill func(*R, *H)) *structRows[R, H] {
	return &structRows[R, H]{pw: parquet.NewGenericWriter[R](out, writerOptions()...), fill: fill}
}

func (r *structRows[R, H]) add(h *H) int {
	r.fill(&r.rows[r.n], h)
	r.n++
	return r.n
}

func (r *structRows[R, H]) write() error {
	if r.n == 0 {
		return nil
	}
	_, err := r.pw.Write(r.rows[:r.n])
	r.n = 0
	return err
}

func (r *structRows[R, H]) size() int64  { return r.pw.Size() }
func (r *structRows[R, H]) flush() error { return r.pw.Flush() }
func (r *structRows[R, H]) close() error { return r.pw.Close() }

// rows is the Parquet writer of one file, with the rows added and not yet
// handed to it.
type rows[H any] interface {
	add(h *H) int // adds the row of h; returns the rows held
	write() error // hands the held rows to the Parquet writer
	size() int64  // the file's size so far, its open row group included
	flush() error // finishes the row group
	close() error // finishes the file
}

// file is one open Parquet file of a partition.
type file[H any] struct {
	part    string
	out     io.WriteCloser
	rows    rows[H]
	flushed int64 // rows.size() after the last row group
	used    int64 // the writer's tick when last written to
}

// batch is the number of rows handed to parquet-go at once: as many as its
// GenericWriter.Write writes at a time, so that pages end where they did.
const batch = 64

// writerOptions are the options of every file's Parquet writer.
func writerOptions() []parquet.WriterOption {
	return []parquet.WriterOption{
		parquet.Compression(&snappy.Codec{}),
		// Version 1 data pages: Hive-based readers (Athena engine 2,
		// older Spark) do not read version 2 pages.
		parquet.DataPageVersion(1),
		parquet.PageBufferSize(64 << 10),
		parquet.CreatedBy("github.com/connectevents/sdk-go/contactevents/export", SchemaVersion, ""),
		parquet.KeyValueMetadata("contactevents.schema_version", SchemaVersion),
	}
}

func (w *output[H]) init(o Options, open func(io.Writer) rows[H]) error {
	if o.Create == nil {
		return errors.New("export: Options.Create is nil")
	}
	if o.Partition == "" {
		o.Partition = PartitionDay
	}
	if !slices.Contains(o.Partition.Values(), o.Partition) {
		return fmt.Errorf("export: unknown partitioning %q (want day, hour or none)", o.Partition)
	}
	if o.RunID == "" {
		var b [16]byte
		rand.Read(b[:])
		o.RunID = hex.EncodeToString(b[:])
	}
	if o.RowGroupBytes <= 0 {
		o.RowGroupBytes = 4 << 20
	}
	if o.MaxOpenFiles <= 0 {
		o.MaxOpenFiles = 8
	}
	if o.BufferEvents <= 0 {
		o.BufferEvents = 4096
	}
	*w = output[H]{o: o, open: open, files: map[string]*file[H]{}, parts: map[string]*Partition{}, pending: map[string][]H{}}
	return nil
}

// add holds h until its partition part is written.
func (w *output[H]) add(part string, h H) error {
	w.pending[part] = append(w.pending[part], h)
	if w.held++; w.held >= w.o.BufferEvents {
		return w.writePending()
	}
	return nil
}

// writePending writes the held items, a partition at a time, in the
// partitions' order.
func (w *output[H]) writePending() error {
	var zero H
	for _, part := range slices.Sorted(maps.Keys(w.pending)) {
		items := w.pending[part]
		f, err := w.file(part)
		if err != nil {
			return w.fail(err)
		}
		for i := range items {
			held := f.rows.add(&items[i])
			items[i] = zero
			if held == batch {
				if err := w.flushRows(f); err != nil {
					return w.fail(err)
				}
			}
		}
		w.parts[part].Rows += int64(len(items))
		delete(w.pending, part)
	}
	w.held = 0
	return nil
}

func (w *output[H]) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// file returns the open file of the partition part, opening one (and
// finishing the least recently used when too many are open).
func (w *output[H]) file(part string) (*file[H], error) {
	w.tick++
	if f, ok := w.files[part]; ok {
		f.used = w.tick
		return f, nil
	}
	if len(w.files) >= w.o.MaxOpenFiles {
		var lru *file[H]
		for _, f := range w.files {
			if lru == nil || f.used < lru.used {
				lru = f
			}
		}
		if err := w.finish(lru); err != nil {
			return nil, err
		}
	}
	name := fmt.Sprintf("part-%s-%05d.parquet", w.o.RunID, w.seq)
	if part != "" {
		name = part + "/" + name
	}
	w.seq++
	out, err := w.o.Create(name)
	if err != nil {
		return nil, err
	}
	f := &file[H]{part: part, out: out, rows: w.open(out), used: w.tick}
	w.files[part] = f
	p := w.parts[part]
	if p == nil {
		p = &Partition{Name: part}
		w.parts[part] = p
	}
	p.Files = append(p.Files, name)
	return f, nil
}

// flushRows hands the held rows to parquet-go, and flushes the row group
// when it has grown past RowGroupBytes.
func (w *output[H]) flushRows(f *file[H]) error {
	if err := f.rows.write(); err != nil {
		return fmt.Errorf("%s: %w", f.part, err)
	}
	if size := f.rows.size(); size-f.flushed >= w.o.RowGroupBytes {
		if err := f.rows.flush(); err != nil {
			return err
		}
		f.flushed = f.rows.size()
	}
	return nil
}

// finish writes the rest of f and closes it.
func (w *output[H]) finish(f *file[H]) error {
	delete(w.files, f.part)
	err := w.flushRows(f)
	if err == nil {
		err = f.rows.close()
	}
	if cerr := f.out.Close(); err == nil {
		err = cerr
	}
	return err
}

// close writes the held items and finishes every open file.
func (w *output[H]) close() error {
	var errs []error
	if w.err == nil {
		w.writePending()
	}
	if w.err != nil {
		errs = append(errs, w.err)
	}
	for _, part := range slices.Sorted(maps.Keys(w.files)) {
		errs = append(errs, w.finish(w.files[part]))
	}
	w.err = errors.New("export: the writer is closed")
	return errors.Join(errs...)
}

func (w *output[H]) partitions() []Partition {
	var out []Partition
	for _, name := range slices.Sorted(maps.Keys(w.parts)) {
		p := *w.parts[name]
		p.Files = slices.Clone(p.Files)
		out = append(out, p)
	}
	return out
}

// DirFiles is an Options.Create that writes the files under the folder dir,
// creating the partition folders. A file is written as name.tmp and renamed
// when closed, so that a reader of dir never sees half a file.
func DirFiles(dir string) func(name string) (io.WriteCloser, error) {
	return func(name string) (io.WriteCloser, error) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path+".tmp", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return nil, err
		}
		return &dirFile{File: f, path: path}, nil
	}
}

type dirFile struct {
	*os.File
	path string
}

func (f *dirFile) Close() error {
	if err := f.File.Close(); err != nil {
		return err
	}
	return os.Rename(f.File.Name(), f.path)
}
