package delivery

import "strings"

// BatchItemFailure is one entry of a Lambda partial batch response.
type BatchItemFailure struct {
	// ItemIdentifier is the SQS messageId, or the Kinesis sequence number,
	// of a record to retry.
	ItemIdentifier string `json:"itemIdentifier"`
}

// BatchResponse is the response of a Lambda function that reports partial
// batch failures (ReportBatchItemFailures) for an SQS or Kinesis event
// source; it marshals to {"batchItemFailures":[{"itemIdentifier":"..."}]}.
// It needs no dependency on aws-lambda-go.
type BatchResponse struct {
	// BatchItemFailures lists the records to retry; empty when all succeeded.
	BatchItemFailures []BatchItemFailure `json:"batchItemFailures"`
}

// NewBatchResponse returns the partial batch response for the records whose
// IDs (Record.ID or RecordError.ID) are in failedIDs, in order, skipping empty
// and repeated IDs. Lambda identifies a failed Kinesis record by its sequence
// number, so a Kinesis eventID ("shardId-000000000006:4959...") is reduced to
// the sequence number after its colon. With no failures the list is empty,
// not null, which tells Lambda that the whole batch succeeded. A failed
// record without an ID cannot be reported item by item: fail the whole
// invocation instead, and Lambda retries the batch.
func NewBatchResponse(failedIDs []string) BatchResponse {
	out := make([]BatchItemFailure, 0, len(failedIDs))
	seen := make(map[string]bool, len(failedIDs))
	for _, id := range failedIDs {
		if strings.HasPrefix(id, "shardId-") {
			if i := strings.IndexByte(id, ':'); i >= 0 {
				id = id[i+1:]
			}
		}
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, BatchItemFailure{ItemIdentifier: id})
	}
	return BatchResponse{BatchItemFailures: out}
}
