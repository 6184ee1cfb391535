package main

import (
	"context"
	"fmt"
	"time"

	"qcweave/watch"
)

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "watch", "[--db PATH] [--settle DURATION] DIR",
		"Ingest every file in DIR and every file dropped into it, once it has stopped\ngrowing; move each to DIR/done/ or to DIR/failed/ beside NAME.err with the reason.\nSIGINT or SIGTERM finish the file in flight and stop.")
	db := fs.String("db", "", "SQLite database (default $QCWEAVE_DB or qcweave.db)")
	settle := fs.Duration("settle", time.Second, "how long a file must stay unchanged before it is taken")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: watch takes one DIR", errUsage)
	}
	path := dbPath(e, *db)
	w, err := openWork(ctx, e, path)
	if err != nil {
		return err
	}
	defer w.close()
	fmt.Fprintf(e.stdout, "watching %s (store %s); Ctrl-C to stop\n", fs.Arg(0), path)
	err = watch.Run(ctx, watch.Config{
		Dir:       fs.Arg(0),
		Settle:    *settle,
		Out:       e.stdout,
		Pipeline:  w.pipeline(),
		AfterFile: func(ctx context.Context) error { return recheck(ctx, w.store) },
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "stopped")
	return nil
}
