package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// contactRowKeys are columns of export --contacts, with the keys of the
// contacts command's JSON they hold.
type contactRowKeys struct {
	ContactID  string `parquet:"contact_id" json:"contactId"`
	State      string `parquet:"state,optional" json:"state,omitempty"`
	Abandoned  bool   `parquet:"abandoned" json:"abandoned"`
	Events     int64  `parquet:"events" json:"events"`
	Duplicates int64  `parquet:"duplicates" json:"duplicates"`
	Handle     *int64 `parquet:"handle_millis,optional" json:"handleMillis,omitempty"`
}

// TestExportContacts: export --contacts of a stream shuffled and sent
// twice writes one row per contact, into a folder or S3, with the values
// the contacts command prints for the same input, each in the day
// partition of its initiation.
func TestExportContacts(t *testing.T) {
	lines := contactStream()
	var twice [][]byte
	for _, l := range lines {
		twice = append(twice, l, l)
	}
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(twice), func(i, j int) { twice[i], twice[j] = twice[j], twice[i] })
	in := writeTree(t, map[string][]byte{"events.ndjson": join(twice...)}) + "/events.ndjson"

	summaries, _, code := cli(t, nil, "contacts", "--output", "json", in)
	if code != exitValid {
		t.Fatalf("contacts: exit %d", code)
	}
	var want []contactRowKeys
	parts := map[string]string{} // contact ID -> dt=...
	for _, line := range strings.Split(strings.TrimSpace(summaries), "\n") {
		var k contactRowKeys
		var times struct{ InitiationTimestamp string }
		if json.Unmarshal([]byte(line), &k) != nil || json.Unmarshal([]byte(line), &times) != nil || len(times.InitiationTimestamp) < 10 {
			t.Fatalf("contacts --output json: %s", line)
		}
		want = append(want, k)
		parts[k.ContactID] = "dt=" + times.InitiationTimestamp[:10]
	}

	for _, to := range []string{"folder", "s3"} {
		t.Run(to, func(t *testing.T) {
			var files map[string][]byte
			url := fakeS3(t, "archive", nil)
			out := t.TempDir()
			if to == "s3" {
				out = "s3://archive/contacts"
			}
			stdout, stderr, code := cli(t, nil, "export", "--contacts", "--endpoint-url", url, "--out", out, in)
			if code != exitValid || !strings.HasPrefix(stderr, "28 contacts: ") || !strings.Contains(stdout, "28 rows written to "+out+"\n") {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			if to == "s3" {
				files = listObjects(t, url, "archive", "contacts/")
			} else {
				files = readTree(t, out)
			}
			var got []contactRowKeys
			for name, data := range files {
				rows, err := parquet.Read[contactRowKeys](bytes.NewReader(data), int64(len(data)))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				for _, r := range rows {
					if part := path.Base(path.Dir(name)); part != parts[r.ContactID] {
						t.Errorf("%s: contact %s, initiated in %s", name, r.ContactID, parts[r.ContactID])
					}
				}
				got = append(got, rows...)
			}
			slices.SortFunc(got, func(a, b contactRowKeys) int { return strings.Compare(a.ContactID, b.ContactID) })
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows differ from the contacts command's summaries (-contacts +export):\n%s", diff)
			}
		})
	}
}

// TestContactsEvict: with --evict-complete and --evict-idle, a stream in
// time order gives the summaries it gives without (each contact once, the
// same values: its events all came before it was evicted), printed as the
// contacts are evicted (so not by contact ID); export --contacts writes
// the same rows.
func TestContactsEvict(t *testing.T) {
	var evs []*contactevents.Event
	for seed := range uint64(100) {
		for _, kind := range contacteventstest.LifecycleKind("").Values() {
			evs = append(evs, contacteventstest.Lifecycle(kind, contactevents.ChannelChat, seed)...)
		}
	}
	slices.SortStableFunc(evs, func(a, b *contactevents.Event) int { return a.Time.Time().Compare(b.Time.Time()) })
	var lines [][]byte
	for _, ev := range evs {
		lines = append(lines, append(contacteventstest.Payload(ev), '\n'))
	}
	if len(lines) < 3*evictEvery {
		t.Fatalf("%d events, want at least %d to evict a few times", len(lines), 3*evictEvery)
	}
	in := writeTree(t, map[string][]byte{"events.ndjson": join(lines...)}) + "/events.ndjson"
	all, _, code := cli(t, nil, "contacts", "--output", "json", in)
	if code != exitValid {
		t.Fatalf("exit %d", code)
	}
	streamed, stderr, code := cli(t, nil, "contacts", "--output", "json", "--evict-complete", "30m", "--evict-idle", "48h", in)
	if code != exitValid {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sorted := strings.Split(strings.TrimSpace(streamed), "\n")
	slices.Sort(sorted)
	if want := strings.Split(strings.TrimSpace(all), "\n"); !slices.Equal(sorted, want) {
		t.Errorf("the evicting run's summaries differ (-all at the end +evicted):\n%s", cmp.Diff(want, sorted))
	}
	if streamed == all {
		t.Error("the evicting run printed the contacts by ID: nothing was evicted before the end")
	}

	out := t.TempDir()
	if stdout, stderr, code := cli(t, nil, "export", "--contacts", "--evict-complete", "30m", "--out", out, in); code != exitValid {
		t.Fatalf("export: exit %d\n%s\n%s", code, stdout, stderr)
	}
	rows := 0
	for _, n := range parquetRows(t, readTree(t, out)) {
		rows += int(n)
	}
	if rows != len(sorted) {
		t.Errorf("export --contacts --evict-complete: %d rows, want %d", rows, len(sorted))
	}
}
