package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qcweave/formats"
	"qcweave/record"
)

// TestMain lets the test binary serve as the PDF helper, as qcweave does.
func TestMain(m *testing.M) {
	if os.Getenv("QCWEAVE_RUN_MAIN") == "1" {
		main() // the test binary as the qcweave command, for tests of whole processes
		return
	}
	if len(os.Args) == 2 && os.Args[1] == helperCommand {
		if err := formats.ServePDFHelper(os.Stdin, os.Stdout); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runCmd runs a command line in-process and returns the exit code, stdout
// and stderr.
func runCmd(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, helper: true}
	code := run(ctx, e, args)
	return code, out.String(), errb.String()
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// TestIngestIdempotentAndIsolated ingests the samples with bad files among
// them: the bad files get one-line errors and exit 3, the good ones are
// stored; ingesting again changes nothing, and the exports are
// byte-identical to those of a store that never saw the bad files.
func TestIngestIdempotentAndIsolated(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	in := filepath.Join(tmp, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"000_51d78471b3c374dd.txt", "003_8bcd6cef6928f5fe.txt"} {
		copyFile(t, filepath.Join("../../testdata/seeds", n), filepath.Join(in, n))
	}
	clean := filepath.Join(tmp, "clean.db")
	if code, _, stderr := runCmd(t, ctx, "ingest", "--db", clean, in); code != 0 {
		t.Fatalf("ingest of good files: exit %d: %s", code, stderr)
	}
	// bad files: empty, binary garbage, undecodable text
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(in, "garbage.bin"), []byte{0, 1, 2, 3, 0xff, 0, 7}, 0o644)
	os.WriteFile(filepath.Join(in, "bad.txt"), []byte{0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80, 0xFF, 0xFF, 0x81}, 0o644)
	mixed := filepath.Join(tmp, "mixed.db")
	code, stdout, stderr := runCmd(t, ctx, "ingest", "--db", mixed, in)
	if code != exitPartial {
		t.Fatalf("ingest with bad files: exit %d, want %d\n%s%s", code, exitPartial, stdout, stderr)
	}
	for _, bad := range []string{"empty.txt: empty file", "garbage.bin: binary data", "bad.txt: text in an unknown encoding"} {
		if !strings.Contains(stderr, bad) {
			t.Errorf("stderr lacks %q:\n%s", bad, stderr)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(line, "qcweave: ") {
			t.Errorf("error line %q is not one line starting with qcweave:", line)
		}
	}
	if !strings.Contains(stdout, "2 stored") || !strings.Contains(stdout, "3 failed") {
		t.Errorf("summary: %s", stdout)
	}
	// twice: nothing changes
	runCmd(t, ctx, "ingest", "--db", mixed, in)
	code, stdout, _ = runCmd(t, ctx, "ingest", "--db", mixed, "--json", in)
	var sum ingestSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, stdout)
	}
	if code != exitPartial || sum.Unchanged != 2 || sum.Stored != 0 || sum.Store.Documents != 2 {
		t.Errorf("third ingest: exit %d, %+v", code, sum)
	}
	for _, format := range []string{"csv", "json"} {
		a, b := filepath.Join(tmp, "a-"+format), filepath.Join(tmp, "b-"+format)
		if code, _, stderr := runCmd(t, ctx, "export", "--db", clean, "--format", format, "--out", a); code != 0 {
			t.Fatalf("export: %s", stderr)
		}
		if code, _, stderr := runCmd(t, ctx, "export", "--db", mixed, "--format", format, "--out", b); code != 0 {
			t.Fatalf("export: %s", stderr)
		}
		fa, fb := readDir(t, a), readDir(t, b)
		for _, ds := range []string{"documents", "counts", "centers", "coverage", "activities", "findings"} {
			if _, ok := fa[ds+"."+format]; !ok {
				t.Errorf("export %s lacks %s", format, ds)
			}
		}
		for name, ca := range fa {
			if cb := fb[name]; ca != cb {
				t.Errorf("%s export %s differs between the clean and the mixed store", format, name)
			}
		}
	}
}

// TestCheckReportsOutsidePeriod wants the 2024-03-21 meeting of the Hubei
// bulletin in check --json.
func TestCheckReportsOutsidePeriod(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt"); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	code, stdout, stderr := runCmd(t, ctx, "check", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("check: exit %d %s", code, stderr)
	}
	var fs []record.Finding
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil {
		t.Fatal(err)
	}
	var id string
	for _, f := range fs {
		if f.Kind == record.DateOutsidePeriod && strings.Contains(f.Message, "2024-03-21") {
			id = f.ID
			if len(f.Refs) == 0 || !strings.Contains(f.Refs[0].Quote, "2024年3月21日") {
				t.Errorf("finding without its quote: %+v", f)
			}
		}
	}
	if id == "" {
		t.Fatalf("no date_outside_period for 2024-03-21 in %s", stdout)
	}
	if code, _, stderr := runCmd(t, ctx, "check", "--db", db, "--ack", id); code != 0 {
		t.Fatalf("ack: %s", stderr)
	}
	_, stdout, _ = runCmd(t, ctx, "check", "--db", db, "--json")
	if strings.Contains(stdout, id) {
		t.Errorf("acknowledged finding %s still reported", id)
	}
}

