package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// manyIssuesEvent is sample 02 (compact) with n unknown members in detail
// (string values with a multi-byte character, so that columns count
// characters) and in detail.agentInfo, and a few issues of other kinds:
// contactId spelled contactID, channel missing, a number for a nested
// string (agentArn) and for an array element (resources/0).
func manyIssuesEvent(t *testing.T, n int) []byte {
	t.Helper()
	var doc []byte
	for _, s := range samples.Events() {
		if strings.HasPrefix(s.Name, "02-") {
			ev, err := contactevents.Parse(s.Repaired)
			if err != nil {
				t.Fatal(err)
			}
			doc = ev.AppendJSON(nil)
		}
	}
	var unknown, nested strings.Builder
	for i := range n {
		unknown.WriteString(`"k` + strconv.Itoa(i) + `":"é` + strconv.Itoa(i) + `",`)
		if i%10 == 0 {
			nested.WriteString(`,"n` + strconv.Itoa(i) + `":` + strconv.Itoa(i))
		}
	}
	for _, r := range []struct{ old, new string }{
		{`"detail":{`, `"detail":{` + unknown.String()},
		{`"contactId":`, `"contactID":`},
		{`"channel":"VOICE",`, ``},
		{`"agentArn":"arn"`, `"agentArn":5` + nested.String()},
		{`"resources":["arn:aws:..."`, `"resources":[7`},
	} {
		if !bytes.Contains(doc, []byte(r.old)) {
			t.Fatalf("sample 02 has no %s", r.old)
		}
		doc = bytes.Replace(doc, []byte(r.old), []byte(r.new), 1)
	}
	return doc
}

// TestManyIssuesLocated is the differential test of locating an item's
// issues in one walk: on an event of thousands of issues, the command's
// positions are per-issue contactevents.Locate and PositionOf's (json
// output), and its text and json output are the same through the one walk
// and through one Locate per issue, for a single event (compact and
// indented), NDJSON lines, an array and an SQS batch, strict and compat.
func TestManyIssuesLocated(t *testing.T) {
	doc := manyIssuesEvent(t, 3000)
	var indented bytes.Buffer
	if err := json.Indent(&indented, doc, "", "  "); err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(string(doc))
	files := map[string][]byte{
		"event.json":    doc,
		"indented.json": indented.Bytes(),
		"lines.ndjson":  join(doc, []byte("\n"), event(0), []byte("\n"), indentless(doc), []byte("\n")),
		"array.json":    join([]byte("[\n"), event(1), []byte(",\n"), indented.Bytes(), []byte("]\n")),
		"sqs.json":      []byte(`{"Records":[{"messageId":"m-1","eventSource":"aws:sqs","body":` + string(body) + `}]}`),
	}
	dir := writeTree(t, files)
	run := func(threshold int, args ...string) string {
		t.Helper()
		defer func(n int) { manyIssues = n }(manyIssues)
		manyIssues = threshold
		out, stderr, _ := cli(t, nil, append([]string{"validate", "--max-issues", "0", "--max-event-issues", "0", "--max-event-size", "1000000"}, args...)...)
		if stderr != "" {
			t.Fatalf("%v: %s", args, stderr)
		}
		return out
	}
	for _, profile := range []string{"strict", "compat"} {
		path := filepath.Join(dir, "event.json")
		out := run(manyIssues, "--profile", profile, "--output", "json", path)
		var it struct {
			Errors, Warnings []struct {
				InstanceLocation string
				Line, Column     int
			}
		}
		if err := json.Unmarshal([]byte(out), &it); err != nil {
			t.Fatal(err)
		}
		issues := append(it.Errors, it.Warnings...)
		if len(issues) < 3000+300+4 {
			t.Fatalf("%s: %d issues", profile, len(issues))
		}
		kinds := map[string]bool{}
		for _, i := range issues {
			p, _ := contactevents.Locate(doc, i.InstanceLocation)
			p = contactevents.PositionOf(doc, p.Offset)
			if i.Line != p.Line || i.Column != p.Column {
				t.Errorf("%s %s: at %d:%d, Locate and PositionOf say %d:%d", profile, i.InstanceLocation, i.Line, i.Column, p.Line, p.Column)
			}
			kinds[strings.TrimRight(i.InstanceLocation, "0123456789")] = true
		}
		for _, k := range []string{"/detail", "/detail/contactID", "/detail/agentInfo/agentArn", "/detail/agentInfo/n", "/resources/", "/detail/k"} {
			if !kinds[k] {
				t.Errorf("%s: no issue at %s…", profile, k)
			}
		}
		for name := range files {
			for _, output := range []string{"text", "json"} {
				args := []string{"--profile", profile, "--output", output, filepath.Join(dir, name)}
				if name == "sqs.json" {
					args = append(args, "--format", "lambda-sqs")
				}
				walk, each := run(0, args...), run(1<<30, args...)
				if walk != each {
					t.Errorf("%s %s %s: output differs through one walk:\n%.2000s\nand one Locate per issue:\n%.2000s", profile, output, name, walk, each)
				}
			}
		}
	}
}

// indentless is doc with a space after each ':' of its first members, so
// that one NDJSON line differs from the other in its columns.
func indentless(doc []byte) []byte { return bytes.Replace(doc, []byte(`":"`), []byte(`": "`), 5) }
