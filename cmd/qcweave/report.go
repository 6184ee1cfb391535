package main

import (
	"context"
	"fmt"
	"io"

	"qcweave/internal/atomicfile"
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
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: report takes no arguments (got %q; the output is named by --out)", errUsage, fs.Arg(0))
	}
	if *out == "" {
		return fmt.Errorf("%w: report needs --out FILE.html", errUsage)
	}
	if err := existingStore(db()); err != nil {
		return err
	}
	if err := notAStore(*out); err != nil {
		return err
	}
	st, err := store.OpenForReading(ctx, db())
	if err != nil {
		return err
	}
	defer st.Close()
	// written beside the target, synced and renamed: a failed report leaves
	// no half file, and only a regular file is replaced
	err = atomicfile.Write(*out, 0o644, func(w io.Writer) error { return report.Write(ctx, st, w) })
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintln(e.stdout, *out)
	return nil
}
