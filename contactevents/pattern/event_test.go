package pattern_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/pattern"
)

// deepEvents nest two million levels (4 MB) where a rule reads them and
// where none does: in a member no rule names (skimmed), in a named member
// (read), and in objects along a named path.
func deepEvents() map[string]string {
	const n = 2_000_000
	arrays := strings.Repeat("[", n) + strings.Repeat("]", n)
	objects := strings.Repeat(`{"detail":`, n) + "1" + strings.Repeat("}", n)
	return map[string]string{
		"skimmed": `{"source":"aws.connect","other":` + arrays + `,"detail":{"eventType":"QUEUED"}}`,
		"read":    `{"source":"aws.connect","detail":{"eventType":` + arrays + `}}`,
		"objects": `{"source":"aws.connect","detail":` + objects + `}`,
	}
}

// TestMatchDeep: an event nested deeper than the limit (128 levels) is a
// syntax error at the bracket over the limit, for Match and for a RuleSet
// (which reads the event itself from three rules on), without recursion
// past the limit: no stack overflow.
func TestMatchDeep(t *testing.T) {
	p := pattern.MustCompile(`{"source":["aws.connect"],"detail":{"eventType":["QUEUED"]}}`)
	var set pattern.RuleSet
	set.Add(pattern.Rule{Name: "a", Pattern: p},
		pattern.Rule{Name: "b", Pattern: pattern.MustCompile(`{"detail":{"eventType":[{"prefix":"Q"}]}}`)},
		pattern.Rule{Name: "c", Pattern: pattern.MustCompile(`{"detail":{"detail":{"detail":{"x":[1]}}}}`)})
	for name, ev := range deepEvents() {
		_, merr := p.Match([]byte(ev))
		_, serr := set.Match([]byte(ev), nil)
		for _, err := range []error{merr, serr} {
			var se *contactevents.SyntaxError
			if !errors.As(err, &se) || !strings.Contains(se.Msg, "nesting depth exceeds the limit of 128") {
				t.Fatalf("%s: %v, want the depth limit", name, err)
			}
			if int(se.Offset) >= len(ev)/2 || ev[se.Offset] != '[' && ev[se.Offset] != '{' {
				t.Errorf("%s: at byte %d, want a bracket of the nesting", name, se.Offset)
			}
		}
	}
}

// TestMatchEscapes: keys and values with escapes are read as their text,
// by Match and by a RuleSet, and reading them allocates nothing.
func TestMatchEscapes(t *testing.T) {
	ev := []byte(`{"sou\u0072ce":"aws.conn\u0065ct","x":"\"","detail":{"eventType":"QUEUED","queueInfo":{"queueArn":"arn:aws:connect:us-east-1:1:instance\/1\/queue\/2"},"agentInfo":{"agentArn":"a\u00e9"}}}`)
	rules := []pattern.Rule{
		{Name: "source", Pattern: pattern.MustCompile(`{"source":["aws.connect"]}`)},
		{Name: "queue", Pattern: pattern.MustCompile(`{"detail":{"queueInfo":{"queueArn":[{"suffix":"/queue/2"}]}}}`)},
		{Name: "agent", Pattern: pattern.MustCompile(`{"detail":{"agentInfo":{"agentArn":["aé"]}}}`)},
		{Name: "no", Pattern: pattern.MustCompile(`{"detail":{"agentInfo":{"agentArn":["a\\u00e9"]}}}`)},
	}
	var set pattern.RuleSet
	set.Add(rules...)
	dst := make([]string, 0, 8)
	got, err := set.Match(ev, dst)
	if want := []string{"agent", "queue", "source"}; err != nil || !slices.Equal(got, want) {
		t.Fatalf("RuleSet.Match = %v, %v; want %v", got, err, want)
	}
	for _, r := range rules {
		if ok, err := r.Pattern.Match(ev); err != nil || ok != (r.Name != "no") {
			t.Errorf("%s: Match = %v, %v", r.Name, ok, err)
		}
	}
	if raceEnabled {
		return // the race detector makes sync.Pool allocate
	}
	if avg := testing.AllocsPerRun(50, func() { set.Match(ev, dst[:0]) }); avg != 0 {
		t.Errorf("RuleSet.Match allocates %.1f times, want 0", avg)
	}
	if avg := testing.AllocsPerRun(50, func() { rules[2].Pattern.Match(ev) }); avg != 0 {
		t.Errorf("Match allocates %.1f times, want 0", avg)
	}
}

// TestMatchTrailingComma: a trailing comma in a member that is read is a
// syntax error at the comma, as Parse reports it; in a member that is
// skimmed by its structure it is not looked at.
func TestMatchTrailingComma(t *testing.T) {
	p := pattern.MustCompile(`{"source":["aws.connect"],"detail":{"eventType":["QUEUED"]}}`)
	_, err := p.Match([]byte(`{"source":"aws.connect",}`))
	var se *contactevents.SyntaxError
	if !errors.As(err, &se) || se.Offset != 23 || se.Msg != "trailing comma before '}'" {
		t.Errorf("Match = %v, want the trailing comma at byte 23", err)
	}
	if ok, err := p.Match([]byte(`{"source":"aws.connect","x":[1,],"detail":{"eventType":"QUEUED"}}`)); !ok || err != nil {
		t.Errorf("skimmed trailing comma: Match = %v, %v; want true, nil", ok, err)
	}
}
