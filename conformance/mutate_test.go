package conformance

// A deterministic mutator of contact events, for the differential test: every mutant is a
// sample's repaired.json, decoded with encoding/json (numbers as json.Number), changed in one to
// three places and encoded again. The random source is math/rand/v2's PCG with a fixed seed per
// sample, and every choice iterates in sorted order, so a run produces the same mutants on every
// machine and a failure names a mutant that can be replayed (sample, index).

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// mutantSeed is the fixed PCG seed of the mutator; the stream of each sample is
// (mutantSeed, sample index).
const mutantSeed = 0x636f6e6e65637421 // "connect!"

// mutant is one mutated document.
type mutant struct {
	Index int      // its position in the sample's mutant stream
	Ops   []string // what was done, in order
	Data  []byte
}

// mutator holds the random source and the value pools.
type mutator struct {
	r          *rand.Rand
	enumValues []string // every documented enum value, from the source schema
}

// mutation is one kind of change. apply returns a description, or false when the document has
// nothing it applies to.
type mutation struct {
	name  string
	apply func(m *mutator, root map[string]any) (string, bool)
}

// mutations lists every kind of change the mutator makes, each documented by its name.
var mutations = []mutation{
	{"drop-property", (*mutator).dropProperty},
	{"change-type", (*mutator).changeType},
	{"swap-enum", (*mutator).swapEnum},
	{"rename-key-case", (*mutator).renameKeyCase},
	{"empty-string", (*mutator).emptyString},
	{"break-timestamp", (*mutator).breakTimestamp},
	{"number-out-of-range", (*mutator).numberOutOfRange},
	{"resize-array", (*mutator).resizeArray},
	{"nest-deeper", (*mutator).nestDeeper},
	{"add-unknown-property", (*mutator).addUnknown},
	{"graft-documented-property", (*mutator).graft},
	{"switch-routing-shape", (*mutator).switchRoutingShape},
}

func newMutator(sampleIndex int, enumValues []string) *mutator {
	return newSeededMutator(mutantSeed, uint64(sampleIndex), enumValues)
}

// newSeededMutator returns a mutator on the PCG stream (seed, stream), for the fuzz test.
func newSeededMutator(seed, stream uint64, enumValues []string) *mutator {
	return &mutator{r: rand.New(rand.NewPCG(seed, stream)), enumValues: enumValues}
}

// mutants returns n mutants of the document base (a JSON object).
func (m *mutator) mutants(base map[string]any, n int) []mutant {
	out := make([]mutant, 0, n)
	for i := 0; len(out) < n; i++ {
		root := deepCopy(base).(map[string]any)
		var ops []string
		for k := 1 + m.r.IntN(3); len(ops) < k; {
			mu := mutations[m.r.IntN(len(mutations))]
			if d, ok := mu.apply(m, root); ok {
				ops = append(ops, mu.name+": "+d)
			}
		}
		data, err := json.Marshal(root)
		if err != nil {
			panic(err)
		}
		out = append(out, mutant{Index: i, Ops: ops, Data: data})
	}
	return out
}

func (m *mutator) pick(nodes []jsonNode) (jsonNode, bool) {
	if len(nodes) == 0 {
		return jsonNode{}, false
	}
	return nodes[m.r.IntN(len(nodes))], true
}

func pickOne[T any](m *mutator, xs []T) T { return xs[m.r.IntN(len(xs))] }

func filterNodes(root map[string]any, keep func(jsonNode) bool) []jsonNode {
	var out []jsonNode
	for _, n := range collectNodes(root, nil, nil, nil) {
		if keep(n) {
			out = append(out, n)
		}
	}
	return out
}

func isMember(n jsonNode) bool { _, ok := n.Parent.(map[string]any); return ok }

func isString(n jsonNode) bool { _, ok := n.Value.(string); return ok }

