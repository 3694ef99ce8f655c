package pattern

import (
	"math"
	"net/netip"
	"strconv"
	"strings"

	"github.com/connectevents/sdk-go/internal/issue"
	"github.com/connectevents/sdk-go/internal/scan"
)

// operators are the names EventBridge gives a meaning inside a value list;
// inside $or they cannot be field names.
var operators = []string{
	"prefix", "suffix", "equals-ignore-case", "wildcard", "anything-but",
	"numeric", "cidr", "exists", "exactly", "=", "<", "<=", ">", ">=",
}

func isOperator(key string) bool {
	for _, op := range operators {
		if key == op {
			return true
		}
	}
	return false
}

// operator compiles an operator object such as {"prefix": "us-"}: exactly
// one operator and its operand.
func (c *compiler) operator(ptr string) (cond, error) {
	c.s.BeginObject()
	name, ok := c.s.NextKey()
	if !ok {
		return cond{}, c.fail(ptr, "an operator object needs an operator (prefix, suffix, anything-but, numeric, ...)")
	}
	op := ptr + "/" + issue.EscapeToken(name)
	var cd cond
	var err error
	switch name {
	case "prefix", "suffix":
		cd, err = c.affix(name, op)
	case "equals-ignore-case":
		cd.kind = kindEqualsFold
		cd.str, err = c.text(op, name)
	case "wildcard":
		cd.kind = kindWildcard
		if cd.str, err = c.text(op, name); err == nil {
			cd.glob, err = compileGlob(cd.str, op)
		}
	case "anything-but":
		cd, err = c.anythingBut(op)
	case "numeric":
		cd, err = c.numeric(op)
	case "cidr":
		cd, err = c.cidr(op)
	case "exists":
		cd, err = c.exists(op)
	default:
		c.s.Skip()
		return cond{}, c.fail(op, "unknown operator %q", name)
	}
	if err != nil {
		return cond{}, err
	}
	if _, more := c.s.NextKey(); more {
		return cond{}, c.fail(ptr, "an operator object holds exactly one operator")
	}
	if err := c.syntax(); err != nil {
		return cond{}, err
	}
	cd.ptr = ptr
	return cd, nil
}

// text reads the string operand of operator name.
func (c *compiler) text(ptr, name string) (string, error) {
	if c.s.Peek() != scan.String {
		c.s.Skip()
		return "", c.fail(ptr, "the operand of %s must be a string", name)
	}
	s, ok := c.s.ReadString()
	if !ok {
		return "", c.syntax()
	}
	return s, nil
}

// affix compiles prefix and suffix: a string, or {"equals-ignore-case": s}.
func (c *compiler) affix(name, ptr string) (cond, error) {
	plain, fold := kindPrefix, kindPrefixFold
	if name == "suffix" {
		plain, fold = kindSuffix, kindSuffixFold
	}
	if c.s.Peek() != scan.Object {
		s, err := c.text(ptr, name)
		return cond{kind: plain, str: s}, err
	}
	c.s.BeginObject()
	inner, ok := c.s.NextKey()
	if !ok || inner != "equals-ignore-case" {
		if ok {
			c.s.Skip()
		}
		return cond{}, c.fail(ptr, "%s takes a string or {\"equals-ignore-case\": string}", name)
	}
	s, err := c.text(ptr+"/equals-ignore-case", inner)
	if err != nil {
		return cond{}, err
	}
	if _, more := c.s.NextKey(); more {
		return cond{}, c.fail(ptr, "%s takes a string or {\"equals-ignore-case\": string}", name)
	}
	return cond{kind: fold, str: s}, nil
}

