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

// TestSeedCoverage reads the data-model text of both versions of the AWS
// page "Amazon Connect contact events" (the seed documents) and checks that
// the source schema holds everything it names:
//
//   - every property name (the older page's bold names and ### headings,
//     the current page's name lines) as a property or alias, matched
//     case-insensitively;
//   - every value of every "Valid values:" list, of the event list, of the
//     older page's CONNECTED_TO_SYSTEM status codes and of the channel
//     types, as a value of the enum of that property, with x-enum
//     provenance from that page ("older" for 000_*, "current" for 001_*,
//     or "current-prose" for the current page's event list);
//   - the numeric valid values (ProficiencyLevel) within the property's
//     range.
//
// The seeds are public AWS documentation, copied into testdata/seeds so
// that the test runs where ../../shared is absent; when ../../shared/seeds
// is there too, the copies must be identical to it.
func TestSeedCoverage(t *testing.T) {
	seeds := seedFiles(t)
	m := loadModel(t, realSchema)
	for _, path := range seeds {
		name := filepath.Base(path)
		var page string
		switch {
		case strings.HasPrefix(name, "000_"):
			page = "older"
		case strings.HasPrefix(name, "001_"):
			page = "current"
		default:
			t.Errorf("%s: not a seed of either page", path)
			continue
		}
		t.Run(page, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dm := extractDataModel(t, string(data))
			t.Logf("%s: %d property names, %d value lists", name, len(dm.names), len(dm.lists))

			for _, l := range dm.lists {
				t.Logf("%s (%s): %q", l.context, l.kind, l.values)
			}
			for _, p := range seedProblems(m, page, dm) {
				t.Error(p)
			}
			var contexts []string
			for _, l := range dm.lists {
				contexts = append(contexts, l.context+" ("+l.kind+")")
			}
			slices.Sort(contexts)
			want := map[string][]string{
				"older": {
					"AnsweringMachineDetectionStatus (prose)",
					"Channel (type)",
					"EventType (prose)",
					"EventType (valid values)",
					"InitiationMethod (valid values)",
				},
				"current": {
					"AnsweringMachineDetectionStatus (valid values)",
					"Channel (type)",
					"ComparisonOperator (valid values)",
					"DisconnectReason (valid values)",
					"EventType (prose)",
					"EventType (valid values)",
					"InitiationMethod (valid values)",
					"ProficiencyLevel (valid values)",
					"Status (valid values)",
					"UpdatedProperties (valid values)",
				},
			}[page]
			if !slices.Equal(contexts, want) {
				t.Errorf("the value lists found are\n%q\nwant\n%q\n(has the seed or the extraction changed?)", contexts, want)
			}
			if want := map[string]int{"older": 21, "current": 49}[page]; len(dm.names) != want {
				t.Errorf("%d property names found in the %s page, want %d (has the seed or the extraction changed?): %q", len(dm.names), page, want, dm.names)
			}
		})
	}
}

// seedProblems lists what the data model dm of page names that the
// schema's model m lacks.
func seedProblems(m *model, page string, dm dataModel) []string {
	var out []string
	for _, n := range dm.names {
		if len(propertiesNamed(m, n)) == 0 {
			out = append(out, page+" names the property "+strconv.Quote(n)+"; the schema has no property or alias of that name")
		}
	}
	for _, l := range dm.lists {
		if l.numeric {
			for _, v := range l.values {
				if p := rangeProblem(m, l.context, v); p != "" {
					out = append(out, page+": "+p)
				}
			}
			continue
		}
		enums := enumsOf(m, l.context)
		if len(enums) == 0 {
			out = append(out, page+": "+l.kind+" of "+strconv.Quote(l.context)+": no property of that name is an enum")
			continue
		}
		for _, v := range l.values {
			if !hasValue(enums, v, page, l.kind == "prose") {
				out = append(out, page+": "+l.kind+" of "+l.context+": "+strconv.Quote(v)+" is not a value of "+defNames(enums)+" with provenance "+strconv.Quote(page))
			}
		}
	}
	return out
}

