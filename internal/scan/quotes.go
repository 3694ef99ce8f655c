package scan

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unsafe"
)

// The quote index: on plain input (see plainText) every string ends at its
// next quote, so Reset records where the quotes are, one bit per byte, in
// the same pass that checks the input is plain. The end of a string is
// then the lowest set bit of one 64-bit window of the index: no loop over
// the string's words, no branch on which word holds the quote (a branch
// that the data decides, string by string, and that mispredicts), no call
// of bytes.IndexByte for a long string. Input that is not plain keeps the
// index of its plain prefix (the blocks before its first control,
// non-ASCII or backslash byte), where strings end at their next quote
// just the same.

// maxIndexed is the number of leading bytes of a plain input that the
// quote index covers (EventBridge's largest event), so that a pooled
// scanner keeps at most maxIndexed/8 bytes of index; quotes past it are
// found by nextQuote.
const maxIndexed = 256 << 10

// quoteBits has the high bit of each byte of w set where that byte is a
// quote. For a byte v below 0x80 (a plain input has no other),
// ^(v^'"') is at least 0x80, and subtracting 0x7f leaves its high bit set
// only for 0xff, that is for v == '"'; no byte borrows from the next.
func quoteBits(w uint64) uint64 {
	return ((w ^ ^uint64('"'*lsb)) - 0x7f*lsb) & msb
}

// gather moves the high bit of byte j of m (which has no other bit set) to
// bit 56+j: the products of the multiplication land on distinct bits, so
// nothing carries (bits 0 to 55 hold the other products).
func gather(m uint64) uint64 {
	return m * 0x0002040810204081
}

// quoteBlocksGo stores in q the bits of the quotes in d, bit j of q[r] for
// d[8r+j], 64 bytes of d (8 of q) at a time, up to the first block that is
// not plain (has a control byte, a non-ASCII byte or a backslash: the bits
// are exact, and every quote ends a string, only in plain blocks), and
// returns the number of plain blocks. It reads at most len(q)/8 blocks; d
// must hold them (it panics otherwise). It is quoteBlocks where there is
// no vector version (quotes_amd64.s), and what that version is tested
// against.
//
// The blocks are addressed from the checked base pointers, without a
// bounds check each: with the slices' five words and the loop's own, the
// loop keeps all its values in registers (a spilled slice costs more per
// block than the bounds checks themselves).
func quoteBlocksGo(d, q []byte) int {
	n := len(q) >> 3
	_ = d[:n<<6]
	pd, pq := unsafe.Pointer(unsafe.SliceData(d)), unsafe.Pointer(unsafe.SliceData(q))
	for k := range n {
		b := (*[64]byte)(unsafe.Add(pd, k<<6))
		// A word at a time, so that few values are live. As in plainText,
		// a byte below 0x20 borrows (and a borrow into the next byte only
		// follows such a byte) and a non-ASCII byte has its high bit set;
		// backslashBits is exact in a word without those. Each word's
		// eight quote bits enter m from the bottom, the last word's first.
		w := binary.LittleEndian.Uint64(b[56:])
		bad, m := w|(w-0x20*lsb)|backslashBits(w), gather(quoteBits(w))>>56
		w = binary.LittleEndian.Uint64(b[48:])
		bad, m = bad|w|(w-0x20*lsb)|backslashBits(w), m<<8|gather(quoteBits(w))>>56
		w = binary.LittleEndian.Uint64(b[40:])
		bad, m = bad|w|(w-0x20*lsb)|backslashBits(w), m<<8|gather(quoteBits(w))>>56
		w = binary.LittleEndian.Uint64(b[32:])
		bad, m = bad|w|(w-0x20*lsb)|backslashBits(w), m<<8|gather(quoteBits(w))>>56
		w = binary.LittleEndian.Uint64(b[24:])
		bad, m = bad|w|(w-0x20*lsb)|backslashBits(w), m<<8|gather(quoteBits(w))>>56
		w = binary.LittleEndian.Uint64(b[16:])
		bad, m = bad|w|(w-0x20*lsb)|backslashBits(w), m<<8|gather(quoteBits(w))>>56
		w = binary.LittleEndian.Uint64(b[8:])
		bad, m = bad|w|(w-0x20*lsb)|backslashBits(w), m<<8|gather(quoteBits(w))>>56
		w = binary.LittleEndian.Uint64(b[0:])
		bad, m = bad|w|(w-0x20*lsb)|backslashBits(w), m<<8|gather(quoteBits(w))>>56
		if bad&msb != 0 {
			return k
		}
		binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(pq, k<<3))[:], m)
	}
	return n
}

