package contactevents_test

import (
	"errors"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// parserInputs are the documents a Parser is tested on: every documented
// event sample, verbatim and repaired, and the latest revision's events.
func parserInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	for _, s := range samples.Events() {
		in[s.Name+"/verbatim"] = s.Verbatim
		in[s.Name+"/repaired"] = s.Repaired
	}
	files, err := filepath.Glob("testdata/bench/latest/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("latest events: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in["latest/"+filepath.Base(f)] = b
	}
	return in
}

// sameResult fails t unless a Parser's result is Parse's: the same event
// (reflect.DeepEqual: every field, unexported ones included) and the same
// error text.
func sameResult(t *testing.T, name string, got *contactevents.Event, gotErr error, want *contactevents.Event, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Errorf("%s: error %v, Parse's %v", name, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the event differs from Parse's\n got %s\nwant %s", name, got.AppendJSON(nil), want.AppendJSON(nil))
	}
}

// TestParserMatchesParse: a Parser reusing its storage returns, document
// after document, what Parse returns, under every profile, events with a
// *ValidationError and syntax errors included.
func TestParserMatchesParse(t *testing.T) {
	in := parserInputs(t)
	for _, prof := range contactevents.Profile("").Values() {
		for _, opts := range [][]contactevents.Option{
			{contactevents.WithProfile(prof)},
			{contactevents.WithProfile(prof), contactevents.WithNoCopy()},
		} {
			p := contactevents.NewParser(opts...)
			for name, doc := range in {
				got, gotErr := p.Parse(doc)
				want, wantErr := contactevents.Parse(doc, opts...)
				sameResult(t, string(prof)+"/"+name, got, gotErr, want, wantErr)
			}
		}
	}
}

// TestParserEventValidUntilNextCall: the next call overwrites the event;
// a Clone taken before it is unchanged and shares nothing with the
// Parser's storage.
func TestParserEventValidUntilNextCall(t *testing.T) {
	in := parserInputs(t)
	first, second := in["03-current-connected-to-agent/repaired"], in["latest/02-voice-disconnected.json"]
	if first == nil || second == nil {
		t.Fatalf("inputs missing: %v", reflect.ValueOf(in).MapKeys())
	}
	p := contactevents.NewParser()
	ev, err := p.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	kept := ev.Clone()
	if !reflect.DeepEqual(kept, ev) {
		t.Fatalf("the clone differs\n got %s\nwant %s", kept.AppendJSON(nil), ev.AppendJSON(nil))
	}
	if _, err := p.Parse(second); err != nil {
		t.Fatal(err)
	}
	want, err := contactevents.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, want) {
		t.Errorf("the clone changed with the Parser's next call\n got %s\nwant %s", kept.AppendJSON(nil), want.AppendJSON(nil))
	}
	if ev.Detail.ContactID == want.Detail.ContactID {
		t.Errorf("the Parser's event still holds the first event's contact ID after the next call: its storage is not reused")
	}
}

// TestCloneSharesNoMemory: a Clone of an event from Parse outlives any
// change to the input it was decoded from (WithNoCopy: the event's strings
// alias the input).
func TestCloneSharesNoMemory(t *testing.T) {
	for name, doc := range parserInputs(t) {
		doc = append([]byte(nil), doc...)
		ev, err := contactevents.Parse(doc, contactevents.WithNoCopy())
		var verr *contactevents.ValidationError
		if err != nil && !errors.As(err, &verr) {
			continue // no event to clone
		}
		want, _ := contactevents.Parse(doc)
		kept := ev.Clone()
		for i := range doc {
			doc[i] = 'x'
		}
		if !reflect.DeepEqual(kept, want) {
			t.Errorf("%s: the clone changed with its input\n got %s\nwant %s", name, kept.AppendJSON(nil), want.AppendJSON(nil))
		}
	}
	if (*contactevents.Event)(nil).Clone() != nil {
		t.Error("a nil event's clone is not nil")
	}
}

// TestParserAllocatesLess: reusing the event's storage saves its
// allocation (the arena and the input copy) on every call. (Counts, not
// timings.)
func TestParserAllocatesLess(t *testing.T) {
	doc := parserInputs(t)["03-current-connected-to-agent/repaired"]
	p := contactevents.NewParser()
	reused := testing.AllocsPerRun(100, func() {
		if _, err := p.Parse(doc); err != nil {
			t.Fatal(err)
		}
	})
	fresh := testing.AllocsPerRun(100, func() {
		if _, err := contactevents.Parse(doc); err != nil {
			t.Fatal(err)
		}
	})
	if reused > fresh-1 {
		t.Errorf("a Parser allocates %.1f times per event, Parse %.1f: the storage is not reused", reused, fresh)
	}
}

