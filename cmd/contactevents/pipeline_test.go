package main

// Tests of the validate pipeline (pipeline.go, progress.go): large streams in
// bounded memory, results in input order, read and write errors, long lines,
// the progress line, and an input with no event.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// lifecycleReader generates NDJSON of n events, built as it is read, so that
// the input is never in memory as a whole.
type lifecycleReader struct {
	n, i int
	buf  []byte
	size int64
}

var lifecycle = []contactevents.EventType{
	contactevents.EventTypeInitiated, contactevents.EventTypeConnectedToSystem, contactevents.EventTypeQueued,
	contactevents.EventTypeContactDataUpdated, contactevents.EventTypeConnectedToAgent, contactevents.EventTypeDisconnected,
}

func (r *lifecycleReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.i == r.n {
			return 0, io.EOF
		}
		seed := uint64(r.i / len(lifecycle))
		ch := []contactevents.Channel{contactevents.ChannelVoice, contactevents.ChannelChat, contactevents.ChannelTask}[seed%3]
		ev := contacteventstest.NewEvent(lifecycle[r.i%len(lifecycle)], contacteventstest.WithSeed(seed), contacteventstest.WithChannel(ch))
		r.buf = append(ev.AppendJSON(r.buf[:0]), '\n')
		r.i++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	r.size += int64(n)
	return n, nil
}

// trackedReader is a lifecycleReader that records, for the pipeline's
// goroutines, how much it has handed out and where each event ends.
type trackedReader struct {
	r    lifecycleReader
	mu   sync.Mutex
	read int64
	ends []int64 // ends[i]: the input offset after event i
}

func (t *trackedReader) Read(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	before := t.r.i
	n, err := t.r.Read(p)
	if t.r.i > before { // a new event was built: it ends where its buffer does
		t.ends = append(t.ends, t.r.size+int64(len(t.r.buf)))
	}
	t.read += int64(n)
	return n, err
}

// ahead returns how far the reader is ahead of the end of event i.
func (t *trackedReader) ahead(i int) int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.read - t.ends[i]
}

// engineFor returns an engine with workers decoding goroutines and emit.
func engineFor(workers int, canonical bool, emit func(src, format string, it *item) bool) *engine {
	return &engine{profile: contactevents.Compat, format: contactevents.FormatAuto, workers: workers, canonical: canonical, emit: emit, read: new(atomic.Int64)}
}

// A large NDJSON dump streams: when an event is emitted, the input has been
// read no further ahead of it than the pipeline's bound (pipeline.go): the
// in-memory prefix or the line reader's buffer, and 2*workers+4 chunks. It
// measures what the pipeline holds, not the heap (which counts garbage not
// yet collected and depends on the load of the machine).
func TestLargeNDJSONStreamsWithBoundedReadAhead(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 10k events")
	}
	for _, workers := range []int{1, 2, 4} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			t.Parallel()
			const events = 10000
			in := &trackedReader{r: lifecycleReader{n: events}}
			longest := int64(4 << 10) // the generated events are shorter
			bound := int64(max(prefixLimit+1, 256<<10)) + int64(2*workers+4)*(chunkSize+longest)
			var worst int64
			n := 0
			e := engineFor(workers, false, func(_, _ string, it *item) bool {
				if !it.valid {
					t.Errorf("event %d is invalid: %+v", n, it.problems)
				}
				worst = max(worst, in.ahead(n))
				n++
				return true
			})
			if err := e.process("<stdin>", in); err != nil {
				t.Fatal(err)
			}
			t.Logf("input %.1f MB, read ahead at most %.2f MB, bound %.2f MB", float64(in.read)/1e6, float64(worst)/1e6, float64(bound)/1e6)
			if n != events || in.read < 2*bound {
				t.Fatalf("%d events of %d bytes: too few to tell streaming from buffering (bound %d)", n, in.read, bound)
			}
			if worst > bound {
				t.Errorf("the input was read %d bytes ahead of an emitted event; the bound is %d", worst, bound)
			}
		})
	}
}

