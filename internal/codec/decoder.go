// Package codec is the runtime that generated decoders and encoders call:
// reading one value of an expected JSON type and recording a type issue
// when the input holds another, length and range checks, enum and
// timestamp checks, duplicate and unknown member handling, and the
// canonical encoding of scalars.
//
// It knows nothing about contact events: every name, keyword location and
// rule comes from the generated code, which comes from the schema.
package codec

import (
	"bytes"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/connectevents/sdk-go/internal/issue"
	"github.com/connectevents/sdk-go/internal/scan"
	"github.com/connectevents/sdk-go/internal/timestamp"
)

// Profile is what a generated decoder needs to know of a validation profile.
type Profile struct {
	Index int   // the profile's position in the schema's x-profiles
	Bit   uint8 // 1 << Index: the profile's bit in the acceptance masks of generated tables
	// UnknownProperties and UnknownValues are the severities of a property
	// or a non-empty enum value the profile does not accept.
	UnknownProperties issue.Severity
	UnknownValues     issue.Severity
	// AnyFraction: the profile accepts, in every timestamp field, any RFC
	// 3339 UTC timestamp with 0 to 9 fraction digits, with a warning when
	// it is not the field's documented layout (the profile schema's pattern
	// is then the lenient one).
	AnyFraction bool
}

// Decoder is the state of one decode: the scanner, the issues found so far
// and the profile in use. It is reused across documents (Reset).
type Decoder struct {
	S       scan.Scanner
	C       issue.Collector
	Profile Profile
	data    []byte
	number  string // the literal of the number read last, for exact checks
	// keys and keySets are the keys of the maps being decoded (see MapKey).
	keys    []string
	keySets []keySet
	// respelled are the properties given in a spelling that the profile
	// rejects as an error and that names them ("ContactId" under strict,
	// a case-only misspelling): Required does not report them missing
	// too, so that one mistake is one issue.
	respelled []respelling
	// Recycle, when set (after Reset), hands out again the maps and
	// slices of the previous document's decode (see Recycler).
	Recycle *Recycler
	// unknownText is the block the current document's unknown members'
	// values are copied into (see keepRaw); never reused, as the document's
	// result keeps them.
	unknownText []byte
	// unknown is the set of the keys of the unknown members of an object
	// that has many (see unknownGivenTwice).
	unknown unknownKeys
}

// respelling is a property given in a spelling the profile rejects, in the
// object at the location object.
type respelling struct {
	object issue.Place
	name   string
}

// Int64Keyword is the keyword location of the schema's x-int64 annotation:
// integers must fit in 64 bits and numbers in a float64, which JSON Schema
// does not require.
const Int64Keyword = "/x-int64"

// Reset prepares d to decode data under p. With view, the decoded strings
// alias data (see scan.Scanner.ResetView): for validation that keeps no
// result.
func (d *Decoder) Reset(data []byte, p Profile, maxDepth int, view bool) {
	if view {
		d.S.ResetView(data, maxDepth)
	} else {
		d.S.Reset(data, maxDepth)
	}
	d.C.Reset()
	clear(d.keys[:cap(d.keys)])
	clear(d.keySets[:cap(d.keySets)])
	d.keys, d.keySets = d.keys[:0], d.keySets[:0]
	d.respelled = d.respelled[:0]
	d.Profile = p
	d.data = data
	d.Recycle = nil
	d.unknownText = nil
	d.unknown = unknownKeys{} // its keys alias the last document
}

// Accepts reports whether the profile in use accepts something documented
// with the given acceptance mask.
func (d *Decoder) Accepts(mask uint8) bool { return mask&d.Profile.Bit != 0 }

// typeIssue records that the next value is not of the expected kind and
// skips it.
func (d *Decoder) typeIssue(want, keyword string) {
	got := d.S.Peek()
	if got == scan.Invalid {
		d.S.Skip() // records the syntax error
		return
	}
	d.C.Add(issue.Error, keyword, "expected "+want+", found "+got.String())
	d.S.Skip()
}

