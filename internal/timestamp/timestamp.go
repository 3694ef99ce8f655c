// Package timestamp parses and formats the UTC timestamps of contact events
// by fixed digit positions, without time.Parse, and checks RFC 3339
// date-time validity exactly as JSON Schema's "format": "date-time" does, so
// the generated validator and a JSON Schema validator agree on every string.
//
// A timestamp is checked twice, as the schema does: against its layout (the
// schema's "pattern": digits in fixed places, a given fraction) and against
// RFC 3339 (the schema's "format": real dates, hours below 24, ...).
package timestamp

import (
	"encoding/binary"
	"time"
	"unsafe"
)

// Fraction is the fractional-seconds part a layout requires.
type Fraction uint8

const (
	// None: yyyy-MM-dd'T'HH:mm:ss'Z' (the EventBridge envelope time).
	None Fraction = iota
	// Millis: yyyy-MM-dd'T'HH:mm:ss.SSS'Z' (contact timestamps).
	Millis
	// Optional: no fraction or 1 to 9 digits (routing timestamps).
	Optional
)

// Parsed is a timestamp read from its text: seconds and nanoseconds since
// the Unix epoch, as the decoded event holds them (a time.Time built here
// would be taken apart again at once).
type Parsed struct {
	Unix   int64
	Nsec   int32
	Digits int8 // fraction digits as written, so it can be written back the same way
	// Leap is set for a leap second (23:59:60, which RFC 3339 allows and Go's
	// time cannot hold): Unix is then the next second, 00:00:00 of the next
	// day, and AppendLeap writes it back as 23:59:60.
	Leap bool
}

// Time returns the parsed time, in UTC.
func (p Parsed) Time() time.Time { return time.Unix(p.Unix, int64(p.Nsec)).UTC() }

// Parse reads s in the layout of f. layoutOK reports whether s matches the
// layout's pattern; formatOK whether s is an RFC 3339 date-time at all (the
// two are independent, as "pattern" and "format" are in the schema). Unix
// and Nsec are set when both hold.
func Parse(s string, f Fraction) (p Parsed, layoutOK, formatOK bool) {
	p0, p1, minute, sec, millis, layoutOK := fieldsOf(s, f)
	if !layoutOK {
		return Parsed{}, false, ValidDateTime(s)
	}
	// The layout fixed every digit's place: check the ranges RFC 3339 sets
	// and compute the time in the same pass, without time.Date.
	if !valid(p0, p1, minute, sec) {
		return Parsed{}, true, false
	}
	nsec, digits := millis*1e6, 3
	if f != Millis {
		nsec, digits = 0, 0
		for i := 20; i < len(s)-1; i++ {
			nsec = nsec*10 + int(s[i]-'0')
			digits++
		}
		nsec *= scale[digits]
	}
	// A leap second (23:59:60, which RFC 3339 allows) becomes the next
	// day's 00:00:00; Go's time has no leap seconds.
	p.Unix = daysSinceEpoch(year(p0), two(p0, 5), two(p1, 0))*86400 + int64(two(p1, 3)*3600+minute*60+sec)
	p.Nsec = int32(nsec)
	p.Digits = int8(digits)
	p.Leap = sec == 60
	return p, true, true
}

// Check is Parse's verdicts without the time: for a decode that keeps
// nothing, which needs the issues but not the value.
func Check(s string, f Fraction) (layoutOK, formatOK bool) {
	p0, p1, minute, sec, _, layoutOK := fieldsOf(s, f)
	if !layoutOK {
		return false, ValidDateTime(s)
	}
	return true, valid(p0, p1, minute, sec)
}

// fieldsOf checks s against the layout of f and reads its fields: the
// date and hour as two-digit numbers (see pairs) in p0 (bytes 0-7:
// "yyyy-MM-") and p1 (bytes 8-15: "ddTHH:mm"), the minute, the second
// and, for the Millis layout, the milliseconds.
func fieldsOf(s string, f Fraction) (p0, p1 uint64, minute, sec, millis int, ok bool) {
	if f == Millis {
		// 24 bytes: three words that do not overlap.
		if len(s) != 24 {
			return 0, 0, 0, 0, 0, false
		}
		w0, w1, w2 := word(s, 0), word(s, 8), word(s, 16)
		if w0&sepDate != '-'<<32|'-'<<56 || w1&sepTime != 'T'<<16|':'<<40 || w2&sepMillis != ':'|'.'<<24|'Z'<<56 {
			return 0, 0, 0, 0, 0, false
		}
		v0, ok0 := digitValues(w0, sepDate)
		v1, ok1 := digitValues(w1, sepTime)
		v2, ok2 := digitValues(w2, sepMillis)
		p0, p1, p2 := pairs(v0), pairs(v1), pairs(v2)
		return p0, p1, two(p1, 6), two(p2, 1), two(p2, 4)*10 + int(byte(v2>>48)), ok0 && ok1 && ok2
	}
	v0, v1, v2, ok := fixedFields(s)
	if !ok || !matchesFraction(s, f) {
		return 0, 0, 0, 0, 0, false
	}
	p0, p1, p2 := pairs(v0), pairs(v1), pairs(v2)
	return p0, p1, two(p2, 3), two(p2, 6), 0, true
}

