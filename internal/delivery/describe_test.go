package delivery

import (
	"strings"
	"testing"
)

// testShape is what the SDK passes from its generated schema facts (the
// contactevents package tests that it does).
var testShape = EventShape{
	Source: "aws.connect", DetailType: "Amazon Connect Contact Event",
	EventTypeKeys: []string{"eventType", "EventType"}, ContactIDKeys: []string{"contactId", "ContactId"},
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		kind Kind
		says string
	}{
		{"eventbridge.json", fixture(t, "eventbridge.json"), ContactEvent,
			`an Amazon Connect contact event (EventBridge event with source "aws.connect" and detail-type "Amazon Connect Contact Event")`},
		{"detail_camel.json", fixture(t, "detail_camel.json"), ContactEventDetail,
			"an Amazon Connect contact event detail (without its EventBridge envelope)"},
		{"detail_pascal.json", fixture(t, "detail_pascal.json"), ContactEventDetail,
			"an Amazon Connect contact event detail (without its EventBridge envelope)"},
		{"ec2_event.json", fixture(t, "ec2_event.json"), OtherEventBridgeEvent,
			`an EventBridge event with source "aws.ec2" and detail-type "EC2 Instance State-change Notification", not an Amazon Connect contact event`},
		{"other connect event", []byte(`{"source":"aws.connect","detail-type":"Contact Lens Realtime Rules Matched","detail":{}}`), OtherEventBridgeEvent,
			`an EventBridge event with source "aws.connect" and detail-type "Contact Lens Realtime Rules Matched", not an Amazon Connect contact event`},
		{"contact_flow_event.json", fixture(t, "contact_flow_event.json"), ContactFlowEvent,
			`an Amazon Connect contact flow invocation (Name "ContactFlowEvent"), not a contact event`},
		{"flow event without Name", []byte(`{"Details":{"ContactData":{"ContactId":"x"},"Parameters":{}}}`), ContactFlowEvent,
			`an Amazon Connect contact flow invocation (Name "ContactFlowEvent"), not a contact event`},
		{"ctr.json", fixture(t, "ctr.json"), ContactTraceRecord, "a contact trace record (CTR), not a contact event"},
		{"ctr without version", []byte(`{"AWSAccountId":"111122223333","ContactId":"x","Channel":"VOICE"}`), ContactTraceRecord,
			"a contact trace record (CTR), not a contact event"},
		{"sqs batch", fixture(t, "lambda_sqs.json"), Unknown,
			`an AWS Lambda event from Amazon SQS, which wraps events rather than being one: read it with the "lambda-sqs" delivery format`},
		{"sns", fixture(t, "sns.json"), Unknown,
			`an Amazon SNS notification, which wraps events rather than being one: read it with the "sns" delivery format`},
		{"firehose", fixture(t, "firehose.json"), Unknown, `read it with the "firehose" delivery format`},
		{"kinesis", fixture(t, "lambda_kinesis.json"), Unknown, `read it with the "lambda-kinesis" delivery format`},
		{"lambda sns", fixture(t, "lambda_sns.json"), Unknown, `read it with the "lambda-sns" delivery format`},
		{"other object", []byte(`{"orderId":1,"b":2,"a":{"eventType":"x"}}`), Unknown,
			`a JSON object that is not an Amazon Connect contact event (keys "a", "b", "orderId")`},
		{"many keys", []byte(`{"k1":1,"k2":1,"k3":1,"k4":1,"k5":1,"k6":1,"k7":1,"k8":1,"k9":1,"k10":1}`), Unknown,
			`(keys "k1", "k10", "k2", "k3", "k4", "k5", "k6", "k7", and 2 more)`},
		{"empty object", []byte(`{}`), Unknown, "(no keys)"},
		{"empty", []byte(" \n"), NotAnObject, "empty input, not a contact event"},
		{"array", fixture(t, "array.json"), NotAnObject, "a JSON value that is an array, not a contact event (a JSON object)"},
		{"string", []byte(`"QUEUED"`), NotAnObject, "a JSON value that is a string, not a contact event (a JSON object)"},
		{"invalid", []byte(`{"eventType":`), NotAnObject, "not valid JSON (unexpected end of input inside a JSON value at offset 13)"},
		{"ndjson", fixture(t, "events.ndjson"), NotAnObject, "several JSON values (NDJSON or concatenated), not a single contact event"},
	} {
		kind, says := Describe(tc.in, testShape)
		if kind != tc.kind || !strings.Contains(says, tc.says) {
			t.Errorf("%s: Describe = %v, %q; want %v, %q", tc.name, kind, says, tc.kind, tc.says)
		}
	}
	if ContactTraceRecord.String() != "ContactTraceRecord" || Kind(99).String() != "Kind(99)" {
		t.Errorf("Kind.String: %q %q", ContactTraceRecord, Kind(99))
	}
}
