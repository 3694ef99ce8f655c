package scan

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// loadEvent returns the realistic ~2.4 KB document used by tests, seeds and
// benchmarks.
func loadEvent(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/event.json")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// asciiEvent is the realistic document with every string reduced to
// printable ASCII without escapes: segmentio.Valid's best case (its
// whole-input SIMD pre-checks then let it skip per-string validation).
func asciiEvent(tb testing.TB) []byte {
	tb.Helper()
	var v any
	if err := json.Unmarshal(loadEvent(tb), &v); err != nil {
		tb.Fatal(err)
	}
	var clean func(v any) any
	clean = func(v any) any {
		switch v := v.(type) {
		case string:
			return strings.Map(func(r rune) rune {
				if r < ' ' || r > '~' || r == '"' || r == '\\' {
					return -1
				}
				return r
			}, v)
		case []any:
			for i := range v {
				v[i] = clean(v[i])
			}
		case map[string]any:
			for k := range v {
				v[k] = clean(v[k])
			}
		}
		return v
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(clean(v)); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// walk reads one value through the typed API, the way generated decoders
// do: Peek, then BeginObject/NextKey, BeginArray/NextElement, Read*, or
// Skip for anything else (which records the syntax error).
func walk(s *Scanner, visit func(start, end int, v string, k Kind)) {
	switch s.Peek() {
	case Object:
		if s.BeginObject() {
			for key, ok := s.NextKey(); ok; key, ok = s.NextKey() {
				if visit != nil {
					visit(s.KeyOffset(), -1, key, Invalid)
				}
				walk(s, visit)
			}
		}
	case Array:
		if s.BeginArray() {
			for s.NextElement() {
				walk(s, visit)
			}
		}
	case String:
		start := s.ValueOffset()
		v, ok := s.ReadString()
		if ok && visit != nil {
			visit(start, s.Offset(), v, String)
		}
	case Number:
		start := s.ValueOffset()
		v, ok := s.ReadNumber()
		if ok && visit != nil {
			visit(start, s.Offset(), v, Number)
		}
	case True, False:
		s.ReadBool()
	case Null:
		s.ReadNull()
	default:
		s.Skip()
	}
}

func TestKindString(t *testing.T) {
	want := map[Kind]string{
		Invalid: "invalid", Null: "null", False: "boolean", True: "boolean",
		Number: "number", String: "string", Object: "object", Array: "array", 200: "invalid",
	}
	for k, w := range want {
		if got := k.String(); got != w {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, w)
		}
	}
}

func TestPeek(t *testing.T) {
	for in, want := range map[string]Kind{
		"": Invalid, "  ": Invalid, " null": Null, "false": False, "true": True, "-1": Number,
		"0": Number, "9": Number, `"x"`: String, "\t{": Object, "\n[": Array, "x": Invalid,
		".5": Invalid, "+1": Invalid, "}": Invalid, "\xff": Invalid,
	} {
		var s Scanner
		s.Reset([]byte(in), 0)
		if got := s.Peek(); got != want {
			t.Errorf("Peek(%q) = %v, want %v", in, got, want)
		}
		if s.Err() != nil {
			t.Errorf("Peek(%q) recorded an error: %v", in, s.Err())
		}
	}
}

func TestReadString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`""`, ""},
		{`"plain"`, "plain"},
		{`"a long plain string that crosses several eight-byte words"`, "a long plain string that crosses several eight-byte words"},
		{`"Zoë Ångström 東京 😀"`, "Zoë Ångström 東京 😀"},
		{`"\"\\\/\b\f\n\r\t"`, "\"\\/\b\f\n\r\t"},
		{`"tab\there and a long tail after the escape"`, "tab\there and a long tail after the escape"},
		{`"\u0041\u00e9\u6771\u0000"`, "Aé東\x00"},
		{`"\ud83d\ude00"`, "😀"},
		{`"\uD83D\uDE00"`, "😀"},
		{`"\ud800"`, "\uFFFD"},
		{`"\udc00"`, "\uFFFD"},
		{`"\ud800x"`, "\uFFFDx"},
		{`"\ud800\u0041"`, "\uFFFDA"},
		{`"\ud800\ud800\udc00"`, "\uFFFD𐀀"},
		{`"\udc00\ud800"`, "\uFFFD\uFFFD"},
		{`"\ud800\\u0041"`, "\uFFFD\\u0041"},
		{`"\ud800\n"`, "\uFFFD\n"},
		{`"\ufffd\uffff"`, "\uFFFD\uFFFF"},
		{`"é\u00e9é"`, "ééé"},
	}
	for _, tt := range tests {
		var s Scanner
		s.Reset([]byte(" "+tt.in+" "), 0)
		got, ok := s.ReadString()
		if !ok || got != tt.want || !s.Finish() {
			t.Errorf("ReadString(%s) = %q, %v (err %v), want %q", tt.in, got, ok, s.Err(), tt.want)
		}
		var std string
		if err := json.Unmarshal([]byte(tt.in), &std); err != nil || std != got {
			t.Errorf("encoding/json decodes %s as %q (%v), scanner as %q", tt.in, std, err, got)
		}
	}
}

