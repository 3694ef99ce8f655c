package duckdb

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/export"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// openDB opens an in-memory DuckDB that loads no extension it does not
// have built in (parquet, json and icu are).
func openDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "?autoload_known_extensions=false&autoinstall_known_extensions=false&enable_external_access=true")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var autoload string
	if err := db.QueryRow("SELECT current_setting('autoload_known_extensions')::VARCHAR").Scan(&autoload); err != nil || autoload != "false" {
		t.Fatalf("autoload_known_extensions = %q (%v), want false", autoload, err)
	}
	return db
}

// source is an event with where it was read from.
type source struct {
	name string
	data []byte
	ev   *contactevents.Event
}

// exportTo writes the events into dir with one Writer (one run).
func exportTo(t testing.TB, dir string, p export.Partitioning, events []source) {
	t.Helper()
	w, err := export.NewWriter(export.Options{Create: export.DirFiles(dir), Partition: p})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range events {
		if err := w.Write(s.ev, s.name, i+1); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// parse parses data (compat) and fails the test on an error.
func parse(t testing.TB, name string, data []byte) source {
	t.Helper()
	ev, err := contactevents.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return source{name: name, data: data, ev: ev}
}

// documented are the documented samples, repaired.
func documented(t testing.TB) []source {
	var out []source
	for _, s := range samples.Events() {
		out = append(out, parse(t, "samples:"+s.Name, s.Repaired))
	}
	return out
}

// constructed are the events constructed from the latest page's data
// model: contactevents/testdata/latest and contacteventstest's, one per
// event type and channel, and one with each of its constructed objects.
func constructed(t testing.TB) []source {
	files, err := filepath.Glob(filepath.Join("..", "..", "contactevents", "testdata", "latest", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("testdata/latest: %v, %d files", err, len(files))
	}
	var out []source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, parse(t, f, data))
	}
	add := func(name string, ev *contactevents.Event) {
		out = append(out, parse(t, name, contacteventstest.Payload(ev)))
	}
	for _, et := range contactevents.EventType("").Values() {
		for _, ch := range contacteventstest.Channels(et) {
			add(fmt.Sprintf("contacteventstest:%s/%s", et, ch), contacteventstest.NewEvent(et, contacteventstest.WithChannel(ch)))
		}
	}
	add("contacteventstest:constructed", contacteventstest.NewEvent(contactevents.EventTypeCompleted,
		contacteventstest.WithChannel(contactevents.ChannelChat),
		contacteventstest.WithChatMetrics(contacteventstest.ConstructedChatMetrics()),
		contacteventstest.WithRecordings(contacteventstest.ConstructedRecordings()...),
		contacteventstest.WithContactEvaluations(contacteventstest.ConstructedContactEvaluations()),
		contacteventstest.WithStateTransitions(contacteventstest.ConstructedStateTransitions()...),
		contacteventstest.WithRoutingCriteria(contacteventstest.ConstructedRangeCondition())))
	add("contacteventstest:bare", contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithoutEnvelope()))
	// Members the schema does not know, kept by compat: in the envelope,
	// in detail (a key that needs escaping in a JSON Pointer) and in a
	// nested object, for the unknown column.
	payload := string(contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeConnectedToAgent)))
	for _, r := range [][2]string{
		{`{"version"`, `{"zExtra":{"a":[1,2.5]},"version"`},
		{`"detail":{`, `"detail":{"new/Thing~":"v",`},
		{`"agentInfo":{`, `"agentInfo":{"futureField":true,`},
	} {
		if !strings.Contains(payload, r[0]) {
			t.Fatalf("no %s in the built event: %s", r[0], payload)
		}
		payload = strings.Replace(payload, r[0], r[1], 1)
	}
	out = append(out, parse(t, "unknown-members", []byte(payload)))
	return out
}

// lifecycle are the event types of a contact's life, for the archive.
var lifecycle = []contactevents.EventType{
	contactevents.EventTypeInitiated, contactevents.EventTypeConnectedToSystem, contactevents.EventTypeQueued,
	contactevents.EventTypeContactDataUpdated, contactevents.EventTypeConnectedToAgent, contactevents.EventTypeDisconnected,
}

