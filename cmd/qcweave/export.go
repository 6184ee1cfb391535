package main

import (
	"context"
	"fmt"
	"os"
	"qcweave/store"

	"qcweave/export"
)

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "[--db PATH] --format csv|json|xlsx|corrections --out DIR [--bom=false]",
		"Write the datasets (documents, counts, centers, coverage, activities, findings),\none file each, and a Frictionless datapackage.json describing them (its fields\nwith Chinese titles). Every row carries its document's sha256, title and file name.\nCSV files start with a UTF-8 byte-order mark, so that Excel opens them as UTF-8\n(the datapackage says utf-8-sig); --bom=false leaves it out.")
	db := dbFlag(e, fs)
	format := fs.String("format", "", "csv, json, xlsx, or corrections (reviewers' corrections as answer keys of the evaluation)")
	out := fs.String("out", "", "output folder")
	bom := fs.Bool("bom", true, "csv: start files with a UTF-8 byte-order mark, as Excel needs (--bom=false: without)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: export takes no arguments (got %q; the output is named by --out)", errUsage, fs.Arg(0))
	}
	if *format != "csv" && *format != "json" && *format != "xlsx" && *format != "corrections" {
		return fmt.Errorf("%w: export needs --format csv, json, xlsx or corrections", errUsage)
	}
	if *out == "" {
		return fmt.Errorf("%w: export needs --out DIR", errUsage)
	}
	if err := existingStore(db()); err != nil {
		return err
	}
	st, err := store.OpenForReading(ctx, db())
	if err != nil {
		return err
	}
	defer st.Close()
	var files []string
	if *format == "corrections" {
		// reviewers' corrections as answer keys of the evaluation (serve)
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if files, err = export.WriteCorrections(ctx, st, *out); err != nil {
			return err
		}
		if len(files) == 0 {
			fmt.Fprintln(e.stderr, "qcweave: export: the store holds no corrections, so no answer key was written (qcweave serve records them)")
		}
	} else if *format == "xlsx" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		path, err := export.WriteXLSX(ctx, st, *out)
		if err != nil {
			return err
		}
		files = []string{path}
	} else {
		files, err = export.Write(ctx, st.DB(), export.Options{Format: *format, Dir: *out, BOM: *bom})
		if err != nil {
			return err
		}
	}
	for _, f := range files {
		fmt.Fprintln(e.stdout, f)
	}
	return nil
}
