package contactevents_test

// The acceptance tests of the newest revision of the page
// (shared/reference/contact-events-latest.md): events constructed from its
// data model (testdata/latest/*.json; constructed, not documented samples:
// the page's samples are those of the current page) are valid under strict
// and compat without a warning, and their new objects are typed Go fields.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// latestEvent reads testdata/latest/<name>.json.
func latestEvent(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "latest", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// parseClean parses data under p and fails on any error or warning.
func parseClean(t *testing.T, what string, data []byte, p contactevents.Profile) *contactevents.Event {
	t.Helper()
	var warns []string
	ev, err := contactevents.Parse(data, contactevents.WithProfile(p), contactevents.WithWarnings(func(i contactevents.Issue) { warns = append(warns, i.String()) }))
	if err != nil {
		t.Fatalf("%s under %s: %v", what, p, err)
	}
	if len(warns) > 0 {
		t.Errorf("%s under %s: warnings %q", what, p, warns)
	}
	return ev
}

func TestLatestEventsAreValidWithTypedFields(t *testing.T) {
	checks := map[string]func(t *testing.T, d *contactevents.ContactEvent){
		"email-agent-reply": func(t *testing.T, d *contactevents.ContactEvent) {
			if d.Channel != contactevents.ChannelEmail || d.InitiationMethod != contactevents.InitiationMethodAgentReply {
				t.Errorf("channel %q, initiation method %q", d.Channel, d.InitiationMethod)
			}
			if e := d.SystemEndpoint; e == nil || e.Type != contactevents.EndpointTypeEmailAddress || e.Address != "support@example.com" {
				t.Errorf("systemEndpoint %+v", d.SystemEndpoint)
			}
			if d.CustomerID == nil || *d.CustomerID != "CRM-000123" {
				t.Errorf("customerId %v", d.CustomerID)
			}
		},
		"completed-chat-acw": func(t *testing.T, d *contactevents.ContactEvent) {
			a := d.AgentInfo
			if d.EventType != contactevents.EventTypeCompleted || a == nil || a.AfterContactWorkDuration == nil || *a.AfterContactWorkDuration != 120 ||
				a.AgentInitiatedHoldDuration == nil || *a.AgentInitiatedHoldDuration != 35 ||
				a.AfterContactWorkEndTimestamp.Time().Sub(a.AfterContactWorkStartTimestamp.Time()) != 2*time.Minute {
				t.Errorf("eventType %q, agentInfo %+v", d.EventType, a)
			}
			m := d.ChatMetrics
			if m == nil || m.ChatContactMetrics == nil || *m.ChatContactMetrics.TotalMessages != 14 || *m.ChatContactMetrics.MultiParty ||
				m.CustomerMetrics == nil || m.CustomerMetrics.ParticipantType != contactevents.ParticipantTypeCustomer ||
				m.AgentMetrics == nil || *m.AgentMetrics.MaxResponseTimeInMillis != 25000 || !m.AgentMetrics.LastMessageTimestamp.IsSet() {
				t.Errorf("chatMetrics %+v", m)
			}
		},
		"campaign-preview": func(t *testing.T, d *contactevents.ContactEvent) {
			if d.AnsweringMachineDetectionStatus != contactevents.AnsweringMachineDetectionStatusAMDUnresolvedSilence ||
				d.DisconnectReason != contactevents.DisconnectReasonOutbundPreviewDiscarded {
				t.Errorf("AMD %q, disconnectReason %q", d.AnsweringMachineDetectionStatus, d.DisconnectReason)
			}
			if a := d.AgentInfo; a == nil || a.AcceptedByAgentTimestamp.String() != "2026-11-21T07:40:10Z" || !a.PreviewEndTimestamp.IsSet() {
				t.Errorf("agentInfo %+v", a)
			}
			s := d.OutboundStrategy
			if s == nil || s.Type != contactevents.OutboundStrategyTypeAgentFirst || s.Config == nil || s.Config.AgentFirst == nil ||
				s.Config.AgentFirst.Preview == nil || *s.Config.AgentFirst.Preview.PostAcceptTimeoutConfig.DurationInSeconds != 30 ||
				len(s.Config.AgentFirst.Preview.AllowedUserActions) != 2 || s.Config.AgentFirst.Preview.AllowedUserActions[1] != contactevents.AllowedUserActionDiscard {
				t.Errorf("outboundStrategy %+v", s)
			}
		},
		"recordings-evaluations": func(t *testing.T, d *contactevents.ContactEvent) {
			r := d.Recordings
			if len(r) != 2 || r[0].StorageType != contactevents.StorageTypeAmazonS3 || r[1].ParticipantType != contactevents.RecordingParticipantTypeThirdparty ||
				r[1].Status != contactevents.RecordingStatusDeleted || r[0].MediaStreamType != contactevents.MediaStreamTypeAudio {
				t.Errorf("recordings %+v", r)
			}
			e, ok := d.ContactEvaluations["form-1"]
			if len(d.ContactEvaluations) != 2 || !ok || e.Status != contactevents.EvaluationStatusComplete || !strings.HasSuffix(e.EvaluationARN, "/e-1") {
				t.Errorf("contactEvaluations %+v", d.ContactEvaluations)
			}
			s := d.StateTransitions
			if len(s) != 2 || s[0].State != contactevents.MonitorStateSilentMonitor || s[1].State != contactevents.MonitorStateBarge || !s[1].StateEndTimestamp.IsSet() {
				t.Errorf("stateTransitions %+v", s)
			}
		},
		"task-contact-details": func(t *testing.T, d *contactevents.ContactEvent) {
			if len(d.ContactDetails) != 3 || d.ContactDetails["orderId"] != "o-1" || d.ContactDetails["note"] != "" {
				t.Errorf("contactDetails %v", d.ContactDetails)
			}
		},
		"routing-range": func(t *testing.T, d *contactevents.ContactEvent) {
			if len(d.RoutingCriteria) != 1 || len(d.RoutingCriteria[0].Steps) != 2 {
				t.Fatalf("routingCriteria %+v", d.RoutingCriteria)
			}
			c := d.RoutingCriteria[0].Steps[0].Expression.AttributeCondition
			if c.ComparisonOperator != contactevents.ComparisonOperatorRange || c.Range == nil || *c.Range.MinProficiencyLevel != 2 || *c.Range.MaxProficiencyLevel != 4 {
				t.Errorf("range condition %+v", c)
			}
			m := d.RoutingCriteria[0].Steps[1].Expression.AttributeCondition
			if m.ComparisonOperator != contactevents.ComparisonOperatorMatch || len(m.MatchCriteria.AgentsCriteria.AgentIDs) != 2 {
				t.Errorf("match condition %+v", m)
			}
		},
	}
	for name, check := range checks {
		t.Run(name, func(t *testing.T) {
			data := latestEvent(t, name)
			for _, p := range []contactevents.Profile{contactevents.Strict, contactevents.Compat} {
				ev := parseClean(t, name, data, p)
				check(t, &ev.Detail)
				// Nothing is lost: the canonical encoding decodes to the same
				// encoding.
				out, _ := ev.MarshalJSON()
				again := parseClean(t, name+" re-encoded", out, p)
				if out2, _ := again.MarshalJSON(); string(out2) != string(out) {
					t.Errorf("re-encoding differs:\n%s\n%s", out, out2)
				}
			}
		})
	}
}

// enumSites are the places of the constructed events that hold an enum value,
// with the values to try there: every value the strict profile accepts.
var enumSites = []struct {
	event, path string
	values      func() []string
}{
	{"email-agent-reply", "detail/channel", values(contactevents.Channel("").Values)},
	{"email-agent-reply", "detail/initiationMethod", values(contactevents.InitiationMethod("").Values)},
	{"email-agent-reply", "detail/eventType", values(contactevents.EventType("").Values)},
	{"email-agent-reply", "detail/systemEndpoint/type", values(contactevents.EndpointType("").Values)},
	{"campaign-preview", "detail/answeringMachineDetectionStatus", values(contactevents.AnsweringMachineDetectionStatus("").Values)},
	{"campaign-preview", "detail/disconnectReason", values(contactevents.DisconnectReason("").Values)},
	{"campaign-preview", "detail/outboundStrategy/type", values(contactevents.OutboundStrategyType("").Values)},
	{"campaign-preview", "detail/outboundStrategy/config/agentFirst/preview/allowedUserActions/0", values(contactevents.AllowedUserAction("").Values)},
	{"completed-chat-acw", "detail/chatMetrics/agentMetrics/participantType", values(contactevents.ParticipantType("").Values)},
	{"recordings-evaluations", "detail/recordings/0/mediaStreamType", values(contactevents.MediaStreamType("").Values)},
	{"recordings-evaluations", "detail/recordings/0/participantType", values(contactevents.RecordingParticipantType("").Values)},
	{"recordings-evaluations", "detail/recordings/0/status", values(contactevents.RecordingStatus("").Values)},
	{"recordings-evaluations", "detail/recordings/0/storageType", values(contactevents.StorageType("").Values)},
	{"recordings-evaluations", "detail/contactEvaluations/form-1/status", values(contactevents.EvaluationStatus("").Values)},
	{"recordings-evaluations", "detail/stateTransitions/0/state", values(contactevents.MonitorState("").Values)},
}

// values lists the values of an enum type that the strict profile accepts.
func values[T interface {
	~string
	IsCurrent() bool
}](all func() []T) func() []string {
	return func() []string {
		var out []string
		for _, v := range all() {
			if v.IsCurrent() {
				out = append(out, string(v))
			}
		}
		return out
	}
}

// TestLatestEnumValuesInConstructedEvents puts every value strict accepts
// of every enum of the constructed events in its place: each event stays
// valid under strict and compat, with no warning.
func TestLatestEnumValuesInConstructedEvents(t *testing.T) {
	tried := 0
	for _, site := range enumSites {
		var doc map[string]any
		if err := json.Unmarshal(latestEvent(t, site.event), &doc); err != nil {
			t.Fatal(err)
		}
		for _, v := range site.values() {
			setPath(t, doc, site.path, v)
			data, _ := json.Marshal(doc)
			what := site.event + " " + site.path + "=" + v
			parseClean(t, what, data, contactevents.Strict)
			parseClean(t, what, data, contactevents.Compat)
			tried++
		}
	}
	if tried < 60 {
		t.Errorf("tried %d values, want every strict value of %d enums", tried, len(enumSites))
	}
}

// setPath sets the member at a slash-separated path of doc to v.
func setPath(t *testing.T, doc map[string]any, path string, v any) {
	t.Helper()
	parts := strings.Split(path, "/")
	var cur any = doc
	for i, p := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p] = v
				return
			}
			cur = c[p]
		case []any:
			var n int
			if _, err := fmt.Sscan(p, &n); err != nil || n >= len(c) {
				t.Fatalf("%s: bad index %q", path, p)
			}
			if last {
				c[n] = v
				return
			}
			cur = c[n]
		default:
			t.Fatalf("%s: %q is not in a container", path, p)
		}
	}
}

// TestTaskExpiryAcceptance: the latest page's 90 days. A task open 75 days
// is valid under strict; one open 100 days is not (and is a warning under
// compat).
func TestTaskExpiryAcceptance(t *testing.T) {
	data := latestEvent(t, "task-contact-details") // open 75 days
	parseClean(t, "75 days", data, contactevents.Strict)
	parseClean(t, "75 days", data, contactevents.Compat)
	hundred := []byte(strings.Replace(string(data), "2026-09-07T07:00:00.000Z", "2026-08-13T07:00:00.000Z", 1))
	expect(t, hundred, contactevents.Strict, "/detail/disconnectTimestamp /$defs/ContactEvent/x-rules/0", "")
	expect(t, hundred, contactevents.Compat, "", "/detail/disconnectTimestamp /$defs/ContactEvent/x-rules/0")
}
