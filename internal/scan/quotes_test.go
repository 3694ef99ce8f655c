package scan

import (
	"bytes"
	"strings"
	"testing"
)

// checkQuoteIndex checks the quote index that s.Reset built for data
// against a byte-by-byte search: the input is plain as naivePlain says,
// its plain prefix is all of a plain input and otherwise the whole blocks
// before the first byte that is not plain (a backslash among them); from every offset of the prefix,
// plainQuote finds the next quote when it is in the prefix (and answers
// something past the prefix otherwise), and on a plain input nearQuote
// finds it or answers len(data) (past its window only).
func checkQuoteIndex(t *testing.T, s *Scanner, data []byte) {
	t.Helper()
	s.ResetView(data, 0)
	first := bytes.IndexFunc(data, func(r rune) bool { return r == '\\' || r < 0x20 || r >= 0x80 })
	if s.plain != naivePlain(data) || s.plain != (s.prefix == len(data)) {
		t.Fatalf("indexPlain: plain = %v, prefix %d, want plain %v, input %q", s.plain, s.prefix, !s.plain, data)
	}
	if !s.plain && s.prefix > first {
		t.Fatalf("indexPlain: prefix %d past the byte %#x at %d, input %q", s.prefix, data[first], first, data)
	}
	// The prefix is every whole block before that byte.
	if !s.plain && len(data) <= maxIndexed && s.prefix != first&^63 {
		t.Fatalf("indexPlain: prefix %d, want %d (the byte %#x at %d), input %q", s.prefix, first&^63, data[first], first, data)
	}
	want := len(data)
	for i := len(data); i >= 0; i-- {
		if i < len(data) && data[i] == '"' {
			want = i
		}
		if i > s.prefix {
			continue
		}
		if got := s.plainQuote(i); got != want && (want < s.prefix || got < s.prefix) {
			t.Fatalf("plainQuote(%d) = %d, want %d (prefix %d), input %q", i, got, want, s.prefix, data)
		}
		if !s.plain {
			continue
		}
		// The window of i ends at the end of the 64 bytes from the word
		// that holds i; its quote is found there or not at all.
		got, end := s.nearQuote(i), i&^7+64
		if got != want && (got != len(data) || want < end && i+64 <= maxIndexed) {
			t.Fatalf("nearQuote(%d) = %d, want %d (window to %d), input %q", i, got, want, end, data)
		}
	}
}

func FuzzQuoteIndex(f *testing.F) {
	for _, d := range seedDocuments(f) {
		f.Add(d)
	}
	f.Add([]byte(strings.Repeat(`"`, 130)))
	f.Add([]byte(`{"arn":"arn:aws:connect:us-west-2:123456789012:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111/contact/5678","k":"v"}`))
	var s Scanner // reused, so that a shorter input follows a longer one's index
	f.Fuzz(func(t *testing.T, data []byte) {
		checkQuoteIndex(t, &s, data)
	})
}

// TestQuoteIndex checks the index at every length up to three blocks and
// every position of a quote, every byte that makes an input not plain at
// every position (a block, the padded last block), and an input that a
// longer one precedes in the same Scanner (its index reused).
func TestQuoteIndex(t *testing.T) {
	var s Scanner
	for n := range 200 {
		for q := -1; q < n; q += 1 + n/40 {
			d := bytes.Repeat([]byte{'x'}, n)
			if q >= 0 {
				d[q] = '"'
			}
			checkQuoteIndex(t, &s, d)
			if q >= 0 && q+1 < n {
				d[n-1] = '"'
				checkQuoteIndex(t, &s, d)
			}
		}
	}
	base := bytes.Repeat([]byte(`{"a":"b"}`), 15) // 135 bytes: two blocks and a tail
	for _, c := range []byte{'\\', 0, '\n', 0x1f, 0x80, 0xff} {
		for at := range base {
			in := bytes.Clone(base)
			in[at] = c
			checkQuoteIndex(t, &s, in)
		}
	}
	checkQuoteIndex(t, &s, compactEvent(t))
	checkQuoteIndex(t, &s, []byte(`"ab"`))
}

// TestQuoteIndexLarge checks an input longer than the index covers: the
// index stops at maxIndexed, the quotes past it are found by nextQuote,
// strings across the boundary end where they do, and whether the input is
// plain still depends on its bytes past the boundary (a byte that is not
// plain before it ends the plain prefix there, one past it voids it).
func TestQuoteIndexLarge(t *testing.T) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := 0; b.Len() < maxIndexed+5000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.Repeat("s", i%97))
		b.WriteByte('"')
	}
	b.WriteByte(']')
	doc := b.Bytes()
	var s Scanner
	checkQuoteIndex(t, &s, doc)
	if len(s.quotes) != maxIndexed/8 {
		t.Fatalf("the index has %d bytes, want %d", len(s.quotes), maxIndexed/8)
	}
	checkDocument(t, &s, doc)
	for _, at := range []int{maxIndexed - 1, maxIndexed, len(doc) - 2} {
		in := bytes.Clone(doc)
		in[at] = '\n'
		if s.ResetView(in, 0); s.plain {
			t.Errorf("a newline at %d: plain", at)
		}
		checkQuoteIndex(t, &s, in)
		if want := at &^ 63; at < maxIndexed && s.prefix != want {
			t.Errorf("a newline at %d: prefix %d, want %d", at, s.prefix, want)
		}
	}
}

// TestResetNoAlloc checks that a reused Scanner indexes a document without
// allocating once its index has grown to the document's size.
func TestResetNoAlloc(t *testing.T) {
	doc := compactEvent(t)
	var s Scanner
	s.ResetView(doc, 0)
	if n := testing.AllocsPerRun(100, func() { s.ResetView(doc, 0) }); n != 0 || !s.plain {
		t.Fatalf("ResetView: %v allocations, plain %v", n, s.plain)
	}
}

// checkQuoteBlocks checks quoteBlocks (the vector version where there is
// one) against quoteBlocksGo on the whole blocks of data: the same number
// of plain blocks, and the same index for them.
func checkQuoteBlocks(t *testing.T, data []byte) {
	t.Helper()
	n := len(data) >> 6
	got, want := make([]byte, n<<3), make([]byte, n<<3)
	kg, kw := quoteBlocks(data, got), quoteBlocksGo(data, want)
	if kg != kw || !bytes.Equal(got[:kg<<3], want[:kw<<3]) {
		t.Fatalf("quoteBlocks = %d %x, quoteBlocksGo = %d %x, input %q", kg, got[:kg<<3], kw, want[:kw<<3], data)
	}
}

func FuzzQuoteBlocks(f *testing.F) {
	for _, d := range seedDocuments(f) {
		f.Add(d)
	}
	f.Add([]byte(strings.Repeat(`"\`, 100)))
	f.Fuzz(func(t *testing.T, data []byte) { checkQuoteBlocks(t, data) })
}

// TestQuoteBlocks puts every byte value at every offset of a block of
// plain text with quotes (each byte of the third block of four), and
// checks an event compacted as EventBridge sends it.
func TestQuoteBlocks(t *testing.T) {
	base := bytes.Repeat([]byte(`{"a":"b c"}`), 24)[:256]
	for c := range 256 {
		for at := 128; at < 192; at++ {
			in := bytes.Clone(base)
			in[at] = byte(c)
			checkQuoteBlocks(t, in)
		}
	}
	checkQuoteBlocks(t, compactEvent(t))
}
