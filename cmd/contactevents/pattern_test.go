package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents/samples"
)

// patternSample is the current page's event pattern, repaired.
const patternSample = samplesDir + "/09-current-stop-streaming-event-type/repaired.json"

// writeTemp writes content to a file of the test's temporary directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// enveloped returns the repaired files of the enveloped samples.
func enveloped(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, s := range samples.Events() {
		if s.Enveloped {
			files = append(files, samplesDir+"/"+s.Name+"/repaired.json")
		}
	}
	return files
}

func TestPatternMatchText(t *testing.T) {
	out, errOut, code := cli(t, nil, append([]string{"pattern", "match", patternSample}, enveloped(t)...)...)
	if code != exitValid || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, line := range []string{
		samplesDir + "/03-current-connected-to-agent/repaired.json: event 0: matched\n",
		samplesDir + "/05-current-contact-properties-updated/repaired.json: event 0: not matched\n",
		"7 events: 3 matched, 4 not matched\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
}

// TestPatternMatchJSON: one object per event, from an NDJSON stream on
// stdin that mixes contact events with an event of another source, which
// is matched as it is.
func TestPatternMatchJSON(t *testing.T) {
	s, _ := samples.Lookup("04-current-disconnected")
	var compact bytes.Buffer
	if err := json.Compact(&compact, s.Repaired); err != nil {
		t.Fatal(err)
	}
	stdin := compact.String() + "\n" + `{"source":"aws.ec2","detail-type":"EC2 Instance State-change Notification","detail":{"state":"terminated"}}` + "\n"
	rule := writeTemp(t, "rule.json", `{"detail":{"$or":[{"eventType":["DISCONNECTED"]},{"state":["terminated"]}]}}`)
	out, errOut, code := cli(t, strings.NewReader(stdin), "pattern", "match", "--output", "json", rule)
	if code != exitValid || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		got = append(got, v)
	}
	if len(got) != 2 || got[0]["matched"] != true || got[1]["matched"] != true ||
		got[0]["source"] != "<stdin>:1" || got[1]["index"] != 1.0 {
		t.Errorf("output:\n%s", out)
	}
}

// TestPatternMatchBatch: the records of a Lambda SQS batch, named by
// messageId.
func TestPatternMatchBatch(t *testing.T) {
	s, _ := samples.Lookup("03-current-connected-to-agent")
	body, _ := json.Marshal(string(s.Repaired))
	batch := `{"Records":[{"messageId":"m-1","eventSource":"aws:sqs","body":` + string(body) + `},` +
		`{"messageId":"m-2","eventSource":"aws:sqs","body":"{\"source\":\"aws.connect\",\"detail\":{\"eventType\":\"QUEUED\"}}"}]}`
	rule := writeTemp(t, "rule.json", `{"detail":{"eventType":["CONNECTED_TO_AGENT"]}}`)
	out, _, code := cli(t, strings.NewReader(batch), "pattern", "match", rule, "-")
	if code != exitValid || !strings.Contains(out, "<stdin>: event 0 (m-1): matched\n") || !strings.Contains(out, "<stdin>: event 1 (m-2): not matched\n") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestPatternMatchExitStatus(t *testing.T) {
	event := writeTemp(t, "event.json", `{"source":"aws.connect","detail":{"eventType":"QUEUED"}}`)
	none := writeTemp(t, "none.json", `{"detail":{"eventType":["DISCONNECTED"]}}`)
	invalid := writeTemp(t, "invalid.json", `{"detail":{"eventType":"DISCONNECTED"}}`)
	broken := writeTemp(t, "broken.json", `{"source":"aws.connect","detail":{"eventType":`)
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no event matched", []string{none, event}, exitInvalid, ""},
		{"invalid pattern", []string{invalid, event}, exitError, "invalid.json: event pattern /detail/eventType: "},
		{"missing pattern", []string{"/nonexistent/rule.json", event}, exitError, "/nonexistent/rule.json"},
		{"unreadable input", []string{none, "/nonexistent/events.json"}, exitError, "/nonexistent/events.json"},
		{"malformed event", []string{none, broken}, exitError, "broken.json"},
		{"no pattern", nil, exitError, "give the pattern file"},
		{"both on stdin", []string{"-", "-"}, exitError, "cannot both come from stdin"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := cli(t, nil, append([]string{"pattern", "match"}, c.args...)...)
			if code != c.code || !strings.Contains(errOut, c.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, c.code, c.stderr)
			}
		})
	}
}

