package formats

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"qcweave/internal/filemode"
)

// ErrNotRegular is returned for paths that are not regular files: devices,
// FIFOs, sockets, folders.
var ErrNotRegular = errors.New("not a regular file")

// ErrOutside is returned for a symbolic link that leads out of the folder
// being read.
var ErrOutside = errors.New("symbolic link leads out of the folder")

// readChunk is how much ReadFile reads between two looks at its context.
const readChunk = 1 << 20

// ReadFile reads the regular file at path, at most MaxFileSize bytes, and
// stops when ctx is cancelled. A symbolic link is resolved; when root is
// not "", a link whose target lies outside root is refused (ErrOutside).
// Devices, FIFOs and sockets are refused (ErrNotRegular) without being
// read or waited on: the file is opened non-blocking and its kind taken
// from the open file, so that nothing swapped in between is read.
func ReadFile(ctx context.Context, path, root string) ([]byte, error) {
	if root != "" {
		if err := Within(path, root); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("%w (%s)", ErrNotRegular, filemode.Kind(fi.Mode())) // a socket cannot be opened
		}
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, filemode.Kind(fi.Mode()))
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, fi.Size())
	}
	b := make([]byte, 0, fi.Size()+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow
		}
		n, err := f.Read(b[len(b):min(cap(b), len(b)+readChunk)])
		b = b[:len(b)+n]
		if len(b) > MaxFileSize {
			// the file grew (or a special file claims a regular size)
			return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, MaxFileSize)
		}
		if errors.Is(err, io.EOF) {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Within checks that path, when it is a symbolic link, leads to a place
// inside root (both resolved): ErrOutside when it does not.
func Within(path, root string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("symbolic link: %w", err)
	}
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	if a, err := filepath.Abs(target); err == nil {
		target = a
	}
	if a, err := filepath.Abs(r); err == nil {
		r = a
	}
	if rel, err := filepath.Rel(r, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%w %s (to %s)", ErrOutside, root, target)
	}
	return nil
}
