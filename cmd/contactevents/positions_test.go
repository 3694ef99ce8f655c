package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestConcatenatedPositionsAreFileRelative is issue 17 item 12: in
// Firehose's back-to-back layout, a record's syntax errors and issues are
// at their line and column of the file (they were at the record's place in
// itself: 1:1112 for column 2,850, and 1:1 for every issue), through a
// plain file, gzip and s3://.
func TestConcatenatedPositionsAreFileRelative(t *testing.T) {
	e0, e1 := event(0), event(1)
	before := len(e0) + len(e1) // the third event starts at column before+1
	// The third event: an issue (contactId is a number), or a trailing comma.
	third := invalidEvent
	issueCol := before + bytes.Index(third, []byte(`42`)) + 1
	comma := append(bytes.Clone(third[:len(third)-1]), ',', '}')
	commaCol := before + len(comma) - 1
	files := map[string][]byte{
		"issue.json":  join(e0, e1, third, []byte("\n")),
		"comma.json":  join(e0, e1, comma, []byte("\n")),
		"issue.gz":    gz(t, join(e0, e1, third, []byte("\n"))),
		"comma.gz":    gz(t, join(e0, e1, comma, []byte("\n"))),
		"comma2.json": join([]byte("\n"), e0, e1, comma, []byte("\n")),
	}
	want := map[string]string{
		"issue.json":  fmt.Sprintf("issue.json:1:%d: record 2 /contactId", issueCol),
		"comma.json":  fmt.Sprintf("comma.json:1:%d: syntax error: trailing comma before '}'", commaCol),
		"issue.gz":    fmt.Sprintf("issue.gz:1:%d: record 2 /contactId", issueCol),
		"comma.gz":    fmt.Sprintf("comma.gz:1:%d: syntax error: trailing comma before '}'", commaCol),
		"comma2.json": fmt.Sprintf("comma2.json:2:%d: syntax error: trailing comma before '}'", commaCol),
	}
	dir := writeTree(t, files)
	url := fakeS3(t, "concat", files)
	for name, w := range want {
		local, _, _ := cli(t, nil, "validate", "--format", "concatenated", filepath.Join(dir, name))
		if !strings.Contains(local, w) {
			t.Errorf("%s: want %q in\n%s", name, w, local)
		}
		auto, _, _ := cli(t, nil, "validate", filepath.Join(dir, name))
		if !strings.Contains(auto, w) {
			t.Errorf("%s, format detected: want %q in\n%s", name, w, auto)
		}
		remote, _, _ := cli(t, nil, "validate", "--endpoint-url", url, "s3://concat/"+name)
		if !strings.Contains(remote, "s3://concat/"+w) {
			t.Errorf("s3://concat/%s: want %q in\n%s", name, w, remote)
		}
	}
}