// archive is n generated events, as the command would read them from an
// NDJSON archive (one source, a line each); the tests share one.
func archive(t testing.TB, n int) []source {
	archiveOnce.Do(func() {
		for i := range n {
			ev := contacteventstest.NewEvent(lifecycle[i%len(lifecycle)], contacteventstest.WithSeed(uint64(i)))
			s := parse(t, "archive.ndjson", contacteventstest.Payload(ev))
			s.data = nil // not needed: the expected row is the parsed event's
			archiveEvents = append(archiveEvents, s)
		}
	})
	if len(archiveEvents) != n {
		t.Fatalf("the archive has %d events, want %d", len(archiveEvents), n)
	}
	return archiveEvents
}

var (
	archiveOnce   sync.Once
	archiveEvents []source
)

// archiveExport is the folder of one export of the archive (hour
// partitions), which the tests that only read it share: an export of
// 100 000 events costs a minute of CPU on a loaded 2-core machine. Written
// once, removed by TestMain.
func archiveExport(t testing.TB) string {
	archiveExportOnce.Do(func() {
		dir, err := os.MkdirTemp("", "duckdb-archive-")
		if err != nil {
			t.Fatal(err)
		}
		exportTo(t, dir, export.PartitionHour, archive(t, archiveSize(t)))
		archiveExportDir = dir
	})
	if archiveExportDir == "" {
		t.Fatal("the archive's export failed in an earlier test")
	}
	return archiveExportDir
}

var (
	archiveExportOnce sync.Once
	archiveExportDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if archiveExportDir != "" {
		os.RemoveAll(archiveExportDir)
	}
	os.Exit(code)
}

// TestRoundTrip exports each set of events and reads every row back with
// DuckDB: as many rows as events, and every column of every row equal to
// the event Parse gives (its canonical JSON, read by the export's Columns).
func TestRoundTrip(t *testing.T) {
	sets := []struct {
		name   string
		events func(testing.TB) []source
	}{
		{"samples", documented},
		{"constructed", constructed},
		{"archive", func(t testing.TB) []source { return archive(t, archiveSize(t)) }},
	}
	db := openDB(t)
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			events := set.events(t)
			var dir string
			if set.name == "archive" {
				dir = archiveExport(t)
			} else {
				dir = t.TempDir()
				exportTo(t, dir, export.PartitionHour, events)
			}
			checkRows(t, db, dir, events)
		})
	}
}

// archiveSize is the size of the generated archive: 100 000 events, 5 000
// with -short.
func archiveSize(t testing.TB) int {
	if testing.Short() {
		return 5000
	}
	return 100_000
}

// scan is the parquet files under dir as a DuckDB table expression.
func scan(dir string) string {
	return "read_parquet('" + filepath.ToSlash(dir) + "/**/*.parquet', hive_partitioning = true)"
}

