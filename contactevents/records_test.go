package contactevents_test

import (
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
