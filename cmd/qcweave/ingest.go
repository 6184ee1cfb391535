package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"qcweave/internal/oneline"
	"qcweave/pipeline"
	"qcweave/store"
)

type ingestSummary struct {
	Files     int            `json:"files"`
	Stored    int            `json:"stored"`
	Unchanged int            `json:"unchanged"`
	Failed    int            `json:"failed"`
	Skipped   map[string]int `json:"skipped"`
	// Interrupted is set when the run was stopped before every file was
	// done: Files counts those done; each stored document is whole.
	Interrupted bool           `json:"interrupted,omitempty"`
	Results     []ingestResult `json:"results"`
	Store       store.Summary  `json:"store"`
}

type ingestResult struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// globs is a flag that may be given more than once.
type globs []string

func (g *globs) String() string     { return strings.Join(*g, ",") }
func (g *globs) Set(v string) error { *g = append(*g, v); return nil }

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "[--db PATH] [--json] [-q|-v] [--include GLOB] [--exclude GLOB] FILE|DIR...",
		"Parse files and folders (recursively) into the SQLite store, which is created when\nmissing. Files already stored with the same content are skipped; a file that cannot\nbe read is reported and kept in the error log, and the others go on. A folder gives\nits documents: hidden files, editor temporaries and files of data or notes formats\n(Markdown, JSON, CSV/TSV, logs, images …) are left out and counted, unless named\none by one.")
	db := dbFlag(e, fs)
	level := verbosityFlags(fs)
	asJSON := fs.Bool("json", false, "print a machine-readable summary")
	workers := fs.Int("workers", pipeline.DefaultWorkers(), "documents parsed in parallel")
	var include, exclude globs
	fs.Var(&include, "include", "in folders, take only files matching this `GLOB` (a name, or a path below the folder with /); may be repeated")
	fs.Var(&exclude, "exclude", "in folders, leave out files and folders matching this `GLOB`; may be repeated")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to this `FILE` (for development)")
	memprofile := fs.String("memprofile", "", "write a heap profile (allocations) at the end of the run to this `FILE` (for development)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: ingest needs at least one FILE or DIR", errUsage)
	}
	if *workers < 1 {
		return fmt.Errorf("%w: ingest: --workers must be 1 or more (got %d)", errUsage, *workers)
	}
	if err := pipeline.ValidGlobs(append(append([]string{}, include...), exclude...)); err != nil {
		return fmt.Errorf("%w: ingest: %v", errUsage, err)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			if f, err := os.Create(*memprofile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	lv := level()
	bar := newProgress(e, lv, e.now)
	w, err := pipeline.Open(ctx, db(), newLoader(e, bar.pages))
	if err != nil {
		return err
	}
	defer w.Close()
	skipped := map[string]int{}
	filter := pipeline.Filter{Include: include, Exclude: exclude, OnSkip: func(path, reason string) {
		skipped[reason]++
		if lv >= verbose {
			fmt.Fprintf(e.stderr, "qcweave: skipped %s (%s)\n", oneline.Path(path), reason)
		}
	}}
	results, runErr := w.Ingest(ctx, fs.Args(), pipeline.IngestOptions{Workers: *workers, Filter: filter,
		OnResult: func(done, total int, r pipeline.Result) {
			switch {
			case r.Status == pipeline.Failed:
				bar.clear()
				fmt.Fprintf(e.stderr, "qcweave: %s\n", r.Reason())
			case lv >= verbose:
				bar.clear()
				fmt.Fprintf(e.stderr, "qcweave: %s %s\n", r.Status, oneline.Path(r.Path))
			}
			bar.update(done, total, r)
		}})
	bar.clear()
	if runErr != nil && ctx.Err() == nil {
		return runErr
	}
	sum := ingestSummary{Files: len(results), Results: []ingestResult{}, Skipped: skipped, Interrupted: runErr != nil}
	for _, r := range results {
		ir := ingestResult{Path: r.Path, SHA256: r.SHA256, Status: r.Status}
		switch r.Status {
		case pipeline.Stored:
			sum.Stored++
		case pipeline.Unchanged:
			sum.Unchanged++
		case pipeline.Failed:
			sum.Failed++
			ir.Error = r.Reason()
		}
		sum.Results = append(sum.Results, ir)
	}
	// the summary is told after an interrupt too, from a context of its own
	if sum.Store, err = w.Store().Summarize(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	switch {
	case *asJSON:
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	case lv >= normal:
		printIngestSummary(e, db(), sum, bar.now().Sub(bar.start))
	}
	if runErr != nil {
		return runErr
	}
	switch {
	case sum.Failed > 0 && sum.Stored+sum.Unchanged == 0:
		return fmt.Errorf("nothing stored: %d of %d files could not be read", sum.Failed, sum.Files)
	case sum.Failed > 0:
		return fmt.Errorf("%w: %d of %d files could not be read", errPartial, sum.Failed, sum.Files)
	}
	return nil
}

// printIngestSummary writes the summary of a run for a person.
func printIngestSummary(e *env, db string, sum ingestSummary, took time.Duration) {
	var b strings.Builder
	if sum.Interrupted {
		b.WriteString("interrupted: ")
	}
	fmt.Fprintf(&b, "%d files in %s: %d stored, %d unchanged, %d failed", sum.Files, roundDuration(took.Round(100*time.Millisecond)), sum.Stored, sum.Unchanged, sum.Failed)
	if n := total(sum.Skipped); n > 0 {
		reasons := make([]string, 0, len(sum.Skipped))
		for r, k := range sum.Skipped {
			reasons = append(reasons, fmt.Sprintf("%d %s", k, r))
		}
		sort.Strings(reasons)
		fmt.Fprintf(&b, "; %d left out of folders (%s)", n, strings.Join(reasons, ", "))
	}
	fmt.Fprintln(e.stdout, b.String())
	if sum.Interrupted {
		fmt.Fprintln(e.stdout, "every document stored is whole; the same ingest again goes on where this one stopped")
	}
	s := sum.Store
	fmt.Fprintf(e.stdout, "store %s: %d documents, %d counts, %d centers, %d coverage rows, %d activities, %d open findings, %d files in the error log\n",
		oneline.Path(db), s.Documents, s.Counts, s.Centers, s.Coverage, s.Activities, s.Findings, s.Errors)
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
