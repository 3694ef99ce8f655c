package contacteventstest_test

import (
	"bytes"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// TestPublisher is the README's "In another service's tests" example, run
// (contactevents/readme_test.go checks that the README shows these lines),
// with stand-ins for the service under test: publish, badPayload, consume.
func TestPublisher(t *testing.T) {
	payload := publish() // what your service sends
	contacteventstest.AssertValid(t, payload, contactevents.WithProfile(contactevents.Strict))
	contacteventstest.AssertInvalid(t, badPayload, []string{"/detail/channel"}) // where the errors must be

	// realistic events for your consumer's tests
	ev := contacteventstest.NewEvent(contactevents.EventTypeDisconnected,
		contacteventstest.WithChannel(contactevents.ChannelTask))
	consume(contacteventstest.Payload(ev))

	// the latest page's objects: an email, completed after after-contact work
	email := contacteventstest.NewEvent(contactevents.EventTypeCompleted,
		contacteventstest.WithChannel(contactevents.ChannelEmail),
		contacteventstest.WithRecordings(contacteventstest.ConstructedRecordings()...))
	consume(contacteventstest.Payload(email))
}

// publish stands in for the service under test: it sends a valid event.
func publish() []byte {
	return contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued))
}

// badPayload is an event with an empty channel, an error in every profile.
var badPayload = bytes.Replace(publish(), []byte(`"channel":"VOICE"`), []byte(`"channel":""`), 1)

// consume stands in for the consumer under test.
func consume(payload []byte) {
	if _, err := contactevents.Parse(payload, contactevents.WithProfile(contactevents.Strict)); err != nil {
		panic(err)
	}
}
