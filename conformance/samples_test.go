package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents/samples"
)

// TestCorpusCounts pins the size of the corpus: the older page has 2 contact events, the current
// page 6 contact events and 1 EventBridge event pattern.
func TestCorpusCounts(t *testing.T) {
	var older, current, events, patterns int
	for _, s := range samples.All() {
		switch s.Page {
		case "older":
			older++
		case "current":
			current++
		default:
			t.Errorf("%s: page %q", s.Name, s.Page)
		}
		switch s.Kind {
		case "event":
			events++
		case "event-pattern":
			patterns++
		default:
			t.Errorf("%s: kind %q", s.Name, s.Kind)
		}
	}
	got := [5]int{len(samples.All()), events, patterns, older, current}
	if want := [5]int{9, 8, 1, 2, 7}; got != want {
		t.Errorf("samples, events, patterns, older, current = %v, want %v", got, want)
	}
	if n := len(samples.Events()); n != 8 {
		t.Errorf("len(samples.Events()) = %d, want 8", n)
	}
}

// TestNames checks that names are NN-page-slug, numbered 01.. without gaps, in name order.
func TestNames(t *testing.T) {
	for i, s := range samples.All() {
		prefix := fmt.Sprintf("%02d-%s-", i+1, s.Page)
		if !strings.HasPrefix(s.Name, prefix) || len(s.Name) == len(prefix) {
			t.Errorf("sample %d is named %q, want %q followed by a slug", i, s.Name, prefix)
		}
		if s.Title == "" {
			t.Errorf("%s: no title", s.Name)
		}
	}
}

func TestLookup(t *testing.T) {
	s, ok := samples.Lookup("03-current-connected-to-agent")
	if !ok || s.EventType != "CONNECTED_TO_AGENT" || s.Page != "current" {
		t.Errorf("samples.Lookup(03-current-connected-to-agent) = %q %q %q, %v", s.Name, s.EventType, s.Page, ok)
	}
	if _, ok := samples.Lookup("no-such-sample"); ok {
		t.Error("samples.Lookup(no-such-sample) reports a sample")
	}
	for _, e := range samples.Events() {
		if e.Kind != "event" {
			t.Errorf("samples.Events() returns %s of kind %q", e.Name, e.Kind)
		}
	}
}

// TestValidity checks that every repaired text is valid JSON, that a verbatim text is invalid
// exactly when defects are declared, and that a sample without defects was left unchanged.
func TestValidity(t *testing.T) {
	for _, s := range samples.All() {
		if !json.Valid(s.Repaired) {
			t.Errorf("%s: repaired.json is not valid JSON", s.Name)
		}
		if got, want := json.Valid(s.Verbatim), len(s.SyntaxDefects) == 0; got != want {
			t.Errorf("%s: json.Valid(verbatim) = %v with %d declared defects", s.Name, got, len(s.SyntaxDefects))
		}
		if len(s.SyntaxDefects) == 0 && !bytes.Equal(s.Verbatim, s.Repaired) {
			t.Errorf("%s: no defects declared, but repaired.json differs from verbatim.json", s.Name)
		}
		if s.Repair == "" {
			t.Errorf("%s: no repair sentence", s.Name)
		}
	}
}

// TestDefectPositions checks that each defect's line and column agree with its offset and that
// defects are in offset order.
func TestDefectPositions(t *testing.T) {
	for _, s := range samples.All() {
		for i, d := range s.SyntaxDefects {
			if d.Offset < 0 || d.Offset > int64(len(s.Verbatim)) {
				t.Errorf("%s: defect %d: offset %d outside verbatim.json (%d bytes)", s.Name, i, d.Offset, len(s.Verbatim))
				continue
			}
			if line, col := lineColumn(s.Verbatim, d.Offset); line != d.Line || col != d.Column {
				t.Errorf("%s: defect %d at offset %d is at %d:%d, sample.json says %d:%d", s.Name, i, d.Offset, line, col, d.Line, d.Column)
			}
			if i > 0 && d.Offset <= s.SyntaxDefects[i-1].Offset {
				t.Errorf("%s: defect %d at offset %d is not after defect %d", s.Name, i, d.Offset, i-1)
			}
			if d.Note == "" {
				t.Errorf("%s: defect %d has no note", s.Name, i)
			}
		}
	}
}