// NotString records a type issue at keyword for the next value, which
// the scanner's ReadStringIf found not to be a string. (Generated decoders
// read strings with ReadStringIf itself, so that its fast path is called
// directly: a method of the decoder wrapping both calls is not inlined.)
func (d *Decoder) NotString(keyword string) { d.typeIssue("string", keyword) }

// Object enters an object value, or records a type issue at keyword.
func (d *Decoder) Object(keyword string) bool {
	ok, isObject := d.S.BeginObjectIf()
	if !isObject {
		d.typeIssue("object", keyword)
	}
	return ok
}

// Array enters an array value, or records a type issue at keyword.
func (d *Decoder) Array(keyword string) bool {
	ok, isArray := d.S.BeginArrayIf()
	if !isArray {
		d.typeIssue("array", keyword)
	}
	return ok
}

// Bool reads a boolean, or records a type issue at keyword.
func (d *Decoder) Bool(keyword string) (bool, bool) {
	if k := d.S.Peek(); k != scan.True && k != scan.False {
		d.typeIssue("boolean", keyword)
		return false, false
	}
	return d.S.ReadBool()
}

// Number reads a number, or records a type issue at keyword.
func (d *Decoder) Number(keyword string) (float64, bool) {
	if d.S.Peek() != scan.Number {
		d.typeIssue("number", keyword)
		return 0, false
	}
	lit, ok := d.S.ReadNumber()
	if !ok {
		return 0, false
	}
	if f, ok := shortDecimal(lit); ok {
		d.number = lit
		return f, true
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil || math.IsInf(f, 0) {
		d.C.Add(issue.Error, Int64Keyword, "number "+lit+" is out of the range of a 64-bit float")
		return 0, false
	}
	d.number = lit
	return f, true
}

// Integer reads an integer: a number without a fractional part, written
// with or without a fraction or exponent (JSON Schema's "integer"). The
// test is exact, on the literal, not on its nearest float64.
func (d *Decoder) Integer(keyword string) (int64, bool) {
	if d.S.Peek() != scan.Number {
		d.typeIssue("integer", keyword)
		return 0, false
	}
	lit, ok := d.S.ReadNumber()
	if !ok {
		return 0, false
	}
	d.number = lit
	if n, ok := smallInt(lit); ok {
		return n, true
	}
	if n, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return n, true
	}
	r, ok := new(big.Rat).SetString(lit)
	switch {
	case !ok || !r.IsInt():
		d.C.Add(issue.Error, keyword, "expected integer, found number "+lit)
	case !r.Num().IsInt64():
		d.C.Add(issue.Error, Int64Keyword, "integer "+lit+" is out of the range of a 64-bit integer")
	default:
		return r.Num().Int64(), true
	}
	return 0, false
}

// Length checks a string's length in characters, as JSON Schema counts it.
// A negative bound is absent.
func (d *Decoder) Length(s string, min, max int, minKeyword, maxKeyword string) {
	// A string has at most len(s) and at least len(s)/4 characters: most
	// strings are decided without counting.
	if (max < 0 || len(s) <= max) && (min <= 0 || (len(s)+utf8.UTFMax-1)/utf8.UTFMax >= min) {
		return
	}
	n := utf8.RuneCountInString(s)
	if min >= 0 && n < min {
		d.C.Add(issue.Error, minKeyword, "length "+strconv.Itoa(n)+" is shorter than the minimum of "+strconv.Itoa(min))
	}
	if max >= 0 && n > max {
		d.C.Add(issue.Error, maxKeyword, "length "+strconv.Itoa(n)+" is longer than the maximum of "+strconv.Itoa(max))
	}
}

// Items checks an array's length.
func (d *Decoder) Items(n, min, max int, minKeyword, maxKeyword string) {
	if min >= 0 && n < min {
		d.C.Add(issue.Error, minKeyword, strconv.Itoa(n)+" items, fewer than the minimum of "+strconv.Itoa(min))
	}
	if max >= 0 && n > max {
		d.C.Add(issue.Error, maxKeyword, strconv.Itoa(n)+" items, more than the maximum of "+strconv.Itoa(max))
	}
}