func TestReadScalars(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`[ -12.5e+3 , true,false , null,0]`), 0)
	if !s.BeginArray() || !s.NextElement() {
		t.Fatal(s.Err())
	}
	if n, ok := s.ReadNumber(); !ok || n != "-12.5e+3" {
		t.Errorf("ReadNumber = %q, %v", n, ok)
	}
	s.NextElement()
	if b, ok := s.ReadBool(); !ok || !b {
		t.Errorf("ReadBool = %v, %v", b, ok)
	}
	s.NextElement()
	if b, ok := s.ReadBool(); !ok || b {
		t.Errorf("ReadBool = %v, %v", b, ok)
	}
	s.NextElement()
	if !s.ReadNull() {
		t.Error("ReadNull = false")
	}
	s.NextElement()
	if n, ok := s.ReadNumber(); !ok || n != "0" {
		t.Errorf("ReadNumber = %q, %v", n, ok)
	}
	if s.NextElement() || !s.Finish() || s.Err() != nil {
		t.Errorf("end: %v", s.Err())
	}
}

func TestOffsets(t *testing.T) {
	in := []byte("{\n \"id\" : \"x\",\n \"n\": [ 10, {\"k\":\"v\"} ]\n}")
	var s Scanner
	s.Reset(in, 0)
	if !s.BeginObject() || s.Depth() != 1 {
		t.Fatal("BeginObject")
	}
	key, _ := s.NextKey()
	if key != "id" || s.KeyOffset() != 3 {
		t.Errorf("key %q at %d", key, s.KeyOffset())
	}
	if off := s.ValueOffset(); in[off] != '"' || off != 10 {
		t.Errorf("ValueOffset = %d", off)
	}
	s.ReadString()
	if s.Offset() != 13 {
		t.Errorf("Offset after value = %d", s.Offset())
	}
	key, _ = s.NextKey()
	if key != "n" || s.KeyOffset() != 16 {
		t.Errorf("key %q at %d", key, s.KeyOffset())
	}
	s.BeginArray()
	if s.Depth() != 2 {
		t.Errorf("Depth = %d", s.Depth())
	}
	s.NextElement()
	s.Skip()
	s.NextElement()
	raw, ok := s.Skip()
	if !ok || string(raw) != `{"k":"v"}` || cap(raw) != len(raw) {
		t.Errorf("Skip = %q, %v (cap %d)", raw, ok, cap(raw))
	}
	if s.NextElement() || s.Depth() != 1 {
		t.Errorf("after array: depth %d", s.Depth())
	}
	if _, ok := s.NextKey(); ok || s.Depth() != 0 || !s.Finish() {
		t.Errorf("after object: depth %d, err %v", s.Depth(), s.Err())
	}
}

func TestResetReuse(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`[1,]`), 0)
	s.Skip()
	s.Finish()
	old := s.Errors()
	s.Reset([]byte(`{"b":"\n"}`), 2)
	walk(&s, nil)
	if !s.Finish() || s.Err() != nil || s.Depth() != 0 {
		t.Errorf("second document: %v", s.Err())
	}
	if len(old) != 1 || old[0].Msg != "trailing comma before ']'" {
		t.Errorf("Errors() result changed by Reset: %v", old)
	}
	s.Reset([]byte(`[[[1]]]`), 2) // maxDepth is reset too
	s.Skip()
	if s.Err() == nil {
		t.Error("depth limit not applied after Reset")
	}
}

