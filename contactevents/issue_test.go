package contactevents

import "testing"

// TestIssueString pins the one rendering of an issue that the SDK's errors,
// its test helpers and its command share.
func TestIssueString(t *testing.T) {
	for _, c := range []struct {
		issue Issue
		want  string
	}{
		{Issue{SeverityWarning, "/detail/queueInfo", "/$defs/ContactEvent/x-rules/1", "queueInfo is present"},
			"/detail/queueInfo (/$defs/ContactEvent/x-rules/1): warning: queueInfo is present"},
		{Issue{SeverityError, "", "/$defs/ContactEvent/required", `missing property "contactId"`},
			`(root) (/$defs/ContactEvent/required): missing property "contactId"`},
	} {
		if got := c.issue.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
