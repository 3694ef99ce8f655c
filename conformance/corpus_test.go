package conformance

// The machinery of the corpus tests (samples_test.go): the observation
// kinds the corpus README documents and the check of each, the replay of a
// sample's declared repairs on its verbatim text, and a small JSON text
// scanner, pointer resolver and walker that share no code with the SDK (so
// that the corpus is checked independently of what it tests).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/connectevents/sdk-go/contactevents/samples"
)

// observationKinds lists the observation kinds README.md documents. A non-nil function checks the
// claim an observation of that kind makes about the value v found at ptr in doc.
var observationKinds = map[string]func(doc any, ptr string, v any) error{
	"pascal-case-keys": func(_ any, _ string, v any) error {
		m, ok := v.(map[string]any)
		if !ok || !slices.ContainsFunc(slices.Collect(maps.Keys(m)), startsUpper) {
			return errors.New("not an object with a PascalCase key")
		}
		return nil
	},
	"variant-value": func(_ any, _ string, v any) error {
		if s, ok := v.(string); !ok || s == strings.ToUpper(s) {
			return errors.New("not a string that differs from its upper-case documented form")
		}
		return nil
	},
	"sentinel-timestamp": func(_ any, _ string, v any) error {
		if ts, err := timestamp(v); err != nil || ts.Year() != 1970 {
			return fmt.Errorf("not a 1970 timestamp: %v", v)
		}
		return nil
	},
	"fractional-routing-timestamp": func(_ any, _ string, v any) error {
		if ts, err := timestamp(v); err != nil || !strings.Contains(v.(string), ".") {
			return fmt.Errorf("not a timestamp with a fraction: %v (%v)", v, ts)
		}
		return nil
	},
	"timeline-inconsistency": func(_ any, _ string, v any) error {
		_, err := timestamp(v)
		return err
	},
	"malformed-arn": func(_ any, _ string, v any) error {
		if s, ok := v.(string); !ok || !strings.HasPrefix(s, "arn:aws::") {
			return errors.New("not an ARN with an empty service field")
		}
		return nil
	},
	"missing-envelope": func(_ any, ptr string, v any) error {
		if m, ok := v.(map[string]any); !ok || ptr != "" || m["detail"] != nil {
			return errors.New("not a document root without detail")
		}
		return nil
	},
	"misplaced-property": nil, // pinned by TestCurrentConnectedToAgentClosesDetailEarly
	"queueinfo-with-outbound": func(doc any, ptr string, _ any) error {
		method, err := resolvePointer(doc, ptr[:strings.LastIndexByte(ptr, '/')]+"/initiationMethod")
		if err != nil || method != "OUTBOUND" {
			return fmt.Errorf("initiationMethod beside it is %v (%v), want OUTBOUND", method, err)
		}
		return nil
	},
	"tagged-union-with-two-members": func(_ any, _ string, v any) error {
		m, _ := v.(map[string]any)
		n := 0
		for k := range m {
			if slices.Contains([]string{"andexpression", "orexpression", "attributecondition"}, strings.ToLower(k)) {
				n++
			}
		}
		if n < 2 {
			return fmt.Errorf("%d members of the union, want at least 2", n)
		}
		return nil
	},
	"routing-criteria-array": func(_ any, _ string, v any) error {
		if _, ok := v.([]any); !ok {
			return errors.New("not an array")
		}
		return nil
	},
	"routing-criteria-object": func(_ any, _ string, v any) error {
		if _, ok := v.(map[string]any); !ok {
			return errors.New("not an object")
		}
		return nil
	},
	"undocumented-value": func(_ any, ptr string, v any) error {
		// The documented valid values, by the name of the member that holds the value.
		documented := map[string][]string{
			"comparisonoperator": {"NumberGreaterOrEqualTo"},
			"updatedproperties":  {"ScheduledTimestamp", "UserDefinedAttributes", "ContactLens.ConversationalAnalytics.Configuration", "Segment Attributes", "Tags"},
			"queuetype":          nil, // documented as a String without valid values
		}
		var member string
		for _, tok := range strings.Split(ptr, "/") {
			if _, err := strconv.Atoi(tok); err != nil {
				member = strings.ToLower(tok)
			}
		}
		values, ok := documented[member]
		if s, isString := v.(string); !ok || !isString || slices.Contains(values, s) {
			return fmt.Errorf("%v is not a value outside a documented list", v)
		}
		return nil
	},
	"placeholder-value":      nil,
	"inconsistent-value":     nil,
	"undocumented-placement": nil,
	"document-contradiction": nil,
	"externally-documented":  nil,
	"event-pattern-filter": func(_ any, _ string, v any) error {
		if _, ok := v.([]any); !ok {
			return errors.New("an event pattern value is not an array")
		}
		return nil
	},
}