// backslashBits is quoteBits for the backslash: exact for the bytes below
// 0x80 (quoteBlocksGo's blocks with another byte are not plain anyway).
func backslashBits(w uint64) uint64 {
	return ((w ^ ^uint64('\\'*lsb)) - 0x7f*lsb) & msb
}

// indexPlain returns the quote index of d in idx (reused) and the length of
// the plain prefix of d that it covers: len(d) when d is plain (see
// plainText), else the whole 64-byte blocks before the first control,
// non-ASCII or backslash byte (0 when d is longer than maxIndexed and not
// plain). Bit j of idx[r] is set where d[8r+j] is a
// quote, exactly for the bytes of the prefix; a window of any offset in
// the prefix (or at its end) is in idx, zero past it. When d is longer than
// maxIndexed and plain, idx covers its first maxIndexed bytes.
func indexPlain(d, idx []byte) ([]byte, int) {
	n := len(d)
	if n == 0 { // nothing to look up (ResetView resets with nil first)
		return idx[:0], 0
	}
	if n > maxIndexed {
		if !plainText(d[maxIndexed:]) {
			return idx[:0], 0
		}
		n = maxIndexed // a whole number of blocks
	}
	// whole and size count bytes of the index (8 a block): of the whole
	// blocks of d[:n], and of all of them and the zero end.
	whole, size := n>>6<<3, (n+63)>>6<<3
	if n == len(d) {
		size += 8 // the zero end
	}
	idx = slices.Grow(idx[:0], size)[:size]
	if k := quoteBlocks(d[:whole<<3], idx[:whole]); k < whole>>3 {
		clear(idx[k<<3 : k<<3+8]) // the window of the prefix's end
		return idx[:k<<3+8], k << 6
	}
	if tail := d[whole<<3 : n]; len(tail) > 0 {
		// The last partial block, padded with spaces (plain, not quotes).
		var b [64]byte
		copy(b[copy(b[:], tail):], spaces[:])
		if quoteBlocks(b[:], idx[whole:whole+8]) == 0 {
			clear(idx[whole : whole+8])
			return idx[:whole+8], whole << 3
		}
	}
	clear(idx[(n+63)>>6<<3:])
	return idx, len(d)
}

// spaces pads the last block of an input in indexPlain.
var spaces = [64]byte{
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
}

// nearQuote returns the offset of the first quote in the window of the
// quote index at i in a plain input (for the fast paths, which require
// one): the 64 bits from the byte that holds bit i, shifted to start at
// bit i, cover the next 57 to 64 bytes. It returns len(s.data) when there
// is none there (a string of 57 bytes or more, or one past the index:
// plainQuote finds its end). Small enough to be inlined into the fast
// paths, which take a result of len(s.data) to the general path.
func (s *Scanner) nearQuote(i int) int {
	k := uint(i) >> 3
	if q := s.quotes; k+8 <= uint(len(q)) {
		if w := binary.LittleEndian.Uint64(q[k:k+8]) >> (uint(i) & 7); w != 0 {
			return i + bits.TrailingZeros64(w)
		}
	}
	return len(s.data)
}

// plainQuote returns the offset of the first quote at or after i, or
// len(s.data), for an i in the plain prefix (see indexPlain): nearQuote's
// window, then the next ones, then nextQuote past the index. In a plain
// input that is the string's end; otherwise only a result inside the
// prefix is (past it the index is zero or absent, and the input may hold
// escapes).
func (s *Scanner) plainQuote(i int) int {
	q := s.quotes
	for {
		k := uint(i) >> 3
		if k+8 > uint(len(q)) {
			return nextQuote(s.data, i)
		}
		if w := binary.LittleEndian.Uint64(q[k:k+8]) >> (uint(i) & 7); w != 0 {
			return i + bits.TrailingZeros64(w)
		}
		i = int(k+8) << 3
	}
}
