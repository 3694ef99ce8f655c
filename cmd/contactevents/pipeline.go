package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/connectevents/sdk-go/contactevents"
)

// The NDJSON pipeline. A dump of newline-delimited events (a Firehose or S3
// export) can be gigabytes; it is read in constant memory and decoded on
// every processor:
//
//	split (1 goroutine)  -->  decode (GOMAXPROCS workers)  -->  emit (caller)
//
// split cuts the input into chunks of whole lines (about chunkSize bytes)
// and queues each chunk twice: on jobs, for the first idle worker, and on
// order, in input order, for the caller. The caller takes the chunks from
// order one by one and waits until each is decoded, so that items come out
// in input order, whatever order the workers finish in. Both queues are
// bounded, so at most about 4*GOMAXPROCS+4 chunks are in memory at once.
//
// Each line is one document: Parse validates it (any single-event delivery
// format is detected, as the delivery layer does for each NDJSON value), and
// a line that holds several events (a Lambda batch, an array) is read with
// NewDecoder, as is a line whose Parse failed in a record of a batch (Parse
// stops at the first failing record). Syntax errors and issues are located
// in the line, so they come with the line's number and a column.

const (
	// chunkSize is the size of the chunks of lines handed to the workers:
	// about a hundred events, enough to make the queueing negligible.
	chunkSize = 256 << 10
	// maxLine bounds a line kept in memory: the SDK's payload limit, which
	// bounds one value of a stream (a line of NDJSON). A longer line is
	// skipped and reported as the SDK would report it.
	maxLine = contactevents.DefaultMaxPayloadSize
)

// chunk is a run of whole lines of the input and, once decoded, their items.
type chunk struct {
	buf       *[]byte // the lines, each ending in '\n' but perhaps the last
	firstLine int     // the line number of the first line
	tooLong   int     // when > 0, the chunk stands for one skipped line of that many bytes
	items     []item
	canon     []byte // the canonical JSON of the valid events (normalize)
	done      chan struct{}
}

var bufPool = sync.Pool{New: func() any {
	b := make([]byte, 0, chunkSize+16<<10)
	return &b
}}

func newChunk(firstLine int) *chunk {
	b := bufPool.Get().(*[]byte)
	*b = (*b)[:0]
	return &chunk{buf: b, firstLine: firstLine, done: make(chan struct{})}
}

func (c *chunk) release() {
	if c.buf != nil && cap(*c.buf) <= 2*chunkSize {
		bufPool.Put(c.buf)
	}
	c.buf, c.items, c.canon = nil, nil, nil
}

// lines validates the NDJSON source r, named name, with the pipeline.
func (e *engine) lines(name string, r io.Reader) error {
	workers := max(1, e.workers)
	jobs := make(chan *chunk, workers)
	order := make(chan *chunk, 2*workers+2)
	stop := make(chan struct{})

	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		readErr = split(r, jobs, order, stop)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newLineWorker(e)
			for c := range jobs {
				w.run(c)
				close(c.done)
			}
		}()
	}

	stopped := false
	index := 0
	for c := range order {
		<-c.done
		for i := range c.items {
			if stopped {
				break
			}
			c.items[i].index = index
			index++
			if !e.emit(name, string(contactevents.FormatNDJSON), &c.items[i]) {
				stopped = true
				close(stop)
			}
		}
		c.release()
	}
	wg.Wait()
	switch {
	case stopped:
		return errStopped
	case readErr != nil:
		return fmt.Errorf("%s: %w", name, readErr)
	}
	return nil
}

