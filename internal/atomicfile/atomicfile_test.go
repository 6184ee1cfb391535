package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Write replaces only a regular file or nothing, leaves the target as it
// was when the content fails, and never leaves its temporary behind.
func TestWrite(t *testing.T) {
	boom := errors.New("disk full")
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, path string)
		fn      func(io.Writer) error
		wantErr error // nil: written
		keep    string
	}{
		{"new file", func(*testing.T, string) {}, text("new"), nil, ""},
		{"over a file", func(t *testing.T, p string) { must(t, os.WriteFile(p, []byte("old"), 0o600)) }, text("new"), nil, ""},
		{"content fails", func(t *testing.T, p string) { must(t, os.WriteFile(p, []byte("old"), 0o600)) },
			func(w io.Writer) error { io.WriteString(w, "half"); return boom }, boom, "old"},
		{"over a FIFO", func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip("no FIFOs:", err)
			}
		}, text("new"), ErrNotRegular, ""},
		{"over a folder", func(t *testing.T, p string) { must(t, os.Mkdir(p, 0o755)) }, text("new"), ErrNotRegular, ""},
		{"over a link", func(t *testing.T, p string) {
			target := filepath.Join(filepath.Dir(p), "target")
			must(t, os.WriteFile(target, []byte("old"), 0o644))
			must(t, os.Symlink(target, p))
		}, text("new"), ErrNotRegular, "old"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.csv")
			tc.prepare(t, path)
			err := Write(path, 0o644, tc.fn)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err %v, want %v", err, tc.wantErr)
			}
			// what the target is, so that "write out.csv" is understood
			if what := map[string]string{"over a FIFO": "a FIFO", "over a folder": "a folder", "over a link": "a symbolic link"}[tc.name]; what != "" && !strings.Contains(fmt.Sprint(err), ": "+what+", ") {
				t.Errorf("err %v does not say the target is %s", err, what)
			}
			if err == nil {
				b, _ := os.ReadFile(path)
				fi, _ := os.Stat(path)
				if string(b) != "new" || fi.Mode().Perm() != 0o644 {
					t.Errorf("content %q mode %v", b, fi.Mode())
				}
			}
			if tc.keep != "" {
				if b, _ := os.ReadFile(path); string(b) != tc.keep {
					t.Errorf("target now %q, want %q kept", b, tc.keep)
				}
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != "out.csv" && e.Name() != "target" {
					t.Errorf("left %s", e.Name())
				}
			}
		})
	}
}

// A set appears only when every file of it has been written; a failure
// leaves the earlier files as they were.
func TestSet(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	must(t, os.WriteFile(a, []byte("old a"), 0o644))
	var s Set
	must(t, s.Add(a, 0, text("new a")))
	if got, _ := os.ReadFile(a); string(got) != "old a" {
		t.Errorf("a replaced before the set was complete: %q", got)
	}
	if err := s.Add(b, 0, func(io.Writer) error { return errors.New("no") }); err == nil {
		t.Fatal("no error")
	}
	if got, _ := os.ReadFile(a); string(got) != "old a" {
		t.Errorf("a failed set changed a: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed set left %d files", len(entries))
	}
	s = Set{}
	must(t, s.Add(a, 0, text("new a")))
	must(t, s.Add(b, 0, text("new b")))
	must(t, s.Commit())
	for p, want := range map[string]string{a: "new a", b: "new b"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s: %q", p, got)
		}
	}
}

// The temporaries of a killed run (its process gone) are removed by the
// next write; those of a running process are not.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	files := map[string]bool{ // name → removed
		".out.csv.tmp-2147483646-abcdef":                true, // no such process
		".out.csv.123456":                               true, // an earlier version's
		".out.csv.tmp-" + itoa(os.Getpid()) + "-abcdef": false,
		".other.csv.tmp-2147483646-abcdef":              false, // another file's
		"out.csv.notes":                                 false,
	}
	for name := range files {
		must(t, os.WriteFile(filepath.Join(dir, name), nil, 0o644))
	}
	must(t, Write(filepath.Join(dir, "out.csv"), 0, text("x")))
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := err != nil; gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestWriteNoFolder: a file asked for in a folder that is not there is
// refused naming the file and the folder, not the temporary file.
func TestWriteNoFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	path := filepath.Join(dir, "r.html")
	err := Write(path, 0o644, text("x"))
	if err == nil || err.Error() != "write "+path+": no folder "+dir {
		t.Errorf("error %v, want it to name %s and its missing folder", err, path)
	}
}