// The pipeline keeps the input order, whatever order the workers finish in:
// normalizing canonical events gives them back byte for byte, with indexes
// that count up.
func TestPipelineKeepsOrder(t *testing.T) {
	var in bytes.Buffer
	if _, err := io.Copy(&in, &lifecycleReader{n: 3000}); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 4} {
		var out bytes.Buffer
		i := 0
		e := engineFor(workers, true, func(_, _ string, it *item) bool {
			if it.index != i {
				t.Fatalf("%d workers: item %d has index %d", workers, i, it.index)
			}
			i++
			out.Write(it.canonical)
			out.WriteByte('\n')
			return true
		})
		if err := e.process("<stdin>", bytes.NewReader(in.Bytes())); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), in.Bytes()) {
			t.Fatalf("%d workers: normalize changed canonical events or their order", workers)
		}
	}
	// And through the command.
	out, errOut, code := cli(t, bytes.NewReader(in.Bytes()), "normalize")
	if code != exitValid || errOut != "3000 events: 3000 valid, 0 invalid (0 warnings)\n" || out != in.String() {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// A source that cannot be read to its end is an I/O error (exit 2), in every
// path: before the format is decided, in the NDJSON pipeline, in the
// decoder's stream.
func TestReadError(t *testing.T) {
	var ndjson bytes.Buffer
	io.Copy(&ndjson, &lifecycleReader{n: 1500}) // more than prefixLimit
	if ndjson.Len() <= prefixLimit {
		t.Fatalf("input of %d bytes is within the prefix", ndjson.Len())
	}
	array := "[" + strings.ReplaceAll(strings.TrimSuffix(ndjson.String(), "\n"), "\n", ",\n")
	for name, in := range map[string]string{"prefix": "{", "ndjson": ndjson.String(), "array": array} {
		r := io.MultiReader(strings.NewReader(in), iotest.ErrReader(errors.New("disk on fire")))
		out, errOut, code := cli(t, r, "validate")
		want := "contactevents: <stdin>: disk on fire\n"
		if name == "ndjson" {
			// The line the error cuts is not an event: the 1500 whole
			// ones are.
			want = fmt.Sprintf("contactevents: <stdin>: read error after %d bytes, line 1501: disk on fire\n", ndjson.Len())
		}
		if code != exitError || errOut != want {
			t.Errorf("%s: exit %d, stderr %q, want %q", name, code, errOut, want)
		}
		if !strings.HasSuffix(out, " invalid (0 warnings); 1 source could not be read\n") {
			t.Errorf("%s: no summary: %q", name, out)
		}
	}
}

// failWriter fails once n bytes are written, as a closed pipe does.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

// When the output cannot be written, the command stops early (the pipeline
// shuts down without deadlock) and exits 2.
func TestWriteErrorStops(t *testing.T) {
	in := &lifecycleReader{n: 3000}
	var errOut bytes.Buffer
	code := run([]string{"normalize"}, in, &failWriter{n: 200 << 10}, &errOut)
	if code != exitError || !strings.Contains(errOut.String(), "writing the output: broken pipe") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if in.i == 3000 {
		t.Error("the whole input was read after the output failed")
	}
	// The pipeline itself, with several workers, when emit says stop.
	for _, workers := range []int{1, 3} {
		in := &lifecycleReader{n: 3000}
		n := 0
		err := engineFor(workers, false, func(_, _ string, _ *item) bool { n++; return n < 100 }).process("<stdin>", in)
		if !errors.Is(err, errStopped) || n != 100 || in.i == 3000 {
			t.Errorf("%d workers: %v after %d items, %d events read; want errStopped after 100, the input not read to its end", workers, err, n, in.i)
		}
	}
}

func TestLongLineIsSkipped(t *testing.T) {
	ev := string(contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued)))
	long := `{"x":"` + strings.Repeat("a", maxLine) + `"}`
	out, _, code := cli(t, strings.NewReader(ev+"\n"+long+"\n"+ev+"\n"), "validate")
	want := fmt.Sprintf("<stdin>:2:1: (root): line of %d bytes: over the size limit of a payload, %d bytes\n3 events: 2 valid, 1 invalid (0 warnings)\n", len(long)+1, maxLine)
	if code != exitInvalid || out != want {
		t.Errorf("exit %d, got\n%s\nwant\n%s", code, out, want)
	}
}

