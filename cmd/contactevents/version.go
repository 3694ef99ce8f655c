package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// runVersion prints the version of the command: the module version (the
// tag `go install ...@v1.2.3` installed, or the pseudo-version go build
// stamps from the repository) and the VCS revision it was built from.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "", "Print the module version and VCS revision the command was built from.", stderr)
	if _, status, ok := parseFlags(fs, args); !ok {
		return status
	}
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(info, ok))
	return exitValid
}

// versionLine renders the build information, e.g.
//
//	contactevents github.com/connectevents/sdk-go v0.1.0 (revision 2a1cfb0c4e8d, 2026-12-01T20:50:00Z, modified) go1.26.8 linux/amd64
//
// A build without VCS information (go run, a build outside the repository)
// has no revision; one without module information says so.
func versionLine(info *debug.BuildInfo, ok bool) string {
	platform := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	if !ok || info == nil {
		return "contactevents (no module information in the binary) " + platform
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var vcs []string
	if rev != "" {
		vcs = append(vcs, "revision "+rev[:min(len(rev), 12)])
	}
	if at != "" {
		vcs = append(vcs, at)
	}
	if modified {
		vcs = append(vcs, "modified")
	}
	line := "contactevents " + info.Main.Path + " " + version
	if len(vcs) > 0 {
		line += " (" + strings.Join(vcs, ", ") + ")"
	}
	if info.GoVersion != "" {
		platform = info.GoVersion + " " + runtime.GOOS + "/" + runtime.GOARCH
	}
	return line + " " + platform
}
