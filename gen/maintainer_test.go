package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMaintainerWorkflow is what a maintainer does when AWS documents
// something new: edit the source schema, regenerate, done. It adds to a
// copy of schema/contactevents.schema.json a property (QueueInfo.queueName:
// a string of at least one character, documented by the latest page) and
// an enum value (EventType TRANSFERRED, current), generates the package
// next to copies of every hand-written file of contactevents (unchanged),
// and compiles and runs there a test that decodes, validates and encodes
// the new property and uses the new constant. No hand edit anywhere.
func TestMaintainerWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the maintainer workflow test runs go vet and go test")
	}
	t.Parallel()

	// 1. Edit the schema (a copy).
	data, err := os.ReadFile(realSchema)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseTree(data)
	if err != nil {
		t.Fatal(err)
	}
	defs := root.get("$defs")
	qi := defs.get("QueueInfo").get("properties")
	if qi == nil || qi.get("queueArn") == nil || qi.get("queueName") != nil {
		t.Fatal("the schema's QueueInfo is not as this test expects (queueArn, no queueName)")
	}
	queueName := member{"queueName", obj(
		"type", str("string"),
		"minLength", numNode(1),
		"description", str("The name of the queue."),
		"x-provenance", strList([]string{"latest"}),
	)}
	// After queueArn, as a maintainer would write it.
	qi.members = append(qi.members[:1], append([]member{queueName}, qi.members[1:]...)...)
	et := defs.get("EventType")
	if et.get("enum") == nil || et.get("x-enum") == nil || et.get("x-enum").get("TRANSFERRED") != nil {
		t.Fatal("the schema's EventType is not as this test expects")
	}
	et.get("enum").items = append(et.get("enum").items, str("TRANSFERRED"))
	et.get("x-enum").set("TRANSFERRED", obj(
		"provenance", strList([]string{"latest"}),
		"description", str("The contact was transferred."),
	))
	schema := filepath.Join(t.TempDir(), "contactevents.schema.json")
	if err := os.WriteFile(schema, root.marshal(), 0o644); err != nil {
		t.Fatal(err)
	}

	// 2. Regenerate, into a package with the hand-written files.
	files, err := generate(schema, "contactevents")
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	mod := tempPackageRoot(t)
	dir := filepath.Join(mod, "contactevents")
	writeGenerated(t, dir, files)
	handWritten := handWrittenFiles(t, filepath.Join("..", "contactevents"))
	for _, name := range handWritten {
		copyFile(t, filepath.Join("..", "contactevents", name), filepath.Join(dir, name))
	}
	t.Logf("hand-written files copied: %s", strings.Join(handWritten, " "))
	if err := os.WriteFile(filepath.Join(dir, "maintainer_test.go"), []byte(maintainerTest), 0o644); err != nil {
		t.Fatal(err)
	}

	// The derived profiles have them too.
	for p, want := range map[string]bool{"strict": true, "compat": true, "legacy": false} {
		var s struct {
			Defs map[string]struct {
				Properties map[string]json.RawMessage
				Enum       []string
				Examples   []string
			} `json:"$defs"`
		}
		if err := json.Unmarshal(files[p+".schema.json"], &s); err != nil {
			t.Fatal(err)
		}
		_, hasProperty := s.Defs["QueueInfo"].Properties["queueName"]
		values := append(s.Defs["EventType"].Enum, s.Defs["EventType"].Examples...)
		hasValue := strings.Contains(strings.Join(values, " "), "TRANSFERRED")
		if hasProperty != want || hasValue != want {
			t.Errorf("%s profile: queueName %v, TRANSFERRED %v; want %v (x-provenance current)", p, hasProperty, hasValue, want)
		}
	}

	// 3. Compile and run.
	vetAndTest(t, mod, []string{"./contactevents"})
}

// generatedHeader is the Go convention for generated files.
var generatedHeader = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

// handWrittenFiles lists the non-test Go files of dir that are not
// generated.
func handWrittenFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := bytes.Cut(data, []byte("\npackage "))
		if generatedHeader.Match(head) {
			continue
		}
		out = append(out, name)
	}
	if len(out) == 0 {
		t.Fatalf("no hand-written files in %s", dir)
	}
	return out
}

