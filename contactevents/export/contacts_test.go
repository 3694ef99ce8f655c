package export

import (
	pathpkg "path"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// TestContactWriter: every summary of a tracker is one row, in the hour
// partition of its initiation, and reads back as the row filled from it.
func TestContactWriter(t *testing.T) {
	tr := contacts.New()
	for i, kind := range contacteventstest.LifecycleKind("").Values() {
		for j, ch := range []contactevents.Channel{contactevents.ChannelVoice, contactevents.ChannelChat, contactevents.ChannelTask, contactevents.ChannelEmail} {
			evs := contacteventstest.Lifecycle(kind, ch, uint64(10*i+j))
			if i == 0 {
				evs = contacteventstest.Without(evs, contactevents.EventTypeCompleted)
			}
			if j == 0 {
				// One event id delivered with two contents: two conflicts.
				changed := *evs[0]
				changed.Detail.Channel = contactevents.ChannelChat
				tr.Add(&changed)
			}
			for _, ev := range evs {
				tr.Add(ev)
				tr.Add(ev) // a duplicate delivery
			}
		}
	}
	summaries := tr.Summaries()
	conflicting := 0
	for _, s := range summaries {
		conflicting += min(len(s.Conflicts), 1)
	}
	if conflicting == 0 {
		t.Fatal("no summary with conflicts")
	}

	dir := t.TempDir()
	w, err := NewContactWriter(Options{Create: DirFiles(dir), Partition: PartitionHour, BufferEvents: 7})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]contactRow{}
	wantPart := map[string]string{}
	for i := range summaries {
		s := &summaries[i]
		if err := w.Write(s); err != nil {
			t.Fatal(err)
		}
		var r contactRow
		r.fill(s)
		want[s.ContactID] = r
		wantPart[s.ContactID], _ = ContactPartitionOf(s, PartitionHour)
		if s.Initiated.IsZero() {
			t.Errorf("%s: no initiation time (the lifecycles all have one)", s.ContactID)
		} else if got := s.Initiated.UTC().Format("dt=2006-01-02/hour=15"); wantPart[s.ContactID] != got {
			t.Errorf("%s: partition %s, initiated in %s", s.ContactID, wantPart[s.ContactID], got)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	if len(w.Partitions()) < 2 {
		t.Errorf("%d partitions, want the lifecycles' several hours", len(w.Partitions()))
	}
	seen := 0
	for _, p := range w.Partitions() {
		for _, name := range p.Files {
			rows, err := parquet.ReadFile[contactRow](filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			for _, got := range rows {
				seen++
				w, ok := want[got.ContactID]
				if !ok {
					t.Errorf("%s: row of contact %q, not a summary's", name, got.ContactID)
					continue
				}
				delete(want, got.ContactID)
				if pathpkg.Dir(name) != wantPart[got.ContactID] {
					t.Errorf("%s: contact %s, want it in %s", name, got.ContactID, wantPart[got.ContactID])
				}
				// The pointers compare by value.
				w.store, got.store, w.strs, got.strs = [len(w.store)]int64{}, [len(w.store)]int64{}, [len(w.strs)]string{}, [len(w.strs)]string{}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("%s: contact %s reads back as\n%+v\nwant\n%+v", name, got.ContactID, got, w)
				}
			}
		}
	}
	if len(want) > 0 || seen != len(summaries) {
		t.Errorf("%d rows of %d summaries; %d summaries not written", seen, len(summaries), len(want))
	}
}
