package conformance

// The SDK's diagnosis of the published samples as they are: Parse must report every syntax
// defect that sample.json records, at its byte offset, line and column, as a *SyntaxError. The
// text of the diagnosis is kept as a golden file per sample
// (testdata/diagnosis/<name>.golden); rewrite the goldens with
//
//	go test ./conformance -run TestDiagnosis -update

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files (testdata/diagnosis/*.golden)")

// syntaxErrors returns every *SyntaxError in err: err itself, or the members of the errors.Join
// that Parse returns for several recoverable defects (trailing commas) followed by at most one
// fatal one.
func syntaxErrors(err error) []*contactevents.SyntaxError {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*contactevents.SyntaxError
		for _, e := range j.Unwrap() {
			out = append(out, syntaxErrors(e)...)
		}
		return out
	}
	var se *contactevents.SyntaxError
	if errors.As(err, &se) {
		return []*contactevents.SyntaxError{se}
	}
	return nil
}

// noDiagnosis is the golden text of a sample whose verbatim text is valid JSON and a valid event.
const noDiagnosis = "(no error)\n"

// TestDiagnosis parses every verbatim.json: the *SyntaxErrors must be exactly the sample's
// syntaxDefects (offset, line, column, in order; the trailing commas all reported, the
// unexpected end and the trailing data too), errors.As must find the first, and the error text
// must equal the golden file. A sample without defects parses without error.
func TestDiagnosis(t *testing.T) {
	for _, s := range samples.All() {
		t.Run(s.Name, func(t *testing.T) {
			_, err := contactevents.Parse(s.Verbatim)
			type pos struct {
				Offset       int64
				Line, Column int
			}
			var want, got []pos
			for _, d := range s.SyntaxDefects {
				want = append(want, pos{d.Offset, d.Line, d.Column})
			}
			for _, se := range syntaxErrors(err) {
				got = append(got, pos{se.Offset, se.Line, se.Column})
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("syntax errors (-sample.json +Parse):\n%s\nerror: %v", diff, err)
			}
			if len(want) == 0 && err != nil {
				t.Errorf("Parse(verbatim) = %v, want no error (the verbatim text is the repaired text)", err)
			}
			if len(want) > 0 {
				var first *contactevents.SyntaxError
				if !errors.As(err, &first) || first.Offset != want[0].Offset {
					t.Errorf("errors.As finds %v, want the first defect at byte %d", first, want[0].Offset)
				}
			}
			text := noDiagnosis
			if err != nil {
				text = err.Error() + "\n"
			}
			golden := filepath.Join("testdata", "diagnosis", s.Name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantText, rerr := os.ReadFile(golden)
			if rerr != nil {
				t.Fatalf("%v (run with -update to create it)", rerr)
			}
			if !bytes.Equal(wantText, []byte(text)) {
				t.Errorf("diagnosis differs from %s:\n got: %s\nwant: %s", golden, text, wantText)
			}
		})
	}
}

// TestDiagnosisUnderEveryProfile checks that the syntax diagnosis does not depend on the
// profile: syntax comes before validation.
func TestDiagnosisUnderEveryProfile(t *testing.T) {
	for _, s := range samples.All() {
		_, base := contactevents.Parse(s.Verbatim)
		for _, p := range profiles {
			_, err := contactevents.Parse(s.Verbatim, contactevents.WithProfile(p))
			if len(s.SyntaxDefects) > 0 && (err == nil || base == nil || err.Error() != base.Error()) {
				t.Errorf("%s under %s: %v, want %v", s.Name, p, err, base)
			}
		}
	}
}