// TestInterruptedIngestLeavesNoHalfDocument cancels an ingest before it
// starts writing: the store holds no document and no facts.
func TestInterruptedIngestLeavesNoHalfDocument(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	db := filepath.Join(t.TempDir(), "q.db")
	code, _, _ := runCmd(t, ctx, "ingest", "--db", db, "../../testdata/seeds")
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d", code, exitInterrupted)
	}
	_, stdout, _ := runCmd(t, context.Background(), "export", "--db", db, "--format", "json", "--out", filepath.Join(t.TempDir(), "x"))
	for _, f := range strings.Fields(stdout) {
		if strings.HasSuffix(f, "datapackage.json") {
			continue
		}
		b, _ := os.ReadFile(f)
		if strings.TrimSpace(string(b)) != "[\n]" && strings.TrimSpace(string(b)) != "[]" {
			t.Errorf("%s not empty after an interrupted ingest: %s", f, b)
		}
	}
}

func TestUsage(t *testing.T) {
	ctx := context.Background()
	for _, args := range [][]string{{"extract", "--help"}, {"ingest", "--help"}, {"check", "--help"}, {"export", "--help"}} {
		if code, stdout, _ := runCmd(t, ctx, args...); code != 0 || !strings.Contains(stdout, "usage: qcweave "+args[0]) {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
	if code, _, _ := runCmd(t, ctx, "nosuch"); code != exitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
	if code, _, stderr := runCmd(t, ctx, "extract", filepath.Join(t.TempDir(), "missing.txt")); code != exitFailure || strings.Count(stderr, "\n") != 1 {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}

// TestOptionsAfterArguments: options typed after the files are options
// (the flag package alone stops at the first file and takes -q, --db and
// its value for files, so that ingest stored into another store); after
// -- every word is a file; a command that takes no argument refuses one
// instead of ignoring it.
func TestOptionsAfterArguments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	copyFile(t, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt", filepath.Join(dir, "-v.txt"))
	t.Chdir(dir)
	code, stdout, stderr := runCmd(t, ctx, "ingest", "-v.txt", "-q", "--db", "q.db")
	if code != exitUsage {
		t.Errorf("ingest -v.txt: exit %d, want a usage error (an unknown option)", code)
	}
	code, stdout, stderr = runCmd(t, ctx, "ingest", "--", "-v.txt")
	if code != 0 {
		t.Errorf("ingest -- -v.txt: exit %d %s", code, stderr)
	}
	os.Remove("qcweave.db")
	code, stdout, stderr = runCmd(t, ctx, "ingest", "./-v.txt", "-q", "--db", "q.db")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("ingest FILE -q --db q.db: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat("q.db"); err != nil {
		t.Errorf("the store named after the file was not made: %v", err)
	}
	if _, err := os.Stat("qcweave.db"); err == nil {
		t.Errorf("the default store was written")
	}
	for _, args := range [][]string{
		{"export", "--db", "q.db", "--format", "csv", "--out", "out", "extra"},
		{"report", "--db", "q.db", "--out", "r.html", "extra"},
	} {
		code, _, stderr := runCmd(t, ctx, args...)
		if code != exitUsage || !strings.Contains(stderr, `"extra"`) {
			t.Errorf("%v: exit %d, %q; want a usage error naming the extra argument", args, code, stderr)
		}
	}
	if code, stdout, stderr := runCmd(t, ctx, "export", "--db", "q.db", "--out", "keys", "--format", "corrections"); code != 0 || stdout != "" || !strings.Contains(stderr, "no corrections") {
		t.Errorf("export of no corrections: exit %d, %q, %q; want a note that nothing was written", code, stdout, stderr)
	}
}

// TestNoteWithoutAck: --note alone would be dropped without a word; it is
// a usage error.
func TestNoteWithoutAck(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := runCmd(t, ctx, "ingest", "-q", "--db", db, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt"); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	if code, _, stderr := runCmd(t, ctx, "check", "--db", db, "--note", "seen"); code != exitUsage || !strings.Contains(stderr, "--ack") {
		t.Errorf("check --note: exit %d, %q", code, stderr)
	}
}

// TestHelpAndDurations: a command without options lists no empty
// "options:" heading; watch refuses a settle time of zero or less and
// ingest a number of workers below one, which they took silently for
// their defaults.
func TestHelpAndDurations(t *testing.T) {
	ctx := context.Background()
	if _, stdout, _ := runCmd(t, ctx, "extract", "--help"); strings.Contains(stdout, "options:") {
		t.Errorf("extract --help lists an empty options heading:\n%s", stdout)
	}
	if _, stdout, _ := runCmd(t, ctx, "ingest", "--help"); !strings.Contains(stdout, "options:\n  --cpuprofile") {
		t.Errorf("ingest --help lists no options:\n%s", stdout)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second) // a watch that starts ends
	defer cancel()
	for _, n := range []string{"0", "-3"} {
		if code, _, stderr := runCmd(t, ctx, "ingest", "--db", filepath.Join(t.TempDir(), "q.db"), "--workers", n, "../../testdata/seeds"); code != exitUsage || !strings.Contains(stderr, "--workers") {
			t.Errorf("ingest --workers %s: exit %d, %q", n, code, stderr)
		}
	}
	for _, d := range []string{"0", "-5s"} {
		dir := t.TempDir()
		if code, _, stderr := runCmd(t, ctx, "watch", "--db", filepath.Join(dir, "q.db"), "--settle", d, dir); code != exitUsage || !strings.Contains(stderr, "--settle") {
			t.Errorf("watch --settle %s: exit %d, %q", d, code, stderr)
		}
	}
}

// TestReportOverAStore: report --out naming the store (or any SQLite
// database) would replace it with the page and lose it; it is refused.
func TestReportOverAStore(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := runCmd(t, ctx, "ingest", "-q", "--db", db, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt"); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, ctx, "report", "--db", db, "--out", db); code != exitUsage || !strings.Contains(stderr, "SQLite database") {
		t.Errorf("report --out the store: exit %d, %q", code, stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Errorf("the store was changed")
	}
}
