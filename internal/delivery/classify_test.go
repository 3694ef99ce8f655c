package delivery

import (
	"bytes"
	"strings"
	"testing"

	"github.com/segmentio/encoding/json"
)

// TestRootRuleInEveryReader: the walker (through Detect and Records) and
// DocumentKind give the same kind for each document, by the schema's root
// rule: a detail or detail-type member, whatever its value.
func TestRootRuleInEveryReader(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want Format
	}{
		{`{"version":"0","detail-type":"Amazon Connect Contact Event","detail":{}}`, EventBridge},
		{`{"detail":null,"eventType":"QUEUED"}`, EventBridge},
		{`{"eventType":"QUEUED","detail-type":1}`, EventBridge},
		{`{"eventType":"QUEUED","contactId":"c-1"}`, Detail},
		{`{"version":"0","id":"x"}`, Detail},
		{`{}`, Detail},
	} {
		if got := Detect([]byte(tc.doc)); got != tc.want {
			t.Errorf("Detect(%s) = %s, want %s", tc.doc, got, tc.want)
		}
		for rec, err := range Records([]byte(tc.doc), Auto) {
			if err != nil || rec.Doc != tc.want {
				t.Errorf("Records(%s): Doc %s, %v; want %s", tc.doc, rec.Doc, err, tc.want)
			}
		}
		if got, object := DocumentKind([]byte(tc.doc)); got != tc.want || !object {
			t.Errorf("DocumentKind(%s) = %s, %v; want %s", tc.doc, got, object, tc.want)
		}
	}
	// A malformed document is classified by its keys up to the defect.
	if got, _ := DocumentKind([]byte(`{"eventType":"QUEUED",,"detail":{}}`)); got != Detail {
		t.Errorf("DocumentKind reads past a fatal defect: %s", got)
	}
	if got, _ := DocumentKind([]byte(`{"a":[1,],"detail":{}`)); got != EventBridge {
		t.Errorf("DocumentKind stops at a recoverable defect: %s", got)
	}
	if _, object := DocumentKind([]byte(`[{"detail":{}}]`)); object {
		t.Error("DocumentKind calls an array an object")
	}
}

// classifyOutcome is everything a caller learns from Classify: the kind,
// whether to go on with the delivery layer, whether the document's end is
// the decoder's to find, and what Describe then says.
type classifyOutcome struct {
	Doc              Format
	OK, Partial      bool
	IsContactEvent   bool
	Kind             Kind
	What             string
	Records, Answers int
}

func classifyWith(data []byte, f Format, fast bool) classifyOutcome {
	var sum Summary
	var o classifyOutcome
	o.Doc, o.OK = classify(data, f, &testShape, &sum, fast)
	o.Partial = sum.Partial()
	o.IsContactEvent = sum.IsContactEvent(testShape)
	o.Kind, o.What = sum.Describe(testShape)
	if !o.OK {
		for _, err := range sum.Records(data, f) {
			o.Records++
			if err == nil {
				o.Answers++
			}
		}
	}
	return o
}

// checkShortcut fails when Classify's shortcut for an event that starts as
// AWS writes one tells a caller anything the skim does not.
func checkShortcut(t *testing.T, data []byte, f Format) {
	t.Helper()
	if fast, skim := classifyWith(data, f, true), classifyWith(data, f, false); fast != skim {
		t.Errorf("Classify(%.80q, %s): shortcut %+v, skim %+v", data, f, fast, skim)
	}
}

