package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"qcweave/internal/testio"
	"qcweave/pipeline"
)

// fakeIngest stores files whose name starts with "ok" and refuses others.
func fakeIngest(_ context.Context, path string) (pipeline.Result, bool, error) {
	if _, err := os.Stat(path); err != nil {
		return pipeline.Result{}, false, nil
	}
	if strings.HasPrefix(filepath.Base(path), "ok") {
		return pipeline.Result{Path: path, Status: pipeline.Stored}, true, nil
	}
	return pipeline.Result{Path: path, Status: pipeline.Failed, Err: errors.New(path + ": not a document")}, true, nil
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// Files present and files dropped later are taken once settled: stored
// ones move to done/, refused ones to failed/ beside NAME.err; temporary
// and hidden names are left alone; a cancel stops the watcher cleanly.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok-1.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "partial.part"), []byte("x"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	out := &testio.SyncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- Run(ctx, Config{Dir: dir, Settle: 100 * time.Millisecond, Out: out, Ingest: fakeIngest})
	}()

	waitFor(t, func() bool { return exists(filepath.Join(dir, "done", "ok-1.txt")) })
	os.WriteFile(filepath.Join(dir, "bad.bin"), []byte{0, 1}, 0o644)
	waitFor(t, func() bool { return exists(filepath.Join(dir, "failed", "bad.bin.err")) })
	reason, _ := os.ReadFile(filepath.Join(dir, "failed", "bad.bin.err"))
	if !strings.Contains(string(reason), "not a document") {
		t.Errorf("reason %q", reason)
	}
	// the same name again is kept beside the first
	os.WriteFile(filepath.Join(dir, "ok-1.txt"), []byte("y"), 0o644)
	waitFor(t, func() bool { return exists(filepath.Join(dir, "done", "ok-1.1.txt")) })

	cancel()
	if err := <-errc; err != nil {
		t.Errorf("Run returned %v after a cancel", err)
	}
	if !exists(filepath.Join(dir, ".hidden")) || !exists(filepath.Join(dir, "partial.part")) {
		t.Errorf("a hidden or temporary file was taken")
	}
	if got := out.String(); !strings.Contains(got, `failed   "bad.bin"`) || !strings.Contains(got, `stored   "ok-1.txt"`) {
		t.Errorf("output:\n%s", got)
	}
}

// A store error stops the watcher with the error.
func TestRunStoreError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("x"), 0o644)
	broken := func(context.Context, string) (pipeline.Result, bool, error) {
		return pipeline.Result{}, false, errors.New("disk full")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := Run(ctx, Config{Dir: dir, Settle: 50 * time.Millisecond, Out: &testio.SyncBuffer{}, Ingest: broken})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Run = %v, want the store's error", err)
	}
}

// A link that leads out of the folder goes to failed/ with the reason,
// unread; a link to a file of the folder is taken; a name with a line
// break stays on one line of the log.
func TestRunLinksAndNames(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "ok-secret.txt")
	os.WriteFile(outside, []byte("secret"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "ok-link.txt")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "ok-inside.txt"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if err := os.Symlink("ok-inside.txt", filepath.Join(dir, "ok-alias.txt")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "bad\nstored   forged.txt"), []byte("x"), 0o644)
	var ingested []string
	moved := map[string]string{} // each file's result, as Moved told it
	var mu sync.Mutex
	ingest := func(ctx context.Context, path string) (pipeline.Result, bool, error) {
		mu.Lock()
		ingested = append(ingested, filepath.Base(path))
		mu.Unlock()
		return fakeIngest(ctx, path)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &testio.SyncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- Run(ctx, Config{Dir: dir, Settle: 50 * time.Millisecond, Out: out, Ingest: ingest, Moved: func(r pipeline.Result) {
			mu.Lock()
			moved[filepath.Base(r.Path)] = r.Status
			mu.Unlock()
		}})
	}()
	waitFor(t, func() bool {
		return exists(filepath.Join(dir, "failed", "ok-link.txt.err")) && exists(filepath.Join(dir, "failed", "bad\nstored   forged.txt.err"))
	})
	cancel()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	reason, _ := os.ReadFile(filepath.Join(dir, "failed", "ok-link.txt.err"))
	if !strings.Contains(string(reason), "symbolic link leads out of the folder") {
		t.Errorf("reason %q", reason)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "failed", "ok-link.txt")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link itself is not in failed/: %v", err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "secret" {
		t.Errorf("the link's target changed")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, n := range ingested {
		if n == "ok-link.txt" {
			t.Errorf("the link out of the folder was read")
		}
	}
	if moved["ok-link.txt"] != pipeline.Failed {
		t.Errorf("the refused link was told as %q, want failed", moved["ok-link.txt"])
	}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.HasPrefix(l, "stored   \"") && !strings.HasPrefix(l, "failed   \"") {
			t.Errorf("log line %q", l)
		}
	}
	if strings.Count(out.String(), "\n") != 4 {
		t.Errorf("log:\n%s", out.String())
	}
}

// The folder removed while watched ends the watch with ErrInboxLost.
func TestRunInboxLost(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "inbox")
	os.Mkdir(dir, 0o755)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- Run(ctx, Config{Dir: dir, Settle: 50 * time.Millisecond, Out: &testio.SyncBuffer{}, Ingest: fakeIngest})
	}()
	waitFor(t, func() bool { return exists(filepath.Join(dir, "failed")) })
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; !errors.Is(err, ErrInboxLost) {
		t.Errorf("Run = %v, want ErrInboxLost", err)
	}
}