// anythingBut compiles anything-but: a string or a number, a list of
// strings or of numbers, or one of prefix, suffix, equals-ignore-case and
// wildcard with a string or a list of strings.
func (c *compiler) anythingBut(ptr string) (cond, error) {
	switch c.s.Peek() {
	case scan.String, scan.Number, scan.Array:
		return c.excluded(ptr)
	case scan.Object:
	default:
		c.s.Skip()
		return cond{}, c.fail(ptr, "anything-but takes a string, a number, a list of either, or an object with prefix, suffix, equals-ignore-case or wildcard")
	}
	c.s.BeginObject()
	name, ok := c.s.NextKey()
	if !ok {
		return cond{}, c.fail(ptr, "anything-but needs prefix, suffix, equals-ignore-case or wildcard in its object")
	}
	op := ptr + "/" + issue.EscapeToken(name)
	var cd cond
	switch name {
	case "prefix":
		cd.kind = kindButPrefix
	case "suffix":
		cd.kind = kindButSuffix
	case "equals-ignore-case":
		cd.kind = kindButFold
	case "wildcard":
		cd.kind = kindButWildcard
	default:
		c.s.Skip()
		return cond{}, c.fail(op, "anything-but does not take %q (only prefix, suffix, equals-ignore-case and wildcard)", name)
	}
	strs, list, err := c.strings(op, "anything-but/"+name)
	if err != nil {
		return cond{}, err
	}
	cd.strs = strs
	if cd.kind == kindButPrefix || cd.kind == kindButSuffix {
		// event-ruler: "Null prefix/suffix not allowed"; an empty one
		// would exclude every string.
		for i, s := range strs {
			if s == "" {
				return cond{}, c.fail(elementPointer(op, i, list), "anything-but %s takes a non-empty string", name)
			}
		}
	}
	if cd.kind == kindButWildcard {
		for i, s := range strs {
			g, err := compileGlob(s, elementPointer(op, i, list))
			if err != nil {
				return cond{}, err
			}
			cd.globs = append(cd.globs, g)
		}
	}
	if _, more := c.s.NextKey(); more {
		return cond{}, c.fail(ptr, "the object of anything-but holds exactly one operator")
	}
	return cd, nil
}

// elementPointer is the pointer of operand i of the operator at ptr: the
// operator's own pointer when its operand is a single value.
func elementPointer(ptr string, i int, list bool) string {
	if list {
		return ptr + "/" + strconv.Itoa(i)
	}
	return ptr
}

// strings reads a string or a non-empty list of strings, and reports
// whether it was a list.
func (c *compiler) strings(ptr, name string) ([]string, bool, error) {
	if c.s.Peek() != scan.Array {
		s, err := c.text(ptr, name)
		return []string{s}, false, err
	}
	c.s.BeginArray()
	var out []string
	for i := 0; c.s.NextElement(); i++ {
		s, err := c.text(ptr+"/"+strconv.Itoa(i), name)
		if err != nil {
			return nil, true, err
		}
		out = append(out, s)
	}
	if err := c.syntax(); err != nil {
		return nil, true, err
	}
	if len(out) == 0 {
		return nil, true, c.fail(ptr, "the list of %s is empty", name)
	}
	return out, true, nil
}

// excluded compiles the values of a plain anything-but: one string or
// number, or a non-empty list of only strings or only numbers.
func (c *compiler) excluded(ptr string) (cond, error) {
	list := c.s.Peek() == scan.Array
	if list {
		c.s.BeginArray()
	}
	var cd cond
	n := 0
	for more := !list || c.s.NextElement(); more; more = list && c.s.NextElement() {
		ep := ptr
		if list {
			ep = ptr + "/" + strconv.Itoa(n)
		}
		n++
		v, ok := c.scalar()
		if !ok {
			if err := c.syntax(); err != nil {
				return cond{}, err
			}
			return cond{}, c.fail(ep, "anything-but lists only strings or only numbers")
		}
		switch v.kind {
		case scan.String:
			cd.strs = append(cd.strs, v.text)
		case scan.Number:
			f, ok := comparable(v.text)
			if !ok {
				return cond{}, c.fail(ep, "number %s is out of the range or precision EventBridge compares (a float64)", v.text)
			}
			cd.nums = append(cd.nums, f)
		default:
			return cond{}, c.fail(ep, "anything-but lists only strings or only numbers, not %s", article(v.kind))
		}
	}
	if err := c.syntax(); err != nil {
		return cond{}, err
	}
	switch {
	case n == 0:
		return cond{}, c.fail(ptr, "the list of anything-but is empty")
	case cd.strs != nil && cd.nums != nil:
		return cond{}, c.fail(ptr, "anything-but lists only strings or only numbers, not both")
	case cd.nums != nil:
		cd.kind = kindButNumbers
	default:
		cd.kind = kindButStrings
	}
	return cd, nil
}

