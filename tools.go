//go:build tools

// Package tools documents the commands this module runs besides its own
// code. It imports nothing, on purpose: it used to import them (the
// tools.go idiom of Go before 1.24), and since `go get` loads a package
// with every build tag, `go get github.com/connectevents/sdk-go` added
// jennifer, golang.org/x/perf and go-moremath to a user's go.mod.
//
// The versions are pinned in go.mod instead:
//
//   - benchstat compares benchmark runs for BENCHMARKS.md: a `tool`
//     directive (Go 1.24), so `go tool benchstat old.txt new.txt` runs the
//     pinned version (as does go run golang.org/x/perf/cmd/benchstat),
//     pinned at the newest release that still builds with the go line of
//     go.mod (1.25).
//   - jennifer is what the generator (./gen, run by go generate) writes Go
//     with; gen imports it, which is what requires it.
//
// Neither reaches a user's go.mod through the packages users import
// (github.com/connectevents/sdk-go/contactevents and its subpackages):
// module graph pruning keeps only what those packages import.
package tools
