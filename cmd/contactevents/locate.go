package main

import (
	"errors"

	"github.com/connectevents/sdk-go/contactevents"
)

// manyIssues is the number of issues of an item above which they are
// located in one walk of the document (contactevents.LocateAll) rather than
// one Locate each: Locate reads the document from its start, so n issues
// (an event of thousands of unknown members) cost n times the document.
// Fewer keep the per-issue path, which allocates nothing of its own.
var manyIssues = 8 // a variable, for the test that compares both paths

// locateMany returns the positions of the issues of an item (those of the
// validation errors in errs, and warns), by instance location, that locate
// gives for them all at once, if they are more than manyIssues; else nil.
// locate returns the positions of its instances by index, or nil if there
// are none to find.
func locateMany(errs []error, warns []contactevents.Issue, locate func(instances []string) []contactevents.Position) map[string]contactevents.Position {
	n := len(warns)
	var ves []*contactevents.ValidationError
	for _, e := range errs {
		var ve *contactevents.ValidationError
		if errors.As(e, &ve) {
			ves = append(ves, ve)
			n += len(ve.Issues)
		}
	}
	if n <= manyIssues {
		return nil
	}
	instances := make([]string, 0, n)
	for _, i := range warns {
		instances = append(instances, i.InstanceLocation)
	}
	for _, ve := range ves {
		for _, i := range ve.Issues {
			instances = append(instances, i.InstanceLocation)
		}
	}
	ps := locate(instances)
	if ps == nil {
		return nil
	}
	m := make(map[string]contactevents.Position, len(instances))
	for i, in := range instances {
		m[in] = ps[i]
	}
	return m
}
