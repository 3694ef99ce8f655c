package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
)

// runPattern runs "pattern match" and "pattern lint": test an EventBridge
// rule's event pattern before deploying it.
//
//	contactevents pattern match [--output text|json] PATTERN_FILE [FILE ...]
//	contactevents pattern lint [--profile P] [--output text|json] PATTERN_FILE
//
// match exits 0 when an event matched, 1 when none did, 2 when the pattern
// is invalid or an input cannot be read; lint exits 0 without an error
// finding, 1 with one, 2 when EventBridge would reject the pattern.
func runPattern(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const usage = "Usage: contactevents pattern match [--output text|json] PATTERN_FILE [FILE ...]\n" +
		"       contactevents pattern lint [--profile P] [--output text|json] PATTERN_FILE\n"
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "match":
		return runPatternMatch(args[1:], stdin, stdout, stderr)
	case "lint":
		return runPatternLint(args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitValid
	}
	fmt.Fprintf(stderr, "contactevents pattern: unknown command %q\n%s", args[0], usage)
	return exitError
}

// displayName is how messages name a file operand.
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// readPattern reads and compiles the pattern file ("-" for stdin).
func readPattern(name string, stdin io.Reader) (*pattern.Pattern, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	return pattern.Compile(b)
}

func runPatternMatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("pattern match", "[--output text|json] PATTERN_FILE [FILE ...]",
		"Evaluate an EventBridge event pattern on every event of the files (stdin when there is none,\n"+
			"or for -), in any delivery format that validate reads; a document that is not a contact\n"+
			"event is matched as it is. Print, per event, its source, index and whether it matched.\n"+
			"Exit status: 0 an event matched, 1 none did, 2 the pattern is invalid or an input cannot be read.", stderr)
	output := fs.String("output", outputText, "output `mode`: text (a line per event, then a summary) or json (an object per event)")
	operands, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if *output != outputText && *output != outputJSON {
		return usageError(stderr, fs, "unknown output %q (want text or json)", *output)
	}
	if len(operands) == 0 {
		return usageError(stderr, fs, "give the pattern file")
	}
	files := operands[1:]
	if len(files) == 0 {
		files = []string{"-"}
	}
	if operands[0] == "-" && slices.Contains(files, "-") {
		return usageError(stderr, fs, "the pattern and the events cannot both come from stdin")
	}
	p, err := readPattern(operands[0], stdin)
	if err != nil {
		fmt.Fprintf(stderr, "contactevents: %s: %v\n", displayName(operands[0]), err)
		return exitError
	}
	out := bufio.NewWriter(stdout)
	m := matchReport{mode: *output, out: out, diag: stderr}
	for _, name := range files {
		if err := m.file(p, name, stdin); err != nil {
			m.fail(name, -1, err)
		}
	}
	if m.mode == outputText {
		fmt.Fprintf(out, "%d%s: %d matched, %d not matched", m.events, plural(m.events, " event", " events"), m.matched, m.events-m.matched)
		if m.failed > 0 {
			fmt.Fprintf(out, ", %d unreadable", m.failed)
		}
		fmt.Fprintln(out)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "contactevents: writing the output: %v\n", err)
		return exitError
	}
	switch {
	case m.failed > 0:
		return exitError
	case m.matched == 0:
		return exitInvalid
	}
	return exitValid
}

// matchReport writes the verdict of each event and counts them.
type matchReport struct {
	mode                    string
	out                     *bufio.Writer
	diag                    io.Writer
	events, matched, failed int
}

// file matches every record of the file name ("-" for stdin).
func (m *matchReport) file(p *pattern.Pattern, name string, stdin io.Reader) error {
	var r io.Reader = stdin
	src := displayName(name)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r, src = f, name
	}
	for rec, err := range contactevents.NewDecoder(r).Documents() {
		if err != nil {
			var re *contactevents.RecordError
			if errors.As(err, &re) && re.Index >= 0 {
				m.fail(sourceAt(src, re.Line), re.Index, err)
				continue
			}
			return err
		}
		ok, err := p.Match(rec.Data)
		if err != nil {
			m.fail(sourceAt(src, rec.Line), rec.Index, err)
			continue
		}
		m.events++
		if ok {
			m.matched++
		}
		m.verdict(sourceAt(src, rec.Line), rec, ok)
	}
	return nil
}

// sourceAt is a source name with the line of the record, when known.
func sourceAt(src string, line int) string {
	if line > 0 {
		return src + ":" + strconv.Itoa(line)
	}
	return src
}

