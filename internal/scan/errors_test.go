package scan

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

type wantErr struct {
	Off  int64
	Line int
	Col  int
	Msg  string
}

func errList(s *Scanner) []wantErr {
	var out []wantErr
	for _, e := range s.Errors() {
		out = append(out, wantErr{e.Offset, e.Line, e.Column, e.Msg})
	}
	return out
}

// scanBoth runs the input through Skip+Finish and through the typed walk and
// returns both error lists.
func scanBoth(data []byte, maxDepth int) (skipErrs, walkErrs []wantErr) {
	var s Scanner
	s.Reset(data, maxDepth)
	s.Skip()
	s.Finish()
	skipErrs = errList(&s)
	s.Reset(data, maxDepth)
	walk(&s, nil)
	s.Finish()
	return skipErrs, errList(&s)
}

func TestErrors(t *testing.T) {
	type e = wantErr
	tests := []struct {
		name     string
		in       string
		maxDepth int
		want     []e
	}{
		// Valid documents.
		{name: "object", in: `{"a":1,"b":[true,false,null],"c":{"d":"e"}}`},
		{name: "spaces", in: " \t\r\n{ \"a\" : [ 1 , 2 ] } \n"},
		{name: "empty containers", in: `[{},[],{"a":{}},[[]]]`},
		{name: "scalar", in: `"x"`},
		{name: "neg zero", in: `-0`},
		{name: "exponent", in: `1e5`},
		{name: "all number parts", in: `[-12.5E+3, 0.001e-7, 10, 0, -0.0]`},

		// End of input.
		{name: "empty", in: ``, want: []e{{0, 1, 1, "unexpected end of input, expected a value"}}},
		{name: "only space", in: "  \n ", want: []e{{4, 2, 2, "unexpected end of input, expected a value"}}},
		{name: "eof after {", in: `{`, want: []e{{1, 1, 2, "unexpected end of input, expected object key string or '}'"}}},
		{name: "eof after key", in: `{"a"`, want: []e{{4, 1, 5, "unexpected end of input, expected ':' after object key"}}},
		{name: "eof after key space", in: `{"a" `, want: []e{{5, 1, 6, "unexpected end of input, expected ':' after object key"}}},
		{name: "eof after colon", in: `{"a":`, want: []e{{5, 1, 6, "unexpected end of input, expected a value"}}},
		{name: "eof after member", in: `{"a":1`, want: []e{{6, 1, 7, "unexpected end of input, expected ',' or '}'"}}},
		{name: "eof after member comma", in: `{"a":1,`, want: []e{{7, 1, 8, "unexpected end of input, expected object key string"}}},
		{name: "eof after [", in: `[`, want: []e{{1, 1, 2, "unexpected end of input, expected a value or ']'"}}},
		{name: "eof after element", in: `[1`, want: []e{{2, 1, 3, "unexpected end of input, expected ',' or ']'"}}},
		{name: "eof after element comma", in: `[1,`, want: []e{{3, 1, 4, "unexpected end of input, expected a value"}}},
		{name: "eof nested", in: `{"a":[{"b":"c"}`, want: []e{{15, 1, 16, "unexpected end of input, expected ',' or ']'"}}},

		// Structural characters.
		{name: "bad key", in: `{x}`, want: []e{{1, 1, 2, "invalid character 'x' looking for beginning of object key string"}}},
		{name: "comma first in object", in: `{,}`, want: []e{{1, 1, 2, "invalid character ',' looking for beginning of object key string"}}},
		{name: "bad key after comma", in: `{"a":1,2:3}`, want: []e{{7, 1, 8, "invalid character '2' looking for beginning of object key string"}}},
		{name: "missing colon", in: `{"a" 1}`, want: []e{{5, 1, 6, "invalid character '1' after object key, expected ':'"}}},
		{name: "missing comma in object", in: `{"a":1 "b":2}`, want: []e{{7, 1, 8, `invalid character '"' after object key:value pair, expected ',' or '}'`}}},
		{name: "object closed by ]", in: `{"a":1]`, want: []e{{6, 1, 7, "invalid character ']' after object key:value pair, expected ',' or '}'"}}},
		{name: "missing comma in array", in: `[1 2]`, want: []e{{3, 1, 4, "invalid character '2' after array element, expected ',' or ']'"}}},
		{name: "array closed by }", in: `[1}`, want: []e{{2, 1, 3, "invalid character '}' after array element, expected ',' or ']'"}}},
		{name: "double comma", in: `[1,,2]`, want: []e{{3, 1, 4, "invalid character ',' looking for beginning of value"}}},
		{name: "comma first in array", in: `[,]`, want: []e{{1, 1, 2, "invalid character ',' looking for beginning of value"}}},
		{name: "bad value", in: `x`, want: []e{{0, 1, 1, "invalid character 'x' looking for beginning of value"}}},
		{name: "bad value in object", in: `{"a":}`, want: []e{{5, 1, 6, "invalid character '}' looking for beginning of value"}}},
		{name: "non-ascii value", in: `[é]`, want: []e{{1, 1, 2, "invalid character 'é' looking for beginning of value"}}},
		{name: "invalid byte value", in: "[\xff]", want: []e{{1, 1, 2, `invalid character '\xff' looking for beginning of value`}}},
		{name: "quote value", in: `'a'`, want: []e{{0, 1, 1, `invalid character '\'' looking for beginning of value`}}},
		{name: "control value", in: "\x01", want: []e{{0, 1, 1, `invalid character '\x01' looking for beginning of value`}}},

		// Trailing data.
		{name: "trailing brace", in: `{}}`, want: []e{{2, 1, 3, "trailing data after the top-level value: '}'"}}},
		{name: "trailing value", in: "{\"a\":1}\n x", want: []e{{9, 2, 2, "trailing data after the top-level value: 'x'"}}},
		{name: "two values", in: `1 2`, want: []e{{2, 1, 3, "trailing data after the top-level value: '2'"}}},
		{name: "literal suffix", in: `truex`, want: []e{{4, 1, 5, "trailing data after the top-level value: 'x'"}}},
		{name: "trailing newline quoted", in: "1\x00", want: []e{{1, 1, 2, `trailing data after the top-level value: '\x00'`}}},

		// Trailing commas: recoverable.
		{name: "trailing comma array", in: `[1,2,]`, want: []e{{4, 1, 5, "trailing comma before ']'"}}},
		{name: "trailing comma object", in: `{"a":1,}`, want: []e{{6, 1, 7, "trailing comma before '}'"}}},
		{name: "trailing comma spaced", in: "[1 , \n ]", want: []e{{3, 1, 4, "trailing comma before ']'"}}},
		{name: "trailing commas then fatal", in: "{\n  \"a\": [1, 2,],\n  \"b\": {\"c\": 3,},\n  \"d\": [{},],\n  \"e\": tru\n}", want: []e{
			{14, 2, 13, "trailing comma before ']'"},
			{32, 3, 15, "trailing comma before '}'"},
			{46, 4, 11, "trailing comma before ']'"},
			{60, 5, 11, "invalid character '\\n' in literal true (expecting 'e')"},
		}},
		{name: "trailing commas then trailing data", in: `[[1,],{"a":[],},] ]`, want: []e{
			{3, 1, 4, "trailing comma before ']'"},
			{13, 1, 14, "trailing comma before '}'"},
			{15, 1, 16, "trailing comma before ']'"},
			{18, 1, 19, "trailing data after the top-level value: ']'"},
		}},

		// Strings.
		{name: "unterminated string", in: `"abc`, want: []e{{4, 1, 5, `unexpected end of input, expected closing '"' of string`}}},
		{name: "unterminated long string", in: `["abcdefghijklmnopqrstuvwxyz`, want: []e{{28, 1, 29, `unexpected end of input, expected closing '"' of string`}}},
		{name: "newline in string", in: "\"a\nb\"", want: []e{{2, 1, 3, `invalid character '\n' in string literal`}}},
		{name: "tab in long string", in: "\"abcdefghijkl\tb\"", want: []e{{13, 1, 14, `invalid character '\t' in string literal`}}},
		{name: "nul in string", in: "\"\x00\"", want: []e{{1, 1, 2, `invalid character '\x00' in string literal`}}},
		{name: "bad escape", in: `"\x"`, want: []e{{2, 1, 3, "invalid character 'x' in string escape code"}}},
		{name: "escaped quote char", in: `"\'"`, want: []e{{2, 1, 3, `invalid character '\'' in string escape code`}}},
		{name: "bad hex", in: `"\u12x4"`, want: []e{{5, 1, 6, `invalid character 'x' in \u hexadecimal character escape`}}},
		{name: "short hex", in: `"\u12"`, want: []e{{5, 1, 6, `invalid character '"' in \u hexadecimal character escape`}}},
		{name: "eof in hex", in: `"\u12`, want: []e{{5, 1, 6, `unexpected end of input, expected 4 hexadecimal digits in \u escape`}}},
		{name: "eof in escape", in: `"\`, want: []e{{2, 1, 3, "unexpected end of input, expected string escape code"}}},
		{name: "invalid utf8", in: "\"a\xffb\"", want: []e{{2, 1, 3, "invalid UTF-8 in string"}}},
		{name: "invalid utf8 late", in: "\"abcdefghijklmnop\xc3(\"", want: []e{{17, 1, 18, "invalid UTF-8 in string"}}},
		{name: "utf8 surrogate", in: "\"\xed\xa0\x80\"", want: []e{{1, 1, 2, "invalid UTF-8 in string"}}},
		{name: "utf8 overlong", in: "\"\xc0\xaf\"", want: []e{{1, 1, 2, "invalid UTF-8 in string"}}},
		{name: "utf8 truncated at eof", in: "\"\xe6\x9d", want: []e{{1, 1, 2, "invalid UTF-8 in string"}}},
		{name: "invalid utf8 in key", in: "{\"k\x80\":1}", want: []e{{3, 1, 4, "invalid UTF-8 in string"}}},
		{name: "valid multibyte", in: `["Zoë", "東京", "😀", "\u00e9\ud83d\ude00\ud800"]`},
		{name: "column counts characters", in: "[\"é\",\n \"東京\" x]", want: []e{{17, 2, 7, "invalid character 'x' after array element, expected ',' or ']'"}}},

		// Numbers.
		{name: "leading zero", in: `01`, want: []e{{1, 1, 2, "invalid character '1' in numeric literal"}}},
		{name: "neg leading zero", in: `[-01]`, want: []e{{3, 1, 4, "invalid character '1' in numeric literal"}}},
		{name: "dot eof", in: `1.`, want: []e{{2, 1, 3, "unexpected end of input, expected digit after decimal point in numeric literal"}}},
		{name: "dot no digit", in: `[1.]`, want: []e{{3, 1, 4, "invalid character ']' after decimal point in numeric literal"}}},
		{name: "leading dot", in: `.5`, want: []e{{0, 1, 1, "invalid character '.' looking for beginning of value"}}},
		{name: "minus eof", in: `-`, want: []e{{1, 1, 2, "unexpected end of input, expected digit in numeric literal"}}},
		{name: "minus letter", in: `-x`, want: []e{{1, 1, 2, "invalid character 'x' in numeric literal"}}},
		{name: "exponent eof", in: `1e`, want: []e{{2, 1, 3, "unexpected end of input, expected digit in exponent of numeric literal"}}},
		{name: "exponent sign eof", in: `1E+`, want: []e{{3, 1, 4, "unexpected end of input, expected digit in exponent of numeric literal"}}},
		{name: "exponent letter", in: `[1ex]`, want: []e{{3, 1, 4, "invalid character 'x' in exponent of numeric literal"}}},
		{name: "plus", in: `+1`, want: []e{{0, 1, 1, "invalid character '+' looking for beginning of value"}}},
		{name: "two dots", in: `1.5.2`, want: []e{{3, 1, 4, "invalid character '.' in numeric literal"}}},
		{name: "two exponents", in: `{"a":1e5e3}`, want: []e{{8, 1, 9, "invalid character 'e' in numeric literal"}}},
		{name: "hex", in: `0x10`, want: []e{{1, 1, 2, "trailing data after the top-level value: 'x'"}}},

		// Literals.
		{name: "literal eof", in: `tru`, want: []e{{3, 1, 4, "unexpected end of input, expected literal true"}}},
		{name: "literal typo", in: `[trux]`, want: []e{{4, 1, 5, "invalid character 'x' in literal true (expecting 'e')"}}},
		{name: "false typo", in: `fals`, want: []e{{4, 1, 5, "unexpected end of input, expected literal false"}}},
		{name: "false case", in: `fAlse`, want: []e{{1, 1, 2, "invalid character 'A' in literal false (expecting 'a')"}}},
		{name: "null typo", in: `{"a":nul}`, want: []e{{8, 1, 9, "invalid character '}' in literal null (expecting 'l')"}}},
		{name: "lone t", in: `t`, want: []e{{1, 1, 2, "unexpected end of input, expected literal true"}}},

		// Depth.
		{name: "depth at limit", in: `[[[1]]]`, maxDepth: 3},
		{name: "depth over limit", in: `[[[[1]]]]`, maxDepth: 3, want: []e{{3, 1, 4, "nesting depth exceeds the limit of 3"}}},
		{name: "depth empty over limit", in: `[[[{}]]]`, maxDepth: 3, want: []e{{3, 1, 4, "nesting depth exceeds the limit of 3"}}},
		{name: "depth object", in: `{"a":{"b":{"c":{}}}}`, maxDepth: 3, want: []e{{15, 1, 16, "nesting depth exceeds the limit of 3"}}},
		{name: "depth siblings", in: `[[1],[2],[[3]]]`, maxDepth: 3},
		{name: "depth default", in: strings.Repeat("[", 10001), want: []e{{10000, 1, 10001, "nesting depth exceeds the limit of 10000"}}},
		{name: "depth default ok", in: strings.Repeat("[", 10000) + strings.Repeat("]", 10000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			skipErrs, walkErrs := scanBoth([]byte(tt.in), tt.maxDepth)
			if diff := cmp.Diff(tt.want, skipErrs); diff != "" {
				t.Errorf("Skip+Finish errors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, walkErrs); diff != "" {
				t.Errorf("typed walk errors (-want +got):\n%s", diff)
			}
			// Cross-check with encoding/json where it applies.
			if utf8.ValidString(tt.in) && tt.maxDepth == 0 {
				if got, want := len(tt.want) == 0, json.Valid([]byte(tt.in)); got != want {
					t.Errorf("valid = %v, encoding/json.Valid = %v", got, want)
				}
			}
		})
	}
}

func TestSyntaxErrorFormat(t *testing.T) {
	in := "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"c\": {\"d\": 1,}\n}"
	var s Scanner
	s.Reset([]byte(in), 0)
	s.Skip()
	if s.Finish() {
		t.Fatal("Finish reported success despite a trailing comma")
	}
	err := s.Err()
	const want = "line 4, column 15 (byte 41): trailing comma before '}'"
	if err == nil || err.Error() != want {
		t.Fatalf("Err() = %v, want %q", err, want)
	}
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != 41 || se.Line != 4 || se.Column != 15 {
		t.Fatalf("errors.As: %#v", se)
	}
	if in[se.Offset] != ',' {
		t.Fatalf("offset %d points at %q", se.Offset, in[se.Offset])
	}
}

func TestErrJoin(t *testing.T) {
	in := `{"a":[1,],"b":{"c":2,},"d":x}`
	var s Scanner
	s.Reset([]byte(in), 0)
	walk(&s, nil)
	if s.Finish() {
		t.Fatal("Finish() = true")
	}
	err := s.Err()
	want := "line 1, column 8 (byte 7): trailing comma before ']'\n" +
		"line 1, column 21 (byte 20): trailing comma before '}'\n" +
		"line 1, column 28 (byte 27): invalid character 'x' looking for beginning of value"
	if err == nil || err.Error() != want {
		t.Fatalf("Err() =\n%v\nwant\n%s", err, want)
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("Err() is %T, want errors.Join result", err)
	}
	for i, e := range joined.Unwrap() {
		if _, ok := e.(*SyntaxError); !ok {
			t.Errorf("error %d is %T, want *SyntaxError", i, e)
		}
	}
}

func TestTrailingCommaRecoveryContinues(t *testing.T) {
	in := `{"a":[1,2,],"b":"x","c":{"d":true,},}`
	var s Scanner
	s.Reset([]byte(in), 0)
	got := map[string]any{}
	if !s.BeginObject() {
		t.Fatal(s.Err())
	}
	for key, ok := s.NextKey(); ok; key, ok = s.NextKey() {
		switch key {
		case "a":
			var xs []string
			if s.BeginArray() {
				for s.NextElement() {
					n, _ := s.ReadNumber()
					xs = append(xs, n)
				}
			}
			got[key] = xs
		case "b":
			got[key], _ = s.ReadString()
		case "c":
			raw, _ := s.Skip()
			got[key] = string(raw)
		}
	}
	if s.Finish() {
		t.Error("Finish() = true with trailing commas")
	}
	want := map[string]any{"a": []string{"1", "2"}, "b": "x", "c": `{"d":true,}`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]wantErr{
		{9, 1, 10, "trailing comma before ']'"},
		{33, 1, 34, "trailing comma before '}'"},
		{35, 1, 36, "trailing comma before '}'"},
	}, errList(&s)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if s.Depth() != 0 {
		t.Errorf("Depth() = %d after the document", s.Depth())
	}
}

func TestWrongKind(t *testing.T) {
	tests := []struct {
		in   string
		read func(*Scanner) bool
		want string
	}{
		{`1`, func(s *Scanner) bool { _, ok := s.ReadString(); return ok }, "expected string, found number"},
		{`"1"`, func(s *Scanner) bool { _, ok := s.ReadNumber(); return ok }, "expected number, found string"},
		{`null`, func(s *Scanner) bool { _, ok := s.ReadBool(); return ok }, "expected boolean, found null"},
		{`true`, func(s *Scanner) bool { return s.ReadNull() }, "expected null, found boolean"},
		{`[]`, func(s *Scanner) bool { return s.BeginObject() }, "expected object, found array"},
		{`{}`, func(s *Scanner) bool { return s.BeginArray() }, "expected array, found object"},
		{`x`, func(s *Scanner) bool { _, ok := s.ReadString(); return ok }, "invalid character 'x' looking for beginning of value"},
		{` `, func(s *Scanner) bool { _, ok := s.ReadNumber(); return ok }, "unexpected end of input, expected number"},
		{``, func(s *Scanner) bool { return s.BeginObject() }, "unexpected end of input, expected object"},
	}
	for _, tt := range tests {
		var s Scanner
		s.Reset([]byte(tt.in), 0)
		if tt.read(&s) {
			t.Errorf("%q: read succeeded", tt.in)
			continue
		}
		var se *SyntaxError
		if !errors.As(s.Err(), &se) || se.Msg != tt.want {
			t.Errorf("%q: Err() = %v, want %q", tt.in, s.Err(), tt.want)
		}
	}
}

func TestStoppedScannerReturnsZero(t *testing.T) {
	var s Scanner
	s.Reset([]byte(`{"a":[1,],"b" 2, "c": "d"}`), 0)
	walk(&s, nil)
	first := s.Err()
	if first == nil {
		t.Fatal("no error")
	}
	if s.Peek() != Invalid || s.BeginObject() || s.BeginArray() || s.NextElement() || s.ReadNull() || s.Finish() {
		t.Error("a method succeeded after a fatal error")
	}
	if k, ok := s.NextKey(); ok || k != "" {
		t.Error("NextKey succeeded after a fatal error")
	}
	if v, ok := s.ReadString(); ok || v != "" {
		t.Error("ReadString succeeded after a fatal error")
	}
	if v, ok := s.ReadNumber(); ok || v != "" {
		t.Error("ReadNumber succeeded after a fatal error")
	}
	if v, ok := s.ReadBool(); ok || v {
		t.Error("ReadBool succeeded after a fatal error")
	}
	if v, ok := s.Skip(); ok || v != nil {
		t.Error("Skip succeeded after a fatal error")
	}
	s.Fail(0, "ignored")
	if s.Err().Error() != first.Error() {
		t.Errorf("Err changed after stop: %v", s.Err())
	}
	if len(s.Errors()) != 2 {
		t.Errorf("Errors() = %v", s.Errors())
	}
}

func TestFail(t *testing.T) {
	in := []byte(`{"a":[1,],"kind":"unknown"}`)
	var s Scanner
	s.Reset(in, 0)
	s.BeginObject()
	for key, ok := s.NextKey(); ok; key, ok = s.NextKey() {
		if key == "kind" {
			s.Fail(s.KeyOffset(), `unknown kind "unknown"`)
			break
		}
		s.Skip()
	}
	if s.Finish() {
		t.Fatal("Finish() = true after Fail")
	}
	if diff := cmp.Diff([]wantErr{
		{7, 1, 8, "trailing comma before ']'"},
		{10, 1, 11, `unknown kind "unknown"`},
	}, errList(&s)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}

	// An earlier offset sorts first; out-of-range offsets are clamped.
	s.Reset(in, 0)
	s.Skip()
	s.Fail(1000, "late")
	s.Reset(in, 0)
	s.BeginObject()
	s.NextKey()
	s.Skip()
	s.Fail(-5, "early")
	if diff := cmp.Diff([]wantErr{
		{0, 1, 1, "early"},
		{7, 1, 8, "trailing comma before ']'"},
	}, errList(&s)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	s.Reset(in, 0)
	s.Fail(1000, "late")
	if e := s.Errors()[0]; e.Offset != int64(len(in)) || e.Column != len(in)+1 {
		t.Errorf("clamped error = %+v", e)
	}
}

func TestLineColumn(t *testing.T) {
	data := []byte("ab\ncé\n\n東x")
	tests := []struct{ off, line, col int }{
		{-1, 1, 1}, {0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {7, 3, 1},
		{8, 4, 1}, {11, 4, 2}, {12, 4, 3}, {100, 4, 3},
	}
	for _, tt := range tests {
		line, col := LineColumn(data, tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("LineColumn(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

// TestRuneCount: LineColumn's count of a line's characters is
// utf8.RuneCount's, on ASCII runs of every length around its eight-byte
// steps, multi-byte characters across them and invalid bytes.
func TestRuneCount(t *testing.T) {
	pieces := []string{"", "a", "abcdefg", "abcdefgh", "abcdefghi", "é", "東", "\U0001F600", "\xff", "\x80", "\xe6\x9d", "\xf0\x9f\x98", "\n"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				in := []byte(a + strings.Repeat("x", len(b)) + b + c + a)
				if got, want := runeCount(in), utf8.RuneCount(in); got != want {
					t.Errorf("runeCount(%q) = %d, want %d", in, got, want)
				}
			}
		}
	}
}

// FuzzRuneCount: runeCount is utf8.RuneCount on any bytes.
func FuzzRuneCount(f *testing.F) {
	f.Add([]byte("ab\ncé\n\n東x"))
	f.Add([]byte("abcdefgh\xffabcdefgh\xe6\x9d\xb1abcdefgh"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if got, want := runeCount(in), utf8.RuneCount(in); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", in, got, want)
		}
	})
}

// TestTooManyTrailingCommas checks the cap on recoverable errors and that a
// hostile document full of them is still scanned in linear time.
func TestTooManyTrailingCommas(t *testing.T) {
	in := []byte("[" + strings.Repeat("\n[1,],", maxRecoverable) + "\n[2,], [3,]]")
	skipErrs, walkErrs := scanBoth(in, 0)
	if diff := cmp.Diff(skipErrs, walkErrs); diff != "" {
		t.Fatalf("Skip and walk disagree (-skip +walk):\n%s", diff)
	}
	if len(skipErrs) != maxRecoverable+1 {
		t.Fatalf("%d errors, want %d", len(skipErrs), maxRecoverable+1)
	}
	for i, e := range skipErrs[:maxRecoverable] {
		if e.Msg != "trailing comma before ']'" || e.Line != i+2 || e.Col != 3 {
			t.Fatalf("error %d = %+v", i, e)
		}
	}
	want := wantErr{int64(len(in)) - 9, maxRecoverable + 2, 3, "trailing comma before ']'; too many errors (more than 100), scanning stopped"}
	if got := skipErrs[maxRecoverable]; got != want {
		t.Fatalf("last error = %+v, want %+v", got, want)
	}

	// One long line with a million trailing commas: bounded errors and
	// work (this would take minutes if each error rescanned the input).
	big := []byte("[" + strings.Repeat("[1,],", 1<<20) + "0]")
	var s Scanner
	s.Reset(big, 0)
	s.Skip()
	if n := len(s.Errors()); n != maxRecoverable+1 {
		t.Fatalf("%d errors", n)
	}
	if e := s.Errors()[maxRecoverable]; e.Column != int(e.Offset)+1 {
		t.Fatalf("last error %+v", e)
	}
}
