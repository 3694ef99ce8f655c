package pattern

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/connectevents/sdk-go/schema"
)

// want is one expected finding: pointer, kind, severity and a fragment of
// the message.
type want struct {
	ptr  string
	kind FindingKind
	sev  contactevents.Severity
	msg  string
}

const (
	E = contactevents.SeverityError
	W = contactevents.SeverityWarning
)

// lintCases: one case per finding kind and per profile, and each mistake of
// issue 12's first paragraph.
var lintCases = []struct {
	name    string
	profile contactevents.Profile
	pattern string
	want    []want
}{
	// The mistakes.
	{"Voice copied from a sample, strict", contactevents.Strict, `{"detail":{"channel":["Voice"]}}`,
		[]want{{"/detail/channel/0", UnknownValue, E, `"Voice" is a documented Channel that the strict profile does not accept; events valid under strict send "VOICE"`}}},
	{"Voice copied from a sample, compat", contactevents.Compat, `{"detail":{"channel":["Voice"]}}`,
		[]want{{"/detail/channel/0", Spelling, W, `the rule misses events that send "VOICE"`}}},
	{"Voice copied from a sample, legacy", contactevents.Legacy, `{"detail":{"channel":["Voice"]}}`,
		[]want{{"/detail/channel/0", Spelling, W, `add "VOICE"`}}},
	{"EventType from the data model, strict", contactevents.Strict, `{"detail":{"EventType":["DISCONNECTED"]}}`,
		[]want{{"/detail/EventType", UnknownKey, E, `did you mean "eventType"?`}}},
	{"EventType from the data model, compat", contactevents.Compat, `{"detail":{"EventType":["DISCONNECTED"]}}`,
		[]want{{"/detail/EventType", Spelling, W, `misses events that spell it "eventType"`}}},
	{"PascalCase heading that no sample uses, compat", contactevents.Compat, `{"detail":{"InitiationTimestamp":[{"exists":true}]}}`,
		[]want{{"/detail/InitiationTimestamp", UnknownKey, W, `did you mean "initiationTimestamp"?`}}},
	{"DISCONNECT typo, strict", contactevents.Strict, `{"detail":{"eventType":["DISCONNECT"]}}`,
		[]want{{"/detail/eventType/0", UnknownValue, E, `did you mean "DISCONNECTED"?`}}},
	{"DISCONNECT typo, compat", contactevents.Compat, `{"detail":{"eventType":["DISCONNECT"]}}`,
		[]want{{"/detail/eventType/0", UnknownValue, W, `did you mean "DISCONNECTED"?`}}},
	{"DISCONNECT typo under a refused spelling, strict", contactevents.Strict, `{"detail":{"EventType":["DISCONNECT"]}}`,
		[]want{{"/detail/EventType", UnknownKey, E, `"eventType"`}, {"/detail/EventType/0", UnknownValue, E, `did you mean "DISCONNECTED"?`}}},
	{"numeric on a string field", contactevents.Compat, `{"detail":{"contactId":[{"numeric":[">",0]}]}}`,
		[]want{{"/detail/contactId/0", NeverTrue, E, "is a string: a number condition can never match"}}},
	{"exists false on a required property, strict", contactevents.Strict, `{"detail":{"eventType":[{"exists":false}]}}`,
		[]want{{"/detail/eventType/0", NeverTrue, E, "is in every event valid under the strict profile"}}},
	{"exists false on a required property, legacy", contactevents.Legacy, `{"detail":{"contactId":[{"exists":false}]}}`,
		[]want{{"/detail/contactId/0", NeverTrue, E, "exists: false can never match"}}},
	{"exists false on a required property, compat", contactevents.Compat, `{"detail":{"eventType":[{"exists":false}]}}`,
		[]want{{"/detail/eventType/0", Spelling, W, "matches only events that spell it EventType"}}},
	{"exists false on the envelope", contactevents.Compat, `{"detail-type":[{"exists":false}]}`,
		[]want{{"/detail-type/0", NeverTrue, E, "exists: false can never match"}}},

	// Unknown keys per profile.
	{"unknown key, strict", contactevents.Strict, `{"detail":{"chanel":["VOICE"]}}`,
		[]want{{"/detail/chanel", UnknownKey, E, `did you mean "channel"?`}}},
	{"unknown key, compat", contactevents.Compat, `{"detail":{"queueInfo":{"queueARN":[{"prefix":"arn:"}]}}}`,
		[]want{{"/detail/queueInfo/queueARN", UnknownKey, W, `did you mean "queueArn"?`}}},
	{"unknown key, legacy: a current-page property", contactevents.Legacy, `{"detail":{"tags":{"Dept":["Sales"]}}}`,
		[]want{{"/detail/tags", UnknownKey, W, "a documented key that the legacy profile does not accept"}}},
	{"a member of a string", contactevents.Compat, `{"detail":{"channel":{"name":["VOICE"]}}}`,
		[]want{{"/detail/channel/name", NeverTrue, E, "its parent is a string"}}},

	// Unknown values per profile.
	{"value the legacy page does not document", contactevents.Legacy, `{"detail":{"eventType":["CONTACT_DATA_UPDATED"]}}`,
		[]want{{"/detail/eventType/0", UnknownValue, E, "documented EventType that the legacy profile does not accept"}}},
	{"anything-but of a misspelled value", contactevents.Compat, `{"detail":{"eventType":[{"anything-but":["CONTACT_DATA_UPDATE"]}]}}`,
		[]want{{"/detail/eventType/0", UnknownValue, W, `excludes nothing; did you mean "CONTACT_DATA_UPDATED"?`}}},

	// Never true, every profile.
	{"wrong source, strict", contactevents.Strict, `{"source":["aws.ec2"]}`,
		[]want{{"/source/0", NeverTrue, E, `always "aws.connect"`}}},
	{"wrong source, compat", contactevents.Compat, `{"source":["aws.ec2"]}`,
		[]want{{"/source/0", NeverTrue, E, `always "aws.connect"`}}},
	{"wrong detail-type, legacy", contactevents.Legacy, `{"detail-type":["Contact Event"]}`,
		[]want{{"/detail-type/0", NeverTrue, E, `always "Amazon Connect Contact Event"`}}},
	{"anything-but the only source", contactevents.Compat, `{"source":[{"anything-but":"aws.connect"}]}`,
		[]want{{"/source/0", NeverTrue, E, "excludes every value"}}},
	{"prefix no value satisfies, strict", contactevents.Strict, `{"detail":{"channel":[{"prefix":"voice"}]}}`,
		[]want{{"/detail/channel/0", NeverTrue, E, "no value of detail.channel under the strict profile"}}},
	{"prefix no documented value satisfies, compat", contactevents.Compat, `{"detail":{"channel":[{"prefix":"PHONE"}]}}`,
		[]want{{"/detail/channel/0", UnknownValue, W, "no documented value of detail.channel"}}},
	{"suffix no value satisfies, legacy", contactevents.Legacy, `{"detail":{"initiationMethod":[{"suffix":"_CALL"}]}}`,
		[]want{{"/detail/initiationMethod/0", NeverTrue, E, "no value of detail.initiationMethod"}}},
	{"wildcard no value satisfies", contactevents.Strict, `{"detail":{"eventType":[{"wildcard":"*_AGENT_*"}]}}`,
		[]want{{"/detail/eventType/0", NeverTrue, E, "no value of detail.eventType"}}},
	{"equals-ignore-case no value satisfies", contactevents.Strict, `{"detail":{"channel":[{"equals-ignore-case":"phone"}]}}`,
		[]want{{"/detail/channel/0", NeverTrue, E, "no value of detail.channel"}}},
	{"numeric on a number", contactevents.Compat, `{"detail":{"routingCriteria":{"steps":{"expiry":{"durationInSeconds":[{"numeric":[">=",60]}]}}}}}`, nil},
	{"numeric on a tag (a string)", contactevents.Compat, `{"detail":{"tags":{"n":[{"numeric":[">",5]}]}}}`,
		[]want{{"/detail/tags/n/0", NeverTrue, E, "is a string: a number condition can never match"}}},
	{"boolean on a string", contactevents.Strict, `{"detail":{"channel":[true]}}`,
		[]want{{"/detail/channel/0", NeverTrue, E, "a boolean can never match"}}},
	{"null on a string", contactevents.Strict, `{"detail":{"channel":[null]}}`,
		[]want{{"/detail/channel/0", NeverTrue, E, "never null"}}},
	{"string on an object", contactevents.Compat, `{"detail":{"queueInfo":["q"]}}`,
		[]want{{"/detail/queueInfo/0", NeverTrue, E, "is a object"}}},
	{"exists true on an object", contactevents.Compat, `{"detail":{"agentInfo":[{"exists":true}]}}`,
		[]want{{"/detail/agentInfo/0", NeverTrue, E, "exists works on leaves"}}},
	{"a key in several pattern objects is linted once", contactevents.Strict, `{"detail":{"channel":["Voice"]},"$or":[{"detail":{"eventType":["X"]}},{"source":["aws.connect"]}]}`,
		[]want{{"/detail/channel/0", UnknownValue, E, `"Voice"`}, {"/$or/0/detail/eventType/0", UnknownValue, E, `"X"`}}},
}

