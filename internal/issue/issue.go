// Package issue is the validation-issue runtime shared by the generated
// decoders: a collector that keeps every issue found in one pass, each with
// the JSON Pointer of the offending value (instance location) and the schema
// rule it breaks (keyword location).
//
// The collector keeps the current location as a stack of path segments and
// renders a JSON Pointer only when an issue is recorded, so the decoders pay
// nothing for locations on valid input.
package issue

import (
	"slices"
	"strconv"
	"strings"
)

// Severity says whether an issue makes the input invalid.
type Severity uint8

const (
	// Error makes the input invalid under the profile in use.
	Error Severity = iota
	// Warning is reported but does not make the input invalid: an unknown
	// property or enum value under a lenient profile, a documented rule that
	// the profile only flags.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Issue is one finding about one value.
type Issue struct {
	Severity         Severity
	InstanceLocation string // JSON Pointer (RFC 6901) of the value in the input
	KeywordLocation  string // JSON Pointer of the rule in the profile schema, e.g. /$defs/Channel/enum
	Message          string
	// at and end, while at < end, are the issue's location as segments of
	// its collector's trail, rendered into InstanceLocation by Issues;
	// msgAt and msgEnd, while msgAt < msgEnd, its message in the
	// collector's text, copied into Message by Issues.
	at, end       int32
	msgAt, msgEnd int32
}

// segment is one step of a location: an object key or an array index.
type segment struct {
	key   string
	index int // -1 for a key
}

// Collector gathers the issues of one document.
type Collector struct {
	path   []segment
	issues []Issue
	// trail holds the locations of the issues recorded, copies of path,
	// rendered as JSON Pointers only when the issues are read (Issues): a
	// valid event's warnings are recorded but mostly never read, and a
	// pooled collector's trail, unlike rendered pointers, allocates
	// nothing once it has grown.
	trail []segment
	// text holds the messages built in place (AddText), copied out only
	// when the issues are read: no allocation per message.
	text   []byte
	errors int
	// dropWarnings: warnings are counted in dropped, not recorded.
	dropWarnings bool
	dropped      int
}

// maxRetainedText bounds the message text a pooled collector keeps.
const maxRetainedText = 64 << 10

// Reset empties the collector, keeping its storage; it records warnings
// again.
func (c *Collector) Reset() {
	c.path = c.path[:0]
	c.issues = c.issues[:0]
	clear(c.trail) // no key of the last document kept alive
	c.trail = c.trail[:0]
	if cap(c.text) > maxRetainedText {
		c.text = nil
	}
	c.text = c.text[:0]
	c.errors = 0
	c.dropWarnings, c.dropped = false, 0
}

// DropWarnings makes the collector count warnings instead of recording
// them, until Reset or the first error: for a caller that reads no
// warning of a valid document. When the document has errors and Dropped is
// not 0 (warnings came before the first error), decode it again without
// dropping, for an error that lists every issue.
func (c *Collector) DropWarnings() { c.dropWarnings = true }

// Dropped reports how many warnings were dropped.
func (c *Collector) Dropped() int { return c.dropped }

// Skips reports whether an issue of severity sev is dropped, counting it
// if so. Call it before rendering an issue's message, and do not Add the
// issue when it returns true: nobody would read it.
func (c *Collector) Skips(sev Severity) bool {
	if sev == Warning && c.dropWarnings {
		c.dropped++
		return true
	}
	return false
}

// PushKey enters the member key of the current object.
func (c *Collector) PushKey(key string) { c.path = append(c.path, segment{key: key, index: -1}) }

// PushIndex enters element i of the current array.
func (c *Collector) PushIndex(i int) { c.path = append(c.path, segment{index: i}) }

// Pop leaves the innermost key or index.
func (c *Collector) Pop() { c.path = c.path[:len(c.path)-1] }

// Place is a location saved on the collector's trail (Here), until Reset.
type Place struct{ at, end int32 }

// Here saves the current location, to compare with a later one (At)
// without rendering either as a JSON Pointer.
func (c *Collector) Here() Place {
	at := len(c.trail)
	c.trail = append(c.trail, c.path...)
	return Place{int32(at), int32(len(c.trail))}
}

// At reports whether the current location is p.
func (c *Collector) At(p Place) bool { return slices.Equal(c.trail[p.at:p.end], c.path) }

// Pointer renders the current location as a JSON Pointer.
func (c *Collector) Pointer() string { return pointer(c.path) }

// pointer renders a location as a JSON Pointer.
func pointer(path []segment) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(pointerLen(path))
	writePointer(&b, path)
	return b.String()
}

// pointerLen is the length of path's JSON Pointer, or a little more (an
// index counts its widest, an escaped token only grows past it, rarely: a
// key with '~' or '/'), for rendering pointers in one allocation.
func pointerLen(path []segment) int {
	n := 0
	for _, s := range path {
		n += 1 + len(s.key)
		if s.index >= 0 {
			n += 20
		}
	}
	return n
}

