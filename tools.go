//go:build tools

// Package tools pins the modules that the build uses as tools rather than
// as imports, so that `go mod tidy` keeps them and CI installs the same
// versions: jennifer for the generator, jsonschema for the conformance suite
// and go-cmp for tests.
package tools

import (
	_ "github.com/dave/jennifer/jen"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/santhosh-tekuri/jsonschema/v5"
	_ "github.com/segmentio/encoding/json"
)
