package export

import (
	"fmt"
	"strings"
)

// ProjectionStart is the first day of the tables' partition projection:
// contact events did not exist before it.
const ProjectionStart = "2020-01-01"

// HiveType is the type of c in Hive DDL, as Athena and Glue write it:
// string, bigint, timestamp, struct<`a`:string>, array<...>, map<string,...>.
func HiveType(c Column) string { return hiveType(c, "timestamp", "`") }

// hiveType is c's Hive type with timestamps as ts and struct field names
// between quote.
func hiveType(c Column, ts, quote string) string {
	switch c.Kind {
	case KindTimestamp:
		return ts
	case KindStruct:
		var fs []string
		for _, f := range c.Fields {
			fs = append(fs, quote+f.Name+quote+":"+hiveType(f, ts, quote))
		}
		return "struct<" + strings.Join(fs, ",") + ">"
	case KindArray:
		return "array<" + hiveType(*c.Elem, ts, quote) + ">"
	case KindMap:
		return "map<string," + hiveType(*c.Elem, ts, quote) + ">"
	}
	return string(c.Kind)
}

// PartitionColumns are the partition columns of the layout p, with their
// Hive types: dt (a date as yyyy-MM-dd, typed string, as partition
// projection of type date wants) and, for PartitionHour, hour (00 to 23).
func PartitionColumns(p Partitioning) [][2]string {
	switch p {
	case PartitionDay:
		return [][2]string{{"dt", "string"}}
	case PartitionHour:
		return [][2]string{{"dt", "string"}, {"hour", "string"}}
	}
	return nil
}

// AthenaTable returns the CREATE EXTERNAL TABLE statement of the Parquet
// files an export with the layout p wrote under location (s3://bucket/prefix/),
// with partition projection of that layout: no crawler, no MSCK REPAIR
// TABLE, new partitions are queryable as soon as their files are written.
func AthenaTable(table, location string, p Partitioning) string {
	return athenaTable(table, location, p, Columns())
}

// AthenaContactsTable is AthenaTable for the contact rows a ContactWriter
// wrote under location.
func AthenaContactsTable(table, location string, p Partitioning) string {
	return athenaTable(table, location, p, ContactColumns())
}

