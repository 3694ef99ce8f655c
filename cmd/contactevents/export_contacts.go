package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacts"
	"github.com/connectevents/sdk-go/contactevents/export"
)

// exportContacts is export --contacts: it folds the valid events of the
// sources as the contacts command does (with its --evict-... flags), and
// writes each contact's summary as a row (export.ContactWriter). Invalid
// events are reported on stderr and not counted; stderr ends with the
// contacts command's summary line, stdout gets the rows written per
// partition.
func exportContacts(ctx context.Context, sources []string, stdin io.Reader, s3s *s3Sources, prof contactevents.Profile,
	ev *evictFlags, o export.Options, outDir string, stdout, stderr io.Writer) int {
	w, err := export.NewContactWriter(o)
	if err != nil {
		fmt.Fprintf(stderr, "contactevents: %v\n", err)
		return exitError
	}
	e := &engine{workers: defaultWorkers(), read: new(atomic.Int64), format: contactevents.FormatAuto}
	e.profile = prof
	diag := bufio.NewWriter(stderr)
	rep := &reporter{mode: outputContacts, out: diag, diag: diag, progress: newProgress(stderr, e.read)}
	e.emit = rep.emit
	var total contactTotals
	var writeErr error
	unwritten := 0
	fold := ev.fold(e, func(s *contacts.Summary) bool {
		err := w.Write(s)
		if errors.Is(err, export.ErrNoContactTime) {
			fmt.Fprintf(diag, "contactevents: %v; not written (--partition none writes it)\n", err)
			unwritten++
			return true
		}
		if err != nil {
			writeErr = err
			return false
		}
		total.add(s)
		return true
	})
	status := exitValid
	e.runSources(ctx, expand(ctx, sources, stdin, s3s), func(name string, err error) {
		rep.sourceFailed(name, err)
		status = exitError
	})
	rep.progress.clear()
	if writeErr == nil {
		fold.finish()
	}
	if err := w.Close(); err != nil && writeErr == nil {
		writeErr = err
	}
	if writeErr != nil {
		fmt.Fprintf(diag, "contactevents: writing %s: %v\n", outDir, writeErr)
		status = exitError
	}
	fmt.Fprintln(diag, total.String(rep.events, rep.invalid)+rep.unreadNote())
	if !printPartitions(stdout, stderr, w.Partitions(), outDir) {
		return exitError
	}
	if unwritten > 0 && status == exitValid {
		status = exitInvalid
	}
	return rep.finish(stderr, status, total.contacts == 0, "no contact events found")
}
