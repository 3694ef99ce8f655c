package delivery

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// sameResults compares two runs item by item: records field by field and
// errors by message.
// testMaxValue is the value size limit of the tests that do not test it: the
// SDK's default payload limit.
const testMaxValue = 6 << 20

func sameResults(t *testing.T, label string, want, got []result) {
	t.Helper()
	// Data is compared as a string: cmp walks byte slices slowly.
	type flat struct {
		Rec  Record
		Data string
		Err  string
	}
	flatten := func(rs []result) []flat {
		out := make([]flat, len(rs))
		for i, r := range rs {
			out[i].Rec, out[i].Data = r.rec, string(r.rec.Data)
			out[i].Rec.Data = nil
			if r.err != nil {
				out[i].Err = r.err.Error()
			}
		}
		return out
	}
	if diff := cmp.Diff(flatten(want), flatten(got)); diff != "" {
		t.Errorf("%s (-Records +Stream):\n%s", label, diff)
	}
}

func TestStreamMatchesRecords(t *testing.T) {
	inputs := map[string][]byte{
		"inline/scalar":          []byte("42"),
		"inline/broken":          []byte(`{"a":1]`),
		"inline/broken-then-ok":  []byte("{\"a\":1]\n{\"eventType\":\"x\",\"contactId\":\"y\"}\n"),
		"inline/truncated":       []byte(`{"eventType":"x"`),
		"inline/array-of-arrays": []byte(`[[{"detail":{}}],{"detail":{}}]`),
		"inline/ndjson-arrays":   []byte("[{\"detail\":{}}]\n[{\"detail\":{}},\n{\"detail\":{}}]\n"),
		"inline/trailing-comma":  []byte(`[{"detail":{}},]`),
		"inline/missing-comma":   []byte("[{\"detail\":{}} {\"detail\":{}}]\n{\"detail\":{}}"),
		"inline/empty":           nil,
		"inline/spaces":          []byte(" \r\n "),
	}
	for _, name := range fixtureNames(t) {
		inputs[name] = fixture(t, name)
	}
	readers := map[string]func([]byte) io.Reader{
		"whole":    func(b []byte) io.Reader { return bytes.NewReader(b) },
		"one-byte": func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) },
		"half":     func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) },
		"data-err": func(b []byte) io.Reader { return iotest.DataErrReader(bytes.NewReader(b)) },
	}
	for name, data := range inputs {
		formats := []Format{Auto}
		if f := Detect(data); f != Auto {
			formats = append(formats, f)
		}
		for _, f := range formats {
			want := collect(Records(data, f))
			for rname, mk := range readers {
				got := collect(Stream(mk(data), f, testMaxValue))
				sameResults(t, fmt.Sprintf("%s/%s/%s", name, f, rname), want, got)
			}
		}
	}
}

// ndjsonLine returns a one-line EventBridge contact event for contact n.
func ndjsonLine(n int) string {
	return fmt.Sprintf(`{"version":"0","id":"6f1b5a2e-0000-4000-8000-%012d","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"111122223333","time":"2021-08-04T17:43:48Z","region":"us-west-2","resources":[],"detail":{"eventType":"QUEUED","contactId":"c-%d","channel":"VOICE"}}`, n, n)
}

