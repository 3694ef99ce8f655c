package contacteventstest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

func ExampleNewEvent() {
	ev := contacteventstest.NewEvent(contactevents.EventTypeConnectedToAgent,
		contacteventstest.WithChannel(contactevents.ChannelChat),
		contacteventstest.WithContactID("6ca32fbd-8f92-46af-92a5-6b0f970f0efe"),
		contacteventstest.WithTime(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)),
		contacteventstest.WithTags(map[string]string{"Dept": "Finance"}),
	)
	d := ev.Detail
	fmt.Println(d.EventType, d.Channel, d.InitiationMethod, d.ContactID)
	fmt.Println("initiated", d.InitiationTimestamp)
	fmt.Println("queued   ", d.QueueInfo.EnqueueTimestamp)
	fmt.Println("connected", d.AgentInfo.ConnectedToAgentTimestamp)
	fmt.Println("published", ev.Time)
	fmt.Println("tags", d.Tags)

	// The payload is what a producer that follows the current page sends.
	fmt.Println(contactevents.Validate(contacteventstest.Payload(ev), contactevents.WithProfile(contactevents.Strict)))
	// Output:
	// CONNECTED_TO_AGENT CHAT API 6ca32fbd-8f92-46af-92a5-6b0f970f0efe
	// initiated 2024-05-01T12:00:00.000Z
	// queued    2024-05-01T12:00:31.845Z
	// connected 2024-05-01T12:03:12.582Z
	// published 2024-05-01T12:03:12Z
	// tags map[Dept:Finance aws:connect:instanceId:b8ce550a-a39e-4891-a9fd-dcf33c5fcd71]
	// <nil>
}

// printTB stands in for the *testing.T of a real test, to show the failure
// message here.
type printTB struct{ testing.TB }

func (printTB) Helper() {}

func (printTB) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

func ExampleAssertValid() {
	// In a test: contacteventstest.AssertValid(t, payload, ...).
	var t testing.TB = printTB{}

	ok := contacteventstest.AssertValid(t, contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued)))
	fmt.Println(ok)

	// The current page's DISCONNECTED sample, repaired, under strict.
	s, _ := samples.Lookup("04-current-disconnected")
	contacteventstest.AssertValid(t, s.Repaired, contactevents.WithProfile(contactevents.Strict))
	// Output:
	// true
	// payload is not a valid contact event under the strict profile:
	//   /detail/channel (/$defs/Channel/enum): "Voice" is a documented Channel that this profile does not accept; expected one of VOICE, CHAT, TASK, EMAIL
	//   /detail/CustomerVoiceActivity (/$defs/ContactEvent/additionalProperties): "CustomerVoiceActivity" is a documented spelling of "customerVoiceActivity" that this profile does not accept
}
