package bench

import (
	"encoding/json"
	"unsafe"

	"github.com/go-faster/jx"
)

// A hand-written github.com/go-faster/jx decoder into the plain structs,
// in the style ogen generates: keys compared as bytes with no string made,
// strings aliasing one copy of the input when nothing needs unescaping.
// Like encoding/json it matches the camelCase keys case-insensitively on
// their first letter (the PascalCase samples: "ContactId", "QueueInfo"),
// and, like the other peers, it checks nothing.

// jxDecoder is one decode: the jx decoder over the copy it aliases.
type jxDecoder struct {
	d    *jx.Decoder
	text []byte
	key  [64]byte
}

// UnmarshalJX decodes doc into ev, copying doc once: ev's strings alias
// the copy.
func UnmarshalJX(doc []byte, ev *plainEvent) error {
	text := append([]byte(nil), doc...)
	x := &jxDecoder{d: jx.DecodeBytes(text), text: text}
	return x.event(ev)
}

// str reads a string, aliasing the copy when it has no escape.
func (x *jxDecoder) str() (string, error) {
	b, err := x.d.StrBytes()
	if err != nil || len(b) == 0 {
		return "", err
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(x.text)))
	if p := uintptr(unsafe.Pointer(unsafe.SliceData(b))); p >= start && p < start+uintptr(len(x.text)) {
		return unsafe.String(unsafe.SliceData(b), len(b)), nil
	}
	return string(b), nil // unescaped into jx's buffer
}

func (x *jxDecoder) strp() (*string, error) {
	s, err := x.str()
	return &s, err
}

func (x *jxDecoder) int64p() (*int64, error) {
	n, err := x.d.Int64()
	return &n, err
}

func (x *jxDecoder) boolp() (*bool, error) {
	b, err := x.d.Bool()
	return &b, err
}

// strs reads an array of strings.
func (x *jxDecoder) strs() ([]string, error) {
	var out []string
	err := x.d.Arr(func(*jx.Decoder) error {
		s, err := x.str()
		out = append(out, s)
		return err
	})
	return out, err
}

// camel returns key with its first letter in lower case (in x's buffer: no
// allocation), for the keys encoding/json would match case-insensitively.
func (x *jxDecoder) camel(key []byte) []byte {
	if len(key) == 0 || key[0] < 'A' || key[0] > 'Z' || len(key) > len(x.key) {
		return key
	}
	n := copy(x.key[:], key)
	x.key[0] += 'a' - 'A'
	return x.key[:n]
}

// obj reads an object, calling f with each camelCase key.
func (x *jxDecoder) obj(f func(key []byte) error) error {
	return x.d.ObjBytes(func(_ *jx.Decoder, key []byte) error { return f(x.camel(key)) })
}

