package scan

import (
	"bytes"
	stdjson "encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	segjson "github.com/segmentio/encoding/json"
)

// BenchmarkSkip validates the realistic document with Reset+Skip+Finish;
// the one string conversion in Reset is included.
func BenchmarkSkip(b *testing.B) {
	doc := loadEvent(b)
	var s Scanner
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		s.Reset(doc, 0)
		s.Skip()
		if !s.Finish() {
			b.Fatal(s.Err())
		}
	}
}

// BenchmarkSegmentioValid is the yardstick for BenchmarkSkip.
func BenchmarkSegmentioValid(b *testing.B) {
	doc := loadEvent(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if !segjson.Valid(doc) {
			b.Fatal("invalid")
		}
	}
}

// BenchmarkSkipASCII is BenchmarkSkip on asciiEvent.
func BenchmarkSkipASCII(b *testing.B) {
	doc := asciiEvent(b)
	var s Scanner
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		s.Reset(doc, 0)
		s.Skip()
		if !s.Finish() {
			b.Fatal(s.Err())
		}
	}
}

// BenchmarkSegmentioValidASCII is BenchmarkSegmentioValid on asciiEvent.
func BenchmarkSegmentioValidASCII(b *testing.B) {
	doc := asciiEvent(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if !segjson.Valid(doc) {
			b.Fatal("invalid")
		}
	}
}

// BenchmarkStdlibValid is encoding/json.Valid, for reference.
func BenchmarkStdlibValid(b *testing.B) {
	doc := loadEvent(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if !stdjson.Valid(doc) {
			b.Fatal("invalid")
		}
	}
}

// BenchmarkWalk walks the document the way a generated decoder does: every
// key through NextKey, every string through ReadString (unescaped), every
// number through ReadNumber, containers through Begin*/Next*.
func BenchmarkWalk(b *testing.B) { benchWalk(b, loadEvent(b)) }

// BenchmarkWalkCompact is BenchmarkWalk on compactEvent: ASCII without
// whitespace or escapes, as EventBridge delivers events (the plain path).
func BenchmarkWalkCompact(b *testing.B) { benchWalk(b, compactEvent(b)) }

func benchWalk(b *testing.B, doc []byte) {
	var s Scanner
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		s.Reset(doc, 0)
		walkBench(&s)
		if !s.Finish() {
			b.Fatal(s.Err())
		}
	}
}

// walkBench is walk without the test hooks.
func walkBench(s *Scanner) {
	switch s.Peek() {
	case Object:
		if s.BeginObject() {
			for _, ok := s.NextKey(); ok; _, ok = s.NextKey() {
				walkBench(s)
			}
		}
	case Array:
		if s.BeginArray() {
			for s.NextElement() {
				walkBench(s)
			}
		}
	case String:
		s.ReadString()
	case Number:
		s.ReadNumber()
	case True, False:
		s.ReadBool()
	case Null:
		s.ReadNull()
	default:
		s.Skip()
	}
}

// BenchmarkSegmentioUnmarshalAny decodes the document into `any` with
// segmentio, for a sense of scale of a full generic decode.
func BenchmarkSegmentioUnmarshalAny(b *testing.B) {
	doc := loadEvent(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := segjson.Unmarshal(doc, &v); err != nil {
			b.Fatal(err)
		}
	}
}

var escaped = []byte(`"Prefers e-mail.\nCall only on weekdays \u2014 09:00\u201317:00 CET. Path: C:\\Users\\zoe \ud83d\ude00"`)

// BenchmarkUnescape compares the scanner's unescaping with segmentio's
// AppendUnescape on a typical escaped string (the measurement behind the
// choice documented in the package comment).
func BenchmarkUnescape(b *testing.B) {
	b.Run("scan", func(b *testing.B) {
		var s Scanner
		s.Reset(escaped, 0)
		b.SetBytes(int64(len(escaped)))
		b.ReportAllocs()
		for b.Loop() {
			s.pos, s.stopped = 0, false
			if _, ok := s.ReadString(); !ok {
				b.Fatal(s.Err())
			}
		}
	})
	b.Run("segmentio", func(b *testing.B) {
		var buf []byte
		b.SetBytes(int64(len(escaped)))
		b.ReportAllocs()
		for b.Loop() {
			buf = segjson.AppendUnescape(buf[:0], escaped, 0)
			_ = string(buf)
		}
	})
}

func TestSegmentioUnescapeReference(t *testing.T) {
	var s Scanner
	s.Reset(escaped, 0)
	got, ok := s.ReadString()
	want := string(segjson.AppendUnescape(nil, escaped, 0))
	var std string
	if err := stdjson.Unmarshal(escaped, &std); err != nil {
		t.Fatal(err)
	}
	if !ok || got != std || want != std {
		t.Fatalf("scan %q, segmentio %q, encoding/json %q", got, want, std)
	}
}

// BenchmarkWalkVaried is BenchmarkWalkCompact over 64 variants of the
// compact event whose string values have random lengths (each from half to
// one and a half times its length in the event), one variant after the
// other: a branch that depends on where a string ends cannot be learnt from
// one repeated document, as it cannot in a stream of events.
func BenchmarkWalkVaried(b *testing.B) {
	docs := variedEvents(b, 64)
	var s Scanner
	var n int64
	for _, d := range docs {
		n += int64(len(d))
	}
	b.SetBytes(n / int64(len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Reset(docs[i%len(docs)], 0)
		walkBench(&s)
		if !s.Finish() {
			b.Fatal(s.Err())
		}
		i++
	}
}

// variedEvents returns n compact variants of asciiEvent with every string
// value replaced by one of a random length around its own (seeded: the same
// set each run).
func variedEvents(tb testing.TB, n int) [][]byte {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var vary func(v any) any
	vary = func(v any) any {
		switch v := v.(type) {
		case string:
			return strings.Repeat("v", len(v)/2+rng.IntN(len(v)+1))
		case []any:
			for i := range v {
				v[i] = vary(v[i])
			}
		case map[string]any:
			for k := range v {
				v[k] = vary(v[k])
			}
		}
		return v
	}
	docs := make([][]byte, n)
	for i := range docs {
		var c any
		if err := stdjson.Unmarshal(asciiEvent(tb), &c); err != nil {
			tb.Fatal(err)
		}
		d, err := stdjson.Marshal(vary(c))
		if err != nil {
			tb.Fatal(err)
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkWalkCompactUTF8 is BenchmarkWalkCompact with one non-ASCII
// character near the end of the document (a name in UTF-8, unescaped):
// not plain, so every string takes the general path, and the plainness
// check runs to that character first.
func BenchmarkWalkCompactUTF8(b *testing.B) {
	doc := compactEvent(b)
	at := bytes.LastIndex(doc, []byte(`":"`)) + 3
	doc = append(doc[:at:at], append([]byte("é"), doc[at:]...)...)
	benchWalk(b, doc)
}