// split reads r line by line into chunks and queues them (see above). It
// returns the read error that ended the input, if any.
func split(r io.Reader, jobs, order chan<- *chunk, stop <-chan struct{}) error {
	send := func(c *chunk) bool {
		select {
		case order <- c:
		case <-stop:
			return false
		}
		select {
		case jobs <- c:
			return true
		case <-stop:
			close(c.done) // never decoded: nothing to wait for
			return false
		}
	}
	br := bufio.NewReaderSize(r, 256<<10)
	lines := 0 // lines read so far
	c := newChunk(1)
	for {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the reader's buffer: gather it, up to
			// maxLine.
			start, size := len(*c.buf), len(b)
			*c.buf = append(*c.buf, b...)
			for errors.Is(err, bufio.ErrBufferFull) {
				b, err = br.ReadSlice('\n')
				if size += len(b); size <= maxLine {
					*c.buf = append(*c.buf, b...)
				}
			}
			lines++
			if size > maxLine {
				*c.buf = (*c.buf)[:start]
				if len(*c.buf) > 0 {
					if !send(c) {
						return nil
					}
					c = newChunk(lines)
				}
				c.tooLong = size
				if !send(c) {
					return nil
				}
				c = newChunk(lines + 1)
			}
		} else if len(b) > 0 {
			*c.buf = append(*c.buf, b...)
			lines++
		}
		if err != nil {
			if len(*c.buf) > 0 && !send(c) {
				return nil
			}
			if err == io.EOF {
				return nil
			}
			return err
		}
		if len(*c.buf) >= chunkSize {
			if !send(c) {
				return nil
			}
			c = newChunk(lines + 1)
		}
	}
}

// lineWorker decodes chunks; each worker has its own.
type lineWorker struct {
	e     *engine
	warns []contactevents.Issue
	opts  []contactevents.Option
}

func newLineWorker(e *engine) *lineWorker {
	w := &lineWorker{e: e}
	// Each line is classified on its own, as the delivery layer does for
	// the values of an NDJSON stream.
	w.opts = e.options(contactevents.FormatAuto, &w.warns)
	return w
}

// run decodes the lines of c into c.items.
func (w *lineWorker) run(c *chunk) {
	if c.tooLong > 0 {
		c.items = append(c.items, item{line: c.firstLine, col: 1, problems: []problem{{
			message: "line of " + strconv.Itoa(c.tooLong) + " bytes: " + contactevents.ErrTooLarge.Error(),
			line:    c.firstLine, col: 1,
		}}})
		return
	}
	buf := *c.buf
	for n := c.firstLine; len(buf) > 0; n++ {
		line := buf
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			line, buf = buf[:i], buf[i+1:]
		} else {
			buf = nil
		}
		w.line(c, line, n)
	}
}

// line decodes one line, number n, into c.items.
func (w *lineWorker) line(c *chunk, line []byte, n int) {
	trimmed := bytes.TrimLeft(line, " \t\r")
	wh := where{data: bytes.TrimRight(trimmed, " \t\r"), line: n, col: 1 + len(line) - len(trimmed)}
	if len(wh.data) == 0 {
		return
	}
	w.warns = w.warns[:0]
	ev, err := contactevents.Parse(wh.data, w.opts...)
	var re *contactevents.RecordError
	switch {
	case errors.Is(err, contactevents.ErrMultipleEvents), errors.As(err, &re) && re.Pointer != "":
		// Several events (a batch, an array), or a record of a container
		// that failed, after which Parse stops: read them all.
	case err == nil && len(w.warns) == 0, isDocument(contactevents.DetectFormat(wh.data)):
		// Valid without a word to say, or an event document, which is its
		// own record (no pointer to name).
		c.items = append(c.items, w.item(c, &contactevents.Record{Event: ev}, err, &wh))
		return
	}
	// A wrapper (an SNS notification, a batch): the decoder names each
	// record, for its problems.
	for rec, err := range contactevents.NewDecoder(bytes.NewReader(wh.data), w.opts...).Records() {
		w.warns = append(w.warns[:0], rec.Warnings...)
		c.items = append(c.items, w.item(c, rec, err, &wh))
	}
}

// isDocument reports whether f is that of an event document itself.
func isDocument(f contactevents.Format) bool {
	return f == contactevents.FormatEventBridge || f == contactevents.FormatDetail
}

func (w *lineWorker) item(c *chunk, rec *contactevents.Record, err error, wh *where) item {
	var canon []byte
	if err == nil && w.e.canonical {
		start := len(c.canon)
		c.canon = rec.Event.AppendJSON(c.canon)
		canon = c.canon[start:len(c.canon):len(c.canon)]
	}
	it := makeItem(rec, err, w.warns, wh, canon)
	if err == nil && w.e.keep {
		it.event = rec.Event
	}
	w.warns = w.warns[:0]
	return it
}
