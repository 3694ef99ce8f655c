// Package schema embeds the JSON Schemas of Amazon Connect contact events,
// so that programs (the contactevents command, other services' tests, a
// schema registry upload) can use them without a copy of this repository.
//
// There are two kinds of schema:
//
//   - The source schema, contactevents.schema.json (Source), is the source of
//     truth from which the Go types and the profiles are generated. It holds
//     every field, value and key spelling that either version of the AWS page
//     documents, each with its provenance in x- annotations. Read it to learn
//     where a rule comes from; it is not meant for a generic validator.
//   - The profile schemas, profiles/<name>.schema.json (Profile), are plain
//     JSON Schema draft 2020-12 documents derived from the source by the
//     generator, one per validation profile of the Go SDK: "strict" (the
//     current documented model only), "compat" (everything ever documented,
//     unknown members allowed; the SDK's default) and "legacy" (the older
//     page). Hand one to any JSON Schema validator to check events the way
//     contactevents.Validate does with the same profile (rules that JSON
//     Schema cannot express, such as "no queueInfo when initiationMethod is
//     OUTBOUND", live in x-rules and are checked only by the SDK).
//
// The keywordLocation of every issue the SDK reports is a JSON Pointer into
// the profile schema in use, so a message such as
//
//	/detail/channel (/$defs/Channel/enum): "Voice" is a documented Channel ...
//
// can be looked up with
//
//	b, _ := schema.Profile("strict") // then follow /$defs/Channel/enum in b
//
// Every function returns a fresh copy that the caller may modify.
package schema

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

//go:embed contactevents.schema.json
var source []byte

//go:embed profiles/*.schema.json
var profiles embed.FS

// profileSuffix ends the file name of every profile schema.
const profileSuffix = ".schema.json"

// Source returns the source schema, contactevents.schema.json: the JSON
// Schema with x- annotations from which the SDK and the profiles are
// generated.
func Source() []byte {
	return slices.Clone(source)
}

// Profile returns the JSON Schema of the named validation profile ("strict",
// "compat" or "legacy", as contactevents.Profile spells them), the file
// profiles/<name>.schema.json. An unknown name is an error that lists the
// known ones.
func Profile(name string) ([]byte, error) {
	if name != "" && !strings.ContainsAny(name, "/\\.") {
		if b, err := profiles.ReadFile(path.Join("profiles", name+profileSuffix)); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("schema: unknown profile %q (known: %s)", name, strings.Join(Profiles(), ", "))
}

// Profiles returns the names of the embedded profile schemas, sorted.
func Profiles() []string {
	entries, err := fs.ReadDir(profiles, "profiles")
	if err != nil {
		return nil // cannot happen: the directory is embedded
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), profileSuffix); ok && !e.IsDir() {
			names = append(names, name)
		}
	}
	return names
}
