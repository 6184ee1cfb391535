package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpecialFiles gives ingest and extract what is not a regular file: a
// device, a FIFO beside a good notice, a link out of the ingested folder.
// Each is refused in one line naming it, nothing waits on the FIFO, and
// the good file is stored.
func TestSpecialFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt", filepath.Join(in, "good.txt"))
	fifo := filepath.Join(in, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	secret := filepath.Join(dir, "secret.txt")
	copyFile(t, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt", secret)
	if err := os.Symlink(secret, filepath.Join(in, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("good.txt", filepath.Join(in, "inside.txt")); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	// the folder walk skips the FIFO (not a regular file); given by name, it is refused
	code, stdout, stderr := runCmd(t, ctx, "ingest", "--db", db, in, fifo)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitPartial, stdout, stderr)
	}
	for _, want := range []string{fifo + ": not a regular file (a FIFO)", filepath.Join(in, "link.txt") + ": symbolic link leads out of the folder"} {
		if !strings.Contains(stderr, "qcweave: "+want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "2 stored") && !strings.Contains(stdout, "1 stored, 1 unchanged") {
		t.Errorf("the good file and the link inside the folder are not stored:\n%s", stdout)
	}

	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		if _, err := os.Stat(dev); err != nil {
			continue
		}
		code, _, stderr := runCmd(t, ctx, "extract", dev)
		if code != exitFailure || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "not a regular file (a character device)") {
			t.Errorf("extract %s: exit %d, %q", dev, code, stderr)
		}
	}
}

// TestNothingStored: an ingest where no file could be stored failed (exit
// 1), unlike one where some were (exit 3).
func TestNothingStored(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.bin")
	if err := os.WriteFile(bad, []byte{0, 1, 2, 0xff, 0xfe, 0, 0, 9}, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, ctx, "ingest", "--db", filepath.Join(dir, "s.db"), bad)
	if code != exitFailure || !strings.Contains(stderr, "nothing stored") {
		t.Errorf("exit %d, want %d: %s", code, exitFailure, stderr)
	}
}

// TestReportNotOverSpecial: the report replaces a regular file or
// nothing; over a FIFO (or a device) it fails and leaves it.
func TestReportNotOverSpecial(t *testing.T) {
	ctx := context.Background()
	db := seededDB(t)
	fifo := filepath.Join(t.TempDir(), "report.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	code, _, stderr := runCmd(t, ctx, "report", "--db", db, "--out", fifo)
	if code != exitFailure || !strings.Contains(stderr, "not a regular file") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
}

// TestNamesWithLineBreaks: a file or store whose name holds a line break
// or another control character is named on one line, quoted, with the
// reason after it, in the log of ingest (-v), the summary, the error of a
// command and the place of check's quotes.
func TestNamesWithLineBreaks(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := filepath.Join(dir, "in")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt", filepath.Join(docs, "bulle\ntin.txt"))
	if err := os.WriteFile(filepath.Join(docs, "emp\rty\n.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "q\n.db")
	code, stdout, stderr := runCmd(t, ctx, "ingest", "-v", "--db", db, docs)
	if code != exitPartial {
		t.Fatalf("ingest: exit %d, %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	var stored, empty bool
	for _, l := range lines {
		stored = stored || strings.HasPrefix(l, "qcweave: stored ") && strings.HasSuffix(l, `bulle\ntin.txt"`)
		empty = empty || strings.HasPrefix(l, "qcweave: ") && strings.Contains(l, `emp\rty\n.txt": empty file`)
	}
	if !stored || !empty {
		t.Errorf("stderr, want the stored file and the empty one each on a line with its reason:\n%s", stderr)
	}
	if !strings.Contains(stdout, `store "`) || !strings.Contains(stdout, `q\n.db": 1 documents`) {
		t.Errorf("summary, want the store quoted on one line:\n%s", stdout)
	}
	_, stdout, _ = runCmd(t, ctx, "check", "--db", db, "--kind", "date_outside_period")
	if !strings.Contains(stdout, `bulle\ntin.txt"《`) {
		t.Errorf("check, want the file quoted before its title:\n%s", stdout)
	}
	code, _, stderr = runCmd(t, ctx, "export", "--db", db, "--format", "csv", "--out", filepath.Join(dir, "out\nput", "\x00"))
	if code == 0 || strings.Count(stderr, "\n") != 1 {
		t.Errorf("export into a bad folder: exit %d, want one line:\n%s", code, stderr)
	}
}
