package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"qcweave/extractors"
	"qcweave/pipeline"
	"qcweave/record"
	"qcweave/store"
)

// A typo in --db is not an empty store: the commands that read a store
// refuse a missing one in one line with exit 2 and create nothing.
func TestMissingStoreRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{
		{"check"}, {"check", "--json"}, {"export", "--format", "csv", "--out", filepath.Join(dir, "out")},
		{"report", "--out", filepath.Join(dir, "r.html")}, {"dict", "list"}, {"dict", "add", "region", "某区", "410100"}, {"serve"},
	} {
		code, stdout, stderr := runCmd(t, ctx, append([]string{args[0], "--db", db}, args[1:]...)...)
		if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "no store at "+db) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%v created %v", args, entries)
		}
	}
	// ingest creates the store
	if code, _, stderr := runCmd(t, ctx, "ingest", "-q", "--db", db, henan); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	if code, _, stderr := runCmd(t, ctx, "check", "--db", db); code != 0 {
		t.Errorf("check of the new store: exit %d %s", code, stderr)
	}
}

// watch refuses a folder that is not there, creating neither it nor the store.
func TestWatchMissingFolder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	code, _, stderr := runCmd(t, context.Background(), "watch", "--db", db, filepath.Join(dir, "nonexistent"))
	if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "no folder") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("watch created %v", entries)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCmd(t, context.Background(), "--version")
	if code != 0 || !strings.HasPrefix(stdout, "qcweave ") || !strings.Contains(stdout, "(extractor "+extractors.Version+")") {
		t.Errorf("--version: exit %d, %q", code, stdout)
	}
}

// Each command's help is printed once, its flags spelled as typed.
func TestHelpOnce(t *testing.T) {
	for _, c := range commands() {
		code, stdout, stderr := runCmd(t, context.Background(), c.name, "--help")
		if code != 0 || stderr != "" || strings.Count(stdout, "usage: qcweave "+c.name) != 1 {
			t.Errorf("%s --help: exit %d, stderr %q, usage %d times", c.name, code, stderr, strings.Count(stdout, "usage:"))
		}
		if regexp.MustCompile(`(?m)^  -[a-z]{2,}`).MatchString(stdout) {
			t.Errorf("%s --help lists a flag with one dash:\n%s", c.name, stdout)
		}
		if c.name != "extract" && !strings.Contains(stdout, "--db PATH") {
			t.Errorf("%s --help does not list --db PATH:\n%s", c.name, stdout)
		}
	}
}

// Usage errors exit 2 for every command, in one line.
func TestUsageErrorsExit2(t *testing.T) {
	db := seededDB(t)
	for _, args := range [][]string{
		{"dict", "--db", db, "add", "nosuchkind", "a", "b"}, {"dict", "--db", db, "frobnicate"}, {"dict", "--db", db},
		{"check", "--db", db, "--kind", "nosuchkind"}, {"check", "--db", db, "--doc", "no such document"}, {"check", "--db", db, "extra"},
		{"export", "--db", db, "--format", "pdf", "--out", t.TempDir()}, {"report", "--db", db},
		{"ingest", "--db", db}, {"ingest", "--db", db, "--include", "[", "."}, {"extract"}, {"watch"}, {"check", "--nosuchflag"},
	} {
		code, _, stderr := runCmd(t, context.Background(), args...)
		if code != exitUsage || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		if strings.Contains(stderr, " -nosuchflag") {
			t.Errorf("%v: flag spelled with one dash: %q", args, stderr)
		}
	}
}