// workText is a text under repair that remembers, for each byte, its offset in verbatim.json
// (-1 for an inserted byte), so decoder errors can be compared with declared defects.
type workText struct {
	b        []byte
	verbatim []byte
	origin   []int64
}

func newWorkText(verbatim []byte) *workText {
	w := &workText{b: slices.Clone(verbatim), verbatim: verbatim, origin: make([]int64, len(verbatim))}
	for i := range w.origin {
		w.origin[i] = int64(i)
	}
	return w
}

// deleteAt deletes the byte that stood at verbatim offset off, which must be want.
func (w *workText) deleteAt(off int64, want byte) error {
	i := slices.Index(w.origin, off)
	if i < 0 {
		return fmt.Errorf("verbatim offset %d is already gone", off)
	}
	if w.b[i] != want {
		return fmt.Errorf("verbatim offset %d holds %q, want %q", off, w.b[i], want)
	}
	w.b = slices.Delete(w.b, i, i+1)
	w.origin = slices.Delete(w.origin, i, i+1)
	return nil
}

// failsAt checks that encoding/json rejects the text exactly at defect d.
func (w *workText) failsAt(d samples.Defect) error {
	switch d.Kind {
	case "trailing-comma":
		// The decoder fails on the byte after the comma: the closing bracket.
		var v any
		var se *json.SyntaxError
		if err := json.Unmarshal(w.b, &v); !errors.As(err, &se) {
			return fmt.Errorf("decoder error %v, want a syntax error", err)
		}
		after := nextNonSpace(w.verbatim, d.Offset+1)
		if at := w.origin[se.Offset-1]; at != after {
			return fmt.Errorf("decoder fails at verbatim offset %d, want %d, the byte after the comma", at, after)
		}
	case "trailing-data":
		dec := json.NewDecoder(bytes.NewReader(w.b))
		var v any
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("the first value does not decode: %v", err)
		}
		i := nextNonSpace(w.b, dec.InputOffset())
		if i == int64(len(w.b)) || w.origin[i] != d.Offset {
			return fmt.Errorf("the data after the first value starts at byte %d of the work text, want verbatim offset %d", i, d.Offset)
		}
	case "unexpected-end":
		var v any
		var se *json.SyntaxError
		if err := json.Unmarshal(w.b, &v); !errors.As(err, &se) || se.Offset != int64(len(w.b)) {
			return fmt.Errorf("decoder error %v, want a syntax error at the end of the text", err)
		}
		if d.Offset != int64(len(w.verbatim)) {
			return fmt.Errorf("offset %d, want the length of verbatim.json %d", d.Offset, len(w.verbatim))
		}
	default:
		return fmt.Errorf("unknown defect kind %q", d.Kind)
	}
	return nil
}

// repair applies the repair of defect d, the index-th defect, to the text.
func (w *workText) repair(d samples.Defect, moves map[int]samples.Move, index int) error {
	switch d.Kind {
	case "trailing-comma":
		return w.deleteAt(d.Offset, ',')
	case "trailing-data":
		m, ok := moves[index]
		if !ok {
			return errors.New("no repair move for this trailing-data defect")
		}
		if m.To != d.Offset || m.From >= m.To || m.From < 0 {
			return fmt.Errorf("repair move from %d to %d, want a move to %d from before it", m.From, m.To, d.Offset)
		}
		c := w.verbatim[m.To]
		if (c != '}' && c != ']') || w.verbatim[m.From] != c {
			return fmt.Errorf("repair move of %q onto %q, want the same closing bracket", w.verbatim[m.From], c)
		}
		return w.deleteAt(m.From, c)
	case "unexpected-end":
		closers := closersFor(openContainers(w.b))
		if len(closers) == 0 {
			return errors.New("nothing is left open")
		}
		w.b = append(w.b, closers...)
		for range closers {
			w.origin = append(w.origin, -1)
		}
		return nil
	}
	return fmt.Errorf("unknown defect kind %q", d.Kind)
}

