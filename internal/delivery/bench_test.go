package delivery

import (
	"bytes"
	"io"
	"testing"

	"github.com/segmentio/encoding/json"
)

// compactFixture returns a fixture as compact JSON, the way AWS delivers
// events.
func compactFixture(b *testing.B, name string) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, fixture(b, name)); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkDetect(b *testing.B) {
	data := compactFixture(b, "eventbridge.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Detect(data)
	}
}

func benchmarkRecords(b *testing.B, name string) {
	data := compactFixture(b, name)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range Records(data, Auto) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkRecordsEventBridge(b *testing.B)   { benchmarkRecords(b, "eventbridge.json") }
func BenchmarkRecordsLambdaSQS(b *testing.B)     { benchmarkRecords(b, "lambda_sqs.json") }
func BenchmarkRecordsLambdaKinesis(b *testing.B) { benchmarkRecords(b, "lambda_kinesis.json") }
func BenchmarkRecordsNDJSON(b *testing.B) {
	data := fixture(b, "events.ndjson")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range Records(data, Auto) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkStreamNDJSON(b *testing.B) {
	var buf bytes.Buffer
	io.Copy(&buf, &eventSource{n: 20000})
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range Stream(bytes.NewReader(data), Auto, testMaxValue) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkClassify is Parse's skim of a plain event before its one
// validating decode.
func BenchmarkClassify(b *testing.B) {
	data := compactFixture(b, "eventbridge.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var sum Summary
	for b.Loop() {
		Classify(data, Auto, nil, &sum)
	}
}
