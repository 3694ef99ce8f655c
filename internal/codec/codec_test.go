package codec

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/internal/issue"
)

var compat = Profile{Index: 1, Bit: 2, UnknownProperties: issue.Warning, UnknownValues: issue.Warning}
var strict = Profile{Index: 0, Bit: 1, UnknownProperties: issue.Error, UnknownValues: issue.Error}

func newDecoder(doc string, p Profile) *Decoder {
	d := new(Decoder)
	d.Reset([]byte(doc), p, 0, false)
	return d
}

func keywords(d *Decoder) string {
	var s []string
	for _, i := range d.C.Issues() {
		s = append(s, i.Severity.String()+" "+i.KeywordLocation)
	}
	return strings.Join(s, "; ")
}

func TestLengthCountsCharactersNotBytes(t *testing.T) {
	for _, tt := range []struct {
		s        string
		min, max int
		want     string
	}{
		{"a", 1, 4, ""},
		{"", 1, 4, "error min"},
		{"ééé", 3, 3, ""}, // 6 bytes, 3 characters
		{"éééé", 1, 3, "error max"},
		{"😀", 1, 1, ""},
		{"abcde", 1, 4, "error max"},
		{"ab", -1, -1, ""},
	} {
		d := newDecoder(`{}`, compat)
		d.Length(tt.s, tt.min, tt.max, "min", "max")
		if got := keywords(d); got != tt.want {
			t.Errorf("Length(%q, %d, %d): %q, want %q", tt.s, tt.min, tt.max, got, tt.want)
		}
	}
}

func TestIntegerAcceptsIntegralNumbersOnly(t *testing.T) {
	for doc, want := range map[string]string{
		`60`:                   "",
		`60.0`:                 "",
		`6e1`:                  "",
		`1.5`:                  "error k/type",
		`"60"`:                 "error k/type",
		`1e30`:                 "error /x-int64",
		`-9223372036854775808`: "",
	} {
		d := newDecoder(doc, compat)
		d.Integer("k/type")
		if got := keywords(d); got != want {
			t.Errorf("Integer(%s): %q, want %q", doc, got, want)
		}
	}
}

func TestNumberAndRange(t *testing.T) {
	d := newDecoder(`6.5`, compat)
	f, ok := d.Number("k/type")
	if !ok || f != 6.5 {
		t.Fatalf("Number = %v %v", f, ok)
	}
	d.Range(f, 1, 5, "k/minimum", "k/maximum")
	d.Range(f, math.NaN(), math.NaN(), "x", "y")
	if got := keywords(d); got != "error k/maximum" {
		t.Errorf("got %q", got)
	}
}

func TestEnumSeverityFollowsTheProfile(t *testing.T) {
	for _, tt := range []struct {
		p    Profile
		s    string
		mask uint8
		want string
	}{
		{compat, "NEW", 0, "warning e/enum"},
		{strict, "NEW", 0, "error e/enum"},
		{strict, "Voice", 2, "error e/enum"},
		{compat, "Voice", 2, ""},
		{compat, "", 0, "error e/minLength"},
		{strict, "", 0, "error e/enum"},
	} {
		d := newDecoder(`{}`, tt.p)
		d.Enum(tt.s, tt.mask, "Channel", "e/enum", "e/minLength", "VOICE")
		if got := keywords(d); got != tt.want {
			t.Errorf("Enum(%q, mask %d) under bit %d: %q, want %q", tt.s, tt.mask, tt.p.Bit, got, tt.want)
		}
	}
}

func TestUnknownKeepsTheValueAndHints(t *testing.T) {
	d := newDecoder(`{"instanceARN": [1, {"a": 2}], "instanceARN": 1}`, compat)
	d.Object("/type")
	var kept []UnknownMember
	for {
		key, ok := d.S.NextKey()
		if !ok {
			break
		}
		kept = Unknown(d, key, []string{"instanceArn"}, "/additionalProperties", "/x-unique-keys", kept)
	}
	if len(kept) != 1 || string(kept[0].Value) != `[1, {"a": 2}]` {
		t.Fatalf("kept %+v", kept)
	}
	is := d.C.Issues()
	if len(is) != 2 || !strings.Contains(is[0].Message, `did you mean "instanceArn"?`) || is[1].KeywordLocation != "/x-unique-keys" {
		t.Errorf("issues %+v", is)
	}
}

func TestMemberComparesSpellings(t *testing.T) {
	d := newDecoder(`{"contactId":"a","ContactId":"a","ContactId":"b"}`, compat)
	d.Object("/type")
	var sp Span
	for {
		key, ok := d.S.NextKey()
		if !ok {
			break
		}
		if d.First(&sp) {
			d.S.ReadString()
			d.EndMember(&sp)
		} else {
			d.Repeated(&sp, key, "/x-unique-keys")
		}
	}
	if got := keywords(d); got != "warning /x-unique-keys; error /x-unique-keys" {
		t.Errorf("got %q", got)
	}
}

