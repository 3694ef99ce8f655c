package pattern

import (
	"errors"
	"testing"
)

// Each test here pins a verdict where the SDK was found to differ from
// EventBridge or event-ruler, as fixed or as decided; the package doc says
// the decisions in prose.

// verdicts runs each event of cases against pattern and checks the verdict.
func verdicts(t *testing.T, pattern string, cases map[string]bool) {
	t.Helper()
	p, err := Compile([]byte(pattern))
	if err != nil {
		t.Fatalf("Compile(%s): %v", pattern, err)
	}
	for event, want := range cases {
		got, err := p.Match([]byte(event))
		if err != nil || got != want {
			t.Errorf("%s on %s = %v, %v; want %v", pattern, event, got, err, want)
		}
	}
}

// rejected checks that Compile refuses pattern with an *Error at pointer.
func rejected(t *testing.T, pattern, pointer string) {
	t.Helper()
	_, err := Compile([]byte(pattern))
	var perr *Error
	if !errors.As(err, &perr) || perr.Pointer != pointer {
		t.Errorf("Compile(%s) = %v, want an *Error at %q", pattern, err, pointer)
	}
}

// TestDecisionAnythingButEmptyPrefixOrSuffixIsRejected: EventBridge refuses
// it ("Null prefix/suffix not allowed" in event-ruler), single or in a list.
func TestDecisionAnythingButEmptyPrefixOrSuffixIsRejected(t *testing.T) {
	rejected(t, `{"a":[{"anything-but":{"prefix":""}}]}`, "/a/0/anything-but/prefix")
	rejected(t, `{"a":[{"anything-but":{"suffix":""}}]}`, "/a/0/anything-but/suffix")
	rejected(t, `{"a":[{"anything-but":{"prefix":["x",""]}}]}`, "/a/0/anything-but/prefix/1")
	verdicts(t, `{"a":[{"anything-but":{"prefix":"x"}}]}`, map[string]bool{`{"a":"y"}`: true, `{"a":"xy"}`: false})
}

// TestDecisionNumericBottomMustBeBelowTop: event-ruler refuses a range whose
// lower bound is not below its upper bound ("Bottom must be less than
// top"), the closed [5, 5] included; ["=", 5] says that.
func TestDecisionNumericBottomMustBeBelowTop(t *testing.T) {
	rejected(t, `{"a":[{"numeric":[">",30,"<",1]}]}`, "/a/0/numeric")
	rejected(t, `{"a":[{"numeric":[">=",5,"<=",5]}]}`, "/a/0/numeric")
	rejected(t, `{"a":[{"numeric":[">",5,"<",5]}]}`, "/a/0/numeric")
	verdicts(t, `{"a":[{"numeric":[">=",5,"<",5.5]}]}`, map[string]bool{`{"a":5}`: true, `{"a":5.5}`: false})
}

// TestDecisionWildcardComplexity: event-ruler's MachineComplexityEvaluator
// measure, checked on the cases of its own test suite, and the limit
// between what AWS was seen to accept and refuse (maxWildcardComplexity).
func TestDecisionWildcardComplexity(t *testing.T) {
	for _, c := range []struct {
		globs []string
		want  int
	}{
		// From event-ruler's MachineComplexityEvaluatorTest.
		{[]string{"*"}, 1}, {[]string{"abc"}, 1}, {[]string{"*", "ab*c"}, 3}, {[]string{"*ab"}, 2},
		{[]string{"*aa"}, 3}, {[]string{"a*b"}, 2}, {[]string{"aa*"}, 2}, {[]string{"a*bbb"}, 4},
		{[]string{"*ab*ad"}, 4}, {[]string{"*aba*"}, 4}, {[]string{"a*b*bb"}, 5}, {[]string{"a*b*cd"}, 3},
		{[]string{"ab*c", "x*xx"}, 3}, {[]string{"*abc", "*abcde"}, 4}, {[]string{"a*aaa", "aa*aa"}, 7},
		{[]string{"abc*", "abcde*"}, 3}, {[]string{"ab*cd", "ab*wx", "ab*yz"}, 6},
		{[]string{"*ab*b*b*"}, 7}, {[]string{"*a*a*a*a*a*a*a*a*"}, 17},
		// Seen at AWS: accepted (9), refused (12, 11).
		{[]string{"*:stack/SharedStack/*", "*:stack/NetworkStack/*", "*:stack/DatabaseStack/*"}, 9},
		{[]string{"*:stack/SharedStack/*", "*:stack/NetworkStack/*", "*:stack/DatabaseStack/*", "*:stack/MonitoringStack/*"}, 12},
		{[]string{"*:*:*:*:*:event-bus/*"}, 11},
		// The User Guide's.
		{[]string{"*/bin/*.jar", "*/bin/*.class"}, 8}, {[]string{"arn:aws:events:us-east-1:*:event-bus/*"}, 3},
	} {
		var globs [][]string
		for _, s := range c.globs {
			globs = append(globs, splitGlob(s))
		}
		if got := wildcardComplexity(globs, 100); got != c.want {
			t.Errorf("complexity of %q = %d, want %d", c.globs, got, c.want)
		}
	}
	rejected(t, `{"EventBusArn":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}`, "/EventBusArn/0")
	// Over every $or branch and anything-but wildcard on one field, as
	// event-ruler builds one machine for the whole pattern.
	rejected(t, `{"$or":[{"s":[{"wildcard":"*:stack/SharedStack/*"},{"wildcard":"*:stack/NetworkStack/*"}]},`+
		`{"s":[{"wildcard":"*:stack/DatabaseStack/*"},{"anything-but":{"wildcard":"*:stack/MonitoringStack/*"}}]}]}`, "/$or/0/s/0")
	for _, ok := range []string{
		`{"s":[{"wildcard":"*:stack/SharedStack/*"},{"wildcard":"*:stack/NetworkStack/*"},{"wildcard":"*:stack/DatabaseStack/*"}]}`,
		`{"a":[{"wildcard":"*:*:*:*:*"}],"b":[{"wildcard":"*:*:*:*:*"}]}`, // per field: 10 each
	} {
		if _, err := Compile([]byte(ok)); err != nil {
			t.Errorf("Compile(%s): %v", ok, err)
		}
	}
}

