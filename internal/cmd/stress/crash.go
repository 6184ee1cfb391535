package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// crashTables are the tables compared after a crash: a document's rows,
// the findings across documents and the error log.
var crashTables = []string{"documents", "document_text", "center_mentions", "center_hosts", "counts", "coverage",
	"coverage_missing", "activities", "activity_places", "findings", "ingest_errors"}

// crash checks that an ingest killed midway and run again, and two ingests
// into one store at once, leave what one clean ingest leaves.
func (s *stress) crash(ctx context.Context) (bool, error) {
	dir := filepath.Join(s.work, "crash")
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		return false, err
	}
	n, err := s.batch(in)
	if err != nil {
		return false, err
	}
	fmt.Printf("== crashes: %d notices; kill -9 during ingest, then ingest again; two ingests at once\n", n)
	ingest := func(db string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, s.bin, "ingest", "--db", db, in)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		return cmd
	}
	ref := filepath.Join(dir, "ref.db")
	start := time.Now()
	if out, err := ingest(ref).CombinedOutput(); err != nil {
		return false, fmt.Errorf("clean ingest: %v: %s", err, firstLine(string(out)))
	}
	took := time.Since(start)
	want, err := tableCounts(ctx, ref)
	if err != nil {
		return false, err
	}
	fmt.Printf("clean ingest: %.1f s, %s\n", took.Seconds(), describe(want))
	ok := true
	report := func(what string, db string) error {
		got, err := tableCounts(ctx, db)
		if err != nil {
			return err
		}
		verdict := "same rows as the clean ingest"
		if diff := compare(want, got); diff != "" {
			verdict, ok = "FAIL "+diff, false
		}
		fmt.Printf("%-44s %s\n", what, verdict)
		return nil
	}
	// kill -9 at a fifth, half and four fifths of the clean time, then again
	for i, frac := range []float64{0.2, 0.5, 0.8} {
		db := filepath.Join(dir, fmt.Sprintf("kill%d.db", i))
		cmd := ingest(db)
		if err := cmd.Start(); err != nil {
			return false, err
		}
		time.Sleep(time.Duration(frac * float64(took)))
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
		stored, _ := tableCounts(ctx, db)
		if out, err := ingest(db).CombinedOutput(); err != nil {
			return false, fmt.Errorf("ingest after the kill: %v: %s", err, firstLine(string(out)))
		}
		if err := report(fmt.Sprintf("killed at %.0f%% (%d stored), ingested again:", 100*frac, stored["documents"]), db); err != nil {
			return false, err
		}
	}
	// two ingests of the same folder into one store at once
	db := filepath.Join(dir, "both.db")
	a, b := ingest(db), ingest(db)
	var outA, outB strings.Builder
	a.Stdout, a.Stderr, b.Stdout, b.Stderr = &outA, &outA, &outB, &outB
	if err := a.Start(); err != nil {
		return false, err
	}
	if err := b.Start(); err != nil {
		return false, err
	}
	errA, errB := a.Wait(), b.Wait()
	if errA != nil || errB != nil {
		fmt.Printf("two ingests at once: FAIL %v %s / %v %s\n", errA, firstLine(outA.String()), errB, firstLine(outB.String()))
		ok = false
	} else if err := report("two ingests at once:", db); err != nil {
		return false, err
	}
	return ok, nil
}

// batch fills dir with notices: every seed and dev text, and copies made
// distinct by a closing line, until there are at least 120.
func (s *stress) batch(dir string) (int, error) {
	var files []string
	for _, d := range []string{s.seeds, filepath.Join(filepath.Dir(s.seeds), "dev", "docs")} {
		fs, _ := filepath.Glob(filepath.Join(d, "*.txt"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("no notices in %s", s.seeds)
	}
	n := 0
	for copyNo := 0; n < 120; copyNo++ {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return 0, err
			}
			if copyNo > 0 {
				b = append(b, fmt.Sprintf("\n（抄送第%d份）\n", copyNo)...)
			}
			n++
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d-%s", n, filepath.Base(f))), b, 0o644); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// tableCounts counts the rows of the compared tables.
func tableCounts(ctx context.Context, path string) (map[string]int, error) {
	db, err := sql.Open("sqlite3", path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	out := map[string]int{}
	for _, t := range crashTables {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[t] = n
	}
	return out, nil
}

func describe(c map[string]int) string {
	var parts []string
	for _, t := range crashTables {
		parts = append(parts, fmt.Sprintf("%d %s", c[t], t))
	}
	return strings.Join(parts, ", ")
}

// compare names the tables whose counts differ, "" when none does.
func compare(want, got map[string]int) string {
	var diff []string
	for _, t := range crashTables {
		if want[t] != got[t] {
			diff = append(diff, fmt.Sprintf("%s %d (want %d)", t, got[t], want[t]))
		}
	}
	return strings.Join(diff, ", ")
}
