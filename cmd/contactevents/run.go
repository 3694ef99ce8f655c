package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"github.com/connectevents/sdk-go/contactevents"
)

// maxParallelSources bounds the sources read at once. Each holds at most
// about 9 MiB (the in-memory prefix, one stream value up to the payload
// limit, the NDJSON chunks in flight), so that four keep the process within
// its memory budget (see memoryLimit) whatever the input.
const maxParallelSources = 4

// The parallel run of several sources (a folder, an S3 prefix):
//
//	dispatch (1 goroutine)  -->  sources (up to maxParallelSources workers)  -->  report (caller)
//
// dispatch hands the sources in order to the workers and, in the same
// order, to the caller; each source has its own bounded queue of batches of
// items, so a worker that runs ahead waits for the caller to reach its source
// only once it has queued sourceLookahead items. Items come out in input
// order and memory stays bounded.

// Batches of items queued per source: itemBatch items to a batch, and
// sourceLookahead items in all, about 2.5 MB, more than a Firehose object
// holds with the default 5 MiB buffer, so that the workers rarely wait.
const (
	itemBatch       = 256
	sourceLookahead = 64 * itemBatch
)

// sourceJob is a source being read and the queue of its items.
type sourceJob struct {
	src   source
	items chan []sourceItem
	err   error // set before items is closed
}

// sourceItem is one item of a source with the format it was read in.
type sourceItem struct {
	format string
	it     item
}

// runSources reads every source and emits its items in order; fail
// receives, in order too, the error that ended a source, with its name. It
// returns false when emit asked to stop.
func (e *engine) runSources(ctx context.Context, sources []source, fail func(name string, err error)) bool {
	if len(sources) == 1 {
		// One source: read it here, with every processor on its lines.
		err := e.source(ctx, sources[0], e.emit)
		if errors.Is(err, errStopped) {
			return false
		}
		if err != nil {
			fail(sources[0].name, err)
		}
		return true
	}
	workers := max(1, min(e.workers, maxParallelSources, len(sources)))
	jobs := make(chan *sourceJob)
	order := make(chan *sourceJob, workers)
	stop := make(chan struct{})
	go func() {
		defer close(jobs)
		defer close(order)
		for _, src := range sources {
			j := &sourceJob{src: src, items: make(chan []sourceItem, sourceLookahead/itemBatch)}
			select {
			case order <- j:
			case <-stop:
				return
			}
			select {
			case jobs <- j:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for j := range jobs {
				var batch []sourceItem
				send := func() bool {
					select {
					case j.items <- batch:
						batch = nil
						return true
					case <-stop:
						return false
					}
				}
				j.err = e.lone().source(ctx, j.src, func(_, format string, it *item) bool {
					if batch == nil {
						batch = make([]sourceItem, 0, itemBatch)
					}
					batch = append(batch, sourceItem{format, *it})
					return len(batch) < itemBatch || send()
				})
				if len(batch) > 0 && !send() && j.err == nil {
					j.err = errStopped
				}
				close(j.items)
			}
		}()
	}
	for j := range order {
		for batch := range j.items {
			for i := range batch {
				if !e.emit(j.src.name, batch[i].format, &batch[i].it) {
					close(stop)
					return false
				}
			}
		}
		if j.err != nil && !errors.Is(j.err, errStopped) {
			fail(j.src.name, j.err)
		}
	}
	return true
}

// lone returns a copy of e for one source among several: its lines are
// decoded by one worker, the sources being the unit of parallelism.
func (e *engine) lone() *engine {
	c := *e
	c.workers = 1
	return &c
}

// source opens src, reads its content (decompressed, without a leading byte
// order mark) and emits its items with emit.
func (e *engine) source(ctx context.Context, src source, emit func(src, format string, it *item) bool) error {
	if src.err != nil {
		return src.err
	}
	rc, err := src.open(ctx)
	if err != nil {
		return err
	}
	defer rc.Close()
	r, content, err := contactevents.OpenContent(rc)
	if err != nil {
		return fmt.Errorf("%s: %w", src.name, err)
	}
	// Count (for the progress line) and mark read errors, of decompression
	// too, after the content is opened.
	r = &countingReader{r: r, n: e.read}
	c := *e
	c.emit = emit
	if content.BOM {
		c.emit = withFirst(emit, problem{warning: true, line: 1, col: 1,
			message: "a UTF-8 byte order mark starts the content; it is skipped (RFC 8259 lets a parser ignore it)"})
	}
	return c.process(src.name, r)
}

// withFirst returns emit with p added, first, to the problems of the first
// item: a problem of the whole source, reported where it starts.
func withFirst(emit func(src, format string, it *item) bool, p problem) func(src, format string, it *item) bool {
	first := true
	return func(src, format string, it *item) bool {
		if first {
			first = false
			it.problems = append([]problem{p}, it.problems...)
		}
		return emit(src, format, it)
	}
}

// defaultWorkers is the number of decoding goroutines: one per processor
// Go may use.
func defaultWorkers() int {
	return max(1, runtime.GOMAXPROCS(0))
}
