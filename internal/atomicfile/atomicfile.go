// Package atomicfile writes output files so that a reader sees the old
// file or the whole new one, never a part: the content goes to a temporary
// file in the same folder, is flushed and fsync'd, and is renamed over the
// target only when every write, the sync and the close succeeded — and
// only over a regular file or nothing, never over a device, a folder or a
// link. Temporaries left by a killed run are removed by the next write to
// the same folder.
package atomicfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"qcweave/internal/filemode"
)

// ErrNotRegular is returned when the target exists and is not a regular
// file.
var ErrNotRegular = errors.New("not a regular file; not replaced")

// tmpMark is in the name of every temporary: .NAME.tmp-PID-RANDOM.
const tmpMark = ".tmp-"

// Write writes path through fn with the file mode perm (0: 0644).
func Write(path string, perm fs.FileMode, fn func(io.Writer) error) error {
	var s Set
	if err := s.Add(path, perm, fn); err != nil {
		return err
	}
	return s.Commit()
}

// Set is a group of files written together: each is written to its
// temporary by Add, and Commit renames them all, after every one has been
// written, so that an export appears as a complete set. The zero value is
// ready; Abort (or a failed Add or Commit) removes what is left.
type Set struct {
	done []written
}

type written struct{ tmp, path string }

// Add writes one file of the set to its temporary; on an error the
// whole set is aborted.
func (s *Set) Add(path string, perm fs.FileMode, fn func(io.Writer) error) error {
	if perm == 0 {
		perm = 0o644
	}
	tmp, err := write(path, perm, fn)
	if err != nil {
		s.Abort()
		return err
	}
	s.done = append(s.done, written{tmp, path})
	return nil
}

// Commit renames every temporary over its target, in the order added,
// and syncs the folders.
func (s *Set) Commit() error {
	defer s.Abort()
	dirs := map[string]bool{}
	for i, w := range s.done {
		if err := checkTarget(w.path); err != nil {
			return err
		}
		if err := os.Rename(w.tmp, w.path); err != nil {
			return fmt.Errorf("write %s: %w", w.path, err)
		}
		s.done[i].tmp = ""
		dirs[filepath.Dir(w.path)] = true
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return fmt.Errorf("write %s: sync folder: %w", d, err)
		}
	}
	return nil
}

// Abort removes the temporaries not yet renamed.
func (s *Set) Abort() {
	for _, w := range s.done {
		if w.tmp != "" {
			os.Remove(w.tmp)
		}
	}
	s.done = nil
}

// write writes the temporary of path and returns its name.
func write(path string, perm fs.FileMode, fn func(io.Writer) error) (tmp string, err error) {
	if err := checkTarget(path); err != nil {
		return "", err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	RemoveStale(dir, base)
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return "", err
	}
	tmp = filepath.Join(dir, "."+base+tmpMark+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(rnd[:]))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		// the temporary file's name means nothing to the user
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("write %s: no folder %s", path, filepath.Dir(path))
		}
		return "", fmt.Errorf("write %s: in folder %s: %w", path, filepath.Dir(path), err)
	}
	fail := func(what string, err error) (string, error) {
		f.Close()
		os.Remove(tmp)
		return "", fmt.Errorf("write %s: %s%w", path, what, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := fn(bw); err != nil {
		return fail("", err)
	}
	if err := bw.Flush(); err != nil {
		return fail("", err)
	}
	if err := f.Chmod(perm); err != nil { // the mode asked for, whatever the umask
		return fail("", err)
	}
	if err := f.Sync(); err != nil {
		return fail("sync: ", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("write %s: close: %w", path, err)
	}
	return tmp, nil
}

// checkTarget refuses a target that exists and is not a regular file.
func checkTarget(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("write %s: %s, %w", path, filemode.Kind(fi.Mode()), ErrNotRegular)
	}
	return nil
}

// RemoveStale removes the temporaries of base in dir that a process no
// longer running left behind (a run killed midway): those of this
// package, .NAME.tmp-PID-…, whose process is gone, and the .NAME.DIGITS
// of earlier versions.
func RemoveStale(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + "."
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.Type().IsRegular() {
			continue
		}
		rest := name[len(prefix):]
		stale := false
		if pidPart, ok := strings.CutPrefix(rest, tmpMark[1:]); ok {
			if i := strings.IndexByte(pidPart, '-'); i > 0 {
				pid, err := strconv.Atoi(pidPart[:i])
				stale = err == nil && !alive(pid)
			}
		} else {
			stale = rest != "" && strings.Trim(rest, "0123456789") == ""
		}
		if stale {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// alive reports whether a process with this id runs (or may: one of
// another user's).
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
