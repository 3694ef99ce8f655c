package conformance

import (
	"testing"

	"github.com/connectevents/sdk-go/contactevents/samples"
)

// TestSummary states the size of the conformance suite, computed from the data the other tests
// use: the samples, the profiles, the schema rules that have negative cases, the mutants the
// differential test checks (each under every profile) and the delivery formats.
func TestSummary(t *testing.T) {
	corpus := len(samples.All())
	mutants := corpus * mutantCount()
	t.Logf("samples: %d, profiles: %d, negative rules: %d, mutants: %d, formats: %d",
		corpus, len(profiles), negativeRuleCount(t), mutants, len(deliveryFormats))
	if corpus != 9 || len(profiles) != 3 {
		t.Errorf("the suite expects 9 samples and 3 profiles, found %d and %d", corpus, len(profiles))
	}
}