// TestSeedProblems checks the checker: a schema without a value, a
// property, a provenance or a range the seeds document fails.
func TestSeedProblems(t *testing.T) {
	var current string
	for _, s := range seedFiles(t) {
		if strings.HasPrefix(filepath.Base(s), "001_") {
			current = s
		}
	}
	data, err := os.ReadFile(current)
	if err != nil {
		t.Fatal(err)
	}
	dm := extractDataModel(t, string(data))
	m := loadModel(t, realSchema)
	if p := seedProblems(m, "current", dm); len(p) > 0 {
		t.Fatalf("the real schema: %q", p)
	}
	et := m.byName["EventType"]
	et.values = slices.DeleteFunc(slices.Clone(et.values), func(v *enumValue) bool { return v.value == "PAUSED" })
	for _, v := range m.byName["StepStatus"].values {
		if v.value == "INTERRUPTED" {
			v.provenance = []string{"current-sample"}
		}
	}
	for _, p := range m.byName["QueueInfo"].props {
		if p.name == "queueType" {
			p.name, p.aliases = "queueKind", nil
		}
	}
	for _, p := range m.byName["AttributeCondition"].props {
		if p.name == "proficiencyLevel" {
			p.t = &typ{kind: tNumber, min: 1, max: 4.5}
		}
	}
	want := []string{
		`current names the property "QueueType"; the schema has no property or alias of that name`,
		`current: ProficiencyLevel: valid value 5 is outside [1, 4.5]`,
		`current: prose of EventType: "PAUSED" is not a value of EventType with provenance "current"`,
		`current: valid values of EventType: "PAUSED" is not a value of EventType with provenance "current"`,
		`current: valid values of Status: "INTERRUPTED" is not a value of StepStatus, RecordingStatus, EvaluationStatus with provenance "current"`,
	}
	got := seedProblems(m, "current", dm)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
}

// seedFiles returns the seed documents: testdata/seeds (the copies) when
// there, else ../../shared/seeds; it skips the test when neither is.
func seedFiles(t *testing.T) []string {
	t.Helper()
	copies, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	shared, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	if len(copies) > 0 && len(shared) > 0 {
		var cn, sn []string
		for _, c := range copies {
			cn = append(cn, filepath.Base(c))
		}
		for _, s := range shared {
			sn = append(sn, filepath.Base(s))
		}
		if !slices.Equal(cn, sn) {
			t.Errorf("testdata/seeds has %q, ../../shared/seeds has %q", cn, sn)
		}
		for _, s := range shared {
			a, _ := os.ReadFile(s)
			b, _ := os.ReadFile(filepath.Join("testdata", "seeds", filepath.Base(s)))
			if !bytes.Equal(a, b) {
				t.Errorf("testdata/seeds/%s differs from %s: copy it again", filepath.Base(s), s)
			}
		}
	}
	switch {
	case len(copies) > 0:
		return copies
	case len(shared) > 0:
		return shared
	}
	t.Skip("no seed documents: neither testdata/seeds nor ../../shared/seeds")
	return nil
}

type valueList struct {
	context string // the property the list is about, as the page names it
	kind    string // "valid values", "type" (Type: A, B, or C) or "prose"
	values  []string
	numeric bool
}

type dataModel struct {
	names []string // property names, in order, once each
	lists []valueList
}

var (
	mdUnescape   = strings.NewReplacer(`\_`, "_", `\-`, "-", `\(`, "(", `\)`, ")", `\.`, ".", `\[`, "[", `\]`, "]", `\*`, "*")
	anchor       = regexp.MustCompile(`<a name="[^"]*"></a>`)
	boldName     = regexp.MustCompile(`^\*\*([A-Za-z][A-Za-z0-9]*)\*\*\s*$`)
	mdHeading    = regexp.MustCompile(`^#{2,4}\s+(.*)$`)
	plainName    = regexp.MustCompile(`^([A-Z][A-Za-z0-9]*)( code)?$`)
	bulletItem   = regexp.MustCompile(`^(?:\+|  •)\s+([A-Z][A-Z0-9_-]*):\s`)
	eventItem    = regexp.MustCompile(`^(?:\+|  •)\s+([A-Z][A-Z0-9_-]*)\s+-\s`)
	backticked   = regexp.MustCompile("`([A-Z][A-Z0-9_-]*)`")
	validValues  = regexp.MustCompile(`^(?i:Valid values):\s*(.*?)\s*$`)
	typeList     = regexp.MustCompile("^Type:\\s*(`?[A-Z]+`?(?:,\\s*(?:or\\s+)?`?[A-Z]+`?)+)\\s*$")
	listSplitter = regexp.MustCompile(`,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+`)
)

