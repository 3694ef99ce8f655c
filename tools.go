//go:build tools

// Package tools pins, in go.mod and go.sum, the versions of the commands
// this module runs besides its own code, so that every maintainer and CI
// run the same ones:
//
//   - benchstat compares benchmark runs for BENCHMARKS.md
//     (go run golang.org/x/perf/cmd/benchstat old.txt new.txt); pinned at
//     the newest release that still builds with the go line of go.mod (1.25).
//   - jennifer is what the generator (./gen, run by go generate) writes Go
//     with; it is imported by gen already, and listed here so that the
//     generator's whole toolchain is named in one place.
//
// The build tag keeps this file out of every build: nothing here reaches a
// user's binary.
package tools

import (
	_ "github.com/dave/jennifer/jen"
	_ "golang.org/x/perf/cmd/benchstat"
)
