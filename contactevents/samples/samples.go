// Package samples holds the documented samples of the AWS page "Amazon Connect contact events",
// verbatim as published and minimally repaired, with the diagnosis of their defects: the older
// page's 2 contact events and the current page's 6 contact events and 1 EventBridge event pattern.
//
// They are data, not tests: other services' tests use them as realistic payloads
// (contacteventstest), the command-line tool prints and validates them, and the conformance suite
// checks the SDK against them. The corpus lives in data/, one directory per sample, named
// NN-page-slug:
//
//	verbatim.json  the sample exactly as the page publishes it (it may be invalid JSON)
//	repaired.json  the minimal repair of verbatim.json to valid JSON
//	sample.json    the metadata: title, kind, event type, syntax defects, repair, observations
//
// data/README.md describes the conventions (offsets, line and column, pointers, kinds). The corpus
// is embedded, so the samples travel with the package:
//
//	for _, s := range samples.Events() {
//		ev, err := contactevents.Parse(s.Repaired)
//		...
//	}
package samples

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/connectevents/sdk-go/contactevents"
)

// root is the directory of the corpus inside corpus.
const root = "data"

//go:embed data
var corpus embed.FS

// Defect is one place where a sample's verbatim text is not valid JSON.
type Defect struct {
	// Kind is "trailing-comma", "trailing-data" or "unexpected-end".
	Kind string `json:"kind"`
	// Offset is the 0-based byte offset into the verbatim text of the offending byte: the comma
	// itself, the first left-over non-space byte, or the length of the text for an unexpected end.
	Offset int64 `json:"offset"`
	// Line and Column locate Offset, both 1-based; Column counts characters, not bytes.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Note says in words what is wrong there.
	Note string `json:"note"`
}

// Move records how a trailing-data defect is repaired: the closing bracket at verbatim offset
// From, which closed its container too early, moves to verbatim offset To, the left-over byte of
// the defect, whose place it takes. Both bytes are the same character, so in bytes the move is
// the deletion of the byte at From.
type Move struct {
	// Defect is the index in SyntaxDefects of the trailing-data defect the move repairs.
	Defect int `json:"defect"`
	// From is the verbatim offset of the bracket that closed too early.
	From int64 `json:"from"`
	// To is the verbatim offset of the left-over bracket, equal to the defect's Offset.
	To int64 `json:"to"`
	// Note says in words what the move does.
	Note string `json:"note"`
}

// Observation is something in a sample that is valid JSON but that a validator must model or flag:
// a PascalCase key, a value outside the documented ones, a placeholder, a contradiction with the page.
type Observation struct {
	// Kind names the class of observation, for example "variant-value" or "sentinel-timestamp".
	Kind string `json:"kind"`
	// Pointer is the RFC 6901 JSON Pointer of the observed value in the repaired text.
	Pointer string `json:"pointer"`
	// Value, when not nil, is the value found at Pointer, as encoding/json decodes it into any.
	Value any `json:"value,omitempty"`
	// Note explains the observation.
	Note string `json:"note"`
}

// Sample is one documented sample of a page, with its diagnosis.
type Sample struct {
	// Name is the directory name, NN-page-slug, for example "03-current-connected-to-agent".
	Name string `json:"name"`
	// Page is "older" or "current".
	Page string `json:"page"`
	// Title is the heading of the sample as published.
	Title string `json:"title"`
	// Kind is "event" (a contact event, possibly in an EventBridge envelope) or "event-pattern".
	Kind string `json:"kind"`
	// Enveloped reports whether the sample has the EventBridge envelope.
	Enveloped bool `json:"enveloped"`
	// EventType is the sample's contact event type; empty for an event pattern.
	EventType contactevents.EventType `json:"eventType"`
	// SyntaxDefects lists every place Verbatim is not valid JSON, in offset order.
	SyntaxDefects []Defect `json:"syntaxDefects"`
	// RepairMoves lists the bracket moves that repair trailing-data defects.
	RepairMoves []Move `json:"repairMoves,omitempty"`
	// Repair describes the changes from Verbatim to Repaired, one sentence per change.
	Repair string `json:"repair"`
	// Observations lists what a validator must model or flag in Repaired.
	Observations []Observation `json:"observations"`
	// Verbatim is the text exactly as published; Repaired is its minimal repair to valid JSON.
	Verbatim []byte `json:"-"`
	Repaired []byte `json:"-"`
}

