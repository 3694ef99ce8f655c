package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
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
// bounded (a chunk on jobs is on order too), so at most 2*workers+4 chunks
// are in memory at once: order's 2*workers+2, the one split fills and the
// one the caller emits. The input is read no further ahead of the item
// being emitted than those chunks (each chunkSize and one line at most)
// and the engine's in-memory prefix
// (TestLargeNDJSONStreamsWithBoundedReadAhead).
//
// Each line is one payload, read once by contactevents.Records (its
// delivery format is detected, as the delivery layer does for each NDJSON
// value): an event document is one record, a line that holds several
// events (a Lambda batch, an array) yields each. Syntax errors and issues
// are located in the line, so they come with the line's number and a
// column.

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

// The chunks' line buffers and item slices are reused: a chunk's items,
// grown one line at a time, were most of what the pipeline allocated.
var (
	bufPool = sync.Pool{New: func() any {
		b := make([]byte, 0, chunkSize+16<<10)
		return &b
	}}
	itemsPool = sync.Pool{New: func() any { return new([]item) }}
)

// maxPooledItems bounds the item slices kept for reuse: a chunk of many
// tiny lines must not pin its items.
const maxPooledItems = 4096

func newChunk(firstLine int) *chunk {
	b := bufPool.Get().(*[]byte)
	*b = (*b)[:0]
	return &chunk{buf: b, firstLine: firstLine, done: make(chan struct{})}
}

// release returns the chunk's buffers to their pools once its items are
// emitted (emit keeps no item).
func (c *chunk) release() {
	if c.buf != nil && cap(*c.buf) <= 2*chunkSize {
		bufPool.Put(c.buf)
	}
	if c.items != nil && cap(c.items) <= maxPooledItems {
		clear(c.items) // drop what the items point to
		items := c.items[:0]
		itemsPool.Put(&items)
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

// split reads r into chunks of whole lines and queues them (see above).
// It reads into the chunks' own buffers, about chunkSize bytes at a time,
// and cuts each after its last newline, the line begun after it going to
// the next chunk: the workers are the only ones that look for the lines'
// ends. It returns the read error that ended the input, if any: a line
// that the error cuts is not queued (it is not an event), and the error
// says how far the input got.
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
	empty := 0 // reads in a row that returned nothing
	read := func(p []byte) (int, error) {
		n, err := r.Read(p)
		if n > 0 || err != nil {
			empty = 0
			return n, err
		}
		// A reader that never returns anything: an error, as bufio.Reader
		// makes of it, rather than a hang.
		if empty++; empty >= 100 {
			return 0, io.ErrNoProgress
		}
		return 0, nil
	}
	lines := 0    // whole lines queued so far
	var off int64 // bytes of the whole lines
	var rerr error
	c := newChunk(1)
	for {
		buf := *c.buf // the line the last chunk left begun, then what is read
		for len(buf) < chunkSize && rerr == nil {
			var n int
			n, rerr = read(buf[len(buf):chunkSize])
			buf = buf[:len(buf)+n]
		}
		nl := bytes.LastIndexByte(buf, '\n')
		for nl < 0 && rerr == nil && len(buf) <= maxLine {
			// A line longer than the chunk: gather it, up to maxLine.
			if len(buf) == cap(buf) {
				buf = slices.Grow(buf, len(buf))
			}
			var n int
			n, rerr = read(buf[len(buf):min(cap(buf), maxLine+1)])
			if i := bytes.LastIndexByte(buf[len(buf):len(buf)+n], '\n'); i >= 0 {
				nl = len(buf) + i
			}
			buf = buf[:len(buf)+n]
		}
		if nl < 0 && len(buf) > maxLine {
			// Longer than maxLine: skip it, reading on to its end into
			// the same buffer, and queue a chunk that stands for it.
			size := len(buf)
			var rest []byte // what follows the line in the last read
			for rerr == nil {
				var n int
				n, rerr = read(buf[:cap(buf)])
				if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
					size += i + 1
					rest = buf[i+1 : n]
					break
				}
				size += n
			}
			if rerr != nil && rerr != io.EOF {
				return readErrorAt(rerr, off, lines+1) // cut: no line
			}
			next := newChunk(lines + 2)
			*next.buf = append(*next.buf, rest...)
			*c.buf, c.tooLong = buf[:0], size
			if !send(c) {
				return nil
			}
			lines++
			off += int64(size)
			c = next
			continue
		}
		whole, begun := buf, []byte(nil) // the whole lines, the begun one
		if rerr != io.EOF {
			whole, begun = buf[:nl+1], buf[nl+1:]
		}
		*c.buf = whole
		if len(whole) > 0 {
			n := bytes.Count(whole, []byte{'\n'})
			if whole[len(whole)-1] != '\n' {
				n++ // the last line, at the end of the input
			}
			next := newChunk(lines + n + 1)
			if rerr == nil {
				*next.buf = append(*next.buf, begun...)
			}
			if !send(c) {
				return nil
			}
			lines += n
			off += int64(len(whole))
			c = next
		}
		switch {
		case rerr == io.EOF:
			return nil
		case rerr != nil:
			// The line begun is cut: it goes no further than the error.
			return readErrorAt(rerr, off, lines+1)
		}
	}
}

