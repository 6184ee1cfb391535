package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"qcweave/internal/testio"
)

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestWatch: a file already there, a broken file, and a file still being
// written; then a clean stop.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	copyFile(t, henan, filepath.Join(in, "henan.txt"))
	db := filepath.Join(dir, "q.db")
	ctx, cancel := context.WithCancel(context.Background())
	var out testio.SyncBuffer
	e := &env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }, helper: true}
	stopped := make(chan int)
	go func() { stopped <- run(ctx, e, []string{"watch", "--db", db, "--settle", "400ms", in}) }()

	waitFor(t, "the file already there", 10*time.Second, func() bool { return exists(filepath.Join(in, "done", "henan.txt")) })
	os.WriteFile(filepath.Join(in, "broken.txt"), []byte{0, 1, 2, 0xff, 0}, 0o644)
	// a file written in pieces, each sooner than the settle time
	hubei, _ := os.ReadFile("../../testdata/seeds/003_8bcd6cef6928f5fe.txt")
	growing := filepath.Join(in, "hubei.txt")
	f, err := os.Create(growing)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(hubei); i += len(hubei) / 5 {
		f.Write(hubei[i:min(i+len(hubei)/5, len(hubei))])
		f.Sync()
		time.Sleep(150 * time.Millisecond)
		if exists(filepath.Join(in, "done", "hubei.txt")) || exists(filepath.Join(in, "failed", "hubei.txt")) {
			t.Fatal("the file was taken while it was still being written")
		}
	}
	f.Close()
	waitFor(t, "the broken file", 10*time.Second, func() bool { return exists(filepath.Join(in, "failed", "broken.txt.err")) })
	waitFor(t, "the written file", 10*time.Second, func() bool { return exists(filepath.Join(in, "done", "hubei.txt")) })
	reason, _ := os.ReadFile(filepath.Join(in, "failed", "broken.txt.err"))
	if !strings.Contains(string(reason), "binary data") {
		t.Errorf("reason %q", reason)
	}
	cancel()
	select {
	case code := <-stopped:
		if code != 0 {
			t.Errorf("watch exited %d after a signal, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop")
	}
	lines := out.String()
	for _, want := range []string{`stored   "henan.txt"`, `failed   "broken.txt"`, `stored   "hubei.txt"`, "stopped"} {
		if !strings.Contains(lines, want) {
			t.Errorf("output lacks %q:\n%s", want, lines)
		}
	}
	// the stored Hubei bulletin is the whole file
	var sum ingestSummary
	_, js, _ := runCmd(t, context.Background(), "ingest", "--db", db, "--json", filepath.Join(in, "done"))
	if err := jsonUnmarshal(js, &sum); err != nil || sum.Unchanged != 2 || sum.Store.Documents != 2 {
		t.Errorf("after watch: %+v %v", sum, err)
	}
}

// TestWatchKillRestart kills the watcher with SIGKILL while it works,
// restarts it, and wants every file in done/ or failed/ once and every
// good document stored once.
func TestWatchKillRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	seed, _ := os.ReadFile(henan)
	const n = 8
	for i := 0; i < n; i++ {
		// distinct documents: a different 文号 each
		doc := strings.Replace(string(seed), "〔2025〕21号", "〔2025〕"+string(rune('a'+i))+"号", 1)
		os.WriteFile(filepath.Join(in, "n"+string(rune('a'+i))+".txt"), []byte(doc), 0o644)
	}
	os.WriteFile(filepath.Join(in, "zz-broken.txt"), []byte{0, 1, 2}, 0o644)
	db := filepath.Join(dir, "q.db")
	var out testio.SyncBuffer
	start := func() *exec.Cmd {
		cmd := exec.Command(exe, "watch", "--db", db, "--settle", "100ms", in)
		cmd.Env = append(os.Environ(), "QCWEAVE_RUN_MAIN=1")
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	cmd := start()
	// kill it while it works: after it stored a first file
	waitFor(t, "a first file", 10*time.Second, func() bool { return strings.Contains(out.String(), "stored") })
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	before := strings.Count(out.String(), "watching")
	cmd = start()
	waitFor(t, "the restart", 10*time.Second, func() bool { return strings.Count(out.String(), "watching") > before })
	waitFor(t, "all files moved", 30*time.Second, func() bool {
		left, _ := filepath.Glob(filepath.Join(in, "*.txt"))
		return len(left) == 0
	})
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("watch after SIGTERM: %v", err)
	}
	done, _ := filepath.Glob(filepath.Join(in, "done", "*"))
	failed, _ := filepath.Glob(filepath.Join(in, "failed", "*.txt"))
	if len(done) != n || len(failed) != 1 {
		t.Errorf("done %d (want %d), failed %d (want 1): %q %q", len(done), n, len(failed), done, failed)
	}
	var sum ingestSummary
	_, js, _ := runCmd(t, context.Background(), "ingest", "--db", db, "--json", filepath.Join(in, "done"))
	if err := jsonUnmarshal(js, &sum); err != nil || sum.Store.Documents != n || sum.Stored != 0 {
		t.Errorf("store after kill and restart: %+v %v", sum, err)
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// A link that leads out of the folder, refused unread and moved to
// failed/, counts as failed in the summary.
func TestWatchOutwardLinkCounted(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	outside := filepath.Join(dir, "outside.txt")
	copyFile(t, henan, outside)
	if err := os.Symlink(outside, filepath.Join(in, "link.txt")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out testio.SyncBuffer
	e := &env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }, helper: true}
	stopped := make(chan int)
	go func() {
		stopped <- run(ctx, e, []string{"watch", "--db", filepath.Join(dir, "q.db"), "--settle", "100ms", in})
	}()
	waitFor(t, "the link refused", 10*time.Second, func() bool { return exists(filepath.Join(in, "failed", "link.txt.err")) })
	cancel()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop")
	}
	if !strings.Contains(out.String(), "stopped: 0 stored, 0 unchanged, 1 failed") {
		t.Errorf("summary:\n%s", out.String())
	}
}
