package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
)

// runPatternTest runs "pattern test": every rule of a bus, or of a
// template, against an archive in one pass, to find the rules that match
// nothing before they are deployed.
func runPatternTest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("pattern test", "--rules RULES [--output text|json] [--format F] [--endpoint-url URL] [FILE ...]",
		"Match every rule of RULES against every event of the files (stdin when there is none, or for -;\n"+
			"folders, gzip and s3://bucket/prefix as validate reads them) and print, per rule, how many events\n"+
			"it matched of how many, then the rules that matched none. RULES is an event pattern file, a folder\n"+
			"of them, the output of 'aws events list-rules' or 'aws events describe-rule', or a CloudFormation\n"+
			"or SAM template in JSON (every AWS::Events::Rule's EventPattern, named by its logical ID).\n"+
			"Exit status: 0 every rule matched an event, 1 a rule matched none, 2 a rule is invalid or an\n"+
			"input cannot be read.", stderr)
	rulesFlag := fs.String("rules", "", "the `RULES` file or folder")
	output := fs.String("output", outputText, "output `mode`: text (a line per rule, then a summary) or json (an object per rule, then a summary object)")
	in := eventFlags(fs)
	files, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if *output != outputText && *output != outputJSON {
		return usageError(stderr, fs, "unknown output %q (want text or json)", *output)
	}
	if *rulesFlag == "" {
		return usageError(stderr, fs, "give the rules with --rules")
	}
	if status, ok := in.check(stderr, fs); !ok {
		return status
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	if *rulesFlag == "-" && slices.Contains(files, "-") {
		return usageError(stderr, fs, "the rules and the events cannot both come from stdin")
	}
	rules, err := readRules(*rulesFlag, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "contactevents: %v\n", err)
		return exitError
	}
	if invalidRules(rules, stderr) {
		return exitError
	}

	var set pattern.RuleSet
	index := map[string]int{}
	all := make([]pattern.Rule, len(rules))
	for i, r := range rules {
		all[i] = pattern.Rule{Name: r.name, Pattern: r.pattern}
		index[r.name] = i
	}
	if err := set.Add(all...); err != nil {
		fmt.Fprintf(stderr, "contactevents: %v\n", err)
		return exitError
	}
	matched := make([]int, len(rules))
	events, failed := 0, 0
	var names []string
	in.documents(files, stdin, func(src string, rec *contactevents.Record) {
		var err error
		names, err = set.Match(rec.Data, names[:0])
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "contactevents: %s: event %d: %v\n", src, rec.Index, err)
			return
		}
		events++
		for _, n := range names {
			matched[index[n]]++
		}
	}, func(src string, i int, err error) {
		failed++
		if i >= 0 {
			fmt.Fprintf(stderr, "contactevents: %s: event %d: %v\n", src, i, err)
			return
		}
		fmt.Fprintf(stderr, "contactevents: %s: %v\n", src, err)
	})

	out := bufio.NewWriter(stdout)
	var none []string
	for i, r := range rules {
		if matched[i] == 0 {
			none = append(none, r.name)
		}
		if *output == outputJSON {
			b, _ := json.Marshal(struct {
				Rule    string `json:"rule"`
				Matched int    `json:"matched"`
				Events  int    `json:"events"`
			}{r.name, matched[i], events})
			out.Write(append(b, '\n'))
			continue
		}
		fmt.Fprintf(out, "%s: %d of %d%s matched\n", r.name, matched[i], events, plural(events, " event", " events"))
	}
	if *output == outputJSON {
		b, _ := json.Marshal(struct {
			Rules       int      `json:"rules"`
			Events      int      `json:"events"`
			Unreadable  int      `json:"unreadable"`
			NoneMatched []string `json:"matchedNothing"`
		}{len(rules), events, failed, append([]string{}, none...)})
		out.Write(append(b, '\n'))
	} else {
		fmt.Fprintf(out, "%d%s, %d%s", len(rules), plural(len(rules), " rule", " rules"), events, plural(events, " event", " events"))
		if failed > 0 {
			fmt.Fprintf(out, ", %d unreadable", failed)
		}
		switch len(none) {
		case 0:
			fmt.Fprintln(out, ": every rule matched an event")
		default:
			fmt.Fprintf(out, ": %d%s matched nothing: %s\n", len(none), plural(len(none), " rule", " rules"), strings.Join(none, ", "))
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "contactevents: writing the output: %v\n", err)
		return exitError
	}
	switch {
	case failed > 0:
		return exitError
	case len(none) > 0:
		return exitInvalid
	}
	return exitValid
}
