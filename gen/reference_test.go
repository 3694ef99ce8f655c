package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// referencePath is the third document, the newest revision of the page
// (a copy of ../../shared/reference/contact-events-latest.md, so that the
// test runs where shared is absent; when it is there, the copy must be
// identical).
var referencePath = filepath.Join("testdata", "reference", "contact-events-latest.md")

// TestReferenceCoverage extends the seed coverage to the newest revision:
// every name and value the reference document lists is in the source
// schema, each value with a provenance of the newest revision ("latest", or
// "latest-prose" for the list of events, or "api-reference" for the API
// Reference shapes it points to):
//
//   - the list of events and EventType's valid values;
//   - every "Values added" line: each value listed, bold or not;
//   - every property name in backquotes (PascalCase headings, matched
//     case-insensitively to a property or alias);
//   - every enumeration in parentheses after a property of an object line
//     ("ParticipantMetrics: ... `ParticipantType` (Agent, Customer,
//     Supervisor)"), as values of that property's enum.
func TestReferenceCoverage(t *testing.T) {
	data, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatal(err)
	}
	if shared, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "contact-events-latest.md")); err == nil && !bytes.Equal(shared, data) {
		t.Errorf("%s differs from ../../shared/reference: copy it again", referencePath)
	}
	m := loadModel(t, realSchema)
	ref := extractReference(string(data))
	for _, l := range ref.values {
		t.Logf("%s.%s: %q", l.object, l.property, l.values)
	}
	if len(ref.names) != 66 || len(ref.values) != 15 {
		t.Fatalf("found %d names and %d value lists (has the document or the extraction changed?)", len(ref.names), len(ref.values))
	}
	for _, p := range referenceProblems(m, ref) {
		t.Error(p)
	}
	counted := 0
	for _, l := range ref.values {
		counted += len(l.values)
	}
	t.Logf("%d property names, %d value lists, %d values", len(ref.names), len(ref.values), counted)
}

// referenceList is a list of values of one enum, found in the document.
type referenceList struct {
	object, property string // the enum is that of property (of object, when known)
	values           []string
}

type reference struct {
	names  []string
	values []referenceList
}

var (
	backquoted = regexp.MustCompile("`([A-Za-z][A-Za-z0-9]*)`")
	// `Name` (v1, v2, ...), on an object's member line.
	memberEnum = regexp.MustCompile("`([A-Za-z][A-Za-z0-9]*)` \\(([^)]*)\\)")
	objectLine = regexp.MustCompile(`^([A-Z][A-Za-z]+): ` + "`")
	valueToken = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*( S3)?$`)
)

// extractReference reads the names and the value lists of the document.
func extractReference(text string) reference {
	var r reference
	lines := logicalLines(text)
	inEvents := false
	for _, line := range lines {
		for _, mm := range backquoted.FindAllStringSubmatch(line, -1) {
			if !slices.Contains(r.names, mm[1]) {
				r.names = append(r.names, mm[1])
			}
		}
		plain := strings.ReplaceAll(line, "**", "")
		switch {
		case strings.HasPrefix(line, "## Event types"):
			inEvents = true
			continue
		case inEvents && strings.HasPrefix(line, "AMD_DISABLED"):
			r.values = append(r.values, referenceList{"ContactEvent", "EventType", referenceValues(plain)})
			continue
		case strings.HasPrefix(line, "## "):
			inEvents = false
		}
		if _, after, ok := strings.Cut(plain, `"Valid values" line: `); ok {
			r.values = append(r.values, referenceList{"ContactEvent", "EventType", referenceValues(after)})
		}
		// The "Values added" lines: a whole list, or "adds" and the bold values.
		for _, prefix := range []struct {
			lead, object, property string
			added                  bool
		}{
			{"- Channel: ", "ContactEvent", "Channel", false},
			{"- InitiationMethod adds ", "ContactEvent", "InitiationMethod", true},
			{"- DisconnectReason adds ", "ContactEvent", "DisconnectReason", true},
			{"- AnsweringMachineDetectionStatus adds ", "ContactEvent", "AnsweringMachineDetectionStatus", true},
			{"- AttributeCondition.ComparisonOperator valid values: ", "AttributeCondition", "ComparisonOperator", false},
		} {
			if after, ok := strings.CutPrefix(line, prefix.lead); ok {
				vs := referenceValues(strings.ReplaceAll(after, "**", ""))
				if prefix.added {
					vs = bold(after)
				}
				r.values = append(r.values, referenceList{prefix.object, prefix.property, vs})
			}
		}
		object := ""
		if mm := objectLine.FindStringSubmatch(line); mm != nil {
			object = mm[1]
		}
		for _, mm := range memberEnum.FindAllStringSubmatch(line, -1) {
			if vs := referenceValues(strings.SplitN(mm[2], ";", 2)[0]); len(vs) > 1 {
				r.values = append(r.values, referenceList{object, mm[1], vs})
			}
		}
	}
	return r
}

// logicalLines joins the document's wrapped lines: a list item, a heading or
// a paragraph becomes one line.
func logicalLines(text string) []string {
	var out []string
	cur := ""
	flush := func() {
		if cur != "" {
			out = append(out, cur)
		}
		cur = ""
	}
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "#"):
			flush()
			out = append(out, line)
		case strings.HasPrefix(line, "- ") || cur == "":
			flush()
			cur = line
		default:
			cur += " " + strings.TrimSpace(line)
		}
	}
	flush()
	return out
}

// referenceValues splits "A, B, C" (quotes, "listed as" and "with a space"
// removed) into the tokens that look like enum values.
func referenceValues(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		v, _, _ := strings.Cut(strings.TrimSpace(part), " (")
		v = strings.TrimPrefix(v, "listed as ")
		v = strings.TrimSuffix(v, " with a space")
		v = strings.TrimSuffix(strings.TrimSuffix(v, "."), ")")
		v = strings.Trim(v, `"`)
		if valueToken.MatchString(v) {
			out = append(out, v)
		}
	}
	return out
}

