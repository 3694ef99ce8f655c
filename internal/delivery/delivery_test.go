package delivery

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/segmentio/encoding/json"
)

// Contact IDs of the events in the fixtures (see testdata/gen.go).
const (
	idQueued       = "a1b2c3d4-5678-90ab-cdef-111111111111"
	idConnected    = "a1b2c3d4-5678-90ab-cdef-222222222222"
	idDisconnected = "a1b2c3d4-5678-90ab-cdef-333333333333"
	idReplayed     = "a1b2c3d4-5678-90ab-cdef-444444444444"
	idCamel        = "c0c0c0c0-1111-4222-8333-444444444444"
	idPascal       = "d0d0d0d0-5555-4666-8777-888888888888"
)

// fixtureNames lists the fixture files of testdata: not the generator of
// some of them (gen.go), not folders (testdata/fuzz is the fuzzer's corpus).
func fixtureNames(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".go") {
			names = append(names, e.Name())
		}
	}
	return names
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// result is one item yielded by Records or Stream, with Data copied.
type result struct {
	rec Record
	err error
}

func collect(seq func(func(Record, error) bool)) []result {
	var out []result
	for r, err := range seq {
		r.Data = bytes.Clone(r.Data)
		out = append(out, result{r, err})
	}
	return out
}

// contactID returns the contact ID of an EventBridge event or a bare detail.
func contactID(t testing.TB, data []byte) string {
	t.Helper()
	var v struct {
		Detail struct {
			ContactID string `json:"contactId"`
		} `json:"detail"`
		ContactID      string `json:"contactId"`
		ContactIDUpper string `json:"ContactId"`
	}
	if _, err := json.Parse(data, &v, json.DontMatchCaseInsensitiveStructFields); err != nil {
		t.Fatalf("record data is not JSON: %v\n%s", err, data)
	}
	switch {
	case v.Detail.ContactID != "":
		return v.Detail.ContactID
	case v.ContactID != "":
		return v.ContactID
	}
	return v.ContactIDUpper
}

// want describes an expected record: a contact ID for a good record, or a
// substring of the error.
type want struct {
	ID        string
	Format    Format
	Inner     Format
	Doc       Format
	Pointer   string
	Line      int
	Decoded   bool // Offset is -1
	ContactID string
	Malformed bool // Data is an object that is not valid JSON, for the decoder to diagnose
	Err       string
}

func check(t *testing.T, data []byte, got []result, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, g := range got {
			t.Logf("got %+v err=%v", g.rec, g.err)
		}
		t.Fatalf("got %d items, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		g := got[i]
		r := g.rec
		if r.Index != i {
			t.Errorf("item %d: Index = %d", i, r.Index)
		}
		gotW := want{ID: r.ID, Format: r.Format, Inner: r.Inner, Doc: r.Doc, Pointer: r.Pointer, Line: r.Line, Decoded: r.Offset < 0}
		if w.Err != "" {
			var re *RecordError
			if !errors.As(g.err, &re) {
				t.Errorf("item %d: err = %v, want a *RecordError containing %q", i, g.err, w.Err)
				continue
			}
			if !strings.Contains(re.Error(), w.Err) {
				t.Errorf("item %d: err = %q, want it to contain %q", i, re.Error(), w.Err)
			}
			if re.Index != i || re.ID != r.ID || re.Pointer != r.Pointer || re.Line != r.Line || re.Offset != r.Offset {
				t.Errorf("item %d: error location %+v does not match record %+v", i, re, r)
			}
			if r.Data != nil {
				t.Errorf("item %d: error record has Data", i)
			}
			gotW.Err = w.Err
			gotW.Inner, gotW.Doc = w.Inner, w.Doc
		} else {
			if g.err != nil {
				t.Errorf("item %d: unexpected error %v", i, g.err)
				continue
			}
			if w.Malformed {
				gotW.Malformed = !json.Valid(r.Data)
			} else {
				gotW.ContactID = contactID(t, r.Data)
			}
			if r.Offset >= 0 && !bytes.Equal(data[r.Offset:r.Offset+int64(len(r.Data))], r.Data) {
				t.Errorf("item %d: Data is not data[Offset:Offset+len(Data)] (Offset %d)", i, r.Offset)
			}
			if r.Line > 0 && r.Offset >= 0 {
				if line := 1 + bytes.Count(data[:r.Offset], []byte("\n")); line != r.Line {
					t.Errorf("item %d: Line = %d, but Offset %d is on line %d", i, r.Line, r.Offset, line)
				}
			}
		}
		if diff := cmp.Diff(w, gotW); diff != "" {
			t.Errorf("item %d (-want +got):\n%s", i, diff)
		}
	}
}

