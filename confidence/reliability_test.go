package confidence_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/resolve"
)

// The dev set's texts and keys and the scorer, copied into testdata.
const (
	devDir      = "../testdata/dev"
	scorer      = "../testdata/eval/score.py"
	reliability = "../scripts/reliability.py"
)

// The floor the confidence must hold on the dev set: records at 0.9 or
// more confirmed by the key at least highFloor of the time, and at least
// highShare of the records there (a pass that put every record low would
// meet the first floor and tell nothing).
const (
	high      = 0.9
	highFloor = 0.97
	highShare = 0.3
	// A bin of fewer records than minBin says too little to be compared
	// with its neighbours; slack is the least drop allowed between two
	// bins (one record's worth in a bin of about thirty; more where a bin
	// is smaller).
	minBin = 5
	slack  = 0.03
)

// bins are the lower bounds of the reliability table's bins (as in
// scripts/reliability.py).
var bins = []float64{0, 0.5, 0.7, 0.8, 0.9, 0.95}

// TestReliability extracts every dev text as qcweave extract does, has
// the scorer's matching say which records the keys confirm, and holds
// the calibration floor: records at confidence >= 0.9 are confirmed at
// least 0.97 of the time, and confirmation rises from bin to bin.
func TestReliability(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the scorer cannot run")
	}
	keys, _ := filepath.Glob(filepath.Join(devDir, "gold", "*.json"))
	if len(keys) == 0 {
		t.Fatal("no dev keys under testdata/dev/gold")
	}
	tools, err := extractors.NewTools()
	if err != nil {
		t.Fatal(err)
	}
	res := resolve.New(tools.Lex)
	dir := t.TempDir()
	var before, after []string
	for _, key := range keys {
		name := strings.TrimSuffix(filepath.Base(key), ".json")
		doc, err := (&formats.Loader{}).Load(context.Background(), filepath.Join(devDir, "docs", name+".txt"), nil)
		if err != nil {
			t.Fatal(err)
		}
		ex, err := extractors.Extract(context.Background(), doc, tools)
		if err != nil {
			t.Fatal(err)
		}
		// the extractors' own estimates, then the pass's
		before = append(before, key, writeJSON(t, filepath.Join(dir, name+".before.json"), ex))
		res.Resolve(ex)
		after = append(after, key, writeJSON(t, filepath.Join(dir, name+".json"), ex))
	}
	n0, ok0, _, _ := tally(t, before)
	t.Logf("reliability over %d dev texts, the extractors' estimates:\n%s", len(keys), table(n0, ok0))
	n, ok, hiN, hiOK := tally(t, after)
	t.Logf("after the confidence pass:\n%s", table(n, ok))
	total := 0
	for _, k := range n {
		total += k
	}
	if total == 0 {
		t.Fatal("no records scored")
	}
	if float64(hiN) < highShare*float64(total) {
		t.Errorf("%d of %d records at confidence >= %.2f: want at least %.0f%%", hiN, total, high, 100*highShare)
	}
	if hiN > 0 && float64(hiOK)/float64(hiN) < highFloor {
		t.Errorf("records at confidence >= %.2f: %d/%d confirmed (%.3f), want >= %.2f", high, hiOK, hiN, float64(hiOK)/float64(hiN), highFloor)
	}
	prev, prevBin := -1.0, -1
	for i := range bins {
		if n[i] < minBin {
			continue
		}
		share := float64(ok[i]) / float64(n[i])
		// one record's worth of the smaller bin is noise, not a fall
		tol := slack
		if prevBin >= 0 {
			tol = max(slack, 1/float64(min(n[i], n[prevBin])))
		}
		if share < prev-tol {
			t.Errorf("confirmation falls from bin >= %.2f (%.3f) to bin >= %.2f (%.3f)", bins[prevBin], prev, bins[i], share)
		}
		prev, prevBin = share, i
	}
}

// writeJSON writes v to path and returns path.
func writeJSON(t *testing.T, path string, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tally has scripts/reliability.py say which predicted records the keys
// confirm (pairs: key, prediction, …) and counts them per bin, and at
// confidence >= high.
func tally(t *testing.T, pairs []string) (n, ok []int, hiN, hiOK int) {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command("python3", append([]string{reliability, "--scorer", scorer}, pairs...)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reliability.py: %v\n%s", err, stderr.String())
	}
	var got struct {
		Records [][3]any `json:"records"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	n, ok = make([]int, len(bins)), make([]int, len(bins))
	for _, r := range got.Records {
		c, _ := r[1].(float64)
		good, _ := r[2].(bool)
		b := 0
		for i, lo := range bins {
			if c >= lo {
				b = i
			}
		}
		n[b]++
		if good {
			ok[b]++
		}
		if c >= high {
			hiN++
			if good {
				hiOK++
			}
		}
	}
	return n, ok, hiN, hiOK
}

// table prints the bins.
func table(n, ok []int) string {
	var b strings.Builder
	for i := range bins {
		share := "-"
		if n[i] > 0 {
			share = fmt.Sprintf("%.3f", float64(ok[i])/float64(n[i]))
		}
		fmt.Fprintf(&b, "  >= %.2f: %3d records, confirmed %s\n", bins[i], n[i], share)
	}
	return b.String()
}