// TestDecisionFieldBesideAndInsideOr: event-ruler expands $or into one rule
// per branch and puts the fields into it in document order, the later
// replacing the earlier (its default, withOverriding), a field being its
// path through nested objects; EventBridge documents nothing else, so the
// SDK does the same.
func TestDecisionFieldBesideAndInsideOr(t *testing.T) {
	// The case: b = z, or (b = y and c = w).
	verdicts(t, `{"b":["y"],"$or":[{"b":["z"]},{"c":["w"]}]}`, map[string]bool{
		`{"b":"z"}`: true, `{"b":"y","c":"w"}`: true, `{"b":"y"}`: false, `{"b":"z","c":"w"}`: true, `{"b":"x","c":"w"}`: false,
	})
	// After the $or, the field overrides every branch: b = y.
	verdicts(t, `{"$or":[{"b":["z"]},{"c":["w"]}],"b":["y"]}`, map[string]bool{
		`{"b":"y"}`: true, `{"b":"z"}`: false, `{"b":"z","c":"w"}`: false,
	})
	// Nested $or, and two keys at once.
	verdicts(t, `{"b":["y"],"c":["v"],"$or":[{"d":["1"],"$or":[{"b":["z"]},{"c":["w"]}]},{"e":["2"]}]}`, map[string]bool{
		`{"d":"1","b":"z","c":"v"}`: true, `{"d":"1","b":"y","c":"w"}`: true, `{"d":"1","b":"y","c":"v"}`: false,
		`{"e":"2","b":"y","c":"v"}`: true, `{"e":"2","b":"z","c":"v"}`: false,
	})
	// Branches that do not share a field are unaffected.
	verdicts(t, `{"$or":[{"b":["z"]},{"b":["y"]}]}`, map[string]bool{`{"b":"y"}`: true, `{"b":"z"}`: true, `{"b":"x"}`: false})
	// Through two pattern objects for "detail": the path detail.b.
	verdicts(t, `{"detail":{"b":["y"],"d":["1"]},"$or":[{"detail":{"b":["z"]}},{"c":["w"]}]}`, map[string]bool{
		`{"detail":{"b":"z","d":"1"}}`: true, `{"detail":{"b":"z"}}`: false, `{"detail":{"b":"y","d":"1"},"c":"w"}`: true,
		`{"detail":{"b":"y","d":"1"}}`: false, `{"detail":{"b":"z","d":"1"},"c":"w"}`: true,
	})
	// Deeper, and through a nested $or.
	verdicts(t, `{"detail":{"q":{"b":["y"]}},"$or":[{"detail":{"$or":[{"q":{"b":["z"]}},{"e":["1"]}]}},{"c":["w"]}]}`, map[string]bool{
		`{"detail":{"q":{"b":"z"}}}`: true, `{"detail":{"q":{"b":"y"},"e":"1"}}`: true, `{"detail":{"q":{"b":"z"},"e":"1"}}`: true,
		`{"detail":{"q":{"b":"y"}}}`: false, `{"detail":{"q":{"b":"x"}},"c":"w"}`: false,
	})
	// A dotted key is the same path: the later one counts.
	verdicts(t, `{"detail":{"b":["y"]},"detail.b":["z"]}`, map[string]bool{`{"detail":{"b":"z"}}`: true, `{"detail":{"b":"y"}}`: false})
}

