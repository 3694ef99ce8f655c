package main

import (
	"regexp"
	"testing"

	"github.com/connectevents/sdk-go/internal/codec"
)

// TestByteClassAgreesWithRegexp checks that each pattern asciiClass takes
// for a class of bytes matches what the regexp matches, on every string of
// up to two bytes (every byte value) and on longer strings, and that it
// leaves every other shape to the regexp.
func TestByteClassAgreesWithRegexp(t *testing.T) {
	classes := []string{
		"^[A-Za-z0-9_:-]+$", // the schema's SegmentAttributes keys
		"^[a-z]*$",
		"^[0-9]+$",
		`^[\w.]+$`,
		"^[^a]+$", // a negated class holds non-ASCII runes: not a byte class
	}
	others := []string{"^[a-z]+", "[a-z]+$", "^a+$", "^[a-z]{2}$", "^(?i)[a-z]+$", "^[é]+$", "^[a-z]+$|^b$", "^[a-z]?$"}
	var inputs []string
	inputs = append(inputs, "", "é", "aé", "A-b:c_9", "a\n", "\na", "ab c", "a\x00")
	for b := range 256 {
		inputs = append(inputs, string([]byte{byte(b)}), string([]byte{'a', byte(b)}), string([]byte{byte(b), '0'}))
	}
	for _, p := range classes {
		ranges, empty, ok := asciiClass(p)
		if p == "^[^a]+$" {
			if ok {
				t.Errorf("asciiClass(%q) = %q, want not a byte class", p, ranges)
			}
			continue
		}
		if !ok {
			t.Errorf("asciiClass(%q): not a byte class", p)
			continue
		}
		c, re := codec.NewByteClass(ranges, empty), regexp.MustCompile(p)
		for _, s := range inputs {
			if got, want := c.MatchString(s), re.MatchString(s); got != want {
				t.Errorf("%s on %q: byte class %v, regexp %v", p, s, got, want)
			}
		}
	}
	for _, p := range others {
		if ranges, _, ok := asciiClass(p); ok {
			t.Errorf("asciiClass(%q) = %q, want not a byte class", p, ranges)
		}
	}
}
