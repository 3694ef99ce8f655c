package contacteventstest

import (
	"maps"
	"slices"
	"time"

	"github.com/connectevents/sdk-go/contactevents"
)

// The objects of the latest revision of the page (chat metrics, endpoints,
// recordings, evaluations, supervisor states, task contact details,
// outbound strategies) and the options that put them in a built event.
//
// The Constructed* examples are constructed from the latest page's data
// model (and, for OutboundStrategy and the Range condition, the Amazon
// Connect API Reference it points to): they are not documented samples,
// since the latest page's samples are the current page's and show none of
// these objects. Every one is valid under the strict profile.

// latestParts holds the options of the latest page's objects.
type latestParts struct {
	customerID  string
	endpoint    *contactevents.Endpoint
	chat        *contactevents.ChatMetrics
	recordings  []contactevents.RecordingsInfo
	evaluations map[string]contactevents.ContactEvaluation
	transitions []contactevents.StateTransition
	details     map[string]string
	strategy    *contactevents.OutboundStrategy
	amd         contactevents.AnsweringMachineDetectionStatus
	reason      contactevents.DisconnectReason
}

// WithCustomerID sets the customerId of the contact (a CRM customer
// number, or the Voice ID CustomerSpeakerId).
func WithCustomerID(id string) BuildOption {
	return func(b *builder) { b.latest.customerID = id }
}

// WithSystemEndpoint sets the systemEndpoint of the contact; the default
// is an EMAIL_ADDRESS endpoint for EMAIL and none for the other channels.
func WithSystemEndpoint(e contactevents.Endpoint) BuildOption {
	return func(b *builder) { b.latest.endpoint = &e }
}

// WithChatMetrics sets the chatMetrics of a CHAT contact; the default, in
// COMPLETED only, is ConstructedChatMetrics. Other channels ignore it.
func WithChatMetrics(m contactevents.ChatMetrics) BuildOption {
	return func(b *builder) { b.latest.chat = &m }
}

// WithRecordings sets the recordings of the contact (see
// ConstructedRecordings).
func WithRecordings(r ...contactevents.RecordingsInfo) BuildOption {
	return func(b *builder) { b.latest.recordings = append(b.latest.recordings, r...) }
}

// WithContactEvaluations adds evaluations, keyed by evaluation form ID (see
// ConstructedContactEvaluations).
func WithContactEvaluations(e map[string]contactevents.ContactEvaluation) BuildOption {
	return func(b *builder) {
		if b.latest.evaluations == nil {
			b.latest.evaluations = map[string]contactevents.ContactEvaluation{}
		}
		maps.Copy(b.latest.evaluations, e)
	}
}

// WithStateTransitions sets a supervisor's state transitions on the contact
// (see ConstructedStateTransitions).
func WithStateTransitions(s ...contactevents.StateTransition) BuildOption {
	return func(b *builder) { b.latest.transitions = append(b.latest.transitions, s...) }
}

// WithContactDetails adds contact details to a TASK contact (keys of 1 to
// 128 characters, values of at most 1024); the documents give them to
// tasks only, so other channels ignore it.
func WithContactDetails(details map[string]string) BuildOption {
	return func(b *builder) {
		if b.latest.details == nil {
			b.latest.details = map[string]string{}
		}
		maps.Copy(b.latest.details, details)
	}
}

// WithOutboundStrategy sets the outboundStrategy of the contact (see
// ConstructedOutboundStrategy).
func WithOutboundStrategy(s contactevents.OutboundStrategy) BuildOption {
	return func(b *builder) { b.latest.strategy = &s }
}

// WithAnsweringMachineDetectionStatus sets how an outbound campaign call
// was disposed (AMD_UNRESOLVED_SILENCE, ...), from CONNECTED_TO_SYSTEM on.
func WithAnsweringMachineDetectionStatus(s contactevents.AnsweringMachineDetectionStatus) BuildOption {
	return func(b *builder) { b.latest.amd = s }
}

// WithDisconnectReason sets how the contact was terminated
// (OUTBUND_PREVIEW_DISCARDED, as the product spells it, DISCARDED, ...), in
// DISCONNECTED and COMPLETED.
func WithDisconnectReason(r contactevents.DisconnectReason) BuildOption {
	return func(b *builder) { b.latest.reason = r }
}

