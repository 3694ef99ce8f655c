// Package contacts folds Amazon Connect contact events into one summary per
// contact: where it got to and when, its queue and agent, how long it waited
// in queue, how long the agent handled it, whether the customer abandoned it.
//
// EventBridge delivers each event at least once (a target is retried for up
// to 24 hours) and in no order ("Although events are not ordered, they have
// a timestamp which enables you to consume the data", the AWS page says),
// and events are "emitted on a best effort basis", so any of them may be
// missing (the latest page: COMPLETED may never come for a chat). A Tracker
// takes events in any order, any number of times:
//
//	t := contacts.New()
//	for _, ev := range events { // *contactevents.Event, e.g. from contactevents.Parse
//		t.Add(ev)
//	}
//	for _, s := range t.Summaries() {
//		fmt.Println(s.ContactID, s.State, s.QueueWait, s.Handle, s.Abandoned)
//	}
//
// # The fold
//
// Every fact of a contact (its channel, initiation method, links, queue,
// agent, disconnect reason, each timestamp) is kept as the set of values its
// events gave; the lifecycle states as the set of event types seen, each
// with the earliest envelope time; the events as the set of their ids and
// contents. Adding an event is a set union, so the result does not depend
// on the order or the repetition of the events, and Merge of two trackers
// is the union of their sets: the tracker fed the whole stream. A fact with
// two values is a Conflict, reported and never resolved (the summary leaves
// the fact unknown), and so is an event id delivered with two contents.
// Durations are computed from the events' own timestamps, never from when
// an event was delivered. Nothing is inferred that no event says: a contact
// missing its DISCONNECTED event has no disconnect time and no handle time,
// only what its other events carry.
//
// For streams, Evict emits and forgets the contacts that are complete (after
// a grace: COMPLETED may arrive before the other events) or idle longer than
// a horizon, by event time. A contact costs the tracker about 400 bytes, the
// texts it keeps included: UUIDs as their 16 bytes, queue and agent ARNs
// once per tracker, and no string of an event (a substring would pin the
// event's whole arena); the contacts hold no pointer, so however many the
// tracker holds, the garbage collector has next to nothing to scan (see
// BENCHMARKS.md for the fold's cost beside Parse).
//
// # Definitions
//
// The metrics follow the Amazon Connect Administrator Guide's metric
// definitions (https://docs.aws.amazon.com/connect/latest/adminguide/metrics-definitions.html),
// as far as contact events can tell them:
//
//   - Abandoned. AWS: "An abandoned contact refers to a contact that was
//     disconnected by the customer while in queue. This means that they
//     weren't connected to an agent. Contacts queued for callback are not
//     counted as abandoned." Here: queued (a QUEUED event or an
//     enqueueTimestamp), disconnected (a DISCONNECTED or COMPLETED event or
//     a disconnectTimestamp), never connected to an agent (no
//     CONNECTED_TO_AGENT event, no connectedToAgentTimestamp), not queued
//     for callback (not a CALLBACK contact, and no CALLBACK contact the
//     tracker holds names it as its previousContactId or relatedContactId),
//     and no disconnectReason. Decision: the events do not say who hung up;
//     every disconnect reason the pages document (outbound campaign
//     failures, EXPIRED, OUTBUND_PREVIEW_DISCARDED, DISCARDED) says the
//     system or an agent ended the contact, so a contact with one is not
//     abandoned, and one without is.
//   - Queue wait. AWS's "Average queue answer time" averages the time
//     contacts waited in the queue before an agent answered: here
//     enqueueTimestamp to connectedToAgentTimestamp. For a contact that
//     never reached an agent it is enqueueTimestamp to disconnectTimestamp,
//     what AWS's "Average queue abandon time" averages.
//   - Agent interaction and hold. AWS's "Agent interaction time" excludes
//     customer hold time, which contact events do not give (only
//     agentInitiatedHoldDuration, in whole seconds, on the latest page):
//     here connectedToAgentTimestamp to disconnectTimestamp, AWS's "Agent
//     interaction and hold time".
//   - After contact work. AWS's "After contact work time": "The total time
//     that an agent spent doing After Contact Work (ACW) for a contact."
//     Here afterContactWorkEndTimestamp minus afterContactWorkStartTimestamp
//     (the latest page), else afterContactWorkDuration (whole seconds); 0
//     when COMPLETED was seen for a contact connected to an agent without
//     either, since the latest page says COMPLETED then follows
//     DISCONNECTED at once "with the same data".
//   - Handle time. AWS's "Contact handle time" is agent interaction time,
//     customer hold time and after contact work time: here agent interaction
//     and hold plus after contact work, when both are known.
//
// Decisions where the documents are silent:
//
//   - A contact's facts do not change between its events: a transfer or a
//     callback is a new contact, linked by initialContactId,
//     previousContactId or relatedContactId. Two values of one fact are a
//     conflict. The exception the page documents: an outbound campaign
//     call's initiationTimestamp "is updated to when the call is started in
//     later events", so the INITIATED event's value and the later events'
//     are two facts; Initiated is the former when it was seen.
//   - The not-set sentinel 1970-01-01T00:00:00.001Z is no value.
//   - "Contents" of an event are what the fold reads from it (see
//     fingerprint.go): a difference in a member that cannot change a
//     summary (tags, routing criteria) is not a conflict.
//   - PAUSED and RESUMED (tasks) are not steps of the lifecycle: the state
//     is PAUSED or RESUMED when the latest of them (by envelope time, to
//     the second) is not older than the furthest state reached and the
//     contact has not disconnected.
//   - Evict's clock is the latest event time the tracker has seen, never
//     the wall clock, so that replaying an archive gives the same result.
package contacts
