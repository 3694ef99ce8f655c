package contactevents_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestRecordsReadsAPayloadInMemory: Records yields what Parse decodes for
// one event document (its error unwrapped, the record at the document's
// place), and what a Decoder yields for a batch.
func TestRecordsReadsAPayloadInMemory(t *testing.T) {
	var recs []*contactevents.Record
	for rec, err := range contactevents.Records([]byte("\n  " + queuedEvent)) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != 1 || recs[0].Event == nil || recs[0].Format != contactevents.FormatEventBridge ||
		recs[0].Offset != 3 || recs[0].Line != 2 || recs[0].Column != 3 || string(recs[0].Data) != queuedEvent {
		t.Fatalf("records %+v", recs)
	}

	malformed := strings.Replace(queuedEvent, `"INBOUND",`, `"INBOUND",,`, 1)
	_, want := contactevents.Parse([]byte(malformed))
	for _, err := range contactevents.Records([]byte(malformed)) {
		var se *contactevents.SyntaxError
		if !errors.As(err, &se) || err.Error() != want.Error() {
			t.Errorf("malformed: %v, want Parse's %v", err, want)
		}
	}

	body := strconv.Quote(queuedEvent)
	batch := `{"Records":[{"messageId":"m1","eventSource":"aws:sqs","body":` + body + `},{"messageId":"m2","eventSource":"aws:sqs","body":"{}"}]}`
	var ids []string
	var errs []error
	for rec, err := range contactevents.Records([]byte(batch)) {
		ids = append(ids, rec.ID+" "+rec.Pointer)
		errs = append(errs, err)
	}
	var re *contactevents.RecordError
	if strings.Join(ids, ", ") != "m1 /Records/0/body, m2 /Records/1/body" || errs[0] != nil || !errors.As(errs[1], &re) || re.ID != "m2" {
		t.Errorf("batch: %v, %v", ids, errs)
	}
}

// TestRecordsOfTwoEventsOnALine: two events back to back are two records,
// the second at its column, whichever reader finds that there are two.
func TestRecordsOfTwoEventsOnALine(t *testing.T) {
	bare := `{"eventType":"QUEUED","contactId":"c","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i","initiationMethod":"INBOUND"}`
	for _, doc := range []string{queuedEvent, bare} {
		var cols []int
		for rec, _ := range contactevents.Records([]byte(doc + doc)) {
			cols = append(cols, rec.Column)
		}
		if len(cols) != 2 || cols[0] != 1 || cols[1] != len(doc)+1 {
			t.Errorf("%.20s...: columns %v, want [1 %d]", doc, cols, len(doc)+1)
		}
	}
}

// TestConcatenatedSyntaxErrorsAreStreamRelative is issue 17 item 12 in the
// SDK: a syntax error of the third of three events on one line has the
// line, column and byte offset of the stream (it had the record's own
// column), plain and gzip-compressed.
func TestConcatenatedSyntaxErrorsAreStreamRelative(t *testing.T) {
	third := strings.Replace(queuedEvent, `"INBOUND",`, `"INBOUND",,`, 1)
	stream := "\n" + queuedEvent + queuedEvent + third + "\n"
	comma := int64(strings.Index(stream, `,,`)) + 1 // the second comma is the defect
	col := int(comma) - strings.LastIndexByte(stream[:comma], '\n')
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(stream))
	zw.Close()
	for name, in := range map[string][]byte{"plain": []byte(stream), "gzip": gz.Bytes()} {
		var errs []error
		for _, err := range contactevents.NewDecoder(bytes.NewReader(in)).All() {
			errs = append(errs, err)
		}
		var se *contactevents.SyntaxError
		if len(errs) != 3 || errs[0] != nil || errs[1] != nil || !errors.As(errs[2], &se) ||
			se.Offset != comma || se.Line != 2 || se.Column != col {
			t.Errorf("%s: %v, want a syntax error at line 2, column %d (byte %d)", name, errs, col, comma)
		}
	}
}
