package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/export"
)

// exportMemoryLimit is export's soft memory limit (memoryLimit is the
// other commands'): the Writer's buffered events (BufferEvents) and row
// groups (RowGroupBytes, per open file) come on top of the readers' budget.
// Under the readers' 48 MiB the collector would run without pause.
const exportMemoryLimit = 160 << 20

// runExport writes every valid event of the sources as Parquet files under
// --out (a folder or s3://bucket/prefix), in Hive-style partitions of the
// events' time; invalid events are reported as validate reports them and
// not written.
func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("export", "--format parquet --out DIR|s3://BUCKET/PREFIX [--contacts [--evict-complete D [--evict-idle D]]] [--profile P] [--partition hour|day|none] SOURCE ...",
		"Write every valid contact event of the sources (any input validate reads: files, folders,\n"+
			"gzip, s3://bucket/prefix, stdin as -) as a row of Parquet files under --out, in Hive-style\n"+
			"partitions of the event's time (dt=YYYY-MM-DD/, and hour=HH/ with --partition hour). Each\n"+
			"run's files have a name of their own, so that runs into the same --out never collide.\n"+
			"Invalid events are reported on stderr as validate reports them and are not written (exit\n"+
			"status 1); stdout gets the rows written per partition. With --contacts, a row is a contact:\n"+
			"its summary as the contacts command computes it, partitioned by the contact's initiation time.", stderr)
	format := fs.String("format", "parquet", "output `format`: parquet")
	outDir := fs.String("out", "", "the output: a folder, or s3://bucket/prefix (required)")
	profile := fs.String("profile", string(contactevents.Compat), "validation `profile`: "+strings.Join(profileNames(), ", "))
	contactRows := fs.Bool("contacts", false, "write a row per contact (its summary, as the contacts command computes it), not per event")
	ev := addEvictFlags(fs)
	partition := fs.String("partition", string(export.PartitionDay), "the `layout`: day (dt=YYYY-MM-DD/), hour (dt=YYYY-MM-DD/hour=HH/) or none")
	// Not addSourceFlags: --format is the output's here (as the issue's
	// command line has it); the input's delivery format is detected.
	s3s := &s3Sources{}
	s3s.flags(fs) // --endpoint-url (for sources and --out), timeouts, retries
	sources, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	switch {
	case *format != "parquet":
		return usageError(stderr, fs, "unknown format %q (want parquet)", *format)
	case *outDir == "":
		return usageError(stderr, fs, "--out is required")
	case len(sources) == 0:
		return usageError(stderr, fs, "give at least one source (- for stdin)")
	case !slices.Contains(export.Partitioning("").Values(), export.Partitioning(*partition)):
		return usageError(stderr, fs, "unknown partitioning %q (want day, hour or none)", *partition)
	case ev.check() != "":
		return usageError(stderr, fs, "%s", ev.check())
	case !*contactRows && ev.complete > 0:
		return usageError(stderr, fs, "--evict-complete and --evict-idle are flags of --contacts")
	}
	prof, err := contactevents.ParseProfile(*profile)
	if err != nil {
		return usageError(stderr, fs, "unknown profile %q (want one of %s)", *profile, strings.Join(profileNames(), ", "))
	}

	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		// The export holds row groups and a buffer of events besides the
		// readers' (see exportMemoryLimit).
		debug.SetMemoryLimit(exportMemoryLimit)
	}
	ctx := context.Background()
	create := export.DirFiles(*outDir)
	if strings.HasPrefix(*outDir, "s3://") {
		bucket, prefix, err := parseS3URI(*outDir)
		if err != nil {
			return usageError(stderr, fs, "%v", err)
		}
		create = s3Files(ctx, s3s, bucket, prefix)
	}
	o := export.Options{Create: create, Partition: export.Partitioning(*partition)}
	if *contactRows {
		return exportContacts(ctx, sources, stdin, s3s, prof, ev, o, *outDir, stdout, stderr)
	}
	w, err := export.NewWriter(o)
	if err != nil {
		return usageError(stderr, fs, "%v", err)
	}

	diag := bufio.NewWriter(stderr)
	e := &engine{workers: defaultWorkers(), keep: true, read: new(atomic.Int64), format: contactevents.FormatAuto}
	e.profile = prof
	rep := &reporter{mode: outputText, out: diag, diag: diag, progress: newProgress(stderr, e.read)}
	status = exitValid
	var writeErr error
	unpartitioned := 0
	e.emit = func(src, format string, it *item) bool {
		if !rep.emit(src, format, it) {
			return false
		}
		if it.event == nil {
			return true
		}
		err := w.Write(it.event, src, it.line)
		switch {
		case err == nil:
		case !errors.Is(err, export.ErrNoTime):
			writeErr = err
			return false
		default:
			// Reported as a problem of the event, in validate's words.
			unpartitioned++
			rep.valid--
			rep.invalid++
			it.problems = append(it.problems[:0], problem{message: err.Error() + "; not written (--partition none writes it)", line: it.line, col: it.col})
			rep.problems(diag, src, it)
		}
		it.event = nil
		return true
	}
	fail := func(name string, err error) {
		rep.sourceFailed(name, err)
		status = exitError
	}
	e.runSources(ctx, expand(ctx, sources, stdin, s3s), fail)
	rep.progress.clear()
	if err := w.Close(); err != nil && writeErr == nil {
		writeErr = err
	}
	if writeErr != nil {
		fmt.Fprintf(diag, "contactevents: writing %s: %v\n", *outDir, writeErr)
		status = exitError
	}
	fmt.Fprintln(diag, rep.summary())
	diag.Flush()

	if !printPartitions(stdout, stderr, w.Partitions(), *outDir) {
		return exitError
	}
	switch {
	case status != exitValid:
		return status
	case rep.invalid > 0:
		return exitInvalid
	case rep.events == 0:
		fmt.Fprintln(stderr, "contactevents: no events found")
		return exitInvalid
	}
	return exitValid
}

