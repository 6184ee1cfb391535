package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

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
	var buf bytes.Buffer
	if err := report.Write(ctx, st, &buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintln(e.stdout, *out)
	return nil
}
