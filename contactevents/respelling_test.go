package contactevents_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// TestRejectedSpellingIsOneIssue: under strict, a PascalCase key of a
// required property is one issue (the spelling, which names the property),
// not also "missing required property"; validate printed both for every
// key of a PascalCase event (130,001 lines for 10,000 events). Under
// legacy, where the spelling is only a warning, the property is missing
// in the profile's terms: that error stays.
func TestRejectedSpellingIsOneIssue(t *testing.T) {
	event := detail("")
	pascal := []byte(strings.Replace(string(event), `"contactId"`, `"ContactId"`, 1))
	errs, _ := issues(t, pascal, contactevents.Strict)
	if len(errs) != 1 || errs[0].InstanceLocation != "/ContactId" || !strings.Contains(errs[0].Message, `documented spelling of "contactId"`) {
		t.Errorf("strict: %v, want the one spelling issue", errs)
	}
	// A case-only misspelling nobody documented: the did-you-mean is the one issue.
	lower := []byte(strings.Replace(string(event), `"contactId"`, `"contactid"`, 1))
	errs, _ = issues(t, lower, contactevents.Strict)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, `did you mean "contactId"?`) {
		t.Errorf("strict, contactid: %v", errs)
	}
	// Nested: the object's own required property, not the parent's.
	queue := detail(`"queueInfo":{"QueueArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1/queue/q-1","queueType":"STANDARD","enqueueTimestamp":"2024-05-01T12:00:04.512Z"}`)
	_, err := contactevents.Parse(queue, contactevents.WithProfile(contactevents.Strict))
	var ve *contactevents.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("strict, QueueArn: %v", err)
	}
	for _, i := range ve.Errors() {
		if strings.Contains(i.Message, "missing required") {
			t.Errorf("strict, QueueArn: also %v", i)
		}
	}
	// Compat accepts the spelling; legacy warns about it and the property
	// is missing (an error: the event is invalid for a reason).
	if errs, _ := issues(t, pascal, contactevents.Compat); len(errs) != 0 {
		t.Errorf("compat: %v", errs)
	}
	for _, p := range []contactevents.Profile{contactevents.Legacy} {
		errs, warns := issues(t, []byte(strings.Replace(string(event), `"contactId"`, `"contactID"`, 1)), p)
		missing := false
		for _, i := range errs {
			missing = missing || strings.Contains(i.Message, `missing required property "contactId"`)
		}
		if !missing || len(warns) == 0 {
			t.Errorf("%s: errors %v, warnings %v; want the warning and the missing property", p, errs, warns)
		}
	}
}