func (x *jxDecoder) event(v *plainEvent) error {
	return x.d.ObjBytes(func(_ *jx.Decoder, key []byte) error {
		var err error
		switch string(x.camel(key)) {
		case "version":
			v.Version, err = x.str()
		case "id":
			v.ID, err = x.str()
		case "detail-type":
			v.DetailType, err = x.str()
		case "source":
			v.Source, err = x.str()
		case "account":
			v.Account, err = x.str()
		case "time":
			v.Time, err = x.str()
		case "region":
			v.Region, err = x.str()
		case "resources":
			v.Resources, err = x.strs()
		case "replay-name":
			v.ReplayName, err = x.str()
		case "detail":
			err = x.contactEvent(&v.Detail)
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) contactEvent(v *plainContactEvent) error {
	return x.d.ObjBytes(func(_ *jx.Decoder, key []byte) error {
		var err error
		switch string(x.camel(key)) {
		case "eventType":
			v.EventType, err = x.str()
		case "contactId":
			v.ContactID, err = x.str()
		case "initialContactId":
			v.InitialContactID, err = x.str()
		case "relatedContactId":
			v.RelatedContactID, err = x.str()
		case "previousContactId":
			v.PreviousContactID, err = x.str()
		case "channel":
			v.Channel, err = x.str()
		case "instanceArn":
			v.InstanceARN, err = x.str()
		case "initiationMethod":
			v.InitiationMethod, err = x.str()
		case "initiationTimestamp":
			v.InitiationTimestamp, err = x.str()
		case "connectedToSystemTimestamp":
			v.ConnectedToSystemTimestamp, err = x.str()
		case "disconnectTimestamp":
			v.DisconnectTimestamp, err = x.str()
		case "scheduledTimestamp":
			v.ScheduledTimestamp, err = x.str()
		case "queueInfo":
			v.QueueInfo = new(plainQueueInfo)
			err = x.queueInfo(v.QueueInfo)
		case "agentInfo":
			v.AgentInfo = new(plainAgentInfo)
			err = x.agentInfo(v.AgentInfo)
		case "customerVoiceActivity":
			c := new(plainCustomerVoiceActivity)
			v.CustomerVoiceActivity = c
			err = x.obj(func(key []byte) (err error) {
				switch string(key) {
				case "greetingStartTimestamp":
					c.GreetingStartTimestamp, err = x.str()
				case "greetingEndTimestamp":
					c.GreetingEndTimestamp, err = x.str()
				default:
					err = x.d.Skip()
				}
				return err
			})
		case "answeringMachineDetectionStatus":
			v.AnsweringMachineDetectionStatus, err = x.str()
		case "disconnectReason":
			v.DisconnectReason, err = x.str()
		case "campaign":
			c := new(plainCampaign)
			v.Campaign = c
			err = x.obj(func(key []byte) (err error) {
				if string(key) == "campaignId" {
					c.CampaignID, err = x.str()
					return err
				}
				return x.d.Skip()
			})
		case "updatedProperties":
			v.UpdatedProperties, err = x.strs()
		case "contactLens":
			v.ContactLens = new(plainContactLens)
			err = x.contactLens(v.ContactLens)
		case "segmentAttributes":
			v.SegmentAttributes = map[string]plainSegmentAttrVal{}
			err = x.segmentAttributes(v.SegmentAttributes)
		case "tags":
			v.Tags, err = x.strMap()
		case "routingCriteria":
			var raw jx.Raw
			raw, err = x.d.Raw()
			v.RoutingCriteria = json.RawMessage(raw)
		case "customerId":
			v.CustomerID, err = x.str()
		case "systemEndpoint":
			v.SystemEndpoint = new(plainEndpoint)
			err = x.endpoint(v.SystemEndpoint)
		case "chatMetrics":
			v.ChatMetrics = new(plainChatMetrics)
			err = x.chatMetrics(v.ChatMetrics)
		case "recordings":
			err = x.d.Arr(func(*jx.Decoder) error {
				v.Recordings = append(v.Recordings, plainRecording{})
				return x.recording(&v.Recordings[len(v.Recordings)-1])
			})
		case "contactEvaluations":
			v.ContactEvaluations = map[string]plainContactEvaluation{}
			err = x.d.ObjBytes(func(_ *jx.Decoder, key []byte) error {
				k := string(key)
				var e plainContactEvaluation
				err := x.contactEvaluation(&e)
				v.ContactEvaluations[k] = e
				return err
			})
		case "stateTransitions":
			err = x.d.Arr(func(*jx.Decoder) error {
				v.StateTransitions = append(v.StateTransitions, plainStateTransition{})
				t := &v.StateTransitions[len(v.StateTransitions)-1]
				return x.obj(func(key []byte) (err error) {
					switch string(key) {
					case "stateStartTimestamp":
						t.StateStartTimestamp, err = x.str()
					case "stateEndTimestamp":
						t.StateEndTimestamp, err = x.str()
					case "state":
						t.State, err = x.str()
					default:
						err = x.d.Skip()
					}
					return err
				})
			})
		case "contactDetails":
			v.ContactDetails, err = x.strMap()
		default:
			err = x.d.Skip()
		}
		return err
	})
}

// strMap reads an object of strings into a map.
func (x *jxDecoder) strMap() (map[string]string, error) {
	m := map[string]string{}
	err := x.d.ObjBytes(func(_ *jx.Decoder, key []byte) error {
		k := string(key)
		s, err := x.str()
		m[k] = s
		return err
	})
	return m, err
}

func (x *jxDecoder) queueInfo(v *plainQueueInfo) error {
	return x.obj(func(key []byte) (err error) {
		switch string(key) {
		case "queueArn":
			v.QueueARN, err = x.str()
		case "queueType":
			v.QueueType, err = x.strp()
		case "enqueueTimestamp":
			v.EnqueueTimestamp, err = x.str()
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) agentInfo(v *plainAgentInfo) error {
	return x.obj(func(key []byte) (err error) {
		switch string(key) {
		case "agentArn":
			v.AgentARN, err = x.str()
		case "connectedToAgentTimestamp":
			v.ConnectedToAgentTimestamp, err = x.str()
		case "hierarchyGroups":
			v.HierarchyGroups = new(plainHierarchyGroups)
			err = x.hierarchyGroups(v.HierarchyGroups)
		case "agentInitiatedHoldDuration":
			v.AgentInitiatedHoldDuration, err = x.int64p()
		case "afterContactWorkStartTimestamp":
			v.AfterContactWorkStartTimestamp, err = x.str()
		case "afterContactWorkEndTimestamp":
			v.AfterContactWorkEndTimestamp, err = x.str()
		case "afterContactWorkDuration":
			v.AfterContactWorkDuration, err = x.int64p()
		case "acceptedByAgentTimestamp":
			v.AcceptedByAgentTimestamp, err = x.str()
		case "previewEndTimestamp":
			v.PreviewEndTimestamp, err = x.str()
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) hierarchyGroups(v *plainHierarchyGroups) error {
	return x.obj(func(key []byte) error {
		var level **plainHierarchyGroup
		switch string(key) {
		case "level1":
			level = &v.Level1
		case "level2":
			level = &v.Level2
		case "level3":
			level = &v.Level3
		case "level4":
			level = &v.Level4
		case "level5":
			level = &v.Level5
		default:
			return x.d.Skip()
		}
		g := new(plainHierarchyGroup)
		*level = g
		return x.obj(func(key []byte) (err error) {
			if string(key) == "arn" {
				g.ARN, err = x.str()
				return err
			}
			return x.d.Skip()
		})
	})
}

func (x *jxDecoder) contactLens(v *plainContactLens) error {
	return x.obj(func(key []byte) error {
		if string(key) != "conversationalAnalytics" {
			return x.d.Skip()
		}
		ca := new(plainConversationalAnalytics)
		v.ConversationalAnalytics = ca
		return x.obj(func(key []byte) error {
			if string(key) != "configuration" {
				return x.d.Skip()
			}
			c := new(plainAnalyticsConfiguration)
			ca.Configuration = c
			return x.obj(func(key []byte) (err error) {
				switch string(key) {
				case "enabled":
					c.Enabled, err = x.boolp()
				case "channelConfiguration":
					cc := new(plainChannelConf)
					c.ChannelConfiguration = cc
					err = x.obj(func(key []byte) (err error) {
						if string(key) == "analyticsModes" {
							cc.AnalyticsModes, err = x.strs()
							return err
						}
						return x.d.Skip()
					})
				case "languageLocale":
					c.LanguageLocale, err = x.strp()
				case "redactionConfiguration":
					r := new(plainRedactionConf)
					c.RedactionConfiguration = r
					err = x.obj(func(key []byte) (err error) {
						switch string(key) {
						case "behavior":
							r.Behavior, err = x.strp()
						case "policy":
							r.Policy, err = x.strp()
						case "entities":
							r.Entities, err = x.strs()
						case "maskMode":
							r.MaskMode, err = x.strp()
						default:
							err = x.d.Skip()
						}
						return err
					})
				default:
					err = x.d.Skip()
				}
				return err
			})
		})
	})
}

// segmentAttributes reads a map of segment attribute values, whose keys
// are PascalCase in the schema itself (ValueString, ...).
func (x *jxDecoder) segmentAttributes(m map[string]plainSegmentAttrVal) error {
	return x.d.ObjBytes(func(_ *jx.Decoder, key []byte) error {
		k := string(key)
		var v plainSegmentAttrVal
		err := x.segmentAttribute(&v)
		m[k] = v
		return err
	})
}

func (x *jxDecoder) segmentAttribute(v *plainSegmentAttrVal) error {
	return x.d.ObjBytes(func(_ *jx.Decoder, key []byte) error {
		var err error
		switch string(key) {
		case "ValueString":
			v.ValueString, err = x.strp()
		case "ValueInteger":
			v.ValueInteger, err = x.int64p()
		case "ValueArn":
			v.ValueARN, err = x.strp()
		case "ValueList":
			err = x.d.Arr(func(*jx.Decoder) error {
				v.ValueList = append(v.ValueList, plainSegmentAttrVal{})
				return x.segmentAttribute(&v.ValueList[len(v.ValueList)-1])
			})
		case "ValueMap":
			v.ValueMap = map[string]plainSegmentAttrVal{}
			err = x.segmentAttributes(v.ValueMap)
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) endpoint(v *plainEndpoint) error {
	return x.obj(func(key []byte) (err error) {
		switch string(key) {
		case "address":
			v.Address, err = x.str()
		case "type":
			v.Type, err = x.str()
		case "displayName":
			v.DisplayName, err = x.str()
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) chatMetrics(v *plainChatMetrics) error {
	return x.obj(func(key []byte) (err error) {
		switch string(key) {
		case "chatContactMetrics":
			c := new(plainChatContactMetrics)
			v.ChatContactMetrics = c
			err = x.obj(func(key []byte) (err error) {
				switch string(key) {
				case "multiParty":
					c.MultiParty, err = x.boolp()
				case "totalMessages":
					c.TotalMessages, err = x.int64p()
				case "totalBotMessages":
					c.TotalBotMessages, err = x.int64p()
				case "totalBotMessageLengthInChars":
					c.TotalBotMessageLengthInChars, err = x.int64p()
				case "conversationCloseTimeInMillis":
					c.ConversationCloseTimeInMillis, err = x.int64p()
				case "conversationTurnCount":
					c.ConversationTurnCount, err = x.int64p()
				case "agentFirstResponseTimestamp":
					c.AgentFirstResponseTimestamp, err = x.str()
				case "agentFirstResponseTimeInMillis":
					c.AgentFirstResponseTimeInMillis, err = x.int64p()
				default:
					err = x.d.Skip()
				}
				return err
			})
		case "customerMetrics":
			v.CustomerMetrics = new(plainParticipantMetrics)
			err = x.participantMetrics(v.CustomerMetrics)
		case "agentMetrics":
			v.AgentMetrics = new(plainParticipantMetrics)
			err = x.participantMetrics(v.AgentMetrics)
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) participantMetrics(v *plainParticipantMetrics) error {
	return x.obj(func(key []byte) (err error) {
		switch string(key) {
		case "participantId":
			v.ParticipantID, err = x.str()
		case "participantType":
			v.ParticipantType, err = x.str()
		case "conversationAbandon":
			v.ConversationAbandon, err = x.boolp()
		case "messagesSent":
			v.MessagesSent, err = x.int64p()
		case "numResponses":
			v.NumResponses, err = x.int64p()
		case "messageLengthInChars":
			v.MessageLengthInChars, err = x.int64p()
		case "totalResponseTimeInMillis":
			v.TotalResponseTimeInMillis, err = x.int64p()
		case "maxResponseTimeInMillis":
			v.MaxResponseTimeInMillis, err = x.int64p()
		case "lastMessageTimestamp":
			v.LastMessageTimestamp, err = x.str()
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) recording(v *plainRecording) error {
	return x.obj(func(key []byte) (err error) {
		switch string(key) {
		case "deletionReason":
			v.DeletionReason, err = x.str()
		case "fragmentStartNumber":
			v.FragmentStartNumber, err = x.str()
		case "fragmentStopNumber":
			v.FragmentStopNumber, err = x.str()
		case "location":
			v.Location, err = x.str()
		case "mediaStreamType":
			v.MediaStreamType, err = x.str()
		case "participantType":
			v.ParticipantType, err = x.str()
		case "startTimestamp":
			v.StartTimestamp, err = x.str()
		case "stopTimestamp":
			v.StopTimestamp, err = x.str()
		case "status":
			v.Status, err = x.str()
		case "storageType":
			v.StorageType, err = x.str()
		default:
			err = x.d.Skip()
		}
		return err
	})
}

func (x *jxDecoder) contactEvaluation(v *plainContactEvaluation) error {
	return x.obj(func(key []byte) (err error) {
		switch string(key) {
		case "evaluationArn":
			v.EvaluationARN, err = x.str()
		case "status":
			v.Status, err = x.str()
		case "startTimestamp":
			v.StartTimestamp, err = x.str()
		case "endTimestamp":
			v.EndTimestamp, err = x.str()
		case "deleteTimestamp":
			v.DeleteTimestamp, err = x.str()
		case "exportLocation":
			v.ExportLocation, err = x.str()
		default:
			err = x.d.Skip()
		}
		return err
	})
}