func TestZeroScanner(t *testing.T) {
	var s Scanner
	if s.Peek() != Invalid || !s.Finish() {
		t.Error("zero Scanner is not an empty document")
	}
	if _, ok := s.Skip(); ok || s.Err() == nil {
		t.Error("Skip on empty input succeeded")
	}
}

// TestAllocs checks the allocation contract: Reset converts once, and
// reading strings without escapes, keys and numbers costs nothing after it.
func TestAllocs(t *testing.T) {
	doc := []byte(`{"id":"evt_1","tags":["a","b","東京"],"n":-1.5e3,"ok":true,"o":{"k":null}}`)
	var s Scanner
	allocs := testing.AllocsPerRun(100, func() {
		s.Reset(doc, 0)
		walk(&s, nil)
		if !s.Finish() {
			t.Fatal(s.Err())
		}
	})
	if allocs != 1 {
		t.Errorf("Reset+walk allocates %v times, want 1", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() {
		s.Reset(doc, 0)
		s.Skip()
	})
	if allocs != 1 {
		t.Errorf("Reset+Skip allocates %v times, want 1", allocs)
	}
	esc := []byte(`"a\nb"`)
	allocs = testing.AllocsPerRun(100, func() {
		s.Reset(esc, 0)
		s.ReadString()
	})
	if allocs != 2 {
		t.Errorf("Reset+ReadString(escaped) allocates %v times, want 2", allocs)
	}
}

// TestSubstring checks that unescaped values share the one conversion.
func TestSubstring(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`{"key":"value"}`), 0)
	s.BeginObject()
	k, _ := s.NextKey()
	v, _ := s.ReadString()
	if !sameBacking(s.str, k) || !sameBacking(s.str, v) {
		t.Error("key or value is not a substring of the input conversion")
	}
	if txt := s.Text(2, 5); txt != "key" || !sameBacking(s.str, txt) {
		t.Errorf("Text(2, 5) = %q, not the substring of the input conversion", txt)
	}
}

func sameBacking(whole, part string) bool {
	w := uintptr(unsafe.Pointer(unsafe.StringData(whole)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(part)))
	return len(part) > 0 && p >= w && p+uintptr(len(part)) <= w+uintptr(len(whole))
}

// TestBeginIf checks BeginObjectIf and BeginArrayIf on their fast path
// (compact plain input), after whitespace, on a value of another kind
// (nothing consumed, no error), at the depth limit and after a fatal error.
func TestBeginIf(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`{"a":[1],"b": {"c":2},"d":3}`), 0)
	if ok, is := s.BeginObjectIf(); !ok || !is || s.Depth() != 1 {
		t.Fatalf("object: %v %v, depth %d", ok, is, s.Depth())
	}
	s.NextKey()
	if ok, is := s.BeginObjectIf(); ok || is || s.Offset() != 5 || s.Err() != nil {
		t.Fatalf("object on an array: %v %v, offset %d, err %v", ok, is, s.Offset(), s.Err())
	}
	if ok, is := s.BeginArrayIf(); !ok || !is || s.Depth() != 2 {
		t.Fatalf("array: %v %v, depth %d", ok, is, s.Depth())
	}
	for s.NextElement() {
		s.ReadNumber()
	}
	s.NextKey()
	if ok, is := s.BeginObjectIf(); !ok || !is || s.Depth() != 2 { // after a space: the general path
		t.Fatalf("object after whitespace: %v %v, depth %d", ok, is, s.Depth())
	}
	s.Reset([]byte(`[[1]]`), 1)
	if ok, is := s.BeginArrayIf(); !ok || !is {
		t.Fatalf("outer array: %v %v", ok, is)
	}
	s.NextElement()
	if ok, is := s.BeginArrayIf(); ok || !is || s.Err() == nil {
		t.Fatalf("past the depth limit: %v %v, err %v", ok, is, s.Err())
	}
	if ok, is := s.BeginArrayIf(); ok || is {
		t.Fatalf("after a fatal error: %v %v", ok, is)
	}
}
