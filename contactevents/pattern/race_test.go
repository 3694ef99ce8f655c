//go:build race

package pattern_test

// raceEnabled: the race detector makes sync.Pool drop items, so the
// allocation count of a pooled path is not meaningful.
const raceEnabled = true
