package contactevents_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/connectevents/sdk-go/contactevents"
)

func gzipped(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, p := range parts { // one member each: concatenated members
		w := gzip.NewWriter(&b)
		if _, err := io.WriteString(w, p); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

const bom = "\ufeff"

func TestOpenContent(t *testing.T) {
	ev := string(detail(""))
	for _, tc := range []struct {
		name string
		in   []byte
		want string
		c    contactevents.Content
	}{
		{"plain", []byte(ev), ev, contactevents.Content{}},
		{"empty", nil, "", contactevents.Content{}},
		{"short", []byte("{"), "{", contactevents.Content{}},
		{"bom", []byte(bom + ev), ev, contactevents.Content{BOM: true}},
		{"bom only", []byte(bom), "", contactevents.Content{BOM: true}},
		{"bom twice: the second is content", []byte(bom + bom + ev), bom + ev, contactevents.Content{BOM: true}},
		{"gzip", gzipped(t, ev), ev, contactevents.Content{Gzip: true}},
		{"gzip members", gzipped(t, ev, "\n", ev), ev + "\n" + ev, contactevents.Content{Gzip: true}},
		{"gzip with bom", gzipped(t, bom+ev), ev, contactevents.Content{Gzip: true, BOM: true}},
		{"1f 8b not at the start", append([]byte(" "), gzipped(t, ev)...), " " + string(gzipped(t, ev)), contactevents.Content{}},
	} {
		for rname, r := range map[string]io.Reader{
			"seeker":     bytes.NewReader(tc.in),
			"one byte":   iotest.OneByteReader(bytes.NewReader(tc.in)),
			"not seeker": io.MultiReader(bytes.NewReader(tc.in)),
		} {
			got, c, err := contactevents.OpenContent(r)
			if err != nil {
				t.Errorf("%s, %s: %v", tc.name, rname, err)
				continue
			}
			b, err := io.ReadAll(got)
			if err != nil || string(b) != tc.want || c != tc.c {
				t.Errorf("%s, %s: %q %+v %v; want %q %+v", tc.name, rname, b, c, err, tc.want, tc.c)
			}
		}
	}
}

func TestOpenContentCorruptGzip(t *testing.T) {
	gz := gzipped(t, string(detail("")))
	if _, _, err := contactevents.OpenContent(bytes.NewReader(gz[:5])); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("a truncated gzip header: %v, want a gzip error", err)
	}
	r, _, err := contactevents.OpenContent(bytes.NewReader(gz[:len(gz)-4]))
	if err == nil {
		_, err = io.ReadAll(r)
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a truncated gzip member: %v, want io.ErrUnexpectedEOF", err)
	}
}

// TestDecoderReadsGzipAndBOM: what an S3 archive holds, gzip members of
// records concatenated without newlines, one of them starting with a BOM.
func TestDecoderReadsGzipAndBOM(t *testing.T) {
	ev := string(detail(""))
	in := gzipped(t, bom+ev+ev, ev)
	n := 0
	for rec, err := range contactevents.NewDecoder(bytes.NewReader(in)).Records() {
		if err != nil {
			t.Fatalf("record %d: %v", n, err)
		}
		if rec.Format != contactevents.FormatConcatenated {
			t.Errorf("record %d: format %s, want concatenated", n, rec.Format)
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d records, want 3", n)
	}
	// A BOM elsewhere than at the start is an error of its record.
	var errs []error
	for _, err := range contactevents.NewDecoder(strings.NewReader(ev + "\n" + bom + ev + "\n")).All() {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var re *contactevents.RecordError
	if len(errs) != 1 || !errors.As(errs[0], &re) || re.Line != 2 || !strings.Contains(errs[0].Error(), "byte order mark") {
		t.Errorf("a BOM on line 2: %v, want one error at line 2", errs)
	}
}

// An S3 object as Firehose writes it: gzip, records back to back. NewDecoder
// reads it as it comes (OpenContent tells a tool what it found).
func ExampleNewDecoder_gzip() {
	var object bytes.Buffer
	w := gzip.NewWriter(&object)
	io.WriteString(w, `{"eventType":"QUEUED","contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"}`)
	io.WriteString(w, `{"eventType":"DISCONNECTED","contactId":"c-1","channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"}`)
	w.Close()

	for rec, err := range contactevents.NewDecoder(&object).Records() {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(rec.Index, rec.Format, rec.Event.Detail.EventType)
	}
	// Output:
	// 0 concatenated QUEUED
	// 1 concatenated DISCONNECTED
}

// A gzip stream cut short is a read error that says how far the content got
// (a *ContentError): the whole lines before it are events, the line it cuts
// is not one, and nothing is yielded after it.
func TestTruncatedGzipIsAContentErrorNotAnEvent(t *testing.T) {
	ev := string(detail(""))
	var nd strings.Builder
	for range 400 {
		nd.WriteString(ev + "\n")
	}
	gz := gzipped(t, nd.String())
	gz = gz[:len(gz)/2]
	events, errs := 0, []error(nil)
	for _, err := range contactevents.NewDecoder(bytes.NewReader(gz)).All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if len(errs) > 0 {
			t.Fatal("an event after the read error")
		}
		events++
	}
	var ce *contactevents.ContentError
	if len(errs) != 1 || !errors.As(errs[0], &ce) || !errors.Is(errs[0], io.ErrUnexpectedEOF) {
		t.Fatalf("errors %v, want one *ContentError wrapping io.ErrUnexpectedEOF", errs)
	}
	whole := strings.Count(nd.String()[:ce.Offset], "\n")
	if ce.Line != whole+1 || events != whole {
		t.Errorf("%d events, error at line %d after %d bytes; want %d events, line %d", events, ce.Line, ce.Offset, whole, whole+1)
	}
	if want := fmt.Sprintf("gzip stream truncated after %d bytes, line %d: unexpected EOF", ce.Offset, ce.Line); !strings.Contains(errs[0].Error(), want) {
		t.Errorf("error %q does not say %q", errs[0], want)
	}
}
