package scan

import (
	"bytes"
	"strings"
	"testing"
)

func TestScannerSkim(t *testing.T) {
	for _, tc := range []struct {
		in  string
		end int    // offset after the value, when it skims
		at  int    // offset of the error, when it does not
		msg string // the error's message, when it does not
	}{
		{in: `{"a":[1,{"b":"]}\""}],"c":null} x`, end: 31},
		{in: `"a\\"b`, end: 5},
		{in: `"a\"b" ,`, end: 6},
		{in: `"plain" ,`, end: 7},
		{in: `{"a":[1 2,,],"b":"\x"}`, end: 22}, // structure only: the Scanner's Skip refuses it
		{in: "[\"\xff\x01\"]", end: 6},
		{in: ` 12.5e3,`, end: 7},
		{in: `tru ]`, at: 3, msg: "invalid character ' ' in literal true (expecting 'e')"}, // literals and numbers are checked
		{in: `01`, at: 1, msg: "invalid character '1' in numeric literal"},
		{in: `{"a":[}`, at: 6, msg: "mismatched bracket '}'"},
		{in: `{"a":"b`, at: 7, msg: "unexpected end of input inside a value"},
		{in: `"abc`, at: 4, msg: "unexpected end of input inside a value"},
		{in: `[[[`, at: 3, msg: "unexpected end of input inside a value"},
		{in: `]`, at: 0, msg: "invalid character ']' looking for beginning of value"},
		{in: ``, at: 0, msg: "unexpected end of input, expected a value"},
		{in: `[[[[1]]]]`, at: 3, msg: "nesting depth exceeds the limit of 3"},
	} {
		for _, reset := range []func(*Scanner, []byte, int){(*Scanner).Reset, (*Scanner).ResetScratch} {
			var s Scanner
			reset(&s, []byte(tc.in), 3)
			ok := s.Skim()
			if tc.msg == "" {
				if !ok || s.Offset() != tc.end {
					t.Errorf("%q: Skim %v at %d (%v), want the value's end at %d", tc.in, ok, s.Offset(), s.Err(), tc.end)
				}
				continue
			}
			errs := s.Errors()
			if ok || len(errs) != 1 || errs[0].Offset != int64(tc.at) || errs[0].Msg != tc.msg {
				t.Errorf("%q: Skim %v, errors %v; want %q at %d", tc.in, ok, errs, tc.msg, tc.at)
			}
		}
	}
}

// TestScannerSkimInsideContainers: the depth limit counts the containers
// the Scanner has entered, and the skim leaves the Scanner where a reader
// goes on.
func TestScannerSkimInsideContainers(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`{"a":[[1]],"b":[[[1]]],"c":2}`), 3)
	if !s.BeginObject() {
		t.Fatal(s.Err())
	}
	key, _ := s.NextKey()
	if !s.Skim() || key != "a" {
		t.Fatalf("member %q: %v", key, s.Err())
	}
	key, _ = s.NextKey()
	if s.Skim() || key != "b" {
		t.Fatalf("member %q skimmed, want the depth limit", key)
	}
	if errs := s.Errors(); len(errs) != 1 || errs[0].Offset != 17 || !strings.Contains(errs[0].Msg, "nesting depth") {
		t.Errorf("errors %v, want the depth limit at 17", errs)
	}
}

// TestScannerSkimDeepNestingIsBounded: two million levels stop at the depth
// limit, without recursion, as the Skimmer does.
func TestScannerSkimDeepNestingIsBounded(t *testing.T) {
	deep := []byte(`{"a":` + strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000) + `}`)
	var s Scanner
	s.ResetScratch(deep, 0)
	if !s.BeginObject() {
		t.Fatal(s.Err())
	}
	s.NextKey()
	if s.Skim() {
		t.Fatal("skimmed a value nested 2,000,001 levels deep")
	}
	if errs := s.Errors(); len(errs) != 1 || errs[0].Offset != 5+defaultMaxDepth-1 {
		t.Errorf("errors %v, want the depth limit at %d", errs, 5+defaultMaxDepth-1)
	}
}

func TestReadLeaf(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind Kind
		text string
		msg  string // the error, if any
	}{
		{in: ` "a\u00e9\n"`, kind: String, text: "aé\n"},
		{in: `"plain"`, kind: String, text: "plain"},
		{in: `-1.5e3,`, kind: Number, text: "-1.5e3"},
		{in: `true`, kind: True},
		{in: `false`, kind: False},
		{in: `null`, kind: Null},
		{in: `{}`, kind: Object, msg: "expected a string, number, boolean or null, found object"},
		{in: `[1]`, kind: Array, msg: "expected a string, number, boolean or null, found array"},
		{in: `x`, kind: Invalid, msg: "invalid character 'x' looking for beginning of value"},
		{in: ``, kind: Invalid, msg: "unexpected end of input, expected a value"},
		{in: `nul`, kind: Null, msg: "unexpected end of input, expected literal null"},
		{in: "\"a\x01\"", kind: String, msg: `invalid character '\x01' in string literal`},
	} {
		var s Scanner
		s.ResetScratch([]byte(tc.in), 0)
		kind, text, ok := s.ReadLeaf()
		if kind != tc.kind || ok != (tc.msg == "") || ok && text != tc.text {
			t.Errorf("%q: ReadLeaf = %v, %q, %v; want %v, %q", tc.in, kind, text, ok, tc.kind, tc.text)
		}
		if tc.msg != "" {
			if errs := s.Errors(); len(errs) != 1 || errs[0].Msg != tc.msg {
				t.Errorf("%q: errors %v, want %q", tc.in, errs, tc.msg)
			}
		}
	}
}

