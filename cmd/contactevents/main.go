// Command contactevents validates and normalizes Amazon Connect contact
// events, whatever way they were delivered, and shows the schemas and the
// documented samples they are checked against.
//
// Validate the samples the AWS pages publish (repaired), which are embedded
// in the command:
//
//	go run ./cmd/contactevents validate --samples
//
// Validate files (or stdin) under a profile, one JSON line per event:
//
//	contactevents validate --profile strict --output json events.ndjson
//
// Validate a Firehose archive, synced to a folder or in place in S3 (the
// standard AWS credential chain; --endpoint-url for an S3-compatible store):
//
//	contactevents validate ./dump/
//	contactevents validate s3://my-bucket/connect/2024/05/
//
// A folder is walked recursively in lexical order (hidden files and folders
// skipped, symbolic link loops reported); gzip files and objects are
// recognised by their magic bytes and read decompressed; a UTF-8 byte order
// mark at the start of a file is skipped with a warning. Files and objects
// are read in parallel and reported in order.
//
// A file may hold one event in any delivery format (an EventBridge event, a
// bare contact event, an SQS body, an SNS notification, a Lambda SQS, SNS or
// Kinesis batch, a Firehose transformation event) or many (a JSON array,
// NDJSON, concatenated JSON); --format forces one. The text output has a
// line per problem, located as compilers do, then a summary:
//
//	02-older-disconnected.json:36:61: syntax error: trailing comma before '}'
//	events.ndjson:17:1: /detail/channel (/$defs/Channel/enum): "Voice" is a documented Channel ...
//	1204 events: 1203 valid, 1 invalid (0 warnings)
//
// The exit status is 0 when every event is valid, 1 when one is not, 2 for a
// usage or I/O error.
//
// Other commands:
//
//	contactevents normalize [--profile P] [FILE ...]   canonical JSON of each valid event, as NDJSON
//	contactevents schema [--profile P|source]           a JSON Schema of the events
//	contactevents samples [--repaired] [NAME]           the documented samples
//	contactevents pattern match PATTERN_FILE [FILE ...]  the events an EventBridge rule's event pattern matches
//	contactevents pattern lint [--profile P] PATTERN_FILE  what in a pattern can never match a contact event
//	contactevents version                               the module version and VCS revision (also --version)
//
// pattern match exits 0 when an event matched, 1 when none did; pattern lint
// exits 1 for an error finding (a value no contact event has, a misspelt
// key), 2 when EventBridge would reject the pattern.
//
// NDJSON dumps of any size are read in constant memory and decoded on every
// processor; on a terminal, a progress line shows the rate of long runs.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"text/tabwriter"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/connectevents/sdk-go/schema"
)

// Exit statuses.
const (
	exitValid   = 0 // every event is valid (or the command succeeded)
	exitInvalid = 1 // an event is invalid
	exitError   = 2 // a usage or I/O error
)

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// memoryLimit is the soft limit of the Go runtime's memory: the garbage
// collector works harder rather than let the process grow past it. With the
// bounded buffers of the readers (see maxParallelSources), it keeps a run
// under 64 MiB of memory whatever the input (a decompression bomb, a
// folder of large objects). GOMEMLIMIT overrides it.
const memoryLimit = 48 << 20

const usage = `contactevents validates and normalizes Amazon Connect contact events.

Usage:

  contactevents validate [flags] [FILE ...]   check every event of the files (stdin: none or -);
                                              a FILE may be a folder or s3://bucket/prefix
  contactevents normalize [flags] [FILE ...]  write the canonical JSON of each valid event (NDJSON)
  contactevents schema [--profile P]          print a JSON Schema of the events
  contactevents schema --format athena|athena-json|glue --location s3://B/P/  print the table of an export
  contactevents samples [--repaired] [NAME]   list the documented samples, or print one
  contactevents pattern match|test|lint [flags] ...  test EventBridge rules' event patterns
  contactevents contacts [flags] [FILE ...]   summarise each contact: state, queue wait, handle time, abandoned
  contactevents export --out DIR|s3://B/P [flags] SOURCE ...  write the valid events as partitioned Parquet
  contactevents version                       print the module version and VCS revision (also --version)

Run 'contactevents <command> -h' for the flags of a command.
Exit status: 2 for a usage or I/O error; otherwise validate and normalize exit 0 when
every event is valid and 1 when one is not (contacts too, and 1 when there is none),
pattern match 0 when an event matched and 1 when none did, pattern test 0 when every
rule matched an event and 1 when one matched none (2 for an invalid rule), pattern lint
1 for an error finding (2 for an invalid rule).
`

