package export_test

import (
	"bytes"
	"flag"
	"io"
	"os"
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

// fuzzMinimizeLimit bounds the fuzz engine's minimisation of each new
// input when -fuzzminimizetime is not given (the engine's default is 60s an
// input, and it counts no execs while it minimises). Every input that parses
// costs FuzzExport a whole Parquet file, about 2 ms and 1.7 MB whatever the
// input (the writer, its footer, opening it again); minimising an input
// mutated from a sample (1 to 2 KB, most of whose one-byte and substring
// cuts still parse) took the whole 60s, so fuzzing showed 0 execs/sec for a
// minute after each new input. 250 tries take under a second. A crasher is
// then minimised less: -fuzzminimizetime 60s minimises it as before.
const fuzzMinimizeLimit = "250x"

func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" && !flagSet("test.fuzzminimizetime") {
		if err := flag.Set("test.fuzzminimizetime", fuzzMinimizeLimit); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

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