func TestRecordsPlainEventBridge(t *testing.T) {
	data := fixture(t, "eventbridge.json")
	var n int
	for r, err := range Records(data, Auto) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		// Data is the input itself (minus the trailing newline), not a copy.
		if &r.Data[0] != &data[0] || len(r.Data) != len(data)-1 {
			t.Errorf("Data is not the input: len %d of %d", len(r.Data), len(data))
		}
		if cap(r.Data) != len(r.Data) {
			t.Errorf("cap(Data) = %d, want %d so that appends cannot clobber the input", cap(r.Data), len(r.Data))
		}
		want := Record{Format: EventBridge, Inner: EventBridge, Doc: EventBridge, Data: r.Data}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("record (-want +got):\n%s", diff)
		}
	}
	if n != 1 {
		t.Fatalf("got %d records", n)
	}
	// Selecting the format skips detection; the result is the same.
	for _, f := range []Format{Auto, EventBridge} {
		got := collect(Records(append([]byte("  \n"), data...), f))
		if len(got) != 1 || got[0].err != nil || got[0].rec.Offset != 3 || got[0].rec.Format != EventBridge {
			t.Errorf("Records(%s) = %+v", f, got)
		}
	}
}

func TestRecordsPlainAllocations(t *testing.T) {
	data := fixture(t, "eventbridge.json")
	n := testing.AllocsPerRun(100, func() {
		for _, err := range Records(data, Auto) {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	// The iterator and its walker; nothing per byte of the event.
	if n > 3 {
		t.Errorf("Records of a plain event allocates %v times", n)
	}
}

func TestRecordsSingleDocuments(t *testing.T) {
	for _, tc := range []struct {
		file string
		want want
	}{
		{"eventbridge_replay.json", want{Format: EventBridge, Inner: EventBridge, Doc: EventBridge, ContactID: idReplayed}},
		{"detail_camel.json", want{Format: Detail, Inner: Detail, Doc: Detail, ContactID: idCamel}},
		{"detail_pascal.json", want{Format: Detail, Inner: Detail, Doc: Detail, ContactID: idPascal}},
		{"sns.json", want{ID: "5f449d62-398f-4860-b72f-13d9bc09862d", Format: SNS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Message", Decoded: true, ContactID: idQueued}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data := fixture(t, tc.file)
			check(t, data, collect(Records(data, Auto)), []want{tc.want})
			// Selecting the format gives the same record.
			check(t, data, collect(Records(data, tc.want.Format)), []want{tc.want})
		})
	}
}

func TestRecordsLambdaSQS(t *testing.T) {
	data := fixture(t, "lambda_sqs.json")
	wants := []want{
		{ID: "4343e0d1-1742-491a-b545-0bbf51306b92", Format: LambdaSQS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/0/body", Decoded: true, ContactID: idQueued},
		{ID: "384012b0-c917-49ee-8d43-d12854b55d6f", Format: LambdaSQS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/1/body", Decoded: true, ContactID: idConnected},
		{ID: "792103d9-be2c-451d-a54a-2fecdda47b61", Format: LambdaSQS, Inner: Detail, Doc: Detail, Pointer: "/Records/2/body", Decoded: true, ContactID: idCamel},
	}
	check(t, data, collect(Records(data, Auto)), wants)
	check(t, data, collect(Records(data, LambdaSQS)), wants)

	// Data is the unescaped body, byte for byte.
	var ev struct {
		Records []struct {
			Body string `json:"body"`
		}
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatal(err)
	}
	i := 0
	for r := range Records(data, Auto) {
		if string(r.Data) != ev.Records[i].Body {
			t.Errorf("record %d: Data differs from the body", i)
		}
		i++
	}
}

func TestRecordsSNSThroughSQS(t *testing.T) {
	data := fixture(t, "lambda_sqs_sns.json")
	check(t, data, collect(Records(data, Auto)), []want{
		{ID: "a5554fde-61a2-4f5c-aebf-da55b8dcfa76", Format: LambdaSQS, Inner: SNS, Doc: EventBridge, Pointer: "/Records/0/body", Decoded: true, ContactID: idQueued},
		{ID: "ec982ac0-aa9f-48d9-941a-b980f2103df7", Format: LambdaSQS, Inner: SNS, Doc: EventBridge, Pointer: "/Records/1/body", Decoded: true, ContactID: idDisconnected},
	})
	// The SNS notification alone, as an SQS consumer outside Lambda reads a
	// body, is the SNS format.
	var ev struct {
		Records []struct {
			Body string `json:"body"`
		}
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatal(err)
	}
	body := []byte(ev.Records[1].Body)
	if f := Detect(body); f != SNS {
		t.Errorf("Detect(body) = %s, want sns", f)
	}
	check(t, body, collect(Records(body, Auto)), []want{
		{ID: "251741a5-b819-49b6-8d84-c29ccbf4f631", Format: SNS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Message", Decoded: true, ContactID: idDisconnected},
	})
}

func TestRecordsLambdaSNS(t *testing.T) {
	data := fixture(t, "lambda_sns.json")
	check(t, data, collect(Records(data, Auto)), []want{
		{ID: "420dac8f-a538-4e41-98cd-a58e25956bb2", Format: LambdaSNS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/0/Sns/Message", Decoded: true, ContactID: idQueued},
		{ID: "22c8ed15-b90c-4286-83dd-75bcdad4d154", Format: LambdaSNS, Inner: Detail, Doc: Detail, Pointer: "/Records/1/Sns/Message", Decoded: true, ContactID: idPascal},
	})
}

func TestRecordsLambdaKinesis(t *testing.T) {
	data := fixture(t, "lambda_kinesis.json")
	wants := []want{
		{ID: "shardId-000000000001:49591584841538540669228322833570764963276104231222855169", Format: LambdaKinesis, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/0/kinesis/data", Decoded: true, ContactID: idQueued},
		{ID: "shardId-000000000001:49593255281609893329751047095950115380330503886547632614", Format: LambdaKinesis, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/1/kinesis/data", Decoded: true, ContactID: idConnected},
	}
	check(t, data, collect(Records(data, Auto)), wants)
	check(t, data, collect(Records(data, LambdaKinesis)), wants)
}

func TestRecordsFirehose(t *testing.T) {
	data := fixture(t, "firehose.json")
	got := collect(Records(data, Auto))
	check(t, data, got, []want{
		{ID: "49546986683135544286507457936321625675700192479639014126", Format: Firehose, Inner: EventBridge, Doc: EventBridge, Pointer: "/records/0/data", Decoded: true, ContactID: idQueued},
		{ID: "49546986683135544286507457936321625675700192474443091618", Format: Firehose, Inner: EventBridge, Doc: EventBridge, Pointer: "/records/1/data", Decoded: true, ContactID: idConnected},
	})
	// The first record's data ends with a newline; Data does not.
	if d := got[0].rec.Data; d[len(d)-1] != '}' {
		t.Errorf("Data not trimmed: %q", d[len(d)-10:])
	}
}

func TestRecordsMixedBatches(t *testing.T) {
	for _, tc := range []struct {
		file  string
		wants []want
	}{
		{"lambda_sqs_mixed.json", []want{
			{ID: "1e32cfea-9e67-46e5-956e-257f7cdad0fc", Format: LambdaSQS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/0/body", Decoded: true, ContactID: idQueued},
			{ID: "e38c46e7-8323-4733-912e-b966c73bfcdb", Format: LambdaSQS, Pointer: "/Records/1/body", Decoded: true,
				Err: "record 1 (messageId e38c46e7-8323-4733-912e-b966c73bfcdb) at /Records/1/body: body is not JSON: "},
			{ID: "c12f772a-4f3c-463d-9b74-c4898e317711", Format: LambdaSQS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/2/body", Decoded: true, ContactID: idConnected},
			{ID: "00f27c5d-2090-4723-8c2d-49b0cd7976f9", Format: LambdaSQS, Pointer: "/Records/3/body", Decoded: true,
				Err: "record 3 (messageId 00f27c5d-2090-4723-8c2d-49b0cd7976f9) at /Records/3/body: body: SNS Message is an object, not a string"},
			{ID: "12718c56-d96d-4a95-a1b7-2eec408c68f3", Format: LambdaSQS, Pointer: "/Records/4/body", Decoded: true,
				Err: "record 4 (messageId 12718c56-d96d-4a95-a1b7-2eec408c68f3) at /Records/4/body: body is a number, not a string"},
			{ID: "736ad57c-66ab-4d95-ab1b-0ff91fd75218", Format: LambdaSQS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/5/body", Decoded: true, ContactID: idDisconnected},
		}},
		{"lambda_sns_mixed.json", []want{
			{ID: "18b59d68-b160-4367-9c6f-3ded2803e248", Format: LambdaSNS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/0/Sns/Message", Decoded: true, ContactID: idQueued},
			{ID: "c705d781-61ec-416c-ae21-9f80be2e863a", Format: LambdaSNS, Pointer: "/Records/1/Sns/Message", Decoded: true,
				Err: "record 1 (MessageId c705d781-61ec-416c-ae21-9f80be2e863a) at /Records/1/Sns/Message: Sns.Message is an object, not a string"},
			{ID: "89df64aa-566d-4c26-8fc5-dafbc4b138f4", Format: LambdaSNS, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/2/Sns/Message", Decoded: true, ContactID: idDisconnected},
		}},
		{"lambda_kinesis_mixed.json", []want{
			{ID: "shardId-000000000001:49598160318766312547116210076064162686906303167893281371", Format: LambdaKinesis, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/0/kinesis/data", Decoded: true, ContactID: idQueued},
			{ID: "shardId-000000000001:49595821601388011668945824936719009489434846733640940249", Format: LambdaKinesis, Pointer: "/Records/1/kinesis/data", Decoded: true,
				Err: "kinesis.data is not valid base64: illegal base64 data at input byte 28"},
			{ID: "shardId-000000000001:49592595676236904520609343225763238211228195449773911720", Format: LambdaKinesis, Pointer: "/Records/2/kinesis/data", Decoded: true,
				Err: "at /Records/2/kinesis/data: decoded kinesis.data is not JSON"},
			{ID: "shardId-000000000001:49593885544123946553750540328039755292677319502302972671", Format: LambdaKinesis, Inner: EventBridge, Doc: EventBridge, Pointer: "/Records/3/kinesis/data", Decoded: true, ContactID: idDisconnected},
		}},
		{"firehose_mixed.json", []want{
			{ID: "49546986683135544286507457936321625675700192478573773780", Format: Firehose, Inner: EventBridge, Doc: EventBridge, Pointer: "/records/0/data", Decoded: true, ContactID: idQueued},
			{ID: "49546986683135544286507457936321625675700192474967226650", Format: Firehose, Pointer: "/records/1/data", Decoded: true,
				Err: "record 1 (recordId 49546986683135544286507457936321625675700192474967226650) at /records/1/data: data is not valid base64"},
			{ID: "49546986683135544286507457936321625675700192472813065928", Format: Firehose, Pointer: "/records/2/data", Decoded: true,
				Err: "data is an object, not a string"},
			{ID: "49546986683135544286507457936321625675700192475753730966", Format: Firehose, Inner: EventBridge, Doc: EventBridge, Pointer: "/records/3/data", Decoded: true, ContactID: idDisconnected},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data := fixture(t, tc.file)
			got := collect(Records(data, Auto))
			check(t, data, got, tc.wants)
			// The failed IDs make the partial batch response.
			var failed []string
			for _, g := range got {
				if g.err != nil {
					var re *RecordError
					errors.As(g.err, &re)
					failed = append(failed, re.ID)
				}
			}
			resp := NewBatchResponse(failed)
			if len(resp.BatchItemFailures) != len(failed) {
				t.Errorf("batch response %+v for %v", resp, failed)
			}
		})
	}
}

func TestRecordsBadBatchRecords(t *testing.T) {
	in := `{"Records":[
		"not an object",
		{"messageId":"m1","eventSource":"aws:sqs"},
		{"messageId":"m2","body":"{\"detail\":{}} trailing"},
		{"messageId":"m3","body":"[1,2]"},
		{"messageId":"m4","body":"{\"Type\":\"Notification\",\"Message\":\"{\\\"eventType\\\":\\\"QUEUED\\\",\\\"contactId\\\":\\\"x\\\"}\"}"},
		{"messageId":7,"body":"{}"},
		{"messageId":"m6","body":"  {\"detail-type\":\"d\"}\n"}
	]}`
	got := collect(Records([]byte(in), LambdaSQS))
	wantErrs := []string{
		"record 0 at /Records/0: the record is a string, not a JSON object",
		"record 1 (messageId m1) at /Records/1/body: no body in the record",
		"record 2 (messageId m2) at /Records/2/body: body has data after its JSON value",
		"record 3 (messageId m3) at /Records/3/body: body is an array, not a JSON object",
		"",
		"",
		"",
	}
	if len(got) != len(wantErrs) {
		t.Fatalf("got %d items: %+v", len(got), got)
	}
	for i, w := range wantErrs {
		switch {
		case w == "" && got[i].err != nil:
			t.Errorf("item %d: %v", i, got[i].err)
		case w != "" && (got[i].err == nil || got[i].err.Error() != w):
			t.Errorf("item %d: err = %v, want %s", i, got[i].err, w)
		}
	}
	if r := got[4].rec; r.Inner != SNS || r.Doc != Detail || string(r.Data) != `{"eventType":"QUEUED","contactId":"x"}` {
		t.Errorf("SNS body record = %+v (%s)", r, r.Data)
	}
	if r := got[5].rec; r.ID != "" || string(r.Data) != "{}" {
		t.Errorf("numeric messageId record = %+v", r)
	}
	if r := got[6].rec; string(r.Data) != `{"detail-type":"d"}` || r.Doc != EventBridge {
		t.Errorf("spaced body record = %+v (%s)", r, r.Data)
	}

	// A batch whose Records is not an array is one error.
	got = collect(Records([]byte(`{"Records":"x"}`), LambdaSQS))
	if len(got) != 1 || got[0].err == nil || got[0].err.Error() != "record 0 at /Records: Records is a string, not an array" {
		t.Errorf("got %+v", got)
	}
	got = collect(Records([]byte(`{"invocationId":"i"}`), Firehose))
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "no records array") {
		t.Errorf("got %+v", got)
	}
}

func TestRecordsBase64Variants(t *testing.T) {
	doc := `{"eventType":"QUEUED","contactId":"x/y?"}`
	for name, enc := range map[string]string{
		"padded":        base64.StdEncoding.EncodeToString([]byte(doc)),
		"unpadded":      base64.RawStdEncoding.EncodeToString([]byte(doc)),
		"escaped slash": strings.ReplaceAll(base64.StdEncoding.EncodeToString([]byte(doc+"  ")), "/", `\/`),
	} {
		in := `{"invocationId":"i","records":[{"recordId":"r","data":"` + enc + `"}]}`
		got := collect(Records([]byte(in), Auto))
		if len(got) != 1 || got[0].err != nil || string(got[0].rec.Data) != doc {
			t.Errorf("%s: got %+v", name, got)
		}
	}
}

func TestRecordErrorMessage(t *testing.T) {
	base := errors.New("boom")
	for _, tc := range []struct {
		e    RecordError
		want string
	}{
		{RecordError{Index: 3, ID: "059f36b4-87a3-44ab-83d2-661975830a7d", IDField: "messageId", Pointer: "/Records/3/body", Offset: -1, Err: base},
			"record 3 (messageId 059f36b4-87a3-44ab-83d2-661975830a7d) at /Records/3/body: boom"},
		{RecordError{Index: 2, Line: 4, Offset: 900, Err: base}, "record 2 at line 4: boom"},
		{RecordError{Index: 5, ID: "x", Line: 7, Pointer: "/Records/1/body", Offset: -1, Err: base}, "record 5 (id x) at line 7, /Records/1/body: boom"},
		{RecordError{Index: 0, Offset: 12, Err: base}, "record 0 at offset 12: boom"},
		{RecordError{Index: 0}, "record 0: unknown error"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
		if tc.e.Err != nil && !errors.Is(&tc.e, base) {
			t.Errorf("%q does not unwrap", tc.want)
		}
	}
}

func TestFormats(t *testing.T) {
	fs := Formats()
	want := []Format{EventBridge, Detail, SNS, LambdaSQS, LambdaSNS, LambdaKinesis, Firehose, Array, NDJSON, Concatenated}
	if diff := cmp.Diff(want, fs); diff != "" {
		t.Errorf("Formats (-want +got):\n%s", diff)
	}
	fs[0] = "changed"
	if Formats()[0] != EventBridge {
		t.Error("Formats returns shared storage")
	}
}

func TestBatchResponse(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{nil, `{"batchItemFailures":[]}`},
		{[]string{"059f36b4-87a3-44ab-83d2-661975830a7d", "", "2e1424d4-f796-459a-8184-9c92662be6da", "059f36b4-87a3-44ab-83d2-661975830a7d"},
			`{"batchItemFailures":[{"itemIdentifier":"059f36b4-87a3-44ab-83d2-661975830a7d"},{"itemIdentifier":"2e1424d4-f796-459a-8184-9c92662be6da"}]}`},
		{[]string{"shardId-000000000001:49591584841538540669228322833570764963276104231222855169"},
			`{"batchItemFailures":[{"itemIdentifier":"49591584841538540669228322833570764963276104231222855169"}]}`},
	} {
		b, err := json.Marshal(NewBatchResponse(tc.ids))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("NewBatchResponse(%q) = %s, want %s", tc.ids, b, tc.want)
		}
	}
}
