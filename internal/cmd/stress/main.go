// Command stress measures qcweave under hostile and large input, the way
// `make stress` runs it (it is not part of `make test`):
//
//   - inputs: files of at most 10 MB built to hurt a reader (bombs, deep
//     nesting, huge page and cell counts, long lines) go through `qcweave
//     ingest` one by one; each must be stored or refused with one line
//     naming the file, within 30 s and 500 MB for the process tree;
//   - cases: hostile uses — devices and FIFOs as inputs, a report over a
//     device, outputs and an ingest onto a full filesystem (a small tmpfs,
//     as root), a store one may only read, formulas in titles and names,
//     text hidden by a style rule, 300 notices disagreeing on one count,
//     a watch folder given a link out of it and then removed;
//   - scale: a store of many documents (10^5 by default), generated from the
//     seeds, is exported to CSV and XLSX (≤ 200 MB each) and rendered as the
//     report (≤ 30 s);
//   - crash: an ingest killed with SIGKILL midway, then run again, and two
//     ingests into one store at once, leave exactly the documents and rows
//     of one clean ingest.
//
// It prints time and peak memory for each and exits 1 when a bound is
// broken.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const (
	limitMB   = 500
	limitTime = 30 * time.Second
)

func main() {
	bin := flag.String("bin", "bin/qcweave", "the qcweave binary")
	seeds := flag.String("seeds", "testdata/seeds", "folder of the seed notices (text)")
	extra := flag.String("extra", "testdata/synthetic/sd_sample.txt", "a notice ingested into the large store (its findings reconciled against all of it)")
	docs := flag.Int("docs", 100_000, "documents in the scale store")
	only := flag.String("only", "", "run one part: inputs, cases, scale or crash")
	dir := flag.String("dir", "", "work folder (default a temporary one, removed after)")
	match := flag.String("match", "", "feed only the hostile inputs (and try only the cases) whose name contains this")
	keep := flag.Bool("keep", false, "keep the hostile inputs in the work folder's inputs/ (with -dir)")
	flag.Parse()
	ctx := context.Background()

	work := *dir
	if work == "" {
		var err error
		if work, err = os.MkdirTemp("", "qcweave-stress-"); err != nil {
			fail(err)
		}
		defer os.RemoveAll(work)
	}
	abs, err := filepath.Abs(*bin)
	if err != nil {
		fail(err)
	}
	s := &stress{bin: abs, seeds: *seeds, extra: *extra, work: work, docs: *docs, keep: *keep, match: *match}
	ok := true
	for _, part := range []struct {
		name string
		run  func(context.Context) (bool, error)
	}{{"inputs", s.inputs}, {"cases", s.cases}, {"scale", s.scale}, {"crash", s.crash}} {
		if *only != "" && *only != part.name {
			continue
		}
		good, err := part.run(ctx)
		if err != nil {
			fail(fmt.Errorf("%s: %w", part.name, err))
		}
		ok = ok && good
	}
	if !ok {
		fmt.Println("stress: some bounds were broken (marked FAIL above)")
		os.Exit(1)
	}
	fmt.Println("stress: every bound held")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "stress:", err)
	os.Exit(2)
}

// stress holds one run's settings.
type stress struct {
	bin, seeds, work, extra string
	docs                    int
	keep                    bool
	match                   string
}

// seed is the text of the first seed notice.
func (s *stress) seed() ([]byte, error) {
	files, err := filepath.Glob(filepath.Join(s.seeds, "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no seed texts in %s", s.seeds)
	}
	return os.ReadFile(files[0])
}

// inputs feeds every hostile input to ingest.
func (s *stress) inputs(ctx context.Context) (bool, error) {
	seed, err := s.seed()
	if err != nil {
		return false, err
	}
	dir := filepath.Join(s.work, "inputs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	fmt.Println("== hostile inputs (each ≤ 10 MB): stored or refused in one line, ≤ 30 s, ≤ 500 MB")
	row := "%-20s %-38s %8s %7s %7s %7s  %s\n"
	fmt.Printf(row, "file", "input", "size", "time", "cpu", "peak", "result")
	ok := true
	for _, in := range inputs {
		if !strings.Contains(in.name, s.match) {
			continue
		}
		b, err := in.make(seed)
		if err != nil {
			return false, fmt.Errorf("%s: %w", in.name, err)
		}
		if len(b) > maxInput {
			return false, fmt.Errorf("%s: %d bytes, more than the 10 MB the bound is for", in.name, len(b))
		}
		path := filepath.Join(dir, in.name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return false, err
		}
		db := filepath.Join(dir, "stress.db")
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", db, path)
		if err != nil {
			return false, err
		}
		verdict, good := judge(r, path)
		ok = ok && good
		fmt.Printf(row, in.name, in.what, fmt.Sprintf("%.1f MB", float64(len(b))/(1<<20)),
			fmt.Sprintf("%.1f s", r.wall.Seconds()), fmt.Sprintf("%.1f s", r.cpu.Seconds()), fmt.Sprintf("%d MB", r.peakMB), verdict)
		if !s.keep {
			os.Remove(path)
		}
	}
	return ok, nil
}

// judge says what one ingest did and whether it kept the bounds.
func judge(r run, path string) (string, bool) {
	var reasons []string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if strings.HasPrefix(l, "qcweave: "+path+": ") {
			reasons = append(reasons, strings.TrimPrefix(l, "qcweave: "+path+": "))
		}
	}
	crashed := strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "fatal error:") || strings.Contains(r.stderr, "goroutine ")
	var what string
	switch {
	case r.timeout:
		what = "killed after " + (2 * limitTime).String()
	case crashed:
		what = "crashed: " + firstLine(r.stderr)
	case r.code == 0:
		what = "stored"
	case len(reasons) == 1:
		what = "refused: " + clip(reasons[0], 90)
	default:
		what = fmt.Sprintf("exit %d with %d reason lines: %s", r.code, len(reasons), clip(firstLine(r.stderr), 80))
	}
	good := !r.timeout && !crashed && (r.code == 0 || len(reasons) == 1) && r.wall <= limitTime && r.peakMB <= limitMB
	if !good {
		what = "FAIL " + what
	}
	return what, good
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
