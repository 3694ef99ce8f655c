package contacteventstest_test

import (
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// TestLifecycleValid: every event of every lifecycle, on every channel, is
// valid under the strict profile, and the events of one contact are in
// order.
func TestLifecycleValid(t *testing.T) {
	for _, kind := range contacteventstest.LifecycleKind("").Values() {
		for _, ch := range contactevents.Channel("").Values() {
			if !ch.IsCurrent() {
				continue
			}
			evs := contacteventstest.Lifecycle(kind, ch, 42)
			if len(evs) < 3 {
				t.Errorf("%s %s: %d events", kind, ch, len(evs))
			}
			last := map[string]int64{}
			for _, ev := range evs {
				contacteventstest.AssertValid(t, contacteventstest.Payload(ev), contactevents.WithProfile(contactevents.Strict))
				at := ev.Time.Time().Unix()
				if at < last[ev.Detail.ContactID] {
					t.Errorf("%s %s: %s of %s at %v, before the previous event", kind, ch, ev.Detail.EventType, ev.Detail.ContactID, ev.Time)
				}
				last[ev.Detail.ContactID] = at
			}
		}
	}
}