// Properties checks an object's member count.
func (d *Decoder) Properties(n, min, max int, minKeyword, maxKeyword, why string) {
	if min >= 0 && n < min {
		d.C.Add(issue.Error, minKeyword, strconv.Itoa(n)+" properties, fewer than the minimum of "+strconv.Itoa(min)+why)
	}
	if max >= 0 && n > max {
		d.C.Add(issue.Error, maxKeyword, strconv.Itoa(n)+" properties, more than the maximum of "+strconv.Itoa(max)+why)
	}
}

// Range checks the number just read (f, from literal d.number) against
// inclusive bounds; a NaN bound is absent. Where f lands on a bound, the
// literal is compared exactly: 0.99999999999999999999 reads as 1.0 but is
// less than a minimum of 1.
func (d *Decoder) Range(f, min, max float64, minKeyword, maxKeyword string) {
	if !math.IsNaN(min) && (f < min || f == min && d.exactCmp(min) < 0) {
		d.C.Add(issue.Error, minKeyword, d.number+" is less than the minimum of "+formatNumber(min))
	}
	if !math.IsNaN(max) && (f > max || f == max && d.exactCmp(max) > 0) {
		d.C.Add(issue.Error, maxKeyword, d.number+" is greater than the maximum of "+formatNumber(max))
	}
}

// exactCmp compares the literal of the number just read with bound, which
// it equals as a float64. A literal of at most 15 significant digits is the
// only such decimal that rounds to bound (doubles keep 15 digits), so only
// longer literals need exact arithmetic.
func (d *Decoder) exactCmp(bound float64) int {
	if significantDigits(d.number) <= 15 {
		return 0
	}
	r, ok := new(big.Rat).SetString(d.number)
	if !ok {
		return 0
	}
	b := new(big.Rat)
	b.SetFloat64(bound)
	return r.Cmp(b)
}

func formatNumber(f float64) string { return string(AppendFloat(nil, f)) }

// Enum checks a decoded enum value. mask is the value's acceptance mask (0
// for an undocumented value); accepted lists the values the profile in use
// accepts, for the message.
func (d *Decoder) Enum(s string, mask uint8, typeName, keyword, minLengthKeyword, accepted string) {
	if mask&d.Profile.Bit != 0 && s != "" { // accepted: nearly every value
		return
	}
	d.enumIssue(s, mask, typeName, keyword, minLengthKeyword, accepted)
}

// enumIssue records what is wrong with an enum value that the profile in
// use does not accept, out of line so that Enum is inlined.
func (d *Decoder) enumIssue(s string, mask uint8, typeName, keyword, minLengthKeyword, accepted string) {
	switch {
	case s == "" && d.Profile.UnknownValues == issue.Error:
		d.C.Add(issue.Error, keyword, "empty "+typeName+"; expected one of "+accepted)
	case s == "":
		// Even where unknown values are allowed, a documented value is never empty.
		d.C.Add(issue.Error, minLengthKeyword, "empty "+typeName+"; expected one of "+accepted)
	case mask == 0:
		if d.C.Skips(d.Profile.UnknownValues) {
			return
		}
		d.C.AddText(d.Profile.UnknownValues, keyword, enumMessage(d.C.Text(), s, " is not a documented ", typeName, "; expected one of ", accepted))
	case mask&d.Profile.Bit == 0:
		d.C.AddText(issue.Error, keyword, enumMessage(d.C.Text(), s, " is a documented ", typeName, " that this profile does not accept; expected one of ", accepted))
	}
}

