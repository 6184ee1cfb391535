package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadOnlyStore: a store the user may read but not write (the file
// and its folder read-only) is checked, exported and reported; an ingest
// into it fails saying permission denied, and so does a store in a folder
// the user may not write. Run as root, the commands run as nobody.
func TestReadOnlyStore(t *testing.T) {
	ctx := context.Background()
	top := t.TempDir()
	storeDir := filepath.Join(top, "store")
	outDir := filepath.Join(top, "out")
	for _, d := range []string{storeDir, outDir} {
		if err := os.Mkdir(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(storeDir, "q.db")
	notice := filepath.Join(top, "notice.txt")
	copyFile(t, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt", notice)
	if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, notice); code != 0 {
		t.Fatal(stderr)
	}
	// a clean close leaves no WAL files: the store is the one file
	os.Chmod(db, 0o444)
	os.Chmod(storeDir, 0o555)
	os.Chmod(outDir, 0o777)
	os.Chmod(top, 0o755)
	os.Chmod(filepath.Dir(top), 0o755) // the test's own folder
	os.Chmod(notice, 0o644)
	t.Cleanup(func() { os.Chmod(storeDir, 0o755) })

	cmd := func(args ...string) (int, string) {
		if os.Geteuid() != 0 {
			code, stdout, stderr := runCmd(t, ctx, args...)
			return code, stdout + stderr
		}
		// root may write anything: run the command as nobody
		exe := filepath.Join(top, "qcweave.test")
		if _, err := os.Stat(exe); err != nil {
			self, _ := os.Executable()
			b, err := os.ReadFile(self)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(exe, b, 0o755); err != nil {
				t.Fatal(err)
			}
			for d := filepath.Dir(top); d != "/"; d = filepath.Dir(d) {
				if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o001 == 0 {
					t.Skipf("%s is closed to other users", d)
				}
			}
		}
		c := exec.Command(exe, args...)
		c.Env = append(os.Environ(), "QCWEAVE_RUN_MAIN=1", "HOME="+outDir)
		c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := c.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, string(out)
	}
	for _, args := range [][]string{
		{"check", "--db", db},
		{"export", "--db", db, "--format", "csv", "--out", filepath.Join(outDir, "csv")},
		{"report", "--db", db, "--out", filepath.Join(outDir, "r.html")},
	} {
		if code, out := cmd(args...); code != 0 {
			t.Errorf("%s of a read-only store: exit %d: %s", args[0], code, out)
		}
	}
	// serve --read-only reads it too (it stops when the time is up)
	{
		sctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		args := []string{"serve", "--db", db, "--read-only", "--addr", "127.0.0.1:0"}
		var out string
		if os.Geteuid() != 0 {
			_, stdout, stderr := runCmd(t, sctx, args...)
			out = stdout + stderr
		} else {
			c := exec.CommandContext(sctx, filepath.Join(top, "qcweave.test"), args...)
			c.Env = append(os.Environ(), "QCWEAVE_RUN_MAIN=1", "HOME="+outDir)
			c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			b, _ := c.CombinedOutput()
			out = string(b)
		}
		cancel()
		if !strings.Contains(out, "serving") || strings.Contains(out, "permission denied") {
			t.Errorf("serve --read-only of a read-only store: %s", out)
		}
	}
	if code, out := cmd("ingest", "--db", db, notice); code != exitFailure || !strings.Contains(out, "permission denied") {
		t.Errorf("ingest into a read-only store: exit %d: %s", code, out)
	}
	if code, out := cmd("ingest", "--db", filepath.Join(storeDir, "new.db"), notice); code != exitFailure || !strings.Contains(out, "permission denied") {
		t.Errorf("ingest into a read-only folder: exit %d: %s", code, out)
	}
	// a file the user may not read is named once, with the reason
	secret := filepath.Join(top, "secret.txt")
	copyFile(t, notice, secret)
	os.Chmod(secret, 0)
	if code, out := cmd("ingest", "-q", "--db", filepath.Join(outDir, "w.db"), secret); code != exitFailure || !strings.Contains(out, "qcweave: "+secret+": permission denied\n") {
		t.Errorf("ingest of an unreadable file: exit %d: %s", code, out)
	}
	if entries, _ := os.ReadDir(storeDir); len(entries) != 1 {
		t.Errorf("the read-only folder now holds %d files", len(entries))
	}
}
