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
	// its collector's trail, rendered into InstanceLocation by Issues.
	at, end int32
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
	trail  []segment
	errors int
	// dropWarnings: warnings are counted in dropped, not recorded.
	dropWarnings bool
	dropped      int
}

// Reset empties the collector, keeping its storage; it records warnings
// again.
func (c *Collector) Reset() {
	c.path = c.path[:0]
	c.issues = c.issues[:0]
	clear(c.trail) // no key of the last document kept alive
	c.trail = c.trail[:0]
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

// Pointer renders the current location as a JSON Pointer.
func (c *Collector) Pointer() string { return pointer(c.path) }

// pointer renders a location as a JSON Pointer.
func pointer(path []segment) string {
	if len(path) == 0 {
		return ""
	}
	// One allocation: the pointer's length first (an escaped token only
	// grows past it, rarely: a key with '~' or '/').
	n := 0
	for _, s := range path {
		n += 1 + len(s.key)
		if s.index >= 0 {
			n += 20
		}
	}
	var b strings.Builder
	b.Grow(n)
	var digits [20]byte
	for _, s := range path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.Write(strconv.AppendInt(digits[:0], int64(s.index), 10))
			continue
		}
		b.WriteString(EscapeToken(s.key))
	}
	return b.String()
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

// Errors reports how many issues of severity Error were recorded.
func (c *Collector) Errors() int { return c.errors }

// Issues returns the recorded issues in the order they were found. The
// slice is owned by the collector until the next Reset.
func (c *Collector) Issues() []Issue {
	for i := range c.issues {
		if x := &c.issues[i]; x.at < x.end {
			x.InstanceLocation = pointer(c.trail[x.at:x.end])
			x.at, x.end = 0, 0
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