func TestLint(t *testing.T) {
	for _, c := range lintCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Lint(MustCompile(c.pattern), c.profile)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("%d findings, want %d:\n%s", len(got), len(c.want), render(got))
			}
			for i, w := range c.want {
				g := got[i]
				if g.Pointer != w.ptr || g.Kind != w.kind || g.Severity != w.sev || !strings.Contains(g.Message, w.msg) {
					t.Errorf("finding %d = %s %s, want %s %s %s containing %q", i, g.Kind, g, w.ptr, w.kind, w.sev, w.msg)
				}
			}
		})
	}
}

func render(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + string(f.Kind) + " " + f.String() + "\n")
	}
	return b.String()
}

// TestLintSoundRules: the seeds' pattern sample and ordinary rules have no
// finding under any profile.
func TestLintSoundRules(t *testing.T) {
	s, _ := samples.Lookup("09-current-stop-streaming-event-type")
	rules := []string{
		string(s.Repaired),
		`{"source":["aws.connect"],"detail-type":["Amazon Connect Contact Event"],"detail":{"eventType":["DISCONNECTED"],"channel":["VOICE","CHAT"]}}`,
		`{"source":["aws.connect"],"detail":{"eventType":["QUEUED","CONNECTED_TO_AGENT"],"queueInfo":{"queueArn":[{"prefix":"arn:aws:connect:"}]}}}`,
		`{"detail":{"initiationMethod":[{"anything-but":"OUTBOUND"}],"agentInfo":{"agentArn":[{"exists":true}]}}}`,
		`{"detail":{"channel":[{"equals-ignore-case":"voice"}],"eventType":[{"prefix":"CONNECTED_TO_"}],"$or":[{"queueInfo":[{"exists":false}]},{"initiationMethod":["INBOUND"]}]}}`,
		`{"region":["us-east-1"],"account":["111122223333"],"resources":[{"wildcard":"arn:aws:connect:*:instance/*"}]}`,
	}
	for _, r := range rules {
		for _, prof := range contactevents.Strict.Values() {
			got, err := Lint(MustCompile(r), prof)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) > 0 {
				t.Errorf("%s under %s:\n%s", r, prof, render(got))
			}
		}
	}
}