func TestStreamMaxValue(t *testing.T) {
	const max = 2000
	huge := `{"detail":{"eventType":"QUEUED","contactId":"huge","pad":"` + strings.Repeat("x", 5000) + `"}}`
	justFits := `{"eventType":"QUEUED","contactId":"fits","pad":"` + strings.Repeat("y", max-50) + `"}`
	if len(justFits) != max {
		t.Fatalf("justFits is %d bytes", len(justFits))
	}

	t.Run("ndjson", func(t *testing.T) {
		in := ndjsonLine(1) + "\r\n" +
			huge + "\r\n" +
			"\r\n\r\n" +
			ndjsonLine(2) + "\r\n" +
			justFits + "\n" +
			"   \n" +
			ndjsonLine(3) + "\n" +
			"trailing garbage"
		got := collect(Stream(strings.NewReader(in), Auto, max))
		check(t, []byte(in), got, []want{
			{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: "c-1"},
			{Format: NDJSON, Line: 2, Err: "record 1 at line 2: JSON value too large: more than 2000 bytes"},
			{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 5, ContactID: "c-2"},
			{Format: NDJSON, Inner: Detail, Doc: Detail, Line: 6, ContactID: "fits"},
			{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 8, ContactID: "c-3"},
			{Format: NDJSON, Line: 9, Err: `record 5 at line 9: not valid JSON: invalid token "trailing"`},
		})
		if !errors.Is(got[1].err, ErrValueTooLarge) {
			t.Errorf("error %v does not wrap ErrValueTooLarge", got[1].err)
		}
		// The same through a one-byte reader, and with the format selected.
		sameResults(t, "one-byte", got, collect(Stream(iotest.OneByteReader(strings.NewReader(in)), Auto, max)))
		sameResults(t, "selected", got, collect(Stream(strings.NewReader(in), NDJSON, max)))
	})

	t.Run("concatenated-resync", func(t *testing.T) {
		// Pretty-printed values: the oversized one is skipped up to the next
		// line that starts with '{'.
		in := "{\n  \"eventType\": \"A\",\n  \"contactId\": \"1\"\n}\n" +
			"{\n  \"eventType\": \"B\",\n  \"pad\": \"" + strings.Repeat("z", 3000) + "\",\n  \"nested\": {\n    \"x\": [1]\n  }\n}\n" +
			"{\n  \"eventType\": \"C\",\n  \"contactId\": \"3\"\n}\n"
		got := collect(Stream(strings.NewReader(in), Auto, max))
		check(t, []byte(in), got, []want{
			{Format: Concatenated, Inner: Detail, Doc: Detail, Line: 1, ContactID: "1"},
			{Format: Concatenated, Line: 5, Err: "JSON value too large"},
			{Format: Concatenated, Inner: Detail, Doc: Detail, Line: 12, ContactID: "3"},
		})
	})

	t.Run("concatenated-stops", func(t *testing.T) {
		// Back to back with no newline: nothing to resync on.
		in := ndjsonLine(1) + huge + ndjsonLine(2) + ndjsonLine(3)
		got := collect(Stream(strings.NewReader(in), Auto, max))
		check(t, []byte(in), got, []want{
			{Format: Concatenated, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: "c-1"},
			{Format: Concatenated, Line: 1, Err: "JSON value too large"},
		})
	})

	t.Run("array", func(t *testing.T) {
		in := "[\n" + ndjsonLine(1) + ",\n" + huge + ",\n" + ndjsonLine(2) + "\n]\n"
		got := collect(Stream(strings.NewReader(in), Auto, max))
		check(t, []byte(in), got, []want{
			{Format: Array, Inner: EventBridge, Doc: EventBridge, Pointer: "/0", Line: 2, ContactID: "c-1"},
			{Format: Array, Pointer: "/1", Line: 3, Err: "JSON value too large"},
			{Format: Array, Inner: EventBridge, Doc: EventBridge, Line: 4, ContactID: "c-2"},
			// The resync left the array: its closing bracket is junk now.
			{Format: Array, Line: 5, Err: "invalid character ']'"},
		})
	})

	t.Run("first-value", func(t *testing.T) {
		// An oversized first value leaves the layout unknown: the rest is
		// read as concatenated values.
		in := huge + "\n" + ndjsonLine(1) + "\n"
		got := collect(Stream(strings.NewReader(in), Auto, max))
		check(t, []byte(in), got, []want{
			{Format: Concatenated, Line: 1, Err: "JSON value too large"},
			{Format: Concatenated, Inner: EventBridge, Doc: EventBridge, Line: 2, ContactID: "c-1"},
		})
		got = collect(Stream(strings.NewReader(huge), Auto, max))
		check(t, []byte(huge), got, []want{{Format: Auto, Err: "record 0: JSON value too large"}})
	})

	t.Run("single-document-format", func(t *testing.T) {
		sqs := fixture(t, "lambda_sqs.json")
		got := collect(Stream(bytes.NewReader(sqs), LambdaSQS, len(sqs)))
		if len(got) != 3 || got[0].err != nil {
			t.Errorf("fits: %+v", got)
		}
		got = collect(Stream(bytes.NewReader(sqs), LambdaSQS, len(sqs)-1))
		if len(got) != 1 || !errors.Is(got[0].err, ErrValueTooLarge) {
			t.Errorf("too large: %+v", got)
		}
	})
}