// TestKey checks that Key returns the first spelling as written, escapes
// included, without allocating.
func TestKey(t *testing.T) {
	d := newDecoder(`{"Contact\u0049d":"a","contactId":"a"}`, compat)
	d.Object("/type")
	var sp Span
	d.S.NextKey()
	if !d.First(&sp) {
		t.Fatal("First: the member's first sighting was not first")
	}
	d.S.ReadString()
	d.EndMember(&sp)
	if got := d.Key(&sp); got != `Contact\u0049d` {
		t.Errorf("Key = %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { d.Key(&sp) }); n != 0 {
		t.Errorf("Key allocates %v times", n)
	}
}

func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	for f, want := range map[float64]string{2: "2", 2.5: "2.5", 1e21: "1e+21", 1e-7: "1e-7", 0: "0", -3.25: "-3.25"} {
		if got := string(AppendFloat(nil, f)); got != want {
			t.Errorf("AppendFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestCloseObject(t *testing.T) {
	b := []byte("x")
	if got := string(CloseObject(b, 1)); got != "x{}" {
		t.Errorf("empty object: %s", got)
	}
	b = append([]byte("x"), `,"a":1,"b":2`...)
	if got := string(CloseObject(b, 1)); got != `x{"a":1,"b":2}` {
		t.Errorf("object: %s", got)
	}
}

func TestRangeIsExactOnTheBound(t *testing.T) {
	for doc, want := range map[string]string{
		`1`:                      "",
		`0.99999999999999999999`: "error k/minimum",
		`5.00000000000000000001`: "error k/maximum",
		`5.0`:                    "",
	} {
		d := newDecoder(doc, compat)
		f, _ := d.Number("k/type")
		d.Range(f, 1, 5, "k/minimum", "k/maximum")
		if got := keywords(d); got != want {
			t.Errorf("Range(%s): %q, want %q", doc, got, want)
		}
	}
}

func TestArenaSlotsFallBackToTheHeap(t *testing.T) {
	var slab [2]int
	var used uint8
	a, b, c := SlotOf(slab[:], &used, nil, 1), SlotOf(slab[:], &used, nil, 2), SlotOf(slab[:], &used, nil, 3)
	if a != &slab[0] || b != &slab[1] || c == &slab[0] || c == &slab[1] || *c != 3 || used != 2 {
		t.Errorf("slots %p %p %p of %p, used %d", a, b, c, &slab, used)
	}
	var items [6]string
	var n uint8
	s1, s2 := SliceOf(items[:], &n, nil, 4), SliceOf(items[:], &n, nil, 4)
	if cap(s1) != 4 || &s1[:1][0] != &items[0] || cap(s2) != 4 || n != 4 {
		t.Errorf("slices cap %d, %d, used %d", cap(s1), cap(s2), n)
	}
	grown := append(s1, "a", "b", "c", "d", "e") // grows out of the slab without touching the rest
	if items[4] != "" || &grown[0] == &items[0] {
		t.Errorf("append past the capacity wrote into the slab: %q", items)
	}
}

func TestUnknownMessageNamesWhatTheKeyIs(t *testing.T) {
	known := []string{"contactId", "ContactId", "tags"}
	for key, want := range map[string]string{
		"ContactId":   `"ContactId" is a documented spelling of "contactId" that this profile does not accept`,
		"tags":        `property "tags" is not part of this profile's model`,
		"CONTACTID":   `unknown property "CONTACTID"; did you mean "contactId"?`,
		"instanceArn": `unknown property "instanceArn"`,
	} {
		k, ok := respelled(key, known)
		if got := string(appendUnknownMessage(nil, key, known, k, ok)); got != want {
			t.Errorf("appendUnknownMessage(%q) = %s, want %s", key, got, want)
		}
	}
}

func TestAppendQuoteIsStrconvs(t *testing.T) {
	for _, s := range []string{"", "contactId", "a b~", `say "hi"`, `back\slash`, "tab\there", "\x7f", "é", "\u212a", "\xff", "line\n"} {
		if got, want := string(appendQuote([]byte("x"), s)), "x"+strconv.Quote(s); got != want {
			t.Errorf("appendQuote(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestShortDecimal checks shortDecimal against strconv on the literals it
// takes (bit for bit: -0 too) and that it leaves the others to strconv.
func TestShortDecimal(t *testing.T) {
	taken := []string{"0", "-0", "0.0", "-0.0", "7", "-7", "2.5", "0.1", "0.3", "-0.30", "1.00000000000001", "123456789012345",
		"0.12345678901234", "99999999999999.9", "4.35", "1.5", "3.14159265358979"}
	for i := 0; i < 2000; i++ { // pseudo-random literals of 1 to 15 digits with a point anywhere
		m := uint64(i)*0x9e3779b97f4a7c15 + 12345
		digits := strconv.FormatUint(m%1000000000000000, 10)
		p := int(m>>50) % (len(digits) + 1)
		lit := digits
		if p > 0 && p < len(digits) {
			lit = digits[:p] + "." + digits[p:]
		}
		if digits[0] != '0' || len(digits) == 1 {
			taken = append(taken, lit, "-"+lit)
		}
	}
	for _, lit := range taken {
		want, err := strconv.ParseFloat(lit, 64)
		if got, ok := shortDecimal(lit); !ok || err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("shortDecimal(%q) = %v, %v; strconv %v, %v", lit, got, ok, want, err)
		}
	}
	for _, lit := range []string{"", "-", "1e3", "1.5E-3", "1234567890123456", "0.123456789012345", "1.000000000000001", "-1234567890123456.7"} {
		if got, ok := shortDecimal(lit); ok {
			t.Errorf("shortDecimal(%q) = %v, want not taken", lit, got)
		}
	}
}

// TestSmallInt checks smallInt against strconv on the literals it takes
// and that it leaves the others to strconv.
func TestSmallInt(t *testing.T) {
	for _, lit := range []string{"0", "-0", "7", "-7", "123456789012345678", "-123456789012345678", "999999999999999999"} {
		want, err := strconv.ParseInt(lit, 10, 64)
		if got, ok := smallInt(lit); !ok || err != nil || got != want {
			t.Errorf("smallInt(%q) = %d, %v; strconv %d, %v", lit, got, ok, want, err)
		}
	}
	for _, lit := range []string{"", "-", "1.0", "1e3", "-1E3", "1234567890123456789", "-9223372036854775808", "12a"} {
		if got, ok := smallInt(lit); ok {
			t.Errorf("smallInt(%q) = %d, want not taken", lit, got)
		}
	}
}

// An object of many unknown members is checked through a set of their keys
// (see unknownGivenTwice): a key given twice is still found wherever it
// repeats, and only there, also when a nested object's own many unknown
// members came in between.
func TestUnknownFindsRepeatsAmongMany(t *testing.T) {
	var doc strings.Builder
	doc.WriteString(`{`)
	for i := range 3 * keysScanned {
		if i == keysScanned+3 {
			doc.WriteString(`"k2":0,`) // the first repeat, once the set has taken over
		}
		if i == 2*keysScanned {
			doc.WriteString(`"k20":0,`) // a key the set was given after it took over
		}
		doc.WriteString(`"k` + strconv.Itoa(i) + `":` + strconv.Itoa(i) + `,`)
	}
	doc.WriteString(`"nested":{`)
	for i := range 2 * keysScanned {
		doc.WriteString(`"k` + strconv.Itoa(i) + `":0,`) // the outer keys, not repeats here
	}
	doc.WriteString(`"n":0},"k40":1,"k0":1,"k47":2}`) // repeats in the outer object

	d := newDecoder(doc.String(), strict)
	d.Object("/type")
	var outer []UnknownMember
	for {
		key, ok := d.S.NextKey()
		if !ok {
			break
		}
		if key != "nested" {
			outer = Unknown(d, key, []string{"known"}, "/additionalProperties", "/x-unique-keys", outer)
			continue
		}
		d.Object("/type")
		var inner []UnknownMember
		for {
			key, ok := d.S.NextKey()
			if !ok {
				break
			}
			inner = Unknown(d, key, []string{"known"}, "/additionalProperties", "/x-unique-keys", inner)
		}
		if len(inner) != 2*keysScanned+1 {
			t.Fatalf("nested object: kept %d members, want %d", len(inner), 2*keysScanned+1)
		}
	}
	if len(outer) != 3*keysScanned {
		t.Fatalf("kept %d members, want %d", len(outer), 3*keysScanned)
	}
	var twice []string
	for _, is := range d.C.Issues() {
		if is.KeywordLocation == "/x-unique-keys" {
			twice = append(twice, is.Message)
		}
	}
	want := []string{`key "k2" is given twice`, `key "k20" is given twice`, `key "k40" is given twice`, `key "k0" is given twice`, `key "k47" is given twice`}
	if strings.Join(twice, "; ") != strings.Join(want, "; ") {
		t.Errorf("repeats reported:\n%q\nwant\n%q", twice, want)
	}
}
