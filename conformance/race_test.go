//go:build race

package conformance

// raceEnabled: the race detector is on (go test -race). The single-goroutine
// sweeps are sized down under it, where it adds nothing but a tenfold
// slowdown; .ci/run runs them in full without it.
const raceEnabled = true
