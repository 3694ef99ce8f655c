package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/connectevents/sdk-go/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// cli runs the command in-process.
func cli(t testing.TB, stdin io.Reader, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	code = run(args, stdin, &out, &errOut)
	return out.String(), errOut.String(), code
}

// samplesDir is the corpus of documented samples, relative to this package.
const samplesDir = "../../contactevents/samples/data"

// verbatimFiles returns the verbatim.json of every sample.
func verbatimFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(samplesDir + "/*/verbatim.json")
	if err != nil || len(files) != len(samples.All()) {
		t.Fatalf("verbatim files: %v, %v", files, err)
	}
	return files
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got; go test -update rewrites it):\n%s", path, diff)
	}
}

func TestGolden(t *testing.T) {
	files := verbatimFiles(t)
	for _, tc := range []struct {
		golden string
		args   []string
		code   int
	}{
		{"samples-compat.txt", []string{"validate", "--samples"}, 0},
		{"samples-compat.jsonl", []string{"validate", "--samples", "--output", "json"}, 0},
		{"samples-strict.txt", []string{"validate", "--samples", "--profile", "strict"}, 1},
		{"samples-strict.jsonl", []string{"validate", "--samples", "--profile", "strict", "--output", "json"}, 1},
		{"samples-legacy.txt", []string{"validate", "--samples", "--profile", "legacy"}, 1},
		{"verbatim-compat.txt", append([]string{"validate"}, files...), 1},
		{"verbatim-compat.jsonl", append([]string{"validate", "--output", "json"}, files...), 1},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			out, errOut, code := cli(t, nil, tc.args...)
			if code != tc.code || errOut != "" {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, errOut)
			}
			golden(t, tc.golden, out)
		})
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	valid := filepath.Join(dir, "valid.json")
	invalid := filepath.Join(dir, "invalid.json")
	write(t, valid, contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued)))
	write(t, invalid, []byte(`{"eventType":"QUEUED","contactId":"c-1","channel":"VOICE","initiationMethod":"INBOUND"}`))

	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"valid file", "", []string{"validate", valid}, exitValid},
		{"valid stdin", string(contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued))), []string{"validate"}, exitValid},
		{"dash is stdin", "{", []string{"validate", valid, "-"}, exitInvalid},
		{"invalid file", "", []string{"validate", valid, invalid}, exitInvalid},
		{"strict samples", "", []string{"validate", "--samples", "--profile=strict"}, exitInvalid},
		{"missing file", "", []string{"validate", valid, filepath.Join(dir, "missing.json")}, exitError},
		{"missing file and invalid", "", []string{"validate", invalid, filepath.Join(dir, "missing.json")}, exitError},
		{"unknown profile", "", []string{"validate", "--profile", "lenient", valid}, exitError},
		{"unknown format", "", []string{"validate", "--format", "xml", valid}, exitError},
		{"unknown output", "", []string{"validate", "--output", "yaml", valid}, exitError},
		{"unknown flag", "", []string{"validate", "--colour", valid}, exitError},
		{"samples and files", "", []string{"validate", "--samples", valid}, exitError},
		{"help", "", []string{"validate", "-h"}, exitValid},
		{"no command", "", nil, exitError},
		{"unknown command", "", []string{"lint"}, exitError},
		{"top-level help", "", []string{"help"}, exitValid},
		{"normalize valid", "", []string{"normalize", valid}, exitValid},
		{"normalize invalid", "", []string{"normalize", valid, invalid}, exitInvalid},
		{"normalize missing", "", []string{"normalize", filepath.Join(dir, "missing.json")}, exitError},
		{"schema", "", []string{"schema"}, exitValid},
		{"schema unknown", "", []string{"schema", "--profile", "lenient"}, exitError},
		{"schema operand", "", []string{"schema", "strict"}, exitError},
		{"samples", "", []string{"samples"}, exitValid},
		{"samples unknown", "", []string{"samples", "99"}, exitError},
		{"samples ambiguous", "", []string{"samples", "0"}, exitError},
		{"samples two", "", []string{"samples", "01", "02"}, exitError},
		{"flag after operand", "", []string{"validate", valid, "--profile", "strict"}, exitValid},
		{"dash dash", "", []string{"validate", "--", valid}, exitValid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := cli(t, strings.NewReader(tc.stdin), tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if code == exitError && errOut == "" {
				t.Error("exit 2 without a message on stderr")
			}
		})
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every syntax defect the corpus documents is reported at its line and
// column, however many a sample has.
func TestTextLocatesEverySyntaxDefect(t *testing.T) {
	files := verbatimFiles(t)
	out, _, code := cli(t, nil, append([]string{"validate"}, files...)...)
	if code != exitInvalid {
		t.Fatalf("exit %d", code)
	}
	n := 0
	for _, s := range samples.All() {
		for _, d := range s.SyntaxDefects {
			n++
			want := fmt.Sprintf("%s/%s/verbatim.json:%d:%d: syntax error: ", samplesDir, s.Name, d.Line, d.Column)
			if !strings.Contains(out, "\n"+want) && !strings.HasPrefix(out, want) {
				t.Errorf("no line %q in\n%s", want, out)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d defects in the corpus", n)
	}
	// The older page's DISCONNECTED sample: one trailing comma, at 36:61.
	if want := samplesDir + "/02-older-disconnected/verbatim.json:36:61: syntax error: trailing comma before '}'\n"; !strings.Contains(out, want) {
		t.Errorf("missing %q", want)
	}
}

func TestTextProblemsAreLocated(t *testing.T) {
	// "Voice" is on line 19, column 20 of the older page's repaired sample.
	out, _, _ := cli(t, nil, "validate", "--profile", "strict", samplesDir+"/02-older-disconnected/repaired.json")
	want := samplesDir + `/02-older-disconnected/repaired.json:19:20: /detail/channel (/$defs/Channel/enum): "Voice" is a documented Channel that this profile does not accept; expected one of VOICE, CHAT, TASK, EMAIL` + "\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant first\n%s", out, want)
	}
	if !strings.HasSuffix(out, "\n1 event: 0 valid, 1 invalid (0 warnings)\n") {
		t.Errorf("summary: %q", out)
	}

	// In NDJSON, a problem is on the event's line.
	ev := contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued))
	bad := bytes.Replace(ev, []byte(`"channel":"VOICE"`), []byte(`"channel":"PIGEON"`), 1)
	input := string(ev) + "\n\n" + string(ev) + "\n  " + string(bad) + "\n" + `{"eventType":"QUEUED",}` + "\n"
	out, _, code := cli(t, strings.NewReader(input), "validate", "--profile", "strict")
	col := 3 + bytes.Index(bad, []byte(`"PIGEON"`))
	wantLines := []string{
		fmt.Sprintf(`<stdin>:4:%d: /detail/channel (/$defs/Channel/enum): "PIGEON" is not a documented Channel; expected one of VOICE, CHAT, TASK, EMAIL`, col),
		`<stdin>:5:22: syntax error: trailing comma before '}'`,
		`4 events: 2 valid, 2 invalid (0 warnings)`,
	}
	if got := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); code != exitInvalid || !cmp.Equal(got, wantLines) {
		t.Errorf("exit %d, output (-want +got):\n%s", code, cmp.Diff(wantLines, got))
	}
}

