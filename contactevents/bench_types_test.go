package contactevents_test

import "encoding/json"

// Plain Go structs for the baselines (BenchmarkBaseline/*_Unmarshal): the
// camelCase contact event with json tags, decoded by encoding/json and
// github.com/segmentio/encoding/json through reflection. They cover every
// member of the 7 enveloped samples. Both libraries match keys
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
	ConversationalAnalytics *struct {
		Configuration *struct {
			Enabled              *bool `json:"enabled,omitempty"`
			ChannelConfiguration *struct {
				AnalyticsModes []string `json:"analyticsModes,omitempty"`
			} `json:"channelConfiguration,omitempty"`
			LanguageLocale         *string `json:"languageLocale,omitempty"`
			RedactionConfiguration *struct {
				Behavior *string  `json:"behavior,omitempty"`
				Policy   *string  `json:"policy,omitempty"`
				Entities []string `json:"entities,omitempty"`
				MaskMode *string  `json:"maskMode,omitempty"`
			} `json:"redactionConfiguration,omitempty"`
		} `json:"configuration,omitempty"`
	} `json:"conversationalAnalytics,omitempty"`
}

type plainSegmentAttrVal struct {
	ValueString  *string                        `json:"ValueString,omitempty"`
	ValueInteger *int64                         `json:"ValueInteger,omitempty"`
	ValueARN     *string                        `json:"ValueArn,omitempty"`
	ValueList    []plainSegmentAttrVal          `json:"ValueList,omitempty"`
	ValueMap     map[string]plainSegmentAttrVal `json:"ValueMap,omitempty"`
}
