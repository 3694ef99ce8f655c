package contacteventstest_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// fakeTB records what the helpers report instead of failing the test.
type fakeTB struct {
	testing.TB // nil: calling anything not overridden panics
	errors     []string
	fatals     []string
	helpers    int
}

func (f *fakeTB) Helper() { f.helpers++ }

func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
	runtime.Goexit()
}

// run calls fn with a fake in a goroutine of its own, so that Fatalf can
// stop it as it stops a test.
func run(fn func(tb testing.TB)) *fakeTB {
	f := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f
}

// bare is a minimal valid bare contact event; channel is substituted.
func bare(channel string) []byte {
	return []byte(`{"eventType":"QUEUED","contactId":"c-1","channel":"` + channel + `","instanceArn":"arn:aws:connect:us-west-2:123456789012:instance/i-1","initiationMethod":"INBOUND"}`)
}

func TestAssertValidPasses(t *testing.T) {
	f := run(func(tb testing.TB) {
		if !contacteventstest.AssertValid(tb, bare("VOICE"), contactevents.WithProfile(contactevents.Strict)) {
			t.Error("AssertValid returned false")
		}
	})
	if len(f.errors)+len(f.fatals) != 0 {
		t.Errorf("reported %q %q", f.errors, f.fatals)
	}
	if f.helpers == 0 {
		t.Error("AssertValid did not call t.Helper")
	}
}

func TestAssertValidListsEveryIssue(t *testing.T) {
	payload := []byte(`{"eventType":"QUEUED","contactId":"c-1","channel":"Voice","initiationMethod":"INBOUND","Extra":1}`)
	f := run(func(tb testing.TB) {
		if contacteventstest.AssertValid(tb, payload, contactevents.WithProfile(contactevents.Strict)) {
			t.Error("AssertValid returned true")
		}
	})
	if len(f.errors) != 1 || len(f.fatals) != 0 {
		t.Fatalf("want one Errorf, got errors %q, fatals %q", f.errors, f.fatals)
	}
	want := `payload is not a valid contact event under the strict profile:
  /channel (/$defs/Channel/enum): "Voice" is a documented Channel that this profile does not accept; expected one of VOICE, CHAT, TASK, EMAIL
  /Extra (/$defs/ContactEvent/additionalProperties): unknown property "Extra"
  (root) (/$defs/ContactEvent/required): missing required property "instanceArn"`
	if f.errors[0] != want {
		t.Errorf("message:\n%s\nwant:\n%s", f.errors[0], want)
	}
}

func TestAssertValidSyntaxErrorsWithLineAndColumn(t *testing.T) {
	s, _ := samples.Lookup("02-older-disconnected")
	f := run(func(tb testing.TB) { contacteventstest.AssertValid(tb, s.Verbatim) })
	want := "payload is not well-formed JSON:\n  36:61: trailing comma before '}'"
	if len(f.errors) != 1 || f.errors[0] != want {
		t.Errorf("errors %q, want %q", f.errors, want)
	}
}

func TestAssertValidWarningsAndRecords(t *testing.T) {
	// Two lines of NDJSON: the second is invalid under strict; the message
	// names the record.
	payload := []byte(string(bare("VOICE")) + "\n" + string(bare("Voice")) + "\n")
	f := run(func(tb testing.TB) {
		contacteventstest.AssertValid(tb, payload, contactevents.WithProfile(contactevents.Strict))
	})
	if len(f.errors) != 1 || !strings.HasPrefix(f.errors[0], "record 1 is not a valid contact event under the strict profile:\n  /channel (/$defs/Channel/enum): ") {
		t.Errorf("errors %q", f.errors)
	}
	// A payload that is not a contact event says what it is.
	f = run(func(tb testing.TB) {
		contacteventstest.AssertValid(tb, []byte(`{"Details":{"ContactData":{}},"Name":"ContactFlowEvent"}`))
	})
	if len(f.errors) != 1 || !strings.HasPrefix(f.errors[0], "payload is not a contact event: ") {
		t.Errorf("errors %q", f.errors)
	}
}

