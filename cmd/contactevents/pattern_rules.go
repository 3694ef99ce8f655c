package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
)

// rule is one event pattern read from a RULES operand, compiled or not.
type rule struct {
	name    string // the rule's name, or the pattern file's
	source  string // the file it was read from
	pattern *pattern.Pattern
	err     error // the *pattern.Error of a pattern EventBridge would reject
}

// maxRulesFile bounds a rules file read into memory: EventBridge's own
// limits (a pattern of 4 KiB, 300 rules a bus) put a real one far below.
const maxRulesFile = 64 << 20

// readRules reads the rules of operand, a file or a folder (every file
// under it, as validate walks folders) in any of the forms teams keep rules
// in:
//
//   - an event pattern (named by its file);
//   - the output of "aws events list-rules" (Rules[].EventPattern, named by
//     Name; rules without a pattern, on a schedule, are skipped);
//   - the output of "aws events describe-rule" (EventPattern, named by Name);
//   - a CloudFormation or SAM template in JSON: every AWS::Events::Rule's
//     EventPattern, named by its logical ID, and every SAM function event
//     of type EventBridgeRule or CloudWatchEvent, named FUNCTION/EVENT.
//
// The error is for a file that cannot be read or is not JSON, or a rule
// name given twice; a pattern EventBridge would reject is a rule with err.
func readRules(operand string, stdin io.Reader) ([]rule, error) {
	var rules []rule
	if operand == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, maxRulesFile))
		if err != nil {
			return nil, fmt.Errorf("<stdin>: %w", err)
		}
		rules, err = rulesOf("<stdin>", "<stdin>", b)
		if err != nil {
			return nil, err
		}
		return rules, nil
	}
	fi, err := os.Stat(operand)
	if err != nil {
		return nil, err
	}
	for _, src := range walk(operand, nil) {
		b, err := readSource(src)
		if err != nil {
			return nil, err
		}
		name := src.name
		if fi.IsDir() {
			if rel, err := filepath.Rel(operand, src.name); err == nil {
				name = filepath.ToSlash(rel)
			}
		}
		more, err := rulesOf(src.name, name, b)
		if err != nil {
			return nil, err
		}
		rules = append(rules, more...)
	}
	seen := map[string]string{}
	for _, r := range rules {
		if first, dup := seen[r.name]; dup {
			return nil, fmt.Errorf("rule %q is defined twice, in %s and %s", r.name, first, r.source)
		}
		seen[r.name] = r.source
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s: no event pattern found", operand)
	}
	return rules, nil
}

// readSource reads a rules file found by walk, decompressed if need be.
func readSource(src source) ([]byte, error) {
	r, closeSrc, err := openContent(context.Background(), src)
	if err != nil {
		return nil, err
	}
	defer closeSrc()
	b, err := io.ReadAll(io.LimitReader(r, maxRulesFile))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src.name, err)
	}
	return b, nil
}

// openContent opens src and its content (decompressed, without a byte
// order mark), as validate reads a source.
func openContent(ctx context.Context, src source) (io.Reader, func() error, error) {
	if src.err != nil {
		return nil, nil, src.err
	}
	rc, err := src.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	r, _, err := contactevents.OpenContent(rc)
	if err != nil {
		rc.Close()
		return nil, nil, fmt.Errorf("%s: %w", src.name, err)
	}
	return r, rc.Close, nil
}

// rulesOf returns the rules of one file, whose content is b; name names
// the rule of a pattern file.
func rulesOf(file, name string, b []byte) ([]rule, error) {
	var doc map[string]json.RawMessage
	if json.Unmarshal(b, &doc) != nil {
		// Not a JSON object: a pattern file, which Compile judges.
		return []rule{compileRule(name, file, b)}, nil
	}
	// A form is recognised by its members; a document that has them but
	// not in that form's shape is a pattern ({"Rules": ["x"]} could be).
	var rules []rule
	switch {
	case doc["Rules"] != nil: // aws events list-rules
		var out struct {
			Rules []struct{ Name, EventPattern string }
		}
		if json.Unmarshal(b, &out) != nil {
			break
		}
		for _, r := range out.Rules {
			if r.EventPattern != "" {
				rules = append(rules, compileRule(r.Name, file, []byte(r.EventPattern)))
			}
		}
		if len(rules) == 0 {
			return nil, fmt.Errorf("%s: no rule of the list has an event pattern", file)
		}
		return rules, nil
	case doc["EventPattern"] != nil && doc["Name"] != nil: // aws events describe-rule
		var out struct{ Name, EventPattern string }
		if json.Unmarshal(b, &out) != nil {
			break
		}
		return []rule{compileRule(out.Name, file, []byte(out.EventPattern))}, nil
	case doc["Resources"] != nil: // CloudFormation or SAM
		if rules, ok := templateRules(doc["Resources"]); ok {
			if len(rules) == 0 {
				return nil, fmt.Errorf("%s: the template has no AWS::Events::Rule with an EventPattern", file)
			}
			for i := range rules {
				rules[i].source = file
			}
			return rules, nil
		}
	}
	return []rule{compileRule(name, file, b)}, nil
}

// templateRules returns the event patterns of a template's Resources, and
// false when they are not a template's.
func templateRules(resources json.RawMessage) ([]rule, bool) {
	var res map[string]struct {
		Type       string
		Properties struct {
			EventPattern json.RawMessage
			Events       map[string]struct {
				Type       string
				Properties struct{ Pattern json.RawMessage }
			}
		}
	}
	if json.Unmarshal(resources, &res) != nil {
		return nil, false
	}
	var rules []rule
	for _, id := range sortedKeys(res) {
		r := res[id]
		switch r.Type {
		case "AWS::Events::Rule":
			if r.Properties.EventPattern != nil {
				rules = append(rules, compileRule(id, "", templatePattern(r.Properties.EventPattern)))
			}
		case "AWS::Serverless::Function":
			for _, ev := range sortedKeys(r.Properties.Events) {
				e := r.Properties.Events[ev]
				if (e.Type == "EventBridgeRule" || e.Type == "CloudWatchEvent") && e.Properties.Pattern != nil {
					rules = append(rules, compileRule(id+"/"+ev, "", templatePattern(e.Properties.Pattern)))
				}
			}
		}
	}
	return rules, true
}

// templatePattern is a template's EventPattern: an object, or a string of
// JSON (CloudFormation takes both).
func templatePattern(v json.RawMessage) []byte {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return []byte(s)
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func compileRule(name, file string, b []byte) rule {
	p, err := pattern.Compile(b)
	return rule{name: name, source: file, pattern: p, err: err}
}

// invalidRules reports the rules EventBridge would reject on stderr and
// returns whether there was one.
func invalidRules(rules []rule, stderr io.Writer) bool {
	bad := false
	for _, r := range rules {
		if r.err != nil {
			bad = true
			fmt.Fprintf(stderr, "contactevents: %s: rule %s: %v\n", r.source, r.name, r.err)
		}
	}
	return bad
}
