package pattern

import (
	"math"
	"net/netip"
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/internal/scan"
)

// kind is what one element of a pattern's value list asks of an event value.
type kind uint8

const (
	kindString      kind = iota // an exact string
	kindNumber                  // an exact number (by value, or by text for numbers a float64 cannot hold)
	kindTrue                    // the literal true
	kindFalse                   // the literal false
	kindNull                    // the literal null
	kindPrefix                  // {"prefix": s}
	kindPrefixFold              // {"prefix": {"equals-ignore-case": s}}
	kindSuffix                  // {"suffix": s}
	kindSuffixFold              // {"suffix": {"equals-ignore-case": s}}
	kindEqualsFold              // {"equals-ignore-case": s}
	kindWildcard                // {"wildcard": s}
	kindButStrings              // {"anything-but": s | [s, ...]}
	kindButNumbers              // {"anything-but": n | [n, ...]}
	kindButPrefix               // {"anything-but": {"prefix": s | [s, ...]}}
	kindButSuffix               // {"anything-but": {"suffix": ...}}
	kindButFold                 // {"anything-but": {"equals-ignore-case": ...}}
	kindButWildcard             // {"anything-but": {"wildcard": ...}}
	kindNumeric                 // {"numeric": [op, n, ...]}
	kindCIDR                    // {"cidr": "10.0.0.0/24"}
	kindExists                  // {"exists": true}
	kindAbsent                  // {"exists": false}
)

// cond is one compiled element of a value list.
type cond struct {
	kind  kind
	ptr   string   // JSON Pointer of the element in the pattern
	str   string   // the operand of the string kinds; a number's text
	strs  []string // the operands of the anything-but lists (one for a single value)
	num   float64  // kindNumber: its value, when finite
	nums  []float64
	rng   numRange
	net   netip.Prefix
	glob  []string   // kindWildcard: the literal segments between '*'
	globs [][]string // kindButWildcard: one glob per operand
}

// numRange is a numeric condition: lo < or <= x < or <= hi; an absent
// bound is infinite.
type numRange struct {
	lo, hi         float64
	loOpen, hiOpen bool // strict comparison
}

func (r numRange) contains(x float64) bool {
	if x < r.lo || (r.loOpen && x == r.lo) {
		return false
	}
	return x < r.hi || (!r.hiOpen && x == r.hi)
}

// value is one leaf of an event (or a pattern): its JSON kind and, for
// strings and numbers, its text (a string unescaped, a number as written).
type value struct {
	kind scan.Kind
	text string
}

// exact compiles a literal element of a value list.
func exact(v value, ptr string) (cond, error) {
	switch v.kind {
	case scan.String:
		return cond{kind: kindString, ptr: ptr, str: v.text}, nil
	case scan.Number:
		f, err := strconv.ParseFloat(v.text, 64)
		if err != nil || math.IsInf(f, 0) {
			// EventBridge keeps numbers it cannot compare (long account
			// numbers) for a match by their text.
			return cond{kind: kindNumber, ptr: ptr, str: v.text, num: math.NaN()}, nil
		}
		return cond{kind: kindNumber, ptr: ptr, str: v.text, num: f}, nil
	case scan.True:
		return cond{kind: kindTrue, ptr: ptr}, nil
	case scan.False:
		return cond{kind: kindFalse, ptr: ptr}, nil
	}
	return cond{kind: kindNull, ptr: ptr}, nil
}

// matches reports whether the event leaf v satisfies c. String operators
// apply to strings only and numeric ones to numbers only; anything-but
// matches every leaf that is not excluded, whatever its type, as
// EventBridge's anything-but does.
func (c *cond) matches(v value) bool {
	switch c.kind {
	case kindString:
		return v.kind == scan.String && v.text == c.str
	case kindNumber:
		if v.kind != scan.Number {
			return false
		}
		if v.text == c.str {
			return true
		}
		f, ok := number(v.text)
		return ok && f == c.num
	case kindTrue:
		return v.kind == scan.True
	case kindFalse:
		return v.kind == scan.False
	case kindNull:
		return v.kind == scan.Null
	case kindExists:
		return true
	case kindAbsent:
		return false
	case kindNumeric:
		if v.kind != scan.Number {
			return false
		}
		f, ok := number(v.text)
		return ok && c.rng.contains(f)
	case kindButNumbers:
		if v.kind != scan.Number {
			return true
		}
		f, ok := number(v.text)
		if !ok {
			return true
		}
		for _, n := range c.nums {
			if n == f {
				return false
			}
		}
		return true
	}
	if v.kind != scan.String {
		// Every other operator reads strings; anything-but of strings
		// matches the other kinds of leaves.
		return c.kind >= kindButStrings && c.kind <= kindButWildcard
	}
	s := v.text
	switch c.kind {
	case kindPrefix:
		return strings.HasPrefix(s, c.str)
	case kindPrefixFold:
		return hasPrefixFold(s, c.str)
	case kindSuffix:
		return strings.HasSuffix(s, c.str)
	case kindSuffixFold:
		return hasSuffixFold(s, c.str)
	case kindEqualsFold:
		return strings.EqualFold(s, c.str)
	case kindWildcard:
		return globMatch(c.glob, s)
	case kindCIDR:
		a, err := netip.ParseAddr(s)
		return err == nil && c.net.Contains(a.Unmap())
	case kindButStrings:
		for _, x := range c.strs {
			if s == x {
				return false
			}
		}
		return true
	case kindButPrefix:
		return !anyOf(c.strs, s, strings.HasPrefix)
	case kindButSuffix:
		return !anyOf(c.strs, s, strings.HasSuffix)
	case kindButFold:
		return !anyOf(c.strs, s, strings.EqualFold)
	case kindButWildcard:
		for _, g := range c.globs {
			if globMatch(g, s) {
				return false
			}
		}
		return true
	}
	return false
}

func anyOf(ops []string, s string, f func(s, op string) bool) bool {
	for _, op := range ops {
		if f(s, op) {
			return true
		}
	}
	return false
}

// number parses an event number; false for one a float64 cannot hold.
func number(text string) (float64, bool) {
	f, err := strconv.ParseFloat(text, 64)
	return f, err == nil && !math.IsInf(f, 0)
}

// comparable parses a pattern number as EventBridge does for numeric
// operators: the value must be a finite float64 whose shortest decimal form
// is the number written (5.0e9 and 301.8 are, 0.1000000000000000000001 is
// not).
func comparable(text string) (float64, bool) {
	f, ok := number(text)
	if !ok {
		return 0, false
	}
	return f, decimal(text) == decimal(strconv.FormatFloat(f, 'e', -1, 64))
}

// decimal returns a JSON number's value as sign, significant digits and
// exponent ("-12.50e1" is "-125e0"), so that two spellings of one value
// compare equal; zero is "0".
func decimal(text string) string {
	neg := strings.HasPrefix(text, "-")
	text = strings.TrimPrefix(text, "-")
	mant, exp, _ := strings.Cut(strings.ToLower(text), "e")
	e, err := strconv.Atoi(exp)
	if exp == "" {
		e, err = 0, nil
	}
	if err != nil {
		return "invalid"
	}
	whole, frac, _ := strings.Cut(mant, ".")
	digits := whole + frac
	e -= len(frac)
	trimmed := strings.TrimLeft(digits, "0")
	if trimmed == "" {
		return "0"
	}
	n := len(trimmed)
	trimmed = strings.TrimRight(trimmed, "0")
	e += n - len(trimmed)
	if neg {
		trimmed = "-" + trimmed
	}
	return trimmed + "e" + strconv.Itoa(e)
}
