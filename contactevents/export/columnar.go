package export

import (
	"fmt"
	"slices"
	"unsafe"

	"github.com/parquet-go/parquet-go"

	"github.com/connectevents/sdk-go/contactevents"
)

// The runtime of the generated column writes (columnar_gen.go): an event's
// values go straight into a batch of values per leaf column, with the
// repetition and definition levels the generated code computes from the
// schema's nesting, and a batch goes to the file's column writers
// (parquet.ColumnWriter.WriteRowValues) without parquet-go's reflective
// row writer. The row types of rows_gen.go stay the Parquet schema:
// TestColumnarWritesTheRows checks that both write the same rows.
//
// Levels, as Parquet defines them: a value's definition level counts the
// optional and repeated fields on its path that are present (a NULL stops
// counting at the first absent one), its repetition level says at which
// repeated field on its path a new element starts (0: a new row). Every
// row column is optional, a list is optional group, repeated group list,
// required element (+2 for a present element), a map optional group,
// repeated group key_value, required key and value (+2 for an entry). The
// generated code passes rep (the repetition level of the next value),
// def (the definition level of the enclosing value, present) and depth
// (the repeated fields on the path so far).

// columns holds the values of the rows filled and not yet handed to
// parquet-go: a slice per leaf column, in the order of the row's schema.
type columns struct {
	values [numColumns][]parquet.Value
	rows   int
	keys   keyStack
}

// write hands the held values to the column writers of a file and empties
// c. Each call is whole rows, as WriteRowValues needs (a data page never
// splits a row).
func (c *columns) write(ws []*parquet.ColumnWriter) error {
	if c.rows == 0 {
		return nil
	}
	if len(ws) != numColumns {
		return fmt.Errorf("export: the file has %d columns, the generated writes %d", len(ws), numColumns)
	}
	for i, w := range ws {
		if _, err := w.WriteRowValues(c.values[i]); err != nil {
			return fmt.Errorf("column %s: %w", columnPaths[i], err)
		}
		// Not cleared: the values left point into at most a batch of
		// events until they are overwritten, and clearing pointers costs
		// write barriers while the collector runs.
		c.values[i] = c.values[i][:0]
	}
	c.rows = 0
	return nil
}

// bytesOf is s as bytes, without a copy: parquet-go copies a value's bytes
// into its column buffer and never writes to them.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// put appends v to column col with its levels. The single-field setters
// are inlined, where Value.Level is not.
func (c *columns) put(col int, rep, def byte, v parquet.Value) {
	v.SetRepetitionLevel(int(rep))
	v.SetDefinitionLevel(int(def))
	v.SetColumnIndex(col)
	p := &c.values[col]
	*p = append(*p, v)
}

// str appends the string s, present at definition level def.
func (c *columns) str(col int, rep, def byte, s string) {
	c.put(col, rep, def, parquet.ByteArrayValue(bytesOf(s)))
}

// optionalStr appends s, NULL when it is empty (the absent value of a Go
// string field), else present at def+1.
func (c *columns) optionalStr(col int, rep, def byte, s string) {
	if s == "" {
		c.null(col, rep, def)
		return
	}
	c.str(col, rep, def+1, s)
}

// pointerStr appends *s, NULL when s is nil.
func (c *columns) pointerStr(col int, rep, def byte, s *string) {
	if s == nil {
		c.null(col, rep, def)
		return
	}
	c.str(col, rep, def+1, *s)
}

func (c *columns) int64(col int, rep, def byte, x int64) {
	c.put(col, rep, def, parquet.Int64Value(x))
}

func (c *columns) pointerInt64(col int, rep, def byte, x *int64) {
	if x == nil {
		c.null(col, rep, def)
		return
	}
	c.int64(col, rep, def+1, *x)
}

func (c *columns) float64(col int, rep, def byte, x float64) {
	c.put(col, rep, def, parquet.DoubleValue(x))
}

func (c *columns) pointerFloat64(col int, rep, def byte, x *float64) {
	if x == nil {
		c.null(col, rep, def)
		return
	}
	c.float64(col, rep, def+1, *x)
}

func (c *columns) bool(col int, rep, def byte, x bool) {
	c.put(col, rep, def, parquet.BooleanValue(x))
}

func (c *columns) pointerBool(col int, rep, def byte, x *bool) {
	if x == nil {
		c.null(col, rep, def)
		return
	}
	c.bool(col, rep, def+1, *x)
}

// timestamp appends t in milliseconds since the epoch, NULL when absent; a
// not-set timestamp (Amazon Connect's 1970-01-01T00:00:00.001Z) is that
// instant, so that absent and not set stay apart (see millis).
func (c *columns) timestamp(col int, rep, def byte, t contactevents.Timestamp) {
	if t.IsZero() {
		c.null(col, rep, def)
		return
	}
	c.int64(col, rep, def+1, t.Time().UnixMilli())
}

func (c *columns) null(col int, rep, def byte) {
	c.put(col, rep, def, parquet.Value{})
}

// nulls appends a NULL at definition level def to each of the n columns
// from col: the leaves of an absent struct, list or map.
func (c *columns) nulls(col, n int, rep, def byte) {
	var v parquet.Value
	v.SetRepetitionLevel(int(rep))
	v.SetDefinitionLevel(int(def))
	columns := c.values[col : col+n]
	for i := range columns {
		v.SetColumnIndex(col + i)
		columns[i] = append(columns[i], v)
	}
}

// emptyList appends the NULLs of a list or map of n leaf columns at col
// that has no element: at def when it is nil (NULL), at def+1 when it is
// empty. A list with elements appends nothing here.
func (c *columns) emptyList(col, n int, rep, def byte, isNil bool, length int) {
	switch {
	case isNil:
		c.nulls(col, n, rep, def)
	case length == 0:
		c.nulls(col, n, rep, def+1)
	}
}

// elemRep is the repetition level of element i of a list (or entry of a
// map) at repetition depth depth: the enclosing value's for the first, the
// list's own (depth+1) for the others.
func elemRep(i int, rep, depth byte) byte {
	if i == 0 {
		return rep
	}
	return depth + 1
}

// keyStack holds the sorted keys of the maps being written (a map of maps
// nests them): parquet-go writes a map's entries in key order, and so do
// the generated writes, without a slice allocated per map.
type keyStack struct{ keys []string }

// pushKeys returns the keys of m, sorted, held until popKeys.
func pushKeys[V any](s *keyStack, m map[string]V) []string {
	start := len(s.keys)
	for k := range m {
		s.keys = append(s.keys, k)
	}
	keys := s.keys[start:]
	slices.Sort(keys)
	return keys
}

// popKeys releases the n keys pushed last.
func (s *keyStack) popKeys(n int) {
	clear(s.keys[len(s.keys)-n:])
	s.keys = s.keys[:len(s.keys)-n]
}
