package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrReadOnly is returned by OpenReadOnly for a store that must be
// migrated first, and wraps the errors of writes to a store the user may
// only read.
var ErrReadOnly = errors.New("read-only store")

// OpenReadOnly opens an existing store for reading only: it never
// creates, migrates or writes, so that a store on a read-only medium, or
// one the user may read but not write, can be checked, exported and
// reported. A store of an older schema is refused (a writable open
// migrates it); when SQLite cannot open the WAL store read-only (no
// shared-memory file and a folder it may not write), it is opened as
// immutable, which is right while no one writes it.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: open %s: no such store (ingest creates it): %w", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("store: open %s: not a regular file", path)
	}
	var firstErr error
	for _, params := range []string{"mode=ro", "mode=ro&immutable=1"} {
		s, err := openRO(ctx, path, params)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, ErrSchema) || errors.Is(err, ErrReadOnly) {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("store: open %s read-only: %w", path, firstErr)
}

// OpenForReading is OpenReadOnly for a command that only reads, but of a
// store of an older schema it may write: that store is migrated first
// (Open), as any command of a new qcweave meets it after an upgrade. One
// it may not write is refused as OpenReadOnly refuses it.
func OpenForReading(ctx context.Context, path string) (*Store, error) {
	s, err := OpenReadOnly(ctx, path)
	if err == nil || !errors.Is(err, ErrReadOnly) {
		return s, err
	}
	w, werr := Open(ctx, path)
	if werr != nil {
		return nil, err
	}
	if werr := w.Close(); werr != nil {
		return nil, fmt.Errorf("store: close %s after migrating it: %w", path, werr)
	}
	return OpenReadOnly(ctx, path)
}

func openRO(ctx context.Context, path, params string) (*Store, error) {
	db, err := sql.Open("sqlite3", "file:"+uriPath(path)+"?"+params+"&_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	var v string
	if err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v); err != nil {
		db.Close()
		return nil, err
	}
	switch have, err := strconv.Atoi(v); {
	case err != nil || have > SchemaVersion || have < 1:
		db.Close()
		return nil, schemaError(v)
	case have < SchemaVersion:
		db.Close()
		return nil, fmt.Errorf("%w: the store has schema version %d and must be migrated to %d, which needs write access to it and its folder", ErrReadOnly, have, SchemaVersion)
	}
	var f int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'document_fts'").Scan(&f); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, fts: f == 1}, nil
}

// explainOpen makes the errors of opening a store say what is wrong: a
// folder that does not exist, a folder or file the user may not write.
// SQLite reports an unwritable folder as a missing file, and a file it
// may only read as "attempt to write a readonly database".
func explainOpen(path string, err error) error {
	msg := err.Error()
	dir := filepath.Dir(path)
	switch {
	case busy(err):
		return fmt.Errorf("another process has held it locked for over %s; try again when it is done (%w)", openPatience, err)
	case strings.Contains(msg, "unable to open database file"):
		if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
			return fmt.Errorf("the folder %s does not exist", dir)
		}
		if !writable(dir) {
			return fmt.Errorf("permission denied: cannot create the store in %s (%w)", dir, ErrReadOnly)
		}
	case strings.Contains(msg, "readonly database"):
		if !writable(path) || !writable(dir) {
			return fmt.Errorf("permission denied: %s or its folder may only be read (%w: check, export, report and serve --read-only can read it)", path, ErrReadOnly)
		}
	}
	return err
}

// writable reports whether this process may write path.
func writable(path string) bool { return syscall.Access(path, 2 /* W_OK */) == nil }
