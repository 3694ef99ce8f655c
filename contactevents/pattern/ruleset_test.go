package pattern_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
	"github.com/connectevents/sdk-go/contactevents/pattern"
)

// contactEvents are realistic enveloped contact events: every event type,
// several seeds, compact as EventBridge sends them.
var contactEvents = sync.OnceValue(func() [][]byte {
	var out [][]byte
	methods := []contactevents.InitiationMethod{contactevents.InitiationMethodInbound, contactevents.InitiationMethodOutbound, contactevents.InitiationMethodAPI}
	for seed := range uint64(8) {
		for _, et := range contactevents.EventType("").Values() {
			if et == contactevents.EventTypeAMDDisabled || et == contactevents.EventTypeWebRTCAPI {
				continue // compat-only types, not in the latest events
			}
			opts := []contacteventstest.BuildOption{contacteventstest.WithSeed(seed)}
			if chs := contacteventstest.Channels(et); chs[0] == contactevents.ChannelVoice {
				opts = append(opts, contacteventstest.WithInitiationMethod(methods[seed%3]))
			}
			out = append(out, contacteventstest.Payload(contacteventstest.NewEvent(et, opts...)))
		}
	}
	return out
})

// ruleMix returns n rules in a mix of exact, prefix, numeric, anything-but
// and wildcard conditions, as a bus with rules for many queues, agents and
// accounts has: each names a queue, an agent or an account of its own
// (the first few are the contact center's own, the others are not), so
// that a few rules match each event and most match none.
func ruleMix(n int) []pattern.Rule {
	queue := func(i int) string {
		if i < 3 {
			return realQueues()[i]
		}
		return contacteventstest.InstanceARN() + fmt.Sprintf("/queue/%08x-0000-4000-8000-%012x", i, i)
	}
	agent := func(i int) string {
		if i < 8 {
			return realAgents()[i]
		}
		return contacteventstest.InstanceARN() + fmt.Sprintf("/agent/%08x-0000-4000-8000-%012x", i, i)
	}
	account := func(i int) string {
		if i < 5 {
			return contacteventstest.Account
		}
		return fmt.Sprintf("%012d", 200000000000+i)
	}
	types := contactevents.EventType("").Values()
	rules := make([]pattern.Rule, n)
	for i := range rules {
		var p string
		switch i % 5 {
		case 0:
			p = fmt.Sprintf(`{"source":["aws.connect"],"detail-type":["Amazon Connect Contact Event"],"detail":{"eventType":[%q],"queueInfo":{"queueArn":[%q]}}}`, types[i/5%len(types)], queue(i/5))
		case 1:
			p = fmt.Sprintf(`{"source":["aws.connect"],"detail":{"agentInfo":{"agentArn":[{"prefix":%q}]}}}`, agent(i/5))
		case 2:
			p = fmt.Sprintf(`{"detail":{"queueInfo":{"queueArn":[%q]},"routingCriteria":{"index":[{"numeric":[">=",0,"<",10]}]}}}`, queue(i/5))
		case 3:
			p = fmt.Sprintf(`{"detail":{"queueInfo":{"queueArn":[%q]},"initiationMethod":[{"anything-but":["OUTBOUND","API"]}]}}`, queue(i/5))
		case 4:
			p = fmt.Sprintf(`{"detail":{"queueInfo":{"queueArn":[{"wildcard":"arn:aws:connect:us-west-2:%s:instance/*/queue/*"}]}}}`, account(i/5))
		}
		rules[i] = pattern.Rule{Name: "rule-" + strconv.Itoa(i), Pattern: pattern.MustCompile(p)}
	}
	return rules
}

// realQueues and realAgents are the queues and agents of the built events.
var realQueues = sync.OnceValue(func() []string { return distinct(`"queueArn":"`) })
var realAgents = sync.OnceValue(func() []string { return distinct(`"agentArn":"`) })

