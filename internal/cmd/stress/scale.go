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

	_ "github.com/mattn/go-sqlite3" // the store's driver
)

// scale builds a store of s.docs documents from the seeds and the dev
// texts, then times the exports and the report against their bounds.
func (s *stress) scale(ctx context.Context) (bool, error) {
	dir := filepath.Join(s.work, "scale")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	db := filepath.Join(dir, "scale.db")
	fmt.Printf("== a store of %d documents: CSV and XLSX export ≤ 200 MB, report ≤ 30 s\n", s.docs)
	start := time.Now()
	sources := []string{s.seeds}
	if dev := filepath.Join(filepath.Dir(s.seeds), "dev", "docs"); isDir(dev) {
		sources = append(sources, dev)
	}
	r, err := measure(ctx, 10*time.Minute, nil, append([]string{s.bin, "ingest", "--db", db}, sources...)...)
	if err != nil {
		return false, err
	}
	if r.code != 0 {
		return false, fmt.Errorf("ingest of %s: %s", strings.Join(sources, ", "), firstLine(r.stderr))
	}
	n, err := multiply(ctx, db, s.docs)
	if err != nil {
		return false, fmt.Errorf("multiply the store: %w", err)
	}
	rows, err := rowCounts(ctx, db)
	if err != nil {
		return false, err
	}
	fi, _ := os.Stat(db)
	fmt.Printf("store: %d documents (%s), %.0f MB, built in %.0f s\n", n, rows, float64(fi.Size())/(1<<20), time.Since(start).Seconds())

	row := "%-26s %8s %8s %8s %10s  %s\n"
	fmt.Printf(row, "command", "time", "cpu", "peak", "output", "result")
	ok := true
	for _, c := range []struct {
		name   string
		argv   []string
		out    string
		limitT time.Duration
		limitM int
	}{
		{"ingest one more notice", []string{"ingest", "--db", db, s.extra}, "", 500 * time.Millisecond, 200},
		{"check", []string{"check", "--db", db}, "", 10 * time.Minute, 0},
		{"export --format csv", []string{"export", "--db", db, "--format", "csv", "--out", filepath.Join(dir, "csv")}, filepath.Join(dir, "csv"), 10 * time.Minute, 200},
		{"export --format xlsx", []string{"export", "--db", db, "--format", "xlsx", "--out", filepath.Join(dir, "xlsx")}, filepath.Join(dir, "xlsx"), 10 * time.Minute, 200},
		{"export --format json", []string{"export", "--db", db, "--format", "json", "--out", filepath.Join(dir, "json")}, filepath.Join(dir, "json"), 10 * time.Minute, 200},
		{"report", []string{"report", "--db", db, "--out", filepath.Join(dir, "report.html")}, filepath.Join(dir, "report.html"), limitTime, 0},
	} {
		r, err := measure(ctx, c.limitT+time.Minute, nil, append([]string{s.bin}, c.argv...)...)
		if err != nil {
			return false, err
		}
		good := !r.timeout && r.code == 0 &&
			r.wall <= c.limitT && (c.limitM == 0 || r.peakMB <= c.limitM)
		verdict := "ok"
		switch {
		case r.timeout:
			verdict = "killed after " + (c.limitT + time.Minute).String()
		case r.code != 0:
			verdict = fmt.Sprintf("exit %d: %s", r.code, firstLine(r.stderr))
		}
		if !good {
			verdict = "FAIL " + verdict
		}
		ok = ok && good
		fmt.Printf(row, c.name, fmt.Sprintf("%.1f s", r.wall.Seconds()), fmt.Sprintf("%.2f s", r.cpu.Seconds()), fmt.Sprintf("%d MB", r.peakMB), size(c.out), verdict)
	}
	good, err := killedExport(ctx, s.bin, db, filepath.Join(dir, "csv"))
	return ok && good, err
}