// TestLintReadsTheSchema: a value added to the schema is linted correctly
// without a code change (here a new EventType value, added to the source
// and to the strict profile, as the generator would).
func TestLintReadsTheSchema(t *testing.T) {
	const added = "ADDED_BY_A_SCHEMA_CHANGE"
	p := MustCompile(`{"detail":{"eventType":["` + added + `"]}}`)
	before, _ := Lint(p, contactevents.Strict)
	if len(before) != 1 || before[0].Kind != UnknownValue {
		t.Fatalf("before the schema change: %s", render(before))
	}
	add := func(doc []byte, path ...string) []byte {
		var m map[string]any
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
		def := m
		for _, k := range path {
			def = def[k].(map[string]any)
		}
		def["enum"] = append(def["enum"].([]any), added)
		if x, ok := def["x-enum"].(map[string]any); ok {
			x[added] = map[string]any{"provenance": []any{"current"}}
		}
		b, _ := json.Marshal(m)
		return b
	}
	prof, _ := schema.Profile("strict")
	f, err := newFacts("strict", add(schema.Source(), "$defs", "EventType"), add(prof, "$defs", "EventType"))
	if err != nil {
		t.Fatal(err)
	}
	if after := f.lint(p); len(after) != 0 {
		t.Errorf("after the schema change: %s", render(after))
	}
}

func TestLintUnknownProfile(t *testing.T) {
	if _, err := Lint(MustCompile(`{"source":["aws.connect"]}`), "loose"); err == nil {
		t.Error("no error for an unknown profile")
	}
}