// bold returns the bold values of a "adds **X** (...) and **Y** (...)" line.
func bold(s string) []string {
	var out []string
	parts := strings.Split(s, "**")
	for i := 1; i < len(parts); i += 2 {
		out = append(out, parts[i])
	}
	return out
}

// referenceProblems lists what the reference names that the model lacks.
func referenceProblems(m *model, r reference) []string {
	var out []string
	for _, n := range r.names {
		if len(propertiesNamed(m, n)) == 0 && m.byName[n] == nil {
			out = append(out, "latest names "+strconv.Quote(n)+"; the schema has no property, alias or definition of that name")
		}
	}
	for _, l := range r.values {
		enums := enumsOf(m, l.property)
		if d := m.byName[l.object]; d != nil {
			enums = nil
			for _, p := range d.props {
				if strings.EqualFold(p.name, l.property) {
					enums = enumsOf(m, p.name)
					enums = slices.DeleteFunc(enums, func(e *def) bool { return !usesEnum(p, e) })
				}
			}
		}
		if len(enums) == 0 {
			out = append(out, "latest: values of "+l.object+"."+l.property+": no property of that name is an enum")
			continue
		}
		for _, v := range l.values {
			if !hasValue(enums, v, "latest", true) && !hasValue(enums, v, "api-reference", false) && !hasValue(enums, v, "related-docs", false) {
				out = append(out, "latest: "+l.object+"."+l.property+": "+strconv.Quote(v)+" is not a value of "+defNames(enums)+" with a provenance of the newest revision")
			}
		}
	}
	return out
}

// usesEnum reports whether the type of p is the enum e or an array of it.
func usesEnum(p *prop, e *def) bool {
	t := p.t
	if t.kind == tArray {
		t = t.items
	}
	return t.kind == tRef && t.ref == e
}

// TestReferenceProblems checks the checker: a schema without a value, a
// property, or a value's newest provenance that the reference lists fails.
func TestReferenceProblems(t *testing.T) {
	data, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatal(err)
	}
	ref := extractReference(string(data))
	m := loadModel(t, realSchema)
	ch := m.byName["Channel"]
	ch.values = slices.DeleteFunc(slices.Clone(ch.values), func(v *enumValue) bool { return v.value == "EMAIL" })
	for _, v := range m.byName["StorageType"].values {
		if v.value == "Amazon S3" {
			v.provenance = []string{"current"}
		}
	}
	ce := m.byName["ContactEvent"]
	ce.props = slices.DeleteFunc(slices.Clone(ce.props), func(p *prop) bool { return p.name == "chatMetrics" })
	delete(m.byName, "ChatMetrics") // a name may also be a definition's
	want := []string{
		`latest names "ChatMetrics"; the schema has no property, alias or definition of that name`,
		`latest: ContactEvent.Channel: "EMAIL" is not a value of Channel with a provenance of the newest revision`,
		`latest: RecordingsInfo.StorageType: "Amazon S3" is not a value of StorageType with a provenance of the newest revision`,
	}
	got := referenceProblems(m, ref)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
}
