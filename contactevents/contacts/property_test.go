package contacts_test

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// channels are the channels of the current documents.
var channels = []contactevents.Channel{contactevents.ChannelVoice, contactevents.ChannelChat, contactevents.ChannelTask, contactevents.ChannelEmail}

// stream returns the events of n generated lifecycles (every kind on every
// channel, some with events missing), in the order they happen per contact.
func stream(seed uint64, n int) []*contactevents.Event {
	r := rand.New(rand.NewPCG(seed, 1))
	kinds := contacteventstest.LifecycleKind("").Values()
	var out []*contactevents.Event
	for i := range n {
		evs := contacteventstest.Lifecycle(kinds[i%len(kinds)], channels[(i/len(kinds))%len(channels)], seed*1000+uint64(i))
		if r.IntN(3) == 0 {
			// Best-effort delivery: some events never arrive.
			types := []contactevents.EventType{contactevents.EventTypeInitiated, contactevents.EventTypeQueued,
				contactevents.EventTypeConnectedToAgent, contactevents.EventTypeDisconnected, contactevents.EventTypeCompleted}
			evs = contacteventstest.Without(evs, types[r.IntN(len(types))])
		}
		out = append(out, evs...)
	}
	return out
}

func feed(evs []*contactevents.Event) *contacts.Tracker {
	t := contacts.New()
	for _, ev := range evs {
		t.Add(ev)
	}
	return t
}

// TestOrderIndependent: every permutation of a stream (random shuffles,
// many seeds) gives the summaries of the stream in order.
func TestOrderIndependent(t *testing.T) {
	for seed := range uint64(30) {
		evs := stream(seed, 25)
		want := feed(evs).Summaries()
		r := rand.New(rand.NewPCG(seed, 2))
		for range 10 {
			shuffled := append([]*contactevents.Event(nil), evs...)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			if diff := cmp.Diff(want, feed(shuffled).Summaries()); diff != "" {
				t.Fatalf("seed %d: a shuffle changed the summaries (-in order +shuffled):\n%s", seed, diff)
			}
		}
	}
}

// TestDuplicateIndependent: delivering events again (at least once) changes
// nothing but the duplicate counts, which count exactly the repeats.
func TestDuplicateIndependent(t *testing.T) {
	for seed := range uint64(30) {
		evs := stream(seed, 25)
		want := feed(evs).Summaries()
		r := rand.New(rand.NewPCG(seed, 3))
		var dup []*contactevents.Event
		repeats := map[string]int{}
		for _, ev := range evs {
			n := 1 + r.IntN(3)
			for range n {
				dup = append(dup, ev)
			}
			repeats[ev.Detail.ContactID] += n - 1
		}
		r.Shuffle(len(dup), func(i, j int) { dup[i], dup[j] = dup[j], dup[i] })
		got := feed(dup).Summaries()
		for i := range got {
			if got[i].Duplicates != repeats[got[i].ContactID] {
				t.Errorf("seed %d: %s: %d duplicates, want %d", seed, got[i].ContactID, got[i].Duplicates, repeats[got[i].ContactID])
			}
			got[i].Duplicates = 0
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("seed %d: duplicates changed the summaries (-once +repeated):\n%s", seed, diff)
		}
	}
}

// TestMergeEqualsWhole: a stream split into shards (an event may be in
// several: delivered twice, to two consumers), each shard into its own
// tracker, merged in any order, gives the tracker fed the whole stream.
func TestMergeEqualsWhole(t *testing.T) {
	for seed := range uint64(30) {
		evs := stream(seed, 25)
		r := rand.New(rand.NewPCG(seed, 4))
		shards := make([][]*contactevents.Event, 1+r.IntN(5))
		var whole []*contactevents.Event
		for _, ev := range evs {
			for range 1 + r.IntN(2) {
				i := r.IntN(len(shards))
				shards[i] = append(shards[i], ev)
				whole = append(whole, ev)
			}
		}
		want := feed(whole).Summaries()
		merged := contacts.New()
		for _, i := range r.Perm(len(shards)) {
			merged.Merge(feed(shards[i]))
		}
		if diff := cmp.Diff(want, merged.Summaries()); diff != "" {
			t.Fatalf("seed %d: merge of %d shards differs from the whole (-whole +merged):\n%s", seed, len(shards), diff)
		}
		// Merging a tracker into itself adds the duplicates and nothing else.
		again := feed(whole)
		again.Merge(feed(whole))
		got := again.Summaries()
		for i := range got {
			if got[i].Duplicates != 2*want[i].Duplicates+want[i].Events {
				t.Errorf("seed %d: %s: self-merge has %d duplicates, want %d", seed, got[i].ContactID, got[i].Duplicates, 2*want[i].Duplicates+want[i].Events)
			}
			got[i].Duplicates = want[i].Duplicates
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("seed %d: self-merge changed the facts:\n%s", seed, diff)
		}
	}
}

// TestMergeLeavesSourceAlone: Merge copies what it takes, so the merged
// tracker's later events do not change the other.
func TestMergeLeavesSourceAlone(t *testing.T) {
	evs := contacteventstest.Lifecycle(contacteventstest.LifecycleHandled, contactevents.ChannelVoice, 9)
	src := feed(evs[:3])
	want := src.Summaries()
	dst := contacts.New()
	dst.Merge(src)
	for _, ev := range evs[3:] {
		dst.Add(ev)
	}
	if diff := cmp.Diff(want, src.Summaries()); diff != "" {
		t.Fatalf("Merge's source changed:\n%s", diff)
	}
}
