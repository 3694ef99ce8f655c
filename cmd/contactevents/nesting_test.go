package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDeepNestingIsAnInvalidEvent: issue 17's two million levels (which
// killed the command with a stack overflow) are one event the command
// reports, too large for the event limit, and the command goes on.
func TestDeepNestingIsAnInvalidEvent(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "deep.json")
	write(t, deep, []byte(`{"a":`+strings.Repeat("[", 2_000_000)+strings.Repeat("]", 2_000_000)+`}`))
	ndjson := filepath.Join(dir, "deep.ndjson")
	write(t, ndjson, []byte(`{"b":`+strings.Repeat("[", 2_000_000)+strings.Repeat("]", 2_000_000)+"}\n"+`{"c":1}`+"\n"))
	out, _, code := cli(t, nil, "validate", deep, ndjson)
	if code != 1 {
		t.Errorf("exit code %d, want 1 (invalid events)\n%s", code, out)
	}
	if !strings.Contains(out, "deep.json:1:1: (root): event of 4000006 bytes: over the size limit of an event, 262144 bytes") ||
		!strings.Contains(out, "deep.ndjson:1:1: (root): event of 4000006 bytes: over the size limit of an event, 262144 bytes") ||
		!strings.Contains(out, "deep.ndjson:2:1: (root): the payload is a JSON object") ||
		!strings.Contains(out, "3 events: 0 valid, 3 invalid") {
		t.Errorf("output:\n%s", out)
	}
}
