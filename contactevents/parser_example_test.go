package contactevents_test

import (
	"fmt"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
)

func ExampleParser() {
	// Two events, as a stream consumer gets them one after the other.
	payloads := [][]byte{
		[]byte(queuedEvent),
		[]byte(strings.Replace(queuedEvent, `"eventType":"QUEUED"`, `"eventType":"CONNECTED_TO_SYSTEM"`, 1)),
	}
	p := contactevents.NewParser()
	var kept *contactevents.Event
	for _, payload := range payloads {
		ev, err := p.Parse(payload) // valid until the next p.Parse
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("handled", ev.Detail.EventType)
		if kept == nil {
			kept = ev.Clone() // a deep copy outlives the next call
		}
	}
	fmt.Println("kept", kept.Detail.EventType)
	// Output:
	// handled QUEUED
	// handled CONNECTED_TO_SYSTEM
	// kept QUEUED
}