func athenaTable(table, location string, p Partitioning, columns []Column) string {
	location = strings.TrimSuffix(location, "/") + "/"
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE EXTERNAL TABLE IF NOT EXISTS `%s` (\n", table)
	writeColumns(&b, columns, HiveType)
	b.WriteString(")\n")
	if parts := PartitionColumns(p); len(parts) > 0 {
		var cols []string
		for _, pc := range parts {
			cols = append(cols, "`"+pc[0]+"` "+pc[1])
		}
		fmt.Fprintf(&b, "PARTITIONED BY (%s)\n", strings.Join(cols, ", "))
	}
	b.WriteString("STORED AS PARQUET\n")
	fmt.Fprintf(&b, "LOCATION '%s'\n", location)
	b.WriteString("TBLPROPERTIES (\n")
	props := tableProperties(location, p)
	writeProps(&b, props)
	b.WriteString(");\n")
	return b.String()
}

// tableProperties are the properties of the Parquet table under location:
// the schema version and the partition projection of the layout p.
func tableProperties(location string, p Partitioning) [][2]string {
	props := [][2]string{{"contactevents.schema_version", SchemaVersion}}
	if p == PartitionNone {
		return props
	}
	template := location
	for _, pc := range PartitionColumns(p) {
		template += pc[0] + "=${" + pc[0] + "}/"
	}
	props = append(props,
		[2]string{"projection.enabled", "true"},
		[2]string{"projection.dt.type", "date"},
		[2]string{"projection.dt.format", "yyyy-MM-dd"},
		[2]string{"projection.dt.range", ProjectionStart + ",NOW"},
		[2]string{"projection.dt.interval", "1"},
		[2]string{"projection.dt.interval.unit", "DAYS"},
	)
	if p == PartitionHour {
		props = append(props,
			[2]string{"projection.hour.type", "integer"},
			[2]string{"projection.hour.range", "0,23"},
			[2]string{"projection.hour.digits", "2"},
		)
	}
	return append(props, [2]string{"storage.location.template", template})
}

// GlueTableInput is the TableInput of the AWS Glue API (CreateTable), as
// `aws glue create-table --table-input` reads it.
type GlueTableInput struct {
	Name              string
	TableType         string
	Parameters        map[string]string
	PartitionKeys     []GlueColumn
	StorageDescriptor GlueStorageDescriptor
}

// GlueStorageDescriptor is the StorageDescriptor of a GlueTableInput.
type GlueStorageDescriptor struct {
	Columns      []GlueColumn
	Location     string
	InputFormat  string
	OutputFormat string
	SerdeInfo    struct{ SerializationLibrary string }
}

// GlueColumn is a column of a GlueTableInput.
type GlueColumn struct{ Name, Type string }

// GlueTable returns the Glue table of the Parquet files an export with the
// layout p wrote under location: the table AthenaTable creates.
func GlueTable(table, location string, p Partitioning) GlueTableInput {
	return glueTable(table, location, p, Columns())
}

// GlueContactsTable is GlueTable for the contact rows a ContactWriter wrote
// under location.
func GlueContactsTable(table, location string, p Partitioning) GlueTableInput {
	return glueTable(table, location, p, ContactColumns())
}

func glueTable(table, location string, p Partitioning, columns []Column) GlueTableInput {
	location = strings.TrimSuffix(location, "/") + "/"
	t := GlueTableInput{Name: table, TableType: "EXTERNAL_TABLE", Parameters: map[string]string{"classification": "parquet", "EXTERNAL": "TRUE"}}
	for _, kv := range tableProperties(location, p) {
		t.Parameters[kv[0]] = kv[1]
	}
	for _, pc := range PartitionColumns(p) {
		t.PartitionKeys = append(t.PartitionKeys, GlueColumn{pc[0], pc[1]})
	}
	for _, c := range columns {
		t.StorageDescriptor.Columns = append(t.StorageDescriptor.Columns, GlueColumn{c.Name, hiveType(c, "timestamp", "")})
	}
	t.StorageDescriptor.Location = location
	t.StorageDescriptor.InputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
	t.StorageDescriptor.OutputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
	t.StorageDescriptor.SerdeInfo.SerializationLibrary = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
	return t
}

// AthenaJSONTable returns the CREATE EXTERNAL TABLE statement, with the
// OpenX JSON SerDe, of the NDJSON that `contactevents normalize` writes
// under location: the envelope's members and detail, a struct of the
// contact event's. The keys are canonical, so the SerDe's case-insensitive
// matching finds each exactly once; a column whose name is not its key
// lowercased (detail_type, contact_id, ...) is mapped to it. Timestamps are
// strings there (ISO 8601 text, as in the events): from_iso8601_timestamp
// reads them. Members not in the schema are not in the table.
func AthenaJSONTable(table, location string) string {
	location = strings.TrimSuffix(location, "/") + "/"
	var envelope, detail []Column
	for _, c := range Columns() {
		switch {
		case c.Key == "":
		case c.InEnvelope:
			envelope = append(envelope, c)
		default:
			detail = append(detail, c)
		}
	}
	detailKey := "detail"
	cols := append(envelope, Column{Name: detailKey, Key: detailKey, Kind: KindStruct, Fields: detail})
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE EXTERNAL TABLE IF NOT EXISTS `%s` (\n", table)
	// Timestamps are the events' ISO 8601 strings there.
	writeColumns(&b, cols, func(c Column) string { return hiveType(c, "string", "`") })
	b.WriteString(")\n")
	b.WriteString("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\n")
	b.WriteString("WITH SERDEPROPERTIES (\n")
	props := [][2]string{{"case.insensitive", "true"}, {"ignore.malformed.json", "false"}}
	seen := map[string]bool{}
	var mapping func([]Column)
	mapping = func(cs []Column) {
		for _, c := range cs {
			if c.Key != "" && strings.ToLower(c.Key) != c.Name && !seen[c.Name] {
				seen[c.Name] = true
				props = append(props, [2]string{"mapping." + c.Name, strings.ToLower(c.Key)})
			}
			mapping(c.Fields)
			if c.Elem != nil {
				mapping(c.Elem.Fields)
			}
		}
	}
	mapping(cols)
	writeProps(&b, props)
	b.WriteString(")\n")
	b.WriteString("STORED AS TEXTFILE\n")
	fmt.Fprintf(&b, "LOCATION '%s';\n", location)
	return b.String()
}

func writeColumns(b *strings.Builder, cols []Column, typ func(Column) string) {
	for i, c := range cols {
		sep := ","
		if i == len(cols)-1 {
			sep = ""
		}
		fmt.Fprintf(b, "  `%s` %s%s\n", c.Name, typ(c), sep)
	}
}

func writeProps(b *strings.Builder, props [][2]string) {
	for i, p := range props {
		sep := ","
		if i == len(props)-1 {
			sep = ""
		}
		fmt.Fprintf(b, "  '%s'='%s'%s\n", p[0], p[1], sep)
	}
}
