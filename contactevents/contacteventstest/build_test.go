package contacteventstest_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

var profiles = []contactevents.Profile{contactevents.Strict, contactevents.Compat}

// combinations lists every event type with every channel it makes sense for.
func combinations() (out []struct {
	et contactevents.EventType
	ch contactevents.Channel
}) {
	for _, et := range contactevents.EventType("").Values() {
		for _, ch := range contacteventstest.Channels(et) {
			out = append(out, struct {
				et contactevents.EventType
				ch contactevents.Channel
			}{et, ch})
		}
	}
	return out
}

// validUnder reports the profiles a built event of type et must be valid
// under: AMD_DISABLED is not a strict event type.
func validUnder(et contactevents.EventType) []contactevents.Profile {
	if !et.IsCurrent() {
		return []contactevents.Profile{contactevents.Compat}
	}
	return profiles
}

// roundTrip checks that the payload decodes to ev and re-encodes to itself.
func roundTrip(t *testing.T, ev *contactevents.Event, opts ...contactevents.Option) {
	t.Helper()
	payload := contacteventstest.Payload(ev)
	got := contacteventstest.RequireEvent(t, payload, opts...)
	if diff := cmp.Diff(ev, got); diff != "" {
		t.Errorf("decoded event differs from the built one (-built +decoded):\n%s", diff)
	}
	if again := contacteventstest.Payload(got); !bytes.Equal(again, payload) {
		t.Errorf("re-encoded payload differs:\n built: %s\n again: %s", payload, again)
	}
}

func TestNewEventEveryCombinationIsValidAndRoundTrips(t *testing.T) {
	combos := combinations()
	if len(combos) < 20 {
		t.Fatalf("only %d combinations", len(combos))
	}
	for _, c := range combos {
		t.Run(string(c.et)+"/"+string(c.ch), func(t *testing.T) {
			for _, bare := range []bool{false, true} {
				opts := []contacteventstest.BuildOption{contacteventstest.WithChannel(c.ch)}
				if bare {
					opts = append(opts, contacteventstest.WithoutEnvelope())
				}
				ev := contacteventstest.NewEvent(c.et, opts...)
				if ev.HasEnvelope() == bare {
					t.Fatalf("bare=%v: HasEnvelope() = %v", bare, ev.HasEnvelope())
				}
				if ev.Detail.EventType != c.et || ev.Detail.Channel != c.ch {
					t.Fatalf("built %s/%s", ev.Detail.EventType, ev.Detail.Channel)
				}
				for _, p := range validUnder(c.et) {
					opt := contactevents.WithProfile(p)
					if err := contactevents.Validate(contacteventstest.Payload(ev), opt); err != nil {
						t.Errorf("bare=%v %s: %v", bare, p, err)
					}
					roundTrip(t, ev, opt)
				}
			}
		})
	}
}

func TestNewEventAMDDisabledIsCompatOnly(t *testing.T) {
	payload := contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeAMDDisabled))
	contacteventstest.AssertValid(t, payload)
	contacteventstest.AssertInvalid(t, payload, []string{"/detail/eventType"}, contactevents.WithProfile(contactevents.Strict))
}

// Every initiation method on every combination stays valid: the builder
// drops queueInfo where the page says it is absent, and so on.
func TestNewEventEveryInitiationMethod(t *testing.T) {
	for _, c := range combinations() {
		for _, m := range contactevents.InitiationMethod("").Values() {
			ev := contacteventstest.NewEvent(c.et, contacteventstest.WithChannel(c.ch), contacteventstest.WithInitiationMethod(m))
			for _, p := range validUnder(c.et) {
				if err := contactevents.Validate(contacteventstest.Payload(ev), contactevents.WithProfile(p)); err != nil {
					t.Errorf("%s/%s/%s under %s: %v", c.et, c.ch, m, p, err)
				}
			}
			if m == contactevents.InitiationMethodOutbound && ev.Detail.QueueInfo != nil {
				t.Errorf("%s/%s/OUTBOUND has queueInfo", c.et, c.ch)
			}
		}
	}
}

