package timestamp

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// dateTimeSchema is JSON Schema's "format": "date-time", asserted, as the
// profile schemas use it: the reference ValidDateTime must agree with.
func dateTimeSchema(t testing.TB) *jsonschema.Schema {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource("dt.json", strings.NewReader(`{"format":"date-time"}`)); err != nil {
		t.Fatal(err)
	}
	return c.MustCompile("dt.json")
}

// FuzzParse checks that Parse's format verdict is ValidDateTime's whatever
// the layout, that Check's verdicts are Parse's, that ValidDateTime agrees
// with jsonschema, and that a parsed
// timestamp is written back as it was read.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2021-08-04T17:17:53.000Z", "2021-08-04T17:43:48Z", "2023-11-01T18:34:54.275Z", "1970-01-01T00:00:00.001Z",
		"2021-02-29T00:00:00.000Z", "2021-08-04T23:59:60.000Z", "2021-08-04T17:17:53+02:00", "2021-08-04t17:17:53.5z", ""} {
		f.Add(s)
	}
	schema := dateTimeSchema(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkParse(t, schema, s)
	})
}

// checkParse checks Parse and ValidDateTime on s against their references:
// the layout patterns, jsonschema's date-time format and time.Parse, and
// that a parsed timestamp is written back as it was read.
func checkParse(t *testing.T, schema *jsonschema.Schema, s string) {
	t.Helper()
	want := ValidDateTime(s)
	// jsonschema reads each number with strconv.Atoi, which takes a
	// sign ("23:00:+0Z" passes there); RFC 3339 fields are digits only,
	// and the profile schemas' pattern rejects such strings anyway
	// (testdata/fuzz/FuzzParse/47f7da6ec4cb95dc).
	if err := schema.Validate(s); !signInField(s) && (err == nil) != want {
		t.Fatalf("ValidDateTime(%q) = %v, jsonschema says %v", s, want, err)
	}
	for _, frac := range []Fraction{None, Millis, Optional} {
		p, lok, fok := Parse(s, frac)
		if clok, cfok := Check(s, frac); clok != lok || cfok != fok {
			t.Fatalf("Check(%q, %d) = %v, %v; Parse says %v, %v", s, frac, clok, cfok, lok, fok)
		}
		if lok != layoutPatterns[frac].MatchString(s) {
			t.Fatalf("Parse(%q, %d) layout %v, pattern %s says %v", s, frac, lok, layoutPatterns[frac], !lok)
		}
		if fok != want {
			t.Fatalf("Parse(%q, %d) format %v, ValidDateTime %v", s, frac, fok, want)
		}
		if lok && fok {
			write := Append
			if p.Leap {
				write = AppendLeap
			}
			if got := string(write(nil, p.Time(), p.Digits)); got != s {
				t.Fatalf("Append(Parse(%q)) = %q", s, got)
			}
			if ref, err := time.Parse(time.RFC3339Nano, s); !p.Leap && (err != nil || !ref.Equal(p.Time())) {
				t.Fatalf("Parse(%q) = %v, time.Parse = %v %v", s, p.Time(), ref, err)
			}
		}
	}
}

// layoutPatterns are the layouts as the schema's patterns, the reference
// of Parse's layout verdict.
var layoutPatterns = map[Fraction]*regexp.Regexp{
	None:     regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`),
	Millis:   regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`),
	Optional: regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$`),
}

// TestLayoutCorruptions runs FuzzParse's checks over every one-byte
// substitution of each layout's timestamp, with the bytes that the
// word-at-a-time checks must tell apart from digits and separators: the
// neighbours of '0' and '9', of each separator, a high byte and NUL.
func TestLayoutCorruptions(t *testing.T) {
	schema := dateTimeSchema(t)
	for _, s := range []string{"2021-08-04T17:17:53Z", "2021-08-04T17:17:53.000Z", "2023-11-01T18:34:54.123456789Z"} {
		for i := range len(s) {
			for _, c := range []byte("/0:9;,-.STUYZ\x00\x80\xba\xff") {
				b := []byte(s)
				b[i] = c
				checkParse(t, schema, string(b))
			}
		}
	}
}

// signInField reports whether a '+' or '-' stands where RFC 3339 wants a
// digit of a date, time or offset field.
func signInField(s string) bool {
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18} {
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			return true
		}
	}
	// In a numeric offset (+hh:mm), only the first character is a sign.
	if len(s) > 19 {
		if j := strings.IndexAny(s[19:], "+-"); j >= 0 && strings.ContainsAny(s[19+j+1:], "+-") {
			return true
		}
	}
	return false
}
