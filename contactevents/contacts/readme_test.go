package contacts_test

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEMatchesExample: the README's Lambda snippet is the handler of
// Example_lambda, verbatim, so that the code users copy is the code that
// runs.
func TestREADMEMatchesExample(t *testing.T) {
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	start := strings.Index(s, "var state = contacts.New()")
	end := strings.Index(s, "\nfunc publish(")
	if start < 0 || end < start {
		t.Fatal("example_test.go: the handler is not where this test looks for it")
	}
	snippet := strings.TrimSpace(s[start:end])
	if !strings.Contains(string(readme), "```go\n"+snippet+"\n```") {
		t.Errorf("README.md does not show the handler of Example_lambda verbatim:\n%s", snippet)
	}
}