// scanJSON calls f for each byte of text outside string literals and for the opening quote of
// each string literal.
func scanJSON(text []byte, f func(i int, c byte)) {
	inString, escaped := false, false
	for i, c := range text {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			if !inString {
				f(i, c)
			}
			inString = !inString
		case !inString:
			f(i, c)
		}
	}
}

// openContainers returns the brackets still open at the end of text, outermost first.
func openContainers(text []byte) []byte {
	var open []byte
	scanJSON(text, func(_ int, c byte) {
		switch c {
		case '{', '[':
			open = append(open, c)
		case '}', ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	})
	return open
}

// closersFor returns the brackets that close open, innermost first.
func closersFor(open []byte) []byte {
	var closers []byte
	for _, c := range slices.Backward(open) {
		closers = append(closers, map[byte]byte{'{': '}', '[': ']'}[c])
	}
	return closers
}

// trailingCommas returns the offsets of commas that are followed, after white space, by a closing
// bracket.
func trailingCommas(text []byte) []int64 {
	var commas []int64
	last := -1
	scanJSON(text, func(i int, c byte) {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return
		case (c == '}' || c == ']') && last >= 0:
			commas = append(commas, int64(last))
		}
		last = -1
		if c == ',' {
			last = i
		}
	})
	return commas
}

// nextNonSpace returns the offset of the first byte at or after off that is not JSON white space.
func nextNonSpace(text []byte, off int64) int64 {
	for off < int64(len(text)) && strings.IndexByte(" \t\r\n", text[off]) >= 0 {
		off++
	}
	return off
}

// lineColumn returns the 1-based line and column of byte offset off; the column counts characters.
func lineColumn(text []byte, off int64) (line, column int) {
	before := text[:off]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[start:]) + 1
}

// resolvePointer returns the value at RFC 6901 JSON Pointer ptr in doc, a value decoded by
// encoding/json into any.
func resolvePointer(doc any, ptr string) (any, error) {
	if ptr == "" {
		return doc, nil
	}
	if ptr[0] != '/' {
		return nil, fmt.Errorf("pointer %q does not start with '/'", ptr)
	}
	v := doc
	for _, tok := range strings.Split(ptr[1:], "/") {
		for i := 0; i < len(tok); i++ {
			if tok[i] != '~' {
				continue
			}
			if i+1 == len(tok) || (tok[i+1] != '0' && tok[i+1] != '1') {
				return nil, fmt.Errorf("pointer %q: bad escape in %q", ptr, tok)
			}
			i++
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := v.(type) {
		case map[string]any:
			next, ok := c[tok]
			if !ok {
				return nil, fmt.Errorf("pointer %q: no member %q", ptr, tok)
			}
			v = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) || strconv.Itoa(i) != tok {
				return nil, fmt.Errorf("pointer %q: no element %q in an array of %d", ptr, tok, len(c))
			}
			v = c[i]
		default:
			return nil, fmt.Errorf("pointer %q: %q indexes a %T", ptr, tok, v)
		}
	}
	return v, nil
}

// walk calls f for v and every value inside it, with its JSON Pointer.
func walk(v any, ptr string, f func(ptr string, v any)) {
	f(ptr, v)
	switch c := v.(type) {
	case map[string]any:
		for k, x := range c {
			walk(x, ptr+"/"+strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1"), f)
		}
	case []any:
		for i, x := range c {
			walk(x, ptr+"/"+strconv.Itoa(i), f)
		}
	}
}

// readmeRow is the README.md table row of a sample.
func readmeRow(s samples.Sample) string {
	var defects []string
	for _, d := range s.SyntaxDefects {
		defects = append(defects, fmt.Sprintf("%s@%d (%d:%d)", d.Kind, d.Offset, d.Line, d.Column))
	}
	eventType := s.EventType
	if eventType == "" {
		eventType = "(pattern)"
	}
	if len(defects) == 0 {
		defects = []string{"none"}
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %d |", s.Name, s.Page, eventType, strings.Join(defects, ", "), len(s.Observations))
}

func decode(t *testing.T, text []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(text, &v); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return v
}

func mustLookup(t *testing.T, name string) samples.Sample {
	t.Helper()
	s, ok := samples.Lookup(name)
	if !ok {
		t.Fatalf("no sample %s", name)
	}
	return s
}

func timestamp(v any) (time.Time, error) {
	s, _ := v.(string)
	return time.Parse(time.RFC3339Nano, s)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
