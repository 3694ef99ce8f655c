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

// TestEmptySourceAmongOthers: an empty file next to others was skipped
// without a word; it is named (where problems go) and counted.
func TestEmptySourceAmongOthers(t *testing.T) {
	dir := t.TempDir()
	event, empty := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	write(t, event, []byte(`{"eventType":"QUEUED","contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"}`))
	write(t, empty, []byte(" \n"))
	out, _, code := cli(t, nil, "validate", event, empty)
	if want := empty + ": warning: empty, no events\n1 event: 1 valid, 0 invalid (0 warnings); 1 source empty\n"; code != exitValid || out != want {
		t.Errorf("validate: exit %d, %q, want %q", code, out, want)
	}
	out, errOut, code := cli(t, nil, "normalize", event, empty)
	if want := empty + ": warning: empty, no events\n1 event: 1 valid, 0 invalid (0 warnings); 1 source empty\n"; code != exitValid || errOut != want || strings.Count(out, "\n") != 1 {
		t.Errorf("normalize: exit %d, stdout %q, stderr %q, want %q", code, out, errOut, want)
	}
}

// TestForcedFormatSaysWhatIsMissing: NDJSON read with --format lambda-sqs
// said "unexpected data after the JSON value".
func TestForcedFormatSaysWhatIsMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.ndjson")
	const e = `{"eventType":"QUEUED","contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"}`
	write(t, path, []byte(e+"\n"+e+"\n"))
	out, _, code := cli(t, nil, "validate", "--format", "lambda-sqs", path)
	want := path + ":1:1: (root): a lambda-sqs payload is one JSON object, and another value follows it at byte " + strconv.Itoa(len(e)+1) + ": several values are ndjson or concatenated, not lambda-sqs\n"
	if code != exitInvalid || !strings.HasPrefix(out, want) {
		t.Errorf("exit %d, %q, want %q", code, out, want)
	}
	// One event, forced: what the format needs.
	write(t, path, []byte(e))
	if out, _, _ := cli(t, nil, "validate", "--format", "lambda-sqs", path); !strings.Contains(out, "no Records array in a lambda-sqs event") {
		t.Errorf("one event as lambda-sqs: %q", out)
	}
}

// TestS3WithoutRegion: with no region configured, an s3:// source said
// "endpoint rule error, Invalid region: region was not a valid DNS name"
// (at the first request); it says how to set one, before any request.
func TestS3WithoutRegion(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	_, errOut, code := cli(t, nil, "validate", "s3://bucket/prefix/")
	want := "contactevents: s3://bucket/prefix/: no AWS region: set AWS_REGION (e.g. AWS_REGION=us-east-1), or region in ~/.aws/config for the profile in use\n"
	if code != exitError || errOut != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
}
