package main

import (
	"context"
	"encoding/json"
	"fmt"

	"qcweave/pipeline"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", "FILE", "Parse one file and print one JSON object with its document metadata,\ncounts, centers, coverage, activities and findings. No store is touched.")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: extract takes one FILE", errUsage)
	}
	// on a terminal, the pages of a scan as OCR reads them
	var onPages func(done, total int)
	bar := newProgress(e, normal, e.now)
	if e.stderrIsTTY {
		onPages = bar.pages
	}
	loader := newLoader(e, onPages)
	defer loader.Close()
	ex, err := pipeline.Extract(ctx, loader, fs.Arg(0))
	bar.clear()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(ex)
}