// TestDecisionEqualsIgnoreCaseIsSimpleFolding: equals-ignore-case (and
// prefix and suffix with it) compares under Unicode simple case folding,
// as strings.EqualFold: one character for one. event-ruler lower-cases
// with Java's full mappings, so İ matches i̇, ı matches I and ß matches
// SS there and not here; ß and ẞ, σ and ς match here and not there. Both
// agree on every character whose case pair is one character each, which
// is every character of a contact event's enumerations.
func TestDecisionEqualsIgnoreCaseIsSimpleFolding(t *testing.T) {
	verdicts(t, `{"a":[{"equals-ignore-case":"straße"}]}`, map[string]bool{`{"a":"STRASSE"}`: false, `{"a":"STRAẞE"}`: true, `{"a":"Straße"}`: true})
	verdicts(t, `{"a":[{"equals-ignore-case":"σ"}]}`, map[string]bool{`{"a":"ς"}`: true, `{"a":"Σ"}`: true})
	verdicts(t, `{"a":[{"equals-ignore-case":"i̇"}]}`, map[string]bool{`{"a":"İ"}`: false})
	verdicts(t, `{"a":[{"equals-ignore-case":"I"}]}`, map[string]bool{`{"a":"ı"}`: false, `{"a":"i"}`: true})
	verdicts(t, `{"a":[{"prefix":{"equals-ignore-case":"VOICE"}}]}`, map[string]bool{`{"a":"voice-x"}`: true})
}

// TestDecisionCIDRReadsCanonicalAddresses: cidr matches a string that is an
// IP address in Go's netip syntax: an IPv4-mapped IPv6 address is the IPv4
// address it maps; an octet with a leading zero ("10.0.0.01", read as
// octal by some parsers and decimal by others) is no address and does not
// match; numbers and other non-strings never match, as for every string
// operator.
func TestDecisionCIDRReadsCanonicalAddresses(t *testing.T) {
	verdicts(t, `{"ip":[{"cidr":"10.0.0.0/24"}]}`, map[string]bool{
		`{"ip":"10.0.0.1"}`: true, `{"ip":"::ffff:10.0.0.1"}`: true, `{"ip":"10.0.0.01"}`: false,
		`{"ip":10}`: false, `{"ip":"10.0.1.1"}`: false, `{"ip":"10.0.0.1/32"}`: false,
	})
	verdicts(t, `{"ip":[{"cidr":"2001:db8::/32"}]}`, map[string]bool{`{"ip":"2001:DB8::1"}`: true, `{"ip":"2001:db9::1"}`: false})
}

// TestDecisionExactStringsThatLookLikeIPs: an exact string is compared as
// text, whatever it looks like: "10.0.0.1" matches only "10.0.0.1", not
// "::ffff:10.0.0.1" nor "010.0.0.1"; cidr is the operator that reads
// addresses.
func TestDecisionExactStringsThatLookLikeIPs(t *testing.T) {
	verdicts(t, `{"ip":["10.0.0.1"]}`, map[string]bool{`{"ip":"10.0.0.1"}`: true, `{"ip":"::ffff:10.0.0.1"}`: false, `{"ip":"010.0.0.1"}`: false})
	verdicts(t, `{"ip":["2001:db8::1"]}`, map[string]bool{`{"ip":"2001:DB8::1"}`: false})
}

// TestDecisionDottedKeysArePaths: AWS matches a nested pattern against a
// dotted key and a dotted pattern key against nested objects (both
// recorded against AWS): event-ruler joins nested keys with dots, so
// "state.status" and "state" > "status" are one field. So does the SDK, on
// both sides; a dotted event key counts as one more object beside a real
// one of the same name, when it comes first: the matcher stops reading an
// object once it has met every key the pattern names, so a dotted key
// after a real "state" object is not read.
func TestDecisionDottedKeysArePaths(t *testing.T) {
	nested := `{"detail":{"state":{"status":["running"]}}}`
	dotted := `{"detail":{"state.status":["running"]}}`
	for _, p := range []string{nested, dotted} {
		verdicts(t, p, map[string]bool{
			`{"detail":{"state.status":"running"}}`:         true,
			`{"detail":{"state":{"status":"running"}}}`:     true,
			`{"detail":{"state.status":"stopped"}}`:         false,
			`{"detail":{"state":{"status.x":"running"}}}`:   false,
			`{"detail":{"x":1,"state.status":["running"]}}`: true,
			`{"detail.state":{"status":"running"}}`:         true,
			`{"detail.state.status":"running"}`:             true,
		})
	}
	verdicts(t, `{"detail.a":["1"],"detail":{"b":["2"]}}`, map[string]bool{`{"detail":{"a":"1","b":"2"}}`: true, `{"detail":{"a":"1"}}`: false})
}
