package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// errNoStore marks a command that reads a store given a path where there
// is none; it exits as a usage error, so that a typo in --db is not taken
// for an empty store.
var errNoStore = errors.New("no store")

// existingStore returns an error wrapping errNoStore unless a store file lies
// at path. Only ingest and watch create a store.
func existingStore(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w at %s (ingest creates one; --db or $QCWEAVE_DB names another)", errNoStore, path)
	case err != nil:
		return fmt.Errorf("store %s: %w", path, err)
	case info.IsDir():
		return fmt.Errorf("%w at %s: it is a folder (--db names the store's file)", errNoStore, path)
	}
	return nil
}

// notAStore refuses an output file that is an SQLite database — the store
// itself (report --db q.db --out q.db) or another — which the output would
// replace, losing it.
func notAStore(out string) error {
	// only a regular file is read (a FIFO would block the open); the
	// write refuses any other
	if fi, err := os.Lstat(out); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	f, err := os.OpenFile(out, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil // not readable: writing it says why
	}
	defer f.Close()
	head := make([]byte, 16)
	if n, _ := io.ReadFull(f, head); n == len(head) && string(head) == "SQLite format 3\x00" {
		return fmt.Errorf("%w: %s is an SQLite database (a store?); the output would replace it: name another file", errUsage, out)
	}
	return nil
}