func TestProgress(t *testing.T) {
	var w bytes.Buffer
	var read atomic.Int64
	now := time.Unix(0, 0)
	p := newProgressTo(&w, &read, func() time.Time { return now })
	at := func(d time.Duration, events int) string {
		now = time.Unix(0, 0).Add(d)
		read.Store(int64(events) * 1000)
		w.Reset()
		p.tick(events)
		return w.String()
	}
	if got := at(500*time.Millisecond, 64); got != "" {
		t.Errorf("before 1s: %q", got)
	}
	if got, want := at(2*time.Second, 2048), "\r\x1b[K2,048 events  1,024 events/s  1.0 MB/s"; got != want {
		t.Errorf("at 2s: %q, want %q", got, want)
	}
	if got := at(2100*time.Millisecond, 2112); got != "" {
		t.Errorf("100ms later: %q", got)
	}
	if got := at(2250*time.Millisecond, 2176); got == "" {
		t.Error("250ms later: nothing")
	}
	w.Reset()
	p.clear()
	if w.String() != "\r\x1b[K" {
		t.Errorf("clear: %q", w.String())
	}
	w.Reset()
	p.clear()
	if w.String() != "" {
		t.Errorf("second clear: %q", w.String())
	}
	// Not a terminal: no progress at all.
	if newProgress(&w, &read) != nil {
		t.Error("progress on a buffer")
	}
	var nilp *progress
	nilp.tick(64)
	nilp.clear()
}

func TestAppendJSONString(t *testing.T) {
	got := string(appendJSONString(nil, "a\"\\\n\t\x01é\xff"))
	var back string
	if err := json.Unmarshal([]byte(got), &back); err != nil || back != "a\"\\\n\t\x01é\uFFFD" {
		t.Errorf("%s -> %q (%v)", got, back, err)
	}
}

// TestValidateNothingIsNotValid: an empty input holds no event; a check in a
// pipeline must not pass on it.
func TestValidateNothingIsNotValid(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"validate"}, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1; stderr %q", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "no events found") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// The chunks are cut after their last newline, the line begun going to the
// next chunk: whatever sizes the reads come in, the items are those of the
// whole input read at once, with a line longer than a chunk (gathered), one
// longer than maxLine (skipped) and a last line without a newline.
func TestLinesAcrossChunks(t *testing.T) {
	var in bytes.Buffer
	io.Copy(&in, &lifecycleReader{n: 400})
	in.WriteString(`{"x":"` + strings.Repeat("a", 3*chunkSize) + "\"}\n")
	io.Copy(&in, &lifecycleReader{n: 200})
	in.WriteString(`{"x":"` + strings.Repeat("b", maxLine) + "\"}\n")
	io.Copy(&in, &lifecycleReader{n: 200})
	in.WriteString(`{"last":true}`)
	items := func(r io.Reader) []item {
		var out []item
		e := engineFor(2, false, func(_, _ string, it *item) bool {
			out = append(out, *it)
			return true
		})
		if err := e.lines("<stdin>", r); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := items(bytes.NewReader(in.Bytes()))
	if len(want) != 803 || want[400].valid || want[601].line != 602 || !strings.Contains(want[601].problems[0].message, "over the size limit") || want[802].line != 803 {
		t.Fatalf("%d items; line 401 valid %v, line 602 %+v, line 803 %+v", len(want), want[400].valid, want[601], want[802])
	}
	for _, size := range []int{1000, 4096, chunkSize - 1, chunkSize + 1} {
		got := items(&sizedReader{data: in.Bytes(), size: size})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("reads of %d bytes: the items differ from those of one read", size)
		}
	}
}

// sizedReader returns data at most size bytes a read.
type sizedReader struct {
	data []byte
	size int
}

func (r *sizedReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.size)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// A reader that stops returning anything (neither bytes nor an error) ends
// the source with an error after the whole lines it gave, not a hang.
func TestReaderWithoutProgressIsAReadError(t *testing.T) {
	var in bytes.Buffer
	io.Copy(&in, &lifecycleReader{n: 10})
	n := 0
	e := engineFor(2, false, func(_, _ string, it *item) bool { n++; return true })
	err := e.lines("<stdin>", io.MultiReader(bytes.NewReader(in.Bytes()), stuckReader{}))
	want := fmt.Sprintf("<stdin>: read error after %d bytes, line 11: %v", in.Len(), io.ErrNoProgress)
	if err == nil || err.Error() != want || n != 10 {
		t.Errorf("%d items, error %v; want 10 and %s", n, err, want)
	}
}

// stuckReader returns nothing, forever.
type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }
