package main

import (
	"context"
	"fmt"
	"time"

	"qcweave/pipeline"
	"qcweave/watch"
)

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "watch", "[--db PATH] [--settle DURATION] DIR",
		"Ingest every file in DIR and every file dropped into it, once it has stopped\ngrowing; move each to DIR/done/ or to DIR/failed/ beside NAME.err with the reason.\nSIGINT or SIGTERM finish the file in flight and stop.")
	db := dbFlag(e, fs)
	settle := fs.Duration("settle", time.Second, "how long a file must stay unchanged before it is taken")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: watch takes one DIR", errUsage)
	}
	path := db()
	w, err := pipeline.Open(ctx, path, newLoader(e))
	if err != nil {
		return err
	}
	defer w.Close()
	fmt.Fprintf(e.stdout, "watching %s (store %s); Ctrl-C to stop\n", fs.Arg(0), path)
	err = watch.Run(ctx, watch.Config{Dir: fs.Arg(0), Settle: *settle, Out: e.stdout, Ingest: w.IngestFile})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "stopped")
	return nil
}
