package main

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Unit tests of the model (names, doc comments, acceptance masks) and of
// the derivation of the profile schemas, mostly on the real schema.

// TestExported pins the names the generator derives (the initialism table
// itself is tested in internal/naming): keys, enum values and the values
// that need x-go-name because two would get the same name.
func TestExported(t *testing.T) {
	for in, want := range map[string]string{
		"detail-type":      "DetailType",
		"replay-name":      "ReplayName",
		"instanceArn":      "InstanceARN",
		"contactId":        "ContactID",
		"ValueString":      "ValueString",
		"level1":           "Level1",
		"queue_arn":        "QueueARN",
		"a.b c":            "ABC",
		"x":                "X",
		"":                 "",
		"éclair":           "Éclair",
		"initiationMethod": "InitiationMethod",
		"QUEUE_TRANSFER":   "QueueTransfer",
		"ContactLens.ConversationalAnalytics.Configuration": "ContactLensConversationalAnalyticsConfiguration",
		"Segment Attributes":           "SegmentAttributes",
		"RoutingCriteria.Step.Status":  "RoutingCriteriaStepStatus",
		"SIT_TONE-DETECTED":            "SITToneDetected",
		"SIT_TONE_DETECTED":            "SITToneDetected", // hence x-go-name SITToneDetectedHyphen for the other
		"Amazon Connect Contact Event": "AmazonConnectContactEvent",
		"aws.connect":                  "AWSConnect",
		"NumberGreaterOrEqualTo":       "NumberGreaterOrEqualTo",
		"AMD_ERROR":                    "AMDError",
		"API":                          "API",
		"VOICE":                        "Voice",
		"Voice":                        "Voice", // hence x-go-name VoiceMixedCase
		"0":                            "0",     // hence x-go-name Zero
		"dotted.Value Name":            "DottedValueName",
	} {
		if got := exported(in); got != want {
			t.Errorf("exported(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentence(t *testing.T) {
	for _, c := range []struct{ name, description, want string }{
		{"X", "", "X is not described by the schema."},
		{"X", "   ", "X is not described by the schema."},
		{"ContactID", "The identifier for the contact.", "ContactID is the identifier for the contact."},
		{"Channel", "A task contact.", "Channel is a task contact."},
		{"ARN", "An Amazon Resource Name.", "ARN is an Amazon Resource Name."},
		{"RoutingCriteria", "One routing criteria of the contact.", "RoutingCriteria is one routing criteria of the contact."},
		{"InitiationMethod", "Indicates how the contact was initiated.", "InitiationMethod indicates how the contact was initiated."},
		{"Status", "Represents status of the step.", "Status represents status of the step."},
		{"Enabled", "Whether analytics is enabled.", "Enabled holds whether analytics is enabled."},
		{"Disposition", "How the call was disposed.", "Disposition holds how the call was disposed."},
		{"Campaign", "Information associated with a campaign.", "Campaign holds information associated with a campaign."},
		{"RoutingCriteria", "Routing criteria.", "RoutingCriteria holds routing criteria."},
		{"Steps", "List of routing steps.", "Steps holds list of routing steps."},
		{"Tags", "Tags associated with the contact.", "Tags holds tags associated with the contact."},
		{"Behavior", "What is kept.", "Behavior holds what is kept."},
		{"ActivationTimestamp", "When the criteria was activated.", "ActivationTimestamp holds when the criteria was activated."},
		{"Configuration", "Current configurations.", "Configuration holds current configurations."},
		{"X", "Not included when outbound.", "X holds not included when outbound."},
		{"Tags", "User-defined tags.", "Tags holds user-defined tags."},
		{"SegmentAttributes", "Segment attributes.", "SegmentAttributes holds segment attributes."},
		{"Everything", "Everything else.", "Everything holds everything else."},
		// Other first words keep their case.
		{"InstanceARN", "Amazon Resource Name (ARN) for the instance.", "InstanceARN holds Amazon Resource Name (ARN) for the instance."},
		{"X", "Anything goes.", "X holds Anything goes."},
		{"X", "  The trimmed one.  ", "X is the trimmed one."},
	} {
		if got := sentence(c.name, c.description); got != c.want {
			t.Errorf("sentence(%q, %q) = %q, want %q", c.name, c.description, got, c.want)
		}
	}
}

func TestWrap(t *testing.T) {
	text := strings.Repeat("word ", 40) + "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword end"
	got := wrap(text, 30)
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
		t.Errorf("wrap loses or changes words")
	}
	for _, line := range strings.Split(got, "\n") {
		if len(line) > 30 && strings.Contains(line, " ") {
			t.Errorf("line of %d > 30 characters with a break point: %q", len(line), line)
		}
	}
	if wrap("", 10) != "" || wrap("  a  b ", 10) != "a b" {
		t.Error("wrap of blank or spaced text")
	}
}

// TestDocComments checks that every declaration of the generated code with
// a doc comment (every exported one must have one) starts the comment with
// its name, as Go doc comments do.
func TestDocComments(t *testing.T) {
	files, err := generate(realSchema, "contactevents")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range sortedKeys(files) {
		if filepath.Ext(name) != ".go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, files[name], parser.ParseComments)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		check := func(ident string, doc *ast.CommentGroup, pos token.Pos) {
			if doc == nil {
				if ast.IsExported(ident) {
					t.Errorf("%s: %s has no doc comment", fset.Position(pos), ident)
				}
				return
			}
			if text := doc.Text(); !strings.HasPrefix(text, ident+" ") {
				t.Errorf("%s: the doc comment of %s starts %q", fset.Position(pos), ident, firstLine(text))
			}
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				check(d.Name.Name, d.Doc, d.Pos())
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						doc := s.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
						check(s.Name.Name, doc, s.Pos())
					case *ast.ValueSpec:
						if s.Names[0].Name == "_" {
							continue
						}
						doc := s.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
						if doc == nil && d.Lparen.IsValid() && d.Doc != nil {
							continue // a group with a comment of its own ("Values of X ...")
						}
						check(s.Names[0].Name, doc, s.Pos())
					}
				}
			}
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestMasks pins the acceptance masks (bit 1 strict, 2 compat, 4 legacy:
// the profiles' order in x-profiles) of values, properties, aliases and
// shapes of the real schema, and checks every mask against the provenance
// tokens each profile accepts.
func TestMasks(t *testing.T) {
	m := loadModel(t, realSchema)
	const strict, compat, legacy = 1, 2, 4
	var names []string
	for _, p := range m.profiles {
		names = append(names, p.name)
	}
	if !slices.Equal(names, []string{"strict", "compat", "legacy"}) || m.profiles[0].bit != strict || m.profiles[1].bit != compat || m.profiles[2].bit != legacy {
		t.Fatalf("profiles %q", names)
	}
	value := func(d, v string) uint8 {
		for _, ev := range m.byName[d].values {
			if ev.value == v {
				return ev.mask
			}
		}
		t.Fatalf("no value %s.%s", d, v)
		return 0
	}
	property := func(d, name string) *prop {
		for _, p := range m.byName[d].props {
			if p.name == name {
				return p
			}
		}
		t.Fatalf("no property %s.%s", d, name)
		return nil
	}
	for _, c := range []struct {
		what      string
		got, want uint8
	}{
		{"EventType INITIATED (older, current)", value("EventType", "INITIATED"), strict | compat | legacy},
		{"EventType CONTACT_DATA_UPDATED (current, current-sample)", value("EventType", "CONTACT_DATA_UPDATED"), strict | compat},
		{"EventType AMD_DISABLED (current-prose)", value("EventType", "AMD_DISABLED"), compat},
		{"Channel Voice (older-sample, current-sample)", value("Channel", "Voice"), compat | legacy},
		{"AnsweringMachineDetectionStatus SIT_TONE-DETECTED (older)", value("AnsweringMachineDetectionStatus", "SIT_TONE-DETECTED"), compat | legacy},
		// current, and the canonical value of the legacy SIT_TONE-DETECTED:
		// a profile that accepts a variant accepts its canonical value.
		{"AnsweringMachineDetectionStatus SIT_TONE_DETECTED (current)", value("AnsweringMachineDetectionStatus", "SIT_TONE_DETECTED"), strict | compat | legacy},
		{"ComparisonOperator Match (current-sample, latest)", value("ComparisonOperator", "Match"), strict | compat},
		{"EventType COMPLETED (latest)", value("EventType", "COMPLETED"), strict | compat},
		{"EventType WEBRTC_API (latest-prose)", value("EventType", "WEBRTC_API"), compat},
		{"InitiationMethod WEBRTC_API (related-docs)", value("InitiationMethod", "WEBRTC_API"), strict | compat},
		{"DisconnectReason OUTBUND_PREVIEW_DISCARDED (latest)", value("DisconnectReason", "OUTBUND_PREVIEW_DISCARDED"), strict | compat},
		{"EnvelopeVersion 0 (eventbridge)", value("EnvelopeVersion", "0"), strict | compat | legacy},
		{"ContactEvent.relatedContactId (current)", property("ContactEvent", "relatedContactId").mask, strict | compat},
		{"ContactEvent.contactId (older, current)", property("ContactEvent", "contactId").mask, strict | compat | legacy},
		{"EventBridgeEvent.replay-name (eventbridge)", property("EventBridgeEvent", "replay-name").mask, strict | compat | legacy},
		{"HierarchyGroups.level1 (current-sample)", property("HierarchyGroups", "level1").mask, strict | compat},
		{"Campaign.campaignId (api-reference)", property("Campaign", "campaignId").mask, strict | compat},
		{"alias EventType (current-sample)", property("ContactEvent", "eventType").aliases[0].mask, compat},
		{"alias AgentInfo (older-sample, current-sample)", property("ContactEvent", "agentInfo").aliases[0].mask, compat | legacy},
		{"alias CampaignId (api-reference)", property("Campaign", "campaignId").aliases[0].mask, compat},
		{"routingCriteria's array shape (current, latest, current-sample)", property("ContactEvent", "routingCriteria").t.shapeMask, strict | compat},
		{"ContactEvent.chatMetrics (latest)", property("ContactEvent", "chatMetrics").mask, strict | compat},
	} {
		if c.got != c.want {
			t.Errorf("%s: mask %03b, want %03b", c.what, c.got, c.want)
		}
	}

	// Every mask, against the profiles' lists.
	accepts := func(list, prov []string) bool {
		for _, a := range list {
			if a == "*" || slices.Contains(prov, a) {
				return true
			}
		}
		return false
	}
	want := func(prov []string, list func(*profile) []string) uint8 {
		var mask uint8
		for _, p := range m.profiles {
			if accepts(list(p), prov) {
				mask |= p.bit
			}
		}
		return mask
	}
	defs := m.root.get("$defs")
	for _, d := range m.defs {
		n := defs.get(d.name)
		for _, v := range d.values {
			w := want(n.get("x-enum").get(v.value).strings("provenance"), func(p *profile) []string { return p.values })
			for _, variant := range d.values {
				if variant.canonical == v.value {
					w |= want(n.get("x-enum").get(variant.value).strings("provenance"), func(p *profile) []string { return p.values })
				}
			}
			if v.mask != w {
				t.Errorf("%s %q: mask %03b, want %03b (its provenance's, and its variants')", d.name, v.value, v.mask, w)
			}
		}
		for _, p := range d.props {
			pn := n.get("properties").get(p.name)
			if w := want(pn.strings("x-provenance"), func(p *profile) []string { return p.properties }); p.mask != w {
				t.Errorf("%s.%s: mask %03b, want %03b", d.name, p.name, p.mask, w)
			}
			for i, a := range p.aliases {
				if w := want(pn.get("x-aliases").items[i].strings("provenance"), func(p *profile) []string { return p.aliases }); a.mask != w {
					t.Errorf("%s.%s alias %s: mask %03b, want %03b", d.name, p.name, a.name, a.mask, w)
				}
			}
			if p.t.kind == tOneOrMany {
				if w := want(pn.get("then").strings("x-provenance"), func(p *profile) []string { return p.shapes }); p.t.shapeMask != w {
					t.Errorf("%s.%s shape: mask %03b, want %03b", d.name, p.name, p.t.shapeMask, w)
				}
			}
		}
	}
}

// TestBuildModelErrors: a schema the generator cannot handle is an error
// naming the place, not a panic or wrong code.
func TestBuildModelErrors(t *testing.T) {
	base, err := os.ReadFile(filepath.Join("testdata", "scalars", "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, old, new, want string }{
		{"no profiles", `"x-profiles"`, `"x-profiles-not"`, "no x-profiles"},
		{"unresolved ref", `"$ref": "#/$defs/Owner"`, `"$ref": "#/$defs/Nobody"`, `$defs/Record: property owner: unresolved $ref "#/$defs/Nobody"`},
		{"unsupported type", `"type": "boolean",
          "description": "Whether the record is enabled."`, `"type": "null",
          "description": "Whether the record is enabled."`, `$defs/Record: property enabled: unsupported type "null"`},
		{"root", `"else": { "$ref": "#/$defs/Record" }`, `"else": { "type": "object" }`, "the root must be if/then/else of two $refs"},
	} {
		s := strings.Replace(string(base), c.old, c.new, 1)
		if s == string(base) {
			t.Fatalf("%s: %q is not in the schema", c.name, c.old)
		}
		root, err := parseTree([]byte(s))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if _, err := buildModel(root); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	enums, _ := os.ReadFile(filepath.Join("testdata", "enums", "schema.json"))
	s := strings.Replace(string(enums), `"LOW": { "provenance": ["current"], "description": "Low." },`, "", 1)
	root, _ := parseTree([]byte(s))
	if _, err := buildModel(root); err == nil || !strings.Contains(err.Error(), `$defs/Level: enum value "LOW" has no x-enum entry`) {
		t.Errorf("enum value without x-enum: %v", err)
	}
	shape, _ := os.ReadFile(filepath.Join("testdata", "oneormany", "schema.json"))
	s = strings.Replace(string(shape), `"x-shape": "one-or-many"`, `"x-shape": "two"`, 1)
	root, _ = parseTree([]byte(s))
	if _, err := buildModel(root); err == nil || !strings.Contains(err.Error(), `unsupported x-shape "two"`) {
		t.Errorf("x-shape two: %v", err)
	}
	for _, bad := range []string{`{"a": 1} {}`, `{"a": `, `[1,]`} {
		if _, err := parseTree([]byte(bad)); err == nil {
			t.Errorf("parseTree(%q) is not an error", bad)
		}
	}
	if _, err := generate(filepath.Join("testdata", "no-such-case", "schema.json"), "x"); err == nil {
		t.Error("generate of a missing file is not an error")
	}
}

// TestTreeRoundTrip: the ordered tree keeps member order and writes the
// same JSON values back.
func TestTreeRoundTrip(t *testing.T) {
	data, err := os.ReadFile(realSchema)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseTree(data)
	if err != nil {
		t.Fatal(err)
	}
	out := root.marshal()
	var a, b any
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	if x, y := mustMarshal(a), mustMarshal(b); !bytes.Equal(x, y) {
		t.Error("marshal(parseTree(schema)) is not the same JSON value")
	}
	again, err := parseTree(out)
	if err != nil || !bytes.Equal(again.marshal(), out) {
		t.Error("marshal is not stable")
	}
	var keys []string
	for _, mm := range root.get("$defs").members[:3] {
		keys = append(keys, mm.key)
	}
	if !slices.Equal(keys, []string{"EventBridgeEvent", "EnvelopeVersion", "DetailType"}) {
		t.Errorf("first $defs %q: the tree does not keep the schema's order", keys)
	}
	if got := string(obj("s", str("<&>\u2028"), "n", numNode(-3), "a", strList(nil), "o", obj()).marshal()); got != "{\n  \"s\": \"<&>\\u2028\",\n  \"n\": -3,\n  \"a\": [],\n  \"o\": {}\n}\n" {
		t.Errorf("marshal: %q", got)
	}
}

func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// TestUnsupportedKeywordIsAnError: a keyword the generator cannot check in
// Go (const, multipleOf, ...) would be enforced by the profile schemas only,
// so the engines would disagree; the generator refuses it.
func TestUnsupportedKeywordIsAnError(t *testing.T) {
	for _, kw := range []string{`"const": "x"`, `"multipleOf": 2`, `"format": "email"`, `"uniqueItems": true`} {
		n, err := parseTree([]byte(`{"type": "object", "properties": {"a": {"type": "string", ` + kw + `}}}`))
		if err != nil {
			t.Fatal(err)
		}
		if err := checkKeywords(n, "#/$defs/X"); err == nil || !strings.Contains(err.Error(), "#/$defs/X/properties/a") {
			t.Errorf("%s: %v, want an error naming the property", kw, err)
		}
	}
	n, _ := parseTree([]byte(`{"type": "string", "format": "date-time", "minLength": 1, "x-anything": {"const": 1}}`))
	if err := checkKeywords(n, "#"); err != nil {
		t.Errorf("supported keywords and annotations: %v", err)
	}
}
