package bench

import "encoding/json"

// Plain Go structs for the baselines (BenchmarkBaseline/*_Unmarshal): the
// camelCase contact event with json tags, decoded by encoding/json and
// github.com/segmentio/encoding/json through reflection. They cover every
// member of the 7 enveloped samples and of the events built from the newest
// page revision (testdata/bench/latest: chat metrics, recordings, ...), so
// the baselines decode those too. Both libraries match keys
// case-insensitively, so the PascalCase samples (06, 08: "ContactId",
// "QueueInfo", ...) fill the same fields.
//
// Simplifications, all in the baselines' favour: timestamps stay strings (the
// SDK parses and checks each one), enums stay strings (the SDK looks each one
// up and checks it against the profile), nothing is validated, and
// routingCriteria is a json.RawMessage because it has two shapes (one object
// in the camelCase sample 07, an array in the PascalCase samples 06 and 08),
// so the baselines only check and copy its bytes where the SDK decodes and
// validates every criteria, step and expression.
type plainEvent struct {
	Version    string            `json:"version"`
	ID         string            `json:"id"`
	DetailType string            `json:"detail-type"`
	Source     string            `json:"source"`
	Account    string            `json:"account"`
	Time       string            `json:"time"`
	Region     string            `json:"region"`
	Resources  []string          `json:"resources"`
	ReplayName string            `json:"replay-name,omitempty"`
	Detail     plainContactEvent `json:"detail"`
}

type plainContactEvent struct {
	EventType                       string                         `json:"eventType"`
	ContactID                       string                         `json:"contactId"`
	InitialContactID                string                         `json:"initialContactId,omitempty"`
	RelatedContactID                string                         `json:"relatedContactId,omitempty"`
	PreviousContactID               string                         `json:"previousContactId,omitempty"`
	Channel                         string                         `json:"channel"`
	InstanceARN                     string                         `json:"instanceArn"`
	InitiationMethod                string                         `json:"initiationMethod"`
	InitiationTimestamp             string                         `json:"initiationTimestamp,omitempty"`
	ConnectedToSystemTimestamp      string                         `json:"connectedToSystemTimestamp,omitempty"`
	DisconnectTimestamp             string                         `json:"disconnectTimestamp,omitempty"`
	ScheduledTimestamp              string                         `json:"scheduledTimestamp,omitempty"`
	QueueInfo                       *plainQueueInfo                `json:"queueInfo,omitempty"`
	AgentInfo                       *plainAgentInfo                `json:"agentInfo,omitempty"`
	CustomerVoiceActivity           *plainCustomerVoiceActivity    `json:"customerVoiceActivity,omitempty"`
	AnsweringMachineDetectionStatus string                         `json:"answeringMachineDetectionStatus,omitempty"`
	DisconnectReason                string                         `json:"disconnectReason,omitempty"`
	Campaign                        *plainCampaign                 `json:"campaign,omitempty"`
	UpdatedProperties               []string                       `json:"updatedProperties,omitempty"`
	ContactLens                     *plainContactLens              `json:"contactLens,omitempty"`
	SegmentAttributes               map[string]plainSegmentAttrVal `json:"segmentAttributes,omitempty"`
	Tags                            map[string]string              `json:"tags,omitempty"`
	RoutingCriteria                 json.RawMessage                `json:"routingCriteria,omitempty"` // an object or an array

	// The newest page revision's members.
	CustomerID         string                            `json:"customerId,omitempty"`
	SystemEndpoint     *plainEndpoint                    `json:"systemEndpoint,omitempty"`
	ChatMetrics        *plainChatMetrics                 `json:"chatMetrics,omitempty"`
	Recordings         []plainRecording                  `json:"recordings,omitempty"`
	ContactEvaluations map[string]plainContactEvaluation `json:"contactEvaluations,omitempty"`
	StateTransitions   []plainStateTransition            `json:"stateTransitions,omitempty"`
	ContactDetails     map[string]string                 `json:"contactDetails,omitempty"`
}

type plainQueueInfo struct {
	QueueARN         string  `json:"queueArn"`
	QueueType        *string `json:"queueType,omitempty"`
	EnqueueTimestamp string  `json:"enqueueTimestamp,omitempty"`
}

type plainAgentInfo struct {
	AgentARN                  string                `json:"agentArn"`
	ConnectedToAgentTimestamp string                `json:"connectedToAgentTimestamp,omitempty"`
	HierarchyGroups           *plainHierarchyGroups `json:"hierarchyGroups,omitempty"`

	// The newest page revision's members.
	AgentInitiatedHoldDuration     *int64 `json:"agentInitiatedHoldDuration,omitempty"`
	AfterContactWorkStartTimestamp string `json:"afterContactWorkStartTimestamp,omitempty"`
	AfterContactWorkEndTimestamp   string `json:"afterContactWorkEndTimestamp,omitempty"`
	AfterContactWorkDuration       *int64 `json:"afterContactWorkDuration,omitempty"`
	AcceptedByAgentTimestamp       string `json:"acceptedByAgentTimestamp,omitempty"`
	PreviewEndTimestamp            string `json:"previewEndTimestamp,omitempty"`
}

type plainHierarchyGroups struct {
	Level1 *plainHierarchyGroup `json:"level1,omitempty"`
	Level2 *plainHierarchyGroup `json:"level2,omitempty"`
	Level3 *plainHierarchyGroup `json:"level3,omitempty"`
	Level4 *plainHierarchyGroup `json:"level4,omitempty"`
	Level5 *plainHierarchyGroup `json:"level5,omitempty"`
}

