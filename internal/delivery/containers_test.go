package delivery

import (
	"bytes"
	"iter"
	"strings"
	"testing"
)

func TestRecordsArray(t *testing.T) {
	data := fixture(t, "array.json")
	wants := []want{
		{Format: Array, Inner: EventBridge, Doc: EventBridge, Pointer: "/0", Line: 2, ContactID: idQueued},
		{Format: Array, Inner: EventBridge, Doc: EventBridge, Pointer: "/1", Line: 32, ContactID: idConnected},
		{Format: Array, Inner: Detail, Doc: Detail, Pointer: "/2", Line: 66, ContactID: idCamel},
	}
	check(t, data, collect(Records(data, Auto)), wants)
	check(t, data, collect(Records(data, Array)), wants)

	// Elements may be wrappers; they yield their records. Broken elements
	// are reported and the rest still come through.
	sqs := fixture(t, "lambda_sqs_sns.json")
	in := "[" + string(fixture(t, "detail_pascal.json")) + ",\n42,\n" + string(sqs) + ",\n{\"a\":}\n,\n{\"eventType\":\"x\",\"contactId\":\"last\"}]"
	got := collect(Records([]byte(in), Auto))
	check(t, []byte(in), got, []want{
		{Format: Array, Inner: Detail, Doc: Detail, Pointer: "/0", Line: 1, ContactID: idPascal},
		{Format: Array, Pointer: "/1", Line: 15, Err: "record 1 at line 15, /1: the value is a number, not a JSON object"},
		{ID: "a5554fde-61a2-4f5c-aebf-da55b8dcfa76", Format: Array, Inner: SNS, Doc: EventBridge, Pointer: "/2/Records/0/body", Line: 16, Decoded: true, ContactID: idQueued},
		{ID: "ec982ac0-aa9f-48d9-941a-b980f2103df7", Format: Array, Inner: SNS, Doc: EventBridge, Pointer: "/2/Records/1/body", Line: 16, Decoded: true, ContactID: idDisconnected},
		{Format: Array, Inner: Detail, Doc: Detail, Pointer: "/3", Line: 53, Malformed: true},
		{Format: Array, Inner: Detail, Doc: Detail, Pointer: "/4", Line: 55, ContactID: "last"},
	})

	// Selecting Array for something else is one error.
	got = collect(Records([]byte(`{"a":1}`), Array))
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "not a JSON array") {
		t.Errorf("got %+v", got)
	}
	// An empty array has no records; a truncated one ends with an error.
	if got := collect(Records([]byte(" [ ] "), Auto)); len(got) != 0 {
		t.Errorf("empty array: %+v", got)
	}
	got = collect(Records([]byte(`[{"detail":{}}, {"detail":{}}`), Auto))
	if len(got) != 3 || got[2].err == nil || !strings.Contains(got[2].err.Error(), "end of input inside a JSON array") {
		t.Errorf("truncated array: %+v", got)
	}
}

func TestRecordsNDJSON(t *testing.T) {
	data := fixture(t, "events.ndjson")
	wants := []want{
		{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: idQueued},
		{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 2, ContactID: idConnected},
		{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 3, ContactID: idDisconnected},
		{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 4, ContactID: idReplayed},
	}
	check(t, data, collect(Records(data, Auto)), wants)
	check(t, data, collect(Records(data, NDJSON)), wants)
	// Data is a subslice of the input.
	for r := range Records(data, Auto) {
		if &r.Data[0] != &data[r.Offset] {
			t.Errorf("record %d: Data is a copy", r.Index)
		}
	}
}

func TestRecordsMessyNDJSON(t *testing.T) {
	data := fixture(t, "messy.ndjson")
	wants := []want{
		{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: idQueued},
		{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 3, ContactID: idConnected},
		{Format: NDJSON, Line: 4, Err: "record 2 at line 4: line ends inside a JSON value"},
		{Format: NDJSON, Inner: EventBridge, Doc: EventBridge, Line: 6, ContactID: idDisconnected},
		{Format: NDJSON, Line: 7, Err: `record 4 at line 7: not valid JSON: invalid token "this"`},
		{Format: NDJSON, Inner: Detail, Doc: Detail, Line: 8, ContactID: idCamel},
		{Format: NDJSON, Line: 9, Err: "record 6 at line 9: invalid character '}' looking for the beginning of a value"},
	}
	check(t, data, collect(Records(data, Auto)), wants)
	check(t, data, collect(Records(data, NDJSON)), wants)
}

