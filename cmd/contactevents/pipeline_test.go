package main

// Tests of the validate pipeline (pipeline.go, progress.go): large streams in
// bounded memory, results in input order, read and write errors, long lines,
// the progress line, and an input with no event.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
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

// countWriter counts and discards.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// A large NDJSON dump streams: the heap stays far below the input's size.
func TestLargeNDJSONStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 10k events")
	}
	defer func(n int) { workersOverride = n }(workersOverride)
	workersOverride = 2
	defer debug.SetGCPercent(debug.SetGCPercent(10)) // keep the heap close to what is live

	const events = 10000
	in := &lifecycleReader{n: events}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	// Sample the heap while the command runs.
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	out := &countWriter{}
	var errOut bytes.Buffer
	code := run([]string{"validate", "--output", "json"}, in, out, &errOut)
	close(stop)
	wg.Wait()
	runtime.ReadMemStats(&after)

	if code != exitValid {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if in.i != events || out.n == 0 {
		t.Fatalf("read %d events, wrote %d bytes", in.i, out.n)
	}
	growth := int64(peak.Load()) - int64(before.HeapAlloc)
	const bound = 8 << 20 // about twice what is live: the prefix, the reader's buffer, 10 chunks
	t.Logf("input %.1f MB, heap before %.1f MB, peak growth %.1f MB, after %.1f MB",
		float64(in.size)/1e6, float64(before.HeapAlloc)/1e6, float64(growth)/1e6, float64(after.HeapAlloc)/1e6)
	if in.size < bound {
		t.Fatalf("the input (%d bytes) is too small to tell streaming from buffering", in.size)
	}
	if growth > bound {
		t.Errorf("the heap grew by %d bytes for an input of %d bytes; want at most %d", growth, in.size, bound)
	}
}

// The pipeline keeps the input order, whatever order the workers finish in:
// normalizing canonical events gives them back byte for byte.
func TestPipelineKeepsOrder(t *testing.T) {
	defer func(n int) { workersOverride = n }(workersOverride)
	workersOverride = 4
	var in bytes.Buffer
	if _, err := io.Copy(&in, &lifecycleReader{n: 3000}); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := cli(t, bytes.NewReader(in.Bytes()), "normalize")
	if code != exitValid || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != in.String() {
		t.Fatal("normalize changed canonical events or their order")
	}
	// And the indexes of the JSON output count up.
	out, _, _ = cli(t, bytes.NewReader(in.Bytes()), "validate", "--output", "json")
	sc := bufio.NewScanner(strings.NewReader(out))
	for i := 0; sc.Scan(); i++ {
		var obj struct{ Index int }
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil || obj.Index != i {
			t.Fatalf("line %d: index %d (%v)", i, obj.Index, err)
		}
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
	defer func(n int) { workersOverride = n }(workersOverride)
	workersOverride = 3
	in := &lifecycleReader{n: 3000}
	var errOut bytes.Buffer
	code := run([]string{"normalize"}, in, &failWriter{n: 200 << 10}, &errOut)
	if code != exitError || !strings.Contains(errOut.String(), "writing the output: broken pipe") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if in.i == 3000 {
		t.Error("the whole input was read after the output failed")
	}
}

func TestLongLineIsSkipped(t *testing.T) {
	ev := string(contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued)))
	long := `{"x":"` + strings.Repeat("a", maxLine) + `"}`
	out, _, code := cli(t, strings.NewReader(ev+"\n"+long+"\n"+ev+"\n"), "validate")
	want := fmt.Sprintf("<stdin>:2:1: (root): line of %d bytes: payload exceeds the size limit\n3 events: 2 valid, 1 invalid (0 warnings)\n", len(long)+1)
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
