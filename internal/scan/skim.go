package scan

import "bytes"

// Skimmer reads the structure of JSON text without validating it: it
// follows strings (to their closing quote, over escapes) and brackets, and
// nothing else. It is the reader of the delivery layer's classifier and
// splitter, which must find where values start and end and what the
// top-level keys are, so that the one validating reader (Scanner, through
// the generated decoders) reads each event document once.
//
// A Skimmer does not allocate beyond the bracket stack it keeps across
// Resets, does not recurse, and stops at the first of its faults: input
// that ends inside a value, a closing bracket that does not match, a
// nesting deeper than its limit, or a byte where no value can start. What
// it accepts may still be invalid JSON (a bad literal, a number with two
// dots, a control byte in a string): that is the validating reader's to
// report, with its position.
type Skimmer struct {
	data     []byte
	pos      int
	maxDepth int
	fault    Fault
	faultAt  int
	stack    closers // the containers Value is inside
	obj      closers // the containers entered with Begin*
	first    bool    // just after Begin*: no ',' is due
}

// closers is a stack of the closing brackets of open containers, a bit
// each ('}' set, ']' clear): the first 128 levels in the struct itself, so
// that a Skimmer on the stack does not allocate; deeper ones in a slice.
type closers struct {
	bits [2]uint64
	more []byte
	n    int
}

func (c *closers) push(b byte) {
	if c.n < 128 {
		w, m := c.n>>6, uint64(1)<<(c.n&63)
		if b == '}' {
			c.bits[w] |= m
		} else {
			c.bits[w] &^= m
		}
	} else {
		c.more = append(c.more[:c.n-128], b)
	}
	c.n++
}

// top returns the innermost closer; the stack must not be empty.
func (c *closers) top() byte {
	i := c.n - 1
	if i >= 128 {
		return c.more[i-128]
	}
	if c.bits[i>>6]&(1<<(i&63)) != 0 {
		return '}'
	}
	return ']'
}

func (c *closers) pop()   { c.n-- }
func (c *closers) reset() { c.n = 0 }

// Fault is why a Skimmer stopped.
type Fault uint8

// The faults of a Skimmer.
const (
	NoFault    Fault = iota
	Incomplete       // the input ends inside a value
	Mismatch         // a closing bracket that closes nothing open, or the wrong kind
	TooDeep          // nesting deeper than the limit
	Unexpected       // a byte where the structure wants something else
)

// String describes f for an error message.
func (f Fault) String() string {
	switch f {
	case Incomplete:
		return "unexpected end of input inside a JSON value"
	case Mismatch:
		return "mismatched bracket"
	case TooDeep:
		return "nesting too deep"
	case Unexpected:
		return "unexpected character"
	}
	return "no fault"
}

// Reset prepares k to skim data with at most maxDepth nested objects and
// arrays (maxDepth <= 0 means 10000, as for a Scanner).
func (k *Skimmer) Reset(data []byte, maxDepth int) {
	if maxDepth <= 0 {
		maxDepth = defaultMaxDepth
	}
	k.data, k.pos, k.maxDepth = data, 0, maxDepth
	k.fault, k.faultAt, k.first = NoFault, 0, false
	k.stack.reset()
	k.obj.reset()
}

// Offset returns the current byte offset.
func (k *Skimmer) Offset() int { return k.pos }

// SetOffset moves k to offset p, clearing a fault (the containers entered
// with BeginObject and BeginArray are forgotten).
func (k *Skimmer) SetOffset(p int) {
	k.pos, k.fault, k.faultAt, k.first = p, NoFault, 0, false
	k.obj.reset()
}

// Fault returns why k stopped, and where (a byte offset), or NoFault.
func (k *Skimmer) Fault() (Fault, int) { return k.fault, k.faultAt }

// Depth returns the number of containers entered with BeginObject or
// BeginArray and not yet left.
func (k *Skimmer) Depth() int { return k.obj.n }

func (k *Skimmer) stop(f Fault, at int) bool {
	if k.fault == NoFault {
		k.fault, k.faultAt = f, at
	}
	return false
}

// Peek skips whitespace and returns the next byte, or 0 at the end of input
// or after a fault.
func (k *Skimmer) Peek() byte {
	if k.fault != NoFault {
		return 0
	}
	k.pos = skipSpace(k.data, k.pos)
	if k.pos >= len(k.data) {
		return 0
	}
	return k.data[k.pos]
}

// Value skims the value at the current offset and returns its bytes (a
// subslice of the input, capped).
func (k *Skimmer) Value() ([]byte, bool) {
	if k.fault != NoFault {
		return nil, false
	}
	start := skipSpace(k.data, k.pos)
	end, ok := k.skimValue(start, k.obj.n)
	if !ok {
		return nil, false
	}
	k.pos = end
	return k.data[start:end:end], true
}

// BeginObject enters the object at the current offset; NextMember then
// reads its keys, and the caller reads (or skims) each member's value.
func (k *Skimmer) BeginObject() bool { return k.begin('{') }

// BeginArray enters the array at the current offset; NextElement then
// stops before each element.
func (k *Skimmer) BeginArray() bool { return k.begin('[') }

