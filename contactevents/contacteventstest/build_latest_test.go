package contacteventstest_test

import (
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// The issue's example: an email COMPLETED event is valid under strict.
func TestNewEventCompletedEmailIsStrictValid(t *testing.T) {
	ev := contacteventstest.NewEvent(contactevents.EventTypeCompleted, contacteventstest.WithChannel(contactevents.ChannelEmail))
	contacteventstest.AssertValid(t, contacteventstest.Payload(ev), contactevents.WithProfile(contactevents.Strict))
	if ev.Detail.SystemEndpoint == nil || ev.Detail.SystemEndpoint.Type != contactevents.EndpointTypeEmailAddress {
		t.Errorf("an email has no EMAIL_ADDRESS systemEndpoint: %+v", ev.Detail.SystemEndpoint)
	}
	a := ev.Detail.AgentInfo
	if a == nil || a.AfterContactWorkDuration == nil ||
		a.AfterContactWorkEndTimestamp.Time().Sub(a.AfterContactWorkStartTimestamp.Time()).Seconds() != float64(*a.AfterContactWorkDuration) ||
		!a.AfterContactWorkStartTimestamp.Time().Equal(ev.Detail.DisconnectTimestamp.Time()) {
		t.Errorf("COMPLETED after-contact work: %+v, disconnected %s", a, ev.Detail.DisconnectTimestamp)
	}
	if !ev.Time.Time().After(ev.Detail.DisconnectTimestamp.Time()) {
		t.Errorf("COMPLETED at %s, not after the disconnection at %s", ev.Time, ev.Detail.DisconnectTimestamp)
	}
}

// Every object of the latest page, through the options and the
// constructed examples, in one event: valid under strict and compat, and
// round-tripping.
func TestNewEventWithEveryLatestObject(t *testing.T) {
	campaign := contacteventstest.NewEvent(contactevents.EventTypeDisconnected,
		contacteventstest.WithInitiationMethod(contactevents.InitiationMethodOutbound),
		contacteventstest.WithAnsweringMachineDetectionStatus(contactevents.AnsweringMachineDetectionStatusAMDUnresolvedSilence),
		contacteventstest.WithDisconnectReason(contactevents.DisconnectReasonOutbundPreviewDiscarded),
		contacteventstest.WithOutboundStrategy(contacteventstest.ConstructedOutboundStrategy()),
		contacteventstest.WithCustomerID("CRM-1"),
		contacteventstest.WithSystemEndpoint(contactevents.Endpoint{Address: "+12065550100", Type: contactevents.EndpointTypeTelephoneNumber}),
		contacteventstest.WithRecordings(contacteventstest.ConstructedRecordings()...),
		contacteventstest.WithContactEvaluations(contacteventstest.ConstructedContactEvaluations()),
		contacteventstest.WithStateTransitions(contacteventstest.ConstructedStateTransitions()...))
	chat := contacteventstest.NewEvent(contactevents.EventTypeCompleted, contacteventstest.WithChannel(contactevents.ChannelChat))
	task := contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithChannel(contactevents.ChannelTask),
		contacteventstest.WithContactDetails(map[string]string{"orderId": "o-1"}),
		contacteventstest.WithRoutingCriteria(contacteventstest.ConstructedRangeCondition()))
	for name, ev := range map[string]*contactevents.Event{"campaign": campaign, "chat": chat, "task": task} {
		for _, p := range profiles {
			opt := contactevents.WithProfile(p)
			var warns []contactevents.Issue
			if err := contactevents.Validate(contacteventstest.Payload(ev), opt, contactevents.WithWarnings(func(i contactevents.Issue) { warns = append(warns, i) })); err != nil || len(warns) > 0 {
				t.Errorf("%s under %s: %v %v", name, p, err, warns)
			}
			roundTrip(t, ev, opt)
		}
	}
	d := campaign.Detail
	if d.OutboundStrategy == nil || len(d.Recordings) != 2 || len(d.ContactEvaluations) != 1 || len(d.StateTransitions) != 2 ||
		d.AnsweringMachineDetectionStatus != contactevents.AnsweringMachineDetectionStatusAMDUnresolvedSilence ||
		d.DisconnectReason != contactevents.DisconnectReasonOutbundPreviewDiscarded || d.CustomerID == nil || d.QueueInfo != nil {
		t.Errorf("campaign event: %+v", d)
	}
	if chat.Detail.ChatMetrics == nil || chat.Detail.ChatMetrics.AgentMetrics == nil {
		t.Errorf("a COMPLETED chat has no chat metrics")
	}
	if task.Detail.ContactDetails["orderId"] != "o-1" || task.Detail.RoutingCriteria[0].Steps[0].Expression.AttributeCondition.Range == nil {
		t.Errorf("task event: %+v", task.Detail)
	}
	// Contact details are for tasks only.
	voice := contacteventstest.NewEvent(contactevents.EventTypeQueued, contacteventstest.WithContactDetails(map[string]string{"k": "v"}))
	if voice.Detail.ContactDetails != nil {
		t.Errorf("a voice contact got contact details")
	}
}
