package scan

import (
	"bytes"
	"testing"
)

// TestPlainText checks which inputs take the plain fast path: the compact
// event does; indentation, an escape, a control byte or a non-ASCII byte
// anywhere (first, middle or last word, or the tail) does not.
func TestPlainText(t *testing.T) {
	if !plainText(compactEvent(t)) {
		t.Error("the compact event is not plain")
	}
	if plainText(loadEvent(t)) {
		t.Error("the indented event is plain")
	}
	base := bytes.Repeat([]byte(`{"a":"b"}`), 11) // 99 bytes: 3 blocks of 32 and a tail
	if !plainText(base) || !plainText(nil) {
		t.Fatal("plain inputs rejected")
	}
	for _, c := range []byte{'\\', 0, '\n', 0x1f, 0x80, 0xff} {
		for _, at := range []int{0, 7, 8, 31, 32, 63, 95, 96, 98} {
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
