package issue

import "testing"

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
