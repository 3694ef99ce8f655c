package naming

import (
	"slices"
	"testing"
)

func TestIdent(t *testing.T) {
	for in, want := range map[string]string{
		"detail-type":            "DetailType",
		"instanceArn":            "InstanceARN",
		"contactId":              "ContactID",
		"agentIds":               "AgentIDs",
		"id":                     "ID",
		"ValueString":            "ValueString",
		"level1":                 "Level1",
		"a.b c":                  "ABC",
		"":                       "",
		"éclair":                 "Éclair",
		"QUEUE_TRANSFER":         "QueueTransfer",
		"API":                    "API",
		"AMD_DISABLED":           "AMDDisabled",
		"AMD_UNRESOLVED_SILENCE": "AMDUnresolvedSilence",
		"SIT_TONE-DETECTED":      "SITToneDetected",
		"WEBRTC_API":             "WebRTCAPI",
		"aws.connect":            "AWSConnect",
		"Segment Attributes":     "SegmentAttributes",
		"ContactLens.ConversationalAnalytics.Configuration": "ContactLensConversationalAnalyticsConfiguration",
		"Voice": "Voice",
		"0":     "0",
	} {
		if got := Ident(in); got != want {
			t.Errorf("Ident(%q) = %q, want %q", in, got, want)
		}
		if bad := Miscased(Ident(in)); bad != nil {
			t.Errorf("Miscased(Ident(%q)) = %q, want none", in, bad)
		}
	}
}

func TestMiscased(t *testing.T) {
	for in, want := range map[string][]string{
		"InitiationMethodApi":                        {"Api"},
		"EventTypeAmdDisabled":                       {"Amd"},
		"AnsweringMachineDetectionStatusSitToneBusy": {"Sit"},
		"QueueArns":                                  {"Arns"},
		"ContactId":                                  {"Id"},
		"InitiationMethodWebrtc":                     {"Webrtc"},
		"InstanceArnId":                              {"Arn", "Id"},
		"ContactIdentifier":                          nil,
		"Situation":                                  nil,
		"AgentIDs":                                   nil,
		"SITToneDetected":                            nil,
		"InitiationMethodAPI":                        nil,
	} {
		if got := Miscased(in); !slices.Equal(got, want) {
			t.Errorf("Miscased(%q) = %q, want %q", in, got, want)
		}
	}
}
