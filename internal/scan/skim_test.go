package scan

import (
	"bytes"
	"strings"
	"testing"
)

func TestSkimValue(t *testing.T) {
	for _, tc := range []struct {
		in    string
		end   int // offset after the value
		fault Fault
		at    int
	}{
		{`{"a":[1,{"b":"]}\""}],"c":null} x`, 31, NoFault, 0},
		{`"a\\"b`, 5, NoFault, 0},
		{`"a\"b"`, 6, NoFault, 0},
		{`123,`, 3, NoFault, 0},
		{`tru ]`, 3, NoFault, 0}, // a bad literal is the validating reader's
		{`{"a":[}`, 0, Mismatch, 6},
		{`{"a":"b`, 0, Incomplete, 7},
		{`[[[`, 0, Incomplete, 3},
		{`]`, 0, Unexpected, 0},
		{`[[[[1]]]]`, 0, TooDeep, 3},
	} {
		var k Skimmer
		k.Reset([]byte(tc.in), 3)
		v, ok := k.Value()
		f, at := k.Fault()
		if f != tc.fault || ok != (tc.fault == NoFault) {
			t.Errorf("%q: fault %v at %d, want %v at %d", tc.in, f, at, tc.fault, tc.at)
			continue
		}
		if ok && len(v) != tc.end {
			t.Errorf("%q: value %q, want %d bytes", tc.in, v, tc.end)
		}
		if !ok && at != tc.at {
			t.Errorf("%q: fault %v at %d, want at %d", tc.in, f, at, tc.at)
		}
	}
}

func TestSkimMembers(t *testing.T) {
	var k Skimmer
	k.Reset([]byte(` { "a" : 1 , "b\"c":{"x":[1,2]}, "d":"e",} `), 0)
	if !k.BeginObject() {
		t.Fatal("BeginObject")
	}
	var got []string
	for key, esc, ok := k.NextMember(); ok; key, esc, ok = k.NextMember() {
		v, ok := k.Value()
		if !ok {
			t.Fatal(k.Fault())
		}
		got = append(got, string(key)+"="+string(v)+map[bool]string{true: "(esc)"}[esc])
	}
	if f, at := k.Fault(); f != NoFault {
		t.Fatal(f, at)
	}
	want := `a=1 b\"c={"x":[1,2]}(esc) d="e"`
	if s := strings.Join(got, " "); s != want {
		t.Errorf("members %s, want %s", s, want)
	}
	if k.Depth() != 0 {
		t.Errorf("depth %d after the object", k.Depth())
	}
}

// TestSkimDeepNestingIsBounded: two million levels (4 MB, under the
// payload limit) stop at the depth limit, without recursion.
func TestSkimDeepNestingIsBounded(t *testing.T) {
	deep := []byte(`{"a":` + strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000) + `}`)
	var k Skimmer
	k.Reset(deep, 0)
	if _, ok := k.Value(); ok {
		t.Fatal("skimmed a value nested 2,000,001 levels deep")
	}
	if f, at := k.Fault(); f != TooDeep || at != 5+defaultMaxDepth-1 {
		t.Errorf("fault %v at %d, want %v at %d", f, at, TooDeep, 5+defaultMaxDepth-1)
	}
}

// FuzzSkim: a value the validating Scanner accepts is skimmed to the same
// end (a scalar to the next delimiter: "0A" is "0A" to the Skimmer, "0"
// then trailing data to the Scanner), and the Skimmer stops (never panics
// or loops) on anything else.
func FuzzSkim(f *testing.F) {
	for _, d := range seedDocuments(f) {
		f.Add(d)
	}
	var s Scanner
	var k Skimmer
	f.Fuzz(func(t *testing.T, data []byte) {
		k.Reset(data, 0)
		v, ok := k.Value()
		s.ResetView(data, 0)
		raw, valid := s.Skip()
		scalar := len(raw) > 0 && raw[0] != '{' && raw[0] != '[' && raw[0] != '"'
		if valid && (!ok || !bytes.Equal(v, raw) && !(scalar && bytes.HasPrefix(v, raw))) {
			t.Fatalf("Scanner skips %q, Skimmer %q (ok %v)", raw, v, ok)
		}
	})
}

// TestSkimMixedNesting: the closers past the first 128 levels (kept in a
// slice, not in bits) match as the first ones do.
func TestSkimMixedNesting(t *testing.T) {
	open, closeAll := strings.Repeat(`{"a":[`, 150), strings.Repeat(`]}`, 150)
	var k Skimmer
	k.Reset([]byte(open+closeAll), 0)
	if v, ok := k.Value(); !ok || len(v) != len(open)+len(closeAll) {
		t.Fatal(k.Fault())
	}
	bad := open + strings.Repeat(`]}`, 10) + "}" + strings.Repeat(`]}`, 140)
	k.Reset([]byte(bad), 0)
	if _, ok := k.Value(); ok {
		t.Fatal("skimmed a mismatched bracket")
	}
	if f, at := k.Fault(); f != Mismatch || at != len(open)+20 {
		t.Errorf("fault %v at %d, want %v at %d", f, at, Mismatch, len(open)+20)
	}
}

// BenchmarkSkim is the classifier's structural read of a compact event,
// beside BenchmarkSkip (the validating skip) and BenchmarkSegmentioValid.
func BenchmarkSkim(b *testing.B) {
	doc := compactEvent(b)
	var k Skimmer
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		k.Reset(doc, 0)
		if _, ok := k.Value(); !ok {
			b.Fatal(k.Fault())
		}
	}
}

// BenchmarkSkipCompact is BenchmarkSkip on the same compact event.
func BenchmarkSkipCompact(b *testing.B) {
	doc := compactEvent(b)
	var s Scanner
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		s.ResetView(doc, 0)
		s.Skip()
		if !s.Finish() {
			b.Fatal(s.Err())
		}
	}
}