func TestRecordsConcatenated(t *testing.T) {
	data := fixture(t, "concatenated.json")
	wants := []want{
		{Format: Concatenated, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: idQueued},
		{Format: Concatenated, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: idConnected},
		{Format: Concatenated, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: idDisconnected},
		{Format: Concatenated, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: idReplayed},
	}
	check(t, data, collect(Records(data, Auto)), wants)
	check(t, data, collect(Records(data, Concatenated)), wants)

	// Pretty-printed values back to back, with a Lambda batch and an SNS
	// notification among them.
	var in bytes.Buffer
	in.Write(fixture(t, "eventbridge.json"))
	in.Write(fixture(t, "sns.json"))
	in.WriteString("  ")
	in.Write(fixture(t, "lambda_kinesis.json"))
	in.Write(fixture(t, "detail_pascal.json"))
	check(t, in.Bytes(), collect(Records(in.Bytes(), Auto)), []want{
		{Format: Concatenated, Inner: EventBridge, Doc: EventBridge, Line: 1, ContactID: idQueued},
		{ID: "5f449d62-398f-4860-b72f-13d9bc09862d", Format: Concatenated, Inner: SNS, Doc: EventBridge, Pointer: "/Message", Line: 31, Decoded: true, ContactID: idQueued},
		{ID: "shardId-000000000001:49591584841538540669228322833570764963276104231222855169", Format: Concatenated, Inner: LambdaKinesis, Doc: EventBridge, Pointer: "/Records/0/kinesis/data", Line: 42, Decoded: true, ContactID: idQueued},
		{ID: "shardId-000000000001:49593255281609893329751047095950115380330503886547632614", Format: Concatenated, Inner: LambdaKinesis, Doc: EventBridge, Pointer: "/Records/1/kinesis/data", Line: 42, Decoded: true, ContactID: idConnected},
		{Format: Concatenated, Inner: Detail, Doc: Detail, Line: 78, ContactID: idPascal},
	})

	// A broken value resyncs at the next line that starts with '{'.
	in2 := "{\"eventType\":\"A\",\"contactId\":\"1\"}{\"eventType\":\n  ]\n  {\"x\": 1}\n{\"eventType\":\"B\",\"contactId\":\"2\"}"
	check(t, []byte(in2), collect(Records([]byte(in2), Auto)), []want{
		{Format: Concatenated, Inner: Detail, Doc: Detail, Line: 1, ContactID: "1"},
		{Format: Concatenated, Line: 1, Err: "mismatched ']'"},
		{Format: Concatenated, Inner: Detail, Doc: Detail, Line: 4, ContactID: "2"},
	})
	// Without a newline to resync on, the rest is lost.
	in3 := `{"eventType":"A","contactId":"1"}]{"eventType":"B","contactId":"2"}`
	check(t, []byte(in3), collect(Records([]byte(in3), Auto)), []want{
		{Format: Concatenated, Inner: Detail, Doc: Detail, Line: 1, ContactID: "1"},
		{Format: Concatenated, Line: 1, Err: "invalid character ']'"},
	})
	// Input that ends inside a value stops with an error.
	in4 := `{"eventType":"A","contactId":"1"} {"eventType":"B"`
	check(t, []byte(in4), collect(Records([]byte(in4), Auto)), []want{
		{Format: Concatenated, Inner: Detail, Doc: Detail, Line: 1, ContactID: "1"},
		{Format: Concatenated, Line: 1, Err: "unexpected end of input inside a JSON value"},
	})
}

func TestRecordsNotDetected(t *testing.T) {
	for in, wantErr := range map[string]string{
		`42`:      "record 0: the value is a number, not a JSON object",
		`"x"`:     "record 0: the value is a string, not a JSON object",
		`{"a":1]`: "record 0: mismatched ']' in JSON value at offset 6",
		`  tru`:   `record 0 at offset 2: not valid JSON: invalid token "tru"`,
	} {
		got := collect(Records([]byte(in), Auto))
		if len(got) != 1 || got[0].err == nil || !strings.HasPrefix(got[0].err.Error(), wantErr) {
			t.Errorf("Records(%q) = %+v, want error %q", in, got, wantErr)
		}
	}
	// An object that does not parse is the decoder's to diagnose: it is
	// yielded as a record of the kind its keys say.
	for in, doc := range map[string]Format{`{"a":1,}`: Detail, "{\"a\":\"b\n\"}": Detail, `{"detail":{},}`: EventBridge} {
		got := collect(Records([]byte(in), Auto))
		if len(got) != 1 || got[0].err != nil || got[0].rec.Doc != doc || string(got[0].rec.Data) != in {
			t.Errorf("Records(%q) = %+v, want a %s record of the malformed object", in, got, doc)
		}
	}
	if got := collect(Records(nil, Auto)); len(got) != 0 {
		t.Errorf("Records(nil) = %+v", got)
	}
	for _, f := range []Format{EventBridge, SNS, LambdaSQS} {
		got := collect(Records([]byte("  "), f))
		if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "empty input") {
			t.Errorf("Records(empty, %s) = %+v", f, got)
		}
		got = collect(Records([]byte("[1]"), f))
		if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "not a JSON object") {
			t.Errorf("Records([1], %s) = %+v", f, got)
		}
	}
	got := collect(Records([]byte("{}"), Format("xml")))
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), `unknown format "xml"`) {
		t.Errorf("unknown format: %+v", got)
	}
}

// TestRecordsStopEarly makes yield return false after stop+1 items and
// counts the calls: the iterator must not call yield again. The sequences are
// called directly, not ranged over, so that the count is what the test
// checks, not the runtime's panic for a range-over-func iterator that
// ignores false.
func TestRecordsStopEarly(t *testing.T) {
	for _, name := range []string{"lambda_sqs_mixed.json", "events.ndjson", "array.json", "messy.ndjson"} {
		data := fixture(t, name)
		total := 0
		for range Records(data, Auto) {
			total++
		}
		if total < 3 {
			t.Fatalf("%s: %d items, the test needs at least 3", name, total)
		}
		for stop := range 3 {
			sources := map[string]iter.Seq2[Record, error]{
				"Records": Records(data, Auto),
				"Stream":  Stream(bytes.NewReader(data), Auto, testMaxValue),
			}
			for src, seq := range sources {
				yielded := 0
				seq(func(Record, error) bool {
					yielded++
					return yielded <= stop
				})
				if want := stop + 1; yielded != want {
					t.Errorf("%s %s: yield returned false after item %d, but it was called %d times", src, name, want, yielded)
				}
			}
		}
	}
}