func TestRequireEvent(t *testing.T) {
	var ev *contactevents.Event
	f := run(func(tb testing.TB) { ev = contacteventstest.RequireEvent(tb, bare("CHAT")) })
	if len(f.fatals) != 0 || ev == nil || ev.Detail.Channel != contactevents.ChannelChat {
		t.Fatalf("fatals %q, event %v", f.fatals, ev)
	}

	reached := false
	f = run(func(tb testing.TB) {
		contacteventstest.RequireEvent(tb, bare("Voice"), contactevents.WithProfile(contactevents.Strict))
		reached = true
	})
	if reached {
		t.Error("RequireEvent returned after a failure")
	}
	if len(f.fatals) != 1 || !strings.Contains(f.fatals[0], "\n  /channel (/$defs/Channel/enum): \"Voice\"") {
		t.Errorf("fatals %q", f.fatals)
	}

	f = run(func(tb testing.TB) { contacteventstest.RequireEvent(tb, []byte("[]")) })
	if len(f.fatals) != 1 {
		t.Errorf("fatals %q", f.fatals)
	}
}

func TestAssertInvalid(t *testing.T) {
	// Invalid, with an error at the wanted location.
	f := run(func(tb testing.TB) {
		if !contacteventstest.AssertInvalid(tb, bare("Voice"), []string{"/channel"}, contactevents.WithProfile(contactevents.Strict)) {
			t.Error("AssertInvalid returned false")
		}
	})
	if len(f.errors) != 0 {
		t.Errorf("errors %q", f.errors)
	}

	// Valid: a failure that says so.
	f = run(func(tb testing.TB) { contacteventstest.AssertInvalid(tb, bare("VOICE"), []string{"/channel"}) })
	if want := `payload is a valid contact event (wanted errors at "/channel"); want it invalid`; len(f.errors) != 1 || f.errors[0] != want {
		t.Errorf("errors %q, want %q", f.errors, want)
	}

	// Invalid elsewhere: the missed location, then every issue.
	f = run(func(tb testing.TB) {
		contacteventstest.AssertInvalid(tb, bare("Voice"), []string{"/contactId", ""}, contactevents.WithProfile(contactevents.Strict))
	})
	want := `payload has no error at "/contactId", "" (the root); payload is not a valid contact event under the strict profile:
  /channel (/$defs/Channel/enum): "Voice" is a documented Channel that this profile does not accept; expected one of VOICE, CHAT, TASK, EMAIL`
	if len(f.errors) != 1 || f.errors[0] != want {
		t.Errorf("errors %q\nwant %q", f.errors, want)
	}

	// Syntax defects are located by line:column.
	f = run(func(tb testing.TB) {
		contacteventstest.AssertInvalid(tb, []byte("{\n  \"eventType\": \"QUEUED\",\n}"), []string{"2:24"})
	})
	if len(f.errors) != 0 {
		t.Errorf("errors %q", f.errors)
	}

	// Compat accepts "Voice": AssertInvalid (compat) fails.
	f = run(func(tb testing.TB) { contacteventstest.AssertInvalid(tb, bare("Voice"), nil) })
	if len(f.errors) != 1 {
		t.Errorf("errors %q", f.errors)
	}
}

// TestSamplesAreRealisticPayloads checks that every documented event, repaired, is an event the
// helpers accept (compat) with the event type its metadata names: other services use them as
// payloads.
func TestSamplesAreRealisticPayloads(t *testing.T) {
	for _, s := range samples.Events() {
		ev := contacteventstest.RequireEvent(t, s.Repaired)
		if ev.Detail.EventType != s.EventType {
			t.Errorf("%s: event type %s, sample says %s", s.Name, ev.Detail.EventType, s.EventType)
		}
	}
}
