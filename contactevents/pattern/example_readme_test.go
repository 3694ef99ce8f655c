package pattern_test

import (
	"fmt"
	"log"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// checkRule is the README's "From Go" example (contactevents/readme_test.go
// checks that the README shows these lines).
func checkRule(rule, eventBytes []byte, ev *contactevents.Event) error {
	p, err := pattern.Compile(rule) // *pattern.Error: JSON Pointer and what is wrong
	if err != nil {
		return err
	}
	ok, err := p.Match(eventBytes) // raw EventBridge event; reads only the named fields, no allocation
	ok = p.MatchEvent(ev)          // a decoded *contactevents.Event (its canonical JSON)

	findings, err := pattern.Lint(p, contactevents.Strict)
	for _, f := range findings {
		log.Printf("%s %s: %s", f.Pointer, f.Severity, f.Message)
	}
	fmt.Println(ok, len(findings), err)
	return nil
}

// matchRules is the README's RuleSet example.
func matchRules(p, q *pattern.Pattern, eventBytes []byte) ([]string, error) {
	var names []string
	var rules pattern.RuleSet // safe for concurrent use; rules can change while others match
	err := rules.Add(pattern.Rule{Name: "disconnects", Pattern: p}, pattern.Rule{Name: "queued", Pattern: q})
	if err != nil {
		return nil, err
	}
	names, err = rules.Match(eventBytes, names[:0]) // the names of the matching rules, by name; no allocation
	return names, err
}

func Example_readmeRuleSet() {
	s, _ := samples.Lookup("04-current-disconnected")
	fmt.Println(matchRules(pattern.MustCompile(`{"detail":{"eventType":["DISCONNECTED"]}}`), pattern.MustCompile(`{"detail":{"eventType":["QUEUED"]}}`), s.Repaired))
	// Output:
	// [disconnects] <nil>
}

func Example_readme() {
	s, _ := samples.Lookup("04-current-disconnected")
	ev, err := contactevents.Parse(s.Repaired)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(checkRule([]byte(`{"detail":{"eventType":["DISCONNECTED"]}}`), s.Repaired, ev))
	// Output:
	// true 0 <nil>
	// <nil>
}