// dropProperty deletes one object member, at any depth.
func (m *mutator) dropProperty(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, isMember))
	if !ok {
		return "", false
	}
	delete(n.Parent.(map[string]any), n.key())
	return n.pointer(), true
}

// changeType replaces a value with one of another JSON type: string->number, object->string,
// array->object, anything->null, ...
func (m *mutator) changeType(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, func(jsonNode) bool { return true }))
	if !ok {
		return "", false
	}
	candidates := []any{"text", json.Number("42"), json.Number("1.5"), true, nil,
		map[string]any{}, []any{}, []any{deepCopy(n.Value)}, map[string]any{"value": deepCopy(n.Value)}}
	kind := jsonType(n.Value)
	var others []any
	for _, c := range candidates {
		if jsonType(c) != kind {
			others = append(others, c)
		}
	}
	v := pickOne(m, others)
	setNode(n, v)
	return fmt.Sprintf("%s %s -> %s", n.pointer(), kind, jsonType(v)), true
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

// swapEnum replaces a string (preferably one holding a documented enum value) with another
// documented value, an undocumented one, or the same value in another case.
func (m *mutator) swapEnum(root map[string]any) (string, bool) {
	strs := filterNodes(root, isString)
	enums := filterNodes(root, func(n jsonNode) bool {
		s, ok := n.Value.(string)
		return ok && slices.Contains(m.enumValues, s)
	})
	if len(enums) > 0 && m.r.IntN(4) > 0 {
		strs = enums
	}
	n, ok := m.pick(strs)
	if !ok {
		return "", false
	}
	old := n.Value.(string)
	var v string
	switch m.r.IntN(4) {
	case 0, 1:
		v = pickOne(m, m.enumValues)
	case 2:
		v = pickOne(m, []string{"UNDOCUMENTED_VALUE", "Amazon Connect Contact Event ", "aws.ec2", "1", "voice", "Inbound", "Match ", "ACTIVE\u00a0"})
	default:
		v = changeCase(m, old)
	}
	setNode(n, v)
	return fmt.Sprintf("%s %q -> %q", n.pointer(), old, v), true
}

// changeCase returns s in lower, upper, title or random case.
func changeCase(m *mutator, s string) string {
	switch m.r.IntN(4) {
	case 0:
		return strings.ToLower(s)
	case 1:
		return strings.ToUpper(s)
	case 2:
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
	}
	return randomCase(m, s)
}

func randomCase(m *mutator, s string) string {
	rs := []rune(s)
	for i, c := range rs {
		if m.r.IntN(2) == 0 {
			if unicode.IsUpper(c) {
				rs[i] = unicode.ToLower(c)
			} else {
				rs[i] = unicode.ToUpper(c)
			}
		}
	}
	return string(rs)
}

// renameKeyCase renames an object member: camelCase <-> PascalCase, or random case.
func (m *mutator) renameKeyCase(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, isMember))
	if !ok {
		return "", false
	}
	old := n.key()
	var k string
	if m.r.IntN(3) > 0 && old != "" {
		r := []rune(old)
		if unicode.IsUpper(r[0]) {
			r[0] = unicode.ToLower(r[0])
		} else {
			r[0] = unicode.ToUpper(r[0])
		}
		k = string(r)
	} else {
		k = randomCase(m, old)
	}
	p := n.Parent.(map[string]any)
	if _, taken := p[k]; taken || k == old {
		return "", false
	}
	delete(p, old)
	p[k] = n.Value
	return fmt.Sprintf("%s -> %q", n.pointer(), k), true
}

// emptyString sets a string to "".
func (m *mutator) emptyString(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, func(n jsonNode) bool { s, ok := n.Value.(string); return ok && s != "" }))
	if !ok {
		return "", false
	}
	setNode(n, "")
	return n.pointer(), true
}