type plainHierarchyGroup struct {
	ARN string `json:"arn"`
}

type plainCustomerVoiceActivity struct {
	GreetingStartTimestamp string `json:"greetingStartTimestamp,omitempty"`
	GreetingEndTimestamp   string `json:"greetingEndTimestamp,omitempty"`
}

type plainCampaign struct {
	CampaignID string `json:"campaignId,omitempty"`
}

type plainContactLens struct {
	ConversationalAnalytics *plainConversationalAnalytics `json:"conversationalAnalytics,omitempty"`
}

type plainConversationalAnalytics struct {
	Configuration *plainAnalyticsConfiguration `json:"configuration,omitempty"`
}

type plainAnalyticsConfiguration struct {
	Enabled                *bool               `json:"enabled,omitempty"`
	ChannelConfiguration   *plainChannelConf   `json:"channelConfiguration,omitempty"`
	LanguageLocale         *string             `json:"languageLocale,omitempty"`
	RedactionConfiguration *plainRedactionConf `json:"redactionConfiguration,omitempty"`
}

type plainChannelConf struct {
	AnalyticsModes []string `json:"analyticsModes,omitempty"`
}

type plainRedactionConf struct {
	Behavior *string  `json:"behavior,omitempty"`
	Policy   *string  `json:"policy,omitempty"`
	Entities []string `json:"entities,omitempty"`
	MaskMode *string  `json:"maskMode,omitempty"`
}

type plainSegmentAttrVal struct {
	ValueString  *string                        `json:"ValueString,omitempty"`
	ValueInteger *int64                         `json:"ValueInteger,omitempty"`
	ValueARN     *string                        `json:"ValueArn,omitempty"`
	ValueList    []plainSegmentAttrVal          `json:"ValueList,omitempty"`
	ValueMap     map[string]plainSegmentAttrVal `json:"ValueMap,omitempty"`
}

type plainEndpoint struct {
	Address     string `json:"address"`
	Type        string `json:"type,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
}

type plainChatMetrics struct {
	ChatContactMetrics *plainChatContactMetrics `json:"chatContactMetrics,omitempty"`
	CustomerMetrics    *plainParticipantMetrics `json:"customerMetrics,omitempty"`
	AgentMetrics       *plainParticipantMetrics `json:"agentMetrics,omitempty"`
}

type plainChatContactMetrics struct {
	MultiParty                     *bool  `json:"multiParty,omitempty"`
	TotalMessages                  *int64 `json:"totalMessages,omitempty"`
	TotalBotMessages               *int64 `json:"totalBotMessages,omitempty"`
	TotalBotMessageLengthInChars   *int64 `json:"totalBotMessageLengthInChars,omitempty"`
	ConversationCloseTimeInMillis  *int64 `json:"conversationCloseTimeInMillis,omitempty"`
	ConversationTurnCount          *int64 `json:"conversationTurnCount,omitempty"`
	AgentFirstResponseTimestamp    string `json:"agentFirstResponseTimestamp,omitempty"`
	AgentFirstResponseTimeInMillis *int64 `json:"agentFirstResponseTimeInMillis,omitempty"`
}

type plainParticipantMetrics struct {
	ParticipantID             string `json:"participantId,omitempty"`
	ParticipantType           string `json:"participantType,omitempty"`
	ConversationAbandon       *bool  `json:"conversationAbandon,omitempty"`
	MessagesSent              *int64 `json:"messagesSent,omitempty"`
	NumResponses              *int64 `json:"numResponses,omitempty"`
	MessageLengthInChars      *int64 `json:"messageLengthInChars,omitempty"`
	TotalResponseTimeInMillis *int64 `json:"totalResponseTimeInMillis,omitempty"`
	MaxResponseTimeInMillis   *int64 `json:"maxResponseTimeInMillis,omitempty"`
	LastMessageTimestamp      string `json:"lastMessageTimestamp,omitempty"`
}

type plainRecording struct {
	DeletionReason      string `json:"deletionReason,omitempty"`
	FragmentStartNumber string `json:"fragmentStartNumber,omitempty"`
	FragmentStopNumber  string `json:"fragmentStopNumber,omitempty"`
	Location            string `json:"location,omitempty"`
	MediaStreamType     string `json:"mediaStreamType,omitempty"`
	ParticipantType     string `json:"participantType,omitempty"`
	StartTimestamp      string `json:"startTimestamp,omitempty"`
	StopTimestamp       string `json:"stopTimestamp,omitempty"`
	Status              string `json:"status,omitempty"`
	StorageType         string `json:"storageType,omitempty"`
}

type plainContactEvaluation struct {
	EvaluationARN   string `json:"evaluationArn"`
	Status          string `json:"status,omitempty"`
	StartTimestamp  string `json:"startTimestamp,omitempty"`
	EndTimestamp    string `json:"endTimestamp,omitempty"`
	DeleteTimestamp string `json:"deleteTimestamp,omitempty"`
	ExportLocation  string `json:"exportLocation,omitempty"`
}

type plainStateTransition struct {
	StateStartTimestamp string `json:"stateStartTimestamp,omitempty"`
	StateEndTimestamp   string `json:"stateEndTimestamp,omitempty"`
	State               string `json:"state,omitempty"`
}
