package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/connectevents/sdk-go/contactevents"
	"github.com/connectevents/sdk-go/contactevents/contacteventstest"
)

// event returns the canonical JSON of a valid event (different for each i).
func event(i int) []byte {
	et := lifecycle[i%len(lifecycle)]
	return contacteventstest.NewEvent(et, contacteventstest.WithSeed(uint64(i))).AppendJSON(nil)
}

// invalidEvent is an event with a contactId that is not a string: an error
// under every profile.
var invalidEvent = []byte(`{"eventType":"QUEUED","contactId":42,"channel":"VOICE","instanceArn":"arn:aws:connect:us-west-2:111122223333:instance/i-1","initiationMethod":"INBOUND"}`)

func gz(t testing.TB, members ...[]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, m := range members {
		w := gzip.NewWriter(&b)
		w.Write(m)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// firehoseDump is a Firehose archive as S3 holds it: objects under
// YYYY/MM/DD/HH/ prefixes, gzip and plain, records concatenated without
// newlines or one per line, one object starting with a byte order mark, and
// hidden files that are not part of it. With invalid, the second line of
// the second member of 2024/05/01/01/part-0003.gz is an invalid event.
func firehoseDump(t testing.TB, invalid bool) map[string][]byte {
	third := event(6)
	if invalid {
		third = invalidEvent
	}
	nl := []byte("\n")
	return map[string][]byte{
		"2024/05/01/00/part-0001.gz":   gz(t, join(event(0), event(1), event(2))), // no newlines
		"2024/05/01/00/part-0002":      join(event(3), nl, event(4), nl),
		"2024/05/01/01/part-0003.gz":   gz(t, join(event(5), nl), join(event(7), nl, third, nl)), // two members
		"2024/05/01/01/part-0004.json": join([]byte("\ufeff"), event(8), nl),
		"2024/05/02/23/part-0005.gz":   gz(t, join(event(9), nl, event(10))),
		".hidden/part-9999":            []byte("not JSON"),
		"2024/05/01/00/.part-0002.tmp": []byte("{half"),
	}
}

func writeTree(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fakeS3 serves the objects in a bucket over real HTTP, with gofakes3's
// memory backend; the command reaches it with the real AWS SDK client.
func fakeS3(t testing.TB, bucket string, objects map[string][]byte) string {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	for _, key := range slices.Sorted(maps.Keys(objects)) {
		data := objects[key]
		if _, err := backend.PutObject(bucket, key, map[string]string{}, bytes.NewReader(data), int64(len(data)), nil); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(srv.Close)
	// Credentials and region from the standard chain: the environment.
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return srv.URL
}

// TestFirehoseArchive is issue 13's acceptance test: a dump tree read as a
// folder and as an S3 prefix reports the same events; with one invalid
// event both exit 1 and name its object and line, without it both exit 0.
func TestFirehoseArchive(t *testing.T) {
	for _, invalid := range []bool{false, true} {
		t.Run(fmt.Sprintf("invalid=%v", invalid), func(t *testing.T) {
			files := firehoseDump(t, invalid)
			dir := writeTree(t, files)
			url := fakeS3(t, "archive", files)
			for _, output := range []string{"text", "json"} {
				local, errOut, code := cli(t, nil, "validate", "--output", output, dir+string(filepath.Separator))
				wantCode := exitValid
				if invalid {
					wantCode = exitInvalid
				}
				if code != wantCode || errOut != "" {
					t.Fatalf("folder, %s: exit %d, stderr %q\n%s", output, code, errOut, local)
				}
				remote, errOut, code := cli(t, nil, "validate", "--output", output, "--endpoint-url", url, "s3://archive/2024/")
				if code != wantCode || errOut != "" {
					t.Fatalf("s3, %s: exit %d, stderr %q\n%s", output, code, errOut, remote)
				}
				// The same reports, each naming its file or object.
				name := dir + string(filepath.Separator)
				if output == "json" {
					name = strings.ReplaceAll(name, `\`, `\\`)
				}
				if got := strings.ReplaceAll(local, name, "s3://archive/"); got != remote {
					t.Errorf("%s: the reports of the folder and the prefix differ (-folder +prefix):\n%s", output, cmp.Diff(got, remote))
				}
				if output == "text" {
					if want := "11 events: "; !strings.HasPrefix(lastLine(remote), want) {
						t.Errorf("summary %q, want %s...", lastLine(remote), want)
					}
					// The byte order mark is a warning of its file, at 1:1.
					if want := "s3://archive/2024/05/01/01/part-0004.json:1:1: (root): warning: a UTF-8 byte order mark starts the content"; !strings.Contains(remote, want) {
						t.Errorf("no BOM warning %q in:\n%s", want, remote)
					}
				}
				if invalid {
					want := "s3://archive/2024/05/01/01/part-0003.gz:3:"
					if output == "json" {
						want = `"source":"s3://archive/2024/05/01/01/part-0003.gz"`
					}
					if !strings.Contains(remote, want) {
						t.Errorf("%s: the invalid event is not reported at %s:\n%s", output, want, remote)
					}
					if output == "json" && !strings.Contains(remote, `"line":3,"column":`) {
						t.Errorf("json: the invalid event's problem has no line 3:\n%s", remote)
					}
				}
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestFolderOrderHiddenAndLoops(t *testing.T) {
	dir := writeTree(t, map[string][]byte{
		"b/2.json":      event(2),
		"a/1.json":      event(1),
		"a/10.json":     event(10),
		".git/x.json":   invalidEvent,
		"a/.x.json":     invalidEvent,
		"c/nothing.txt": event(3),
	})
	if err := os.Symlink("..", filepath.Join(dir, "a", "up")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	out, errOut, code := cli(t, nil, "validate", "--output", "json", dir)
	if code != exitError || !strings.Contains(errOut, filepath.Join(dir, "a", "up")+": symbolic link loop") {
		t.Fatalf("exit %d, stderr %q, want exit 2 and the loop reported", code, errOut)
	}
	var sources []string
	for line := range strings.Lines(out) {
		_, rest, _ := strings.Cut(line, `"source":"`)
		src, _, _ := strings.Cut(rest, `"`)
		sources = append(sources, strings.TrimPrefix(src, dir+"/"))
	}
	if want := []string{"a/1.json", "a/10.json", "a/up", "b/2.json", "c/nothing.txt"}; !slices.Equal(sources, want) {
		t.Errorf("sources %q, want %q (lexical, hidden skipped, the loop reported in its place, not followed)", sources, want)
	}
}

// An unreadable file is an error (exit 2), and the other files are still
// reported, in order: a file without read permission (unless the tests run
// as root) and a dangling symbolic link.
func TestUnreadableFile(t *testing.T) {
	dir := writeTree(t, map[string][]byte{"1.json": event(1), "2.json": event(2), "4.json": invalidEvent})
	var unreadable []string
	if os.Getuid() != 0 && runtime.GOOS != "windows" {
		locked := filepath.Join(dir, "2.json")
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		unreadable = append(unreadable, locked+": permission denied")
	}
	dangling := filepath.Join(dir, "3.json")
	if err := os.Symlink(filepath.Join(dir, "gone"), dangling); err == nil {
		unreadable = append(unreadable, dangling+": no such file or directory")
	}
	if len(unreadable) == 0 {
		t.Skip("neither permissions nor symbolic links can make a file unreadable here")
	}
	out, errOut, code := cli(t, nil, "validate", dir)
	if code != exitError {
		t.Errorf("exit %d, want 2", code)
	}
	for _, want := range unreadable {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q does not report %q", errOut, want)
		}
	}
	if !strings.Contains(out, filepath.Join(dir, "4.json")+":1:") || !strings.Contains(lastLine(out), " 1 invalid") {
		t.Errorf("the other files are not all reported:\n%s", out)
	}
}

// TestDecompressionBomb: 1 GiB of '0' in a gzip file of about 1 MiB stops at
// the size limit with a clear error (exit 1), in bounded memory (the
// process-level bound is measured in BENCHMARKS.md).
func TestDecompressionBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("decompresses 1 GiB")
	}
	// One gzip member of 1 MiB of '0' (about 1 KiB), 1,024 times: gzip
	// readers read concatenated members as one stream.
	var member bytes.Buffer
	w, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	w.Write(bytes.Repeat([]byte{'0'}, 1<<20))
	w.Close()
	b := bytes.NewBuffer(bytes.Repeat(member.Bytes(), 1<<10))
	dir := writeTree(t, map[string][]byte{"bomb.gz": b.Bytes()})
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	out, errOut, code := cli(t, nil, "validate", filepath.Join(dir, "bomb.gz"))
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if code != exitInvalid || errOut != "" || !strings.Contains(out, contactevents.ErrTooLarge.Error()) || strings.Count(out, "\n") != 2 {
		t.Errorf("exit %d, stderr %q, stdout %q; want exit 1 and the size limit named", code, errOut, out)
	}
	t.Logf("%d KiB of gzip: %s", b.Len()>>10, strings.TrimSpace(out))
	if grown := int64(after.HeapSys) - int64(before.HeapSys); grown > 48<<20 {
		t.Errorf("the heap grew by %d MiB", grown>>20)
	}
}

// TestS3Pagination: a prefix of more objects than one ListObjectsV2 page
// holds (1,000) is listed to the end, in key order.
func TestS3Pagination(t *testing.T) {
	if testing.Short() {
		t.Skip("1,001 objects")
	}
	objects := map[string][]byte{}
	for i := range 1001 {
		objects[fmt.Sprintf("2024/05/01/%02d/part-%05d", i%24, i)] = event(i)
	}
	url := fakeS3(t, "paged", objects)
	out, errOut, code := cli(t, nil, "validate", "--output", "json", "--endpoint-url", url, "s3://paged/2024/05/")
	if code != exitValid || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got []string
	for line := range strings.Lines(out) {
		_, rest, _ := strings.Cut(line, `"source":"s3://paged/`)
		key, _, _ := strings.Cut(rest, `"`)
		got = append(got, key)
	}
	if want := slices.Sorted(maps.Keys(objects)); !slices.Equal(got, want) {
		t.Errorf("%d objects reported, want the %d in key order", len(got), len(want))
	}
}