func TestNewEventLifecycle(t *testing.T) {
	lifecycle := []contactevents.EventType{
		contactevents.EventTypeInitiated,
		contactevents.EventTypeConnectedToSystem,
		contactevents.EventTypeQueued,
		contactevents.EventTypeContactDataUpdated,
		contactevents.EventTypeConnectedToAgent,
		contactevents.EventTypePaused,
		contactevents.EventTypeResumed,
		contactevents.EventTypeDisconnected,
	}
	var prev time.Time
	var first *contactevents.Event
	for _, et := range lifecycle {
		ev := contacteventstest.NewEvent(et, contacteventstest.WithSeed(42), contacteventstest.WithChannel(contactevents.ChannelTask))
		d := ev.Detail
		if first == nil {
			first = ev
		}
		if d.ContactID != first.Detail.ContactID || !d.InitiationTimestamp.Equal(first.Detail.InitiationTimestamp) {
			t.Errorf("%s: not the same contact as %s", et, first.Detail.EventType)
		}
		if at := ev.Time.Time(); at.Before(prev) {
			t.Errorf("%s at %s, before the previous event (%s)", et, at, prev)
		} else {
			prev = at
		}
		has := map[string]bool{
			"connectedToSystemTimestamp": d.ConnectedToSystemTimestamp.IsSet(),
			"queueInfo":                  d.QueueInfo != nil,
			"agentInfo":                  d.AgentInfo != nil,
			"disconnectTimestamp":        d.DisconnectTimestamp.IsSet(),
			"updatedProperties":          d.UpdatedProperties != nil,
		}
		want := map[string]bool{
			"connectedToSystemTimestamp": et != contactevents.EventTypeInitiated,
			"queueInfo":                  et != contactevents.EventTypeInitiated && et != contactevents.EventTypeConnectedToSystem,
			"agentInfo": et == contactevents.EventTypeConnectedToAgent || et == contactevents.EventTypePaused ||
				et == contactevents.EventTypeResumed || et == contactevents.EventTypeDisconnected,
			"disconnectTimestamp": et == contactevents.EventTypeDisconnected,
			"updatedProperties":   et == contactevents.EventTypeContactDataUpdated,
		}
		if diff := cmp.Diff(want, has); diff != "" {
			t.Errorf("%s: members (-want +got):\n%s", et, diff)
		}
		// The contact's timestamps are in order.
		order := []contactevents.Timestamp{d.InitiationTimestamp, d.ConnectedToSystemTimestamp}
		if d.QueueInfo != nil {
			order = append(order, d.QueueInfo.EnqueueTimestamp)
		}
		if d.AgentInfo != nil {
			order = append(order, d.AgentInfo.ConnectedToAgentTimestamp)
		}
		order = append(order, d.DisconnectTimestamp)
		var last time.Time
		for _, ts := range order {
			if !ts.IsSet() {
				continue
			}
			if ts.Time().Before(last) {
				t.Errorf("%s: timestamps out of order: %s after %s", et, last, ts.Time())
			}
			last = ts.Time()
			if !ts.Time().Equal(ts.Time().Truncate(time.Millisecond)) || !strings.HasSuffix(ts.String(), "Z") || len(ts.String()) != len("2024-05-06T15:00:00.000Z") {
				t.Errorf("%s: timestamp %q is not in milliseconds", et, ts)
			}
		}
	}
}

func TestNewEventIsDeterministic(t *testing.T) {
	a := contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithSeed(9)))
	b := contacteventstest.Payload(contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithSeed(9)))
	if !bytes.Equal(a, b) {
		t.Errorf("same seed, different events:\n%s\n%s", a, b)
	}
	c := contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithSeed(10))
	d := contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithSeed(9))
	if c.Detail.ContactID == d.Detail.ContactID || c.ID == d.ID {
		t.Errorf("seeds 9 and 10 gave the same contact or event ID")
	}
	e := contacteventstest.NewEvent(contactevents.EventTypeDisconnected, contacteventstest.WithSeed(9))
	if e.ID == d.ID {
		t.Errorf("two event types of one contact share the event ID %s", e.ID)
	}
	for _, id := range []string{c.Detail.ContactID, c.ID} {
		if len(id) != 36 || id[14] != '4' || !strings.ContainsRune("89ab", rune(id[19])) {
			t.Errorf("%q is not a version 4 UUID", id)
		}
	}
	if want := contacteventstest.InstanceARN(); c.Detail.InstanceARN != want || !strings.HasPrefix(c.Detail.QueueInfo.QueueARN, want+"/queue/") {
		t.Errorf("ARNs %s, %s not of instance %s", c.Detail.InstanceARN, c.Detail.QueueInfo.QueueARN, want)
	}
	if !strings.HasPrefix(contacteventstest.InstanceARN(), "arn:aws:connect:us-west-2:123456789012:instance/") {
		t.Errorf("InstanceARN() = %s", contacteventstest.InstanceARN())
	}
}

