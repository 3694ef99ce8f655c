package delivery

import "testing"

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
