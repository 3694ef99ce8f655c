package contacts

import (
	"math/rand/v2"
	"testing"
)

// FuzzParseUUID: a key parsed from a UUID gives its text back, and
// anything else is not taken for a UUID (it is hashed, its text kept).
func FuzzParseUUID(f *testing.F) {
	for _, s := range []string{"abcabcab-abca-abca-abca-abcabcabcabc", "11111111-1111-1111-1111-111111111111",
		"ABCABCAB-abca-abca-abca-abcabcabcabc", "the event ID", "", "00000000-0000-0000-0000-000000000000",
		"abcabcab-abca-abca-abca-abcabcabcabcx", "abcabcab_abca-abca-abca-abcabcabcabc", "g0000000-0000-0000-0000-000000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, ok := parseUUID(s)
		if ok && formatUUID(k) != s {
			t.Fatalf("parseUUID(%q) = %x, which formats as %q", s, k, formatUUID(k))
		}
		if !ok && isUUID(s) {
			t.Fatalf("parseUUID(%q) refused a UUID", s)
		}
		id, hashed := idKey(s)
		if !hashed && (id[0] == 0 || !ok) {
			t.Fatalf("idKey(%q) = %x, not hashed", s, id)
		}
	})
}

// isUUID reports whether s is a UUID as parseUUID takes them, byte by
// byte.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		switch c := s[i]; {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		default:
			return false
		}
	}
	return true
}

// TestParseUUIDRoundTrip: every 128 bits formatted as a UUID parse back.
func TestParseUUIDRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		k := eventKey{r.Uint64(), r.Uint64()}
		if got, ok := parseUUID(formatUUID(k)); !ok || got != k {
			t.Fatalf("parseUUID(%q) = %x, %v; want %x", formatUUID(k), got, ok, k)
		}
	}
}