// valid reports whether the fields that fieldsOf read are in the ranges
// RFC 3339 sets: a real day of a real month, hours below 24, a leap second
// only at 23:59:60 (in UTC).
func valid(p0, p1 uint64, minute, sec int) bool {
	month, day, hour := two(p0, 5), two(p1, 0), two(p1, 3)
	return month >= 1 && month <= 12 && day >= 1 && day <= int(monthDays[month]) && (day < 29 || month != 2 || leapYear(year(p0))) &&
		hour <= 23 && minute <= 59 && (sec < 60 || sec == 60 && hour == 23 && minute == 59)
}

// year is the year of the date fields p0 (see fieldsOf).
func year(p0 uint64) int { return two(p0, 0)*100 + two(p0, 2) }

// monthDays is the most days of each month (index 1 to 12), 29 for
// February in a leap year.
var monthDays = [16]uint8{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func leapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// The fixed part of every layout, yyyy-MM-ddTHH:mm:ss, is read as three
// little-endian words (bytes 0-7, 8-15 and 11-18, the last two
// overlapping) and checked a word at a time: the separators by mask, the
// digits by arithmetic on all eight bytes at once. These masks select the
// separators: bytes 4 and 7 of "yyyy-MM-", bytes 2 and 5 of "ddTHH:mm" and
// of "HH:mm:ss". The Millis layout, 24 bytes, is three words that do not
// overlap (sepMillis: bytes 0, 3 and 7 of ":ss.SSSZ").
const (
	sepDate   = 0xff<<32 | 0xff<<56
	sepTime   = 0xff<<16 | 0xff<<40
	sepMillis = 0xff | 0xff<<24 | 0xff<<56

	zeros = 0x3030303030303030 // '0' in every byte
	lsb   = 0x0101010101010101
	msb   = 0x8080808080808080
)

// fixedFields checks the fixed part of s and returns its three words as
// digit values (separators zero).
func fixedFields(s string) (v0, v1, v2 uint64, ok bool) {
	if len(s) < 20 {
		return 0, 0, 0, false
	}
	w0, w1, w2 := word(s, 0), word(s, 8), word(s, 11)
	if w0&sepDate != '-'<<32|'-'<<56 || w1&sepTime != 'T'<<16|':'<<40 || w2&sepTime != ':'<<16|':'<<40 {
		return 0, 0, 0, false
	}
	v0, ok0 := digitValues(w0, sepDate)
	v1, ok1 := digitValues(w1, sepTime)
	v2, ok2 := digitValues(w2, sepTime)
	return v0, v1, v2, ok0 && ok1 && ok2
}

// word returns the eight bytes of s from i as a little-endian word, in one
// load: s's bytes are only read. (Byte loads ORed together are merged by
// the compiler only while the words do not overlap: words 8 and 11 do.)
func word(s string, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), len(s))[i:])
}

// digitValues returns each byte of w minus '0', with the bytes of sep set
// to zero, and whether every other byte is a digit. A byte below '0'
// borrows and sets its high bit in x-zeros; a byte above '9' sets it in
// x+0x46 (or, from 0xba up, in x-zeros). Carries and borrows only cross
// into the next byte from a byte that is already marked, so the answer is
// exact.
func digitValues(w, sep uint64) (uint64, bool) {
	x := w&^sep | zeros&sep
	v := x - zeros
	return v, (v|(x+0x46*lsb))&msb == 0
}

// pairs turns digit values v into two-digit numbers: byte i of the result
// is 10 times byte i of v plus byte i+1 (at most 99: no byte carries into
// the next), all eight at once.
func pairs(v uint64) uint64 { return v*10 + v>>8 }

// two returns the two-digit number at bytes i and i+1 of the digit values
// that pairs combined.
func two(p uint64, i int) int { return int(byte(p >> (8 * i))) }

// scale[n] turns a fraction of n digits into nanoseconds.
var scale = [10]int{1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1}

