package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// source is one file, S3 object or stream to validate. Sources are reported
// in the order of the operands, and a folder's files in lexical order.
type source struct {
	// name is what the reports call it: a path, <stdin> or s3://bucket/key.
	name string
	// open opens it for reading.
	open func(context.Context) (io.ReadCloser, error)
	// err, when set, was found while listing the source (a folder that
	// cannot be read, a symbolic link loop): it is reported in the
	// source's place.
	err error
}

// expand lists the sources named by the operands: "-" is stdin, an
// s3://bucket/prefix operand is every object under the prefix (listed by
// s3), a folder is every regular file under it (any other file is reported).
func expand(ctx context.Context, operands []string, stdin io.Reader, s3 *s3Sources) []source {
	var out []source
	for _, op := range operands {
		switch {
		case op == "-":
			out = append(out, source{name: "<stdin>", open: func(context.Context) (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
		case strings.HasPrefix(op, "s3://"):
			out = s3.list(ctx, op, out)
		default:
			out = walk(op, out)
		}
	}
	return out
}

// fileSource is the source of the file at path.
func fileSource(path string) source {
	return source{name: path, open: func(context.Context) (io.ReadCloser, error) { return os.Open(path) }}
}

// walk appends the sources of the operand path: the file itself, or every
// regular file of the folder (any other kind reported), recursively, in lexical order. Hidden files
// and folders (a name starting with '.') are skipped; symbolic links are
// followed, and a link back to a folder being walked is reported as a loop
// instead of being followed.
func walk(path string, out []source) []source {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		// Opening it reports the error, in the source's place.
		return append(out, fileSource(path))
	case !fi.IsDir():
		return append(out, fileSource(path))
	}
	return walkDir(path, []os.FileInfo{fi}, out)
}

// fileKind names the type of a file that is not regular.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "named pipe"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeCharDevice != 0:
		return "character device"
	case m&os.ModeDevice != 0:
		return "device"
	}
	return m.Type().String()
}

// walkDir appends the sources under the folder dir; ancestors are the
// folders being walked, dir's last, for loop detection.
func walkDir(dir string, ancestors []os.FileInfo, out []source) []source {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return append(out, source{name: dir, err: err})
	}
	for _, e := range entries {
		if hidden(e.Name()) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		fi, err := os.Stat(path) // follows a symbolic link
		switch {
		case err != nil:
			out = append(out, source{name: path, err: err})
		case fi.IsDir():
			if slices.ContainsFunc(ancestors, func(a os.FileInfo) bool { return os.SameFile(a, fi) }) {
				out = append(out, source{name: path, err: fmt.Errorf("%s: %w: it leads back to a folder being walked", path, errSymlinkLoop)})
				continue
			}
			out = walkDir(path, append(ancestors[:len(ancestors):len(ancestors)], fi), out)
		case fi.Mode().IsRegular():
			out = append(out, fileSource(path))
		default:
			// A FIFO, a socket, a device: not part of a dump, and opening
			// one may block; reported in its place, not skipped silently.
			out = append(out, source{name: path, err: fmt.Errorf("%s: %w (%s)", path, errNotRegular, fileKind(fi.Mode()))})
		}
	}
	return out
}

// hidden reports whether the slash-separated name has a part that starts
// with '.': a hidden file or folder, which a folder's or a prefix's
// validation skips (editors' and sync tools' temporary files, .git).
func hidden(name string) bool {
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}

// errNotRegular is wrapped by the error of a file in a folder that is not a
// regular file.
var errNotRegular = errors.New("not a regular file")

// errSymlinkLoop is wrapped by the error of a symbolic link to a folder
// that contains it.
var errSymlinkLoop = errors.New("symbolic link loop")
