package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"qcweave/record"
	"qcweave/store"
)

const henan = "../../testdata/seeds/000_51d78471b3c374dd.txt"

// variant writes a copy of the Henan notice with replacements applied (each
// must occur) and returns its path.
func variant(t *testing.T, dir, name string, repl ...string) string {
	t.Helper()
	b, err := os.ReadFile(henan)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for i := 0; i+1 < len(repl); i += 2 {
		if !strings.Contains(s, repl[i]) {
			t.Fatalf("variant %s: %q not in the notice", name, repl[i])
		}
		s = strings.ReplaceAll(s, repl[i], repl[i+1])
	}
	p := filepath.Join(dir, name+".txt")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// findingsOf ingests files into a fresh store and returns "kind subject"
// for every finding, sorted.
func findingsOf(t *testing.T, files ...string) []string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "q.db")
	args := append([]string{"ingest", "--db", db}, files...)
	if code, _, stderr := runCmd(t, ctx, args...); code != 0 {
		t.Fatalf("ingest: exit %d %s", code, stderr)
	}
	return checkKeys(t, db)
}

func checkKeys(t *testing.T, db string) []string {
	t.Helper()
	_, stdout, stderr := runCmd(t, context.Background(), "check", "--db", db, "--json")
	var fs []record.Finding
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil {
		t.Fatalf("check --json: %v %s", err, stderr)
	}
	var out []string
	for _, f := range fs {
		out = append(out, f.Kind+" "+f.Subject)
	}
	sort.Strings(out)
	return out
}