// killedExport kills a CSV export into dir (which holds a complete set)
// midway with SIGKILL, then exports again: the set stays complete, and
// the next export leaves no temporaries.
func killedExport(ctx context.Context, bin, db, dir string) (bool, error) {
	before, err := filepath.Glob(filepath.Join(dir, "[^.]*"))
	if err != nil {
		return false, err
	}
	cmd := exec.CommandContext(ctx, bin, "export", "--db", db, "--format", "csv", "--out", dir)
	if err := cmd.Start(); err != nil {
		return false, err
	}
	time.Sleep(time.Second)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	after, _ := filepath.Glob(filepath.Join(dir, "[^.]*"))
	temps, _ := filepath.Glob(filepath.Join(dir, ".*"))
	r, err := measure(ctx, 10*time.Minute, nil, bin, "export", "--db", db, "--format", "csv", "--out", dir)
	if err != nil {
		return false, err
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	good := len(after) == len(before) && r.code == 0 && len(left) == 0
	verdict := fmt.Sprintf("after kill -9: %d of %d files, %d temporaries; the next export left %d", len(after), len(before), len(temps), len(left))
	if !good {
		verdict = "FAIL " + verdict
	}
	fmt.Printf("%-26s %s\n", "export killed midway", verdict)
	return good, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// size is the total size of a file or a folder's files, for the table.
func size(p string) string {
	if p == "" {
		return ""
	}
	var n int64
	filepath.Walk(p, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
}

// The tables a document's facts live in, parents first, with the columns
// that point at another copied table. Text (document_text and its index)
// and findings are not copied: the exports and the report do not read the
// text, and `check` finds the findings anew.
var copied = []struct {
	table string
	id    bool              // has an INTEGER id of its own
	refs  map[string]string // column → table it points into
}{
	{"documents", true, map[string]string{}},
	{"document_pages", false, map[string]string{"document_id": "documents"}},
	{"document_furniture", false, map[string]string{"document_id": "documents"}},
	{"document_parts", false, map[string]string{"document_id": "documents"}},
	{"attachments", false, map[string]string{"document_id": "documents"}},
	{"center_mentions", true, map[string]string{"document_id": "documents"}},
	{"center_hosts", false, map[string]string{"mention_id": "center_mentions"}},
	{"counts", true, map[string]string{"document_id": "documents"}},
	{"coverage", true, map[string]string{"document_id": "documents"}},
	{"coverage_missing", false, map[string]string{"coverage_id": "coverage"}},
	{"activities", true, map[string]string{"document_id": "documents"}},
	{"activity_places", false, map[string]string{"activity_id": "activities"}},
	{"activity_people", false, map[string]string{"activity_id": "activities"}},
	{"activity_kinds", false, map[string]string{"activity_id": "activities"}},
}

// multiply copies the store's documents, with all their facts, until it
// holds want documents. A copy is another notice: its hash, path, 文号 and
// notice key get the copy's number, so that nothing supersedes anything.
// Each round doubles the store in a few INSERT … SELECT statements.
func multiply(ctx context.Context, path string, want int) (int, error) {
	db, err := sql.Open("sqlite3", path+"?_foreign_keys=off&_journal_mode=WAL&_synchronous=off")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var have int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&have); err != nil {
		return 0, err
	}
	if have == 0 {
		return 0, fmt.Errorf("no documents to copy")
	}
	cols := map[string][]string{}
	for _, t := range copied {
		rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, t.table)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return 0, err
			}
			cols[t.table] = append(cols[t.table], c)
		}
		rows.Close()
	}
	for have < want {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return 0, err
		}
		// copy the documents with id ≤ take (all of them while doubling)
		var take int
		if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM (SELECT id FROM documents ORDER BY id LIMIT ?)`, want-have).Scan(&take); err != nil {
			tx.Rollback()
			return 0, err
		}
		offset := map[string]int{}
		for _, t := range copied {
			if t.id {
				var m sql.NullInt64
				if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM `+t.table).Scan(&m); err != nil {
					tx.Rollback()
					return 0, err
				}
				offset[t.table] = int(m.Int64)
			}
		}
		for _, t := range copied {
			var sel []string
			for _, c := range cols[t.table] {
				switch {
				case c == "id":
					sel = append(sel, fmt.Sprintf("id + %d", offset[t.table]))
				case t.refs[c] != "":
					sel = append(sel, fmt.Sprintf("%s + %d", c, offset[t.refs[c]]))
				case t.table == "documents" && (c == "sha256" || c == "path" || c == "doc_number" || c == "notice_key"):
					sel = append(sel, fmt.Sprintf("%s || '·' || (id + %d)", c, offset["documents"]))
				case t.table == "documents" && c == "superseded_by":
					sel = append(sel, "NULL")
				default:
					sel = append(sel, c)
				}
			}
			// which rows belong to the copied documents
			where := "document_id <= ?"
			switch {
			case t.table == "documents":
				where = "id <= ?"
			case t.refs["mention_id"] != "":
				where = "mention_id IN (SELECT id FROM center_mentions WHERE document_id <= ?)"
			case t.refs["coverage_id"] != "":
				where = "coverage_id IN (SELECT id FROM coverage WHERE document_id <= ?)"
			case t.refs["activity_id"] != "":
				where = "activity_id IN (SELECT id FROM activities WHERE document_id <= ?)"
			}
			q := fmt.Sprintf(`INSERT INTO %s (%s) SELECT %s FROM %s WHERE %s`,
				t.table, strings.Join(cols[t.table], ", "), strings.Join(sel, ", "), t.table, where)
			if _, err := tx.ExecContext(ctx, q, take); err != nil {
				tx.Rollback()
				return 0, fmt.Errorf("%s: %w", t.table, err)
			}
		}
		if err := tx.Commit(); err != nil {
			return 0, err
		}
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&have); err != nil {
			return 0, err
		}
	}
	return have, nil
}

// rowCounts describes the store's size in facts.
func rowCounts(ctx context.Context, path string) (string, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var parts []string
	for _, t := range []string{"center_mentions", "counts", "coverage", "activities"} {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return "", err
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, t))
	}
	return strings.Join(parts, ", "), nil
}
