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
}

// tableFlags defines schema's table flags on fs; they are set once fs is
// parsed.
func tableFlags(fs *flag.FlagSet) *tableOptions {
	o := &tableOptions{}
	fs.StringVar(&o.format, "format", formatJSONSchema, "what to print: "+strings.Join(tableFormats, ", ")+
		" (athena: the table of `export`'s Parquet, athena-json: of normalize's NDJSON, glue: a Glue TableInput)")
	fs.StringVar(&o.location, "location", "", "the table's `s3://bucket/prefix/` (the --out of export, or where normalize's output is)")
	fs.StringVar(&o.table, "table", "contact_events", "the table's `name`")
	fs.StringVar(&o.partition, "partition", string(export.PartitionDay), "the export's `layout`: day, hour or none (as export's --partition)")
	return o
}

// printTable prints the table of o.format.
func printTable(fs *flag.FlagSet, o *tableOptions, stdout, stderr io.Writer) int {
	p := export.Partitioning(o.partition)
	switch {
	case !slices.Contains(tableFormats, o.format):
		return usageError(stderr, fs, "unknown format %q (want one of %s)", o.format, strings.Join(tableFormats, ", "))
	case !strings.HasPrefix(o.location, "s3://") || len(o.location) <= len("s3://"):
		return usageError(stderr, fs, "--location s3://bucket/prefix/ is required with --format %s", o.format)
	case o.table == "" || strings.ContainsAny(o.table, "`'\\\n"):
		return usageError(stderr, fs, "invalid table name %q", o.table)
	case !slices.Contains(p.Values(), p):
		return usageError(stderr, fs, "unknown partitioning %q (want day, hour or none)", o.partition)
	}
	var out string
	switch o.format {
	case formatAthena:
		out = export.AthenaTable(o.table, o.location, p)
	case formatAthenaJSON:
		out = export.AthenaJSONTable(o.table, o.location)
	case formatGlue:
		b, err := json.MarshalIndent(export.GlueTable(o.table, o.location, p), "", "  ")
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