// extractDataModel reads the data-model section of a seed (markdown for the
// older page, plain text for the current one): from "Contact events data
// model" to the first sample or the next top section, the contact
// timestamps included.
func extractDataModel(t *testing.T, text string) dataModel {
	t.Helper()
	var lines []string
	in := false
	for _, raw := range strings.Split(text, "\n") {
		line := strings.TrimRight(anchor.ReplaceAllString(mdUnescape.Replace(raw), ""), " \t\r")
		title := strings.TrimSpace(strings.TrimLeft(line, "#"))
		switch {
		case title == "Contact events data model":
			in = true
			continue
		case in && (strings.HasPrefix(title, "Sample ") || title == "Subscribe to Amazon Connect contact events"):
			in = false
		}
		if in {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		t.Fatal("no data model section")
	}
	var dm dataModel
	seen := map[string]bool{}
	addName := func(n string) {
		if !seen[n] {
			seen[n] = true
			dm.names = append(dm.names, n)
		}
	}
	context := ""
	var open *valueList // a "Valid values:" list whose items are bullets
	for i, line := range lines {
		// Property names: bold lines and headings (markdown), lines of one
		// name between blank lines (plain text).
		name := ""
		if mm := boldName.FindStringSubmatch(line); mm != nil {
			name = mm[1]
		} else if mm := mdHeading.FindStringSubmatch(line); mm != nil && !strings.Contains(mm[1], " ") {
			name = mm[1]
		} else if mm := plainName.FindStringSubmatch(line); mm != nil && (i == 0 || lines[i-1] == "") && (i+1 == len(lines) || lines[i+1] == "") {
			name = mm[1]
		}
		if name != "" && name != "Note" && name != "Topics" {
			addName(name)
			context = name
			open = nil
			continue
		}
		if mm := validValues.FindStringSubmatch(line); mm != nil {
			l := valueList{context: context, kind: "valid values"}
			if mm[1] == "" {
				dm.lists = append(dm.lists, l)
				open = &dm.lists[len(dm.lists)-1]
				continue
			}
			for _, v := range listSplitter.Split(mm[1], -1) {
				if v = strings.TrimSpace(v); v != "" {
					l.values = append(l.values, v)
				}
			}
			_, err := strconv.ParseFloat(l.values[0], 64)
			l.numeric = err == nil
			dm.lists = append(dm.lists, l)
			open = nil
			continue
		}
		if mm := typeList.FindStringSubmatch(line); mm != nil {
			l := valueList{context: context, kind: "type"}
			for _, v := range listSplitter.Split(mm[1], -1) {
				l.values = append(l.values, strings.Trim(strings.TrimSpace(v), "`"))
			}
			dm.lists = append(dm.lists, l)
			continue
		}
		if open != nil {
			if mm := bulletItem.FindStringSubmatch(line); mm != nil {
				open.values = append(open.values, mm[1])
			}
			continue
		}
		// The event list opens the data model, before any property.
		if context == "" {
			if mm := eventItem.FindStringSubmatch(line); mm != nil {
				appendProse(&dm, "EventType", mm[1])
				// The older page lists the CONNECTED_TO_SYSTEM status
				// codes in that event's item.
				for _, c := range backticked.FindAllStringSubmatch(line, -1) {
					appendProse(&dm, "AnsweringMachineDetectionStatus", c[1])
				}
			}
		}
	}
	for _, l := range dm.lists {
		if len(l.values) == 0 {
			t.Errorf("the %s list of %s has no values", l.kind, l.context)
		}
	}
	return dm
}

func appendProse(dm *dataModel, context, v string) {
	for i := range dm.lists {
		if dm.lists[i].context == context && dm.lists[i].kind == "prose" {
			dm.lists[i].values = append(dm.lists[i].values, v)
			return
		}
	}
	dm.lists = append(dm.lists, valueList{context: context, kind: "prose", values: []string{v}})
}

// propertiesNamed returns the properties of the schema with a spelling
// equal to name, case-insensitively.
func propertiesNamed(m *model, name string) []*prop {
	var out []*prop
	for _, d := range m.defs {
		for _, p := range d.props {
			match := strings.EqualFold(p.name, name)
			for _, a := range p.aliases {
				match = match || strings.EqualFold(a.name, name)
			}
			if match {
				out = append(out, p)
			}
		}
	}
	return out
}

// enumsOf returns the enum definitions of the properties named name (an
// enum, or an array of one).
func enumsOf(m *model, name string) []*def {
	var out []*def
	for _, p := range propertiesNamed(m, name) {
		t := p.t
		if t.kind == tArray {
			t = t.items
		}
		if t.kind == tRef && t.ref.kind == kindEnum && !slices.Contains(out, t.ref) {
			out = append(out, t.ref)
		}
	}
	return out
}

func hasValue(enums []*def, v, page string, prose bool) bool {
	for _, d := range enums {
		for _, ev := range d.values {
			if ev.value != v {
				continue
			}
			if slices.Contains(ev.provenance, page) || prose && slices.Contains(ev.provenance, page+"-prose") {
				return true
			}
		}
	}
	return false
}

func defNames(ds []*def) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.name)
	}
	return strings.Join(out, ", ")
}

func rangeProblem(m *model, name, v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return name + ": valid value " + strconv.Quote(v) + " is not a number"
	}
	props := propertiesNamed(m, name)
	if len(props) == 0 {
		return "no property " + name
	}
	for _, p := range props {
		if p.t.kind != tNumber && p.t.kind != tInteger {
			return name + " lists numbers but is not a number"
		}
		if !(p.t.min <= f && f <= p.t.max) {
			return name + ": valid value " + strconv.FormatFloat(f, 'g', -1, 64) + " is outside [" + strconv.FormatFloat(p.t.min, 'g', -1, 64) + ", " + strconv.FormatFloat(p.t.max, 'g', -1, 64) + "]"
		}
	}
	return ""
}
