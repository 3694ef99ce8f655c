package contactevents_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/connectevents/sdk-go/contactevents"
)

// The README's code, runnable: readme_test.go checks that every Go block
// of README.md is here (or in the file its marker names), line for line.

// handle is the README's "Use it" example.
func handle(payload []byte) error {
	ev, err := contactevents.Parse(payload) // any delivery format, Compat profile
	if err != nil {
		var verr *contactevents.ValidationError
		if errors.As(err, &verr) {
			for _, i := range verr.Issues {
				fmt.Println(i) // location (rule): message; "(root)" for the event itself
			}
		}
		return err
	}
	d := ev.Detail
	switch d.EventType {
	case contactevents.EventTypeQueued:
		// queueInfo may be absent: a QUEUED event without it is valid.
		if q := d.QueueInfo; q != nil {
			fmt.Println(d.ContactID, "queued at", q.EnqueueTimestamp.Time().Format("15:04:05.000"))
		}
	case contactevents.EventTypeConnectedToAgent:
		// So may agentInfo.
		if a := d.AgentInfo; a != nil {
			fmt.Println(d.ContactID, "connected to", a.AgentARN)
		}
	}
	return nil
}

// bareEvent is a bare contact event (no EventBridge envelope) of the given
// type, with the given members after its required ones.
func bareEvent(eventType, members string) []byte {
	return []byte(`{"eventType":"` + eventType + `","contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"` + members + `}`)
}

func Example_readmeParse() {
	_ = handle([]byte(queuedEvent))
	// Valid without queueInfo and without agentInfo: nothing printed.
	fmt.Println(handle(bareEvent("QUEUED", "")))
	fmt.Println(handle(bareEvent("CONNECTED_TO_AGENT", "")))
	// A bare event without its eventType: the issue is at the root.
	_ = handle([]byte(`{"contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"}`))
	// Output:
	// 6ca32fbd-8f92-46af-92a5-6b0f970f0efe queued at 12:00:04.512
	// <nil>
	// <nil>
	// (root) (/$defs/ContactEvent/allOf/0/anyOf): missing required property "eventType"
}

// handleEventBridge is the README's Lambda handler, with aws-lambda-go's
// EventBridge event type: the detail is parsed with a profile, warnings
// reported (lambda.Start(handleEventBridge)).
func handleEventBridge(ctx context.Context, e events.EventBridgeEvent) error {
	ev, err := contactevents.Parse(e.Detail,
		contactevents.WithFormat(contactevents.FormatDetail),
		contactevents.WithProfile(contactevents.Compat),
		contactevents.WithWarnings(func(i contactevents.Issue) { fmt.Println(i) }))
	if err != nil {
		return err // a *ValidationError lists every issue
	}
	fmt.Printf("%s %s on %s\n", ev.Detail.ContactID, ev.Detail.EventType, ev.Detail.Channel)
	return nil
}

// handleRaw is the same handler on the raw EventBridge event: Parse reads
// the envelope too (lambda.Start(handleRaw)).
func handleRaw(ctx context.Context, raw json.RawMessage) error {
	ev, err := contactevents.Parse(raw, contactevents.WithProfile(contactevents.Strict))
	if err != nil {
		return err
	}
	fmt.Printf("%s from %s: %s\n", ev.DetailType, ev.Source, ev.Detail.ContactID)
	return nil
}

func Example_readmeLambda() {
	fax := strings.Replace(queuedEvent, `"channel":"VOICE"`, `"channel":"FAX"`, 1)
	var e events.EventBridgeEvent
	if err := json.Unmarshal([]byte(fax), &e); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(handleEventBridge(context.Background(), e))
	fmt.Println(handleRaw(context.Background(), json.RawMessage(queuedEvent)))
	fmt.Println(handleRaw(context.Background(), json.RawMessage(fax)))
	// Output:
	// /channel (/$defs/Channel/enum): warning: "FAX" is not a documented Channel; expected one of VOICE, CHAT, TASK, EMAIL
	// 6ca32fbd-8f92-46af-92a5-6b0f970f0efe QUEUED on FAX
	// <nil>
	// Amazon Connect Contact Event from aws.connect: 6ca32fbd-8f92-46af-92a5-6b0f970f0efe
	// <nil>
	// contactevents: invalid under the strict profile: /detail/channel (/$defs/Channel/enum): "FAX" is not a documented Channel; expected one of VOICE, CHAT, TASK, EMAIL
}
