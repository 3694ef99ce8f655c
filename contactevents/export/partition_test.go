package export

import (
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// TestPartitionCache: the Writer's remembered partition folder is the one
// of each event's own time, across hours, days and the epoch (a time before
// 1970 rounds toward the past, as its folder's name does).
func TestPartitionCache(t *testing.T) {
	var c partitionCache
	for _, p := range []Partitioning{PartitionHour, PartitionDay, PartitionHour} {
		for _, at := range []string{
			"2024-05-01T22:59:59Z", "2024-05-01T23:00:00Z", "2024-05-01T23:59:59Z", "2024-05-02T00:00:00Z",
			"2024-05-01T23:30:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1969-12-31T00:00:00Z", "1969-12-30T23:59:59Z",
		} {
			tt, _ := time.Parse(time.RFC3339, at)
			ev := contacteventstest.NewEvent(contactevents.EventTypeQueued)
			ev.Time = contactevents.NewTimestamp(tt)
			got, err := c.of(ev, p)
			if want := partitionName(tt, p); err != nil || got != want {
				t.Errorf("%s under %s: %q, %v; want %q", at, p, got, err, want)
			}
		}
	}
}