// printPartitions prints the rows and files written per partition, then
// the total; false when stdout could not be written (said on stderr).
func printPartitions(stdout, stderr io.Writer, parts []export.Partition, outDir string) bool {
	out := bufio.NewWriter(stdout)
	rows := 0
	for _, p := range parts {
		name := p.Name
		if name == "" {
			name = "."
		}
		fmt.Fprintf(out, "%s\t%d %s\t%s\n", name, p.Rows, plural(int(p.Rows), "row", "rows"), strings.Join(p.Files, " "))
		rows += int(p.Rows)
	}
	fmt.Fprintf(out, "%d %s written to %s\n", rows, plural(rows, "row", "rows"), outDir)
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "contactevents: writing the output: %v\n", err)
		return false
	}
	return true
}

// s3Files is an export.Options.Create that writes each file to a
// temporary file and uploads it to s3://bucket/prefix/name when it is
// closed: memory stays bounded whatever the file's size, and an object
// appears whole or not at all.
func s3Files(ctx context.Context, s3s *s3Sources, bucket, prefix string) func(string) (io.WriteCloser, error) {
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return func(name string) (io.WriteCloser, error) {
		client, err := s3s.s3Client(ctx)
		if err != nil {
			return nil, err
		}
		tmp, err := os.CreateTemp("", "contactevents-export-*.parquet")
		if err != nil {
			return nil, err
		}
		return &s3File{ctx: ctx, client: client, bucket: bucket, key: prefix + name, tmp: tmp}, nil
	}
}

type s3File struct {
	ctx         context.Context
	client      *s3.Client
	bucket, key string
	tmp         *os.File
}

func (f *s3File) Write(p []byte) (int, error) { return f.tmp.Write(p) }

func (f *s3File) Close() error {
	defer os.Remove(f.tmp.Name())
	defer f.tmp.Close()
	size, err := f.tmp.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = f.tmp.Seek(0, io.SeekStart)
	}
	if err == nil {
		_, err = f.client.PutObject(f.ctx, &s3.PutObjectInput{
			Bucket: aws.String(f.bucket), Key: aws.String(f.key), Body: f.tmp,
			ContentLength: aws.Int64(size), ContentType: aws.String("application/vnd.apache.parquet"),
		})
	}
	if err != nil {
		return fmt.Errorf("s3://%s/%s: %w", f.bucket, f.key, err)
	}
	return nil
}
