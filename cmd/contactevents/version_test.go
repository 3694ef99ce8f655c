package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		out, errOut, code := cli(t, nil, args...)
		if code != exitValid || errOut != "" || !strings.HasPrefix(out, "contactevents github.com/connectevents/sdk-go ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestVersionLine(t *testing.T) {
	platform := " " + runtime.GOOS + "/" + runtime.GOARCH
	for _, c := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"go install @tag", &debug.BuildInfo{GoVersion: "go1.25.0", Main: debug.Module{Path: "github.com/connectevents/sdk-go", Version: "v0.1.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "2a1cfb0c4e8d9f00112233445566778899aabbcc"}, {Key: "vcs.time", Value: "2026-12-01T20:50:00Z"}, {Key: "vcs.modified", Value: "false"}}},
			"contactevents github.com/connectevents/sdk-go v0.1.0 (revision 2a1cfb0c4e8d, 2026-12-01T20:50:00Z) go1.25.0" + platform},
		{"a modified checkout", &debug.BuildInfo{GoVersion: "go1.25.0", Main: debug.Module{Path: "github.com/connectevents/sdk-go", Version: "v0.0.0-20261201205000-2a1cfb0c4e8d+dirty"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "2a1cfb0c4e8d"}, {Key: "vcs.modified", Value: "true"}}},
			"contactevents github.com/connectevents/sdk-go v0.0.0-20261201205000-2a1cfb0c4e8d+dirty (revision 2a1cfb0c4e8d, modified) go1.25.0" + platform},
		{"go run", &debug.BuildInfo{GoVersion: "go1.25.0", Main: debug.Module{Path: "github.com/connectevents/sdk-go", Version: "(devel)"}},
			"contactevents github.com/connectevents/sdk-go (devel) go1.25.0" + platform},
	} {
		if got := versionLine(c.info, true); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
	if got := versionLine(nil, false); !strings.HasPrefix(got, "contactevents (no module information in the binary) ") {
		t.Errorf("no build info: %s", got)
	}
}
