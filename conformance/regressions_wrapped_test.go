package conformance

// Regressions of the last two defects this suite found outside conformance/ (the delivery
// layer, the timestamp runtime); both are fixed. Neither was reachable by the differential or
// fuzz comparisons. (The earlier ones are in regressions_test.go.)

import (
	"bytes"
	"errors"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// TestWrappedSyntaxError (fixed): a malformed document inside a wrapper (an SQS body, an SNS
// Message, base64 Kinesis or Firehose data) was reported in the words of the delivery layer's
// JSON parser ("body is not JSON: json: unexpected trailing comma ..."), not as the *SyntaxError
// that Decoder.All documents (with the offset, line and column in the document); and Parse of a
// batch of one such record reported a *NotContactEventError telling the user to read the payload
// with the lambda-sqs format it had been read with. Both now give a *RecordError (naming the
// record) wrapping the decoder's *SyntaxError.
func TestWrappedSyntaxError(t *testing.T) {
	s, _ := samples.Lookup("02-older-disconnected")
	want := s.SyntaxDefects[0] // trailing comma at line 36, column 61 of the document
	for _, f := range deliveryFormats {
		if f.ids == nil {
			continue
		}
		payload := f.single(s.Verbatim, 0)
		for _, err := range contactevents.NewDecoder(bytes.NewReader(payload)).All() {
			var se *contactevents.SyntaxError
			if !errors.As(err, &se) || se.Line != want.Line || se.Column != want.Column {
				t.Errorf("%s: NewDecoder: %v, want a *RecordError wrapping a *SyntaxError at line %d, column %d", f.name, err, want.Line, want.Column)
			}
		}
		_, err := contactevents.Parse(payload)
		var re *contactevents.RecordError
		var se *contactevents.SyntaxError
		if !errors.As(err, &re) || !errors.As(err, &se) {
			t.Errorf("%s: Parse: %T %v, want a *RecordError wrapping a *SyntaxError", f.name, err, err)
		}
	}
}

// TestLeapSecondKept (fixed): a leap second (23:59:60, which RFC 3339 and the schema's
// date-time accept, and the SDK validates) was decoded as the next day's 00:00:00 (time.Date
// normalises it) and written back so by the canonical encoding: "2016-12-31T23:59:60.000Z"
// became "2017-01-01T00:00:00.000Z", a value the input did not have. Timestamp now keeps it.
func TestLeapSecondKept(t *testing.T) {
	s, _ := samples.Lookup("01-older-connected-to-agent")
	const leap = `"2016-12-31T23:59:60.000Z"`
	doc := withMember(t, s.Repaired, nil, "initiationTimestamp", leap)
	b := canonical(t, parseCompat(t, "leap second", doc))
	if got, _ := rawAt(b, "/initiationTimestamp"); string(got) != leap {
		t.Errorf("initiationTimestamp %s is written back as %s", leap, got)
	}
}
