package contactevents

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// Content says how a stream was stored, as OpenContent found it.
type Content struct {
	// Gzip reports that the stream was gzip-compressed (one member or
	// several, concatenated); it is read decompressed.
	Gzip bool
	// BOM reports that a UTF-8 byte order mark started the content (after
	// decompression); it is skipped.
	BOM bool
}

// gzipMagic starts every gzip member (RFC 1952: ID1, ID2).
var gzipMagic = []byte{0x1f, 0x8b}

// utf8BOM is U+FEFF in UTF-8.
var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// OpenContent returns a reader of what r holds, the way archives store
// events: decompressed when r starts with gzip's magic bytes, whatever its
// name says (concatenated gzip members, as S3 multipart uploads and cat
// produce, are read one after the other), and without a UTF-8 byte order
// mark at the start of the content (RFC 8259 lets a parser ignore one, and
// some editors write one; anywhere else it is a syntax error). Content says
// what was found, for a tool that reports it.
//
// NewDecoder reads its stream through OpenContent; content that was opened
// already has neither and is read as is. A gzip stream that is corrupt or
// truncated is a read error of the returned reader: a *ContentError that
// says how far the content got.
func OpenContent(r io.Reader) (io.Reader, Content, error) {
	var c Content
	r, head, err := peek(r)
	if err != nil {
		return nil, c, err
	}
	if bytes.HasPrefix(head, gzipMagic) {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, c, fmt.Errorf("contactevents: gzip: %w", err)
		}
		c.Gzip = true
		if r, head, err = peek(&gzipContent{r: gz}); err != nil {
			return nil, c, err
		}
	}
	if bytes.Equal(head, utf8BOM) {
		c.BOM = true
		if _, err := io.ReadFull(r, head); err != nil {
			return nil, c, err
		}
	}
	return r, c, nil
}

// peek returns the first bytes of r (as many as a BOM has, fewer at its end)
// and a reader of all of r, them included: r itself when it can seek back (a
// file, a bytes.Reader: no copy), else the bytes read followed by r.
func peek(r io.Reader) (io.Reader, []byte, error) {
	var buf [3]byte
	n, err := io.ReadFull(r, buf[:])
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
	case err != nil:
		return nil, nil, err
	}
	head := buf[:n]
	if s, ok := r.(io.Seeker); ok {
		if _, err := s.Seek(-int64(n), io.SeekCurrent); err == nil {
			return r, bytes.Clone(head), nil
		}
	}
	head = bytes.Clone(head)
	return io.MultiReader(bytes.NewReader(head), r), head, nil
}

// ContentError is the read error of gzip content that could not be read to
// its end (truncated or corrupt), with how far it got: what was read before
// it is whole, the line it cuts is not.
type ContentError struct {
	// Offset is the number of bytes of content (decompressed) read before
	// the error.
	Offset int64
	// Line is the 1-based line of the content that the error cuts.
	Line int
	// Err is io.ErrUnexpectedEOF for a truncated stream, else gzip's error.
	Err error
}

func (e *ContentError) Error() string {
	what := "corrupt"
	if errors.Is(e.Err, io.ErrUnexpectedEOF) {
		what = "truncated"
	}
	return fmt.Sprintf("contactevents: gzip stream %s after %d bytes, line %d: %v", what, e.Offset, e.Line, e.Err)
}

// Unwrap returns the gzip error.
func (e *ContentError) Unwrap() error { return e.Err }

// gzipContent reads decompressed content and counts it, for the position of
// a read error.
type gzipContent struct {
	r        io.Reader
	off      int64
	newlines int
	err      *ContentError
}

func (g *gzipContent) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	g.off += int64(n)
	g.newlines += bytes.Count(p[:n], []byte{'\n'})
	if err != nil && err != io.EOF {
		g.err = &ContentError{Offset: g.off, Line: g.newlines + 1, Err: err}
		return n, g.err
	}
	return n, err
}
