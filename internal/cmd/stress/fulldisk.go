package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// fullDisk writes the report, a CSV export and an ingest onto a
// filesystem with no room left (a small tmpfs, mounted when this runs as
// root): each must fail with a message that says so, and leave what was
// there before as it was — the previous report and CSV set byte for byte,
// no temporaries, and the store with the documents it had, still readable.
func fullDisk(ctx context.Context, s *stress, dir string) (run, string, bool, error) {
	mnt := filepath.Join(dir, "full")
	if err := os.MkdirAll(mnt, 0o755); err != nil {
		return run{}, "", false, err
	}
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=16m"); err != nil {
		return run{}, fmt.Sprintf("skipped: cannot mount a small filesystem (%v; needs root)", err), true, nil
	}
	defer syscall.Unmount(mnt, syscall.MNT_DETACH)

	// what is there before the disk fills: a store, a report, a CSV set
	db := filepath.Join(mnt, "s.db")
	r, err := measure(ctx, 2*limitTime, nil, s.bin, "ingest", "--db", db, s.seeds)
	if err != nil || r.code != 0 {
		return r, "ingest of the seeds: " + firstLine(r.stderr), false, err
	}
	report, csvDir := filepath.Join(mnt, "report.html"), filepath.Join(mnt, "csv")
	for _, argv := range [][]string{{"report", "--db", db, "--out", report}, {"export", "--db", db, "--format", "csv", "--out", csvDir}} {
		if r, err := measure(ctx, 2*limitTime, nil, append([]string{s.bin}, argv...)...); err != nil || r.code != 0 {
			return r, argv[0] + " before the disk is full: " + firstLine(r.stderr), false, err
		}
	}
	before, err := snapshot(mnt)
	if err != nil {
		return run{}, "", false, err
	}
	docs, err := queryInt(ctx, db, `SELECT count(*) FROM documents`)
	if err != nil {
		return run{}, "", false, err
	}
	if err := fillDisk(filepath.Join(mnt, "filler")); err != nil {
		return run{}, "", false, err
	}

	var worst run
	var notes []string
	ok := true
	seed, err := s.seed()
	if err != nil {
		return run{}, "", false, err
	}
	dev := filepath.Join(dir, "another.txt") // a notice not in the store yet, off the full disk
	if err := os.WriteFile(dev, append([]byte("另一份通知。\n"), seed...), 0o644); err != nil {
		return run{}, "", false, err
	}
	for _, c := range []struct {
		name string
		argv []string
	}{
		{"report", []string{"report", "--db", db, "--out", report}},
		{"export", []string{"export", "--db", db, "--format", "csv", "--out", csvDir}},
		{"ingest", []string{"ingest", "--db", db, dev}},
	} {
		r, err := measure(ctx, 2*limitTime, nil, append([]string{s.bin}, c.argv...)...)
		if err != nil {
			return r, "", false, err
		}
		if r.wall > worst.wall {
			worst.wall = r.wall
		}
		worst.peakMB = max(worst.peakMB, r.peakMB)
		worst.timeout = worst.timeout || r.timeout
		said := strings.Contains(strings.ToLower(r.stderr), "no space") || strings.Contains(r.stderr, "disk is full")
		if r.code == 0 || !said {
			ok = false
			notes = append(notes, fmt.Sprintf("%s: exit %d, %q", c.name, r.code, clip(firstLine(r.stderr), 60)))
			continue
		}
		notes = append(notes, fmt.Sprintf("%s: exit %d", c.name, r.code))
	}
	after, err := snapshot(mnt)
	if err != nil {
		return worst, "", false, err
	}
	if changed := diffSnapshots(before, after); changed != "" {
		ok = false
		notes = append(notes, "changed: "+changed)
	}
	os.Remove(filepath.Join(mnt, "filler"))
	n, err := queryInt(ctx, db, `SELECT count(*) FROM documents`)
	if err != nil || n != docs {
		ok = false
		notes = append(notes, fmt.Sprintf("store: %d documents (had %d), %v", n, docs, err))
	}
	c, err := measure(ctx, 2*limitTime, nil, s.bin, "check", "--db", db)
	if err != nil {
		return worst, "", false, err
	}
	if c.code != 0 {
		ok = false
		notes = append(notes, "check after: "+firstLine(c.stderr))
	}
	if ok {
		notes = append(notes, "report, CSV set and store as before, no temporaries")
	}
	return worst, strings.Join(notes, "; "), ok, nil
}

// fillDisk writes zeros to path until the filesystem is full.
func fillDisk(path string) error {
	f, err := os.Create(path)
	if err != nil {
		if errors.Is(err, syscall.ENOSPC) {
			return nil
		}
		return err
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				break
			}
			return err
		}
	}
	// the last bytes that fit
	for n := len(buf) / 2; n > 0; n /= 2 {
		for {
			if _, err := f.Write(buf[:n]); err != nil {
				break
			}
		}
	}
	return nil
}

// snapshot maps each regular file under dir (relative path) to its
// content; the store's files (SQLite may keep a WAL or not) and the
// filler are left out.
func snapshot(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(rel, "s.db") || rel == "filler" {
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = b
		return err
	})
	return out, err
}

// diffSnapshots names the files added, removed or changed.
func diffSnapshots(a, b map[string][]byte) string {
	var d []string
	for k, v := range a {
		w, ok := b[k]
		switch {
		case !ok:
			d = append(d, k+" removed")
		case !bytes.Equal(v, w):
			d = append(d, k+" changed")
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, k+" added")
		}
	}
	return strings.Join(d, ", ")
}
