package contacteventstest

import (
	"slices"

	"github.com/connectevents/sdk-go/conformance"
)

// Sample is a contact event published as an example on one of the two
// versions of the AWS page "Amazon Connect contact events".
type Sample struct {
	// Name identifies the sample: NN-page-slug, for example
	// "02-older-disconnected".
	Name string
	// Page is "older" or "current".
	Page string
	// Title is the heading of the sample as published.
	Title string
	// EventType is the sample's event type, as the sample spells it.
	EventType string
	// Verbatim is the sample exactly as published. Several are not valid
	// JSON (trailing commas, an extra closing brace): a consumer that copied
	// them into its tests would fail to parse them.
	Verbatim []byte
	// Repaired is the smallest repair of Verbatim to valid JSON; everything
	// else (PascalCase keys, "Voice", placeholders) is kept as published.
	// Every repaired sample is a valid event under the compat profile.
	Repaired []byte
}

// Samples returns the documented contact events of both pages, older page
// first, in page order (the current page's event pattern, which is not an
// event, is left out). Each call returns fresh copies.
func Samples() []Sample {
	events := conformance.Events()
	out := make([]Sample, len(events))
	for i, s := range events {
		out[i] = Sample{
			Name:      s.Name,
			Page:      s.Page,
			Title:     s.Title,
			EventType: s.EventType,
			Verbatim:  slices.Clone(s.Verbatim),
			Repaired:  slices.Clone(s.Repaired),
		}
	}
	return out
}
