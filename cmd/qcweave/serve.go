package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"qcweave/internal/oneline"
	"qcweave/serve"
	"qcweave/store"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[--db PATH] [--addr 127.0.0.1:8080] [--read-only] [--reviewer NAME]",
		"Serve the review workbench over the store: overview, documents with their records'\nquotes highlighted, centers, findings to confirm or dismiss, corrections, search.\nListens on loopback only unless --addr names another address.")
	db := dbFlag(e, fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	readOnly := fs.Bool("read-only", false, "refuse every change")
	reviewer := fs.String("reviewer", "", "name corrections and reviews are stored under (default $USER)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments", errUsage)
	}
	name := *reviewer
	if name == "" {
		name = e.getenv("USER")
	}
	if err := existingStore(db()); err != nil {
		return err
	}
	// a server that changes nothing reads a store the user may only read
	open := store.Open
	if *readOnly {
		open = store.OpenForReading
	}
	st, err := open(ctx, db())
	if err != nil {
		return err
	}
	defer st.Close()
	loop := serve.IsLoopback(*addr)
	srv, err := serve.New(ctx, st, serve.Options{ReadOnly: *readOnly, Reviewer: name, Loopback: loop})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	if !loop {
		fmt.Fprintf(e.stderr, "qcweave: warning: %s is reachable from other machines; anyone who reaches it can read the store%s\n",
			*addr, map[bool]string{false: " and change it", true: ""}[*readOnly])
	}
	fmt.Fprintf(e.stdout, "qcweave: serving %s at http://%s/ (reviewer %s%s); Ctrl-C stops\n", oneline.Path(db()), ln.Addr(), srv.Reviewer(),
		map[bool]string{false: "", true: ", read-only"}[*readOnly])
	go srv.Warm(ctx) // the overview's aggregates, before the first visitor asks
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	}
}