// TestParserRecordsMatchesRecords: a Parser's Records yields, payload
// after payload and record by record, what Records yields (the event
// compared while it is valid, before the next record), for every input
// under every profile and for a batch of them.
func TestParserRecordsMatchesRecords(t *testing.T) {
	in := parserInputs(t)
	var batch []byte
	for _, doc := range in {
		if batch == nil {
			batch = []byte(`{"Records":[`)
		} else {
			batch = append(batch, ',')
		}
		batch = append(batch, `{"messageId":"m","eventSource":"aws:sqs","body":`...)
		batch = strconv.AppendQuote(batch, string(doc))
		batch = append(batch, '}')
	}
	in["batch"] = append(batch, "]}"...)
	for _, prof := range contactevents.Profile("").Values() {
		opts := []contactevents.Option{contactevents.WithProfile(prof)}
		p := contactevents.NewParser(opts...)
		for name, doc := range in {
			type result struct {
				rec  contactevents.Record
				json string
				err  string
			}
			collect := func(seq iter.Seq2[*contactevents.Record, error]) []result {
				var out []result
				for rec, err := range seq {
					r := result{rec: *rec}
					if rec.Event != nil {
						r.json = string(rec.Event.AppendJSON(nil))
					}
					r.rec.Event = nil
					if err != nil {
						r.err = err.Error()
					}
					out = append(out, r)
				}
				return out
			}
			got, want := collect(p.Records(doc)), collect(contactevents.Records(doc, opts...))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s/%s: Parser.Records yields\n%+v\nRecords\n%+v", prof, name, got, want)
			}
		}
	}
}

// TestParserRecordsNested: Records called again inside a loop over the
// same Parser's Records (a handler that parses a payload it finds) leaves
// the outer loop's records as they were.
func TestParserRecordsNested(t *testing.T) {
	batch := `{"Records":[{"messageId":"m1","eventSource":"aws:sqs","body":"{}"},{"messageId":"m2","eventSource":"aws:sqs","body":"{}"}]}`
	p := contactevents.NewParser()
	var ids []string
	for rec := range p.Records([]byte(batch)) {
		ids = append(ids, rec.ID)
		for inner := range p.Records([]byte(batch)) {
			ids = append(ids, "inner "+inner.ID)
		}
	}
	if got := strings.Join(ids, ", "); got != "m1, inner m1, inner m2, m2, inner m1, inner m2" {
		t.Errorf("records %s", got)
	}
}

// TestParserRecordsAllocatesNoMoreThanParse: a Parser's Records reuses
// its Record with its event, so that a reader of many payloads (the
// command's NDJSON workers) allocates for a record what the Parser's Parse
// does for the event (nothing, for an event of a shape the Parser has seen
// and no map member to fill). (Counts, not timings; the iterator is called
// with a yield made once, as a range loop's body would be a closure.)
func TestParserRecordsAllocatesNoMoreThanParse(t *testing.T) {
	p := contactevents.NewParser()
	var last *contactevents.Record
	yield := func(rec *contactevents.Record, err error) bool {
		if err != nil || len(rec.Warnings) > 0 {
			t.Fatalf("%+v: %v", rec, err)
		}
		last = rec
		return true
	}
	n := 0
	for name, doc := range parserInputs(t) {
		if !strings.HasPrefix(name, "latest/") {
			continue // the samples have warnings or errors
		}
		n++
		records := testing.AllocsPerRun(20, func() { p.Records(doc)(yield) })
		parse := testing.AllocsPerRun(20, func() {
			if _, err := p.Parse(doc); err != nil {
				t.Fatal(err)
			}
		})
		if records > parse {
			t.Errorf("%s: %.1f allocations a payload for Records, %.1f for Parse", name, records, parse)
		}
		first := last
		p.Records(doc)(yield)
		if last != first {
			t.Errorf("%s: a new Record for every payload", name)
		}
	}
	if n == 0 {
		t.Fatal("no latest event")
	}
}