// run runs the command with args (without the program name) and returns its
// exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "validate":
		return runValidate(cmd, args, stdin, stdout, stderr)
	case "normalize":
		return runValidate(cmd, args, stdin, stdout, stderr)
	case "schema":
		return runSchema(args, stdout, stderr)
	case "samples":
		return runSamples(args, stdout, stderr)
	case "pattern":
		return runPattern(args, stdin, stdout, stderr)
	case "contacts":
		return runContacts(args, stdin, stdout, stderr)
	case "version", "-version", "--version":
		return runVersion(args, stdout, stderr)
	case "export":
		return runExport(args, stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitValid
	}
	fmt.Fprintf(stderr, "contactevents: unknown command %q\n\n%s", cmd, usage)
	return exitError
}

// newFlagSet returns a flag set for a command whose usage line is synopsis.
func newFlagSet(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("contactevents "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: contactevents %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, flags and operands in any order ("samples NAME
// --repaired" as well as "samples --repaired NAME"); "--" ends the flags. It
// returns the operands, or the exit status when parsing ended the command.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var operands []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitValid, false
			}
			return nil, exitError, false
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(operands, rest...), 0, true // fs.Parse consumed "--"
		}
		if len(rest) == 0 {
			return operands, 0, true
		}
		operands = append(operands, rest[0]) // fs.Parse stopped at an operand
		args = rest[1:]
	}
}

func profileNames() []string {
	var names []string
	for _, p := range contactevents.Profile("").Values() {
		names = append(names, string(p))
	}
	return names
}

// runValidate runs validate and normalize.
func runValidate(cmd string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	normalize := cmd == "normalize"
	synopsis := "[--profile P] [--format F] [--output text|json] [--samples] [FILE ...]"
	about := "Validate every contact event of the files (stdin when there is none, or for -).\n" +
		"A FILE may be a folder (every file under it, hidden ones skipped) or s3://bucket/prefix\n" +
		"(every object under the prefix, with the standard AWS credentials); gzip content is read\n" +
		"decompressed, whatever its name."
	if normalize {
		synopsis = "[--profile P] [--format F] [FILE ...]"
		about = "Write the canonical JSON of every valid contact event of the files, one per line;\nreport the invalid ones (exit status 1), the warnings and a summary on stderr."
	}
	fs := newFlagSet(cmd, synopsis, about, stderr)
	sf := addSourceFlags(fs)
	maxIssues := fs.Int("max-issues", defaultMaxIssues, "print at most `N` problem lines in all, then how many more of each kind (0: all; text output and normalize's stderr)")
	maxEventIssues := fs.Int("max-event-issues", defaultMaxEventIssues, "print at most `N` problem lines per event (0: all)")
	maxEventSize := fs.Int("max-event-size", contactevents.DefaultMaxSize, "the size limit of one event document, in `bytes` (EventBridge's is 256 KiB); a larger event is invalid")
	output, embedded := new(string), new(bool)
	if !normalize {
		output = fs.String("output", outputText, "output `mode`: text (a line per problem, then a summary) or json (an object per event)")
		embedded = fs.Bool("samples", false, "validate the documented samples (repaired) embedded in the command instead of files")
	}
	files, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}

	e := &engine{workers: defaultWorkers(), canonical: normalize, read: new(atomic.Int64)}
	if status, failed := sf.configure(e, fs, stderr); failed {
		return status
	}
	mode := outputNormalize
	if !normalize {
		if *output != outputText && *output != outputJSON {
			return usageError(stderr, fs, "unknown output %q (want text or json)", *output)
		}
		mode = *output
	}
	if *embedded && len(files) > 0 {
		return usageError(stderr, fs, "--samples validates the embedded samples: give no file")
	}

	out, diag := bufio.NewWriterSize(stdout, 64<<10), bufio.NewWriter(stderr)
	if *maxIssues < 0 || *maxEventIssues < 0 {
		return usageError(stderr, fs, "--max-issues %d, --max-event-issues %d: want 0 (no limit) or more", *maxIssues, *maxEventIssues)
	}
	if *maxEventSize <= 0 {
		return usageError(stderr, fs, "--max-event-size %d: want a size in bytes", *maxEventSize)
	}
	e.maxEvent = *maxEventSize
	rep := &reporter{mode: mode, out: out, diag: diag, progress: newProgress(stderr, e.read), issues: issueKinds{max: *maxIssues, perEvent: *maxEventIssues}}
	e.emit = rep.emit

	status = exitValid
	fail := func(name string, err error) {
		rep.sourceFailed(name, err)
		status = exitError
	}
	switch {
	case *embedded:
		for _, s := range samples.Events() {
			// Not a path: the sample is embedded. The name says which one and that it is repaired.
			name := "samples:" + s.Name + "/repaired.json"
			if err := e.process(name, bytes.NewReader(s.Repaired)); err != nil {
				if !errors.Is(err, errStopped) {
					fail(name, err)
				}
				break
			}
		}
	case len(files) == 0:
		files = []string{"-"}
		fallthrough
	default:
		ctx := context.Background()
		e.runSources(ctx, expand(ctx, files, stdin, sf.s3), fail)
	}
	rep.progress.clear()
	switch mode {
	case outputText:
		out.Write(rep.issues.appendSummary(nil))
		fmt.Fprintln(out, rep.summary())
	case outputNormalize:
		// stdout is the events; what was dropped and why goes to stderr.
		diag.Write(rep.issues.appendSummary(nil))
		fmt.Fprintln(diag, rep.summary())
	}
	// Validating nothing is not a success: an empty file where events
	// were expected is what a pipeline check must catch.
	return rep.finish(stderr, status, rep.events == 0, "no events found")
}

