package contactevents_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestDocuments checks that Decoder.Documents unwraps every record of a
// delivery format without decoding it: another source's EventBridge event
// comes out as it is, and a record that cannot be read out is a
// *RecordError naming it.
func TestDocuments(t *testing.T) {
	stream := `{"detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{"state":"running"}}` + "\n" +
		`{"eventType":"QUEUED"}` + "\n" +
		`{"eventType":` + "\n" +
		`{"Records":"not a batch"}` + "\n"
	var docs []string
	var failed []*contactevents.RecordError
	for rec, err := range contactevents.NewDecoder(strings.NewReader(stream)).Documents() {
		if err != nil {
			var re *contactevents.RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RecordError", err)
			}
			failed = append(failed, re)
			continue
		}
		if rec.Event != nil {
			t.Errorf("record %d was decoded", rec.Index)
		}
		docs = append(docs, string(bytes.Clone(rec.Data)))
	}
	want := []string{
		`{"detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{"state":"running"}}`,
		`{"eventType":"QUEUED"}`,
		`{"Records":"not a batch"}`,
	}
	if strings.Join(docs, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents:\n%s\nwant:\n%s", strings.Join(docs, "\n"), strings.Join(want, "\n"))
	}
	if len(failed) != 1 || failed[0].Line != 3 {
		t.Errorf("failures %v, want one, the record on line 3", failed)
	}

	// Records gives the same documents, decoded.
	batch := `{"Records":[{"messageId":"m1","eventSource":"aws:sqs","body":"{\"eventType\":\"QUEUED\"}"}]}`
	for rec := range contactevents.NewDecoder(strings.NewReader(batch)).Records() {
		if string(rec.Data) != `{"eventType":"QUEUED"}` || rec.ID != "m1" || rec.Event == nil {
			t.Errorf("SQS record: data %s, ID %q, event %v", rec.Data, rec.ID, rec.Event)
		}
	}
}