func distinct(member string) []string {
	var out []string
	for _, ev := range contactEvents() {
		s := string(ev)
		for i := 0; ; {
			j := indexFrom(s, member, i)
			if j < 0 {
				break
			}
			start := j + len(member)
			end := indexFrom(s, `"`, start)
			if v := s[start:end]; !slices.Contains(out, v) {
				out = append(out, v)
			}
			i = end
		}
	}
	slices.Sort(out)
	for len(out) < 8 {
		out = append(out, out[0]+"-"+strconv.Itoa(len(out)))
	}
	return out
}

func indexFrom(s, sub string, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// each returns the names of the rules that match data, one Pattern at a
// time: what the RuleSet must agree with.
func each(t testing.TB, rules []pattern.Rule, data []byte) []string {
	var out []string
	for _, r := range rules {
		ok, err := r.Pattern.Match(data)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		if ok {
			out = append(out, r.Name)
		}
	}
	slices.Sort(out)
	return out
}

func TestRuleSetAgreesWithEachPattern(t *testing.T) {
	rules := ruleMix(500)
	var s pattern.RuleSet
	s.Add(rules...)
	matched := 0
	for _, ev := range contactEvents() {
		got, err := s.Match(ev, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := each(t, rules, ev); !slices.Equal(got, want) {
			t.Errorf("RuleSet.Match = %v, each pattern alone: %v\n%s", got, want, ev)
		}
		matched += len(got)
		decoded, err := contactevents.Parse(ev)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, r := range rules {
			if r.Pattern.MatchEvent(decoded) {
				want = append(want, r.Name)
			}
		}
		slices.Sort(want)
		if got := s.MatchEvent(decoded, nil); !slices.Equal(got, want) {
			t.Errorf("RuleSet.MatchEvent = %v, each pattern alone: %v", got, want)
		}
	}
	if matched == 0 {
		t.Fatal("no rule matched any event")
	}
}

// TestRuleSetAgreesOnTheUserGuide: every pattern of the User Guide table
// (and the decisions) in one set, against every event of the table.
func TestRuleSetAgreesOnTheUserGuide(t *testing.T) {
	var rules []pattern.Rule
	var events [][]byte
	for i, c := range pattern.UserGuideCases() {
		rules = append(rules, pattern.Rule{Name: fmt.Sprintf("%03d", i), Pattern: pattern.MustCompile(c[0])})
		events = append(events, []byte(c[1]))
	}
	var s pattern.RuleSet
	s.Add(rules...)
	for _, ev := range events {
		got, err := s.Match(ev, nil)
		if err != nil {
			t.Fatalf("%s: %v", ev, err)
		}
		if want := each(t, rules, ev); !slices.Equal(got, want) {
			t.Errorf("%s: RuleSet.Match = %v, each pattern alone: %v", ev, got, want)
		}
	}
}

func TestRuleSetAddReplacesAndRemoveRemoves(t *testing.T) {
	var s pattern.RuleSet
	ev := []byte(`{"source":"aws.connect","detail":{"eventType":"QUEUED"}}`)
	s.Add(pattern.Rule{Name: "b", Pattern: pattern.MustCompile(`{"source":["aws.connect"]}`)},
		pattern.Rule{Name: "a", Pattern: pattern.MustCompile(`{"detail":{"eventType":["QUEUED"]}}`)},
		pattern.Rule{Name: "c", Pattern: pattern.MustCompile(`{"detail":{"eventType":["DISCONNECTED"]}}`)})
	if got, _ := s.Match(ev, nil); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Match = %v, want [a b] (name order)", got)
	}
	s.Add(pattern.Rule{Name: "c", Pattern: pattern.MustCompile(`{"detail":{"eventType":[{"prefix":"QUE"}]}}`)})
	if got, _ := s.Match(ev, nil); !slices.Equal(got, []string{"a", "b", "c"}) || s.Len() != 3 {
		t.Errorf("after replacing c: Match = %v, Len = %d", got, s.Len())
	}
	if n := s.Remove("a", "x"); n != 1 {
		t.Errorf("Remove = %d, want 1", n)
	}
	if got, _ := s.Match(ev, nil); !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf("after removing a: Match = %v", got)
	}
	if _, err := s.Match([]byte(`[1]`), nil); err != pattern.ErrNotObject {
		t.Errorf("Match of an array: %v, want ErrNotObject", err)
	}
	if _, err := s.Match([]byte(`{"source":"aws.connect",}`), nil); err == nil {
		t.Error("Match of malformed JSON: no error")
	}
	var empty pattern.RuleSet
	if got, err := empty.Match(ev, nil); len(got) != 0 || err != nil {
		t.Errorf("empty set: %v, %v", got, err)
	}
	if err := s.Add(pattern.Rule{Name: "x", Pattern: pattern.MustCompile(`{"a":["b"]}`)}, pattern.Rule{Name: "nil"}); !errors.Is(err, pattern.ErrNoPattern) || s.Len() != 2 {
		t.Errorf("Add of a nil pattern: %v, Len %d (want ErrNoPattern and nothing added)", err, s.Len())
	}
}

func TestRuleSetMatchAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool allocate")
	}
	var s pattern.RuleSet
	s.Add(ruleMix(1000)...)
	dst := make([]string, 0, 64)
	for _, ev := range contactEvents()[:20] {
		if avg := testing.AllocsPerRun(50, func() { s.Match(ev, dst[:0]) }); avg != 0 {
			t.Errorf("RuleSet.Match allocates %.1f times per event, want 0", avg)
		}
	}
}

// TestRuleSetConcurrentMatchAndUpdate: matching goroutines see either
// state of a rule being added and removed, never anything else (run with
// -race).
func TestRuleSetConcurrentMatchAndUpdate(t *testing.T) {
	var s pattern.RuleSet
	base := ruleMix(50)
	s.Add(base...)
	extra := pattern.Rule{Name: "extra", Pattern: pattern.MustCompile(`{"source":["aws.connect"]}`)}
	events := contactEvents()[:10]
	want := map[int][]string{}
	for i, ev := range events {
		want[i] = each(t, base, ev)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var dst []string
			for k := 0; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				i := (g + k) % len(events)
				dst, _ = s.Match(events[i], dst[:0])
				got := slices.DeleteFunc(slices.Clone(dst), func(n string) bool { return n == "extra" })
				if !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Match = %v, want %v (+ extra)", dst, want[i])
					return
				}
			}
		}()
	}
	for range 200 {
		s.Add(extra)
		s.Remove("extra")
	}
	close(stop)
	wg.Wait()
}

// BenchmarkRuleSet matches the contact events against rule sets of 1 to
// 10,000 rules of ruleMix, one event per op, next to one Pattern (the
// first rule) in the same run. BENCHMARKS.md has the command and the
// figures.
func BenchmarkRuleSet(b *testing.B) {
	events := contactEvents()
	b.Run("pattern", func(b *testing.B) {
		p := ruleMix(1)[0].Pattern
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			p.Match(events[i%len(events)])
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	sets := map[string]*pattern.RuleSet{}
	var names []string
	for _, n := range []int{1, 10, 100, 1000, 10000} {
		var s pattern.RuleSet
		s.Add(ruleMix(n)...)
		name := "rules=" + strconv.Itoa(n)
		sets[name] = &s
		names = append(names, name)
	}
	// 900 of the mix and 100 rules that name no value an index can look
	// up (anything-but and numeric only), which every event is tried on.
	open := ruleMix(900)
	for i := range 100 {
		open = append(open, pattern.Rule{Name: "open-" + strconv.Itoa(i), Pattern: pattern.MustCompile(fmt.Sprintf(
			`{"detail":{"initiationMethod":[{"anything-but":["OUTBOUND","CALLBACK"]}],"agentInfo":{"hierarchyGroups":{"level1":{"arn":[{"anything-but":{"suffix":"/%d"}}]}}}}}`, i))})
	}
	var unindexed pattern.RuleSet
	unindexed.Add(open...)
	sets["rules=1000,unindexed=100"] = &unindexed
	names = append(names, "rules=1000,unindexed=100")
	for _, name := range names {
		s := sets[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			dst := make([]string, 0, 128)
			i, matched := 0, 0
			for b.Loop() {
				out, err := s.Match(events[i%len(events)], dst[:0])
				if err != nil {
					b.Fatal(err)
				}
				matched += len(out)
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(matched)/float64(b.N), "matches/event")
		})
	}
}
