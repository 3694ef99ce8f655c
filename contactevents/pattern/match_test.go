package pattern

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// TestMatchErrors: a malformed event is a *contactevents.SyntaxError at
// the offending byte, in internal/scan's words (those of Parse).
func TestMatchErrors(t *testing.T) {
	p := MustCompile(`{"source":["aws.connect"],"detail":{"eventType":["QUEUED"]}}`)
	for _, c := range []struct {
		name, event string
		line, col   int // of the syntax error; 0 for ErrNotObject
		msg         string
	}{
		{"not an object", `["aws.connect"]`, 0, 0, ""},
		{"a string", `"aws.connect"`, 0, 0, ""},
		{"truncated before the named members", `{"source":"aws.connect","detail":{"eventT`, 1, 42, "unexpected end of input, expected closing '\"' of string"},
		{"bad token in a skipped member", "{\"id\":x,\"source\":\"aws.connect\"}", 1, 7, "invalid character 'x' looking for beginning of value"},
		{"trailing data", `{"source":"aws.connect","other":1} x`, 1, 36, "trailing data after the top-level value: 'x'"},
		{"empty input", ``, 1, 1, "unexpected end of input, expected a value"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ok, err := p.Match([]byte(c.event))
			if ok || err == nil {
				t.Fatalf("Match = %v, %v; want false and an error", ok, err)
			}
			if c.line == 0 {
				if !errors.Is(err, ErrNotObject) {
					t.Fatalf("err = %v, want ErrNotObject", err)
				}
				return
			}
			var se *contactevents.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v (%T), want a *contactevents.SyntaxError", err, err)
			}
			if se.Line != c.line || se.Column != c.col {
				t.Errorf("at %d:%d, want %d:%d (%v)", se.Line, se.Column, c.line, c.col, err)
			}
			if c.msg != "" && se.Msg != c.msg {
				t.Errorf("message %q, want %q", se.Msg, c.msg)
			}
		})
	}
}

// TestMatchStopsOnceSettled: once every member the pattern names is read,
// the rest of the event cannot change the verdict and is not read.
func TestMatchStopsOnceSettled(t *testing.T) {
	p := MustCompile(`{"source":["aws.connect"],"detail":{"eventType":["QUEUED"]}}`)
	ok, err := p.Match([]byte(`{"source":"aws.connect","detail":{"eventType":"QUEUED","rest":[not json`))
	if !ok || err != nil {
		t.Errorf("Match = %v, %v; want true, nil", ok, err)
	}
	// Inside an array, a later element may still match: reading goes on.
	q := MustCompile(`{"items":{"id":[2]}}`)
	if ok, err := q.Match([]byte(`{"items":[{"id":1},{"id":2}]}`)); !ok || err != nil {
		t.Errorf("array: Match = %v, %v; want true, nil", ok, err)
	}
}

// TestMatchEvent: a decoded event matches as its canonical JSON, the same
// verdict as its bytes for every enveloped sample, with the samples'
// variant spellings canonical (Voice is VOICE).
func TestMatchEvent(t *testing.T) {
	rules := []string{
		`{"source":["aws.connect"],"detail-type":["Amazon Connect Contact Event"],"detail":{"eventType":[{"anything-but":["CONTACT_DATA_UPDATED"]}]}}`,
		`{"detail":{"channel":["VOICE"]}}`,
		`{"detail":{"agentInfo":{"agentArn":[{"prefix":"arn:"}]}}}`,
		`{"detail":{"queueInfo":[{"exists":false}]}}`,
	}
	for _, s := range samples.Events() {
		if !s.Enveloped {
			continue
		}
		ev, err := contactevents.Parse(s.Repaired)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		canonical, _ := ev.MarshalJSON()
		for _, r := range rules {
			p := MustCompile(r)
			want, err := p.Match(canonical)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.MatchEvent(ev); got != want {
				t.Errorf("%s: MatchEvent(%s) = %v, want %v", s.Name, r, got, want)
			}
		}
	}
	voice := MustCompile(`{"detail":{"channel":["VOICE"]}}`)
	mixed := MustCompile(`{"detail":{"channel":["Voice"]}}`)
	s, _ := samples.Lookup("04-current-disconnected")
	ev, err := contactevents.Parse(s.Repaired)
	if err != nil {
		t.Fatal(err)
	}
	if raw, _ := mixed.Match(s.Repaired); !raw || !voice.MatchEvent(ev) || mixed.MatchEvent(ev) {
		t.Errorf("the sample's Voice: raw match %v, canonical VOICE %v, canonical Voice %v; want true, true, false",
			raw, voice.MatchEvent(ev), mixed.MatchEvent(ev))
	}
}

// TestSeedPatternSample is the current page's event pattern (stop
// streaming CONTACT_DATA_UPDATED): it matches every enveloped sample but
// those of CONTACT_DATA_UPDATED, and those that spell the key EventType
// (06 and 08, PascalCase): anything-but needs the field, and EventBridge
// keys are case-sensitive. Its verbatim text is refused for the page's
// missing brace.
func TestSeedPatternSample(t *testing.T) {
	s, ok := samples.Lookup("09-current-stop-streaming-event-type")
	if !ok {
		t.Fatal("no pattern sample")
	}
	_, err := Compile(s.Verbatim)
	var perr *Error
	var se *contactevents.SyntaxError
	if !errors.As(err, &perr) || !errors.As(err, &se) || se.Offset != 151 {
		t.Errorf("Compile(verbatim) = %v, want the syntax error at byte 151", err)
	}
	p, err := Compile(s.Repaired)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range samples.Events() {
		if !e.Enveloped {
			continue
		}
		n++
		want := e.EventType != "CONTACT_DATA_UPDATED" && bytes.Contains(e.Repaired, []byte(`"eventType"`))
		if got, err := p.Match(e.Repaired); got != want || err != nil {
			t.Errorf("%s (%s): Match = %v, %v; want %v", e.Name, e.EventType, got, err, want)
		}
	}
	if n != 7 {
		t.Errorf("%d enveloped samples, want 7", n)
	}
}

// TestConcurrentMatch: one Pattern used by many goroutines gives every one
// the sequential verdicts (run with -race).
func TestConcurrentMatch(t *testing.T) {
	p := MustCompile(`{"detail":{"eventType":[{"anything-but":"CONTACT_DATA_UPDATED"}],"agentInfo":{"agentArn":[{"exists":true}]}}}`)
	var docs [][]byte
	var want []bool
	for _, s := range samples.Events() {
		ok, err := p.Match(s.Repaired)
		if err != nil {
			t.Fatal(err)
		}
		docs, want = append(docs, s.Repaired), append(want, ok)
	}
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for n := 0; n < 50; n++ {
				for i, d := range docs {
					if ok, err := p.Match(d); ok != want[i] || err != nil {
						errs <- fmt.Errorf("document %d: %v, %v; want %v", i, ok, err, want[i])
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
