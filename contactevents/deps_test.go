package contactevents_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoAWSSDKDependency: the SDK's packages are for Lambda functions and
// services of every size; only the command talks to S3, so only the command
// may pull in the AWS SDK (and the test-only S3 server never reaches users).
func TestNoAWSSDKDependency(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for pkg := range strings.Lines(string(out)) {
		if strings.HasPrefix(pkg, "github.com/aws/") || strings.Contains(pkg, "gofakes3") {
			t.Errorf("github.com/connectevents/sdk-go/contactevents/... depends on %s", strings.TrimSpace(pkg))
		}
	}
	if !strings.Contains(string(out), "github.com/connectevents/sdk-go/contactevents\n") {
		t.Errorf("go list -deps ./... does not list the package itself:\n%s", out)
	}
}

// TestNoParquetDependency: the Parquet writer is the export package's
// (contactevents/export); the SDK itself stays free of it.
func TestNoParquetDependency(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for pkg := range strings.Lines(string(out)) {
		if p := strings.ToLower(pkg); strings.Contains(p, "parquet") || strings.Contains(p, "arrow") {
			t.Errorf("github.com/connectevents/sdk-go/contactevents depends on %s", strings.TrimSpace(pkg))
		}
	}
}
