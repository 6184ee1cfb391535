package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"qcweave/report"
	"qcweave/store"
)

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report", "[--db PATH] --out FILE.html",
		"Write one self-contained HTML report: documents, the coverage matrix, counts over\ntime, the activity timeline and the open findings with their quotes.")
	db := dbFlag(e, fs)
	out := fs.String("out", "", "the HTML file to write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: report needs --out FILE.html", errUsage)
	}
	st, err := store.Open(ctx, db())
	if err != nil {
		return err
	}
	defer st.Close()
	// written beside the target and renamed: a failed report leaves no half file
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".qcweave-report-*.html")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = report.Write(ctx, st, w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintln(e.stdout, *out)
	return nil
}
