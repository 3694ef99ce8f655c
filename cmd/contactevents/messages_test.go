package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEventSizeLimit: an event over 256 KiB is named as over the event
// limit (it was worded as the payload limit), and --max-event-size moves it.
func TestEventSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	event := `{"eventType":"QUEUED","contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND","note":"` + strings.Repeat("a", 300000) + `"}`
	write(t, path, []byte(event))
	out, _, code := cli(t, nil, "validate", path)
	want := path + ":1:1: (root): event of " + strconv.Itoa(len(event)) + " bytes: over the size limit of an event, 262144 bytes (by default EventBridge's event limit, 256 KiB)\n"
	if code != exitInvalid || !strings.HasPrefix(out, want) {
		t.Errorf("exit %d, output %q, want %q", code, out, want)
	}
	if out, _, code := cli(t, nil, "validate", "--max-event-size", "400000", path); code != exitValid {
		t.Errorf("--max-event-size 400000: exit %d, %s", code, out)
	}
	if _, errOut, code := cli(t, nil, "validate", "--max-event-size", "-1", path); code != exitError || !strings.Contains(errOut, "--max-event-size -1") {
		t.Errorf("--max-event-size -1: exit %d, %s", code, errOut)
	}
}
