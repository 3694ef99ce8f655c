package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"
)

// parquetRows returns the row count of each Parquet file of files, by
// name.
func parquetRows(t *testing.T, files map[string][]byte) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for name, data := range files {
		f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		out[name] = f.NumRows()
	}
	return out
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestExportFirehoseArchive exports the Firehose dump of the archive test,
// with its invalid event, from a folder and from S3 into S3: the invalid
// event is reported as validate reports it and not written, the valid ten
// are, in the partitions of their times, in files named by the run.
func TestExportFirehoseArchive(t *testing.T) {
	files := firehoseDump(t, true)
	dir := writeTree(t, files)
	validateOut, _, _ := cli(t, nil, "validate", dir)
	for _, from := range []string{"folder", "s3"} {
		t.Run(from, func(t *testing.T) {
			url := fakeS3(t, "archive", files)
			src := dir
			if from == "s3" {
				src = "s3://archive/2024/"
			}
			out, errOut, code := cli(t, nil, "export", "--endpoint-url", url, "--partition", "hour", "--out", "s3://archive/exported", src)
			if code != exitInvalid {
				t.Fatalf("exit %d, want 1 (an invalid event)\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
			if from == "folder" && errOut != validateOut {
				t.Errorf("export reports the events differently from validate (-validate +export):\n%s", cmp.Diff(validateOut, errOut))
			}
			if !strings.Contains(out, "10 rows written to s3://archive/exported\n") {
				t.Errorf("summary:\n%s", out)
			}
			objects := listObjects(t, url, "archive", "exported/")
			rows := parquetRows(t, objects)
			var total int64
			for name, n := range rows {
				if !strings.HasPrefix(name, "exported/dt=") || !strings.Contains(name, "/hour=") || !strings.HasSuffix(name, ".parquet") {
					t.Errorf("object %s is not in an hour partition", name)
				}
				if !strings.Contains(out, strings.TrimPrefix(name, "exported/")) {
					t.Errorf("object %s is not in the summary:\n%s", name, out)
				}
				total += n
			}
			if total != 10 {
				t.Errorf("%d rows in %d objects, want 10", total, len(rows))
			}
		})
	}
}

// listObjects returns the objects under prefix, with the real client.
func listObjects(t *testing.T, url, bucket, prefix string) map[string][]byte {
	t.Helper()
	s := &s3Sources{endpoint: url}
	client, err := s.s3Client(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	list, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, o := range list.Contents {
		obj, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: o.Key})
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(obj.Body)
		obj.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[aws.ToString(o.Key)] = data
	}
	return out
}

// TestExportTwiceIntoOneFolder: two runs of the same sources into one
// folder write files of their own, nothing overwritten, nothing half
// written left behind.
func TestExportTwiceIntoOneFolder(t *testing.T) {
	dir := writeTree(t, firehoseDump(t, false))
	out := t.TempDir()
	for range 2 {
		if stdout, errOut, code := cli(t, nil, "export", "--out", out, dir); code != exitValid {
			t.Fatalf("exit %d\n%s\n%s", code, stdout, errOut)
		}
	}
	rows := parquetRows(t, readTree(t, out))
	var total int64
	files := map[string]int{} // per partition
	for name, n := range rows {
		total += n
		files[filepath.Dir(name)]++
	}
	if total != 22 {
		t.Errorf("%d rows, want 22", total)
	}
	for part, n := range files {
		if n != 2 {
			t.Errorf("%s: %d files, want one per run", part, n)
		}
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"export", "x.json"},
		{"export", "--out", t.TempDir()},
		{"export", "--out", t.TempDir(), "--format", "csv", "x.json"},
		{"export", "--out", t.TempDir(), "--partition", "week", "x.json"},
		{"schema", "--format", "athena"},
		{"schema", "--format", "hive", "--location", "s3://b/p/"},
		{"schema", "--contacts", "--location", "s3://b/p/"},
		{"schema", "--contacts", "--format", "athena-json", "--location", "s3://b/p/"},
		{"export", "--contacts", "--out", t.TempDir()},
	} {
		if _, errOut, code := cli(t, nil, args...); code != exitError || errOut == "" {
			t.Errorf("%q: exit %d, stderr %q, want a usage error", args, code, errOut)
		}
	}
}

// TestTableGolden pins the tables schema prints (go test -update rewrites
// them after a schema change).
func TestTableGolden(t *testing.T) {
	for _, tc := range []struct {
		golden, format, partition string
		more                      []string
	}{
		{"table-athena-day.sql", "athena", "day", []string{"--table", "contact_events"}},
		{"table-athena-hour.sql", "athena", "hour", []string{"--table", "contact_events"}},
		{"table-athena-json.sql", "athena-json", "day", []string{"--table", "contact_events"}},
		{"table-glue-day.json", "glue", "day", []string{"--table", "contact_events"}},
		{"table-athena-contacts-day.sql", "athena", "day", []string{"--contacts"}},
		{"table-glue-contacts-hour.json", "glue", "hour", []string{"--contacts"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			args := append([]string{"schema", "--format", tc.format, "--partition", tc.partition, "--location", "s3://my-archive/contact-events/"}, tc.more...)
			out, errOut, code := cli(t, nil, args...)
			if code != exitValid || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			golden(t, tc.golden, out)
		})
	}
}
