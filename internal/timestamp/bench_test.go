package timestamp

import "testing"

// BenchmarkParse parses the timestamps of a contact event: contact
// timestamps (milliseconds), the envelope's time (no fraction) and a
// routing timestamp (optional fraction).
func BenchmarkParse(b *testing.B) {
	in := []struct {
		s string
		f Fraction
	}{
		{"2021-08-04T17:17:53.000Z", Millis},
		{"2021-08-04T17:43:48Z", None},
		{"2023-11-01T18:34:54.275Z", Optional},
		{"2021-08-04T17:29:09.000Z", Millis},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range in {
			if _, lok, fok := Parse(t.s, t.f); !lok || !fok {
				b.Fatal(t.s)
			}
		}
	}
}
