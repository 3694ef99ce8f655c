package contacts_test

import (
	"fmt"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// summarize is the README's first contacts example
// (contactevents/readme_test.go checks that the README shows these lines).
func summarize(events []*contactevents.Event) {
	t := contacts.New()
	for _, ev := range events { // *contactevents.Event, any order, any number of times
		t.Add(ev)
	}
	for _, s := range t.Summaries() {
		fmt.Println(s.ContactID, s.State, s.QueueWait, s.Handle, s.Abandoned, s.Duplicates, s.Conflicts)
	}
}

func Example_readme() {
	var events []*contactevents.Event
	for _, et := range []contactevents.EventType{contactevents.EventTypeDisconnected, contactevents.EventTypeQueued, contactevents.EventTypeInitiated} {
		ev := contacteventstest.NewEvent(et, contacteventstest.WithSeed(7), contacteventstest.WithContactID("c-7"))
		events = append(events, ev, ev) // each twice, last first
	}
	summarize(events)
	// Output:
	// c-7 DISCONNECTED 1m26.284s <nil> false 3 []
}