// enumMessage appends to b the quoted value s, then the parts.
func enumMessage(b []byte, s string, parts ...string) []byte {
	b = appendQuote(b, s)
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// appendQuote is strconv.AppendQuote, quicker for what keys and enum values
// mostly are, printable ASCII with nothing to escape: quoted as they are,
// as strconv would.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// Timestamp reads a timestamp in the layout of f, recording the schema's
// pattern and format issues independently, as a JSON Schema validator does.
//
// Under a profile with AnyFraction, a timestamp that misses the layout of f
// but has 0 to 9 fraction digits is accepted with a warning at
// patternKeyword: the value is kept, with its digits, as written.
func (d *Decoder) Timestamp(s string, f timestamp.Fraction, patternKeyword, formatKeyword, layout string) (timestamp.Parsed, bool) {
	p, layoutOK, formatOK := timestamp.Parse(s, f)
	if !layoutOK && d.fractionMayVary(f) {
		if q, anyOK, _ := timestamp.Parse(s, timestamp.Optional); anyOK {
			d.anyFraction(s, patternKeyword, layout)
			p, layoutOK = q, true
		}
	}
	if !layoutOK || !formatOK {
		d.timestampIssues(s, layoutOK, formatOK, patternKeyword, formatKeyword, layout)
	}
	return p, layoutOK && formatOK
}

// CheckTimestamp is Timestamp for a decode that keeps nothing and reads
// no value: the same issues, without computing the time.
func (d *Decoder) CheckTimestamp(s string, f timestamp.Fraction, patternKeyword, formatKeyword, layout string) {
	layoutOK, formatOK := timestamp.Check(s, f)
	if !layoutOK && d.fractionMayVary(f) {
		if anyOK, _ := timestamp.Check(s, timestamp.Optional); anyOK {
			d.anyFraction(s, patternKeyword, layout)
			layoutOK = true
		}
	}
	if !layoutOK || !formatOK {
		d.timestampIssues(s, layoutOK, formatOK, patternKeyword, formatKeyword, layout)
	}
}

// fractionMayVary reports whether the profile in use accepts a timestamp
// of layout f with 0 to 9 fraction digits instead (AnyFraction). Whether
// it is a real date-time does not change with the layout: Parse's and
// Check's format verdict is the same for every one.
func (d *Decoder) fractionMayVary(f timestamp.Fraction) bool {
	return d.Profile.AnyFraction && f != timestamp.Optional
}

// anyFraction records the warning for a timestamp s accepted with another
// fraction than its layout's, at patternKeyword.
func (d *Decoder) anyFraction(s, patternKeyword, layout string) {
	if !d.C.Skips(issue.Warning) {
		d.C.Add(issue.Warning, patternKeyword, strconv.Quote(s)+" is not in the documented layout "+layout+"; accepted as an RFC 3339 UTC timestamp with 0 to 9 fraction digits")
	}
}

// timestampIssues records the issues of a timestamp s that misses its
// layout (unless layoutOK) or is not an RFC 3339 date-time (unless
// formatOK).
func (d *Decoder) timestampIssues(s string, layoutOK, formatOK bool, patternKeyword, formatKeyword, layout string) {
	if !layoutOK {
		msg := strconv.Quote(s) + " does not match the layout " + layout
		switch zone := timestamp.Zone(s); zone {
		case "":
		case "z":
			msg += ": it ends in a lower-case z, and the layout's Z is upper-case"
		default:
			msg += ": its zone is " + zone + ", and contact-event timestamps are in UTC, written with Z"
		}
		d.C.Add(issue.Error, patternKeyword, msg)
	}
	if !formatOK {
		d.C.Add(issue.Error, formatKeyword, strconv.Quote(s)+" is not an RFC 3339 date-time")
	}
}

// Pattern records a pattern issue unless ok.
func (d *Decoder) Pattern(ok bool, s, pattern, keyword string) {
	if !ok {
		d.patternIssue(s, pattern, keyword)
	}
}

// patternIssue is Pattern's issue, out of line so that Pattern is inlined.
func (d *Decoder) patternIssue(s, pattern, keyword string) {
	d.C.Add(issue.Error, keyword, strconv.Quote(s)+" does not match the pattern "+pattern)
}

// Span is where one known member lies in the input, to compare it with a
// later duplicate. It holds offsets only (no strings), so that keeping one
// per member costs no write barriers, and no flag of its own: a key's
// quote comes after its object's '{', so KeyAt is 0 only for a member not
// seen (Seen).
type Span struct {
	KeyAt      int32 // offset of the key's opening quote
	Start, End int32 // the value
}

// Seen reports whether the member was given.
func (sp *Span) Seen() bool { return sp.KeyAt != 0 }

// Key returns the member's key as it was written (a substring of the
// scanner's text: no allocation).
func (d *Decoder) Key(sp *Span) string {
	start := int(sp.KeyAt) + 1
	rest := d.data[start:]
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			i++
		case '"':
			return d.S.Text(start, start+i)
		}
	}
	return d.S.Text(start, len(d.data))
}