// The summary line must never read like a test runner's verdict.
func TestSummaryIsNotATestVerdict(t *testing.T) {
	for _, n := range [][4]int{{0, 0, 0, 0}, {1, 1, 0, 0}, {1, 0, 1, 1}, {12, 11, 1, 3}} {
		r := &reporter{events: n[0], valid: n[1], invalid: n[2], warnings: n[3]}
		s := r.summary()
		for _, verdict := range []string{"ok", "PASS", "FAIL", "---", "===", "?"} {
			if strings.HasPrefix(s, verdict) {
				t.Errorf("summary %q starts with %q", s, verdict)
			}
		}
		if !strings.HasPrefix(s, fmt.Sprint(n[0])+" event") || strings.ContainsAny(s, "\t\n") {
			t.Errorf("summary %q", s)
		}
	}
	r := &reporter{events: 1, valid: 1, warnings: 1}
	if got, want := r.summary(), "1 event: 1 valid, 0 invalid (1 warning)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestJSONOutputShape(t *testing.T) {
	files := verbatimFiles(t)
	args := append([]string{"validate", "--output", "json", "--profile", "strict", samplesDir + "/02-older-disconnected/repaired.json"}, files...)
	out, _, _ := cli(t, nil, args...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < len(files)+1 {
		t.Fatalf("%d lines for %d files", len(lines), len(files)+1)
	}
	required := []string{"source", "index", "valid", "format", "eventType", "errors", "warnings"}
	for _, line := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			t.Fatalf("not JSON: %s: %v", line, err)
		}
		for _, k := range required {
			if _, ok := obj[k]; !ok {
				t.Errorf("no %q in %s", k, line)
			}
		}
		for k := range obj {
			if !slices.Contains(required, k) && k != "id" && k != "pointer" {
				t.Errorf("unexpected member %q in %s", k, line)
			}
		}
		valid, _ := obj["valid"].(bool)
		errs, _ := obj["errors"].([]any)
		if valid == (len(errs) > 0) {
			t.Errorf("valid %v with %d errors: %s", valid, len(errs), line)
		}
		for _, list := range []string{"errors", "warnings"} {
			for _, p := range obj[list].([]any) {
				p := p.(map[string]any)
				for _, k := range []string{"instanceLocation", "keywordLocation", "message"} {
					if _, ok := p[k].(string); !ok {
						t.Errorf("%s entry without string %q: %s", list, k, line)
					}
				}
			}
		}
	}
	// The first line is the repaired DISCONNECTED sample under strict.
	var first struct {
		Source    string
		Index     int
		Valid     bool
		Format    string
		EventType string
		Errors    []struct{ InstanceLocation, KeywordLocation, Message string }
		Warnings  []any
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Valid || first.Format != "eventbridge" || first.EventType != "DISCONNECTED" || len(first.Errors) != 4 ||
		first.Errors[0].InstanceLocation != "/detail/channel" || first.Errors[0].KeywordLocation != "/$defs/Channel/enum" {
		t.Errorf("first line: %+v", first)
	}
	// Warnings of a valid event come through WithWarnings.
	out, _, _ = cli(t, nil, "validate", "--output", "json", samplesDir+"/02-older-disconnected/repaired.json")
	if !strings.Contains(out, `"valid":true`) || !strings.Contains(out, `"warnings":[{"instanceLocation":"/detail/queueInfo","keywordLocation":"/$defs/ContactEvent/x-rules/1",`) {
		t.Errorf("compat output: %s", out)
	}
}

