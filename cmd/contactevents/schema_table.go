package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/connectevents/sdk-go/contactevents/export"
)

// The formats of `schema`: the JSON Schema of the events (the default), or
// the table that reads an export.
const (
	formatJSONSchema = "jsonschema"  // the JSON Schema of a profile
	formatAthena     = "athena"      // CREATE EXTERNAL TABLE of the exported Parquet
	formatAthenaJSON = "athena-json" // CREATE EXTERNAL TABLE (OpenX JSON SerDe) of normalize's NDJSON
	formatGlue       = "glue"        // the Glue TableInput of the exported Parquet
)

var tableFormats = []string{formatJSONSchema, formatAthena, formatAthenaJSON, formatGlue}

// tableOptions are the flags of `schema` for a table.
type tableOptions struct {
	format, location, table, partition string
	contacts                           bool // the table of export --contacts
}

// tableFlags defines schema's table flags on fs; they are set once fs is
// parsed.
func tableFlags(fs *flag.FlagSet) *tableOptions {
	o := &tableOptions{}
	fs.StringVar(&o.format, "format", formatJSONSchema, "what to print: "+strings.Join(tableFormats, ", ")+
		" (athena: the table of `export`'s Parquet, athena-json: of normalize's NDJSON, glue: a Glue TableInput)")
	fs.StringVar(&o.location, "location", "", "the table's `s3://bucket/prefix/` (the --out of export, or where normalize's output is)")
	fs.StringVar(&o.table, "table", "", "the table's `name` (default contact_events, with --contacts contacts)")
	fs.BoolVar(&o.contacts, "contacts", false, "with --format athena or glue: the table of export --contacts (a row a contact)")
	fs.StringVar(&o.partition, "partition", string(export.PartitionDay), "the export's `layout`: day, hour or none (as export's --partition)")
	return o
}

// printTable prints the table of o.format (a usage error for the JSON
// Schema of the contacts, which has none).
func printTable(fs *flag.FlagSet, o *tableOptions, stdout, stderr io.Writer) int {
	p := export.Partitioning(o.partition)
	if o.table == "" {
		o.table = "contact_events"
		if o.contacts {
			o.table = "contacts"
		}
	}
	switch {
	case !slices.Contains(tableFormats, o.format):
		return usageError(stderr, fs, "unknown format %q (want one of %s)", o.format, strings.Join(tableFormats, ", "))
	case !strings.HasPrefix(o.location, "s3://") || len(o.location) <= len("s3://"):
		return usageError(stderr, fs, "--location s3://bucket/prefix/ is required with --format %s", o.format)
	case o.table == "" || strings.ContainsAny(o.table, "`'\\\n"):
		return usageError(stderr, fs, "invalid table name %q", o.table)
	case !slices.Contains(p.Values(), p):
		return usageError(stderr, fs, "unknown partitioning %q (want day, hour or none)", o.partition)
	case o.contacts && (o.format == formatAthenaJSON || o.format == formatJSONSchema):
		return usageError(stderr, fs, "--contacts is the table of export --contacts: --format athena or glue")
	}
	athena, glue := export.AthenaTable, export.GlueTable
	if o.contacts {
		athena, glue = export.AthenaContactsTable, export.GlueContactsTable
	}
	var out string
	switch o.format {
	case formatAthena:
		out = athena(o.table, o.location, p)
	case formatAthenaJSON:
		out = export.AthenaJSONTable(o.table, o.location)
	case formatGlue:
		b, err := json.MarshalIndent(glue(o.table, o.location, p), "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "contactevents: %v\n", err)
			return exitError
		}
		out = string(b) + "\n"
	}
	if _, err := io.WriteString(stdout, out); err != nil {
		fmt.Fprintf(stderr, "contactevents: %v\n", err)
		return exitError
	}
	return exitValid
}
