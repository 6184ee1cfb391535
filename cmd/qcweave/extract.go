package main

import (
	"context"
	"encoding/json"
	"fmt"

	"qcweave/extractors"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", "FILE", "Parse one file and print one JSON object with its document metadata,\ncounts, centers, coverage, activities and findings. No store is touched.")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: extract takes one FILE", errUsage)
	}
	path := fs.Arg(0)
	loader := newLoader(e)
	defer loader.Close()
	doc, err := loader.Load(ctx, path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tools, err := extractors.NewTools()
	if err != nil {
		return err
	}
	ex, err := extractors.Extract(ctx, doc, tools)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(ex)
}
