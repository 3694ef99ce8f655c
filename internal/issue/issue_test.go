package issue

import (
	"slices"
	"testing"
)

func TestPointerEscapesAndIndexes(t *testing.T) {
	var c Collector
	c.PushKey("detail")
	c.PushKey("tags")
	c.PushKey("a/b~c")
	c.Add(Warning, "/$defs/X/type", "m")
	c.Pop()
	c.Pop()
	c.PushKey("routingCriteria")
	c.PushIndex(0)
	c.Add(Error, "/$defs/RoutingCriteria/required", "missing")
	c.Pop()
	c.AddMember(Error, "x", "/x-unique-keys", "dup")
	got := c.Issues()
	want := []string{"/detail/tags/a~1b~0c", "/detail/routingCriteria/0", "/detail/routingCriteria/x"}
	if len(got) != len(want) {
		t.Fatalf("got %d issues, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].InstanceLocation != w {
			t.Errorf("issue %d at %q, want %q", i, got[i].InstanceLocation, w)
		}
	}
	if c.Errors() != 2 {
		t.Errorf("Errors() = %d, want 2 (warnings do not count)", c.Errors())
	}
	c.Reset()
	if len(c.Issues()) != 0 || c.Errors() != 0 || c.Pointer() != "" {
		t.Errorf("Reset left state behind")
	}
}

func TestSeverityString(t *testing.T) {
	if Error.String() != "error" || Warning.String() != "warning" {
		t.Fatal("severity names changed")
	}
}

// TestLocationsRenderedWhenRead: an issue's location is the path when it
// was recorded, rendered when the issues are read, whatever the path has
// become since; recording one allocates nothing once the collector has
// grown (a valid event's warnings are recorded and mostly never read).
func TestLocationsRenderedWhenRead(t *testing.T) {
	var c Collector
	c.PushKey("a")
	c.PushIndex(0)
	c.Add(Warning, "/k1", "one")
	c.Pop()
	c.Pop()
	c.PushKey("b")
	c.AddMember(Error, "x~/y", "/k2", "two")
	c.AddAt(Warning, "/explicit", "/k3", "three")
	c.Pop()
	c.Add(Error, "/k4", "four")
	var got []string
	for _, i := range c.Issues() {
		got = append(got, i.InstanceLocation)
	}
	if want := []string{"/a/0", "/b/x~0~1y", "/explicit", ""}; !slices.Equal(got, want) {
		t.Errorf("locations %q, want %q", got, want)
	}
	if again := c.Issues(); again[1].InstanceLocation != "/b/x~0~1y" {
		t.Errorf("a second read gives %q", again[1].InstanceLocation)
	}
	record := func() {
		c.Reset()
		c.PushKey("detail")
		c.AddMember(Warning, "ContactId", "/x-unique-keys", "a constant message")
		c.Pop()
	}
	record()
	if n := testing.AllocsPerRun(100, record); n != 0 {
		t.Errorf("recording a warning nobody reads allocates %.0f times", n)
	}
}

// TestPointerOneAllocation: a location is rendered in one allocation,
// indexes of several digits and escaped tokens included.
func TestPointerOneAllocation(t *testing.T) {
	var c Collector
	c.PushKey("detail")
	c.PushKey("routingCriteria")
	c.PushIndex(123)
	c.PushKey("a/b")
	if got := c.Pointer(); got != "/detail/routingCriteria/123/a~1b" {
		t.Fatalf("pointer %q", got)
	}
	c.Pop()
	if n := testing.AllocsPerRun(100, func() { _ = c.Pointer() }); n != 1 {
		t.Errorf("rendering a pointer allocates %.0f times, want 1", n)
	}
}