// TestRepairIsExactlyTheDeclaredDefects replays the declared defects on verbatim.json, in offset
// order. Before each repair, encoding/json must fail at exactly that defect; after the last one the
// text must equal repaired.json byte for byte. So every defect is real, none is missing, and the
// repair changes nothing else.
func TestRepairIsExactlyTheDeclaredDefects(t *testing.T) {
	for _, s := range samples.All() {
		t.Run(s.Name, func(t *testing.T) {
			moves := map[int]samples.Move{}
			for _, m := range s.RepairMoves {
				if m.Defect < 0 || m.Defect >= len(s.SyntaxDefects) || s.SyntaxDefects[m.Defect].Kind != "trailing-data" {
					t.Fatalf("repair move %+v does not refer to a trailing-data defect", m)
				}
				if _, dup := moves[m.Defect]; dup {
					t.Fatalf("two repair moves for defect %d", m.Defect)
				}
				moves[m.Defect] = m
			}
			w := newWorkText(s.Verbatim)
			for i, d := range s.SyntaxDefects {
				name := fmt.Sprintf("defect %d (%s at %d)", i, d.Kind, d.Offset)
				if err := w.failsAt(d); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if err := w.repair(d, moves, i); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
			if !bytes.Equal(w.b, s.Repaired) {
				t.Errorf("declared repairs give\n%s\nwant repaired.json\n%s", w.b, s.Repaired)
			}
		})
	}
}

// TestNoUndeclaredTrailingComma scans every verbatim text for a comma followed by a closing
// bracket, independently of the decoder, and requires a trailing-comma defect for each.
func TestNoUndeclaredTrailingComma(t *testing.T) {
	for _, s := range samples.All() {
		var declared []int64
		for _, d := range s.SyntaxDefects {
			if d.Kind == "trailing-comma" {
				declared = append(declared, d.Offset)
			}
		}
		if found := trailingCommas(s.Verbatim); !slices.Equal(found, declared) {
			t.Errorf("%s: trailing commas at %v, declared %v", s.Name, found, declared)
		}
		if found := trailingCommas(s.Repaired); len(found) > 0 {
			t.Errorf("%s: repaired.json keeps trailing commas at %v", s.Name, found)
		}
	}
}

// TestCurrentConnectedToAgentClosesDetailEarly pins the diagnosis of the current page's
// CONNECTED_TO_AGENT sample: with only its trailing commas removed, the first JSON value of the
// text has queueInfo and tags at envelope level and ends before a left-over '}'; the repair puts
// both back into detail.
func TestCurrentConnectedToAgentClosesDetailEarly(t *testing.T) {
	s := mustLookup(t, "03-current-connected-to-agent")
	w := newWorkText(s.Verbatim)
	for _, d := range s.SyntaxDefects {
		if d.Kind == "trailing-comma" {
			if err := w.deleteAt(d.Offset, ','); err != nil {
				t.Fatal(err)
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(w.b))
	var first map[string]any
	if err := dec.Decode(&first); err != nil {
		t.Fatalf("first value: %v", err)
	}
	if rest := bytes.TrimSpace(w.b[dec.InputOffset():]); string(rest) != "}" {
		t.Errorf("after the first value comes %q, want the single left-over '}'", rest)
	}
	detail, _ := first["detail"].(map[string]any)
	for _, key := range []string{"queueInfo", "tags"} {
		if _, ok := first[key]; !ok {
			t.Errorf("verbatim: %s is not at envelope level", key)
		}
		if _, ok := detail[key]; ok {
			t.Errorf("verbatim: %s is already in detail", key)
		}
		if _, err := resolvePointer(decode(t, s.Repaired), "/detail/"+key); err != nil {
			t.Errorf("repaired: %v", err)
		}
	}
	if _, ok := detail["agentInfo"]; !ok {
		t.Error("verbatim: detail does not end with agentInfo")
	}
}

// TestStopStreamingPatternLacksOutermostBrace pins the diagnosis of the event pattern: it opens
// three objects and closes two, and the repair appends the one '}' that is missing.
func TestStopStreamingPatternLacksOutermostBrace(t *testing.T) {
	s := mustLookup(t, "09-current-stop-streaming-event-type")
	if got := string(closersFor(openContainers(s.Verbatim))); got != "}" {
		t.Errorf("verbatim leaves %q to close, want %q", got, "}")
	}
	if want := slices.Concat(s.Verbatim, []byte("}")); !bytes.Equal(s.Repaired, want) {
		t.Errorf("repaired.json is not verbatim.json followed by '}'")
	}
}

// TestEnvelopeAndEventType checks enveloped and eventType against the repaired text itself.
func TestEnvelopeAndEventType(t *testing.T) {
	for _, s := range samples.All() {
		doc, ok := decode(t, s.Repaired).(map[string]any)
		if !ok {
			t.Errorf("%s: repaired.json is not an object", s.Name)
			continue
		}
		_, hasDetail := doc["detail"].(map[string]any)
		enveloped := hasDetail && doc["source"] == "aws.connect" && doc["detail-type"] == "Amazon Connect Contact Event"
		if s.Kind == "event-pattern" {
			if s.Enveloped || s.EventType != "" {
				t.Errorf("%s: an event pattern has enveloped %v and eventType %q, want false and empty", s.Name, s.Enveloped, s.EventType)
			}
			continue
		}
		if enveloped != s.Enveloped {
			t.Errorf("%s: enveloped is %v, the text says %v", s.Name, s.Enveloped, enveloped)
		}
		contact := doc
		if enveloped {
			contact = doc["detail"].(map[string]any)
		}
		var types []any
		for _, key := range []string{"eventType", "EventType"} {
			if v, ok := contact[key]; ok {
				types = append(types, v)
			}
		}
		if len(types) != 1 || types[0] != string(s.EventType) {
			t.Errorf("%s: eventType %q, the text has %v", s.Name, s.EventType, types)
		}
	}
}

// TestObservations resolves every observation pointer in repaired.json, compares the value when
// one is given, and checks the claim of the kinds that can be checked mechanically.
func TestObservations(t *testing.T) {
	for _, s := range samples.All() {
		doc := decode(t, s.Repaired)
		for i, o := range s.Observations {
			where := fmt.Sprintf("%s: observation %d (%s at %q)", s.Name, i, o.Kind, o.Pointer)
			claim, known := observationKinds[o.Kind]
			if !known {
				t.Errorf("%s: unknown kind", where)
			}
			if o.Note == "" {
				t.Errorf("%s: no note", where)
			}
			v, err := resolvePointer(doc, o.Pointer)
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			if o.Value != nil && !reflect.DeepEqual(o.Value, v) {
				t.Errorf("%s: value %#v, repaired.json has %#v", where, o.Value, v)
			}
			if claim != nil {
				if err := claim(doc, o.Pointer, v); err != nil {
					t.Errorf("%s: %v", where, err)
				}
			}
		}
	}
}

// TestObservationsAreComplete walks every repaired text and requires an observation wherever a
// mechanically recognisable finding occurs: objects with PascalCase keys (tags maps excepted, their
// keys are data), channel values outside VOICE/CHAT/TASK, 1970 sentinel timestamps, ARNs with an
// empty service field and routing timestamps with a fraction.
func TestObservationsAreComplete(t *testing.T) {
	for _, s := range samples.All() {
		observed := map[string]bool{}
		for _, o := range s.Observations {
			observed[o.Kind+" "+o.Pointer] = true
		}
		walk(decode(t, s.Repaired), "", func(ptr string, v any) {
			require := func(kind string) {
				if !observed[kind+" "+ptr] {
					t.Errorf("%s: %q needs a %s observation", s.Name, ptr, kind)
				}
			}
			last := ptr[strings.LastIndexByte(ptr, '/')+1:]
			switch v := v.(type) {
			case map[string]any:
				if last != "tags" && slices.ContainsFunc(slices.Collect(maps.Keys(v)), startsUpper) {
					require("pascal-case-keys")
				}
			case string:
				switch {
				case strings.EqualFold(last, "channel") && !slices.Contains([]string{"VOICE", "CHAT", "TASK"}, v):
					require("variant-value")
				case strings.HasPrefix(v, "1970-01-01T"):
					require("sentinel-timestamp")
				case strings.HasPrefix(v, "arn:aws::"):
					require("malformed-arn")
				case strings.Contains(strings.ToLower(ptr), "/routingcriteria/") && strings.HasSuffix(strings.ToLower(last), "timestamp") && strings.Contains(v, "."):
					require("fractional-routing-timestamp")
				}
			}
		})
	}
}

// TestREADMETable requires the README to carry, for each sample, the row its metadata implies.
func TestREADMETable(t *testing.T) {
	readme := samples.README()
	for _, s := range samples.All() {
		if row := readmeRow(s); !bytes.Contains(readme, []byte(row+"\n")) {
			t.Errorf("README.md lacks the row\n%s", row)
		}
	}
}

// TestVerbatimMatchesSeeds compares verbatim.json with the seed pages (gen/testdata/seeds, the
// copies the generator's coverage test reads too): an older-page sample must stand between a "```"
// fence line and a closing "```", a current-page sample must be a whole line. Each title must
// appear in its page.
func TestVerbatimMatchesSeeds(t *testing.T) {
	dir := filepath.Join("..", "gen", "testdata", "seeds")
	pages := map[string]string{"older": "000_310ac4a619a681a3.txt", "current": "001_96d751cbe925cce8.txt"}
	for _, s := range samples.All() {
		seed, err := os.ReadFile(filepath.Join(dir, pages[s.Page]))
		if err != nil {
			t.Fatal(err)
		}
		var framed []byte
		if s.Page == "older" {
			framed = slices.Concat([]byte("```\n"), s.Verbatim, []byte("\n```"))
		} else {
			framed = slices.Concat([]byte("\n"), s.Verbatim)
			if !bytes.HasSuffix(seed, s.Verbatim) {
				framed = append(framed, '\n')
			}
		}
		if !bytes.Contains(seed, framed) {
			t.Errorf("%s: verbatim.json is not a sample of %s as published", s.Name, pages[s.Page])
		}
		if !bytes.Contains(seed, []byte(s.Title)) {
			t.Errorf("%s: title %q is not in %s", s.Name, s.Title, pages[s.Page])
		}
	}
}

func TestResolvePointer(t *testing.T) {
	doc := decode(t, []byte(`{"a/b": 1, "m~n": 2, "~1": 3, "": 4, "arr": [10, {"x": [20]}], "0": 5}`))
	for ptr, want := range map[string]any{
		"/a~1b":      1.0,
		"/m~0n":      2.0,
		"/~01":       3.0, // ~0 is decoded after ~1, so "~01" is "~1", not "/"
		"/":          4.0,
		"/arr/0":     10.0,
		"/arr/1/x/0": 20.0,
		"/0":         5.0,
	} {
		if got, err := resolvePointer(doc, ptr); err != nil || got != want {
			t.Errorf("resolvePointer(%q) = %v, %v; want %v", ptr, got, err, want)
		}
	}
	if got, err := resolvePointer(doc, ""); err != nil || !reflect.DeepEqual(got, doc) {
		t.Errorf(`resolvePointer("") = %v, %v; want the document`, got, err)
	}
	for _, ptr := range []string{"a", "/missing", "/arr/2", "/arr/-", "/arr/01", "/arr/+1", "/arr/x", "/~2", "/a~", "/arr/0/x"} {
		if got, err := resolvePointer(doc, ptr); err == nil {
			t.Errorf("resolvePointer(%q) = %v, want an error", ptr, got)
		}
	}
}

func TestLineColumn(t *testing.T) {
	text := []byte("ab\ncé\nx")
	for _, c := range []struct {
		off        int64
		line, coll int
	}{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {7, 3, 1}, {8, 3, 2}} {
		if l, col := lineColumn(text, c.off); l != c.line || col != c.coll {
			t.Errorf("lineColumn(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.coll)
		}
	}
}
