package contactevents_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
)

const queuedEvent = `{"version":"0","id":"5f0ea2a3-6d0f-4b5a-9f3b-2b1f1a2c3d4e","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"111122223333","time":"2024-05-01T12:00:05Z","region":"us-west-2","resources":[],"detail":{"eventType":"QUEUED","contactId":"6ca32fbd-8f92-46af-92a5-6b0f970f0efe","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa","initiationMethod":"INBOUND","initiationTimestamp":"2024-05-01T12:00:00.000Z","queueInfo":{"queueArn":"arn:aws:connect:us-west-2:111122223333:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/2c6d4b87-3a4f-4e3c-9e1d-2f0d4c7b8a9e","queueType":"STANDARD","enqueueTimestamp":"2024-05-01T12:00:04.512Z"}}}`

func ExampleParse() {
	ev, err := contactevents.Parse([]byte(queuedEvent))
	if err != nil {
		fmt.Println(err)
		return
	}
	d := ev.Detail
	fmt.Println(d.EventType, d.Channel, d.ContactID)
	fmt.Println("queued at", d.QueueInfo.EnqueueTimestamp.Time().Format("15:04:05.000"))
	// Output:
	// QUEUED VOICE 6ca32fbd-8f92-46af-92a5-6b0f970f0efe
	// queued at 12:00:04.512
}

func ExampleValidate() {
	// The current page's samples spell the channel "Voice": compat accepts
	// the documented variant, strict does not.
	event := strings.Replace(queuedEvent, `"channel":"VOICE"`, `"channel":"Voice"`, 1)
	fmt.Println(contactevents.Validate([]byte(event)))
	err := contactevents.Validate([]byte(event), contactevents.WithProfile(contactevents.Strict))
	var verr *contactevents.ValidationError
	if errors.As(err, &verr) {
		for _, i := range verr.Issues {
			fmt.Println(i.InstanceLocation, i.KeywordLocation)
		}
	}
	// Output:
	// <nil>
	// /detail/channel /$defs/Channel/enum
}

func ExampleNewDecoder() {
	// A Lambda SQS batch: each body is an EventBridge event. The second
	// record is broken; the decoder reports it and goes on.
	body := strings.ReplaceAll(queuedEvent, `"`, `\"`)
	batch := `{"Records":[` +
		`{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a","body":"` + body + `","attributes":{},"messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-west-2:111122223333:contact-events","awsRegion":"us-west-2"},` +
		`{"messageId":"2e1424d4-f796-459a-8184-9c92662be6da","receiptHandle":"AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq","body":"{\"detail\":{}}","attributes":{},"messageAttributes":{},"md5OfBody":"2e1424d4f796459a81849c92662be6da","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-west-2:111122223333:contact-events","awsRegion":"us-west-2"}]}`
	var failed []error
	for ev, err := range contactevents.NewDecoder(strings.NewReader(batch)).All() {
		if err != nil {
			failed = append(failed, err)
			continue
		}
		fmt.Println("ok:", ev.Detail.EventType)
	}
	resp, err := contactevents.BatchItemFailures(failed)
	fmt.Printf("%+v %v\n", resp, err)
	// Output:
	// ok: QUEUED
	// {BatchItemFailures:[{ItemIdentifier:2e1424d4-f796-459a-8184-9c92662be6da}]} <nil>
}

func ExampleSyntaxError() {
	// The older page's DISCONNECTED sample ends CustomerVoiceActivity with a
	// trailing comma.
	_, err := contactevents.Parse([]byte(`{"eventType":"DISCONNECTED","contactId":"c-1",}`))
	var serr *contactevents.SyntaxError
	if errors.As(err, &serr) {
		fmt.Println(serr.Line, serr.Column, serr.Msg)
	}
	// Output:
	// 1 46 trailing comma before '}'
}

func ExampleValidationError_BasicOutput() {
	event := strings.Replace(queuedEvent, `"eventType":"QUEUED"`, `"eventType":"TELEPORTED"`, 1)
	err := contactevents.Validate([]byte(event), contactevents.WithProfile(contactevents.Strict))
	var verr *contactevents.ValidationError
	if errors.As(err, &verr) {
		out := verr.BasicOutput()
		fmt.Println(out.Valid, out.Errors[0].InstanceLocation, out.Errors[0].KeywordLocation)
	}
	// Output:
	// false /detail/eventType /$defs/EventType/enum
}