var timestampLike = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}`)

// fractionRe matches the fraction and zone of a timestamp.
var fractionRe = regexp.MustCompile(`(\.[0-9]+)?Z$`)

// timestampBreaks are the ways a timestamp is broken (some of them, such as a leap second at
// 23:59:60 or 29 February of a leap year, keep it valid on purpose).
var timestampBreaks = []struct {
	name string
	f    func(s string) string
}{
	{"drop the fraction", func(s string) string { return fractionRe.ReplaceAllString(s, "Z") }},
	{"add a fraction of 1 digit", func(s string) string { return fractionRe.ReplaceAllString(s, ".5Z") }},
	{"add a fraction of 3 digits", func(s string) string { return fractionRe.ReplaceAllString(s, ".123Z") }},
	{"add a fraction of 9 digits", func(s string) string { return fractionRe.ReplaceAllString(s, ".123456789Z") }},
	{"add a fraction of 10 digits", func(s string) string { return fractionRe.ReplaceAllString(s, ".1234567891Z") }},
	{"a bare dot", func(s string) string { return fractionRe.ReplaceAllString(s, ".Z") }},
	{"month 13", func(s string) string { return s[:5] + "13" + s[7:] }},
	{"month 00", func(s string) string { return s[:5] + "00" + s[7:] }},
	{"day 00", func(s string) string { return s[:8] + "00" + s[10:] }},
	{"Feb 30", func(s string) string { return s[:5] + "02-30" + s[10:] }},
	{"Feb 29 of 2021", func(s string) string { return "2021-02-29" + s[10:] }},
	{"Feb 29 of 2024", func(s string) string { return "2024-02-29" + s[10:] }},
	{"Feb 29 of 1900", func(s string) string { return "1900-02-29" + s[10:] }},
	{"Feb 29 of 2000", func(s string) string { return "2000-02-29" + s[10:] }},
	{"year 0000", func(s string) string { return "0000" + s[4:] }},
	{"space separator", func(s string) string { return s[:10] + " " + s[11:] }},
	{"lower-case t", func(s string) string { return s[:10] + "t" + s[11:] }},
	{"slash in the date", func(s string) string { return s[:4] + "/" + s[5:] }},
	{"lower-case z", func(s string) string { return strings.TrimSuffix(s, "Z") + "z" }},
	{"offset +00:00", func(s string) string { return strings.TrimSuffix(s, "Z") + "+00:00" }},
	{"offset -05:30", func(s string) string { return strings.TrimSuffix(s, "Z") + "-05:30" }},
	{"no zone", func(s string) string { return strings.TrimSuffix(s, "Z") }},
	{"leap second at 23:59:60", func(s string) string { return s[:11] + "23:59:60" + s[19:] }},
	{"second 60 at noon", func(s string) string { return s[:11] + "12:00:60" + s[19:] }},
	{"hour 24", func(s string) string { return s[:11] + "24" + s[13:] }},
	{"minute 60", func(s string) string { return s[:14] + "60" + s[16:] }},
	{"unpadded", func(s string) string { return s[:5] + "8-4" + s[10:] }},
	{"full-width digit", func(s string) string { return s[:3] + "\uff11" + s[4:] }},
}

// breakTimestamp damages a timestamp.
func (m *mutator) breakTimestamp(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, func(n jsonNode) bool { s, ok := n.Value.(string); return ok && timestampLike.MatchString(s) }))
	if !ok {
		return "", false
	}
	b := pickOne(m, timestampBreaks)
	old := n.Value.(string)
	v := b.f(old)
	setNode(n, v)
	return fmt.Sprintf("%s %s: %q", n.pointer(), b.name, v), true
}

// outOfRangeNumbers are the replacements of a number: below minimums (-1 index or duration, 0.5
// proficiency), above maximums (6.0 proficiency), not integers (1.5), integers written as
// decimals (1.0, 2e0), beyond float64 and int64, and decimals that float64 rounds onto a bound.
var outOfRangeNumbers = []string{
	"-1", "0", "1", "5", "6.0", "1.5", "0.5", "1.0", "2e0", "-0", "5.0", "4.5",
	"1e400", "-1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
	"100000000000000000000", "1e-7",
	"0.99999999999999999999", "5.00000000000000000001", "1.00000000000000000001", "1e-400",
}

// numberOutOfRange replaces a number.
func (m *mutator) numberOutOfRange(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, func(n jsonNode) bool { _, ok := n.Value.(json.Number); return ok }))
	if !ok {
		return "", false
	}
	v := pickOne(m, outOfRangeNumbers)
	setNode(n, json.Number(v))
	return fmt.Sprintf("%s %s -> %s", n.pointer(), n.Value, v), true
}

// resizeArray duplicates the items of an array beyond its maxItems (steps: 5), or empties it
// (steps: minItems 1); arrays of strings also grow past 256 (agentIds).
func (m *mutator) resizeArray(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, func(n jsonNode) bool { _, ok := n.Value.([]any); return ok }))
	if !ok {
		return "", false
	}
	old := n.Value.([]any)
	sizes := []int{0, len(old) + 1, 5, 6, 7}
	if len(old) > 0 && isScalar(old[0]) {
		sizes = append(sizes, 256, 257)
	}
	size := pickOne(m, sizes)
	v := make([]any, size)
	for i := range v {
		if len(old) == 0 {
			v[i] = "x"
		} else {
			v[i] = deepCopy(old[i%len(old)])
		}
	}
	setNode(n, v)
	return fmt.Sprintf("%s %d -> %d items", n.pointer(), len(old), size), true
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

var expressionKey = regexp.MustCompile(`^(?i:attributeCondition|andExpression|orExpression)$`)

// nestDeeper wraps an object or array in more levels: a routing expression in andExpression or
// orExpression (valid nesting, up to 12 levels), anything else in objects or arrays (up to 6
// levels; the SDK's DefaultMaxDepth of 64 is never reached, see TestDepthLimitIsNotASchemaRule).
func (m *mutator) nestDeeper(root map[string]any) (string, bool) {
	n, ok := m.pick(filterNodes(root, func(n jsonNode) bool { return !isScalar(n.Value) }))
	if !ok {
		return "", false
	}
	v := n.Value
	if obj, ok := v.(map[string]any); ok && len(obj) > 0 && expressionKey.MatchString(sortedMapKeys(obj)[0]) {
		k := 1 + m.r.IntN(12)
		key := pickOne(m, []string{"andExpression", "orExpression", "AndExpression", "OrExpression"})
		for range k {
			v = map[string]any{key: []any{v}}
		}
		setNode(n, v)
		return fmt.Sprintf("%s in %d levels of %s", n.pointer(), k, key), true
	}
	k := 1 + m.r.IntN(6)
	for range k {
		if m.r.IntN(2) == 0 {
			v = []any{v}
		} else {
			v = map[string]any{"nested": v}
		}
	}
	setNode(n, v)
	return fmt.Sprintf("%s in %d levels", n.pointer(), k), true
}

// unknownKeys are the names of added properties: plain, with characters that JSON Pointer and
// percent-encoding escape, a near-miss of a documented name, empty.
var unknownKeys = []string{"foo", "x-custom", "Dept Name", "a/b~c", "100%", "ünïcødé", "", "contactid", "eventtype", "detail_type"}

// unknownValues are the values of added properties.
var unknownValues = []string{`"v"`, `1`, `1.5`, `true`, `null`, `{}`, `[]`, `{"a":[1,{"b":"c"}]}`, `["x","y"]`}

// addUnknown adds a property no profile documents, to any object (the root included).
func (m *mutator) addUnknown(root map[string]any) (string, bool) {
	objs := []jsonNode{{Value: root}}
	objs = append(objs, filterNodes(root, func(n jsonNode) bool { _, ok := n.Value.(map[string]any); return ok })...)
	n := pickOne(m, objs)
	k := pickOne(m, unknownKeys)
	obj := n.Value.(map[string]any)
	if _, taken := obj[k]; taken {
		return "", false
	}
	obj[k] = mustJSON(pickOne(m, unknownValues))
	return fmt.Sprintf("%s/%s", n.pointer(), k), true
}

// contactGrafts are documented properties (valid or not) that the samples do not carry, added to
// the contact event so that the differential reaches every part of the schema: segment
// attributes, campaign, Contact Lens, routing criteria, the x-rules, ...
var contactGrafts = []string{
	`{"segmentAttributes":{"connect:Subtype":{"ValueString":"connect:Guide"}}}`,
	`{"segmentAttributes":{"":{"ValueString":"x"}}}`,
	`{"segmentAttributes":{"bad key":{"ValueString":"x"}}}`,
	`{"segmentAttributes":{"Dept Name%":{"ValueString":"x"}}}`,
	`{"segmentAttributes":{"` + strings.Repeat("k", 129) + `":{"ValueInteger":1}}}`,
	`{"segmentAttributes":{"k":{"ValueMap":{"":{"ValueString":"x"},"ok":{"ValueList":[{"ValueArn":"arn"},{"ValueInteger":1.5}]}}}}}`,
	`{"segmentAttributes":{"k":{"ValueMap":{"` + strings.Repeat("m", 129) + `":{"ValueString":"x"}}}}}`,
	`{"segmentAttributes":{"k":{"ValueString":"` + strings.Repeat("s", 1025) + `","ValueArn":"` + strings.Repeat("a", 1025) + `"}}}`,
	`{"segmentAttributes":{"k":"str"}}`,
	`{"segmentAttributes":{"k":{"Other":1,"valueString":"x"}}}`,
	`{"segmentAttributes":{"k":{"ValueInteger":9223372036854775808}}}`,
	`{"campaign":{"campaignId":"c-1"}}`,
	`{"campaign":{"campaignId":""}}`,
	`{"campaign":{"campaignId":"` + strings.Repeat("c", 101) + `"}}`,
	`{"campaign":{"CampaignId":"c-1"}}`,
	`{"campaign":{"CampaignId":"c-1","campaignId":"c-1"}}`,
	`{"campaign":{"CampaignId":"c-1","campaignId":"c-2"}}`,
	`{"disconnectReason":"EXPIRED"}`,
	`{"disconnectReason":"CUSTOMER_DISCONNECT"}`,
	`{"answeringMachineDetectionStatus":"SIT_TONE-DETECTED"}`,
	`{"answeringMachineDetectionStatus":"AMD_UNANSWERED"}`,
	`{"answeringMachineDetectionStatus":"HUMAN_ANSWERED"}`,
	`{"relatedContactId":"` + strings.Repeat("r", 257) + `"}`,
	`{"relatedContactId":"r-1"}`,
	`{"scheduledTimestamp":"2021-08-04T17:17:53.000Z"}`,
	`{"customerVoiceActivity":{"greetingStartTimestamp":"2021-08-04T17:17:53Z","greetingEndTimestamp":5}}`,
	`{"contactLens":{"conversationalAnalytics":{"configuration":{"enabled":"yes","channelConfiguration":{"analyticsModes":[1]},"redactionConfiguration":{"entities":"EMAIL","policy":3}}}}}`,
	`{"routingCriteria":{"steps":[]}}`,
	`{"routingCriteria":{"steps":[{"expression":{}}]}}`,
	`{"routingCriteria":{"index":-1,"steps":[{"status":"DEACTIVATED","expiry":{"durationInSeconds":-5,"expiryTimestamp":"2023-11-01T18:34:54Z"}}]}}`,
	`{"routingCriteria":[{"steps":[{"status":"INTERRUPTED"}]},{"steps":[{"status":"ACTIVE"}],"index":1}]}`,
	`{"routingCriteria":{"steps":[{"expression":{"attributeCondition":{"name":"` + strings.Repeat("n", 65) + `","value":"","proficiencyLevel":0}}}]}}`,
	`{"routingCriteria":{"steps":[{"expression":{"attributeCondition":{"comparisonOperator":"Match","matchCriteria":{"agentsCriteria":{"agentIds":["",` + `"` + strings.Repeat("i", 257) + `"]}}}}}]}}`,
	`{"routingCriteria":{"steps":[{"expression":{"andExpression":[{"orExpression":[{"attributeCondition":{"name":"a","value":"b","proficiencyLevel":5.5}}]}],"attributeCondition":{}}}]}}`,
	`{"updatedProperties":["Segment Attributes","Tags","ScheduledTimestamp","UserDefinedAttributes"]}`,
	`{"updatedProperties":"Tags"}`,
	`{"tags":{"k":1,"ok":"v"}}`,
	`{"tags":{"Dept Name":"x","a/b":"y"}}`,
	`{"queueInfo":{"queueArn":"arn","queueType":"STANDARD"},"initiationMethod":"OUTBOUND"}`,
	`{"agentInfo":{"agentArn":"arn","hierarchyGroups":{"level1":{"arn":""},"level6":{"arn":"x"},"level2":{}}}}`,
	`{"channel":"TASK","initiationTimestamp":"2021-01-01T00:00:00.000Z","disconnectTimestamp":"2021-03-01T00:00:00.000Z"}`,
	`{"channel":"TASK","initiationTimestamp":"2021-01-01T00:00:00.000Z","disconnectTimestamp":"2021-01-09T00:00:00.000Z"}`,
	`{"channel":"TASK","initiationTimestamp":"1970-01-01T00:00:00.001Z","disconnectTimestamp":"2021-01-09T00:00:00.000Z"}`,
	`{"eventType":"AMD_DISABLED"}`,
	`{"eventType":"PAUSED","initiationMethod":"MONITOR"}`,
}

// envelopeGrafts are envelope members (valid or not), added to enveloped samples.
var envelopeGrafts = []string{
	`{"replay-name":""}`,
	`{"replay-name":"replay-1"}`,
	`{"resources":[1,"arn"]}`,
	`{"time":"2021-08-04T17:43:48.123Z"}`,
	`{"version":"1"}`,
	`{"source":"aws.ec2"}`,
	`{"detail-type":"EC2 Instance State-change Notification"}`,
	`{"account":""}`,
}

// graft adds a documented property to the contact event (detail, or the root of a bare event) or
// to the envelope.
func (m *mutator) graft(root map[string]any) (string, bool) {
	target, where := root, ""
	if d, ok := root["detail"].(map[string]any); ok {
		target, where = d, "/detail"
	}
	grafts := contactGrafts
	if where != "" && m.r.IntN(5) == 0 {
		target, where, grafts = root, "", envelopeGrafts
	}
	g := pickOne(m, grafts)
	for k, v := range mustJSON(g).(map[string]any) {
		target[k] = v
	}
	return where + " + " + g, true
}

// switchRoutingShape turns routingCriteria from an object into an array of one or two, or an
// array of one into its object, or an array into an empty one.
func (m *mutator) switchRoutingShape(root map[string]any) (string, bool) {
	ns := filterNodes(root, func(n jsonNode) bool { return isMember(n) && strings.EqualFold(n.key(), "routingCriteria") })
	n, ok := m.pick(ns)
	if !ok {
		return "", false
	}
	var v any
	switch old := n.Value.(type) {
	case map[string]any:
		if m.r.IntN(2) == 0 {
			v = []any{old}
		} else {
			v = []any{old, deepCopy(old)}
		}
	case []any:
		if len(old) == 1 {
			v = old[0]
		} else {
			v = []any{}
		}
	default:
		return "", false
	}
	setNode(n, v)
	return fmt.Sprintf("%s %s -> %s", n.pointer(), jsonType(n.Value), jsonType(v)), true
}
