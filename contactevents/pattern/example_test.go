package pattern_test

import (
	"errors"
	"fmt"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// The current page's event pattern: every contact event but
// CONTACT_DATA_UPDATED, matched against the page's own samples.
func Example() {
	p, err := pattern.Compile([]byte(`{
	  "source": ["aws.connect"],
	  "detail-type": ["Amazon Connect Contact Event"],
	  "detail": {"eventType": [{"anything-but": ["CONTACT_DATA_UPDATED"]}]}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range samples.Events() {
		if !s.Enveloped || s.Page != "current" {
			continue
		}
		ok, err := p.Match(s.Repaired)
		fmt.Println(s.Name, ok, err)
	}
	// Output:
	// 03-current-connected-to-agent true <nil>
	// 04-current-disconnected true <nil>
	// 05-current-contact-properties-updated false <nil>
	// 06-current-connected-to-agent-routing-criteria false <nil>
	// 07-current-routing-step-expires false <nil>
	// 08-current-connected-to-agent-provided-by-customer false <nil>
}

// An invalid pattern is refused with the JSON Pointer of the culprit.
func ExampleCompile_error() {
	_, err := pattern.Compile([]byte(`{"detail": {"channel": "VOICE"}}`))
	var perr *pattern.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Pointer)
	}
	fmt.Println(err)
	// Output:
	// /detail/channel
	// event pattern /detail/channel: the value of "channel" must be an object or an array of values
}

func ExamplePattern_Match() {
	p := pattern.MustCompile(`{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}], "source-ip": [{"cidr": "10.0.0.0/24"}]}}`)
	for _, event := range []string{
		`{"detail": {"c-count": 5, "source-ip": "10.0.0.33"}}`,
		`{"detail": {"c-count": 6, "source-ip": "10.0.0.33"}}`,
		`{"detail": {"c-count": "5", "source-ip": "10.0.0.33"}}`,
	} {
		ok, _ := p.Match([]byte(event))
		fmt.Println(ok)
	}
	// Output:
	// true
	// false
	// false
}

// MatchEvent matches a decoded event as its canonical JSON: the sample's
// "Voice" is VOICE.
func ExamplePattern_MatchEvent() {
	s, _ := samples.Lookup("04-current-disconnected")
	ev, err := contactevents.Parse(s.Repaired)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := pattern.MustCompile(`{"detail": {"eventType": ["DISCONNECTED"], "channel": ["VOICE"]}}`)
	fmt.Println(p.MatchEvent(ev))
	// Output:
	// true
}

// Lint finds the mistakes the documents invite, before the rule is
// deployed.
func ExampleLint() {
	p := pattern.MustCompile(`{
	  "source": ["aws.connect"],
	  "detail": {
	    "EventType": ["DISCONNECTED"],
	    "channel": ["Voice"],
	    "contactId": [{"numeric": [">", 0]}]
	  }
	}`)
	findings, err := pattern.Lint(p, contactevents.Strict)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	// Output:
	// /detail/EventType: error: detail.EventType is a documented spelling of "eventType" (current-sample) that the strict profile does not accept; did you mean "eventType"?
	// /detail/channel/0: error: "Voice" is a documented Channel that the strict profile does not accept; events valid under strict send "VOICE"
	// /detail/contactId/0: error: detail.contactId is a string: a number condition can never match
}

// A rule set: every rule of a bus, matched against each event in one pass.
func ExampleRuleSet() {
	var rules pattern.RuleSet
	err := rules.Add(
		pattern.Rule{Name: "disconnects", Pattern: pattern.MustCompile(`{"detail":{"eventType":["DISCONNECTED"]}}`)},
		pattern.Rule{Name: "agent-events", Pattern: pattern.MustCompile(`{"detail":{"agentInfo":{"agentArn":[{"exists":true}]}}}`)},
		pattern.Rule{Name: "chats", Pattern: pattern.MustCompile(`{"detail":{"channel":["CHAT"]}}`)},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	var names []string // reused: matching allocates nothing
	for _, s := range samples.Events() {
		if !s.Enveloped || s.Page != "current" {
			continue
		}
		names, err = rules.Match(s.Repaired, names[:0])
		fmt.Println(s.Name, names, err)
	}
	// Output:
	// 03-current-connected-to-agent [agent-events] <nil>
	// 04-current-disconnected [agent-events disconnects] <nil>
	// 05-current-contact-properties-updated [agent-events chats] <nil>
	// 06-current-connected-to-agent-routing-criteria [] <nil>
	// 07-current-routing-step-expires [chats] <nil>
	// 08-current-connected-to-agent-provided-by-customer [] <nil>
}