func TestPatternLint(t *testing.T) {
	mistakes := writeTemp(t, "mistakes.json", `{"source":["aws.connect"],"detail":{"EventType":["DISCONNECT"],"channel":["Voice"],"contactId":[{"numeric":[">",0]}],"instanceArn":[{"exists":false}]}}`)
	invalid := writeTemp(t, "invalid.json", `{"detail":{"channel":[{"prefix":"V","suffix":"E"}]}}`)
	for _, c := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"the seeds' sample, strict", []string{"--profile", "strict", patternSample}, exitValid, []string{"0 findings: 0 errors, 0 warnings\n"}},
		{"the seeds' sample, compat", []string{"--profile", "compat", patternSample}, exitValid, []string{"0 findings"}},
		{"the issue's mistakes, strict", []string{"--profile", "strict", mistakes}, exitInvalid, []string{
			"mistakes.json: /detail/EventType: error: ",
			`/detail/EventType/0: error: "DISCONNECT" is not a documented detail.EventType value`,
			`/detail/channel/0: error: "Voice" is a documented Channel that the strict profile does not accept`,
			"/detail/contactId/0: error: detail.contactId is a string",
			"/detail/instanceArn/0: error: detail.instanceArn is in every event valid under the strict profile",
			"5 findings: 5 errors, 0 warnings\n",
		}},
		{"the issue's mistakes, the default profile is strict", []string{mistakes}, exitInvalid, []string{
			"mistakes.json: /detail/EventType: error: ", `/detail/channel/0: error: "Voice"`, "5 findings: 5 errors, 0 warnings\n",
		}},
		{"the issue's mistakes, compat", []string{"--profile", "compat", mistakes}, exitInvalid, []string{
			"/detail/EventType: warning: ", `"DISCONNECT"`, "/detail/channel/0: warning: ", "/detail/contactId/0: error: ",
		}},
		{"invalid pattern", []string{invalid}, exitError, []string{"invalid.json: event pattern /detail/channel/0: an operator object holds exactly one operator\n"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := cli(t, nil, append([]string{"pattern", "lint"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestPatternLintJSON(t *testing.T) {
	rule := writeTemp(t, "rule.json", `{"detail":{"channel":["Voice"]}}`)
	out, _, code := cli(t, nil, "pattern", "lint", "--profile", "strict", "--output", "json", rule)
	var v struct {
		Valid    bool
		Findings []struct{ Pointer, Kind, Severity, Message string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if code != exitInvalid || !v.Valid || len(v.Findings) != 1 || v.Findings[0].Pointer != "/detail/channel/0" ||
		v.Findings[0].Kind != "unknown-value" || v.Findings[0].Severity != "error" {
		t.Errorf("exit %d, output %s", code, out)
	}
	invalid := writeTemp(t, "invalid.json", `{"detail":[]}`)
	out, _, code = cli(t, nil, "pattern", "lint", "--output", "json", invalid)
	if code != exitError || !strings.Contains(out, `"valid":false`) || !strings.Contains(out, `"pointer":"/detail"`) {
		t.Errorf("invalid pattern: exit %d, output %s", code, out)
	}
}

func TestPatternUsage(t *testing.T) {
	for _, args := range [][]string{
		{"pattern"},
		{"pattern", "test"},
		{"pattern", "lint", "--profile", "loose", patternSample},
		{"pattern", "lint", "--output", "yaml", patternSample},
		{"pattern", "lint"},
		{"pattern", "match", "--output", "yaml", patternSample},
	} {
		if _, errOut, code := cli(t, nil, args...); code != exitError || errOut == "" {
			t.Errorf("%q: exit %d, stderr %q; want a usage error", args, code, errOut)
		}
	}
}

// TestPatternGolden: the exact output of match (the seeds' pattern on the
// enveloped samples) and of lint (a rule with the mistakes, under
// each profile); go test -update rewrites the files.
func TestPatternGolden(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"pattern-match.txt", append([]string{"pattern", "match", patternSample}, enveloped(t)...)},
		{"pattern-match.jsonl", append([]string{"pattern", "match", "--output", "json", patternSample}, enveloped(t)...)},
		{"pattern-lint-strict.txt", []string{"pattern", "lint", "--profile", "strict", "testdata/pattern-mistakes.json"}},
		{"pattern-lint-compat.txt", []string{"pattern", "lint", "--profile", "compat", "testdata/pattern-mistakes.json"}},
		{"pattern-lint-legacy.txt", []string{"pattern", "lint", "--profile", "legacy", "testdata/pattern-mistakes.json"}},
		{"pattern-lint-strict.json", []string{"pattern", "lint", "--profile", "strict", "--output", "json", "testdata/pattern-mistakes.json"}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			out, errOut, _ := cli(t, nil, c.args...)
			if errOut != "" {
				t.Errorf("stderr: %s", errOut)
			}
			golden(t, c.golden, out)
		})
	}
}
