package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// acase is one hostile use of the commands, with the check of its result.
type acase struct {
	name string
	what string
	run  func(ctx context.Context, s *stress, dir string) (run, string, bool, error) // the measured run, what happened, whether it held
}

// cases are the uses `make stress` tries besides the hostile files: paths
// that are not regular files, outputs over special files, a store one may
// only read, formulas in names, hidden text, many notices disagreeing,
// the watch folder's links and loss, an export killed midway.
var cases = []acase{
	{"dev-zero", "extract /dev/zero", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "extract", "/dev/zero")
		return r, oneLine(r), r.code == 1 && reasonCount(r) == 1, err
	}},
	{"dev-urandom", "ingest /dev/urandom", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", filepath.Join(dir, "s.db"), "/dev/urandom")
		return r, oneLine(r), r.code == 1 && reasonCount(r) == 1, err
	}},
	{"fifo", "a FIFO beside a good notice", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		fifo := filepath.Join(dir, "pipe.txt")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			return run{}, "", false, err
		}
		good, err := s.seedFile(dir)
		if err != nil {
			return run{}, "", false, err
		}
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", filepath.Join(dir, "s.db"), fifo, good)
		return r, fmt.Sprintf("exit %d, %s", r.code, oneLine(r)), r.code == 3 && reasonCount(r) == 1 && strings.Contains(r.stdout, "1 stored"), err
	}},
	{"nothing-stored", "ingest of one unreadable file", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		bad := filepath.Join(dir, "bad.bin")
		if err := os.WriteFile(bad, []byte{0, 1, 2, 0xff, 0xfe, 0, 0, 9}, 0o644); err != nil {
			return run{}, "", false, err
		}
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", filepath.Join(dir, "s.db"), bad)
		return r, fmt.Sprintf("exit %d", r.code), r.code == 1, err
	}},
	{"report-over-device", "report --out a character device", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		db, err := s.smallStore(ctx, dir)
		if err != nil {
			return run{}, "", false, err
		}
		// a copy of /dev/full (or a FIFO where devices cannot be made)
		dev := filepath.Join(dir, "full")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
			if err := syscall.Mkfifo(dev, 0o666); err != nil {
				return run{}, "", false, err
			}
		}
		before, _ := os.Lstat(dev)
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "report", "--db", db, "--out", dev)
		after, _ := os.Lstat(dev)
		kept := before != nil && after != nil && before.Mode() == after.Mode()
		return r, fmt.Sprintf("exit %d, node kept %v: %s", r.code, kept, firstLine(r.stderr)), r.code == 1 && kept, err
	}},
	{"full-disk", "report, CSV export and ingest onto a full filesystem", fullDisk},
	{"read-only-store", "check, export, report of a store one may only read", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		db, err := s.smallStore(ctx, dir)
		if err != nil {
			return run{}, "", false, err
		}
		for d := dir; d != filepath.Dir(s.work); d = filepath.Dir(d) {
			os.Chmod(d, 0o755) // the way to the store open to others
		}
		os.Chmod(db, 0o444)
		os.Chmod(filepath.Dir(db), 0o555)
		defer os.Chmod(filepath.Dir(db), 0o755)
		out := filepath.Join(s.work, "ro-out")
		os.MkdirAll(out, 0o777)
		os.Chmod(out, 0o777)
		var last run
		for _, argv := range [][]string{{"check", "--db", db}, {"export", "--db", db, "--format", "csv", "--out", out}, {"report", "--db", db, "--out", filepath.Join(out, "r.html")}} {
			r, err := measureAs(ctx, nobody(), s.bin, argv...)
			if err != nil || r.code != 0 {
				return r, fmt.Sprintf("%s: exit %d: %s", argv[0], r.code, firstLine(r.stderr)), false, err
			}
			last = r
		}
		r, err := measureAs(ctx, nobody(), s.bin, "ingest", "--db", db, s.seeds)
		ok := r.code == 1 && strings.Contains(r.stderr, "permission denied")
		return last, "read; ingest: " + firstLine(r.stderr), ok, err
	}},
	{"csv-formulas", "a title and a file name that start formulas", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		seed, err := s.seed()
		if err != nil {
			return run{}, "", false, err
		}
		in := filepath.Join(dir, "in")
		os.MkdirAll(in, 0o755)
		if err := os.WriteFile(filepath.Join(in, "=HYPERLINK(\"http:x\").txt"), append([]byte("=1+2 "), seed...), 0o644); err != nil {
			return run{}, "", false, err
		}
		db := filepath.Join(dir, "s.db")
		if r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", db, in); err != nil || r.code != 0 {
			return r, "ingest: " + firstLine(r.stderr), false, err
		}
		out := filepath.Join(dir, "csv")
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "export", "--db", db, "--format", "csv", "--out", out)
		if err != nil || r.code != 0 {
			return r, "export: " + firstLine(r.stderr), false, err
		}
		bad, err := formulaCells(out)
		return r, fmt.Sprintf("%d cells start a formula", bad), bad == 0, err
	}},
	{"css-hidden", "text hidden by a <style> class", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		seed, err := s.seed()
		if err != nil {
			return run{}, "", false, err
		}
		page := "<!DOCTYPE html><html><head><style>.hid{display:none}</style></head><body><p class=\"hid\">隐藏的文字不入库</p><p>" +
			strings.ReplaceAll(string(seed), "\n", "</p><p>") + "</p></body></html>"
		p := filepath.Join(dir, "hidden.html")
		if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
			return run{}, "", false, err
		}
		db := filepath.Join(dir, "s.db")
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", db, p)
		if err != nil || r.code != 0 {
			return r, "ingest: " + firstLine(r.stderr), false, err
		}
		n, err := queryInt(ctx, db, `SELECT count(*) FROM document_text WHERE text LIKE '%隐藏的文字%'`)
		return r, fmt.Sprintf("hidden text stored in %d documents", n), n == 0, err
	}},
	{"300-notices", "300 notices, each another count for one place and date", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		in := filepath.Join(dir, "in")
		os.MkdirAll(in, 0o755)
		for i := range 300 {
			text := fmt.Sprintf("河南省卫生健康委员会\n关于全省质控中心建设情况的第%d期简报\n截至2025年1月31日，郑州市共有市级质控中心%d个。\n河南省卫生健康委员会\n2025年2月%d日\n", i+1, 100+i, 1+i%27)
			if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("n%03d.txt", i)), []byte(text), 0o644); err != nil {
				return run{}, "", false, err
			}
		}
		db := filepath.Join(dir, "s.db")
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", db, in)
		if err != nil || r.code != 0 {
			return r, "ingest: " + firstLine(r.stderr), false, err
		}
		c, err := measure(ctx, 2*limitTime, nil, s.bin, "check", "--db", db)
		if err != nil {
			return c, "", false, err
		}
		n, err := queryInt(ctx, db, `SELECT count(*) FROM findings WHERE kind = 'value_conflict' AND document_id IS NULL`)
		r.wall, r.peakMB = max(r.wall, c.wall), max(r.peakMB, c.peakMB)
		return r, fmt.Sprintf("%d value_conflict findings across documents; check %.1f s", n, c.wall.Seconds()), n == 1, err
	}},
	{"watch", "a link to /etc/passwd, a name with a line break, the inbox removed", func(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
		inbox := filepath.Join(dir, "inbox")
		os.MkdirAll(inbox, 0o755)
		if err := os.Symlink("/etc/passwd", filepath.Join(inbox, "passwd.txt")); err != nil {
			return run{}, "", false, err
		}
		good, err := s.seedFile(inbox)
		if err != nil {
			return run{}, "", false, err
		}
		os.Rename(good, filepath.Join(inbox, "a\nstored   forged.txt"))
		db := filepath.Join(dir, "s.db")
		go func() {
			// the inbox goes once both files are settled
			deadline := time.Now().Add(limitTime)
			for time.Now().Before(deadline) {
				if _, err := os.Stat(filepath.Join(inbox, "failed", "passwd.txt.err")); err == nil {
					if _, err := os.Stat(filepath.Join(inbox, "done", "a\nstored   forged.txt")); err == nil {
						break
					}
				}
				time.Sleep(100 * time.Millisecond)
			}
			os.RemoveAll(inbox)
		}()
		r, err := measure(ctx, 2*limitTime, nil, s.bin, "watch", "--db", db, "--settle", "200ms", inbox)
		if err != nil {
			return r, "", false, err
		}
		n, qerr := queryInt(ctx, db, `SELECT count(*) FROM document_text WHERE text LIKE '%root:%'`)
		// one log line per file (a name with a line break splits none),
		// between the watch's first line and its summary
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if !strings.HasPrefix(l, "watching ") && !strings.HasPrefix(l, "stopped: ") {
				lines = append(lines, l)
			}
		}
		ok := r.code == 1 && n == 0 && len(lines) == 2 && qerr == nil
		return r, fmt.Sprintf("exit %d, passwd stored %d times, %d lines of files, %s", r.code, n, len(lines), firstLine(r.stderr)), ok, err
	}},
}

