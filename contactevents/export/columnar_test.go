package export

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// newReflectiveRows writes the rows of events the way the export did
// before the generated column writes: row.fill, then parquet-go's
// reflective GenericWriter[row].Write, 64 rows at a time. It is the
// reference the column writes are tested against.
func newReflectiveRows(out io.Writer) rows[pending] {
	var u unknowns
	return newStructRows(out, func(r *row, p *pending) {
		u.reset()
		r.fill(p.ev, &u)
		r.unknown, r.sourceFile, r.sourceLine = u.json(), p.source, int64(p.line)
		r.Unknown, r.SourceFile, r.SourceLine = optional(&r.unknown), optional(&r.sourceFile), nil
		if p.line > 0 {
			r.SourceLine = &r.sourceLine
		}
		r.SchemaVersion = SchemaVersion
	})
}

// TestColumnPaths: the generated column writes know the leaf columns of
// the row's Parquet schema, in its order.
func TestColumnPaths(t *testing.T) {
	var got []string
	for _, p := range parquet.SchemaOf(row{}).Columns() {
		got = append(got, strings.Join(p, "."))
	}
	if !slices.Equal(got, columnPaths[:]) {
		t.Errorf("the row's leaf columns are\n%s\nthe generated writes have\n%s", strings.Join(got, "\n"), strings.Join(columnPaths[:], "\n"))
	}
}

// TestColumnarWritesTheRows: the generated column writes write the rows
// parquet-go's reflective row writer writes of the rows row.fill makes:
// every documented sample, every constructed latest event, values nil,
// empty and set, and 5000 events of contacteventstest, over many pages and
// row groups, read back by parquet-go. The reference writes a row at a
// time: in a batch, parquet-go v0.32.0's row writer writes a nil map after
// a non-nil one as an empty map (TestNilMapAfterAMapIsNull).
func TestColumnarWritesTheRows(t *testing.T) {
	evs := columnarCases(t)
	files := writeWith(t, Options{Partition: PartitionNone, RunID: "test", RowGroupBytes: 256 << 10}, newEventRows, evs)
	b := files["part-test-00000.parquet"]
	if len(files) != 1 || b == nil {
		t.Fatalf("files %v, want one", slices.Collect(maps.Keys(files)))
	}
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.RowGroups()) < 3 {
		t.Errorf("%d row groups, want several", len(f.RowGroups()))
	}
	got := readRows(t, f)
	if len(got) != len(evs) {
		t.Fatalf("%d rows, want %d", len(got), len(evs))
	}
	var ref bytes.Buffer
	r := newReflectiveRows(&ref)
	for i, ev := range evs {
		r.add(&pending{ev, "events.ndjson", i})
		if err := r.write(); err != nil { // a row at a time: see above
			t.Fatal(err)
		}
	}
	if err := r.close(); err != nil {
		t.Fatal(err)
	}
	rf, err := parquet.OpenFile(bytes.NewReader(ref.Bytes()), int64(ref.Len()))
	if err != nil {
		t.Fatal(err)
	}
	want := readRows(t, rf)
	for i, ev := range evs {
		if msg := rowDifference(got[i], want[i]); msg != "" {
			t.Errorf("event %d (%s): %s", i, ev.Detail.EventType, msg)
		}
	}
}

// columnarCases are the events of TestColumnarWritesTheRows.
func columnarCases(t *testing.T) []*contactevents.Event {
	var evs []*contactevents.Event
	parse := func(name string, data []byte) {
		ev, err := contactevents.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		evs = append(evs, ev)
	}
	for _, s := range samples.Events() {
		parse(s.Name, s.Repaired)
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "latest", "*.json"))
	if len(files) == 0 {
		t.Fatal("no events in ../testdata/latest")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parse(f, data)
	}
	evs = append(evs, contacteventstest.NewEvent(contactevents.EventTypeCompleted,
		contacteventstest.WithChannel(contactevents.ChannelChat),
		contacteventstest.WithChatMetrics(contacteventstest.ConstructedChatMetrics()),
		contacteventstest.WithRecordings(contacteventstest.ConstructedRecordings()...),
		contacteventstest.WithContactEvaluations(contacteventstest.ConstructedContactEvaluations()),
		contacteventstest.WithStateTransitions(contacteventstest.ConstructedStateTransitions()...),
		contacteventstest.WithRoutingCriteria(contacteventstest.ConstructedRangeCondition())))
	evs = append(evs, contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithoutEnvelope()))
	// Lists and maps empty (an empty list, not NULL) and nil, recursive
	// values (JSON columns) in a list and a map.
	empty := contacteventstest.NewEvent(contactevents.EventTypeContactDataUpdated)
	empty.Resources, empty.Detail.Tags, empty.Detail.UpdatedProperties = []string{}, map[string]string{}, []contactevents.UpdatedProperty{}
	empty.Detail.RoutingCriteria, empty.Detail.SegmentAttributes = []contactevents.RoutingCriteria{}, map[string]contactevents.SegmentAttributeValue{}
	nested := contacteventstest.NewEvent(contactevents.EventTypeContactDataUpdated)
	nested.Resources, nested.Detail.Tags = nil, nil
	str := "x"
	nested.Detail.SegmentAttributes = map[string]contactevents.SegmentAttributeValue{
		"connect:Subtype": {ValueString: &str},
		"b":               {ValueList: []contactevents.SegmentAttributeValue{{ValueString: &str}, {}}, ValueMap: map[string]contactevents.SegmentAttributeValue{"k": {ValueString: &str}, "j": {}}},
		"a":               {ValueMap: map[string]contactevents.SegmentAttributeValue{}},
	}
	evs = append(evs, empty, nested, contacteventstest.NewEvent(contactevents.EventTypeDisconnected))
	lifecycle := []contactevents.EventType{
		contactevents.EventTypeInitiated, contactevents.EventTypeConnectedToSystem, contactevents.EventTypeQueued,
		contactevents.EventTypeContactDataUpdated, contactevents.EventTypeConnectedToAgent, contactevents.EventTypeDisconnected,
	}
	for i := range 5000 {
		evs = append(evs, contacteventstest.NewEvent(lifecycle[i%len(lifecycle)], contacteventstest.WithSeed(uint64(i))))
	}
	return evs
}

