package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestOpenOddNames: a store whose name holds the characters of an SQLite
// URI (%, ?, #) or starts with // is the file named, for writing and for
// reading, and no other file is made beside it.
func TestOpenOddNames(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"a#b.db", "50%.db", "p%41.db", "q?mode=ro.db", "r?x#y%z.db"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('probe', 'yes')"); err != nil {
				t.Fatal(err)
			}
			s.Close()
			var names []string
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if !slices.Contains(names, name) || slices.ContainsFunc(names, func(n string) bool { return n != name && n != name+"-wal" && n != name+"-shm" }) {
				t.Fatalf("files made: %q, want %q (and its -wal, -shm)", names, name)
			}
			r, err := OpenReadOnly(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var v string
			if err := r.DB().QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'probe'").Scan(&v); err != nil || v != "yes" {
				t.Fatalf("read back %q, %v", v, err)
			}
		})
	}
	t.Run("leading //", func(t *testing.T) {
		path := "/" + filepath.Join(t.TempDir(), "s.db")
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(filepath.Clean(path)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestOpenNoFile: an empty path (SQLite's private temporary database) and
// a device are refused, not written to and forgotten.
func TestOpenNoFile(t *testing.T) {
	for _, path := range []string{"", os.DevNull} {
		if s, err := Open(context.Background(), path); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

// TestOpenForReadingMigrates: a command that only reads, given a store of
// an older schema it may write (as after an upgrade of qcweave), migrates
// it and reads it, where OpenReadOnly refuses it.
func TestOpenForReadingMigrates(t *testing.T) {
	ctx := context.Background()
	path, db := v1Store(t)
	db.Close()
	if s, err := OpenReadOnly(ctx, path); !errors.Is(err, ErrReadOnly) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("OpenReadOnly of an older store: %v, want ErrReadOnly", err)
	}
	s, err := OpenForReading(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v string
	if err := s.DB().QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v); err != nil || v != strconv.Itoa(SchemaVersion) {
		t.Errorf("schema version %q, %v; want %d", v, err, SchemaVersion)
	}
}
