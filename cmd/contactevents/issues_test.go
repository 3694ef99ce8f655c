package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pascalEvents returns n bare events with every required key in PascalCase:
// under strict, five problems each.
func pascalEvents(n int) string {
	const e = `{"EventType":"QUEUED","ContactId":"c-1","Channel":"VOICE","InstanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","InitiationMethod":"INBOUND"}` + "\n"
	return strings.Repeat(e, n)
}

func TestMaxIssues(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pascal.ndjson")
	write(t, path, []byte(pascalEvents(10)))

	// 2 in all: the first event's two, no note (the total is used up),
	// then the grouped summary and the count.
	out, _, code := cli(t, nil, "validate", "--profile", "strict", "--max-issues", "2", path)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		path + `:1:14: /EventType (/$defs/ContactEvent/additionalProperties): "EventType" is a documented spelling of "eventType" that this profile does not accept`,
		path + `:1:35: /ContactId (/$defs/ContactEvent/additionalProperties): "ContactId" is a documented spelling of "contactId" that this profile does not accept`,
		`48 more problems not shown (--max-issues 2, --max-event-issues 20; 0 shows all); by kind:`,
		`  50 errors /$defs/ContactEvent/additionalProperties, first: ` + path + `:1:14: /EventType (/$defs/ContactEvent/additionalProperties): "EventType" is a documented spelling of "eventType" that this profile does not accept`,
		`10 events: 0 valid, 10 invalid (0 warnings)`,
	}
	if code != exitInvalid || strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, strings.Join(want, "\n"))
	}

	// 3 per event, 12 in all: three events cut at 3, each with a note.
	out, _, _ = cli(t, nil, "validate", "--profile", "strict", "--max-issues", "12", "--max-event-issues", "3", path)
	if n := strings.Count(out, "and 2 more problems in this event\n"); n != 3 {
		t.Errorf("%d per-event notes, want 3 (12 lines: 3 events of 3 problems and a note):\n%s", n, out)
	}
	if !strings.Contains(out, "\n41 more problems not shown (--max-issues 12, --max-event-issues 3; 0 shows all); by kind:\n") {
		t.Errorf("no grouped summary:\n%s", out)
	}

	// 0: every line, no grouped summary.
	out, _, _ = cli(t, nil, "validate", "--profile", "strict", "--max-issues", "0", "--max-event-issues", "0", path)
	if n := strings.Count(out, "\n"); n != 51 || strings.Contains(out, "not shown") {
		t.Errorf("--max-issues 0: %d lines, want 50 and the count:\n%s", n, out)
	}

	// The default: 100 lines of 1000 events' 5000.
	write(t, path, []byte(pascalEvents(1000)))
	out, _, _ = cli(t, nil, "validate", "--profile", "strict", path)
	if n := strings.Count(out, "\n"); n != 100+3 || !strings.Contains(out, "\n4900 more problems not shown (--max-issues 100") {
		t.Errorf("default: %d lines, want 100, the grouped summary (2) and the count", n)
	}

	if _, errOut, code := cli(t, nil, "validate", "--max-issues", "-1", path); code != exitError || !strings.Contains(errOut, "--max-issues -1") {
		t.Errorf("--max-issues -1: exit %d, %s", code, errOut)
	}
	_ = os.Remove(path)
}