// cases runs every hostile use.
func (s *stress) cases(ctx context.Context) (bool, error) {
	fmt.Println("== hostile uses: refused in one line or handled, ≤ 30 s, ≤ 500 MB")
	row := "%-20s %-58s %7s %7s  %s\n"
	fmt.Printf(row, "case", "use", "time", "peak", "result")
	ok := true
	for _, c := range cases {
		if !strings.Contains(c.name, s.match) {
			continue
		}
		dir := filepath.Join(s.work, "cases", c.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, err
		}
		r, what, good, err := c.run(ctx, s, dir)
		if err != nil {
			return false, fmt.Errorf("%s: %w", c.name, err)
		}
		good = good && !r.timeout && r.wall <= limitTime && r.peakMB <= limitMB
		if !good {
			what = "FAIL " + what
		}
		ok = ok && good
		fmt.Printf(row, c.name, c.what, fmt.Sprintf("%.1f s", r.wall.Seconds()), fmt.Sprintf("%d MB", r.peakMB), clip(what, 110))
	}
	return ok, nil
}

// seedFile writes the seed notice into dir and returns its path.
func (s *stress) seedFile(dir string) (string, error) {
	seed, err := s.seed()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, "notice.txt")
	return p, os.WriteFile(p, seed, 0o644)
}

