package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/connectevents/sdk-go/contactevents/contacts"
)

// runContacts runs contacts: it reads the events of the sources as validate
// does, folds the valid ones with a contacts.Tracker (in any order: the
// decoding goroutines share it, and the fold does not depend on the order)
// and prints one summary per contact, then a summary line.
func runContacts(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("contacts", "[--output text|json] [--evict-complete D [--evict-idle D]] [--profile P] [--format F] [--endpoint-url URL] [--s3-...] [SOURCE ...]",
		"Summarise each contact of the events of the sources (files, folders, s3://bucket/prefix, stdin\n"+
			"when there is none or for -): its state, queue wait, handle time, after-contact work, whether it\n"+
			"was abandoned, its events, duplicates and conflicts; then a summary line. The events may come in\n"+
			"any order, any number of times. Invalid events are reported on stderr and not counted. With\n"+
			"--evict-complete (a stream), a contact is printed and forgotten once it is done with, so that\n"+
			"memory is bounded by the contacts active within the horizons.", stderr)
	sf := addSourceFlags(fs)
	ev := addEvictFlags(fs)
	output := fs.String("output", outputText, "output `mode`: text (a line per contact, then a summary) or json (an object per contact; the summary on stderr)")
	files, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if *output != outputText && *output != outputJSON {
		return usageError(stderr, fs, "unknown output %q (want text or json)", *output)
	}
	if msg := ev.check(); msg != "" {
		return usageError(stderr, fs, "%s", msg)
	}
	e := &engine{workers: defaultWorkers(), read: new(atomic.Int64)}
	if status, failed := sf.configure(e, fs, stderr); failed {
		return status
	}
	out, diag := bufio.NewWriterSize(stdout, 64<<10), bufio.NewWriter(stderr)
	rep := &reporter{mode: outputContacts, out: out, diag: diag, progress: newProgress(stderr, e.read)}
	e.emit = rep.emit
	var total contactTotals
	fold := ev.fold(e, func(s *contacts.Summary) bool {
		total.add(s)
		if *output == outputText {
			out.WriteString(summaryLine(s))
			return true
		}
		b, err := json.Marshal(s)
		if err != nil {
			rep.err = err
			return false
		}
		out.Write(append(b, '\n'))
		return true
	})
	status = exitValid
	if len(files) == 0 {
		files = []string{"-"}
	}
	ctx := context.Background()
	e.runSources(ctx, expand(ctx, files, stdin, sf.s3), func(name string, err error) {
		rep.sourceFailed(name, err)
		status = exitError
	})
	rep.progress.clear()
	diag.Flush()
	fold.finish()
	line := total.String(rep.events, rep.invalid) + rep.unreadNote()
	if *output == outputJSON {
		fmt.Fprintln(stderr, line)
	} else {
		fmt.Fprintln(out, line)
	}
	return rep.finish(stderr, status, total.contacts == 0, "no contact events found")
}

// contactTotals are the counts of the summary line.
type contactTotals struct {
	contacts, complete, abandoned, duplicates, conflicts int
}

func (t *contactTotals) add(s *contacts.Summary) {
	t.contacts++
	if s.Complete {
		t.complete++
	}
	if s.Abandoned {
		t.abandoned++
	}
	t.duplicates += s.Duplicates
	t.conflicts += len(s.Conflicts)
}

// String returns the summary line; like validate's, it starts with a count.
func (t *contactTotals) String(events, invalid int) string {
	return fmt.Sprintf("%d%s: %d complete, %d abandoned, %d%s, %d%s (%d%s, %d invalid)",
		t.contacts, plural(t.contacts, " contact", " contacts"), t.complete, t.abandoned,
		t.duplicates, plural(t.duplicates, " duplicate", " duplicates"), t.conflicts, plural(t.conflicts, " conflict", " conflicts"),
		events, plural(events, " event", " events"), invalid)
}

// summaryLine is the text line of one contact:
//
//	CONTACT_ID CHANNEL STATE at TIME key=value ... [abandoned] [conflicts: ...]
//
// with what is known only.
func summaryLine(s *contacts.Summary) string {
	var b strings.Builder
	b.WriteString(s.ContactID)
	for _, v := range []string{string(s.Channel), string(s.InitiationMethod), string(s.State)} {
		b.WriteByte(' ')
		if v == "" {
			v = "-"
		}
		b.WriteString(v)
	}
	if !s.StateTime.IsZero() {
		b.WriteString(" at " + s.StateTime.Format(time.RFC3339Nano))
	}
	for _, d := range []struct {
		name string
		d    *time.Duration
	}{{"queue-wait", s.QueueWait}, {"interaction+hold", s.AgentInteractionAndHold}, {"acw", s.AfterContactWork}, {"handle", s.Handle}} {
		if d.d != nil {
			b.WriteString(" " + d.name + "=" + d.d.String())
		}
	}
	if s.Abandoned {
		b.WriteString(" abandoned")
	}
	if s.QueuedForCallback {
		b.WriteString(" queued-for-callback")
	}
	b.WriteString(" events=" + strconv.Itoa(s.Events) + " duplicates=" + strconv.Itoa(s.Duplicates))
	if len(s.Conflicts) > 0 {
		b.WriteString(" conflicts:")
		for i, c := range s.Conflicts {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteString(" " + c.String())
		}
	}
	b.WriteByte('\n')
	return b.String()
}
