package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// contactStream returns the payloads of lifecycles of every kind on every
// channel, in order, as NDJSON lines.
func contactStream() [][]byte {
	var lines [][]byte
	i := uint64(0)
	for _, kind := range contacteventstest.LifecycleKind("").Values() {
		for _, ch := range []contactevents.Channel{contactevents.ChannelVoice, contactevents.ChannelChat, contactevents.ChannelTask, contactevents.ChannelEmail} {
			i++
			for _, ev := range contacteventstest.Lifecycle(kind, ch, i) {
				lines = append(lines, append(contacteventstest.Payload(ev), '\n'))
			}
		}
	}
	return lines
}

// TestContactsAnyOrderAnySource: the summaries of a stream do not depend on
// the order of its events, on their repetition (but for the duplicate
// counts) or on where they are read from: a file, a folder of gzip
// objects, an S3 prefix.
func TestContactsAnyOrderAnySource(t *testing.T) {
	lines := contactStream()
	dir := writeTree(t, map[string][]byte{"in-order.ndjson": join(lines...)})
	want, stderr, code := cli(t, nil, "contacts", "--output", "json", dir+"/in-order.ndjson")
	if code != exitValid {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(want, "\n"); n != 28 { // 20 lifecycles, the 8 callbacks and transfers of two contacts
		t.Errorf("%d contacts, want 28", n)
	}
	if !strings.HasPrefix(stderr, "28 contacts: ") {
		t.Errorf("summary line %q", stderr)
	}

	// Shuffled, each event sent twice, split into gzip objects.
	r := rand.New(rand.NewPCG(1, 2))
	var twice [][]byte
	for _, l := range lines {
		twice = append(twice, l, l)
	}
	r.Shuffle(len(twice), func(i, j int) { twice[i], twice[j] = twice[j], twice[i] })
	objects := map[string][]byte{}
	for i := 0; i < len(twice); i += 37 {
		objects["2024/05/01/"+string(rune('a'+i/37))+".gz"] = gz(t, join(twice[i:min(i+37, len(twice))]...))
	}
	withoutDuplicates := func(s string) string {
		var out []string
		for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("%v: %s", err, line)
			}
			delete(m, "duplicates")
			b, _ := json.Marshal(m)
			out = append(out, string(b))
		}
		return strings.Join(out, "\n")
	}
	folder := writeTree(t, objects)
	got, stderr, code := cli(t, nil, "contacts", "--output", "json", folder)
	if code != exitValid || withoutDuplicates(got) != withoutDuplicates(want) {
		t.Errorf("folder: exit %d, %s\n%s", code, stderr, got)
	}
	if !strings.Contains(stderr, ", "+itoa(len(lines))+" duplicates, ") {
		t.Errorf("folder: summary %q, want %d duplicates", stderr, len(lines))
	}
	endpoint := fakeS3(t, "archive", objects)
	s3, stderr, code := cli(t, nil, "contacts", "--output", "json", "--endpoint-url", endpoint, "s3://archive/2024/")
	if code != exitValid || s3 != got {
		t.Errorf("s3: exit %d, %s\n%s", code, stderr, s3)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestContactsJSONKeys: the keys the issue asks for, absent where unknown.
func TestContactsJSONKeys(t *testing.T) {
	lines := contactStream()
	out, _, code := cli(t, bytes.NewReader(join(lines...)), "contacts", "--output", "json")
	if code != exitValid {
		t.Fatalf("exit %d", code)
	}
	sawAbsent := false
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"contactId", "channel", "state", "events", "duplicates", "abandoned"} {
			if _, ok := m[k]; !ok {
				t.Errorf("no %q in %s", k, line)
			}
		}
		for _, k := range []string{"queueWaitMillis", "handleMillis", "afterContactWorkMillis"} {
			if v, ok := m[k]; !ok {
				sawAbsent = true
			} else if _, isNumber := v.(float64); !isNumber {
				t.Errorf("%s: %v", k, v)
			}
		}
	}
	if !sawAbsent {
		t.Error("no duration is ever unknown: the outbound calls have no queue wait")
	}
}

// TestContactsText: a line per contact and the summary line; an invalid
// event is reported on stderr, not counted, and makes the exit status 1.
func TestContactsText(t *testing.T) {
	lines := contactStream()
	in := join(append(lines[:6:6], invalidEvent, []byte("\n"))...)
	out, stderr, code := cli(t, bytes.NewReader(in), "contacts")
	if code != exitInvalid {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr, "/contactId") {
		t.Errorf("the invalid event is not reported: %q", stderr)
	}
	outLines := strings.Split(strings.TrimSpace(out), "\n")
	if len(outLines) != 2 || !strings.Contains(outLines[0], " VOICE INBOUND COMPLETED at ") ||
		!strings.Contains(outLines[0], " handle=") || outLines[1] != "1 contact: 1 complete, 0 abandoned, 0 duplicates, 0 conflicts (7 events, 1 invalid)" {
		t.Errorf("output:\n%s", out)
	}
	if _, _, code := cli(t, strings.NewReader(""), "contacts"); code != exitInvalid {
		t.Errorf("no events: exit %d, want 1", code)
	}
	if _, _, code := cli(t, nil, "contacts", "--output", "xml"); code != exitError {
		t.Errorf("--output xml: exit %d, want 2", code)
	}
}
