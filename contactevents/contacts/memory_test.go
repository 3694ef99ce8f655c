package contacts_test

import (
	"runtime"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// TestMemoryPerContact: a tracked contact costs at most 512 bytes, the
// strings it keeps included (UUIDs are kept as their 16 bytes; queue and
// agent ARNs once per tracker), and it keeps nothing of the parsed events:
// a kept substring of an event would pin the event's whole arena (about
// 5 KB).
func TestMemoryPerContact(t *testing.T) {
	benchStream()
	tr := contacts.New()
	base := liveHeap()
	replay(20, func(doc []byte) {
		ev, err := contactevents.Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		tr.Add(ev)
	})
	per := float64(liveHeap()-base) / float64(tr.Len())
	runtime.KeepAlive(tr)
	t.Logf("%d contacts: %.0f bytes a contact", tr.Len(), per)
	if per > 512 {
		t.Errorf("%.0f bytes a contact, want at most 512", per)
	}
}
