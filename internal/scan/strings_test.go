package scan

import (
	"bytes"
	"testing"
)

// TestPlainText checks which inputs take the plain fast path: the compact
// event does; indentation, an escape, a control byte or a non-ASCII byte
// anywhere (any byte of the 64-byte rounds, the 32-byte round or the tail)
// does not.
func TestPlainText(t *testing.T) {
	if !plainText(compactEvent(t)) {
		t.Error("the compact event is not plain")
	}
	if plainText(loadEvent(t)) {
		t.Error("the indented event is plain")
	}
	base := bytes.Repeat([]byte(`{"a":"b"}`), 11) // 99 bytes: a round of 64, one of 32 and a tail
	if !plainText(base) || !plainText(nil) {
		t.Fatal("plain inputs rejected")
	}
	for _, c := range []byte{'\\', 0, '\n', 0x1f, 0x80, 0xff} {
		for at := range base {
			in := bytes.Clone(base)
			in[at] = c
			if plainText(in) {
				t.Errorf("byte %#x at %d: plain", c, at)
			}
		}
	}
}

// TestNextQuote checks the quote search at every length and position,
// against bytes.IndexByte.
func TestNextQuote(t *testing.T) {
	for n := range 40 {
		for q := -1; q < n; q++ {
			d := bytes.Repeat([]byte{'x'}, n)
			if q >= 0 {
				d[q] = '"'
				if q+3 < n {
					d[q+3] = '"' // a later quote must not be found first
				}
			}
			for from := 0; from <= n; from++ {
				want := bytes.IndexByte(d[from:], '"')
				if want < 0 {
					want = n
				} else {
					want += from
				}
				if got := nextQuote(d, from); got != want {
					t.Fatalf("len %d, quote at %d, from %d: got %d, want %d", n, q, from, got, want)
				}
			}
		}
	}
}

// TestReadStringIf checks that a string is read as ReadString reads it, and
// that any other value leaves the scanner before it with no error.
func TestReadStringIf(t *testing.T) {
	var s Scanner
	s.Reset([]byte(` "a\u00e9" , 12`), 0)
	if v, ok, isString := s.ReadStringIf(); v != "aé" || !ok || !isString {
		t.Fatalf("string: %q %v %v", v, ok, isString)
	}
	s.Reset([]byte(`  12`), 0)
	if v, ok, isString := s.ReadStringIf(); v != "" || ok || isString || s.Err() != nil || s.Offset() != 2 {
		t.Fatalf("number: %q %v %v, err %v, offset %d", v, ok, isString, s.Err(), s.Offset())
	}
	if n, ok := s.ReadNumber(); n != "12" || !ok {
		t.Fatalf("then ReadNumber: %q %v", n, ok)
	}
	s.Reset([]byte(`"a`), 0)
	if _, ok, isString := s.ReadStringIf(); ok || !isString || s.Err() == nil {
		t.Fatalf("unterminated: %v %v, err %v", ok, isString, s.Err())
	}
	if _, ok, isString := s.ReadStringIf(); ok || !isString {
		t.Fatalf("after a fatal error: %v %v", ok, isString)
	}
}
