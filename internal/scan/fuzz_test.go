package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedDocuments are the seed corpus of FuzzScanner and the base of
// TestDifferential: a realistic event, small documents of every kind, and
// the defects the scanner must diagnose.
func seedDocuments(tb testing.TB) [][]byte {
	docs := []string{
		`{"id":"con_1","email":"a@b.example","tags":["x","y"],"score":1.5e2,"ok":true,"gone":null}`,
		`[{"key":"plan","value":"pro"},{"key":"seats","value":25},{"key":"note","value":"a\nb \u00e9 \ud83d\ude00"}]`,
		"{\n  \"a\": [1, 2,],\n  \"b\": {\"c\": 3,},\n  \"d\": x\n}",
		`{"s":"\ud800\udc00\ud800\\u12\/\b\f\r\t\""}`,
		`[-0, 0.5, 1e5, 1E-5, -12.75e+3, 01, 1., .5, -, 1e]`,
		`[true, false, null, tru, nul]`,
		`"Zoë Ångström 東京 😀"`,
		"\"\xff\xfe\"",
		`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
		`{"a":{"b":{"c":{"d":[{"e":[]}]}}}} `,
		``,
		` `,
		`{} }`,
		`[1,,2]`,
	}
	out := [][]byte{loadEvent(tb), compactEvent(tb)}
	for _, d := range docs {
		out = append(out, []byte(d))
	}
	return out
}

func FuzzScanner(f *testing.F) {
	for _, d := range seedDocuments(f) {
		f.Add(d)
	}
	var s Scanner // reused, like a pooled scanner
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDocument(t, &s, data)
	})
}

// compactEvent is asciiEvent without whitespace, as EventBridge sends
// events: an input of the scanner's plain fast path.
func compactEvent(tb testing.TB) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, asciiEvent(tb)); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestDifferential runs the fuzz checks over the seeds and over systematic
// corruptions of the realistic document, indented and compact: every
// truncation, every one-byte deletion, and a set of byte substitutions at
// every offset.
//
// Without the race detector (.ci/run runs the package so) that is every
// offset of both documents. Under -race, every truncation still, but the
// deletion and substitutions at every corruptionStride-th offset only: the
// scanner runs on one goroutine, so the race detector adds nothing to the
// sweep but a tenfold slowdown (the full sweep took 56 s of the suite's
// 150 s budget). -short checks the first 600 bytes of each.
func TestDifferential(t *testing.T) {
	var s Scanner
	for _, d := range seedDocuments(t) {
		checkDocument(t, &s, d)
	}
	for _, doc := range [][]byte{loadEvent(t), compactEvent(t)} {
		corruptions(t, &s, doc)
	}
}

// corruptionStride is the step between the offsets whose deletion and
// substitutions TestDifferential checks under -race (see there).
const corruptionStride = 16

// corruptions runs the fuzz checks over the truncations, one-byte deletions
// and byte substitutions of doc.
func corruptions(t *testing.T, s *Scanner, doc []byte) {
	t.Helper()
	if testing.Short() {
		doc = doc[:600]
	}
	stride := 1
	if raceEnabled {
		stride = corruptionStride
	}
	buf := make([]byte, 0, len(doc)+1)
	for i := 0; i <= len(doc); i++ {
		checkDocument(t, s, doc[:i])
		if i < len(doc) && i%stride == 0 {
			buf = append(append(buf[:0], doc[:i]...), doc[i+1:]...)
			checkDocument(t, s, buf)
			for _, c := range []byte("\"\\,}]0.\n\x00\xff") {
				if doc[i] == c {
					continue
				}
				buf = append(buf[:0], doc...)
				buf[i] = c
				checkDocument(t, s, buf)
			}
		}
		if t.Failed() {
			return
		}
	}
}

// checkDocument checks every property the scanner promises on one input.
func checkDocument(t *testing.T, s *Scanner, data []byte) {
	t.Helper()
	input := bytes.Clone(data)
	defer func() {
		if !bytes.Equal(input, data) {
			t.Fatalf("scanner modified its input")
		}
	}()

	// 1. Skip+Finish decides validity; it must agree with encoding/json.
	// (Trailing commas need no exclusion: both reject them; the scanner
	// merely keeps going.) encoding/json accepts invalid UTF-8 in strings,
	// which the scanner rejects, so on such inputs only "scanner valid =>
	// encoding/json valid" holds.
	s.Reset(data, 0)
	raw, skipped := s.Skip()
	finished := s.Finish()
	valid := s.Err() == nil
	if finished != valid {
		t.Fatalf("Finish() = %v but Err() = %v", finished, s.Err())
	}
	stdValid := json.Valid(data)
	if utf8.Valid(data) || valid {
		if valid != stdValid {
			t.Fatalf("scanner valid = %v (err %v), encoding/json.Valid = %v, input %q", valid, s.Err(), stdValid, data)
		}
	}
	if skipped {
		start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
		if !bytes.Equal(raw, data[start:start+len(raw)]) {
			t.Fatalf("Skip returned %q, not the value at %d", raw, start)
		}
		if valid && !bytes.Equal(raw, bytes.TrimRight(data[start:], " \t\r\n")) {
			t.Fatalf("Skip returned %q for the whole document %q", raw, data)
		}
	}
	skipErrs := s.Errors()
	checkErrors(t, data, skipErrs)

	// 2. The typed walk (what generated code does) must report exactly the
	// same errors, and every string it reads must equal encoding/json's.
	var key Scanner
	key.Reset(data, 0)
	s.Reset(data, 0)
	walk(s, func(start, end int, v string, k Kind) {
		switch k {
		case Invalid: // an object key at start; find its end
			key.pos = start
			if got, ok := key.ReadString(); !ok || got != v {
				t.Fatalf("key %q re-read as %q, %v", v, got, ok)
			}
			end = key.Offset()
			fallthrough
		case String:
			var want string
			if err := json.Unmarshal(data[start:end], &want); err != nil || want != v {
				t.Fatalf("string %s: scanner %q, encoding/json %q (%v)", data[start:end], v, want, err)
			}
		case Number:
			if _, err := strconv.ParseFloat(v, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
				t.Fatalf("number %q: %v", v, err)
			}
			if v != string(data[start:end]) {
				t.Fatalf("number %q is not the input %q", v, data[start:end])
			}
		}
	})
	s.Finish()
	if a, b := errList(s), toList(skipErrs); !equalLists(a, b) {
		t.Fatalf("typed walk errors %v, Skip errors %v, input %q", a, b, data)
	}
	if valid && s.Depth() != 0 {
		t.Fatalf("Depth() = %d after a valid document", s.Depth())
	}

	// 3. The plain fast paths (input without backslash, control or
	// non-ASCII bytes: strings end at their next quote; in other input,
	// the strings of its plain prefix) decide exactly as the general path.
	if plainText(data) != naivePlain(data) {
		t.Fatalf("plainText = %v, want %v, input %q", !naivePlain(data), naivePlain(data), data)
	}
	s.Reset(data, 0)
	s.plain, s.prefix = false, 0
	s.Skip()
	s.Finish()
	if a, b := errList(s), toList(skipErrs); !equalLists(a, b) {
		t.Fatalf("general path errors %v, plain path errors %v, input %q", a, b, data)
	}
	// The typed walk too (NextKey and ReadStringIf have plain paths of
	// their own): the same errors, the same keys and strings.
	var plainReads []string
	s.Reset(data, 0)
	walk(s, func(_, _ int, v string, _ Kind) { plainReads = append(plainReads, v) })
	s.Reset(data, 0)
	s.plain, s.prefix = false, 0
	n := 0
	walk(s, func(start, _ int, v string, _ Kind) {
		if n >= len(plainReads) || plainReads[n] != v {
			t.Fatalf("general path read %q at %d, not as the plain path, input %q", v, start, data)
		}
		n++
	})
	s.Finish()
	if a, b := errList(s), toList(skipErrs); n != len(plainReads) || !equalLists(a, b) {
		t.Fatalf("general path typed walk: %d of %d reads, errors %v, Skip errors %v, input %q", n, len(plainReads), a, b, data)
	}

	// 4. Same agreement under a tight depth limit.
	a, b := scanBoth(data, 3)
	if !equalLists(a, b) {
		t.Fatalf("maxDepth 3: Skip errors %v, typed walk errors %v, input %q", a, b, data)
	}
}

// checkErrors checks the invariants of an error list: valid locations,
// trailing commas (recoverable) at ',' bytes and before everything else,
// at most one fatal error, and every error a *SyntaxError in Err.
func checkErrors(t *testing.T, data []byte, errs []*SyntaxError) {
	t.Helper()
	for i, e := range errs {
		if e.Offset < 0 || e.Offset > int64(len(data)) || e.Msg == "" || strings.ToLower(e.Msg[:1]) != e.Msg[:1] {
			t.Fatalf("bad error %+v", e)
		}
		if line, col := LineColumn(data, int(e.Offset)); line != e.Line || col != e.Column {
			t.Fatalf("error %+v: LineColumn says %d:%d", e, line, col)
		}
		if strings.HasPrefix(e.Msg, "trailing comma") {
			if data[e.Offset] != ',' {
				t.Fatalf("trailing comma error at %q", data[e.Offset])
			}
		} else if i != len(errs)-1 {
			t.Fatalf("fatal error %+v is not the last one: %v", e, errs)
		}
		if i > 0 && errs[i-1].Offset > e.Offset {
			t.Fatalf("errors out of order: %v", errs)
		}
	}
}

func toList(errs []*SyntaxError) []wantErr {
	var out []wantErr
	for _, e := range errs {
		out = append(out, wantErr{e.Offset, e.Line, e.Column, e.Msg})
	}
	return out
}

func equalLists(a, b []wantErr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestUnescapeMatchesEncodingJSON compares the unescaping of many generated
// escaped strings with encoding/json's.
func TestUnescapeMatchesEncodingJSON(t *testing.T) {
	pieces := []string{
		`a`, `é`, `😀`, `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u0000`, `\u001f`,
		`\u0041`, `\u00e9`, `\u6771`, `\ud83d`, `\ude00`, `\ud83d\ude00`, `\uDBFF\uDFFF`,
		`\ud800`, `\udc00`, `\uffff`, `\ufffd`, `\u2028`, ` `, `0123456789`,
	}
	var s Scanner
	var b strings.Builder
	// Every ordered triple of pieces covers all neighbour interactions
	// (surrogate pairing, escapes next to multibyte characters).
	for _, p1 := range pieces {
		for _, p2 := range pieces {
			for _, p3 := range pieces {
				b.Reset()
				b.WriteString(`"`)
				b.WriteString(p1)
				b.WriteString(p2)
				b.WriteString(p3)
				b.WriteString(`"`)
				in := []byte(b.String())
				var want string
				if err := json.Unmarshal(in, &want); err != nil {
					t.Fatalf("encoding/json: %s: %v", in, err)
				}
				s.Reset(in, 0)
				got, ok := s.ReadString()
				if !ok || got != want {
					t.Fatalf("%s: scanner %q (%v), encoding/json %q", in, got, s.Err(), want)
				}
			}
		}
	}
}

// naivePlain is plainText byte by byte.
func naivePlain(d []byte) bool {
	for _, c := range d {
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
