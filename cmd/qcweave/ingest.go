package main

import (
	"context"
	"encoding/json"
	"runtime"

	"fmt"
	"os"
	"runtime/pprof"
	"strings"

	"qcweave/pipeline"
	"qcweave/store"
)

type ingestSummary struct {
	Files     int            `json:"files"`
	Stored    int            `json:"stored"`
	Unchanged int            `json:"unchanged"`
	Failed    int            `json:"failed"`
	Results   []ingestResult `json:"results"`
	Store     store.Summary  `json:"store"`
}

type ingestResult struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "[--db PATH] [--json] [--workers N] FILE|DIR...",
		"Parse files and folders (recursively) into the SQLite store. Files already stored\nwith the same content are skipped; a file that cannot be read is reported and\nkept in the error log, and the others go on.")
	db := dbFlag(e, fs)
	asJSON := fs.Bool("json", false, "print a machine-readable summary")
	workers := fs.Int("workers", pipeline.DefaultWorkers(), "documents parsed in parallel")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (for development)")
	memprofile := fs.String("memprofile", "", "write a heap profile (allocations) at the end of the run to this file (for development)")
	if err := parse(fs, args); err != nil {
		return err
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
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: ingest needs at least one FILE or DIR", errUsage)
	}
	w, err := pipeline.Open(ctx, db(), newLoader(e))
	if err != nil {
		return err
	}
	defer w.Close()
	bar := newProgress(e)
	results, runErr := w.Ingest(ctx, fs.Args(), pipeline.IngestOptions{Workers: *workers,
		OnResult: func(done, total int, r pipeline.Result) {
			if r.Status == pipeline.Failed {
				bar.clear()
				fmt.Fprintf(e.stderr, "qcweave: %s\n", pipeline.Reason(r.Err))
			}
			bar.update(done, total, r.Path)
		}})
	bar.clear()
	if runErr != nil {
		return runErr
	}
	sum := ingestSummary{Files: len(results), Results: []ingestResult{}}
	for _, r := range results {
		ir := ingestResult{Path: r.Path, SHA256: r.SHA256, Status: r.Status}
		switch r.Status {
		case pipeline.Stored:
			sum.Stored++
		case pipeline.Unchanged:
			sum.Unchanged++
		case pipeline.Failed:
			sum.Failed++
			ir.Error = pipeline.Reason(r.Err)
		}
		sum.Results = append(sum.Results, ir)
	}
	if sum.Store, err = w.Store().Summarize(ctx); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(e.stdout, "%d files: %d stored, %d unchanged, %d failed\n", sum.Files, sum.Stored, sum.Unchanged, sum.Failed)
		s := sum.Store
		fmt.Fprintf(e.stdout, "store %s: %d documents, %d counts, %d centers, %d coverage rows, %d activities, %d open findings, %d files in the error log\n",
			db(), s.Documents, s.Counts, s.Centers, s.Coverage, s.Activities, s.Findings, s.Errors)
	}
	switch {
	case sum.Failed > 0 && sum.Stored+sum.Unchanged == 0:
		return fmt.Errorf("nothing stored: %d of %d files could not be read", sum.Failed, sum.Files)
	case sum.Failed > 0:
		return fmt.Errorf("%w: %d of %d files could not be read", errPartial, sum.Failed, sum.Files)
	}
	return nil
}

// progress draws a one-line bar on a terminal's stderr and nothing
// otherwise.
type progress struct {
	e      *env
	active bool
}

func newProgress(e *env) *progress { return &progress{e: e} }

func (p *progress) update(done, total int, path string) {
	if !p.e.stderrIsTTY || total == 0 {
		return
	}
	const width = 30
	n := done * width / total
	name := path
	if r := []rune(name); len(r) > 40 {
		name = "…" + string(r[len(r)-39:])
	}
	fmt.Fprintf(p.e.stderr, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total, name)
	p.active = true
}

func (p *progress) clear() {
	if p.active {
		fmt.Fprint(p.e.stderr, "\r\033[K")
		p.active = false
	}
}
