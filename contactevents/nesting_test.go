package contactevents_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents"
)

// deeplyNested is issue 17's payload: a member nested two million levels
// deep (4 MB, under the payload limit), which overflowed the stack of the
// recursive parser the delivery layer used.
func deeplyNested() []byte {
	return []byte(`{"a":` + strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000) + `}`)
}

// TestDeepNestingGetsTheDepthError: every reader stops at its depth limit
// before it recurses. With an event limit that lets the payload through,
// Parse, Validate and NewDecoder report the decoder's depth error at the
// byte where the 65th level opens; with the defaults, the event limit
// comes first. DetectFormat reads the kind of document Parse reads.
func TestDeepNestingGetsTheDepthError(t *testing.T) {
	deep := deeplyNested()
	big := contactevents.WithMaxSize(8 << 20)
	isDepthError := func(what string, err error) {
		t.Helper()
		var se *contactevents.SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, "nesting depth exceeds the limit of 64") || se.Offset != 68 || se.Line != 1 || se.Column != 69 {
			t.Errorf("%s: %v, want the depth error at byte 68", what, err)
		}
	}
	_, err := contactevents.Parse(deep, big)
	isDepthError("Parse", err)
	isDepthError("Validate", contactevents.Validate(deep, big))
	n := 0
	for _, err := range contactevents.NewDecoder(bytes.NewReader(deep), big).All() {
		isDepthError("NewDecoder", err)
		n++
	}
	if n != 1 {
		t.Errorf("NewDecoder yielded %d records, want 1", n)
	}
	if _, err := contactevents.Parse(deep); !errors.Is(err, contactevents.ErrTooLarge) {
		t.Errorf("Parse with the default event limit: %v, want ErrTooLarge", err)
	}
	if f, _ := contactevents.DetectFormat(deep); f != contactevents.FormatDetail {
		t.Errorf("DetectFormat = %s, want %s", f, contactevents.FormatDetail)
	}
	// Over a stream of concatenated values, the second one's error is at
	// its place in the stream.
	concat := append([]byte(`{"eventType":1}`), deep...)
	var errs []error
	for _, err := range contactevents.NewDecoder(bytes.NewReader(concat), big).All() {
		errs = append(errs, err)
	}
	var se *contactevents.SyntaxError
	if len(errs) != 2 || !errors.As(errs[1], &se) || se.Offset != 15+68 || se.Column != 15+69 {
		t.Errorf("NewDecoder, concatenated: %v, want the depth error at byte %d", errs, 15+68)
	}
}
