// Package duckdb holds tests only: the Parquet files of
// github.com/connectevents/sdk-go/contactevents/export read back by DuckDB,
// embedded (cgo, statically linked, no extension loaded from the network),
// and compared with what contactevents.Parse gives. It is a module of its
// own so that the SDK's users never download DuckDB; .ci/run runs it:
//
//	(cd conformance/duckdb && go test -count=1 ./...)
package duckdb
