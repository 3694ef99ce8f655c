package contacts

import "testing"

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
		if !ok && len(s) == 36 && formatUUID(k) == s {
			t.Fatalf("parseUUID(%q) refused a UUID", s)
		}
		id, hashed := idKey(s)
		if !hashed && (id[0] == 0 || !ok) {
			t.Fatalf("idKey(%q) = %x, not hashed", s, id)
		}
	})
}