// daysSinceEpoch returns the days from 1970-01-01 to the given civil date
// (Howard Hinnant's days_from_civil) of a four-digit year (0 to 9999). The
// year is counted from 400 years earlier (146 097 days), so that it is
// never negative and the divisions are unsigned: no sign correction.
func daysSinceEpoch(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	yy := uint(y + 400)
	era := yy / 400
	yoe := yy - era*400
	mp := uint(m+9) % 12
	doy := (153*mp+2)/5 + uint(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468 - 146097
}

// matchesFraction checks what follows the fixed part of s (at least 20
// bytes long): the fraction f requires and the final 'Z'.
func matchesFraction(s string, f Fraction) bool {
	if s[len(s)-1] != 'Z' {
		return false
	}
	frac := s[19 : len(s)-1]
	switch f {
	case None:
		return frac == ""
	case Millis:
		return len(frac) == 4 && frac[0] == '.' && allDigits(frac[1:])
	default:
		return frac == "" || (len(frac) >= 2 && len(frac) <= 10 && frac[0] == '.' && allDigits(frac[1:]))
	}
}

// Zone returns the zone of an RFC 3339 date-time that is not written in UTC
// with 'Z' ("+02:00", "-05:00", "z"), or "" (for one in UTC, or for text
// that is not a date-time): what to blame when such a timestamp misses a
// layout that ends in 'Z', rather than its fraction.
func Zone(s string) string {
	if !ValidDateTime(s) || s[len(s)-1] == 'Z' {
		return ""
	}
	i := 19
	if s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		}
	}
	return s[i:]
}

// ValidDateTime reports whether s is an RFC 3339 date-time, with the same
// answers as JSON Schema format validators (santhosh-tekuri/jsonschema):
// 'T' or 't', 'Z', 'z' or a numeric offset, any number of fraction digits,
// a leap second only at 23:59:60 UTC.
func ValidDateTime(s string) bool {
	if len(s) < 20 || (s[10] != 'T' && s[10] != 't') {
		return false
	}
	return validDate(s[:10]) && validTime(s[11:])
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[0:4]) || !allDigits(s[5:7]) || !allDigits(s[8:10]) {
		return false
	}
	y, m, d := num(s[0:4]), num(s[5:7]), num(s[8:10])
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if leapYear(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func validTime(s string) bool {
	if len(s) < 9 || s[2] != ':' || s[5] != ':' || !allDigits(s[0:2]) || !allDigits(s[3:5]) || !allDigits(s[6:8]) {
		return false
	}
	h, m, sec := num(s[0:2]), num(s[3:5]), num(s[6:8])
	if h > 23 || m > 59 || sec > 60 {
		return false
	}
	s = s[8:]
	if s[0] == '.' {
		n := 1
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		if n == 1 {
			return false
		}
		s = s[n:]
	}
	if s == "" {
		return false
	}
	if s[0] == 'z' || s[0] == 'Z' {
		if len(s) != 1 {
			return false
		}
	} else {
		if len(s) != 6 || s[3] != ':' || (s[0] != '+' && s[0] != '-') || !allDigits(s[1:3]) || !allDigits(s[4:6]) {
			return false
		}
		zh, zm := num(s[1:3]), num(s[4:6])
		if zh > 23 || zm > 59 {
			return false
		}
		sign := 1
		if s[0] == '+' {
			sign = -1
		}
		hm := (h*60 + m) + sign*(zh*60+zm)
		if hm < 0 {
			hm += 24 * 60
		}
		h, m = hm/60%24, hm%60
	}
	return sec != 60 || (h == 23 && m == 59)
}

// Append writes t in UTC as yyyy-MM-dd'T'HH:mm:ss[.fraction]'Z' with the
// given number of fraction digits (0 to 9).
func Append(b []byte, t time.Time, digits int8) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b = appendInt(b, y, 4)
	b = append(b, '-')
	b = appendInt(b, int(mo), 2)
	b = append(b, '-')
	b = appendInt(b, d, 2)
	b = append(b, 'T')
	b = appendInt(b, h, 2)
	b = append(b, ':')
	b = appendInt(b, mi, 2)
	b = append(b, ':')
	b = appendInt(b, s, 2)
	if digits > 0 {
		b = append(b, '.')
		ns := t.Nanosecond()
		var frac [9]byte
		for i := 8; i >= 0; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		b = append(b, frac[:min(int(digits), 9)]...)
	}
	return append(b, 'Z')
}

// AppendLeap writes the leap second before t (t is the second after it, as
// Parse returns it): the previous second with 60 for 59.
func AppendLeap(b []byte, t time.Time, digits int8) []byte {
	start := len(b)
	b = Append(b, t.Add(-time.Second), digits)
	b[start+17], b[start+18] = '6', '0'
	return b
}

func appendInt(b []byte, v, width int) []byte {
	var buf [8]byte
	i := len(buf)
	for v > 0 || width > 0 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		width--
		if i == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
