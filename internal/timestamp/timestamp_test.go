package timestamp

import (
	"testing"
	"time"
)

func TestParseLayouts(t *testing.T) {
	tests := []struct {
		in               string
		f                Fraction
		layoutOK, format bool
		digits           int8
	}{
		{"2021-08-04T17:17:53.000Z", Millis, true, true, 3},
		{"2021-08-04T17:17:53Z", Millis, false, true, 0},
		{"2021-08-04T17:17:53.0001Z", Millis, false, true, 0},
		{"2021-08-04T17:43:48Z", None, true, true, 0},
		{"2021-08-04T17:43:48.000Z", None, false, true, 0},
		{"2023-11-01T18:34:54.275Z", Optional, true, true, 3},
		{"2023-11-01T18:34:54Z", Optional, true, true, 0},
		{"2023-11-01T18:34:54.123456789Z", Optional, true, true, 9},
		{"2023-11-01T18:34:54.1234567890Z", Optional, false, true, 0},
		{"2021-13-04T17:17:53.000Z", Millis, true, false, 0},
		{"2021-02-29T17:17:53.000Z", Millis, true, false, 0},
		{"2024-02-29T17:17:53.000Z", Millis, true, true, 3},
		{"2021-08-04T24:00:00.000Z", Millis, true, false, 0},
		{"2021-08-04T17:17:53.000+00:00", Millis, false, true, 0},
		{"2021-08-04t17:17:53.000z", Millis, false, true, 0},
		{"2021-08-04T23:59:60.000Z", Millis, true, true, 3},
		{"2021-08-04T22:59:60.000Z", Millis, true, false, 0},
		{"", Millis, false, false, 0},
		{"not a timestamp at all", Millis, false, false, 0},
	}
	for _, tt := range tests {
		p, lok, fok := Parse(tt.in, tt.f)
		if lok != tt.layoutOK || fok != tt.format {
			t.Errorf("Parse(%q): layout %v format %v, want %v %v", tt.in, lok, fok, tt.layoutOK, tt.format)
			continue
		}
		if lok && fok {
			if p.Digits != tt.digits {
				t.Errorf("Parse(%q): %d digits, want %d", tt.in, p.Digits, tt.digits)
			}
			write := Append
			if p.Leap {
				write = AppendLeap
			}
			if got := string(write(nil, p.Time(), p.Digits)); got != tt.in {
				t.Errorf("Append(Parse(%q)) = %q", tt.in, got)
			}
		}
	}
}

func TestParseTime(t *testing.T) {
	p, _, _ := Parse("2023-11-01T18:34:54.275Z", Optional)
	want := time.Date(2023, 11, 1, 18, 34, 54, 275e6, time.UTC)
	if !p.Time().Equal(want) {
		t.Fatalf("got %v, want %v", p.Time(), want)
	}
}

func TestValidDateTimeOffsets(t *testing.T) {
	for in, want := range map[string]bool{
		"2021-08-04T17:17:53+02:00":  true,
		"2021-08-04T17:17:53-24:00":  false,
		"2021-08-04T17:17:53.Z":      false,
		"2021-08-04T00:59:60+01:00":  true, // 23:59:60 UTC
		"2021-08-04T17:17:53":        false,
		"2021-08-04 17:17:53Z":       false,
		"2021-08-04T17:17:53.5+0100": false,
	} {
		if got := ValidDateTime(in); got != want {
			t.Errorf("ValidDateTime(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseAgreesWithTimeParse(t *testing.T) {
	for _, in := range []string{"0001-01-01T00:00:00Z", "1970-01-01T00:00:00.001Z", "1999-12-31T23:59:59.999999999Z", "2000-02-29T12:00:00Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59Z", "2023-11-01T18:34:54.275Z"} {
		p, lok, fok := Parse(in, Optional)
		want, err := time.Parse(time.RFC3339Nano, in)
		if !lok || !fok || err != nil || !p.Time().Equal(want) {
			t.Errorf("Parse(%q) = %v (%v %v), time.Parse = %v (%v)", in, p.Time(), lok, fok, want, err)
		}
	}
}

// TestDaysSinceEpoch checks the day count of every month's first and last
// day of every four-digit year against the time package.
func TestDaysSinceEpoch(t *testing.T) {
	for y := 0; y <= 9999; y++ {
		for m := 1; m <= 12; m++ {
			for _, d := range []int{1, daysIn(y, m)} {
				want := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400
				if got := daysSinceEpoch(y, m, d); got != want {
					t.Fatalf("daysSinceEpoch(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
}