// writePointer writes path's JSON Pointer to b.
func writePointer(b *strings.Builder, path []segment) {
	var digits [20]byte
	for _, s := range path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.Write(strconv.AppendInt(digits[:0], int64(s.index), 10))
			continue
		}
		if strings.IndexByte(s.key, '~') < 0 && strings.IndexByte(s.key, '/') < 0 {
			b.WriteString(s.key)
			continue
		}
		for i := 0; i < len(s.key); i++ {
			switch c := s.key[i]; c {
			case '~':
				b.WriteString("~0")
			case '/':
				b.WriteString("~1")
			default:
				b.WriteByte(c)
			}
		}
	}
}

// Add records an issue at the current location.
func (c *Collector) Add(sev Severity, keyword, msg string) {
	if c.Skips(sev) {
		return
	}
	c.addHere(sev, keyword, msg)
}

// addHere records an issue at the current location, kept as a copy of the
// path on the trail (see Issues).
func (c *Collector) addHere(sev Severity, keyword, msg string) {
	if len(c.path) == 0 {
		c.AddAt(sev, "", keyword, msg)
		return
	}
	at := len(c.trail)
	c.trail = append(c.trail, c.path...)
	c.AddAt(sev, "", keyword, msg)
	c.issues[len(c.issues)-1].at, c.issues[len(c.issues)-1].end = int32(at), int32(len(c.trail))
}

// AddMember records an issue at member key of the current object, without
// entering it (unknown properties, duplicate keys).
func (c *Collector) AddMember(sev Severity, key, keyword, msg string) {
	if c.Skips(sev) {
		return
	}
	c.PushKey(key)
	c.addHere(sev, keyword, msg)
	c.Pop()
}

// Text returns the collector's message buffer, to append one message to
// and hand to AddText or AddMemberText: a message built there costs no
// allocation until the issues are read. Check Skips first.
func (c *Collector) Text() []byte { return c.text }

// AddText records an issue at the current location whose message is what
// was appended to Text: text is Text's buffer with the message after it.
func (c *Collector) AddText(sev Severity, keyword string, text []byte) {
	if c.Skips(sev) {
		return
	}
	from := len(c.text)
	c.text = text
	c.addHere(sev, keyword, "")
	c.issues[len(c.issues)-1].msgAt, c.issues[len(c.issues)-1].msgEnd = int32(from), int32(len(text))
}

// AddMemberText is AddText at member key of the current object, without
// entering it (see AddMember).
func (c *Collector) AddMemberText(sev Severity, key, keyword string, text []byte) {
	if c.Skips(sev) {
		return
	}
	c.PushKey(key)
	c.AddText(sev, keyword, text)
	c.Pop()
}

// AddAt records an issue at an explicit instance location.
func (c *Collector) AddAt(sev Severity, instance, keyword, msg string) {
	if c.Skips(sev) {
		return
	}
	if sev == Error {
		// The document is invalid: its warnings will be read (with its
		// errors) from now on.
		c.dropWarnings = false
		c.errors++
	}
	c.issues = append(c.issues, Issue{Severity: sev, InstanceLocation: instance, KeywordLocation: keyword, Message: msg})
}

// AtRootMember reports whether an issue was recorded at member key of the
// root object (a JSON Pointer of one token).
func (c *Collector) AtRootMember(key string) bool {
	for _, x := range c.issues {
		if x.at < x.end {
			if x.end-x.at == 1 && c.trail[x.at] == (segment{key: key, index: -1}) {
				return true
			}
		} else if loc := x.InstanceLocation; len(loc) > 0 && loc[0] == '/' && loc[1:] == EscapeToken(key) {
			return true
		}
	}
	return false
}

// Errors reports how many issues of severity Error were recorded.
func (c *Collector) Errors() int { return c.errors }

// Issues returns the recorded issues in the order they were found. The
// slice is owned by the collector until the next Reset.
//
// The locations and messages not rendered yet are rendered here, all of
// them into one string (one allocation for an invalid document's text, not
// one or more an issue): each InstanceLocation and Message is a substring
// of it. What was taken from the builder is never written again, so later
// writes, even past its capacity, leave it intact.
func (c *Collector) Issues() []Issue {
	n := 0
	for _, x := range c.issues {
		if x.at < x.end {
			n += pointerLen(c.trail[x.at:x.end])
		}
		n += int(x.msgEnd - x.msgAt)
	}
	if n == 0 {
		return c.issues
	}
	var b strings.Builder
	b.Grow(n)
	for i := range c.issues {
		x := &c.issues[i]
		if x.at < x.end {
			from := b.Len()
			writePointer(&b, c.trail[x.at:x.end])
			x.InstanceLocation = b.String()[from:]
			x.at, x.end = 0, 0
		}
		if x.msgAt < x.msgEnd {
			from := b.Len()
			b.Write(c.text[x.msgAt:x.msgEnd])
			x.Message = b.String()[from:]
			x.msgAt, x.msgEnd = 0, 0
		}
	}
	return c.issues
}

// EscapeToken escapes a reference token for a JSON Pointer (RFC 6901 §3).
func EscapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
