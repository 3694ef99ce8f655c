package scan

import (
	stdjson "encoding/json"
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
