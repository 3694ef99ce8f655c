package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
)

// runPattern runs "pattern match", "pattern test" and "pattern lint": test
// EventBridge rules' event patterns before deploying them.
//
//	contactevents pattern match [--output text|json] [--format F] [--endpoint-url URL] PATTERN_FILE [FILE ...]
//	contactevents pattern test --rules RULES [--output text|json] [--format F] [--endpoint-url URL] [FILE ...]
//	contactevents pattern lint [--profile P] [--output text|json] RULES
//
// match exits 0 when an event matched, 1 when none did, 2 when the pattern
// is invalid or an input cannot be read; test exits 0 when every rule
// matched an event, 1 when one matched none, 2 when a rule is invalid or an
// input cannot be read; lint exits 0 without an error finding, 1 with one,
// 2 when EventBridge would reject a pattern.
func runPattern(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const usage = "Usage: contactevents pattern match [flags] PATTERN_FILE [FILE ...]\n" +
		"       contactevents pattern test --rules RULES [flags] [FILE ...]\n" +
		"       contactevents pattern lint [--profile P] [--output text|json] RULES\n"
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "match":
		return runPatternMatch(args[1:], stdin, stdout, stderr)
	case "test":
		return runPatternTest(args[1:], stdin, stdout, stderr)
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
	fs := newFlagSet("pattern match", "[--output text|json] [--format F] [--endpoint-url URL] PATTERN_FILE [FILE ...]",
		"Evaluate an EventBridge event pattern on every event of the files (stdin when there is none,\n"+
			"or for -; folders, gzip and s3://bucket/prefix as validate reads them), in any delivery format\n"+
			"that validate reads; a document that is not a contact event is matched as it is. Print, per\n"+
			"event, its source, index and whether it matched.\n"+
			"Exit status: 0 an event matched, 1 none did, 2 the pattern is invalid or an input cannot be read.", stderr)
	output := fs.String("output", outputText, "output `mode`: text (a line per event, then a summary) or json (an object per event)")
	in := eventFlags(fs)
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
	if status, ok := in.check(stderr, fs); !ok {
		return status
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
	in.documents(files, stdin, func(src string, rec *contactevents.Record) {
		ok, err := p.Match(rec.Data)
		if err != nil {
			m.fail(src, rec.Index, err)
			return
		}
		m.events++
		if ok {
			m.matched++
		}
		m.verdict(src, rec, ok)
	}, m.fail)
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

// eventInputs are the flags with which pattern match and pattern test read
// events as validate reads them.
type eventInputs struct {
	format *string
	s3     *s3Sources // --endpoint-url and the S3 timeouts and retries
	f      contactevents.Format
}

func eventFlags(fs *flag.FlagSet) *eventInputs {
	var formats []string
	for _, f := range contactevents.Format("").Values() {
		formats = append(formats, string(f))
	}
	in := &eventInputs{
		format: fs.String("format", string(contactevents.FormatAuto), "delivery `format`: "+strings.Join(formats, ", ")),
		s3:     &s3Sources{},
	}
	in.s3.flags(fs)
	return in
}

// check validates the flags' values.
func (in *eventInputs) check(stderr io.Writer, fs *flag.FlagSet) (int, bool) {
	f, err := contactevents.ParseFormat(*in.format)
	if err != nil {
		return usageError(stderr, fs, "unknown format %q", *in.format), false
	}
	in.f = f
	return 0, true
}

// documents reads every document of the operands, with validate's sources
// (files, folders, stdin as "-", s3:// prefixes; gzip decompressed), and
// calls match for each, named by its source and line; fail receives a
// record that cannot be read out of its delivery format (index >= 0) and a
// source that cannot be read (index -1).
func (in *eventInputs) documents(operands []string, stdin io.Reader, match func(src string, rec *contactevents.Record), fail func(src string, index int, err error)) {
	ctx := context.Background()
	for _, src := range expand(ctx, operands, stdin, in.s3) {
		if err := in.source(ctx, src, match, fail); err != nil {
			fail(src.name, -1, err)
		}
	}
}

func (in *eventInputs) source(ctx context.Context, src source, match func(string, *contactevents.Record), fail func(string, int, error)) error {
	r, closeSrc, err := openContent(ctx, src)
	if err != nil {
		return err
	}
	defer closeSrc()
	for rec, err := range contactevents.NewDecoder(r, contactevents.WithFormat(in.f)).Documents() {
		if err != nil {
			var re *contactevents.RecordError
			if errors.As(err, &re) && re.Index >= 0 {
				fail(sourceAt(src.name, re.Line), re.Index, err)
				continue
			}
			return err
		}
		match(sourceAt(src.name, rec.Line), rec)
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
	fs := newFlagSet("pattern lint", "[--profile P] [--output text|json] RULES",
		"Check EventBridge event patterns against the contact-event schema under a profile (strict unless\n"+
			"told: the events EventBridge delivers today): unknown keys and values, and conditions that no\n"+
			"valid event satisfies. RULES is a pattern file or any form 'pattern test --rules' reads; each of\n"+
			"its rules is linted. Exit status: 0 no error finding, 1 an error finding, 2 EventBridge would\n"+
			"reject a pattern or RULES cannot be read.", stderr)
	profile := fs.String("profile", string(contactevents.Strict), "`profile`: "+strings.Join(profileNames(), ", "))
	output := fs.String("output", outputText, "output `mode`: text (a line per finding, then a summary) or json (one object per rule)")
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
		return usageError(stderr, fs, "give one pattern file, rules file or folder")
	}
	rules, err := readRules(operands[0], stdin)
	if err != nil {
		fmt.Fprintf(stderr, "contactevents: %v\n", err)
		return exitError
	}
	status = exitValid
	var b []byte
	for _, r := range rules {
		var perr *pattern.Error
		errors.As(r.err, &perr)
		var findings []pattern.Finding
		if r.pattern != nil {
			if findings, err = pattern.Lint(r.pattern, prof); err != nil {
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
		name := r.name
		if name == "<stdin>" || name == r.source {
			name = displayName(name)
		}
		if *output == outputJSON {
			b = append(b, lintJSON(name, *profile, perr, findings)...)
		} else {
			b = append(b, lintText(name, perr, findings, errs, len(rules) > 1)...)
		}
		switch {
		case perr != nil:
			status = exitError
		case errs > 0 && status == exitValid:
			status = exitInvalid
		}
	}
	if _, err := stdout.Write(b); err != nil {
		fmt.Fprintf(stderr, "contactevents: writing the output: %v\n", err)
		return exitError
	}
	return status
}

// lintText renders a rule's findings; named puts the rule's name on its
// summary too, for a file of several rules.
func lintText(name string, perr *pattern.Error, findings []pattern.Finding, errs int, named bool) []byte {
	var b strings.Builder
	if perr != nil {
		fmt.Fprintf(&b, "%s: %v\n", name, perr)
		return []byte(b.String())
	}
	for _, f := range findings {
		fmt.Fprintf(&b, "%s: %s\n", name, f)
	}
	warns := len(findings) - errs
	if named {
		b.WriteString(name + ": ")
	}
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