// First notes where a known member's key and value start, and reports
// whether it is the member's first sighting; if not, it changes nothing
// and the caller calls Repeated. Call it right after NextKey, which leaves
// the scanner at its value (after whitespace). Generated decoders call
// First inline and Repeated, the rare half, out of line.
func (d *Decoder) First(sp *Span) bool {
	if sp.KeyAt != 0 {
		return false
	}
	sp.KeyAt, sp.Start = int32(d.S.KeyOffset()), int32(d.S.Offset())
	return true
}

// Repeated skips and reports the value of a member given before (the
// same key twice, or two documented spellings), recording an issue at
// uniqueKeyword: an error unless it is a second spelling with the same
// value.
func (d *Decoder) Repeated(sp *Span, key, uniqueKeyword string) {
	raw, ok := d.S.Skip()
	if !ok {
		return
	}
	prev, prevKey := d.data[sp.Start:sp.End], d.Key(sp)
	switch {
	case key == prevKey:
		d.C.AddMember(issue.Error, key, uniqueKeyword, "key "+strconv.Quote(key)+" is given twice (first at byte "+strconv.Itoa(int(sp.Start))+")")
	case bytes.Equal(prev, raw):
		if d.C.Skips(issue.Warning) {
			return
		}
		d.C.AddMember(issue.Warning, key, uniqueKeyword, strconv.Quote(key)+" repeats "+strconv.Quote(prevKey)+" with the same value; the two are spellings of one property")
	default:
		d.C.AddMember(issue.Error, key, uniqueKeyword, strconv.Quote(key)+" and "+strconv.Quote(prevKey)+" are spellings of one property and disagree ("+string(raw)+" here, "+string(prev)+" at byte "+strconv.Itoa(int(sp.Start))+")")
	}
}

// EndMember notes where the value of a known member ended.
func (d *Decoder) EndMember(sp *Span) { sp.End = int32(d.S.Offset()) }

// Required records a missing required property of the current object,
// unless it was given in a spelling the profile rejects (Unknown reported
// that, naming the property).
func (d *Decoder) Required(seen bool, name, keyword string) {
	if !seen {
		d.missing(name, keyword)
	}
}

// missing is Required's issue, out of line so that Required is inlined.
func (d *Decoder) missing(name, keyword string) {
	if !d.wasRespelled(name) {
		d.C.AddText(issue.Error, keyword, appendQuote(append(d.C.Text(), "missing required property "...), name))
	}
}

// wasRespelled reports whether the property name of the current object was
// given in a rejected spelling.
func (d *Decoder) wasRespelled(name string) bool {
	if len(d.respelled) == 0 {
		return false
	}
	return slices.ContainsFunc(d.respelled, func(r respelling) bool { return r.name == name && d.C.At(r.object) })
}

