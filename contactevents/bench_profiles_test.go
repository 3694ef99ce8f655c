//go:build unix

package contactevents_test

// The profiles compared on input each accepts (issue 14: strict and legacy
// within 10% of compat). The Compact and Latest sets are not for that
// comparison: strict and legacy reject most of their documents, so there
// they measure the building of a *ValidationError, not the decoding of an
// event.

import (
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// builtSet is one event built with contacteventstest for every event type
// of the strict profile (IsCurrent) and every channel it allows, as
// canonical (compact) JSON: valid under strict and compat.
func builtSet(tb testing.TB) benchSet {
	var docs [][]byte
	for _, et := range contactevents.EventType("").Values() {
		if !et.IsCurrent() {
			continue // AMD_DISABLED: a documented event type strict does not accept
		}
		for _, ch := range contacteventstest.Channels(et) {
			docs = append(docs, contacteventstest.Payload(contacteventstest.NewEvent(et, contacteventstest.WithChannel(ch))))
		}
	}
	if len(docs) == 0 {
		tb.Fatal("contacteventstest built no event")
	}
	return benchSet{"Built", docs}
}

// olderSet is the older page's two samples (01 and 02), repaired and
// compacted: valid under legacy and compat (strict rejects 02).
func olderSet(tb testing.TB) benchSet {
	var docs [][]byte
	for _, name := range []string{"01-older-connected-to-agent", "02-older-disconnected"} {
		s, ok := samples.Lookup(name)
		if !ok {
			tb.Fatalf("no sample %s", name)
		}
		c, err := compactJSON(s.Repaired)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, c)
	}
	return benchSet{"Older", docs}
}

// BenchmarkValid runs Parse and Validate under each profile on a set of
// documents that profile accepts, beside compat on the same set; every
// document must be valid (the benchmark fails otherwise).
func BenchmarkValid(b *testing.B) {
	for _, c := range []struct {
		set      benchSet
		profiles []contactevents.Profile
	}{
		{builtSet(b), []contactevents.Profile{contactevents.Compat, contactevents.Strict}},
		{olderSet(b), []contactevents.Profile{contactevents.Compat, contactevents.Legacy}},
	} {
		docs, n := c.set.docs, c.set.bytes()
		for _, p := range c.profiles {
			opt := contactevents.WithProfile(p)
			b.Run(c.set.name+"/Parse_"+string(p), func(b *testing.B) {
				run(b, docs, n, func(_ int, doc []byte) {
					if _, err := contactevents.Parse(doc, opt); err != nil {
						b.Fatal(err)
					}
				})
			})
			b.Run(c.set.name+"/Validate_"+string(p), func(b *testing.B) {
				run(b, docs, n, func(_ int, doc []byte) {
					if err := contactevents.Validate(doc, opt); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}
