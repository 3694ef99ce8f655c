package main

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/connectevents/sdk-go/internal/passes"
)

// TestEachRecordIsDecodedOnce: the command reads an NDJSON line once (it
// parsed a line, then detected its format, then read it again with a
// Decoder when it held a batch or had something to say): valid events, an
// invalid one, a malformed one and a Lambda batch of three, each record
// decoded exactly once, whether the file is read whole or streamed.
func TestEachRecordIsDecodedOnce(t *testing.T) {
	var n atomic.Int64
	passes.Decoded = func([]byte) { n.Add(1) }
	t.Cleanup(func() { passes.Decoded = nil })

	var bodies []string
	for i := range 3 {
		bodies = append(bodies, `{"messageId":"m`+strconv.Itoa(i)+`","eventSource":"aws:sqs","body":`+strconv.Quote(string(event(i)))+`}`)
	}
	lines := [][]byte{
		event(10), event(11), invalidEvent,
		[]byte(strings.Replace(string(event(12)), `",`, `",,`, 1)),
		[]byte(`{"Records":[` + strings.Join(bodies, ",") + `]}`),
	}
	file := filepath.Join(t.TempDir(), "events.ndjson")
	write(t, file, append(bytes.Join(lines, []byte("\n")), '\n'))
	const records = 7
	for _, format := range []string{"auto", "ndjson"} {
		n.Store(0)
		out, _, _ := cli(t, nil, "validate", "--format", format, file)
		if !strings.Contains(out, "7 events: 5 valid, 2 invalid") {
			t.Fatalf("%s: output\n%s", format, out)
		}
		if got := n.Load(); got != records {
			t.Errorf("%s: %d decodes for %d records", format, got, records)
		}
	}
}
