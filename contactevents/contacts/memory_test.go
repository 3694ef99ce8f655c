package contacts_test

import (
	"runtime"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// TestMemoryPerContact: a tracked contact costs at most 512 bytes on top of
// the strings it keeps (its contact ID: 48 bytes with the allocator's
// rounding; queue and agent ARNs are kept once per tracker), and it keeps
// nothing of the parsed events: a kept substring of an event would pin the
// event's whole arena (about 5 KB).
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
	const keptStrings = 48
	per := float64(liveHeap()-base) / float64(tr.Len())
	runtime.KeepAlive(tr)
	t.Logf("%d contacts: %.0f bytes a contact, %.0f without its contact ID", tr.Len(), per, per-keptStrings)
	if per-keptStrings > 512 {
		t.Errorf("%.0f bytes a contact besides its strings, want at most 512", per-keptStrings)
	}
}
