package duckdb

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/connectevents/sdk-go/contactevents/export"
)

// TestHalvesQueryAsTheWhole exports the archive once and as two halves (two
// runs into one folder, as two invocations for two S3 objects would): the
// same rows, the same answers to the README's queries.
func TestHalvesQueryAsTheWhole(t *testing.T) {
	events := archive(t, archiveSize(t))
	whole, halves := archiveExport(t), t.TempDir()
	exportTo(t, halves, export.PartitionHour, events[:len(events)/2])
	exportTo(t, halves, export.PartitionHour, events[len(events)/2:])
	db := openDB(t)
	// Every row but its line (the halves number their events from 1 each):
	// the same multiset of rows, by the count and the sum and xor of the
	// rows' hashes.
	fingerprint := func(dir, where string) string {
		var s string
		q := "SELECT count(*)::VARCHAR || ' ' || sum(h)::VARCHAR || ' ' || bit_xor(h)::VARCHAR FROM " +
			"(SELECT hash(r) AS h FROM (SELECT * EXCLUDE (source_line) FROM " + scan(dir) + where + ") r)"
		if err := db.QueryRow(q).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if a, b := fingerprint(whole, ""), fingerprint(halves, ""); a != b {
		t.Errorf("the rows differ: whole %s, halves %s (count, sum and xor of the rows' hashes)", a, b)
	}
	// The fingerprint tells rows apart: one row fewer changes it.
	if fingerprint(whole, " WHERE id <> '"+events[0].ev.ID+"'") == fingerprint(whole, "") {
		t.Error("the fingerprint of the archive without its first event is the archive's")
	}
	queries := readmeQueries(t)
	for i, q := range queries {
		a, b := query(t, db, whole, q), query(t, db, halves, q)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("README query %d answers differently on the halves:\n%s\nwhole: %v\nhalves: %v", i+1, q, a, b)
		}
	}
}

// TestREADMEQueries runs the README's example queries on an export of the
// archive, with the table as a view of the files: each runs and answers.
func TestREADMEQueries(t *testing.T) {
	dir := archiveExport(t)
	db := openDB(t)
	queries := readmeQueries(t)
	if len(queries) != 3 {
		t.Fatalf("%d queries in the README's section, want 3", len(queries))
	}
	for i, q := range queries {
		if rows := query(t, db, dir, q); len(rows) == 0 {
			t.Errorf("README query %d answers nothing:\n%s", i+1, q)
		}
	}
}

// readmeQueries are the SELECT statements of the README's section "Query
// your archive with Athena".
func readmeQueries(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Query your archive with Athena\n")
	if !ok {
		t.Fatal("README.md has no section \"Query your archive with Athena\"")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var out []string
	for _, m := range regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(section, -1) {
		if strings.HasPrefix(m[1], "SELECT") {
			out = append(out, m[1])
		}
	}
	return out
}

// query runs q with contact_events a view of the Parquet files under dir
// (the table Athena would have) and returns its rows as text.
func query(t *testing.T, db *sql.DB, dir, q string) [][]string {
	t.Helper()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "CREATE OR REPLACE TEMP VIEW contact_events AS SELECT * FROM "+scan(dir)); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(t.Context(), q)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var row []string
		for _, v := range vals {
			row = append(row, fmt.Sprint(v))
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
