package delivery

import (
	"testing"
)

func TestDetectFixtures(t *testing.T) {
	for name, f := range map[string]Format{
		"eventbridge.json":          EventBridge,
		"eventbridge_replay.json":   EventBridge,
		"ec2_event.json":            EventBridge,
		"detail_camel.json":         Detail,
		"detail_pascal.json":        Detail,
		"ctr.json":                  Detail,
		"contact_flow_event.json":   Detail,
		"sns.json":                  SNS,
		"lambda_sqs.json":           LambdaSQS,
		"lambda_sqs_sns.json":       LambdaSQS,
		"lambda_sqs_mixed.json":     LambdaSQS,
		"lambda_sns.json":           LambdaSNS,
		"lambda_sns_mixed.json":     LambdaSNS,
		"lambda_kinesis.json":       LambdaKinesis,
		"lambda_kinesis_mixed.json": LambdaKinesis,
		"firehose.json":             Firehose,
		"firehose_mixed.json":       Firehose,
		"array.json":                Array,
		"events.ndjson":             NDJSON,
		"messy.ndjson":              NDJSON,
		"concatenated.json":         Concatenated,
	} {
		if got := Detect(fixture(t, name)); got != f {
			t.Errorf("Detect(%s) = %s, want %s", name, got, f)
		}
	}
}

func TestDetectInline(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Format
	}{
		{"", Auto},
		{" \n\t", Auto},
		{"42", Auto},
		{`"string"`, Auto},
		{"{", Auto},
		{`{"a":1]`, Auto},
		{"not json", Auto},
		{"[]", Array},
		{"  [ {}, {} ]", Array},
		{"[ broken", Array},
		{`{"detail-type":"x"}`, EventBridge},
		{`{"detail":{}}`, EventBridge},
		{`{"eventType":"QUEUED","contactId":"x"}`, Detail},
		{`{"EventType":"QUEUED","ContactId":"x"}`, Detail},
		{`{}`, Detail},
		{`{"Type":"Notification","Message":"{}"}`, SNS},
		{`{"Type":"Notif\u0069cation","Message":"{}"}`, SNS},
		{`{"Type":"SubscriptionConfirmation","Message":"{}"}`, Detail},
		{`{"Records":[]}`, LambdaSQS},
		{`{"Records":[{"eventSource":"aws:sqs"}]}`, LambdaSQS},
		{`{"Records":[{"body":"{}"}]}`, LambdaSQS},
		{`{"Records":[{"EventSource":"aws:sns"}]}`, LambdaSNS},
		{`{"Records":[{"Sns":{}}]}`, LambdaSNS},
		{`{"Records":[{"eventSource":"aws:kinesis"}]}`, LambdaKinesis},
		{`{"Records":[{"kinesis":{}}]}`, LambdaKinesis},
		{`{"Records":[{"eventSource":"aws:s3"}]}`, Detail},
		{`{"Records":{}}`, Detail},
		{`{"records":[],"invocationId":"x"}`, Firehose},
		{`{"records":[]}`, Detail},
		{`{"RECORDS":[{"eventSource":"aws:sqs"}]}`, Detail}, // keys match exactly
		{"{}\n{}", NDJSON},
		{"{}\r\n{}\r\n", NDJSON},
		{"{}{}", Concatenated},
		{"{} {}", Concatenated},
		{"{\n}\n{\n}\n", Concatenated}, // pretty-printed values are not NDJSON
		{"{} garbage", Concatenated},
		{"{}\ngarbage", NDJSON},
		{"42\n{}", NDJSON},
	} {
		if got := Detect([]byte(tc.in)); got != tc.want {
			t.Errorf("Detect(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestDetectDoesNotAllocate(t *testing.T) {
	data := fixture(t, "eventbridge.json")
	if n := testing.AllocsPerRun(100, func() { Detect(data) }); n != 0 {
		t.Errorf("Detect allocates %v times per call", n)
	}
}