// numeric compiles ["=", n], ["<" or "<=", n], or [">" or ">=", n] with an
// optional upper bound "<" or "<=", m.
func (c *compiler) numeric(ptr string) (cond, error) {
	if c.s.Peek() != scan.Array {
		c.s.Skip()
		return cond{}, c.fail(ptr, "numeric takes an array such as [\">\", 0, \"<=\", 5]")
	}
	c.s.BeginArray()
	r := numRange{lo: math.Inf(-1), hi: math.Inf(1)}
	var ops []string
	i := 0
	for ; c.s.NextElement(); i++ {
		ep := ptr + "/" + strconv.Itoa(i)
		v, ok := c.scalar()
		if !ok {
			if err := c.syntax(); err != nil {
				return cond{}, err
			}
			return cond{}, c.fail(ep, "numeric takes operators and numbers, not an object or array")
		}
		if i%2 == 0 {
			if v.kind != scan.String {
				return cond{}, c.fail(ep, "expected a comparison operator (=, <, <=, >, >=), found %s", article(v.kind))
			}
			if err := checkComparison(ops, v.text, ep); err != nil {
				return cond{}, c.fail(ep, "%s", err.(*Error).Msg)
			}
			ops = append(ops, v.text)
			continue
		}
		if v.kind != scan.Number {
			return cond{}, c.fail(ep, "the operand of %s must be a number, not %s", ops[len(ops)-1], article(v.kind))
		}
		f, ok := comparable(v.text)
		if !ok {
			return cond{}, c.fail(ep, "number %s is out of the range or precision EventBridge compares (a float64)", v.text)
		}
		switch ops[len(ops)-1] {
		case "=":
			r.lo, r.hi = f, f
		case ">":
			r.lo, r.loOpen = f, true
		case ">=":
			r.lo = f
		case "<":
			r.hi, r.hiOpen = f, true
		case "<=":
			r.hi = f
		}
	}
	if err := c.syntax(); err != nil {
		return cond{}, err
	}
	if i == 0 || i%2 == 1 {
		return cond{}, c.fail(ptr, "numeric needs a number after each operator")
	}
	if len(ops) == 2 && !(r.lo < r.hi) {
		// event-ruler: "Bottom must be less than top", for [">=", 5,
		// "<=", 5] too (use ["=", 5]).
		return cond{}, c.fail(ptr, "the lower bound of the range is not below its upper bound")
	}
	return cond{kind: kindNumeric, rng: r, str: strings.Join(ops, " ")}, nil
}

// checkComparison accepts op as the next operator of a numeric condition
// after ops: one of =, <, <=, >, >=, or a lower bound followed by an upper.
func checkComparison(ops []string, op, ptr string) error {
	switch len(ops) {
	case 0:
		switch op {
		case "=", "<", "<=", ">", ">=":
			return nil
		}
		return &Error{Pointer: ptr, Msg: "unknown comparison operator " + strconv.Quote(op) + " (expected =, <, <=, > or >=)"}
	case 1:
		if (ops[0] == ">" || ops[0] == ">=") && (op == "<" || op == "<=") {
			return nil
		}
		if ops[0] == ">" || ops[0] == ">=" {
			return &Error{Pointer: ptr, Msg: "a lower bound can only be followed by < or <=, not " + strconv.Quote(op)}
		}
	}
	return &Error{Pointer: ptr, Msg: "too many terms in numeric: at most a lower bound and an upper bound"}
}

// cidr compiles an IPv4 or IPv6 CIDR block.
func (c *compiler) cidr(ptr string) (cond, error) {
	s, err := c.text(ptr, "cidr")
	if err != nil {
		return cond{}, err
	}
	addr, bits, ok := strings.Cut(s, "/")
	if !ok || strings.Contains(bits, "/") {
		return cond{}, c.fail(ptr, "malformed CIDR %q: one '/' required", s)
	}
	n, err := strconv.Atoi(bits)
	if err != nil || strings.TrimLeft(bits, "0123456789") != "" {
		return cond{}, c.fail(ptr, "malformed CIDR %q: the mask bits must be a non-negative integer", s)
	}
	a, err := netip.ParseAddr(addr)
	if err != nil || a.Zone() != "" {
		return cond{}, c.fail(ptr, "malformed CIDR %q: %q is not an IP address", s, addr)
	}
	a = a.Unmap()
	// EventBridge takes a single address as a plain string value, not as a
	// /32 or /128 block.
	if max := a.BitLen(); n >= max {
		return cond{}, c.fail(ptr, "malformed CIDR %q: an IPv%d mask must be below %d bits", s, map[bool]int{true: 4, false: 6}[a.Is4()], max)
	}
	p, _ := a.Prefix(n)
	return cond{kind: kindCIDR, str: s, net: p}, nil
}

// exists compiles {"exists": true|false}.
func (c *compiler) exists(ptr string) (cond, error) {
	switch c.s.Peek() {
	case scan.True, scan.False:
		b, _ := c.s.ReadBool()
		if b {
			return cond{kind: kindExists}, nil
		}
		return cond{kind: kindAbsent}, nil
	}
	c.s.Skip()
	return cond{}, c.fail(ptr, "exists takes true or false")
}
