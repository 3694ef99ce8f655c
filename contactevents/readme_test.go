package contactevents_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readmeMarker, on the line before a README code block, names the file
// whose code the block shows; the file runs it (an Example or a test).
var readmeMarker = regexp.MustCompile(`^<!-- checked by (\S+) -->$`)

// TestREADMEExamples keeps the README's Go code from drifting from code
// that runs: every ```go block is marked with the file it comes from, and
// its lines (indentation aside) are lines of that file, in order, one after
// the other; an `import "p"` line needs the file to import p.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(readme), "\n")
	checked := 0
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```go" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && lines[i] != "```"; i++ {
		}
		block := lines[start:i]
		marker := ""
		if start >= 2 {
			if m := readmeMarker.FindStringSubmatch(lines[start-2]); m != nil {
				marker = m[1]
			}
		}
		if marker == "" {
			t.Errorf("README.md:%d: a Go block without a <!-- checked by FILE --> line before it", start)
			continue
		}
		src, err := os.ReadFile(filepath.Join("..", marker))
		if err != nil {
			t.Errorf("README.md:%d: %v", start-1, err)
			continue
		}
		if err := sameCode(block, string(src)); err != "" {
			t.Errorf("README.md:%d: the block is not the code of %s: %s", start, marker, err)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no checked Go block in README.md")
	}
}

// sameCode says how block is not a run of src's lines ("" when it is).
func sameCode(block []string, src string) string {
	norm := func(ls []string) []string {
		var out []string
		for _, l := range ls {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	var code []string
	for _, l := range norm(block) {
		if path, ok := strings.CutPrefix(l, "import "); ok {
			if !strings.Contains(src, path) {
				return "it does not import " + path
			}
			continue
		}
		code = append(code, l)
	}
	file := norm(strings.Split(src, "\n"))
	for i := range file {
		if len(file)-i >= len(code) && slices.Equal(file[i:i+len(code)], code) {
			return ""
		}
	}
	// Name the first line that differs from the best partial match.
	best, at := 0, 0
	for i := range file {
		n := 0
		for n < len(code) && i+n < len(file) && file[i+n] == code[n] {
			n++
		}
		if n > best {
			best, at = n, i
		}
	}
	if best == 0 {
		return "its first line " + code[0] + " is not in the file"
	}
	got := "(end of file)"
	if at+best < len(file) {
		got = file[at+best]
	}
	return "line " + code[best] + " where the file has " + got
}
