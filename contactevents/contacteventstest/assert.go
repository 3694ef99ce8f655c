package contacteventstest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// AssertValid reports whether payload holds valid contact events under the
// options (the compat profile by default; pass
// contactevents.WithProfile(contactevents.Strict) to check a producer). On
// failure it calls t.Errorf once, with every issue on its own line,
// indented by two spaces:
//
//	<instanceLocation> (<keywordLocation>): <message>
//
// and every syntax defect as
//
//	<line>:<column>: <message>
//
// A payload may hold one event in any delivery format, or several (a batch,
// an array, NDJSON): all must be valid.
func AssertValid(t testing.TB, payload []byte, opts ...contactevents.Option) bool {
	t.Helper()
	failures := check(payload, opts)
	if len(failures) == 0 {
		return true
	}
	t.Errorf("%s", report(failures))
	return false
}

// RequireEvent parses payload, which must hold exactly one valid contact
// event under the options, and returns it; otherwise it stops the test with
// t.Fatalf and the message AssertValid would give.
func RequireEvent(t testing.TB, payload []byte, opts ...contactevents.Option) *contactevents.Event {
	t.Helper()
	ev, err := contactevents.Parse(payload, opts...)
	if err != nil {
		if errors.Is(err, contactevents.ErrMultipleEvents) {
			t.Fatalf("payload holds more than one event; RequireEvent wants exactly one")
		} else {
			t.Fatalf("%s", report([]error{err}))
		}
		return nil // not reached with a real testing.TB
	}
	return ev
}

// AssertInvalid reports whether payload is not a valid contact event under
// the options (as AssertValid, default the compat profile). Each of
// wantLocations must name an error of the payload: the instance location
// (JSON Pointer) of a validation error, such as "/detail/channel" ("" for the
// root), or the "<line>:<column>" of a syntax defect, such as "36:61"; nil
// wants only that the payload is invalid. Other errors may be there too. On
// failure it calls t.Errorf once, with the locations it missed and every
// issue found.
//
// Its arguments come in AssertValid's order, the locations before the
// options:
//
//	contacteventstest.AssertInvalid(t, payload, []string{"/detail/channel"},
//		contactevents.WithProfile(contactevents.Strict))
func AssertInvalid(t testing.TB, payload []byte, wantLocations []string, opts ...contactevents.Option) bool {
	t.Helper()
	want := wantLocations
	failures := check(payload, opts)
	if len(failures) == 0 {
		t.Errorf("payload is a valid contact event%s; want it invalid", wantSuffix(want))
		return false
	}
	got := errorLocations(failures)
	var missing []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, quoteLocation(w))
		}
	}
	if len(missing) == 0 {
		return true
	}
	t.Errorf("payload has no error at %s; %s", strings.Join(missing, ", "), report(failures))
	return false
}

func wantSuffix(want []string) string {
	if len(want) == 0 {
		return ""
	}
	q := make([]string, len(want))
	for i, w := range want {
		q[i] = quoteLocation(w)
	}
	return " (wanted errors at " + strings.Join(q, ", ") + ")"
}

func quoteLocation(loc string) string {
	if loc == "" {
		return `"" (the root)`
	}
	return strconv.Quote(loc)
}

// check validates payload and returns its failures: nil when every event is
// valid.
func check(payload []byte, opts []contactevents.Option) []error {
	_, err := contactevents.Parse(payload, opts...)
	if err == nil {
		return nil
	}
	if !errors.Is(err, contactevents.ErrMultipleEvents) {
		return []error{err}
	}
	var failures []error
	for _, err := range contactevents.NewDecoder(bytes.NewReader(payload), opts...).All() {
		if err != nil {
			failures = append(failures, err)
		}
	}
	return failures
}

// errorLocations lists where the failures are: the instance locations of
// validation errors and the line:column of syntax defects.
func errorLocations(failures []error) []string {
	var locs []string
	for _, f := range failures {
		for _, e := range contactevents.SplitErrors(f) {
			var se *contactevents.SyntaxError
			var ve *contactevents.ValidationError
			switch {
			case errors.As(e, &se):
				locs = append(locs, strconv.Itoa(se.Line)+":"+strconv.Itoa(se.Column))
			case errors.As(e, &ve):
				for _, i := range ve.Errors() {
					locs = append(locs, i.InstanceLocation)
				}
			}
		}
	}
	return locs
}

// report renders failures for a person, one issue per line.
func report(failures []error) string {
	var b strings.Builder
	for n, f := range failures {
		if n > 0 {
			b.WriteByte('\n')
		}
		var re *contactevents.RecordError
		where := "payload"
		if errors.As(f, &re) {
			where = recordName(re)
		}
		var ve *contactevents.ValidationError
		var se *contactevents.SyntaxError
		var ne *contactevents.NotContactEventError
		switch {
		case errors.As(f, &ve):
			fmt.Fprintf(&b, "%s is not a valid contact event under the %s profile:", where, ve.Profile)
			for _, i := range ve.Issues {
				b.WriteString("\n  " + i.String())
			}
		case errors.As(f, &se):
			fmt.Fprintf(&b, "%s is not well-formed JSON:", where)
			for _, e := range contactevents.SplitErrors(f) {
				if errors.As(e, &se) {
					fmt.Fprintf(&b, "\n  %d:%d: %s", se.Line, se.Column, se.Msg)
				} else {
					b.WriteString("\n  " + e.Error())
				}
			}
		case errors.As(f, &ne):
			fmt.Fprintf(&b, "%s is not a contact event: %s", where, strings.TrimPrefix(ne.Error(), "contactevents: the payload is "))
		default:
			msg := f.Error()
			if re != nil {
				msg = re.Err.Error()
			}
			fmt.Fprintf(&b, "%s: %s", where, strings.TrimPrefix(msg, "contactevents: "))
		}
	}
	return b.String()
}

// recordName names a record of a batch or stream in a message.
func recordName(re *contactevents.RecordError) string {
	s := "record " + strconv.Itoa(re.Index)
	if re.ID != "" {
		s += " (" + re.ID + ")"
	}
	if re.Pointer != "" {
		s += " at " + re.Pointer
	}
	return s
}