// Unknown handles a member the profile in use does not know: its value is
// kept (copied) so that nothing is lost, and an issue is recorded at the
// object's additionalProperties keyword, with a did-you-mean hint when a
// known spelling differs only in case. A key given twice is an error.
//
// It is generic over the member type so that the generated package's own
// named type (contactevents.UnknownMember) is what it fills: the runtime
// does not name it, and needs only its shape.
func Unknown[M ~UnknownMember](d *Decoder, key string, known []string, keyword, uniqueKeyword string, kept []M) []M {
	raw, ok := d.S.Skip()
	if !ok {
		return kept
	}
	if unknownGivenTwice(d, key, kept) {
		d.C.AddMember(issue.Error, key, uniqueKeyword, "key "+strconv.Quote(key)+" is given twice")
		return kept
	}
	// The known spelling key differs from only in case, looked for once.
	name, isRespelled := respelled(key, known)
	if !d.C.Skips(d.Profile.UnknownProperties) {
		d.C.AddMemberText(d.Profile.UnknownProperties, key, keyword, appendUnknownMessage(d.C.Text(), key, known, name, isRespelled))
	}
	if d.Profile.UnknownProperties == issue.Error && isRespelled {
		d.respelled = append(d.respelled, respelling{d.C.Here(), name})
	}
	if kept == nil {
		// Unknown members come several at a time (a newer page's fields):
		// room for a few saves the growth from 1 to 2 to 4.
		kept = make([]M, 0, 4)
	}
	var prev any // the object's first unknown member before the append
	if len(kept) > 0 {
		prev = &kept[0]
	}
	kept = append(kept, M{Key: key, Value: d.keepRaw(raw)})
	if u := &d.unknown; u.set != nil && prev != nil && u.of == prev {
		u.of = &kept[0] // moved if the append grew the slice
		u.set[key] = struct{}{}
	}
	return kept
}

// unknownKeys is the set of the keys of one object's unknown members, once
// it has more than keysScanned of them, so that an object of thousands of
// unknown members (which fits in an event's 256 KiB) is read in linear
// time, not in the square of their number. of is a pointer to the first of
// the object's unknown members, which says whose keys set holds.
type unknownKeys struct {
	of  any
	set map[string]struct{}
}

// unknownGivenTwice reports whether key is among kept, an object's unknown
// members so far: compared in turn while they are few, through a set of
// their keys once they are more (built from kept when the set holds
// another object's keys, as after a nested object's own).
func unknownGivenTwice[M ~UnknownMember](d *Decoder, key string, kept []M) bool {
	if len(kept) <= keysScanned {
		for _, m := range kept {
			if UnknownMember(m).Key == key {
				return true
			}
		}
		return false
	}
	u := &d.unknown
	if of := any(&kept[0]); u.set == nil || u.of != of {
		if u.set == nil {
			u.set = make(map[string]struct{}, 2*len(kept))
		}
		clear(u.set)
		for _, m := range kept {
			u.set[UnknownMember(m).Key] = struct{}{}
		}
		u.of = of
	}
	_, ok := u.set[key]
	return ok
}

// keepRaw returns a copy of raw, an unknown member's value, carved from one
// block per document instead of an allocation each (a profile that does not
// know a newer page's fields meets several in one object). The copy's
// capacity is its length, so that appending to it never writes over the
// next one.
func (d *Decoder) keepRaw(raw []byte) []byte {
	if cap(d.unknownText)-len(d.unknownText) < len(raw) {
		d.unknownText = make([]byte, 0, max(len(raw), 512))
	}
	n := len(d.unknownText)
	d.unknownText = append(d.unknownText, raw...)
	return d.unknownText[n:len(d.unknownText):len(d.unknownText)]
}

// respelled returns the known key that key spells differently only in case
// (the first: a property's canonical key comes before its other spellings).
//
// Known keys are the schema's property names, which the generator
// requires to be ASCII: then a key that folds to one has its length when
// it is ASCII too, and the comparison of lengths spares EqualFold's loop
// for nearly every known key (a legacy decode meets every camelCase key
// of the samples as unknown).
func respelled(key string, known []string) (string, bool) {
	ascii := isASCII(key)
	for _, k := range known {
		if ascii && len(k) != len(key) {
			continue
		}
		if k != key && strings.EqualFold(k, key) {
			return k, true
		}
	}
	return "", false
}

