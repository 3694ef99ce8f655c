package contacts

import (
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestRankOf: rankOf's switch and the lifecycle's order agree.
func TestRankOf(t *testing.T) {
	for r, et := range lifecycle {
		if got := rankOf(et); got != r {
			t.Errorf("rankOf(%s) = %d, want %d", et, got, r)
		}
	}
	for _, et := range []contactevents.EventType{contactevents.EventTypePaused, contactevents.EventTypeResumed, contactevents.EventTypeContactDataUpdated, "x"} {
		if got := rankOf(et); got != -1 {
			t.Errorf("rankOf(%s) = %d, want -1", et, got)
		}
	}
}