func TestNewEventOptions(t *testing.T) {
	start := time.Date(2025, 1, 2, 3, 4, 5, 678_900_000, time.UTC)
	sched := start.Add(48 * time.Hour)
	idx := int64(1)
	level := 3.0
	rc := contactevents.RoutingCriteria{
		Index: &idx,
		Steps: []contactevents.Step{{
			Status: contactevents.StepStatusActive,
			Expiry: &contactevents.Expiry{DurationInSeconds: ptr(int64(30))},
			Expression: &contactevents.Expression{AttributeCondition: &contactevents.AttributeCondition{
				Name: "Language", Value: "Spanish", ProficiencyLevel: &level,
				ComparisonOperator: contactevents.ComparisonOperatorNumberGreaterOrEqualTo,
			}},
		}},
	}
	ev := contacteventstest.NewEvent(contactevents.EventTypeContactDataUpdated,
		contacteventstest.WithChannel(contactevents.ChannelTask),
		contacteventstest.WithContactID("my-contact"),
		contacteventstest.WithTime(start),
		contacteventstest.WithTags(map[string]string{"Dept": "Finance"}),
		contacteventstest.WithScheduledTime(sched),
		contacteventstest.WithRoutingCriteria(rc),
	)
	d := ev.Detail
	if d.ContactID != "my-contact" || !strings.HasSuffix(ev.Resources[0], "/contact/my-contact") {
		t.Errorf("contact ID %q, resources %q", d.ContactID, ev.Resources)
	}
	if got := d.InitiationTimestamp.String(); got != "2025-01-02T03:04:05.678Z" {
		t.Errorf("initiationTimestamp %s", got)
	}
	if got := d.ScheduledTimestamp.String(); got != "2025-01-04T03:04:05.678Z" {
		t.Errorf("scheduledTimestamp %s", got)
	}
	if d.Tags["Dept"] != "Finance" || d.Tags["aws:connect:instanceId"] == "" {
		t.Errorf("tags %v", d.Tags)
	}
	wantUpdated := []contactevents.UpdatedProperty{contactevents.UpdatedPropertyTags, contactevents.UpdatedPropertyScheduledTimestamp}
	if diff := cmp.Diff(wantUpdated, d.UpdatedProperties); diff != "" {
		t.Errorf("updatedProperties (-want +got):\n%s", diff)
	}
	if len(d.RoutingCriteria) != 1 || !d.RoutingCriteria[0].ActivationTimestamp.IsSet() || *d.RoutingCriteria[0].Index != 1 {
		t.Errorf("routingCriteria %+v", d.RoutingCriteria)
	}
	if !rc.ActivationTimestamp.IsZero() {
		t.Error("WithRoutingCriteria modified the caller's value")
	}
	for _, p := range profiles {
		contacteventstest.AssertValid(t, contacteventstest.Payload(ev), contactevents.WithProfile(p))
	}
	roundTrip(t, ev, contactevents.WithProfile(contactevents.Strict))

	// A scheduled time is for tasks only; explicit updated properties win.
	chat := contacteventstest.NewEvent(contactevents.EventTypeContactDataUpdated,
		contacteventstest.WithChannel(contactevents.ChannelChat),
		contacteventstest.WithScheduledTime(sched),
		contacteventstest.WithUpdatedProperties(contactevents.UpdatedPropertySegmentAttributes))
	if !chat.Detail.ScheduledTimestamp.IsZero() {
		t.Error("a CHAT contact got a scheduledTimestamp")
	}
	if diff := cmp.Diff([]contactevents.UpdatedProperty{contactevents.UpdatedPropertySegmentAttributes}, chat.Detail.UpdatedProperties); diff != "" {
		t.Errorf("updatedProperties (-want +got):\n%s", diff)
	}
	// Tags given to WithTags are copied.
	tags := map[string]string{"k": "v"}
	tagged := contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithTags(tags))
	tags["k"] = "changed"
	if tagged.Detail.Tags["k"] != "v" {
		t.Error("the event shares the caller's tag map")
	}
}

func TestChannels(t *testing.T) {
	if got := contacteventstest.Channels(contactevents.EventTypePaused); len(got) != 1 || got[0] != contactevents.ChannelTask {
		t.Errorf("Channels(PAUSED) = %v", got)
	}
	if got := contacteventstest.Channels("TELEPORTED"); got != nil {
		t.Errorf("Channels(TELEPORTED) = %v", got)
	}
	if got := contacteventstest.Channels(contactevents.EventTypeQueued); len(got) != 4 || got[3] != contactevents.ChannelEmail {
		t.Errorf("Channels(QUEUED) = %v, want the four channels, EMAIL last", got)
	}
	if got := contacteventstest.Channels(contactevents.EventTypeWebRTCAPI); len(got) != 1 || got[0] != contactevents.ChannelVoice {
		t.Errorf("Channels(WEBRTC_API) = %v", got)
	}
}

func ptr[T any](v T) *T { return &v }