// usageError reports a usage error of the command fs and returns its exit
// status.
func usageError(stderr io.Writer, fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(stderr, "%s: %s\nRun '%s -h' for usage.\n", fs.Name(), fmt.Sprintf(format, args...), fs.Name())
	return exitError
}

// runSchema prints a schema.
func runSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("schema", "[--profile P]",
		"Print the JSON Schema (draft 2020-12) of contact events under a profile, the schema that\n"+
			"'validate --profile P' applies (its keywordLocations point into it), or the source schema\n"+
			"with the x- annotations that say where each rule comes from.", stderr)
	profile := fs.String("profile", string(contactevents.Compat), "`profile`: "+strings.Join(append(profileNames(), "source"), ", "))
	table := tableFlags(fs)
	operands, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(operands) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", operands[0])
	}
	if table.format != formatJSONSchema || table.contacts {
		return printTable(fs, table, stdout, stderr)
	}
	var b []byte
	if *profile == "source" {
		b = schema.Source()
	} else {
		var err error
		if b, err = schema.Profile(*profile); err != nil {
			return usageError(stderr, fs, "unknown profile %q (want one of %s, source)", *profile, strings.Join(profileNames(), ", "))
		}
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	if _, err := stdout.Write(b); err != nil {
		fmt.Fprintf(stderr, "contactevents: %v\n", err)
		return exitError
	}
	return exitValid
}

// runSamples lists the samples or prints one.
func runSamples(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("samples", "[--repaired] [NAME]",
		"List the samples of the AWS pages \"Amazon Connect contact events\" (name, page, event type,\n"+
			"syntax defects), or print the sample NAME (or a unique prefix of it, such as 02) exactly as\n"+
			"published.", stderr)
	repaired := fs.Bool("repaired", false, "print the sample repaired to valid JSON instead of verbatim")
	operands, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	all := samples.All()
	switch len(operands) {
	case 0:
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tPAGE\tEVENT TYPE\tDEFECTS")
		for _, s := range all {
			et := string(s.EventType)
			if s.Kind != "event" {
				et = "(" + s.Kind + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", s.Name, s.Page, et, len(s.SyntaxDefects))
		}
		if err := tw.Flush(); err != nil {
			fmt.Fprintf(stderr, "contactevents: %v\n", err)
			return exitError
		}
		return exitValid
	case 1:
	default:
		return usageError(stderr, fs, "give one sample name")
	}
	match, ok := samples.Lookup(operands[0]) // a name, or a unique prefix of one
	if !ok {
		var names []string
		what := "no"
		for _, s := range all {
			names = append(names, s.Name)
			if strings.HasPrefix(s.Name, operands[0]) {
				what = "more than one"
			}
		}
		return usageError(stderr, fs, "%s sample matches %q; the samples are:\n  %s", what, operands[0], strings.Join(names, "\n  "))
	}
	b := match.Verbatim
	if *repaired {
		b = match.Repaired
	}
	if _, err := stdout.Write(b); err != nil {
		fmt.Fprintf(stderr, "contactevents: %v\n", err)
		return exitError
	}
	return exitValid
}