// The plain progress line, off a terminal: done/total, failures, rate and
// time left, at the first file and then every few seconds.
func TestProgressPlain(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	p := newProgress(&env{stderr: &buf}, normal, now)
	ok := pipeline.Result{Status: pipeline.Stored}
	bad := pipeline.Result{Status: pipeline.Failed}
	for i := 1; i <= 100; i++ {
		clock = clock.Add(time.Second)
		r := ok
		if i%10 == 0 {
			r = bad
		}
		p.update(i, 100, r)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	// one at the first file, then one every 5 s of 100 s (not at the end:
	// the summary says it)
	if len(lines) != 20 {
		t.Fatalf("%d lines, want 20:\n%s", len(lines), buf.String())
	}
	if lines[0] != "qcweave: 1/100 files, 1.0 files/s, about 1m39s left" {
		t.Errorf("first line %q", lines[0])
	}
	if lines[10] != "qcweave: 51/100 files, 5 failed, 1.0 files/s, about 49s left" {
		t.Errorf("line at 51 s %q", lines[10])
	}
	if strings.Contains(buf.String(), "\r") || strings.Contains(buf.String(), "\033") {
		t.Error("terminal controls off a terminal")
	}
	// quiet: nothing
	buf.Reset()
	q := newProgress(&env{stderr: &buf}, quiet, now)
	q.update(1, 2, ok)
	if buf.Len() != 0 {
		t.Errorf("quiet progress printed %q", buf.String())
	}
}

// The pages of a scan read by OCR: off a terminal a plain line at the
// first page and then every few seconds; on a terminal the bar's line
// redrawn with the files' status and the pages; nothing when quiet.
func TestProgressPages(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	p := newProgress(&env{stderr: &buf}, normal, now)
	for i := 1; i <= 12; i++ {
		clock = clock.Add(2 * time.Second)
		p.pages(i, 12)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	// at 2 s, then every 6 s (the first 2 s tick past 5 s), not at the end
	if len(lines) != 4 || lines[0] != "qcweave: OCR read 1/12 pages of a scan" || lines[1] != "qcweave: OCR read 4/12 pages of a scan" {
		t.Errorf("plain lines:\n%s", buf.String())
	}
	buf.Reset()
	tty := newProgress(&env{stderr: &buf, stderrIsTTY: true}, normal, now)
	tty.update(1, 3, pipeline.Result{Status: pipeline.Stored})
	tty.pages(2, 5)
	if last := buf.String()[strings.LastIndex(buf.String(), "\r"):]; !strings.HasPrefix(last, "\r\033[K1/3 files") || !strings.HasSuffix(last, ", OCR: page 2/5") {
		t.Errorf("terminal line %q", last)
	}
	buf.Reset()
	q := newProgress(&env{stderr: &buf}, quiet, now)
	q.pages(1, 2)
	if buf.Len() != 0 {
		t.Errorf("quiet progress printed %q", buf.String())
	}
}

// -q prints nothing but errors; -v a line per file; the default a
// progress line and the summary.
func TestQuietVerbose(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.4 nothing"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, ctx, "ingest", "-q", "--db", filepath.Join(dir, "q.db"), henan, bad)
	if code != exitPartial || stdout != "" || strings.Count(stderr, "\n") != 2 || !strings.Contains(stderr, "bad.pdf") {
		t.Errorf("-q: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = runCmd(t, ctx, "ingest", "-v", "--db", filepath.Join(dir, "v.db"), henan, bad)
	if code != exitPartial || !strings.Contains(stderr, "stored "+henan) || !strings.Contains(stdout, "2 files in") {
		t.Errorf("-v: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = runCmd(t, ctx, "ingest", "--db", filepath.Join(dir, "n.db"), henan, bad)
	if code != exitPartial || !strings.Contains(stderr, "qcweave: 1/2 files") || !strings.Contains(stdout, "1 stored, 0 unchanged, 1 failed") {
		t.Errorf("default: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// cancelOnWrite is a writer that cancels a context at its first write.
type cancelOnWrite struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	cancel context.CancelFunc
}

func (w *cancelOnWrite) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cancel()
	return w.buf.Write(p)
}

// An interrupted ingest says what it stored before it stopped.
func TestInterruptSummary(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	errw := &cancelOnWrite{cancel: cancel} // the first progress line interrupts
	e := &env{stdout: &out, stderr: errw, getenv: func(string) string { return "" }, helper: true}
	db := filepath.Join(t.TempDir(), "q.db")
	code := run(ctx, e, []string{"ingest", "--workers", "1", "--db", db, "../../testdata/dev/docs"})
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d; %s", code, exitInterrupted, errw.buf.String())
	}
	if !regexp.MustCompile(`^interrupted: \d+ files in .*: \d+ stored`).MatchString(out.String()) || !strings.Contains(out.String(), "store "+db) {
		t.Errorf("no summary after the interrupt: %q", out.String())
	}
}

// A folder gives its documents; sidecars are left out and counted, unless
// named one by one; --include and --exclude choose further.
func TestFolderSkipsSidecars(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	notice, err := os.ReadFile(henan)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"notice.txt":          string(notice),
		"sub/other.txt":       string(notice) + "\n附：另一份\n",
		"README.md":           "# 说明\n这些文件是河南省的通报。\n",
		"key.json":            `{"document": {"title": "关于……的通报"}}`,
		"answers":             `[{"kind": "baseline_mismatch"}]`,
		"MANIFEST.tsv":        "file\tsha256\nnotice.txt\t1 0 obj endobj trailer xref\n",
		".notes":              "hidden",
		"~$notice.docx":       "lock",
		"notice.txt~":         "backup",
		"sub/.#draft.txt":     "emacs lock",
		"sub/draft.txt.swp":   "vim",
		"sub/partial.pdf.tmp": "download",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "q.db")
	code, stdout, stderr := runCmd(t, ctx, "ingest", "--db", db, "--json", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum ingestSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Files != 2 || sum.Stored != 2 || total(sum.Skipped) != 10 {
		t.Errorf("files %d stored %d skipped %v; want 2, 2, 10", sum.Files, sum.Stored, sum.Skipped)
	}
	_, stdout, _ = runCmd(t, ctx, "ingest", "--db", db, in)
	if !strings.Contains(stdout, "10 left out of folders") {
		t.Errorf("summary does not count what was left out: %q", stdout)
	}
	// named one by one, a Markdown file is taken
	if code, stdout, stderr := runCmd(t, ctx, "ingest", "--db", db, "--json", filepath.Join(in, "README.md")); code != 0 || !strings.Contains(stdout, `"stored": 1`) {
		t.Errorf("README.md named: exit %d %s %s", code, stdout, stderr)
	}
	// --include and --exclude
	for _, tt := range []struct {
		flags []string
		want  int
	}{
		{[]string{"--include", "notice.*"}, 1},
		{[]string{"--exclude", "sub"}, 1},
		{[]string{"--exclude", "sub/*.txt"}, 1},
		{[]string{"--include", "*.txt", "--exclude", "notice.txt"}, 1},
		{[]string{"--include", "*.pdf"}, 0},
	} {
		args := append(append([]string{"ingest", "--db", filepath.Join(t.TempDir(), "g.db"), "--json"}, tt.flags...), in)
		_, stdout, stderr := runCmd(t, ctx, args...)
		var s ingestSummary
		if err := json.Unmarshal([]byte(stdout), &s); err != nil {
			t.Fatalf("%v: %v %s", tt.flags, err, stderr)
		}
		if s.Files != tt.want {
			t.Errorf("%v: %d files, want %d", tt.flags, s.Files, tt.want)
		}
	}
}

// The error log forgets a file that was stored since, or that is gone; a
// path that does not exist never enters it.
func TestErrorLogForgets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	db := filepath.Join(dir, "q.db")
	fixed, gone := filepath.Join(in, "fixed.pdf"), filepath.Join(in, "gone.pdf")
	for _, p := range []string{fixed, gone} {
		os.WriteFile(p, []byte("%PDF-1.4 broken"), 0o644)
	}
	errorsIn := func() int {
		t.Helper()
		_, stdout, _ := runCmd(t, ctx, "ingest", "--db", db, "--json", filepath.Join(dir, "none-such"))
		var s ingestSummary
		if err := json.Unmarshal([]byte(stdout), &s); err != nil {
			t.Fatalf("%v: %s", err, stdout)
		}
		return s.Store.Errors
	}
	if code, _, _ := runCmd(t, ctx, "ingest", "-q", "--db", db, in); code != exitFailure { // nothing stored
		t.Fatalf("exit %d", code)
	}
	if n := errorsIn(); n != 2 {
		t.Fatalf("error log holds %d files, want 2", n)
	}
	copyFile(t, henan, fixed)
	os.Remove(gone)
	if code, _, stderr := runCmd(t, ctx, "ingest", "-q", "--db", db, in); code != 0 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	if n := errorsIn(); n != 0 {
		t.Errorf("error log holds %d files after the fix and the removal, want 0", n)
	}
}

// Reasons are one clean line: a missing file is named once, an encrypted
// PDF's reason carries no bytes of its dictionary and no second reason.
func TestCleanReasons(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.txt")
	_, _, stderr := runCmd(t, ctx, "extract", missing)
	if want := "qcweave: " + missing + ": no such file or directory\n"; stderr != want {
		t.Errorf("extract of a missing file: %q, want %q", stderr, want)
	}
	for _, dict := range []string{
		"/V 1 /R 2",
		"/V 5 /R 6 /CF << /StdCF << /CFM /AESV3 /Length 32 >> >> /StmF /StdCF /StrF /StdCF",
	} {
		p := filepath.Join(dir, "enc.pdf")
		os.WriteFile(p, encryptedPDF(dict), 0o644)
		for _, args := range [][]string{{"extract", p}, {"ingest", "-q", "--db", filepath.Join(dir, "q.db"), p}} {
			_, _, stderr := runCmd(t, ctx, args...)
			line := strings.SplitN(stderr, "\n", 2)[0]
			if !strings.Contains(line, "encrypted") || strings.Count(line, "encrypted with a password") != 1 ||
				strings.Contains(line, "pdftotext") || strings.Contains(line, "<<") || strings.ContainsFunc(line, func(r rune) bool { return r >= 0x80 && r < 0xa0 || r == 0xfffd || r < 0x20 }) {
				t.Errorf("%s %v: %q", dict, args[0], line)
			}
		}
	}
}

// encryptedPDF is a one-page PDF with a standard security handler of the
// given version whose keys are binary, as real ones are.
func encryptedPDF(handler string) []byte {
	bin := func(from byte) string {
		b := make([]byte, 32)
		for i := range b {
			b[i] = from + byte(i)
		}
		return string(b)
	}
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
		"<< /Filter /Standard " + handler + " /O (" + bin(0x80) + ") /U (" + bin(0xa0) + ") /P -4 >>"}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		b.WriteString(strings.Join([]string{itoa(i + 1), " 0 obj\n", o, "\nendobj\n"}, ""))
	}
	x := b.Len()
	b.WriteString("xref\n0 " + itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		s := itoa(o)
		b.WriteString(strings.Repeat("0", 10-len(s)) + s + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + itoa(len(objs)+1) + " /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n" + itoa(x) + "\n%%EOF\n")
	return b.Bytes()
}

func itoa(n int) string { return strconv.Itoa(n) }

// check tells where each quote is (file, title, page, line), not a hash;
// --ack takes a whole kind, or a document's findings.
func TestCheckPlacesAndAcks(t *testing.T) {
	ctx := context.Background()
	db := seededDB(t)
	_, stdout, _ := runCmd(t, ctx, "check", "--db", db)
	if regexp.MustCompile(`[0-9a-f]{12}:\d+-\d+`).MatchString(stdout) {
		t.Errorf("check places a quote by hash:\n%s", stdout)
	}
	if !regexp.MustCompile(`003_8bcd6cef6928f5fe\.txt《[^》]+》, line \d+`).MatchString(stdout) {
		t.Errorf("check does not place a quote by file, title and line:\n%s", stdout)
	}
	open := func(args ...string) []record.Finding {
		t.Helper()
		_, stdout, stderr := runCmd(t, ctx, append([]string{"check", "--db", db, "--json"}, args...)...)
		var fs []record.Finding
		if err := json.Unmarshal([]byte(stdout), &fs); err != nil {
			t.Fatalf("%v: %s", err, stderr)
		}
		return fs
	}
	kinds := func(fs []record.Finding) map[string]int {
		m := map[string]int{}
		for _, f := range fs {
			m[f.Kind]++
		}
		return m
	}
	before := kinds(open())
	if before[record.BaselineMismatch] == 0 || before[record.DateOutsidePeriod] == 0 {
		t.Fatalf("the seeds give %v", before)
	}
	if got := kinds(open("--kind", record.BaselineMismatch)); len(got) != 1 || got[record.BaselineMismatch] != before[record.BaselineMismatch] {
		t.Errorf("--kind baseline_mismatch lists %v", got)
	}
	code, stdout, stderr := runCmd(t, ctx, "check", "--db", db, "--ack", record.BaselineMismatch, "--note", "the table counts more than the list")
	if code != 0 || !strings.Contains(stdout, "acknowledged") {
		t.Fatalf("--ack KIND: exit %d %s %s", code, stdout, stderr)
	}
	after := kinds(open())
	if after[record.BaselineMismatch] != 0 || after[record.DateOutsidePeriod] != before[record.DateOutsidePeriod] {
		t.Errorf("after --ack baseline_mismatch: %v (before %v)", after, before)
	}
	// every open finding of one document, named by its file
	raw, err := os.ReadFile("../../testdata/seeds/003_8bcd6cef6928f5fe.txt")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	hubei := hex.EncodeToString(sum[:])
	ofHubei := func(fs []record.Finding) (n int) {
		for _, f := range fs {
			for _, r := range f.Refs {
				if r.Doc == hubei {
					n++
					break
				}
			}
		}
		return n
	}
	if ofHubei(open()) == 0 {
		t.Fatal("the Hubei seed has no open finding to acknowledge")
	}
	// --doc takes part of a file name too
	if fs := open("--doc", "_8bcd6cef"); len(fs) == 0 || ofHubei(fs) != len(fs) {
		t.Errorf("--doc _8bcd6cef lists %d findings, %d of them the Hubei seed's", len(fs), ofHubei(fs))
	}
	if code, _, stderr := runCmd(t, ctx, "check", "--db", db, "--ack", "all", "--doc", "003_8bcd6cef6928f5fe.txt"); code != 0 {
		t.Fatalf("--ack all --doc: exit %d %s", code, stderr)
	}
	if n := ofHubei(open()); n != 0 {
		t.Errorf("%d findings of the acknowledged document still open", n)
	}
	if len(open("--all")) <= len(open()) {
		t.Error("--all does not list the acknowledged findings")
	}
}

// The store's views name each row's document by title and file name
// beside its sha256.
func TestViewsNameDocuments(t *testing.T) {
	db := seededDB(t)
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, view := range []string{"missing_specialties", "counts_over_time", "activities_by_center", "center_hosts_over_time", "coverage_over_time"} {
		var n int
		err := st.DB().QueryRow(`SELECT count(*) FROM ` + view + ` WHERE length(document) = 64 AND title <> '' AND file LIKE '0%.txt'`).Scan(&n)
		if err != nil || n == 0 {
			t.Errorf("%s: %d rows with document, title and file; %v", view, n, err)
		}
	}
}
