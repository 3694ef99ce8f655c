package contactevents

import (
	"bytes"
	"compress/gzip"
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
// truncated is a read error of the returned reader.
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
		if r, head, err = peek(gz); err != nil {
			return nil, c, fmt.Errorf("contactevents: gzip: %w", err)
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
