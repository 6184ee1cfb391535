package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"qcweave/internal/oneline"
	"qcweave/pipeline"
	"qcweave/watch"
)

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "watch", "[--db PATH] [--settle DURATION] DIR",
		"Ingest every file in DIR and every file dropped into it, once it has stopped\ngrowing; move each to DIR/done/ or to DIR/failed/ beside NAME.err with the reason.\nSIGINT or SIGTERM finish the file in flight and stop. The store is created when\nmissing; DIR must exist.")
	db := dbFlag(e, fs)
	settle := fs.Duration("settle", time.Second, "how long a file must stay unchanged before it is taken")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *settle <= 0 {
		return fmt.Errorf("%w: watch: --settle must be a positive duration (got %s)", errUsage, *settle)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: watch takes one DIR", errUsage)
	}
	dir := fs.Arg(0)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		if err == nil {
			return fmt.Errorf("%w: watch: %s is not a folder", errUsage, dir)
		}
		return fmt.Errorf("%w: watch: no folder %s", errUsage, dir)
	}
	path := db()
	w, err := pipeline.Open(ctx, path, newLoader(e, nil))
	if err != nil {
		return err
	}
	defer w.Close()
	fmt.Fprintf(e.stdout, "watching %s (store %s); Ctrl-C to stop\n", oneline.Path(dir), oneline.Path(path))
	// counted as moved, so that a link refused unread counts as failed
	var n struct{ stored, unchanged, failed int }
	moved := func(r pipeline.Result) {
		switch r.Status {
		case pipeline.Stored:
			n.stored++
		case pipeline.Unchanged:
			n.unchanged++
		case pipeline.Failed:
			n.failed++
		}
	}
	err = watch.Run(ctx, watch.Config{Dir: dir, Settle: *settle, Out: e.stdout, Ingest: w.IngestFile, Moved: moved})
	fmt.Fprintf(e.stdout, "stopped: %d stored, %d unchanged, %d failed\n", n.stored, n.unchanged, n.failed)
	return err
}