func TestStreamLargeValues(t *testing.T) {
	// Values far larger than the initial buffer make it grow; Data stays
	// intact.
	big := `{"eventType":"QUEUED","contactId":"big","pad":"` + strings.Repeat("p", 300<<10) + `"}`
	in := ndjsonLine(1) + "\n" + big + "\n" + ndjsonLine(2) + "\n" + big + "\n"
	var ids []string
	for r, err := range Stream(iotest.HalfReader(strings.NewReader(in)), Auto, 1<<20) {
		if err != nil {
			t.Fatal(err)
		}
		if r.Doc == Detail && string(r.Data) != big {
			t.Errorf("record %d: big value corrupted", r.Index)
		}
		if got := in[r.Offset : r.Offset+int64(len(r.Data))]; got != string(r.Data) {
			t.Errorf("record %d: Offset %d does not locate Data", r.Index, r.Offset)
		}
		ids = append(ids, contactID(t, r.Data))
	}
	if diff := cmp.Diff([]string{"c-1", "big", "c-2", "big"}, ids); diff != "" {
		t.Errorf("contact IDs (-want +got):\n%s", diff)
	}
}

// errAfterReader returns its data, then err.
type errAfterReader struct {
	r   io.Reader
	err error
}

func (e *errAfterReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		return n, e.err
	}
	return n, err
}

func TestStreamReadError(t *testing.T) {
	boom := errors.New("connection reset by peer")
	for name, tc := range map[string]struct {
		in     string
		f      Format
		good   int
		errMsg string
	}{
		"between values": {ndjsonLine(1) + "\n" + ndjsonLine(2) + "\n", Auto, 2, "record 2 at line 3: connection reset by peer"},
		"inside a value": {ndjsonLine(1) + "\n" + ndjsonLine(2)[:40], Auto, 1, "record 1 at line 2: connection reset by peer"},
		"inside array":   {"[" + ndjsonLine(1) + ",", Auto, 1, "connection reset by peer"},
		"first value":    {ndjsonLine(1)[:50], Auto, 0, "record 0: connection reset by peer"},
		"single format":  {ndjsonLine(1), EventBridge, 0, "record 0 at offset 286: connection reset by peer"},
	} {
		t.Run(name, func(t *testing.T) {
			got := collect(Stream(&errAfterReader{strings.NewReader(tc.in), boom}, tc.f, testMaxValue))
			if len(got) != tc.good+1 {
				t.Fatalf("got %d items: %+v", len(got), got)
			}
			for _, g := range got[:tc.good] {
				if g.err != nil {
					t.Errorf("unexpected error %v", g.err)
				}
			}
			last := got[tc.good].err
			var re *RecordError
			if !errors.As(last, &re) || !errors.Is(last, boom) || !strings.Contains(last.Error(), tc.errMsg) {
				t.Errorf("last error = %v, want a *RecordError wrapping the read error: %q", last, tc.errMsg)
			}
		})
	}
}

// eventSource generates n lines of NDJSON contact events on the fly.
type eventSource struct {
	n, next int
	line    []byte
	pending []byte
	bytes   int64
}

