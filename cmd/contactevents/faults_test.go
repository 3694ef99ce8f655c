package main

// Tests of sources that fail or hold what is not an event (issue 17): a read
// error in the middle of a line, a file that is not a regular file, a byte
// order mark inside NDJSON, and how a failed source is reported.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// ndjsonOf returns n lifecycle events as NDJSON.
func ndjsonOf(n int) []byte {
	var b bytes.Buffer
	io.Copy(&b, &lifecycleReader{n: n})
	return b.Bytes()
}

var truncatedGzip = regexp.MustCompile(`^contactevents: (.*): gzip stream truncated after (\d+) bytes, line (\d+): unexpected EOF\n$`)

// A gzip dump cut in half (as head -c does, or an early close) is not an
// invalid event at the cut: the whole lines before it are the events
// reported, and the source ends with an I/O error (exit 2) that names it and
// says how far it got. Within the in-memory prefix and beyond it.
func TestTruncatedGzipIsAReadErrorNotAnInvalidEvent(t *testing.T) {
	for _, n := range []int{300, 2000} { // about 0.4 MB and 2.5 MB: prefixLimit is 1 MiB
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			content := ndjsonOf(n)
			data := gz(t, content)
			dir := writeTree(t, map[string][]byte{"t.gz": data[:len(data)/2]})
			path := filepath.Join(dir, "t.gz")
			out, errOut, code := cli(t, nil, "validate", path)
			m := truncatedGzip.FindStringSubmatch(errOut)
			if code != exitError || m == nil || m[1] != path {
				t.Fatalf("exit %d, stderr %q; want exit 2 and the truncation named", code, errOut)
			}
			off, _ := strconv.Atoi(m[2])
			line, _ := strconv.Atoi(m[3])
			whole := bytes.Count(content[:off], []byte("\n"))
			if line != whole+1 {
				t.Errorf("the error names line %d; the cut is in line %d", line, whole+1)
			}
			if want := fmt.Sprintf("%d events: %d valid, 0 invalid (0 warnings); 1 source could not be read", whole, whole); lastLine(out) != want {
				t.Errorf("summary %q, want %q", lastLine(out), want)
			}
		})
	}
}

// A read error in the middle of a line of stdin (a connection reset): the
// line is not an event, the error says where the input stopped.
func TestReadErrorMidLineIsNotAnEvent(t *testing.T) {
	content := ndjsonOf(2000)
	cut := len(content) - 700 // in the last line
	r := io.MultiReader(bytes.NewReader(content[:cut]), &failingReader{errConnReset})
	out, errOut, code := cli(t, r, "validate")
	want := fmt.Sprintf("contactevents: <stdin>: read error after %d bytes, line 2000: %v\n", bytes.LastIndexByte(content[:cut], '\n')+1, errConnReset)
	if code != exitError || errOut != want {
		t.Errorf("exit %d, stderr %q; want 2, %q", code, errOut, want)
	}
	if want := "1999 events: 1999 valid, 0 invalid (0 warnings); 1 source could not be read"; lastLine(out) != want {
		t.Errorf("summary %q, want %q", lastLine(out), want)
	}
}

var errConnReset = fmt.Errorf("read tcp 10.0.0.1:443: %w", syscall.ECONNRESET)

// A source that cannot be read is in the JSON output, as a record of its own
// in its place, and in the text summary: a consumer of either sees that
// events are missing.
func TestFailedSourceIsInTheJSONOutputAndTheSummary(t *testing.T) {
	dir := writeTree(t, map[string][]byte{"1.json": event(1), "3.json": event(3)})
	missing := filepath.Join(dir, "2.json")
	os.Symlink(filepath.Join(dir, "gone"), missing) // dangling
	out, _, code := cli(t, nil, "validate", "--output", "json", filepath.Join(dir, "1.json"), missing, filepath.Join(dir, "3.json"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitError || len(lines) != 3 {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["source"] != missing || !strings.Contains(fmt.Sprint(rec["error"]), "no such file or directory") || len(rec) != 2 {
		t.Errorf("the failed source's record is %s, want {\"source\":%q,\"error\":...}", lines[1], missing)
	}
	out, _, _ = cli(t, nil, "validate", filepath.Join(dir, "1.json"), missing, filepath.Join(dir, "3.json"))
	if want := "2 events: 2 valid, 0 invalid (0 warnings); 1 source could not be read"; lastLine(out) != want {
		t.Errorf("summary %q, want %q", lastLine(out), want)
	}
}

// A FIFO (or any file that is not a regular file) in a folder is reported in
// its place, not skipped without a word, and not opened (a FIFO without a
// writer would block the run).
func TestNonRegularFileInAFolderIsReported(t *testing.T) {
	dir := writeTree(t, map[string][]byte{"1.json": event(1), "3.json": event(3)})
	fifo := filepath.Join(dir, "2.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	out, errOut, code := cli(t, nil, "validate", dir)
	if want := "contactevents: " + fifo + ": not a regular file (named pipe)\n"; code != exitError || errOut != want {
		t.Errorf("exit %d, stderr %q; want 2, %q", code, errOut, want)
	}
	if want := "2 events: 2 valid, 0 invalid (0 warnings); 1 source could not be read"; lastLine(out) != want {
		t.Errorf("summary %q, want %q", lastLine(out), want)
	}
}

// A byte order mark at the start of NDJSON line 2 is an error of that line,
// as NewDecoder reports it (contactevents' TestDecisionByteOrderMarkOnlyStartsAStream);
// the one that starts the file is skipped with a warning.
func TestByteOrderMarkOnNDJSONLine2IsAnErrorAsInNewDecoder(t *testing.T) {
	bom := []byte("\ufeff")
	nl := []byte("\n")
	for name, in := range map[string][]byte{
		"plain":         join(event(0), nl, bom, event(1), nl, event(2), nl),
		"after a BOM":   join(bom, event(0), nl, bom, event(1), nl, event(2), nl),
		"beyond prefix": join(ndjsonOf(900), bom, event(1), nl, event(2), nl),
	} {
		line := bytes.Count(in[:bytes.LastIndex(in, bom)], nl) + 1
		out, _, code := cli(t, bytes.NewReader(in), "validate")
		want := fmt.Sprintf("<stdin>:%d:1: syntax error: not valid JSON: a UTF-8 byte order mark (U+FEFF), which may only start a file\n", line)
		if code != exitInvalid || !strings.Contains(out, want) || !strings.Contains(lastLine(out), " 1 invalid") {
			t.Errorf("%s: exit %d, output:\n%s\nwant exit 1 and %q", name, code, out, want)
		}
	}
}