// writeWith writes evs with rows of open, and returns the files.
func writeWith(t *testing.T, o Options, open func(io.Writer) rows[pending], evs []*contactevents.Event) map[string][]byte {
	t.Helper()
	files := map[string]*bytes.Buffer{}
	o.Create = func(name string) (io.WriteCloser, error) {
		b := &bytes.Buffer{}
		files[name] = b
		return nopWriteCloser{b}, nil
	}
	w := &Writer{}
	if err := w.out.init(o, open); err != nil {
		t.Fatal(err)
	}
	for i, ev := range evs {
		if err := w.Write(ev, "events.ndjson", i); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for name, b := range files {
		out[name] = b.Bytes()
	}
	return out
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// readRows returns the rows of f.
func readRows(t *testing.T, f *parquet.File) []parquet.Row {
	var rows []parquet.Row
	for _, rg := range f.RowGroups() {
		r := rg.Rows()
		buf := make([]parquet.Row, 64)
		for {
			n, err := r.ReadRows(buf)
			for _, x := range buf[:n] {
				rows = append(rows, x.Clone())
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		r.Close()
	}
	return rows
}

// rowDifference names the first column where got and want differ, with
// the values and levels of both; "" when they are equal.
func rowDifference(got, want parquet.Row) string {
	if got.Equal(want) {
		return ""
	}
	g, w := byColumn(got), byColumn(want)
	for c := range numColumns {
		if levels(g[c]) != levels(w[c]) {
			return fmt.Sprintf("column %s: %s, want %s", columnPaths[c], levels(g[c]), levels(w[c]))
		}
	}
	return "the rows differ"
}

func byColumn(r parquet.Row) map[int][]parquet.Value {
	out := map[int][]parquet.Value{}
	r.Range(func(col int, v []parquet.Value) bool {
		out[col] = v
		return true
	})
	return out
}

// levels shows values with their repetition and definition levels.
func levels(vs []parquet.Value) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "[r%d d%d %v] ", v.RepetitionLevel(), v.DefinitionLevel(), v)
	}
	return b.String()
}

// TestNilMapAfterAMapIsNull: events without segment attributes before and
// after one with them are NULL in segment_attributes, not an empty map.
// parquet-go v0.32.0's row writer (GenericWriter.Write of the row types,
// what the export used before the column writes) writes the one after as
// an empty map when the three rows are written in one batch.
func TestNilMapAfterAMapIsNull(t *testing.T) {
	str := "x"
	with := contacteventstest.NewEvent(contactevents.EventTypeContactDataUpdated)
	with.Detail.SegmentAttributes = map[string]contactevents.SegmentAttributeValue{"connect:Subtype": {ValueString: &str}}
	without := contacteventstest.NewEvent(contactevents.EventTypeDisconnected)
	without.Detail.SegmentAttributes = nil
	col := slices.Index(columnPaths[:], "segment_attributes.key_value.key")
	for _, c := range []struct {
		name string
		open func(io.Writer) rows[pending]
		def  int // of the second row's segment_attributes
	}{
		{"column writes", newEventRows, 0},
		{"parquet-go's row writer", newReflectiveRows, 1},
	} {
		files := writeWith(t, Options{Partition: PartitionNone, RunID: "test"}, c.open, []*contactevents.Event{without, with, without})
		b := files["part-test-00000.parquet"]
		f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		rows := readRows(t, f)
		if vs := byColumn(rows[2])[col]; len(vs) != 1 || !vs[0].IsNull() || vs[0].DefinitionLevel() != c.def {
			t.Errorf("%s: segment_attributes of the event without them is %s, want NULL at definition level %d", c.name, levels(vs), c.def)
		}
	}
}