// All returns every sample of the corpus, in name order (older page first, then the current
// page in page order). Each call returns fresh copies: a caller may modify them. All panics if the
// embedded corpus is corrupt, which the package's tests rule out.
func All() []Sample {
	all := embedded()
	out := make([]Sample, len(all))
	for i, s := range all {
		out[i] = s.clone()
	}
	return out
}

// Events returns the samples of kind "event" (contact events, enveloped or bare), in name order;
// the current page's event pattern is left out.
func Events() []Sample {
	var events []Sample
	for _, s := range embedded() {
		if s.Kind == KindEvent {
			events = append(events, s.clone())
		}
	}
	return events
}

// Lookup returns a copy of the sample with the given name, or of the one
// sample whose name starts with it ("04" for "04-current-disconnected"), as
// `contactevents samples 04` finds it. A prefix of several names finds none.
func Lookup(name string) (Sample, bool) {
	all := embedded()
	for _, s := range all {
		if s.Name == name {
			return s.clone(), true
		}
	}
	found := -1
	for i, s := range all {
		if name != "" && strings.HasPrefix(s.Name, name) {
			if found >= 0 {
				return Sample{}, false
			}
			found = i
		}
	}
	if found < 0 {
		return Sample{}, false
	}
	return all[found].clone(), true
}

// README returns data/README.md, the conventions of the corpus.
func README() []byte {
	b, err := corpus.ReadFile(root + "/README.md")
	if err != nil {
		panic("samples: " + err.Error()) // embedded: ruled out by the package's tests
	}
	return b
}

// The kinds of sample.
const (
	KindEvent        = "event"         // a contact event, with or without its EventBridge envelope
	KindEventPattern = "event-pattern" // an EventBridge rule's event pattern
)

// embedded is the corpus, loaded once and never handed out (All, Events and Lookup copy).
var embedded = sync.OnceValue(func() []Sample {
	return mustLoad(corpus, root)
})

// clone returns s with its own copies of every slice, so that callers cannot change the corpus.
func (s Sample) clone() Sample {
	s.SyntaxDefects = slices.Clone(s.SyntaxDefects)
	s.RepairMoves = slices.Clone(s.RepairMoves)
	s.Observations = slices.Clone(s.Observations)
	s.Verbatim = slices.Clone(s.Verbatim)
	s.Repaired = slices.Clone(s.Repaired)
	return s
}

// mustLoad is load that panics on error.
func mustLoad(fsys fs.FS, root string) []Sample {
	samples, err := load(fsys, root)
	if err != nil {
		panic(fmt.Sprintf("samples: corrupt sample corpus: %v", err))
	}
	return samples
}

// load reads every sample directory under root, in name order.
func load(fsys fs.FS, root string) ([]Sample, error) {
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, err
	}
	var samples []Sample
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		s, err := loadSample(fsys, path.Join(root, e.Name()))
		if err != nil {
			return nil, err
		}
		if s.Name != e.Name() {
			return nil, fmt.Errorf("%s: sample.json names %q", e.Name(), s.Name)
		}
		samples = append(samples, s)
	}
	if len(samples) == 0 {
		return nil, fmt.Errorf("%s: no samples", root)
	}
	return samples, nil // fs.ReadDir sorts by name
}

// loadSample reads the three files of one sample directory.
func loadSample(fsys fs.FS, dir string) (Sample, error) {
	var s Sample
	meta, err := fs.ReadFile(fsys, path.Join(dir, "sample.json"))
	if err != nil {
		return s, err
	}
	dec := json.NewDecoder(bytes.NewReader(meta))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return s, fmt.Errorf("%s: %w", path.Join(dir, "sample.json"), err)
	}
	if s.Verbatim, err = fs.ReadFile(fsys, path.Join(dir, "verbatim.json")); err != nil {
		return s, err
	}
	if s.Repaired, err = fs.ReadFile(fsys, path.Join(dir, "repaired.json")); err != nil {
		return s, err
	}
	return s, nil
}