func (g *eventSource) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		if len(g.pending) == 0 {
			if g.next == g.n {
				if total == 0 {
					return 0, io.EOF
				}
				break
			}
			// Rewrite the counter digits of a reused line in place.
			g.line = g.line[:0]
			g.line = append(g.line, `{"version":"0","id":"6f1b5a2e-0000-4000-8000-`...)
			g.line = strconv.AppendInt(g.line, int64(1e11+g.next), 10)
			g.line = append(g.line, `","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"111122223333","time":"2021-08-04T17:43:48Z","region":"us-west-2","resources":["arn:aws:connect:us-west-2:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111"],"detail":{"eventType":"QUEUED","contactId":"c-`...)
			g.line = strconv.AppendInt(g.line, int64(g.next), 10)
			g.line = append(g.line, `","channel":"VOICE","initiationMethod":"INBOUND","queueInfo":{"queueArn":"arn:aws:connect:us-west-2:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111/queue/aaaaaaaa-bbbb-cccc-dddd-222222222222","enqueueTimestamp":"2021-08-04T17:29:04.642Z"}}}`...)
			g.line = append(g.line, '\n')
			g.pending = g.line
			g.next++
		}
		n := copy(p, g.pending)
		g.pending = g.pending[n:]
		p = p[n:]
		total += n
	}
	g.bytes += int64(total)
	return total, nil
}

func TestStreamMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 50 MB")
	}
	const target = 50 << 20
	probe := &eventSource{n: 1}
	io.Copy(io.Discard, probe)
	lines := int(target / probe.bytes)

	for _, layout := range []string{"ndjson", "array"} {
		t.Run(layout, func(t *testing.T) {
			var r io.Reader = &eventSource{n: lines}
			if layout == "array" {
				// "[" + the lines, each followed by ",", + "{}]" (the last element is
				// an error record: not a contact event, but still an object).
				r = io.MultiReader(strings.NewReader("["), &commaReader{r: r}, strings.NewReader(`{"detail":{}}]`))
			}
			runtime.GC()
			var before, now runtime.MemStats
			runtime.ReadMemStats(&before)
			var records int
			var peak uint64
			for rec, err := range Stream(r, Auto, 64<<10) {
				if err != nil {
					t.Fatalf("record %d: %v", rec.Index, err)
				}
				records++
				if records%20000 == 0 {
					runtime.ReadMemStats(&now)
					peak = max(peak, now.HeapInuse)
				}
			}
			runtime.ReadMemStats(&now)
			peak = max(peak, now.HeapInuse)
			want := lines
			if layout == "array" {
				want++
			}
			if records != want {
				t.Fatalf("got %d records, want %d", records, want)
			}
			alloc := now.TotalAlloc - before.TotalAlloc
			perRecord := float64(alloc) / float64(records)
			growth := int64(peak) - int64(before.HeapInuse)
			t.Logf("%d records (%d MB): %d bytes allocated in all (%.1f per record), heap in use grew by at most %d KB",
				records, target>>20, alloc, perRecord, growth>>10)
			if perRecord > 64 {
				t.Errorf("%.1f bytes allocated per record; want the buffer reused", perRecord)
			}
			if growth > 4<<20 {
				t.Errorf("heap in use grew by %d KB while streaming", growth>>10)
			}
		})
	}
}

// commaReader turns the newline after each line of r into ",\n".
type commaReader struct {
	r       io.Reader
	buf     [4096]byte
	pending []byte
	out     []byte
}

func (c *commaReader) Read(p []byte) (int, error) {
	if len(c.pending) == 0 {
		n, err := c.r.Read(c.buf[:])
		if n == 0 {
			return 0, err
		}
		c.out = c.out[:0]
		for _, b := range c.buf[:n] {
			if b == '\n' {
				c.out = append(c.out, ',')
			}
			c.out = append(c.out, b)
		}
		c.pending = c.out
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}