// smallStore is a store of the seed notice in its own folder of dir.
func (s *stress) smallStore(ctx context.Context, dir string) (string, error) {
	sd := filepath.Join(dir, "store")
	if err := os.MkdirAll(sd, 0o755); err != nil {
		return "", err
	}
	db := filepath.Join(sd, "s.db")
	r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", db, s.seeds)
	if err == nil && r.code != 0 {
		err = fmt.Errorf("ingest of the seeds: %s", firstLine(r.stderr))
	}
	return db, err
}

// oneLine is the refusal of a run: its stderr when one line.
func oneLine(r run) string {
	if r.timeout {
		return "killed"
	}
	return fmt.Sprintf("exit %d: %s", r.code, firstLine(r.stderr))
}

// reasonCount is how many lines of stderr name a file: the summary and
// the progress lines an ingest prints off a terminal when it takes a
// while (qcweave: 1/2 files, …) are no reasons.
func reasonCount(r run) int {
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if strings.HasPrefix(l, "qcweave: ") && !strings.HasPrefix(l, "qcweave: nothing stored") && !strings.HasPrefix(l, "qcweave: some inputs") &&
			!reProgress.MatchString(l) {
			n++
		}
	}
	return n
}

// reProgress is an ingest's progress line.
var reProgress = regexp.MustCompile(`^qcweave: \d+/\d+ files`)

// nobody is the credential of the user nobody when this runs as root
// (who may write anything), else nil.
func nobody() *syscall.Credential {
	if os.Geteuid() != 0 {
		return nil
	}
	return &syscall.Credential{Uid: 65534, Gid: 65534}
}

// measureAs is measure as another user.
func measureAs(ctx context.Context, cred *syscall.Credential, argv0 string, args ...string) (run, error) {
	if cred == nil {
		return measure(ctx, 2*limitTime, nil, append([]string{argv0}, args...)...)
	}
	cmd := exec.CommandContext(ctx, argv0, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(start), stdout: out.String(), stderr: errb.String(), code: cmd.ProcessState.ExitCode()}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		return r, err
	}
	return r, nil
}

// formulaCells counts the cells of the CSV files in dir that start a
// formula.
func formulaCells(dir string) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
		if err != nil {
			return 0, fmt.Errorf("%s: %w", f, err)
		}
		for _, r := range rows {
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) || strings.HasPrefix(c, "-") && strings.Trim(c, "-0123456789.") != "" {
					n++
				}
			}
		}
	}
	return n, nil
}

func queryInt(ctx context.Context, db, q string) (int, error) {
	d, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer d.Close()
	var n int
	err = d.QueryRowContext(ctx, q).Scan(&n)
	return n, err
}
