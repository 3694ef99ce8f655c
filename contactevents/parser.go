package contactevents

import (
	"reflect"
	"strings"

	"github.com/connectevents/sdk-go/internal/codec"
)

// Parser parses one event after another into storage it owns and reuses:
// the event's structs, maps and slices, the copy of the input its strings
// point into, and the decoder.
// It is for a consumer that handles each event and moves on (a Lambda
// handler, a stream reader), where a fresh event per call would cost more
// in garbage collection than its decoding: Parse allocates one
// pointer-holding block of about 5 KB per event and its maps and slices,
// a Parser allocates them for its first events and then, for events of
// the shapes it has seen, nothing.
//
// The *Event that Parse returns (also with a *ValidationError) is valid
// until the next call of Parse on the same Parser, which overwrites it and
// every map and slice it holds: call Clone to keep one. Errors do not point into the Parser's storage and
// stay valid. A Parser is not safe for concurrent use; use one per
// goroutine.
type Parser struct {
	o  options
	st storage
	rr *recordReader // Records' reader, made by its first call
}

// storage is what a Parser reuses from one event to the next.
type storage struct {
	a       *arena
	text    []byte         // the copy of the last input, which decoded strings alias
	recycle codec.Recycler // the last event's maps and slices
	// dec is the Parser's decoder: not one of the pool's, which are reset
	// when they go back (to keep nothing alive) and again when taken, but
	// its own, reset once per event, when it starts.
	dec *decoder
}

// decoder returns the storage's decoder, or nil for none (no storage).
func (s *storage) decoder() *decoder {
	if s == nil {
		return nil
	}
	if s.dec == nil {
		s.dec = new(decoder)
	}
	return s.dec
}

// maxRetainedText bounds the input copy a Parser keeps between calls: one
// huge payload must not pin its size for the Parser's lifetime. It is the
// default event limit, so that events EventBridge can send are all reused.
const maxRetainedText = DefaultMaxSize

// NewParser returns a Parser that parses with the given options, as Parse
// does with them.
func NewParser(opts ...Option) *Parser {
	return &Parser{o: newOptions(opts)}
}

// Parse is the package's Parse, with the Parser's options, into the
// Parser's storage: the event it returns is valid until the next call.
func (p *Parser) Parse(data []byte) (*Event, error) {
	o := p.o
	o.storage = &p.st
	ev, err := parse(data, o, true)
	if cap(p.st.text) > maxRetainedText {
		p.st.text = nil
	}
	return ev, err
}

// arena returns the storage's arena, zeroed, and makes the last event's
// maps and slices available again.
func (s *storage) arena() *arena {
	s.recycle.Reset()
	if s.a == nil {
		s.a = new(arena)
	} else {
		*s.a = arena{}
	}
	return s.a
}

// copyOf copies data into the storage's text and returns the copy.
func (s *storage) copyOf(data []byte) []byte {
	s.text = append(s.text[:0], data...)
	return s.text
}

// Clone returns a deep copy of e that shares no memory with it: every
// struct, slice, map and string is copied.
//
// An event from Parse keeps alive, through any one of its strings, the
// block holding the whole event and the copy of its input (about three
// times the input's size): a caller that keeps a few fields of many events
// should copy those fields (strings.Clone), or keep Clones. An event from a
// Parser is overwritten by the Parser's next call: Clone it to keep it.
func (e *Event) Clone() *Event {
	if e == nil {
		return nil
	}
	out := new(Event)
	deepCopy(reflect.ValueOf(out).Elem(), reflect.ValueOf(e).Elem())
	return out
}

var timestampType = reflect.TypeFor[Timestamp]()

// deepCopy sets dst, a settable zero value, to a copy of src that shares
// no memory with it. It walks the types by reflection rather than by
// generated code: Clone is for the events a caller keeps, not the hot
// path, and a reflective walk cannot miss a field the schema adds.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(strings.Clone(src.String()))
	case reflect.Pointer:
		if !src.IsNil() {
			p := reflect.New(src.Type().Elem())
			deepCopy(p.Elem(), src.Elem())
			dst.Set(p)
		}
	case reflect.Slice:
		if !src.IsNil() {
			s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
			for i := range src.Len() {
				deepCopy(s.Index(i), src.Index(i))
			}
			dst.Set(s)
		}
	case reflect.Map:
		if !src.IsNil() {
			m := reflect.MakeMapWithSize(src.Type(), src.Len())
			for it := src.MapRange(); it.Next(); {
				k := reflect.New(src.Type().Key()).Elem()
				deepCopy(k, it.Key())
				v := reflect.New(src.Type().Elem()).Elem()
				deepCopy(v, it.Value())
				m.SetMapIndex(k, v)
			}
			dst.Set(m)
		}
	case reflect.Struct:
		if src.Type() == timestampType {
			// Unexported fields, which reflection cannot set one by one.
			t := src.Interface().(Timestamp)
			t.raw = strings.Clone(t.raw)
			dst.Set(reflect.ValueOf(t))
			return
		}
		for i := range src.NumField() {
			deepCopy(dst.Field(i), src.Field(i))
		}
	default:
		dst.Set(src)
	}
}
