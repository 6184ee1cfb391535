// Package watch ingests the files dropped into a folder: files already
// there and every file that arrives (fsnotify), each taken once its size
// and modification time have stopped changing. A file that was stored (or
// was already in the store) moves to DIR/done/, one that could not be
// read to DIR/failed/ beside NAME.err with the reason. A file is moved
// only after its document is committed, so killing the watcher at any
// moment loses nothing: on restart the file is found again, recognized by
// its content hash, and moved. A symbolic link that leads out of the
// folder goes to failed/ unread; the log quotes every name; the watch
// ends with ErrInboxLost when the folder is removed or replaced.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"qcweave/formats"
	"qcweave/internal/atomicfile"
	"qcweave/pipeline"
)

// Config configures a watcher.
type Config struct {
	Dir string
	// Ingest stores one file (and checks the store across documents); ok
	// is false when the file was gone before it was read. The error is
	// the store's, never the file's: a file that cannot be read is a
	// Failed result.
	Ingest func(ctx context.Context, path string) (r pipeline.Result, ok bool, err error)
	// Settle is how long a file's size and time must stay unchanged before
	// it is taken (default 1 s).
	Settle time.Duration
	// Out receives one line per file.
	Out io.Writer
	// Moved, when set, is called with each file's result once the file
	// is in done/ or failed/: every file stored, unchanged or failed, a
	// refused link among them (from the watching goroutine).
	Moved func(r pipeline.Result)
}

// skipped reports names the watcher never takes: hidden files, its error
// notes, and files a program is still writing under a temporary name.
func skipped(name string) bool {
	lower := strings.ToLower(name)
	for _, suf := range []string{".err", ".part", ".tmp", ".crdownload", ".download", "~", "-wal", "-shm", "-journal"} {
		if strings.HasSuffix(lower, suf) {
			return true
		}
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

type pending struct {
	size  int64
	mod   time.Time
	since time.Time
}

// Run watches cfg.Dir until ctx is cancelled; the file in flight is
// finished first. It returns nil after a clean stop.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Settle <= 0 {
		cfg.Settle = time.Second
	}
	inbox, err := os.Stat(cfg.Dir)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	if !inbox.IsDir() {
		return fmt.Errorf("watch: %s is not a folder", cfg.Dir)
	}
	done, failed := filepath.Join(cfg.Dir, "done"), filepath.Join(cfg.Dir, "failed")
	for _, d := range []string{done, failed} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("watch: %w", err)
		}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Close()
	if err := w.Add(cfg.Dir); err != nil {
		return fmt.Errorf("watch %s: %w", cfg.Dir, err)
	}
	waiting := map[string]*pending{}
	note := func(path string) {
		if skipped(filepath.Base(path)) || filepath.Dir(path) != filepath.Clean(cfg.Dir) {
			return
		}
		fi, err := os.Stat(path)
		if err != nil || !fi.Mode().IsRegular() {
			delete(waiting, path)
			return
		}
		p, ok := waiting[path]
		if !ok || p.size != fi.Size() || !p.mod.Equal(fi.ModTime()) {
			waiting[path] = &pending{size: fi.Size(), mod: fi.ModTime(), since: time.Now()}
		}
	}
	// files already there
	entries, err := os.ReadDir(cfg.Dir)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	for _, e := range entries {
		note(filepath.Join(cfg.Dir, e.Name()))
	}
	tick := time.NewTicker(cfg.Settle / 4)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if filepath.Clean(ev.Name) == filepath.Clean(cfg.Dir) && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
				return lost(cfg.Dir, inbox)
			}
			if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) || ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Chmod) {
				note(ev.Name)
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				if _, err := os.Stat(ev.Name); err != nil {
					delete(waiting, ev.Name)
				}
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(cfg.Out, "watch: %v\n", err)
		case <-tick.C:
			if err := lost(cfg.Dir, inbox); err != nil {
				return err
			}
			// re-stat waiting files; take the settled ones, oldest first
			var ready []string
			for path := range waiting {
				note(path)
				if p, ok := waiting[path]; ok && time.Since(p.since) >= cfg.Settle {
					ready = append(ready, path)
				}
			}
			sort.Strings(ready)
			for _, path := range ready {
				if ctx.Err() != nil {
					return nil
				}
				delete(waiting, path)
				// the file in flight is finished even when a signal arrives
				if err := processFile(context.WithoutCancel(ctx), cfg, path, done, failed); err != nil {
					return err
				}
			}
		}
	}
}

// ErrInboxLost is returned when the watched folder is removed, renamed or
// replaced while it is watched.
var ErrInboxLost = errors.New("the watched folder is gone")

// lost reports whether the folder dir is no longer the one being watched.
func lost(dir string, inbox os.FileInfo) error {
	fi, err := os.Stat(dir)
	if err != nil || !os.SameFile(fi, inbox) {
		return fmt.Errorf("watch %s: %w", dir, ErrInboxLost)
	}
	return nil
}

// processFile stores one file and moves it. It returns an error only when
// the store itself fails. A symbolic link that leads out of the folder is
// refused (moved, as a link, to failed/) without being read.
func processFile(ctx context.Context, cfg Config, path, done, failed string) error {
	var r pipeline.Result
	if err := formats.Within(path, cfg.Dir); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil // gone
		}
		r = pipeline.Result{Path: path, Status: pipeline.Failed, Err: err}
	} else {
		var ok bool
		if r, ok, err = cfg.Ingest(ctx, path); err != nil {
			return fmt.Errorf("watch: %q: %w", path, err)
		}
		if !ok {
			return nil // gone before it was read
		}
	}
	name := filepath.Base(path)
	switch r.Status {
	case pipeline.Failed:
		dest, err := move(path, failed)
		if err != nil {
			return err
		}
		// the reason without the path, which may hold a line break
		reason := pipeline.Reason(errors.New(strings.TrimPrefix(r.Err.Error(), path+": ")))
		// written whole or not at all: a reader never sees it empty
		err = atomicfile.Write(dest+".err", 0o644, func(w io.Writer) error { _, err := io.WriteString(w, reason+"\n"); return err })
		if err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		fmt.Fprintf(cfg.Out, "failed   %q: %s\n", name, reason)
	default:
		dest, err := move(path, done)
		if err != nil {
			return err
		}
		fmt.Fprintf(cfg.Out, "%-8s %q → %q\n", r.Status, name, filepath.Join(filepath.Base(done), filepath.Base(dest)))
	}
	if cfg.Moved != nil {
		cfg.Moved(r)
	}
	return nil
}

// move renames path into dir, adding .1, .2 … before the extension when the
// name is taken.
func move(path, dir string) (string, error) {
	name := filepath.Base(path)
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	dest := filepath.Join(dir, name)
	for i := 1; ; i++ {
		if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
			break
		}
		dest = filepath.Join(dir, fmt.Sprintf("%s.%d%s", stem, i, ext))
	}
	if err := os.Rename(path, dest); err != nil {
		return "", fmt.Errorf("watch: move %s: %w", path, err)
	}
	return dest, nil
}
