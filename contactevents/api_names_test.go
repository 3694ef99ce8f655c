package contactevents_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

func TestParseProfile(t *testing.T) {
	for _, p := range contactevents.Profile("").Values() {
		got, err := contactevents.ParseProfile(" " + strings.ToUpper(string(p)) + " ")
		if err != nil || got != p {
			t.Errorf("ParseProfile(%q) = %q, %v", p, got, err)
		}
	}
	if got, err := contactevents.ParseProfile(""); err != nil || got != contactevents.Compat {
		t.Errorf(`ParseProfile("") = %q, %v, want the default, compat`, got, err)
	}
	_, err := contactevents.ParseProfile("lenient")
	const want = `contactevents: unknown profile "lenient" (want one of strict, compat, legacy)`
	if err == nil || err.Error() != want {
		t.Errorf("ParseProfile(lenient) error = %v, want %s", err, want)
	}
}

// TestRecordErrorWithoutErr: a RecordError a caller builds without its
// error (a zero value, a test double) prints, it does not panic.
func TestRecordErrorWithoutErr(t *testing.T) {
	e := &contactevents.RecordError{Index: 2, ID: "m-1"}
	if got, want := e.Error(), "record 2 (m-1): no error"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if errors.Unwrap(e) != nil {
		t.Errorf("Unwrap() = %v, want nil", errors.Unwrap(e))
	}
}

// TestZeroSeverityIsNeither: an Issue whose severity was forgot is not
// silently an error (the zero Severity is no constant), and says so.
func TestZeroSeverityIsNeither(t *testing.T) {
	var s contactevents.Severity
	if s == contactevents.SeverityError || s == contactevents.SeverityWarning {
		t.Fatalf("the zero Severity is %v", s)
	}
	if got := s.String(); got != "Severity(0)" {
		t.Errorf("zero Severity.String() = %q", got)
	}
	if contactevents.SeverityError.String() != "error" || contactevents.SeverityWarning.String() != "warning" {
		t.Errorf("String() = %q, %q", contactevents.SeverityError, contactevents.SeverityWarning)
	}
	// Every issue the SDK reports has a severity.
	_, err := contactevents.Parse([]byte(`{"eventType":"QUEUED","channel":"FAX"}`), contactevents.WithProfile(contactevents.Strict))
	var ve *contactevents.ValidationError
	if !errors.As(err, &ve) || len(ve.Issues) == 0 {
		t.Fatalf("Parse: %v", err)
	}
	for _, i := range ve.Issues {
		if i.Severity != contactevents.SeverityError && i.Severity != contactevents.SeverityWarning {
			t.Errorf("issue %v has severity %v", i, i.Severity)
		}
	}
}

// TestUnknownMemberIsNamed: UnknownMember is a type of this package (not an
// alias of an anonymous struct), and decoding fills it.
func TestUnknownMemberIsNamed(t *testing.T) {
	ev, err := contactevents.Parse(detail(`"newField":[1]`))
	if err != nil {
		t.Fatal(err)
	}
	var kept []contactevents.UnknownMember = ev.Detail.Unknown
	if len(kept) != 1 || kept[0].Key != "newField" || string(kept[0].Value) != "[1]" {
		t.Errorf("Unknown = %+v", kept)
	}
}