// maintainerTest runs in the regenerated package: only the schema changed.
const maintainerTest = `package contactevents

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

const queued = ` + "`" + `{"version":"0","id":"e","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"1","time":"2024-01-01T00:00:00Z","region":"r","resources":[],"detail":{"eventType":"QUEUED","contactId":"c","channel":"VOICE","instanceArn":"arn","initiationMethod":"INBOUND","queueInfo":{"queueArn":"q","queueName":"QUEUE_NAME"}}}` + "`" + `

func withQueueName(name string) []byte {
	return []byte(strings.Replace(queued, "QUEUE_NAME", name, 1))
}

func TestNewProperty(t *testing.T) {
	for _, p := range Profile("").Values() {
		ev, err := Parse(withQueueName("Support"), WithProfile(p), WithFormat(FormatEventBridge))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// Decoded (where the profile knows it) ...
		var known string = ev.Detail.QueueInfo.QueueName
		if p != Legacy && known != "Support" {
			t.Errorf("%s: QueueName = %q", p, known)
		}
		// ... and encoded in the schema's order, after queueArn.
		b, err := ev.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if p != Legacy && !strings.Contains(string(b), ` + "`" + `"queueInfo":{"queueArn":"q","queueName":"Support"}` + "`" + `) {
			t.Errorf("%s: encoded %s", p, b)
		}
		if p == Legacy && !strings.Contains(string(b), ` + "`" + `"queueName":"Support"` + "`" + `) {
			t.Errorf("legacy: the unknown member is lost: %s", b)
		}
	}
	// Validated: minLength 1 where the profile knows it; an unknown
	// member (a warning) under legacy, which follows the older page.
	for _, p := range []Profile{Strict, Compat} {
		_, err := Parse(withQueueName(""), WithProfile(p), WithFormat(FormatEventBridge))
		var ve *ValidationError
		if !errors.As(err, &ve) || len(ve.Issues) != 1 || ve.Issues[0].KeywordLocation != "/$defs/QueueInfo/properties/queueName/minLength" || ve.Issues[0].InstanceLocation != "/detail/queueInfo/queueName" {
			t.Errorf("%s: an empty queueName: %v", p, err)
		}
	}
	var warnings []Issue
	if _, err := Parse(withQueueName(""), WithProfile(Legacy), WithFormat(FormatEventBridge), WithWarnings(func(i Issue) { warnings = append(warnings, i) })); err != nil {
		t.Errorf("legacy: %v", err)
	}
	if len(warnings) != 1 || warnings[0].KeywordLocation != "/$defs/QueueInfo/additionalProperties" {
		t.Errorf("legacy warnings: %v", warnings)
	}
}

func TestNewEnumValue(t *testing.T) {
	v := EventTypeTransferred
	if v != "TRANSFERRED" || !v.IsCurrent() || v.IsLegacy() || v.IsVariant() || !v.IsKnown() || v.Canonical() != v {
		t.Errorf("EventTypeTransferred: %q current %v legacy %v variant %v known %v", v, v.IsCurrent(), v.IsLegacy(), v.IsVariant(), v.IsKnown())
	}
	if vals := EventType("").Values(); vals[len(vals)-1] != EventTypeTransferred || !slices.Contains(vals, EventTypeQueued) {
		t.Errorf("Values() = %q", vals)
	}
	doc := []byte(strings.Replace(string(withQueueName("Support")), ` + "`" + `"eventType":"QUEUED"` + "`" + `, ` + "`" + `"eventType":"TRANSFERRED"` + "`" + `, 1))
	ev, err := Parse(doc, WithProfile(Strict))
	if err != nil || ev.Detail.EventType != EventTypeTransferred {
		t.Fatalf("strict: %v", err)
	}
	if b, _ := ev.MarshalJSON(); !strings.Contains(string(b), ` + "`" + `"eventType":"TRANSFERRED"` + "`" + `) {
		t.Errorf("encoded %s", b)
	}
	// The older page does not document it.
	_, err = Parse(doc, WithProfile(Legacy))
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Issues[0].KeywordLocation != "/$defs/EventType/enum" {
		t.Errorf("legacy: %v", err)
	}
}
`
