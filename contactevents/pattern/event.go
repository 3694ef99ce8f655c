package pattern

import (
	"unsafe"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/internal/scan"
)

// eventReader reads an event for Match and for a RuleSet's flattener:
// internal/scan's Scanner over the event's bytes, without a copy and with
// escaped strings unescaped into its buffer (ResetScratch), so that
// reading allocates nothing. The members a matcher names are read as a
// decoder reads them (keys and leaves checked: escapes, control bytes,
// UTF-8, the number grammar), every other value is skimmed by its
// structure (Skim: strings ended, brackets matched, within maxDepth), which
// is what makes matching a fraction of decoding. The Scanner is iterative
// where it skims, and the matchers recurse only into the objects the
// Scanner has entered (at most maxDepth) and along a dotted key's parts
// (at most the pattern's depth): nesting is bounded, never the stack's.
type eventReader struct {
	s      scan.Scanner
	data   []byte
	arrays int // arrays entered on the way to the current value
}

// begin starts reading the event in data, which must be a JSON object:
// the error is ErrNotObject for another value, else the syntax error.
func (r *eventReader) begin(data []byte) error {
	r.s.ResetScratch(data, maxDepth)
	r.data, r.arrays = data, 0
	if r.s.Peek() == scan.Object {
		return nil
	}
	if r.s.Skim() && r.s.Finish() {
		return ErrNotObject
	}
	return r.err()
}

// finish returns the syntax error met reading the event, if any, after
// checking that only white space follows it unless the verdict was settled
// before its end (nothing after that is read).
func (r *eventReader) finish(settled bool) error {
	if !settled {
		r.s.Finish()
	}
	return r.err()
}

// release drops the reader's references to the caller's event, which a
// pooled reader must not keep.
func (r *eventReader) release() {
	r.s.ResetScratch(nil, maxDepth)
	r.data = nil
}

// err returns the first syntax error met, by offset, or nil. A trailing
// comma is one too: the Scanner records it and reads on, Match stops at
// the end with the error.
func (r *eventReader) err() error {
	if r.s.Err() == nil {
		return nil
	}
	e := r.s.Errors()[0]
	return &contactevents.SyntaxError{Offset: e.Offset, Line: e.Line, Column: e.Column, Msg: e.Msg}
}

// leaf reads a string, number, boolean or null.
func (r *eventReader) leaf() (value, bool) {
	k, text, ok := r.s.ReadLeaf()
	return value{kind: k, text: text}, ok
}

// inInput reports whether the string s is a part of the event's bytes,
// rather than an unescaped copy in the Scanner's buffer, which the next
// escaped string overwrites.
func (r *eventReader) inInput(s string) bool {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	base := uintptr(unsafe.Pointer(unsafe.SliceData(r.data)))
	return p >= base && p < base+uintptr(len(r.data))
}

// members reads the event object at the Scanner, the one object-reading
// loop of Match and of the flattener: member is given each key in turn,
// reads the member's value itself and returns read, or returns false to
// have the value skimmed; stop ends the reading of the object (the verdict
// is settled). A key with escapes is in the Scanner's buffer: member uses
// it before it reads a value.
//
// The callback costs Match about 3% more instructions than a loop of its
// own (cachegrind, BenchmarkMatch); one loop is worth it.
func (r *eventReader) members(member func(key string) (read, stop bool)) {
	s := &r.s
	if !s.BeginObject() {
		return
	}
	for key, ok := s.NextKey(); ok; key, ok = s.NextKey() {
		read, stop := member(key)
		if stop {
			return
		}
		if !read {
			s.Skim()
		}
	}
}

// memberValues walks the value of a member as EventBridge matches it: an
// array, at any depth, stands for its elements. The walk is a loop, not a
// recursion, and the arrays it is inside are counted in eventReader.arrays
// (a value in an array may be one of several objects at its path):
//
//	for w := (memberValues{}); r.nextValue(&w); {
//		// an object or a leaf (w.kind) is at r.s: read or skim it
//	}
type memberValues struct {
	kind    scan.Kind // of the value reached: not an array
	open    int       // arrays of the member entered and not left
	started bool      // the member's value was reached
}

// nextValue moves to the next value of the member that is not an array,
// entering and leaving arrays on the way; it returns false after the last
// one, or on a syntax error. The end of a member that is no array (most)
// is found inline.
func (r *eventReader) nextValue(w *memberValues) bool {
	if w.started && w.open == 0 {
		return false
	}
	return r.nextInArrays(w)
}

// nextInArrays is nextValue before the member's value or in an array.
func (r *eventReader) nextInArrays(w *memberValues) bool {
	s := &r.s
	atValue := !w.started // before the member's value, not after a value
	w.started = true
	for {
		if !atValue {
			if w.open == 0 {
				return false
			}
			if !s.NextElement() { // the innermost array ended, or an error
				w.open--
				r.arrays--
				continue
			}
		}
		if w.kind = s.Peek(); w.kind != scan.Array {
			return true
		}
		if !s.BeginArray() {
			r.arrays -= w.open
			return false
		}
		w.open++
		r.arrays++
		atValue = false
	}
}