func checkRows(t *testing.T, db *sql.DB, dir string, events []source) {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + scan(dir)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(events) {
		t.Fatalf("%d rows, want %d (the valid events)", n, len(events))
	}
	cols := export.Columns()
	var names []string
	for _, c := range cols {
		names = append(names, `"`+c.Name+`"`)
	}
	rows, err := db.Query("SELECT " + strings.Join(names, ", ") + " FROM " + scan(dir) + " ORDER BY source_file, source_line")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byLine := map[string]source{}
	for i, s := range events {
		byLine[fmt.Sprint(s.name, ":", i+1)] = s
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	failures := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		got := map[string]any{}
		for i, c := range cols {
			got[c.Name] = actual(t, vals[i], c)
		}
		key := fmt.Sprint(got["source_file"], ":", got["source_line"])
		s, ok := byLine[key]
		if !ok {
			t.Fatalf("row of %s: no such event", key)
		}
		want := expectedRow(t, s.ev)
		want["source_file"] = s.name
		want["source_line"] = got["source_line"]
		want["schema_version"] = export.SchemaVersion
		if !reflect.DeepEqual(got, want) {
			failures++
			for _, c := range cols {
				if !reflect.DeepEqual(got[c.Name], want[c.Name]) {
					t.Errorf("%s: column %s:\n got %#v\nwant %#v", key, c.Name, got[c.Name], want[c.Name])
				}
			}
			if failures > 5 {
				t.Fatal("too many rows differ")
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// expectedRow is the row of ev, from its canonical JSON: the envelope's
// members and detail's as columns, absent ones NULL, the members no column
// holds in unknown under their JSON Pointers.
func expectedRow(t testing.TB, ev *contactevents.Event) map[string]any {
	doc := decode(t, ev.AppendJSON(nil)).(map[string]any)
	envelope, detail, detailAt := map[string]any{}, doc, ""
	if _, ok := doc["detail"]; ok {
		envelope, detail, detailAt = doc, doc["detail"].(map[string]any), "/detail"
	}
	unknown := map[string]any{}
	row := map[string]any{}
	known := map[string]bool{"detail": true}
	for _, c := range export.Columns() {
		switch {
		case c.Key == "":
			continue
		case c.InEnvelope:
			known[c.Key] = true
			row[c.Name] = expected(envelope[c.Key], c, "/"+c.Key, unknown)
		default:
			row[c.Name] = expected(detail[c.Key], c, detailAt+"/"+c.Key, unknown)
		}
	}
	if detailAt != "" {
		for k, v := range envelope {
			if !known[k] {
				unknown["/"+pointerToken(k)] = v
			}
		}
	}
	for k, v := range detail {
		if _, ok := columnOf(export.Columns(), k); !ok {
			unknown[detailAt+"/"+pointerToken(k)] = v
		}
	}
	row["unknown"] = nil
	if len(unknown) > 0 {
		row["unknown"] = unknown
	}
	return row
}

func columnOf(cols []export.Column, key string) (export.Column, bool) {
	for _, c := range cols {
		if c.Key == key && !c.InEnvelope {
			return c, true
		}
	}
	return export.Column{}, false
}

// expected is the value of column c for the JSON value v at the pointer at.
func expected(v any, c export.Column, at string, unknown map[string]any) any {
	if v == nil {
		return nil
	}
	if c.JSON {
		return v
	}
	switch c.Kind {
	case export.KindBigint:
		n, err := v.(json.Number).Int64()
		if err != nil {
			panic(err)
		}
		return n
	case export.KindDouble:
		n, err := v.(json.Number).Float64()
		if err != nil {
			panic(err)
		}
		return n
	case export.KindTimestamp:
		return instant(v.(string))
	case export.KindStruct:
		obj := v.(map[string]any)
		out := map[string]any{}
		known := map[string]bool{}
		for _, f := range c.Fields {
			known[f.Key] = true
			out[f.Name] = expected(obj[f.Key], f, at+"/"+pointerToken(f.Key), unknown)
		}
		for k, x := range obj {
			if !known[k] {
				unknown[at+"/"+pointerToken(k)] = x
			}
		}
		return out
	case export.KindArray:
		items, ok := v.([]any)
		if !ok {
			// routingCriteria: one element is encoded as an object.
			items = []any{v}
		}
		var out []any
		for i, x := range items {
			out = append(out, expected(x, *c.Elem, fmt.Sprint(at, "/", i), unknown))
		}
		if out == nil {
			out = []any{}
		}
		return out
	case export.KindMap:
		out := map[string]any{}
		for k, x := range v.(map[string]any) {
			out[k] = expected(x, *c.Elem, at+"/"+pointerToken(k), unknown)
		}
		return out
	}
	return v
}

func pointerToken(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

// instant is a timestamp's text as the column holds it: UTC, to the
// millisecond. A leap second (:60) is the second after it, as
// Timestamp.Time returns it.
func instant(s string) time.Time {
	leap := strings.Contains(s, ":60")
	if leap {
		s = strings.Replace(s, ":60", ":59", 1)
	}
	tt, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	if leap {
		tt = tt.Add(time.Second)
	}
	return tt.Truncate(time.Millisecond).UTC()
}

// actual is the Go value DuckDB scanned for column c, in the shape of
// expected's.
func actual(t testing.TB, v any, c export.Column) any {
	if v == nil {
		return nil
	}
	switch {
	case c.JSON:
		return decode(t, []byte(v.(string)))
	case c.Name == "unknown":
		return decode(t, []byte(v.(string)))
	}
	switch c.Kind {
	case export.KindTimestamp:
		return v.(time.Time).UTC()
	case export.KindStruct:
		m := v.(map[string]any)
		out := map[string]any{}
		for _, f := range c.Fields {
			out[f.Name] = actual(t, m[f.Name], f)
		}
		return out
	case export.KindArray:
		out := []any{}
		for _, x := range v.([]any) {
			out = append(out, actual(t, x, *c.Elem))
		}
		return out
	case export.KindMap:
		out := map[string]any{}
		m := v.(duckdb.OrderedMap)
		vs := m.Values()
		for i, k := range m.Keys() {
			out[k.(string)] = actual(t, vs[i], *c.Elem)
		}
		return out
	case export.KindBigint:
		if n, ok := v.(int32); ok { // source_line
			return int64(n)
		}
	}
	return v
}

// decode decodes JSON with numbers as json.Number, so that integers and
// decimals compare exactly.
func decode(t testing.TB, b []byte) any {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}