// TestResetScratchAllocatesNothing: after ResetScratch, escaped keys and
// values are unescaped into the scanner's buffer (no allocation), each
// valid until the next escaped string; after Reset or ResetView each is
// a string of its own.
func TestResetScratchAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	doc := []byte(`{"k\u00e9y":"v\u00e0lue","n":1,"other":"\"quoted\""}`)
	var s Scanner
	read := func() (key, value, last string) {
		s.BeginObject()
		key, _ = s.NextKey()
		_, value, _ = s.ReadLeaf()
		s.NextKey()
		s.Skim()
		s.NextKey()
		_, last, _ = s.ReadLeaf()
		s.NextKey()
		return key, value, last
	}
	s.ResetScratch(doc, 0)
	read() // grow the buffer
	if avg := testing.AllocsPerRun(100, func() {
		s.ResetScratch(doc, 0)
		read()
	}); avg != 0 {
		t.Errorf("reading after ResetScratch allocates %.1f times, want 0", avg)
	}
	s.ResetScratch(doc, 0)
	s.BeginObject()
	key, _ := s.NextKey()
	if key != "kéy" {
		t.Errorf("key %q", key)
	}
	_, value, _ := s.ReadLeaf()
	if value != "vàlue" || key == "kéy" {
		t.Errorf("value %q, key %q after it: want the key's bytes reused", value, key)
	}
	s.Reset(doc, 0)
	if key, value, last := read(); key != "kéy" || value != "vàlue" || last != `"quoted"` || s.Err() != nil {
		t.Errorf("after Reset: %q %q %q %v", key, value, last, s.Err())
	}
}

// FuzzScannerSkim: Skim ends a string, an object or an array where the
// Skimmer does (and stops where it faults, at the same offset), on plain
// input by its fast path and on any other by the Skimmer's walk; a number
// or a literal it reads as Skip does; whatever the Scanner's Skip accepts
// it accepts, to the same end. ReadLeaf after ResetScratch reads what it
// reads after Reset (the copy), error for error.
func FuzzScannerSkim(f *testing.F) {
	for _, d := range seedDocuments(f) {
		f.Add(d)
	}
	var s, v Scanner
	var k Skimmer
	f.Fuzz(func(t *testing.T, data []byte) {
		s.ResetScratch(data, 0)
		ok := s.Skim()
		p := skipSpace(data, 0)
		switch {
		case p < len(data) && (data[p] == '"' || data[p] == '{' || data[p] == '['):
			k.Reset(data, 0)
			val, kok := k.Value()
			if ok != kok {
				t.Fatalf("Skim %v, Skimmer %v (%v)", ok, kok, s.Err())
			}
			if f, at := k.Fault(); !ok && (len(s.Errors()) != 1 || s.Errors()[0].Offset != int64(at)) {
				t.Fatalf("Skim errors %v, Skimmer %v at %d", s.Errors(), f, at)
			}
			if ok && s.Offset() != p+len(val) {
				t.Fatalf("Skim ends at %d, Skimmer at %d", s.Offset(), p+len(val))
			}
		default:
			v.ResetView(data, 0)
			_, vok := v.Skip()
			if ok != vok || s.Offset() != v.Offset() {
				t.Fatalf("Skim %v at %d, Skip %v at %d", ok, s.Offset(), vok, v.Offset())
			}
		}
		v.ResetView(data, 0)
		if raw, valid := v.Skip(); valid && (!ok || s.Offset() != skipSpace(data, 0)+len(raw)) {
			t.Fatalf("Skip accepts %q, Skim %v at %d", raw, ok, s.Offset())
		}

		s.ResetScratch(data, 0)
		v.Reset(data, 0)
		sk, st, sok := s.ReadLeaf()
		vk, vt, vok := v.ReadLeaf()
		if sk != vk || st != vt || sok != vok || !bytes.Equal([]byte(errText(s.Err())), []byte(errText(v.Err()))) {
			t.Fatalf("ReadLeaf after ResetScratch %v %q %v (%v), after Reset %v %q %v (%v)", sk, st, sok, s.Err(), vk, vt, vok, v.Err())
		}
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