// shortcutInputs are envelopes written as AWS does, then every way of
// breaking what the shortcut relies on: escapes, a key spelled otherwise,
// white space, a value cut short, other values and what follows.
var shortcutInputs = []string{
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d3a","detail-type":"Amazon Connect Contact Event","source":"aws.connect","detail":{}}`,
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d3a5","detail-type":"Amazon Connect Contact Event","source":"aws.connect","detail":{}}`,
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d3","detail-type":"Amazon Connect Contact Event","source":"aws.connect","detail":{}}`,
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d\"","detail-type":"Amazon Connect Contact Event","source":"aws.connect"}`,
	`{"version":"0","id":"c8f2a4a6\\3f6e-4b8e-9a47-1f1b7f0e2d3a","detail-type":"Amazon Connect Contact Event","source":"aws.connect"}`,
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2","detail-type":"Amazon Connect Contact Event"`,
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d3a","detail-type":"Amazon Connect Contact Event\"","source":"aws.connect"}`,
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d3a","detail-type":"Amazon Connect Contact Events","source":"aws.connect"}`,
	`{"version":"0","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d3a","detail-type":"Amazon Connect Contact Event`,
	`{"version":"01","id":"c8f2a4a6-3f6e-4b8e-9a47-1f1b7f0e2d3a","detail-type":"Amazon Connect Contact Event"}`,
	`{"version":"0\"","id":"e-1","detail-type":"Amazon Connect Contact Event"}`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event","source":"aws.connect","detail":{"eventType":"QUEUED","contactId":"c"}}`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event","source":"aws.connect","detail":{}} {"version":"0"}`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event","source":"aws.connect","detail":{}}` + "\n" + `{"version":"0"}`,
	`{"version":"0","id":"e-1","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{}}`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event","source":"aws.connect","source":"aws.ec2"}`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event","Records":[],"Type":"Notification"}`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event",`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event"`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event",,}`,
	`{"version":"0","id":"e-1","detail-type":"Amazon`,
	`{"version":"0","id":"e-1","detail-type":"\u0041mazon Connect Contact Event","source":"aws.connect"}`,
	`{"version":"0","id":"e\"1","detail-type":"Amazon Connect Contact Event","source":"aws.connect"}`,
	`{"version":"0","id":"e-1","detail-type":]`,
	`{"version":"0","id":"e-1","detail-type":5,"source":"aws.connect"}`,
	`{"version":"0","id":"e-1","detail-type":null}`,
	`{"version":"0","id":"e-1","detail":{},"detail-type":"x"}`,
	`{"version":"0","id":5,"detail-type":"Amazon Connect Contact Event"}`,
	`{"version":"0", "id":"e-1","detail-type":"Amazon Connect Contact Event"}`,
	`{"version":"0","i\u0064":"e-1","detail-type":"Amazon Connect Contact Event"}`,
	`{"version":"0","id":"e-1","detail-typ\u0065":"Amazon Connect Contact Event"}`,
	`  {"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event","source":"aws.connect"}  `,
	`{"version":"0","id":"` + "\x00\xff" + `","detail-type":"` + "\n" + `","source":"aws.connect"}`,
	`{"version":"","id":"","detail-type":""}`,
	`{"version":"0","id":"e-1","detail-type":"","detail-type":"Amazon Connect Contact Event"}`,
	`{"version":"0","id":"e-1"}`,
	`{"version":"0"}`,
	`{"version":`,
	`{"version":"0","id":"e-1","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"1","detail":{"a":` + deepArray + `}}`,
}

// deepArray nests deeper than the skim follows.
var deepArray = strings.Repeat("[", 2*MaxDepth) + strings.Repeat("]", 2*MaxDepth)

// TestClassifyShortcutIsTheSkim: for an event that starts as AWS writes one,
// Classify answers without skimming its first members; every caller learns
// what the skim would have told it (the kind, Partial, Describe's sentence,
// the records), for the fixtures and for inputs made to break the shortcut,
// under every format.
func TestClassifyShortcutIsTheSkim(t *testing.T) {
	inputs := shortcutInputs
	for _, name := range fixtureNames(t) {
		var buf bytes.Buffer
		if err := json.Compact(&buf, fixture(t, name)); err == nil {
			inputs = append(inputs, buf.String())
		}
		inputs = append(inputs, string(fixture(t, name)))
	}
	taken := 0
	for _, in := range inputs {
		if envelopeFirst(trimWS([]byte(in))) {
			taken++
		}
		for _, f := range append([]Format{Auto}, Formats()...) {
			checkShortcut(t, []byte(in), f)
		}
	}
	if taken < len(shortcutInputs)/2 {
		t.Errorf("the shortcut is taken for %d inputs only", taken)
	}
}

// FuzzClassifyShortcut: whatever follows an envelope's first members, the
// shortcut and the skim tell a caller the same.
func FuzzClassifyShortcut(f *testing.F) {
	for _, in := range shortcutInputs {
		f.Add([]byte(in), uint8(0))
	}
	all := append([]Format{Auto}, Formats()...)
	f.Fuzz(func(t *testing.T, data []byte, sel uint8) {
		checkShortcut(t, data, all[int(sel)%len(all)])
	})
}