func TestNormalize(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, s := range samples.Events() {
		f := filepath.Join(dir, s.Name+".json")
		write(t, f, s.Repaired)
		files = append(files, f)
	}
	out, errOut, code := cli(t, nil, append([]string{"normalize"}, files...)...)
	// stderr: the one warning of the samples (compat), then the summary.
	warning := filepath.Join(dir, "02-older-disconnected.json") + ":25:22: /detail/queueInfo (/$defs/ContactEvent/x-rules/1): warning: queueInfo is present although initiationMethod is OUTBOUND; the current page says it is not included then\n"
	if code != exitValid || errOut != warning+"8 events: 8 valid, 0 invalid (1 warning)\n" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d lines for %d events", len(lines), len(files))
	}
	for i, line := range lines {
		if !json.Valid([]byte(line)) {
			t.Errorf("line %d is not JSON: %s", i+1, line)
		}
		if err := contactevents.Validate([]byte(line)); err != nil {
			t.Errorf("line %d: %v", i+1, err)
		}
	}
	// Canonical: a second pass changes nothing, and runs agree.
	again, _, code := cli(t, strings.NewReader(out), "normalize")
	if code != exitValid || again != out {
		t.Errorf("normalize is not idempotent (exit %d):\n%s", code, cmp.Diff(out, again))
	}
	if out2, _, _ := cli(t, nil, append([]string{"normalize"}, files...)...); out2 != out {
		t.Error("two runs differ")
	}
	// The PascalCase sample comes out camelCase, "Voice" as VOICE.
	if strings.Contains(out, `"ContactId"`) || strings.Contains(out, `"Voice"`) {
		t.Errorf("not canonical: %s", out)
	}
	// Invalid events go to stderr, valid ones still to stdout.
	invalid := filepath.Join(dir, "invalid.json")
	write(t, invalid, []byte("{\n  \"eventType\": \"QUEUED\",\n}"))
	out, errOut, code = cli(t, nil, "normalize", files[0], invalid)
	if code != exitInvalid || out != lines[0]+"\n" || errOut != invalid+":2:24: syntax error: trailing comma before '}'\n2 events: 1 valid, 1 invalid (0 warnings)\n" {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
}

func TestSchemaCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want func() []byte
	}{
		{[]string{"schema"}, func() []byte { b, _ := schema.Profile("compat"); return b }},
		{[]string{"schema", "--profile", "strict"}, func() []byte { b, _ := schema.Profile("strict"); return b }},
		{[]string{"schema", "--profile=legacy"}, func() []byte { b, _ := schema.Profile("legacy"); return b }},
		{[]string{"schema", "--profile", "source"}, schema.Source},
	} {
		out, _, code := cli(t, nil, tc.args...)
		want := tc.want()
		if code != exitValid || len(want) == 0 || strings.TrimSuffix(out, "\n") != strings.TrimSuffix(string(want), "\n") {
			t.Errorf("%v: exit %d, %d bytes, want %d", tc.args, code, len(out), len(want))
		}
		var s map[string]any
		if err := json.Unmarshal([]byte(out), &s); err != nil || s["$schema"] == nil {
			t.Errorf("%v: not a JSON Schema: %v", tc.args, err)
		}
	}
	if names := schema.Profiles(); !cmp.Equal(names, []string{"compat", "legacy", "strict"}) {
		t.Errorf("schema.Profiles() = %v", names)
	}
	if _, err := schema.Profile("../contactevents"); err == nil {
		t.Error("schema.Profile accepted a path")
	}
}

func TestSamplesCommand(t *testing.T) {
	out, _, code := cli(t, nil, "samples")
	if code != exitValid || !strings.HasPrefix(out, "NAME") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, s := range samples.All() {
		if !strings.Contains(out, s.Name) {
			t.Errorf("list lacks %s", s.Name)
		}
	}
	if !strings.Contains(out, "03-current-connected-to-agent") || !regexpLine(out, "03-current-connected-to-agent", "current", "CONNECTED_TO_AGENT", "6") {
		t.Errorf("list:\n%s", out)
	}
	s, _ := samples.Lookup("02-older-disconnected")
	for _, tc := range []struct {
		args []string
		want []byte
	}{
		{[]string{"samples", "02-older-disconnected"}, s.Verbatim},
		{[]string{"samples", "02"}, s.Verbatim},
		{[]string{"samples", "--repaired", "02"}, s.Repaired},
		{[]string{"samples", "02", "--repaired"}, s.Repaired},
	} {
		out, errOut, code := cli(t, nil, tc.args...)
		if code != exitValid || out != string(tc.want) {
			t.Errorf("%v: exit %d, stderr %q, %d bytes", tc.args, code, errOut, len(out))
		}
	}
}

// regexpLine reports whether some line of out has the fields, in order,
// separated by spaces.
func regexpLine(out string, fields ...string) bool {
	for line := range strings.SplitSeq(out, "\n") {
		if slices.Equal(strings.Fields(line), fields) {
			return true
		}
	}
	return false
}
