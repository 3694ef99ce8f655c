package export_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/export"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// memFiles is an Options.Create that keeps the files in memory.
type memFiles map[string]*bytes.Buffer

func (m memFiles) create(name string) (io.WriteCloser, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return nopCloser{b}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// FuzzExport: any event Parse accepts is written as one row of a readable
// file, without a panic or an error (the seeds are the documented samples).
func FuzzExport(f *testing.F) {
	for _, s := range samples.Events() {
		f.Add(s.Repaired)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, err := contactevents.Parse(data)
		if err != nil {
			return
		}
		files := memFiles{}
		w, err := export.NewWriter(export.Options{Create: files.create, Partition: export.PartitionNone})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(ev, "fuzz", 1); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		var rows int64
		for name, b := range files {
			pf, err := parquet.OpenFile(bytes.NewReader(b.Bytes()), int64(b.Len()))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			rows += pf.NumRows()
		}
		if rows != 1 {
			t.Fatalf("%d rows, want 1", rows)
		}
	})
}