// apply puts the latest page's objects in c, an event of type et of the
// contact built by b with timeline tl.
func (l *latestParts) apply(c *contactevents.ContactEvent, b *builder, tl timeline, et contactevents.EventType) {
	ph := phase(et)
	if l.customerID != "" {
		c.CustomerID = &l.customerID
	}
	switch {
	case l.endpoint != nil:
		e := *l.endpoint
		c.SystemEndpoint = &e
	case b.channel == contactevents.ChannelEmail:
		c.SystemEndpoint = &contactevents.Endpoint{
			Address:     "support@example.com",
			Type:        contactevents.EndpointTypeEmailAddress,
			DisplayName: ptr("Support"),
		}
	}
	if ph == phaseCompleted && c.AgentInfo != nil {
		end := tl.at(contactevents.EventTypeDisconnected, b.channel)
		c.AgentInfo.AfterContactWorkStartTimestamp = contactevents.NewTimestamp(end)
		c.AgentInfo.AfterContactWorkEndTimestamp = contactevents.NewTimestamp(end.Add(tl.afterContactWork))
		c.AgentInfo.AfterContactWorkDuration = ptr(int64(tl.afterContactWork / time.Second))
	}
	if b.channel == contactevents.ChannelChat {
		switch {
		case l.chat != nil:
			m := *l.chat
			c.ChatMetrics = &m
		case ph == phaseCompleted:
			m := ConstructedChatMetrics()
			c.ChatMetrics = &m
		}
	}
	c.Recordings = slices.Clone(l.recordings)
	c.ContactEvaluations = maps.Clone(l.evaluations)
	c.StateTransitions = slices.Clone(l.transitions)
	if b.channel == contactevents.ChannelTask {
		c.ContactDetails = maps.Clone(l.details)
	}
	if l.strategy != nil {
		s := *l.strategy
		c.OutboundStrategy = &s
	}
	if l.amd != "" && ph >= phaseSystem {
		c.AnsweringMachineDetectionStatus = l.amd
	}
	if l.reason != "" && ph >= phaseDisconnected {
		c.DisconnectReason = l.reason
	}
}

// constructedTime is when the constructed examples happen.
var constructedTime = time.Date(2026, time.November, 21, 7, 40, 0, 0, time.UTC)

func at(offset time.Duration) contactevents.Timestamp {
	return contactevents.NewTimestamp(constructedTime.Add(offset))
}

// ConstructedChatMetrics returns chat metrics of a two-party chat of 14
// messages: the contact's and the customer's and the agent's
// (ParticipantMetrics). Constructed from the latest page's data model, not
// a documented sample.
func ConstructedChatMetrics() contactevents.ChatMetrics {
	participant := func(id string, t contactevents.ParticipantType, sent, chars, total, longest int64, last time.Duration) *contactevents.ParticipantMetrics {
		return &contactevents.ParticipantMetrics{
			ParticipantID: id, ParticipantType: t, ConversationAbandon: ptr(false),
			MessagesSent: ptr(sent), NumResponses: ptr(sent - 1), MessageLengthInChars: ptr(chars),
			TotalResponseTimeInMillis: ptr(total), MaxResponseTimeInMillis: ptr(longest),
			LastMessageTimestamp: at(last),
		}
	}
	return contactevents.ChatMetrics{
		ChatContactMetrics: &contactevents.ChatContactMetrics{
			MultiParty: ptr(false), TotalMessages: ptr(int64(14)), TotalBotMessages: ptr(int64(3)),
			TotalBotMessageLengthInChars: ptr(int64(240)), ConversationCloseTimeInMillis: ptr(int64(60000)),
			ConversationTurnCount: ptr(int64(6)), AgentFirstResponseTimestamp: at(80 * time.Second),
			AgentFirstResponseTimeInMillis: ptr(int64(20000)),
		},
		CustomerMetrics: participant("customer-1", contactevents.ParticipantTypeCustomer, 6, 410, 90000, 30000, 9*time.Minute),
		AgentMetrics:    participant("agent-1", contactevents.ParticipantTypeAgent, 5, 380, 75000, 25000, 9*time.Minute+30*time.Second),
	}
}

