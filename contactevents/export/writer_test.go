package export_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/export"
)

// events are constructed events over two days and three hours.
func events(n int) []*contactevents.Event {
	base := time.Date(2024, 5, 1, 22, 0, 0, 0, time.UTC)
	var out []*contactevents.Event
	for i := range n {
		out = append(out, contacteventstest.NewEvent(contactevents.EventTypeQueued,
			contacteventstest.WithSeed(uint64(i)), contacteventstest.WithTime(base.Add(time.Duration(i%3)*time.Hour))))
	}
	return out
}

func write(t *testing.T, dir string, o export.Options, evs []*contactevents.Event) []export.Partition {
	t.Helper()
	o.Create = export.DirFiles(dir)
	w, err := export.NewWriter(o)
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range evs {
		if err := w.Write(ev, "events.ndjson", i+1); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.Partitions()
}

// parquetFiles returns the .parquet files under dir, slash-separated and
// relative to it, with their row counts.
func parquetFiles(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if !strings.HasSuffix(rel, ".parquet") {
			t.Errorf("%s: not a Parquet file (a temporary file left behind?)", rel)
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if v, _ := pf.Lookup("contactevents.schema_version"); v != export.SchemaVersion {
			t.Errorf("%s: schema version metadata %q, want %q", rel, v, export.SchemaVersion)
		}
		out[filepath.ToSlash(rel)] = pf.NumRows()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPartitions(t *testing.T) {
	for _, c := range []struct {
		p     export.Partitioning
		parts []string
	}{
		{export.PartitionDay, []string{"dt=2024-05-01", "dt=2024-05-02"}},
		{export.PartitionHour, []string{"dt=2024-05-01/hour=22", "dt=2024-05-01/hour=23", "dt=2024-05-02/hour=00"}},
		{export.PartitionNone, []string{""}},
	} {
		t.Run(string(c.p), func(t *testing.T) {
			dir := t.TempDir()
			parts := write(t, dir, export.Options{Partition: c.p}, events(30))
			files := parquetFiles(t, dir)
			var names []string
			var total int64
			for _, p := range parts {
				names = append(names, p.Name)
				var rows int64
				for _, f := range p.Files {
					if !strings.HasPrefix(f, strings.TrimPrefix(p.Name+"/", "/")) {
						t.Errorf("file %s is not in its partition %s", f, p.Name)
					}
					rows += files[f]
				}
				if rows != p.Rows {
					t.Errorf("partition %q: %d rows in its files, %d reported", p.Name, rows, p.Rows)
				}
				total += rows
			}
			if !slices.Equal(names, c.parts) || total != 30 || len(files) != len(c.parts) {
				t.Errorf("partitions %q with %d rows in %d files, want %q with 30 rows, a file each", names, total, len(files), c.parts)
			}
		})
	}
}

// TestRunsDoNotCollide: two runs into the same folder write files of their
// own, and a bounded number of open files writes more files, not fewer rows.
func TestRunsDoNotCollide(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, export.Options{Partition: export.PartitionHour}, events(30))
	write(t, dir, export.Options{Partition: export.PartitionHour, MaxOpenFiles: 1, BufferEvents: 1}, events(30))
	var total int64
	files := parquetFiles(t, dir)
	for _, n := range files {
		total += n
	}
	if total != 60 || len(files) <= 6 {
		t.Errorf("%d rows in %d files, want 60 rows in more than 6 files (the second run reopens partitions)", total, len(files))
	}
}

func TestNoTime(t *testing.T) {
	ev := contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithoutEnvelope())
	ev.Detail.InitiationTimestamp = contactevents.Timestamp{}
	w, err := export.NewWriter(export.Options{Create: export.DirFiles(t.TempDir())})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ev, "x", 1); !errors.Is(err, export.ErrNoTime) {
		t.Errorf("Write: %v, want ErrNoTime", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