func (m *matchReport) verdict(src string, rec *contactevents.Record, ok bool) {
	if m.mode == outputJSON {
		v := struct {
			Source  string `json:"source"`
			Index   int    `json:"index"`
			ID      string `json:"id,omitempty"`
			Pointer string `json:"pointer,omitempty"`
			Matched bool   `json:"matched"`
		}{src, rec.Index, rec.ID, rec.Pointer, ok}
		b, _ := json.Marshal(v)
		m.out.Write(append(b, '\n'))
		return
	}
	verdict := "matched"
	if !ok {
		verdict = "not matched"
	}
	id := ""
	if rec.ID != "" {
		id = " (" + rec.ID + ")"
	}
	fmt.Fprintf(m.out, "%s: event %d%s: %s\n", src, rec.Index, id, verdict)
}

// fail reports an event (index >= 0) or an input that cannot be read.
func (m *matchReport) fail(src string, index int, err error) {
	m.failed++
	if m.mode == outputJSON && index >= 0 {
		b, _ := json.Marshal(struct {
			Source string `json:"source"`
			Index  int    `json:"index"`
			Error  string `json:"error"`
		}{src, index, err.Error()})
		m.out.Write(append(b, '\n'))
		return
	}
	m.out.Flush()
	if index >= 0 {
		fmt.Fprintf(m.diag, "contactevents: %s: event %d: %v\n", src, index, err)
		return
	}
	fmt.Fprintf(m.diag, "contactevents: %s: %v\n", src, err)
}

func runPatternLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("pattern lint", "[--profile P] [--output text|json] PATTERN_FILE",
		"Check an EventBridge event pattern against the contact-event schema under a profile: unknown\n"+
			"keys and values, and conditions that no valid event satisfies. Exit status: 0 no error\n"+
			"finding, 1 an error finding, 2 EventBridge would reject the pattern.", stderr)
	profile := fs.String("profile", string(contactevents.Compat), "`profile`: "+strings.Join(profileNames(), ", "))
	output := fs.String("output", outputText, "output `mode`: text (a line per finding, then a summary) or json (one object)")
	operands, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if *output != outputText && *output != outputJSON {
		return usageError(stderr, fs, "unknown output %q (want text or json)", *output)
	}
	prof, err := contactevents.ParseProfile(*profile)
	if err != nil {
		return usageError(stderr, fs, "unknown profile %q (want one of %s)", *profile, strings.Join(profileNames(), ", "))
	}
	if len(operands) != 1 {
		return usageError(stderr, fs, "give one pattern file")
	}
	p, err := readPattern(operands[0], stdin)
	name := displayName(operands[0])
	var perr *pattern.Error
	if err != nil && !errors.As(err, &perr) {
		fmt.Fprintf(stderr, "contactevents: %s: %v\n", name, err)
		return exitError
	}
	var findings []pattern.Finding
	if p != nil {
		if findings, err = pattern.Lint(p, prof); err != nil {
			fmt.Fprintf(stderr, "contactevents: %v\n", err)
			return exitError
		}
	}
	errs := 0
	for _, f := range findings {
		if f.Severity == contactevents.SeverityError {
			errs++
		}
	}
	var b []byte
	if *output == outputJSON {
		b = lintJSON(name, *profile, perr, findings)
	} else {
		b = lintText(name, perr, findings, errs)
	}
	if _, err := stdout.Write(b); err != nil {
		fmt.Fprintf(stderr, "contactevents: writing the output: %v\n", err)
		return exitError
	}
	switch {
	case perr != nil:
		return exitError
	case errs > 0:
		return exitInvalid
	}
	return exitValid
}

func lintText(name string, perr *pattern.Error, findings []pattern.Finding, errs int) []byte {
	var b strings.Builder
	if perr != nil {
		fmt.Fprintf(&b, "%s: %v\n", name, perr)
		return []byte(b.String())
	}
	for _, f := range findings {
		fmt.Fprintf(&b, "%s: %s\n", name, f)
	}
	warns := len(findings) - errs
	fmt.Fprintf(&b, "%d%s: %d%s, %d%s\n", len(findings), plural(len(findings), " finding", " findings"),
		errs, plural(errs, " error", " errors"), warns, plural(warns, " warning", " warnings"))
	return []byte(b.String())
}

func lintJSON(name, profile string, perr *pattern.Error, findings []pattern.Finding) []byte {
	type finding struct {
		Pointer  string `json:"pointer"`
		Kind     string `json:"kind"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	v := struct {
		Pattern  string    `json:"pattern"`
		Profile  string    `json:"profile"`
		Valid    bool      `json:"valid"`
		Error    *finding  `json:"error,omitempty"`
		Findings []finding `json:"findings"`
	}{Pattern: name, Profile: profile, Valid: perr == nil, Findings: []finding{}}
	if perr != nil {
		v.Error = &finding{Pointer: perr.Pointer, Kind: "invalid-pattern", Severity: "error", Message: perr.Error()}
	}
	for _, f := range findings {
		v.Findings = append(v.Findings, finding{f.Pointer, string(f.Kind), f.Severity.String(), f.Message})
	}
	b, _ := json.Marshal(v)
	return append(b, '\n')
}