func (k *Skimmer) begin(c byte) bool {
	if k.Peek() != c {
		return k.stop(Unexpected, k.pos)
	}
	if k.obj.n >= k.maxDepth {
		return k.stop(TooDeep, k.pos)
	}
	k.obj.push(c + 2) // '{'+2 == '}', '['+2 == ']'
	k.pos++
	k.first = true
	return true
}

// next moves past the ',' between members or elements, or past the closer
// (leaving the container, reported as false).
func (k *Skimmer) next() bool {
	if k.fault != NoFault || k.obj.n == 0 {
		return false
	}
	closer := k.obj.top()
	p := skipSpace(k.data, k.pos)
	switch {
	case p >= len(k.data):
		return k.stop(Incomplete, p)
	case k.data[p] == closer:
		k.pos, k.first = p+1, false
		k.obj.pop()
		return false
	case k.first:
		k.pos, k.first = p, false
		return true
	case k.data[p] != ',':
		return k.stop(Unexpected, p)
	}
	p = skipSpace(k.data, p+1)
	if p < len(k.data) && k.data[p] == closer {
		// A trailing comma: the validating reader reports it.
		k.pos = p + 1
		k.obj.pop()
		return false
	}
	k.pos = p
	return true
}

// NextMember returns the next key of the object entered last, raw (between
// its quotes, escapes as written; escaped reports a backslash in it), and
// moves past its ':'. It returns false at the end of the object, which it
// leaves, or on a fault.
func (k *Skimmer) NextMember() (key []byte, escaped, ok bool) {
	if !k.next() {
		return nil, false, false
	}
	p := k.pos
	if p >= len(k.data) || k.data[p] != '"' {
		return nil, false, k.stop(Unexpected, p)
	}
	end, esc, ok := k.skimString(p, true)
	if !ok {
		return nil, false, false
	}
	q := skipSpace(k.data, end)
	if q >= len(k.data) || k.data[q] != ':' {
		if q >= len(k.data) {
			return nil, false, k.stop(Incomplete, q)
		}
		return nil, false, k.stop(Unexpected, q)
	}
	k.pos = q + 1
	return k.data[p+1 : end-1 : end-1], esc, true
}

// NextElement reports whether another element of the array entered last
// follows (then the caller reads or skims it); at the end it leaves the
// array.
func (k *Skimmer) NextElement() bool { return k.next() }

// skimString returns the offset after the string whose opening quote is at
// p, and whether it holds a backslash (only asked for keys).
func (k *Skimmer) skimString(p int, askEscaped bool) (end int, escaped, ok bool) {
	d := k.data
	i := p + 1
	for {
		q := nextQuote(d, i)
		if q >= len(d) {
			return 0, false, k.stop(Incomplete, len(d))
		}
		// The quote is escaped when an odd run of backslashes precedes it.
		n := 0
		for j := q - 1; j > p && d[j] == '\\'; j-- {
			n++
		}
		if n > 0 {
			escaped = true
		} else if askEscaped && !escaped && bytes.IndexByte(d[i:q], '\\') >= 0 {
			escaped = true
		}
		if n%2 == 0 {
			return q + 1, escaped, true
		}
		i = q + 1
	}
}

// structural marks the bytes a skim stops at between strings.
var structural = func() (t [256]bool) {
	for _, c := range []byte(`"{}[]`) {
		t[c] = true
	}
	return t
}()

// scalarEnd marks the bytes that end a number or literal.
var scalarEnd = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n{}[],:\"") {
		t[c] = true
	}
	return t
}()

// skimValue returns the offset after the value at p, depth being the
// nesting p is at.
func (k *Skimmer) skimValue(p, depth int) (int, bool) {
	d := k.data
	if p >= len(d) {
		return p, k.stop(Incomplete, p)
	}
	switch c := d[p]; c {
	case '"':
		end, _, ok := k.skimString(p, false)
		return end, ok
	case '{', '[':
	case '}', ']', ',', ':':
		return p, k.stop(Unexpected, p)
	default:
		i := p + 1
		for i < len(d) && !scalarEnd[d[i]] {
			i++
		}
		return i, true
	}
	stack := &k.stack
	stack.reset()
	i := p
	for {
		for i < len(d) && !structural[d[i]] {
			i++
		}
		if i >= len(d) {
			return i, k.stop(Incomplete, i)
		}
		switch c := d[i]; c {
		case '"':
			end, _, ok := k.skimString(i, false)
			if !ok {
				return end, false
			}
			i = end
			continue
		case '{', '[':
			if depth+stack.n >= k.maxDepth {
				return i, k.stop(TooDeep, i)
			}
			stack.push(c + 2)
		default: // '}', ']'
			n := stack.n
			if n == 0 || stack.top() != c {
				return i, k.stop(Mismatch, i)
			}
			stack.pop()
			if n == 1 {
				return i + 1, true
			}
		}
		i++
	}
}

// skipSpace returns the offset of the first non-whitespace byte of d at or after p.
func skipSpace(d []byte, p int) int {
	for p < len(d) {
		switch d[p] {
		case ' ', '\t', '\r', '\n':
			p++
		default:
			return p
		}
	}
	return p
}