// isASCII reports whether s has no byte over 0x7f.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendUnknownMessage appends to b the explanation of an unknown key: a
// documented spelling the profile does not accept, a documented property
// outside the profile's model, or a key unknown altogether, with the
// documented key it may be a misspelling of. known lists each property's
// canonical key before its other spellings; k, when respelled, is what
// respelled(key, known) returns.
func appendUnknownMessage(b []byte, key string, known []string, k string, respelled bool) []byte {
	documented := slices.Contains(known, key)
	if respelled {
		if documented {
			b = appendQuote(b, key)
			b = append(b, " is a documented spelling of "...)
			b = appendQuote(b, k)
			return append(b, " that this profile does not accept"...)
		}
		b = append(b, "unknown property "...)
		b = appendQuote(b, key)
		b = append(b, "; did you mean "...)
		b = appendQuote(b, k)
		return append(b, '?')
	}
	if documented {
		b = append(b, "property "...)
		b = appendQuote(b, key)
		return append(b, " is not part of this profile's model"...)
	}
	return appendQuote(append(b, "unknown property "...), key)
}

// UnknownMember is the shape of a member the schema (or the profile in use)
// does not know, kept verbatim: Unknown fills any named type with this
// underlying struct (contactevents.UnknownMember).
type UnknownMember = struct {
	Key   string
	Value []byte // the raw JSON value
}

// RuleSeverity is what breaking one of the schema's x-rules is under one
// profile. Generated code holds a table of them per rule, indexed by
// profile.
type RuleSeverity int8

const (
	// RuleOff: the profile does not check the rule.
	RuleOff RuleSeverity = iota
	// RuleError: breaking the rule makes the event invalid.
	RuleError
	// RuleWarning: breaking the rule is reported, the event stays valid.
	RuleWarning
)

// Severity returns the issue severity of a rule under the profile in use,
// from its table indexed by profile, and whether to report it: the profile
// checks the rule, and the collector does not drop its issues.
func (d *Decoder) Severity(table []RuleSeverity) (issue.Severity, bool) {
	switch table[d.Profile.Index] {
	case RuleError:
		return issue.Error, true
	case RuleWarning:
		return issue.Warning, !d.C.Skips(issue.Warning)
	}
	return issue.Error, false
}

// APIVersion1 is referenced by generated code, so that code generated for
// another version of this runtime fails to compile instead of misbehaving.
const APIVersion1 = 1

// Data is the input being decoded.
func (d *Decoder) Data() []byte { return d.data }

// smallInt returns the value of a JSON number literal that is an optional
// '-' and at most 18 digits, which cannot overflow an int64: the literal
// of nearly every integer, read without strconv's general parse. Any other
// literal returns false.
func smallInt(lit string) (int64, bool) {
	digits := lit
	if len(lit) > 0 && lit[0] == '-' {
		digits = lit[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(digits); i++ {
		c := digits[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int64(c)
	}
	if len(digits) < len(lit) {
		n = -n
	}
	return n, true
}

// shortDecimal returns the value of a JSON number literal (as the scanner
// read it: valid JSON) without an exponent and with at most 15 digits, as
// strconv.ParseFloat would: the digits are an integer below 2^53 and 10^k
// for k up to 15 a float64, both exact, so their quotient, which IEEE
// division rounds correctly, is the correctly rounded value. (strconv's
// general reader is most of the cost of a short number.) Any other literal
// returns false.
func shortDecimal(lit string) (float64, bool) {
	digits := lit
	if len(lit) > 0 && lit[0] == '-' {
		digits = lit[1:]
	}
	var m uint64
	n, point := 0, -1
	for i := 0; i < len(digits); i++ {
		switch c := digits[i]; {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			n++
		case c == '.' && point < 0:
			point = n
		default:
			return 0, false
		}
	}
	if n == 0 || n > 15 {
		return 0, false
	}
	f := float64(m)
	if point >= 0 {
		f /= exactPow10[n-point]
	}
	if len(digits) < len(lit) {
		f = -f
	}
	return f, true
}

// exactPow10[k] is 10^k for the at most 15 digits shortDecimal reads (a
// float64 holds 10^k exactly up to k = 22).
var exactPow10 = [16]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// significantDigits counts the digits of a JSON number literal's mantissa
// without its leading zeros.
func significantDigits(lit string) int {
	n, leading := 0, true
	for i := 0; i < len(lit); i++ {
		switch c := lit[i]; {
		case c == 'e' || c == 'E':
			return n
		case c == '0' && leading:
		case c >= '0' && c <= '9':
			leading = false
			n++
		}
	}
	return n
}
