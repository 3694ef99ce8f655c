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
	out output[row, pending]
	u   unknowns // the unknown members of the row being filled
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
	if err := w.out.init(o, w.fill); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Writer) fill(r *row, p *pending) {
	w.u.reset()
	r.fill(p.ev, &w.u)
	r.unknown, r.sourceFile, r.sourceLine = w.u.json(), p.source, int64(p.line)
	r.Unknown, r.SourceFile, r.SourceLine = optional(&r.unknown), optional(&r.sourceFile), nil
	if p.line > 0 {
		r.SourceLine = &r.sourceLine
	}
	r.SchemaVersion = SchemaVersion
}

// PartitionOf is the partition folder of ev under p: from the envelope's
// time, or, for a bare contact event, its initiationTimestamp.
func PartitionOf(ev *contactevents.Event, p Partitioning) (string, error) {
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
	return partitionName(t.Time(), p), nil
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
	part, err := PartitionOf(ev, w.out.o.Partition)
	if err != nil {
		return err
	}
	return w.out.add(part, pending{ev, source, line})
}

// Close finishes every open file. The Writer cannot be used afterwards.
func (w *Writer) Close() error { return w.out.close() }

// Partitions returns what was written into each partition, by name.
func (w *Writer) Partitions() []Partition { return w.out.partitions() }

// output is the partitioned Parquet files of a Writer (rows R of events)
// or a ContactWriter (of contact summaries): it holds the items H, groups
// them by partition, fills a row of each and writes the rows into a file of
// the partition, with a bounded number of files open.
type output[R, H any] struct {
	o       Options
	fill    func(*R, *H)
	files   map[string]*file[R] // open files by partition
	parts   map[string]*Partition
	pending map[string][]H // items not yet written, by partition
	held    int            // items in pending
	tick    int64
	seq     int
	err     error
}

// file is one open Parquet file of a partition.
type file[R any] struct {
	part    string
	out     io.WriteCloser
	pw      *parquet.GenericWriter[R]
	rows    []R // rows filled, not yet handed to pw
	n       int
	flushed int64 // pw.Size() after the last row group
	used    int64 // the writer's tick when last written to
}

// batch is the number of rows handed to parquet-go at once.
const batch = 64

func (w *output[R, H]) init(o Options, fill func(*R, *H)) error {
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
	*w = output[R, H]{o: o, fill: fill, files: map[string]*file[R]{}, parts: map[string]*Partition{}, pending: map[string][]H{}}
	return nil
}

// add holds h until its partition part is written.
func (w *output[R, H]) add(part string, h H) error {
	w.pending[part] = append(w.pending[part], h)
	if w.held++; w.held >= w.o.BufferEvents {
		return w.writePending()
	}
	return nil
}

// writePending writes the held items, a partition at a time, in the
// partitions' order.
func (w *output[R, H]) writePending() error {
	var zero H
	for _, part := range slices.Sorted(maps.Keys(w.pending)) {
		items := w.pending[part]
		f, err := w.file(part)
		if err != nil {
			return w.fail(err)
		}
		for i := range items {
			w.fill(&f.rows[f.n], &items[i])
			items[i] = zero
			if f.n++; f.n == batch {
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

func (w *output[R, H]) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// file returns the open file of the partition part, opening one (and
// finishing the least recently used when too many are open).
func (w *output[R, H]) file(part string) (*file[R], error) {
	w.tick++
	if f, ok := w.files[part]; ok {
		f.used = w.tick
		return f, nil
	}
	if len(w.files) >= w.o.MaxOpenFiles {
		var lru *file[R]
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
	f := &file[R]{part: part, out: out, rows: make([]R, batch), used: w.tick}
	f.pw = parquet.NewGenericWriter[R](out,
		parquet.Compression(&snappy.Codec{}),
		// Version 1 data pages: Hive-based readers (Athena engine 2,
		// older Spark) do not read version 2 pages.
		parquet.DataPageVersion(1),
		parquet.PageBufferSize(64<<10),
		parquet.CreatedBy("github.com/connectevents/sdk-go/contactevents/export", SchemaVersion, ""),
		parquet.KeyValueMetadata("contactevents.schema_version", SchemaVersion),
	)
	w.files[part] = f
	p := w.parts[part]
	if p == nil {
		p = &Partition{Name: part}
		w.parts[part] = p
	}
	p.Files = append(p.Files, name)
	return f, nil
}

// flushRows hands the filled rows to parquet-go, and flushes the row group
// when it has grown past RowGroupBytes.
func (w *output[R, H]) flushRows(f *file[R]) error {
	if f.n == 0 {
		return nil
	}
	if _, err := f.pw.Write(f.rows[:f.n]); err != nil {
		return fmt.Errorf("%s: %w", f.part, err)
	}
	f.n = 0
	if size := f.pw.Size(); size-f.flushed >= w.o.RowGroupBytes {
		if err := f.pw.Flush(); err != nil {
			return err
		}
		f.flushed = f.pw.Size()
	}
	return nil
}

// finish writes the rest of f and closes it.
func (w *output[R, H]) finish(f *file[R]) error {
	delete(w.files, f.part)
	err := w.flushRows(f)
	if err == nil {
		err = f.pw.Close()
	}
	if cerr := f.out.Close(); err == nil {
		err = cerr
	}
	return err
}

// close writes the held items and finishes every open file.
func (w *output[R, H]) close() error {
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

func (w *output[R, H]) partitions() []Partition {
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