// ConstructedRecordings returns an audio recording in Amazon S3 (StorageType
// "Amazon S3", with its space) and a deleted video recording in Kinesis
// Video Streams. Constructed from the latest page's data model, not a
// documented sample.
func ConstructedRecordings() []contactevents.RecordingsInfo {
	return []contactevents.RecordingsInfo{{
		Location: ptr("s3://connect-recordings/2026/11/21/recording-1.wav"), MediaStreamType: contactevents.MediaStreamTypeAudio,
		ParticipantType: contactevents.RecordingParticipantTypeAll, StartTimestamp: at(5 * time.Second), StopTimestamp: at(20 * time.Minute),
		Status: contactevents.RecordingStatusAvailable, StorageType: contactevents.StorageTypeAmazonS3,
	}, {
		FragmentStartNumber: ptr("91343852333181432392682062607743920146264440297"), FragmentStopNumber: ptr("91343852333181432392682062607743920146264440999"),
		MediaStreamType: contactevents.MediaStreamTypeVideo, ParticipantType: contactevents.RecordingParticipantTypeThirdparty,
		Status: contactevents.RecordingStatusDeleted, DeletionReason: ptr("retention"), StorageType: contactevents.StorageTypeKinesisVideoStream,
	}}
}

// ConstructedContactEvaluations returns a completed evaluation, keyed by
// its form ID. Constructed from the latest page's data model, not a
// documented sample.
func ConstructedContactEvaluations() map[string]contactevents.ContactEvaluation {
	return map[string]contactevents.ContactEvaluation{
		"form-1": {
			EvaluationARN: instance.arn + "/contact-evaluation/evaluation-1", Status: contactevents.EvaluationStatusComplete,
			StartTimestamp: at(time.Hour), EndTimestamp: at(time.Hour + 10*time.Minute), ExportLocation: ptr("s3://connect-evaluations/evaluation-1.json"),
		},
	}
}

// ConstructedStateTransitions returns a supervisor who listened in silence,
// then barged in. Constructed from the latest page's data model, not a
// documented sample.
func ConstructedStateTransitions() []contactevents.StateTransition {
	return []contactevents.StateTransition{
		{StateStartTimestamp: at(5 * time.Minute), StateEndTimestamp: at(6 * time.Minute), State: contactevents.MonitorStateSilentMonitor},
		{StateStartTimestamp: at(6 * time.Minute), StateEndTimestamp: at(8 * time.Minute), State: contactevents.MonitorStateBarge},
	}
}

// ConstructedOutboundStrategy returns an agent-first preview strategy (the
// agent may call or discard, with a 30-second countdown). Constructed from
// the Amazon Connect API Reference's OutboundStrategy, which the latest
// page names without members; not a documented sample.
func ConstructedOutboundStrategy() contactevents.OutboundStrategy {
	return contactevents.OutboundStrategy{
		Type: contactevents.OutboundStrategyTypeAgentFirst,
		Config: &contactevents.OutboundStrategyConfig{AgentFirst: &contactevents.AgentFirst{Preview: &contactevents.Preview{
			AllowedUserActions:      []contactevents.AllowedUserAction{contactevents.AllowedUserActionCall, contactevents.AllowedUserActionDiscard},
			PostAcceptTimeoutConfig: &contactevents.PostAcceptTimeoutConfig{DurationInSeconds: ptr(int64(30))},
		}}},
	}
}

// ConstructedRangeCondition returns a routing criteria of one step whose
// condition is a Range of proficiency levels (2 to 4 in English).
// Constructed from the latest page's data model and the API Reference's
// Range, not a documented sample.
func ConstructedRangeCondition() contactevents.RoutingCriteria {
	return contactevents.RoutingCriteria{Steps: []contactevents.Step{{
		Status: contactevents.StepStatusActive,
		Expression: &contactevents.Expression{AttributeCondition: &contactevents.AttributeCondition{
			Name: "Language", Value: "English", ComparisonOperator: contactevents.ComparisonOperatorRange,
			Range: &contactevents.ProficiencyRange{MinProficiencyLevel: ptr(2.0), MaxProficiencyLevel: ptr(4.0)},
		}},
	}}}
}