// readErrorAt returns the read error err of a source's content with how far
// the content got: off bytes, in line (a *contactevents.ContentError says it
// already).
func readErrorAt(err error, off int64, line int) error {
	if ce := (*contactevents.ContentError)(nil); errors.As(err, &ce) {
		return err
	}
	return fmt.Errorf("read error after %d bytes, line %d: %w", off, line, err)
}

// lineWorker decodes chunks; each worker has its own.
type lineWorker struct {
	e    *engine
	opts []contactevents.Option
	// parser decodes the lines when no event outlives its item (validate,
	// normalize): each event reuses the storage of the one before instead
	// of being a fresh heap object, which the collector would then scan
	// and free. nil when events are kept (export) or tracked (contacts).
	parser *contactevents.Parser
	// The line being read, for onRecord: its chunk and where it is.
	c  *chunk
	wh where
	// yield is onRecord, made once: a line's records are read by calling
	// its iterator with it, where a range loop's body would be a closure
	// allocated, with what it captures, for every line.
	yield func(*contactevents.Record, error) bool
}

func newLineWorker(e *engine) *lineWorker {
	w := &lineWorker{e: e}
	// Each line is classified on its own, as the delivery layer does for
	// the values of an NDJSON stream. Warnings come with each record.
	w.opts = e.options(contactevents.FormatAuto, nil)
	if !e.keep && e.track == nil {
		// Nor does it outlive the chunk its line is in: its strings may
		// point into the chunk instead of a copy of the line.
		w.parser = contactevents.NewParser(append(slices.Clip(w.opts), contactevents.WithNoCopy())...)
	}
	w.yield = w.onRecord
	return w
}

// run decodes the lines of c into c.items.
func (w *lineWorker) run(c *chunk) {
	c.items = *itemsPool.Get().(*[]item)
	if c.tooLong > 0 {
		c.items = append(c.items, item{line: c.firstLine, col: 1, problems: []problem{{
			message: "line of " + strconv.Itoa(c.tooLong) + " bytes: " + contactevents.ErrTooLarge.Error() + " of a payload, " + strconv.Itoa(maxLine) + " bytes",
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
	data, lead := trimLine(line)
	if len(data) == 0 {
		return
	}
	col := 1 + lead
	if bytes.HasPrefix(data, utf8BOM) {
		// The BOM that starts the content is gone (OpenContent): this one
		// is inside it, an error as NewDecoder reports it (see
		// TestDecisionByteOrderMarkOnlyStartsAStream), though Parse would
		// skip it at the start of the line taken alone.
		c.items = append(c.items, item{line: n, col: col, problems: []problem{{
			syntax: true, message: bomInside, line: n, col: col,
		}}})
		return
	}
	// One read of the line: an event document is one record (with Parse's
	// diagnosis of a malformed one), a wrapper (an SNS notification, a
	// batch) yields each of its records, named.
	w.c, w.wh = c, where{data: data, line: n, col: col}
	if w.parser != nil {
		w.parser.Records(data)(w.yield)
	} else {
		contactevents.Records(data, w.opts...)(w.yield)
	}
	w.c, w.wh = nil, where{} // keep neither the chunk nor the line
}

// onRecord appends the item of a record of the line being read.
func (w *lineWorker) onRecord(rec *contactevents.Record, err error) bool {
	w.c.items = append(w.c.items, w.item(w.c, rec, err, &w.wh))
	return true
}

// trimLine returns line without the blanks (space, tab, CR) that may
// surround its JSON, and how many it had before.
func trimLine(line []byte) (data []byte, lead int) {
	for lead < len(line) && isLineBlank(line[lead]) {
		lead++
	}
	end := len(line)
	for end > lead && isLineBlank(line[end-1]) {
		end--
	}
	return line[lead:end], lead
}

func isLineBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// utf8BOM is U+FEFF in UTF-8, and bomInside the error of one inside the
// content, in the SDK's words.
var (
	utf8BOM   = []byte{0xef, 0xbb, 0xbf}
	bomInside = "not valid JSON: a UTF-8 byte order mark (U+FEFF), which may only start a file"
)

func (w *lineWorker) item(c *chunk, rec *contactevents.Record, err error, wh *where) item {
	var canon []byte
	if err == nil && w.e.canonical {
		start := len(c.canon)
		c.canon = rec.Event.AppendJSON(c.canon)
		canon = c.canon[start:len(c.canon):len(c.canon)]
	}
	if err == nil && w.e.track != nil {
		w.e.track(rec.Event)
	}
	it := makeItem(rec, err, rec.Warnings, wh, canon)
	if err == nil && w.e.keep {
		it.event = rec.Event
	}
	return it
}
