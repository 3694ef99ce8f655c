package pattern

import (
	"bytes"
	"encoding/json"
	"math"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// This file is a slow reference evaluator of EventBridge patterns, written
// for the tests from the User Guide's wording over decoded values (any),
// independently of the compiled matcher: the fuzz targets and the User
// Guide table check that both agree.

// decode decodes JSON keeping numbers as written.
func decode(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// refMatch evaluates a decoded pattern (already known valid) on a decoded
// event.
func refMatch(pattern, event any) bool {
	ev, ok := event.(map[string]any)
	if !ok {
		return false
	}
	return refObject(pattern.(map[string]any), ev)
}

// refObject: every field of the pattern object matches (and).
func refObject(pat map[string]any, ev map[string]any) bool {
	for k, pv := range pat {
		if k == "$or" {
			one := false
			for _, b := range pv.([]any) {
				if refObject(b.(map[string]any), ev) {
					one = true
				}
			}
			if !one {
				return false
			}
			continue
		}
		switch pv := pv.(type) {
		case []any:
			var leaves []any
			if v, ok := ev[k]; ok {
				collect(v, &leaves, false)
			}
			if !refLeaf(pv, leaves) {
				return false
			}
		case map[string]any:
			var objs []any
			collect(ev[k], &objs, true)
			if len(objs) == 0 {
				if !refObject(pv, map[string]any{}) {
					return false
				}
				continue
			}
			found := false
			for _, o := range objs {
				if refObject(pv, o.(map[string]any)) {
					found = true
				}
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// collect gathers the leaves (or the objects) of v, looking through arrays
// at any depth.
func collect(v any, out *[]any, objects bool) {
	switch v := v.(type) {
	case nil:
		if !objects {
			*out = append(*out, nil)
		}
	case []any:
		for _, e := range v {
			collect(e, out, objects)
		}
	case map[string]any:
		if objects {
			*out = append(*out, v)
		}
	default:
		if !objects {
			*out = append(*out, v)
		}
	}
}

// refLeaf: some element of the value list matches some leaf; exists:false
// holds when there is no leaf.
func refLeaf(list []any, leaves []any) bool {
	for _, el := range list {
		if op, ok := el.(map[string]any); ok {
			if ex, ok := op["exists"]; ok {
				if ex.(bool) == (len(leaves) > 0) {
					return true
				}
				continue
			}
		}
		for _, lv := range leaves {
			if refElement(el, lv) {
				return true
			}
		}
	}
	return false
}

func refElement(el, lv any) bool {
	switch el := el.(type) {
	case nil:
		return lv == nil
	case bool:
		b, ok := lv.(bool)
		return ok && b == el
	case string:
		s, ok := lv.(string)
		return ok && s == el
	case json.Number:
		n, ok := lv.(json.Number)
		if !ok {
			return false
		}
		if n == el {
			return true
		}
		a, err1 := strconv.ParseFloat(string(n), 64)
		b, err2 := strconv.ParseFloat(string(el), 64)
		return err1 == nil && err2 == nil && !math.IsInf(a, 0) && !math.IsInf(b, 0) && a == b
	}
	op := el.(map[string]any)
	for name, arg := range op {
		return refOperator(name, arg, lv)
	}
	return false
}

func refOperator(name string, arg, lv any) bool {
	s, isString := lv.(string)
	switch name {
	case "prefix", "suffix", "equals-ignore-case", "wildcard", "cidr":
		if !isString {
			return false
		}
	}
	switch name {
	case "prefix":
		if m, ok := arg.(map[string]any); ok {
			p := m["equals-ignore-case"].(string)
			return refFoldRegexp("^" + regexp.QuoteMeta(p)).MatchString(s)
		}
		return strings.HasPrefix(s, arg.(string))
	case "suffix":
		if m, ok := arg.(map[string]any); ok {
			p := m["equals-ignore-case"].(string)
			return refFoldRegexp(regexp.QuoteMeta(p) + "$").MatchString(s)
		}
		return strings.HasSuffix(s, arg.(string))
	case "equals-ignore-case":
		return strings.EqualFold(s, arg.(string))
	case "wildcard":
		return refWildcard(arg.(string)).MatchString(s)
	case "cidr":
		block, bits, _ := strings.Cut(arg.(string), "/")
		n, _ := strconv.Atoi(bits)
		p, _ := netip.MustParseAddr(block).Unmap().Prefix(n)
		a, err := netip.ParseAddr(s)
		return err == nil && p.Contains(a.Unmap())
	case "numeric":
		n, ok := lv.(json.Number)
		if !ok {
			return false
		}
		x, err := strconv.ParseFloat(string(n), 64)
		if err != nil || math.IsInf(x, 0) {
			return false
		}
		terms := arg.([]any)
		for i := 0; i < len(terms); i += 2 {
			b, _ := strconv.ParseFloat(string(terms[i+1].(json.Number)), 64)
			var ok bool
			switch terms[i].(string) {
			case "=":
				ok = x == b
			case "<":
				ok = x < b
			case "<=":
				ok = x <= b
			case ">":
				ok = x > b
			case ">=":
				ok = x >= b
			}
			if !ok {
				return false
			}
		}
		return true
	case "anything-but":
		return !refExcluded(arg, lv)
	}
	panic("reference: unknown operator " + name)
}

// refExcluded reports whether anything-but's argument excludes lv.
func refExcluded(arg, lv any) bool {
	if m, ok := arg.(map[string]any); ok {
		s, isString := lv.(string)
		if !isString {
			return false
		}
		for name, v := range m {
			for _, x := range asList(v) {
				x := x.(string)
				var hit bool
				switch name {
				case "prefix":
					hit = strings.HasPrefix(s, x)
				case "suffix":
					hit = strings.HasSuffix(s, x)
				case "equals-ignore-case":
					hit = strings.EqualFold(s, x)
				case "wildcard":
					hit = refWildcard(x).MatchString(s)
				}
				if hit {
					return true
				}
			}
		}
		return false
	}
	for _, x := range asList(arg) {
		switch x := x.(type) {
		case string:
			if s, ok := lv.(string); ok && s == x {
				return true
			}
		case json.Number:
			n, ok := lv.(json.Number)
			if !ok {
				continue
			}
			a, err1 := strconv.ParseFloat(string(n), 64)
			b, _ := strconv.ParseFloat(string(x), 64)
			if err1 == nil && !math.IsInf(a, 0) && a == b {
				return true
			}
		}
	}
	return false
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// refWildcard turns a wildcard operand into a regular expression.
func refWildcard(w string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^(?s:`)
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '*':
			b.WriteString(`.*`)
		case '\\':
			i++
			b.WriteString(regexp.QuoteMeta(w[i : i+1]))
		default:
			b.WriteString(regexp.QuoteMeta(w[i : i+1]))
		}
	}
	b.WriteString(`)$`)
	return regexp.MustCompile(b.String())
}

// refFoldRegexp compiles expr case-insensitively, matching across lines.
func refFoldRegexp(expr string) *regexp.Regexp {
	return regexp.MustCompile(`(?is)` + expr)
}
