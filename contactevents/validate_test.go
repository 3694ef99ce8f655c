package contactevents_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/samples"
)

// TestValidateReportsWhatParseReports: Validate decodes into spare storage
// and only checks what no rule reads (timestamps are not converted), so it
// must give, on every input and under every profile, the error and the
// warnings Parse gives: the same issues, pointers and messages.
func TestValidateReportsWhatParseReports(t *testing.T) {
	inputs := map[string][]byte{}
	for _, s := range samples.Events() {
		inputs[s.Name+"/verbatim"] = s.Verbatim
		inputs[s.Name+"/repaired"] = s.Repaired
	}
	for _, dir := range []string{"testdata/latest", latestDir} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs[f] = b
		}
	}
	// Timestamps in each layout, each wrong in one way, at the envelope, the
	// contact event and a nested object, and those a rule reads.
	for i, ts := range []string{
		"2021-08-04T17:17:53.000Z", "2021-08-04T17:17:53Z", "2021-08-04T17:17:53.5Z", "2021-08-04T17:17:53.123456789Z",
		"2024-02-29T00:00:00.000Z", "2023-02-29T00:00:00.000Z", "2100-02-29T00:00:00.000Z", "2000-02-29T00:00:00.000Z",
		"2021-04-31T00:00:00.000Z", "2021-13-01T00:00:00.000Z", "2021-00-01T00:00:00.000Z", "2021-08-00T00:00:00.000Z",
		"2021-08-04T24:00:00.000Z", "2021-08-04T23:60:00.000Z", "2021-08-04T23:59:60.000Z", "2021-08-04T22:59:60.000Z",
		"2021-08-04T17:17:53.000z", "2021-08-04T17:17:53.000+02:00", "2021-08-04 17:17:53.000Z", "2021-08-04T17:17:53.00Z",
		"1970-01-01T00:00:00.001Z", "", "not a time", "2021-08-04T17:17:5x.000Z",
	} {
		q := `"` + ts + `"`
		inputs["timestamp "+ts] = []byte(`{"version":"0","id":"x","detail-type":"Amazon Connect Contact Event","source":"aws.connect","account":"1","time":` + q +
			`,"region":"us-east-1","resources":[],"detail":{"eventType":"QUEUED","contactId":"c","channel":"TASK","instanceArn":"arn","initiationMethod":"API",` +
			`"initiationTimestamp":"2021-01-01T00:00:00.000Z","disconnectTimestamp":` + q + `,"scheduledTimestamp":` + q +
			`,"queueInfo":{"queueArn":"q","queueType":"STANDARD","enqueueTimestamp":` + q + `}}}`)
		if i == 0 {
			// A task open for more than 90 days: the rule reads both timestamps.
			inputs["task expiry"] = []byte(strings.Replace(string(inputs["timestamp "+ts]), `"initiationTimestamp":"2021-01-01`, `"initiationTimestamp":"2020-01-01`, 1))
		}
	}
	for name, data := range inputs {
		for _, p := range contactevents.Profile("").Values() {
			var parseWarnings, validateWarnings []contactevents.Issue
			_, perr := contactevents.Parse(data, contactevents.WithProfile(p),
				contactevents.WithWarnings(func(i contactevents.Issue) { parseWarnings = append(parseWarnings, i) }))
			verr := contactevents.Validate(data, contactevents.WithProfile(p),
				contactevents.WithWarnings(func(i contactevents.Issue) { validateWarnings = append(validateWarnings, i) }))
			if !reflect.DeepEqual(perr, verr) {
				t.Errorf("%s, %s: Validate says\n\t%v\nParse says\n\t%v", name, p, verr, perr)
			}
			if !reflect.DeepEqual(parseWarnings, validateWarnings) {
				t.Errorf("%s, %s: Validate warns\n\t%v\nParse warns\n\t%v", name, p, validateWarnings, parseWarnings)
			}
		}
	}
}