// minus returns the items of a not in b (as multisets).
func minus(a, b []string) []string {
	n := map[string]int{}
	for _, x := range b {
		n[x]++
	}
	var out []string
	for _, x := range a {
		if n[x] > 0 {
			n[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

func TestFindingsAcrossDocuments(t *testing.T) {
	dir := t.TempDir()
	base := findingsOf(t, henan)
	later := []string{"截至2025年4月底", "截至2025年6月底", "豫卫医函〔2025〕21号", "豫卫医函〔2025〕35号"}
	tests := []struct {
		name string
		repl []string
		want []string
		pair bool // the variant is ingested with the base notice
	}{
		{
			name: "count went down in a later notice", pair: true,
			repl: append(later, "濮阳68个", "濮阳60个", "9\t濮阳\t68", "9\t濮阳\t60", "市级质控中心987个", "市级质控中心979个"),
			want: []string{"count_decreased 全省", "count_decreased 濮阳"},
		},
		{
			name: "same date, other value", pair: true,
			repl: []string{"豫卫医函〔2025〕21号", "豫卫医函〔2025〕36号", "濮阳68个", "濮阳70个", "9\t濮阳\t68", "9\t濮阳\t70", "市级质控中心987个", "市级质控中心989个"},
			want: []string{"value_conflict 全省", "value_conflict 濮阳"},
		},
		{
			name: "provincial center's host changed", pair: true,
			repl: append(later, "1\t河南省呼吸内科专业医疗质量控制中心\t河南省人民医院", "1\t河南省呼吸内科专业医疗质量控制中心\t郑州大学第一附属医院"),
			want: []string{"attribute_changed 河南省呼吸内科专业医疗质量控制中心"},
		},
		{
			name: "provincial center renamed", pair: true,
			repl: append(later, "63\t河南省医学信息医疗质量控制中心", "63\t河南省医学信息专业质量控制中心"),
			want: []string{"attribute_changed 河南省医学信息专业质量控制中心"}, // the entity's name: the longest, then the first in order
		},
		{
			name: "prose number disagrees with its table",
			repl: []string{"濮阳68个", "濮阳65个"},
			want: []string{"value_conflict 濮阳"},
		},
		{
			name: "stated total is not the sum",
			repl: []string{"市级质控中心987个", "市级质控中心990个"},
			want: []string{"total_mismatch 全省"},
		},
		{
			name: "reissue with the same 文号 supersedes", pair: true,
			repl: []string{"截至2025年4月底", "截至2025年6月底", "濮阳68个", "濮阳60个", "9\t濮阳\t68", "9\t濮阳\t60", "市级质控中心987个", "市级质控中心979个"},
			want: nil, // the earlier notice no longer counts: nothing decreased
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := variant(t, dir, strings.ReplaceAll(tt.name, " ", "_"), tt.repl...)
			alone := findingsOf(t, v)
			var got []string
			if tt.pair {
				got = minus(minus(findingsOf(t, henan, v), base), alone)
			} else {
				got = minus(alone, base)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("new findings %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("byte-identical copy", func(t *testing.T) {
		cp := filepath.Join(dir, "copy.txt")
		copyFile(t, henan, cp)
		if got := minus(findingsOf(t, henan, cp), base); len(got) != 0 {
			t.Errorf("a copy adds findings %q", got)
		}
	})
}

// TestUserAliasClearsUnknown renames a specialty so that the dictionary
// lacks it, then adds a user alias: the finding clears and the center
// becomes the known one, without reading the document again.
func TestUserAliasClearsUnknown(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	v := variant(t, dir, "renamed", "河南省呼吸内科专业医疗质量控制中心", "河南省呼吸病学专业医疗质量控制中心")
	db := filepath.Join(dir, "q.db")
	if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, v); code != 0 {
		t.Fatal(stderr)
	}
	has := func() bool {
		for _, k := range checkKeys(t, db) {
			if k == "unknown_entity 呼吸病学" {
				return true
			}
		}
		return false
	}
	if !has() {
		t.Fatalf("no unknown_entity for 呼吸病学: %q", checkKeys(t, db))
	}
	if err := os.Remove(v); err != nil { // the store must not need the file
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, ctx, "dict", "--db", db, "add", "specialty", "呼吸病学", "呼吸内科")
	if code != 0 {
		t.Fatalf("dict add: %s", stderr)
	}
	if has() {
		t.Errorf("unknown_entity for 呼吸病学 still reported after %q", stdout)
	}
	_, list, _ := runCmd(t, ctx, "dict", "--db", db, "list")
	if !strings.Contains(list, "specialty\t呼吸病学\t呼吸内科") {
		t.Errorf("dict list = %q", list)
	}
	out := filepath.Join(dir, "out")
	runCmd(t, ctx, "export", "--db", db, "--format", "csv", "--out", out)
	b, _ := os.ReadFile(filepath.Join(out, "centers.csv"))
	if !strings.Contains(string(b), "省级|410000|respiratory") {
		t.Errorf("center not resolved to respiratory:\n%s", b[:min(len(b), 600)])
	}
	if code, _, _ := runCmd(t, ctx, "dict", "--db", db, "add", "colour", "x", "y"); code == 0 {
		t.Errorf("dict add of an unknown kind succeeded")
	}
}

// TestReissueSupersedes ingests a notice and a reissue with the same 文号:
// the store marks the earlier one superseded by the later.
func TestReissueSupersedes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	v := variant(t, dir, "reissue", "濮阳68个", "濮阳65个", "9\t濮阳\t68", "9\t濮阳\t65", "市级质控中心987个", "市级质控中心984个")
	db := filepath.Join(dir, "q.db")
	for _, f := range []string{henan, v} {
		if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, f); code != 0 {
			t.Fatal(stderr)
		}
	}
	out := filepath.Join(dir, "out")
	runCmd(t, ctx, "export", "--db", db, "--format", "json", "--out", out)
	b, err := os.ReadFile(filepath.Join(out, "documents.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []map[string]any
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatal(err)
	}
	superseded := 0
	for _, d := range docs {
		if d["superseded_by"] != nil {
			superseded++
			if !strings.HasSuffix(d["path"].(string), "000_51d78471b3c374dd.txt") {
				t.Errorf("the reissue was marked superseded: %v", d["path"])
			}
		}
	}
	if len(docs) != 2 || superseded != 1 {
		t.Errorf("%d documents, %d superseded; want 2 and 1", len(docs), superseded)
	}
}

// TestSameNoticeOtherFormat ingests the Hubei bulletin as text and as a
// web page: one notice (no 文号; same issuer, title and date), so the
// second supersedes the first and its findings are reported once.
func TestSameNoticeOtherFormat(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "q.db")
	for _, f := range []string{"../../testdata/seeds/003_8bcd6cef6928f5fe.txt", "../../testdata/formats/003_8bcd6cef6928f5fe.html"} {
		if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, f); code != 0 {
			t.Fatal(stderr)
		}
	}
	n := 0
	for _, k := range checkKeys(t, db) {
		if k == "date_outside_period 2024-03-21" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the 2024-03-21 finding is reported %d times, want once", n)
	}
}

// TestCheckAppliesCorrections: corrections saved without a check of the
// findings (by an older qcweave serve) are checked by check: the conflict
// a corrected count made goes, the others stay. A count corrected where
// the document's table still states the misread value is a conflict
// within the document, until the table's row is corrected too.
func TestCheckAppliesCorrections(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	v := variant(t, dir, "other_value", "豫卫医函〔2025〕21号", "豫卫医函〔2025〕36号", "濮阳68个", "濮阳70个", "9\t濮阳\t68", "9\t濮阳\t70", "市级质控中心987个", "市级质控中心989个")
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, henan, v); code != 0 {
		t.Fatalf("ingest: exit %d %s", code, stderr)
	}
	before := checkKeys(t, db)
	if !slices.Contains(before, "value_conflict 濮阳") {
		t.Fatalf("no conflict to correct: %q", before)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// every record of the other notice that states 70: kind, document, key
	correct70 := func(kind, query string) int {
		rows, err := st.DB().QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		var cs []store.Correction
		for rows.Next() {
			var c store.Correction
			var region string
			if err := rows.Scan(&c.Doc, &region, &c.Quote); err != nil {
				t.Fatal(err)
			}
			c.Kind, c.Key, c.Action, c.Field, c.Before, c.After, c.By, c.At = kind, store.RecordKey(region, c.Quote), store.ActionSet, store.FieldValue, "70", "68", "审阅人", "2026-01-01T00:00:00Z"
			cs = append(cs, c)
		}
		rows.Close()
		for _, c := range cs {
			if _, err := st.Correct(ctx, c, 0); err != nil {
				t.Fatal(err)
			}
		}
		return len(cs)
	}
	if correct70(store.KindCount, `SELECT d.sha256, c.region_text, c.quote FROM counts c JOIN documents d ON d.id = c.document_id WHERE c.value = 70`) == 0 {
		t.Fatal("no count of 70")
	}
	st.Close()
	_, stdout, _ := runCmd(t, ctx, "check", "--db", db, "--json")
	if !strings.Contains(stdout, "濮阳市级质控中心数量正文为 68，附表为 70") {
		t.Errorf("a count corrected to 68 beside its table's 70 is no conflict within the document: %s", stdout)
	}

	if st, err = store.Open(ctx, db); err != nil {
		t.Fatal(err)
	}
	if correct70(store.KindCoverage, `SELECT d.sha256, c.region_text, c.quote FROM coverage c JOIN documents d ON d.id = c.document_id WHERE c.built = 70`) == 0 {
		t.Fatal("no coverage row of 70")
	}
	st.Close()
	after := checkKeys(t, db)
	if slices.Contains(after, "value_conflict 濮阳") || !slices.Contains(after, "value_conflict 全省") {
		t.Errorf("after correcting 70 to 68: %q (before %q)", after, before)
	}
}
