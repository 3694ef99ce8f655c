package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/pattern"
)

// coverageRules are event patterns by rule name: what the rule files of
// TestPatternTestEveryRulesForm hold, in their several forms.
var coverageRules = map[string]string{
	"pattern.json":     `{"source":["aws.connect"],"detail":{"eventType":["CONNECTED_TO_AGENT"]}}`,
	"disconnects":      `{"detail":{"eventType":["DISCONNECTED"],"initiationMethod":[{"anything-but":"OUTBOUND"}]}}`,
	"voice-queued":     `{"detail":{"eventType":["QUEUED"],"channel":["VOICE"]}}`,
	"queued":           `{"detail-type":["Amazon Connect Contact Event"],"detail":{"eventType":[{"prefix":"QUEUE"}]}}`,
	"AgentRule":        `{"detail":{"agentInfo":{"agentArn":[{"wildcard":"arn:aws:connect:*/agent/*"}]}}}`,
	"StringRule":       `{"detail":{"channel":["CHAT","TASK"]}}`,
	"Handler/OnEvent":  `{"source":["aws.connect"],"detail":{"eventType":[{"anything-but":["INITIATED"]}]}}`,
	"never-voice-typo": `{"detail":{"channel":["Voice"]}}`,
}

// writeRulesFolder writes coverageRules in every form pattern test reads:
// a pattern file, list-rules and describe-rule output, a CloudFormation
// template with a SAM function.
func writeRulesFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	quote := func(name string) string {
		b, _ := json.Marshal(coverageRules[name])
		return string(b)
	}
	files := map[string]string{
		"pattern.json": coverageRules["pattern.json"],
		"list-rules.json": `{"Rules":[{"Name":"disconnects","Arn":"arn:aws:events:us-west-2:123456789012:rule/disconnects","EventPattern":` + quote("disconnects") + `,"State":"ENABLED"},` +
			`{"Name":"nightly","ScheduleExpression":"rate(1 day)","State":"ENABLED"},` +
			`{"Name":"voice-queued","EventPattern":` + quote("voice-queued") + `},{"Name":"never-voice-typo","EventPattern":` + quote("never-voice-typo") + `}]}`,
		"sub/describe-rule.json": `{"Name":"queued","Arn":"arn:aws:events:us-west-2:123456789012:rule/queued","EventPattern":` + quote("queued") + `,"State":"ENABLED","EventBusName":"default"}`,
		"template.json": `{"AWSTemplateFormatVersion":"2010-09-09","Transform":"AWS::Serverless-2016-10-31","Resources":{` +
			`"AgentRule":{"Type":"AWS::Events::Rule","Properties":{"EventPattern":` + coverageRules["AgentRule"] + `,"Targets":[]}},` +
			`"StringRule":{"Type":"AWS::Events::Rule","Properties":{"EventPattern":` + quote("StringRule") + `}},` +
			`"Queue":{"Type":"AWS::SQS::Queue"},` +
			`"Handler":{"Type":"AWS::Serverless::Function","Properties":{"Events":{"OnEvent":{"Type":"EventBridgeRule","Properties":{"Pattern":` + coverageRules["Handler/OnEvent"] + `}}}}}}}`,
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// coverageArchive writes a gzip NDJSON archive of contact events of every
// type and several channels, and returns its path and its events.
func coverageArchive(t *testing.T) (string, [][]byte) {
	t.Helper()
	var events [][]byte
	for seed := range uint64(6) {
		for _, et := range contactevents.EventType("").Values() {
			if et == contactevents.EventTypeAMDDisabled || et == contactevents.EventTypeWebRTCAPI {
				continue
			}
			chs := contacteventstest.Channels(et)
			ev := contacteventstest.NewEvent(et, contacteventstest.WithSeed(seed), contacteventstest.WithChannel(chs[int(seed)%len(chs)]))
			events = append(events, contacteventstest.Payload(ev))
		}
	}
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	for _, ev := range events {
		var c bytes.Buffer
		if err := json.Compact(&c, ev); err != nil {
			t.Fatal(err)
		}
		w.Write(append(c.Bytes(), '\n'))
	}
	w.Close()
	path := filepath.Join(t.TempDir(), "archive.ndjson.gz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, events
}

// TestPatternTestEveryRulesForm: pattern test over a folder with a rule in
// each form, against a gzip archive, counts for each rule what matching the
// rule on its own counts.
func TestPatternTestEveryRulesForm(t *testing.T) {
	dir := writeRulesFolder(t)
	archive, events := coverageArchive(t)
	out, errOut, code := cli(t, nil, "pattern", "test", "--rules", dir, "--output", "json", archive)
	if code != exitInvalid || errOut != "" {
		t.Fatalf("exit %d (want 1: never-voice-typo matches nothing), stderr %q\n%s", code, errOut, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(coverageRules)+1 {
		t.Fatalf("%d lines, want one per rule (%d) and a summary:\n%s", len(lines), len(coverageRules), out)
	}
	for _, line := range lines[:len(lines)-1] {
		var got struct {
			Rule            string
			Matched, Events int
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		src, ok := coverageRules[got.Rule]
		if !ok {
			t.Errorf("unexpected rule %q", got.Rule)
			continue
		}
		p := pattern.MustCompile(src)
		want := 0
		for _, ev := range events {
			if ok, err := p.Match(ev); err != nil {
				t.Fatal(err)
			} else if ok {
				want++
			}
		}
		if got.Matched != want || got.Events != len(events) {
			t.Errorf("%s: matched %d of %d, alone it matches %d of %d", got.Rule, got.Matched, got.Events, want, len(events))
		}
		if got.Rule != "never-voice-typo" && want == 0 {
			t.Errorf("%s matches no event of the archive: the test says little", got.Rule)
		}
	}
	var summary struct {
		Rules, Events  int
		MatchedNothing []string
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &summary); err != nil ||
		summary.Rules != len(coverageRules) || summary.Events != len(events) || len(summary.MatchedNothing) != 1 || summary.MatchedNothing[0] != "never-voice-typo" {
		t.Errorf("summary %s (%v)", lines[len(lines)-1], err)
	}

	text, _, code := cli(t, nil, "pattern", "test", "--rules", dir, archive)
	if code != exitInvalid || !strings.Contains(text, "never-voice-typo: 0 of ") ||
		!strings.HasSuffix(text, "8 rules, "+itoa(len(events))+" events: 1 rule matched nothing: never-voice-typo\n") {
		t.Errorf("text output (exit %d):\n%s", code, text)
	}
}

func TestPatternTestExitStatus(t *testing.T) {
	archive, _ := coverageArchive(t)
	good := writeTemp(t, "good.json", `{"source":["aws.connect"]}`)
	bad := writeTemp(t, "bad.json", `{"Rules":[{"Name":"ok","EventPattern":"{\"source\":[\"aws.connect\"]}"},{"Name":"broken","EventPattern":"{\"a\":[{\"numeric\":[\">\",30,\"<\",1]}]}"}]}`)
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"every rule matched", []string{"--rules", good, archive}, exitValid, ""},
		{"an invalid rule", []string{"--rules", bad, archive}, exitError, "rule broken: event pattern /a/0/numeric"},
		{"an unreadable input", []string{"--rules", good, archive, filepath.Join(t.TempDir(), "missing.json")}, exitError, "missing.json"},
		{"no rules", []string{archive}, exitError, "give the rules with --rules"},
		{"missing rules file", []string{"--rules", "nowhere.json", archive}, exitError, "nowhere.json"},
		{"rules and events on stdin", []string{"--rules", "-"}, exitError, "cannot both come from stdin"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := cli(t, nil, append([]string{"pattern", "test"}, c.args...)...)
			if code != c.code || !strings.Contains(errOut, c.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, c.code, c.stderr)
			}
		})
	}
}

// TestPatternLintEachRule: lint reads RULES as pattern test does and lints
// each rule, under strict by default.
func TestPatternLintEachRule(t *testing.T) {
	out, _, code := cli(t, nil, "pattern", "lint", writeRulesFolder(t))
	if code != exitInvalid {
		t.Errorf("exit %d, want 1 (never-voice-typo)", code)
	}
	for _, w := range []string{
		`never-voice-typo: /detail/channel/0: error: "Voice" is a documented Channel that the strict profile does not accept`,
		"AgentRule: 0 findings", "Handler/OnEvent: 0 findings", "queued: 0 findings",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

// TestPatternMatchReadsWhatValidateReads: a folder with a gzip file, and
// --format.
func TestPatternMatchReadsWhatValidateReads(t *testing.T) {
	archive, events := coverageArchive(t)
	rule := writeTemp(t, "rule.json", `{"source":["aws.connect"]}`)
	out, errOut, code := cli(t, nil, "pattern", "match", "--format", "ndjson", rule, filepath.Dir(archive))
	if code != exitValid || errOut != "" || !strings.HasSuffix(out, itoa(len(events))+" events: "+itoa(len(events))+" matched, 0 not matched\n") {
		t.Errorf("exit %d, stderr %q:\n%s", code, errOut, out)
	}
	if _, errOut, code := cli(t, nil, "pattern", "match", "--format", "nope", rule, archive); code != exitError || !strings.Contains(errOut, "unknown format") {
		t.Errorf("bad --format: exit %d, %q", code, errOut)
	}
}

// TestPatternTestReadsS3: the archive as an S3 prefix (gofakes3, the real
// AWS SDK client) counts what the local file counts.
func TestPatternTestReadsS3(t *testing.T) {
	archive, _ := coverageArchive(t)
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	url := fakeS3(t, "bus", map[string][]byte{"2024/05/06/archive.gz": data})
	dir := writeRulesFolder(t)
	local, _, code := cli(t, nil, "pattern", "test", "--rules", dir, archive)
	remote, errOut, rcode := cli(t, nil, "pattern", "test", "--rules", dir, "--endpoint-url", url, "s3://bus/2024/")
	if code != exitInvalid || rcode != code || errOut != "" || remote != local {
		t.Errorf("local (exit %d):\n%s\nS3 (exit %d, stderr %q):\n%s", code, local, rcode, errOut, remote)
	}
}
