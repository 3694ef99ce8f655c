package main

import (
	"flag"
	"io"
	"strings"

	"github.com/connectevents/sdk-go/contactevents"
)

// sourceFlags are the flags of the commands that read events from sources
// (validate, normalize, contacts): how to decode them, and S3's (see
// s3Sources.flags).
type sourceFlags struct {
	profile, format *string
	formats         []string
	s3              *s3Sources // --endpoint-url and the S3 timeouts and retries
}

// addSourceFlags defines the source flags on fs.
func addSourceFlags(fs *flag.FlagSet) *sourceFlags {
	sf := &sourceFlags{}
	for _, f := range contactevents.Format("").Values() {
		sf.formats = append(sf.formats, string(f))
	}
	sf.profile = fs.String("profile", string(contactevents.Compat), "validation `profile`: "+strings.Join(profileNames(), ", "))
	sf.format = fs.String("format", string(contactevents.FormatAuto), "delivery `format`: "+strings.Join(sf.formats, ", "))
	sf.s3 = &s3Sources{}
	sf.s3.flags(fs)
	return sf
}

// configure sets the engine's profile and format from the flags; it
// returns the exit status of a usage error, or false.
func (sf *sourceFlags) configure(e *engine, fs *flag.FlagSet, stderr io.Writer) (int, bool) {
	prof, err := contactevents.ParseProfile(*sf.profile)
	if err != nil {
		return usageError(stderr, fs, "unknown profile %q (want one of %s)", *sf.profile, strings.Join(profileNames(), ", ")), true
	}
	e.profile = prof
	f, err := contactevents.ParseFormat(*sf.format)
	if err != nil {
		return usageError(stderr, fs, "unknown format %q (want one of %s)", *sf.format, strings.Join(sf.formats, ", ")), true
	}
	e.format = f
	return 0, false
}
