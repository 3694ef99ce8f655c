// Package contacteventstest helps other services test their handling of
// Amazon Connect contact events: it builds realistic valid events, checks
// payloads with failure messages that point at the offending value.
//
// # Building events
//
// NewEvent returns a valid event of any type; functional options set what a
// test cares about and leave the rest realistic (UUIDs, ARNs of one Amazon
// Connect instance, millisecond timestamps in order, agentInfo once the
// contact is connected to an agent, queueInfo once it is queued):
//
//	ev := contacteventstest.NewEvent(contactevents.EventTypeDisconnected,
//		contacteventstest.WithChannel(contactevents.ChannelChat),
//		contacteventstest.WithTags(map[string]string{"Dept": "Finance"}))
//	handler.Handle(ctx, contacteventstest.Payload(ev))
//
// The builder is deterministic: the same options give the same event, and
// events built with the same seed (WithSeed) describe one contact, so a
// lifecycle is just a loop:
//
//	for _, et := range []contactevents.EventType{
//		contactevents.EventTypeInitiated, contactevents.EventTypeQueued,
//		contactevents.EventTypeConnectedToAgent, contactevents.EventTypeDisconnected,
//	} {
//		send(contacteventstest.Payload(contacteventstest.NewEvent(et, contacteventstest.WithSeed(7))))
//	}
//
// Every event NewEvent builds for a combination that Channels allows is
// valid under the strict profile (the newest documented model, what a
// faithful producer sends) and the compat profile, except the two event
// types that only compat accepts, AMD_DISABLED and WEBRTC_API (listed as
// events, not among EventType's valid values); the package's tests prove it
// for every combination. Payload encodes an event as canonical JSON.
//
// # Checking payloads
//
// AssertValid, RequireEvent and AssertInvalid validate with the SDK
// (contactevents.Parse) and, on failure, list every issue on its own line,
// with the JSON Pointer of the value and of the schema rule it breaks:
//
//	payload is not a valid contact event under the strict profile:
//	  /detail/channel (/$defs/Channel/enum): "Voice" is a documented Channel that this profile does not accept; ...
//
// Malformed JSON is reported with the line and column of each defect, so a
// golden file with a trailing comma is found at once.
//
// # Delivered payloads
//
// A consumer gets events inside what a service delivers: SQSBatch,
// SNSToSQS, LambdaSNS, KinesisRecords and FirehoseRecords build the Lambda
// events (and SNSNotification the notification alone) around the payloads
// of built events, or around any bytes, and return the records' IDs, for
// asserting a partial batch response:
//
//	batch, ids := contacteventstest.SQSBatch(contacteventstest.Payload(ev), []byte(`{}`))
//	resp, _ := handler(ctx, batch)
//	// resp.BatchItemFailures should name ids[1]
//
// WithQueueARN and WithAgentARN set the queue and agent of a built event,
// for a consumer that routes by them.
//
// # Samples
//
// The contact events the AWS pages publish as examples, verbatim (some are
// not valid JSON) and repaired, are in package
// github.com/connectevents/sdk-go/contactevents/samples, for table tests that
// must cope with what real documentation shows.
package contacteventstest
