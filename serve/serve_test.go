package serve

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qcweave/export"
	"qcweave/report"
	"qcweave/store"
)

func TestPages(t *testing.T) {
	f := newFixture(t, Options{})
	for _, tc := range []struct {
		path string
		code int
		want []string
	}{
		{"/", 200, []string{"总览", "unknown_entity", "濮阳", "/doc/" + fixtureSHA}},
		{"/documents", 200, []string{"关于质控中心建设情况的通报"}},
		{"/doc/" + fixtureSHA, 200, []string{`<mark class="k-center"`, `<mark class="k-count"`, "郑州大学第一附属医院", "&lt;script&gt;alert(1)&lt;/script&gt;", `title="置信度">90%`}},
		{"/doc/" + strings.Repeat("0", 64), 404, nil},
		{"/centers", 200, []string{"河南省呼吸内科质控中心"}},
		{"/center/1", 200, []string{"郑州大学第一附属医院", "呼吸内科"}},
		{"/center/999", 404, nil},
		{"/findings", 200, []string{"unknown_entity", "词典中没有机构"}},
		{"/corrections", 200, []string{"全部修正"}},
		{"/search?q=" + url.QueryEscape("湖北"), 200, []string{"<mark>湖北</mark>", "逐份扫描"}},
		{"/search?q=" + url.QueryEscape("护"), 200, []string{"<mark>护</mark>"}},
		{"/search?q=" + url.QueryEscape("市级质控中心"), 200, []string{"<mark>市级质控中心</mark>"}},
		{"/search?q=" + url.QueryEscape("没有这句话"), 200, []string{"没有找到"}},
		{"/assets/style.css", 200, []string{"mark.k-count"}},
		{"/nope", 404, nil},
	} {
		code, body := f.get(tc.path)
		if code != tc.code {
			t.Errorf("GET %s = %d, want %d", tc.path, code, tc.code)
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q in the page", tc.path, w)
			}
		}
		if strings.Contains(body, "<script>alert(1)") {
			t.Errorf("GET %s: the document's markup is not escaped", tc.path)
		}
	}
}

func TestSafetyHeaders(t *testing.T) {
	f := newFixture(t, Options{})
	resp, err := f.c.Get(f.ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, w := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, w) {
			t.Errorf("CSP %q lacks %q", csp, w)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
}

// correctHost posts a change of the fixture center's host on base.
func correctHost(f *fixture, base, host string) (int, string) {
	return f.post("/correct", url.Values{"doc": {fixtureSHA}, "kind": {store.KindCenter}, "key": {store.RecordKey("河南省呼吸内科质控中心", hostQuote)},
		"base": {base}, "action": {"set"}, "field": {"host"}, "value": {host}, "note": {"公示更正"}})
}

func TestWritesRefused(t *testing.T) {
	f := newFixture(t, Options{})
	key := store.RecordKey("河南省呼吸内科质控中心", hostQuote)
	form := func() url.Values {
		return url.Values{"doc": {fixtureSHA}, "kind": {"center"}, "key": {key}, "base": {"0"}, "action": {"set"}, "field": {"host"}, "value": {"某医院"}}
	}
	post := func(mod func(*http.Request)) int {
		fm := form()
		fm.Set("csrf", f.srv.token)
		req, _ := http.NewRequest("POST", f.ts.URL+"/correct", strings.NewReader(fm.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		mod(req)
		resp, err := f.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code, _ := f.post("/correct", url.Values{"csrf": {""}}); code != http.StatusForbidden {
		t.Errorf("no CSRF token: %d, want 403", code)
	}
	if code, _ := f.post("/correct", url.Values{"csrf": {"x" + f.srv.token[1:]}}); code != http.StatusForbidden {
		t.Errorf("wrong CSRF token: %d, want 403", code)
	}
	if code := post(func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") }); code != http.StatusForbidden {
		t.Errorf("cross-origin write: %d, want 403", code)
	}
	if code := post(func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }); code != http.StatusForbidden {
		t.Errorf("cross-site write: %d, want 403", code)
	}
	if code := post(func(r *http.Request) { r.Host = "attacker.example:8080" }); code != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %d, want 421", code)
	}
	big := url.Values{"note": {strings.Repeat("长", maxBody)}}
	if code, _ := f.post("/correct", big); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d, want 413", code)
	}
	for _, v := range []struct{ field, value string }{{"value", "六十八"}, {"date", "2025年4月"}, {"level", "乡级"}} {
		fm := form()
		fm.Set("field", v.field)
		fm.Set("value", v.value)
		if code, _ := f.post("/correct", fm); code != http.StatusBadRequest {
			t.Errorf("%s %q: %d, want 400", v.field, v.value, code)
		}
	}
	cs, err := f.st.Corrections(context.Background(), "")
	if err != nil || len(cs) != 0 {
		t.Errorf("refused writes stored %v, %v", cs, err)
	}

	ro := newFixture(t, Options{ReadOnly: true})
	if code, _ := correctHost(ro, "0", "某医院"); code != http.StatusForbidden {
		t.Errorf("read-only: %d, want 403", code)
	}
	if _, body := ro.get("/doc/" + fixtureSHA); strings.Contains(body, `action="/correct"`) {
		t.Error("a read-only server shows correction forms")
	}
}

func TestCorrectHostAndConflict(t *testing.T) {
	f := newFixture(t, Options{})
	code, _ := correctHost(f, "0", "河南省人民医院")
	if code != http.StatusSeeOther {
		t.Fatalf("correct: %d, want 303", code)
	}
	_, body := f.get("/doc/" + fixtureSHA)
	if !strings.Contains(body, "河南省人民医院 <del>郑州大学第一附属医院</del>") || !strings.Contains(body, "alice") {
		t.Errorf("the document page does not show the corrected host and its reviewer")
	}
	// a second reviewer who saw the record before the change is told, and
	// nothing is overwritten
	code, body = correctHost(f, "0", "另一家医院")
	if code != http.StatusConflict || !strings.Contains(body, "alice") {
		t.Errorf("stale write: %d, want 409 naming alice", code)
	}
	cs, _ := f.st.Corrections(context.Background(), fixtureSHA)
	if len(cs) != 1 || cs[0].After != "河南省人民医院" || cs[0].Before != "郑州大学第一附属医院" || cs[0].By != "alice" || cs[0].Note != "公示更正" {
		t.Errorf("corrections = %+v", cs)
	}
	// on the latest base it goes through
	if code, _ := correctHost(f, formValue(t, body2(f), "base"), "另一家医院"); code != http.StatusSeeOther {
		t.Errorf("write on the latest base: %d, want 303", code)
	}
	if _, body := f.get("/center/1"); !strings.Contains(body, "另一家医院") {
		t.Error("the center page does not apply the correction")
	}
}

// body2 is the document page (its first record's base is the center's).
func body2(f *fixture) string {
	_, b := f.get("/doc/" + fixtureSHA)
	i := strings.Index(b, `data-kind="center"`)
	return b[i:]
}

func TestReviewFindings(t *testing.T) {
	f := newFixture(t, Options{})
	_, body := f.get("/findings")
	id := formValue(t, body, "id")
	code, _ := f.post("/review", url.Values{"id": {id}, "seen-" + id: {""}, "status": {"dismissed"}, "note": {"已在词典中"}, "back": {"/findings"}})
	if code != http.StatusSeeOther {
		t.Fatalf("dismiss: %d", code)
	}
	if _, body := f.get("/findings"); strings.Contains(body, id) {
		t.Error("a dismissed finding stays in the queue")
	}
	if _, body := f.get("/findings?status=dismissed"); !strings.Contains(body, "已在词典中") {
		t.Error("the dismissed finding is not listed with its note")
	}
	fs, _ := f.st.Findings(context.Background(), false)
	if len(fs) != 0 {
		t.Errorf("a dismissed finding is still open for check and the report: %v", fs)
	}
	code, body = f.post("/review", url.Values{"id": {id}, "seen-" + id: {""}, "status": {"confirmed"}})
	if code != http.StatusConflict || !strings.Contains(body, "alice") {
		t.Errorf("stale review: %d, want 409", code)
	}
	if code, _ := f.post("/review", url.Values{"id": {"nosuch"}, "status": {"confirmed"}}); code != http.StatusBadRequest {
		t.Errorf("review of no finding: %d, want 400", code)
	}
}

// TestCorrectionsKept: ingesting the document again keeps its corrections;
// one whose record the extraction no longer gives is listed, not dropped.
func TestCorrectionsKept(t *testing.T) {
	f := newFixture(t, Options{})
	if code, _ := correctHost(f, "0", "河南省人民医院"); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	saveFixture(t, f.st, fixtureText, hostQuote)
	if _, body := f.get("/doc/" + fixtureSHA); !strings.Contains(body, "河南省人民医院 <del>") {
		t.Error("the correction is lost after the document was ingested again")
	}
	un, _ := f.st.UnmatchedCorrections(context.Background())
	if len(un) != 0 {
		t.Errorf("unmatched = %v", un)
	}
	// the extractor now reads the center from another sentence
	other := strings.Replace(fixtureText, "依托单位为", "的依托单位是", 1)
	saveFixture(t, f.st, other, "河南省呼吸内科质控中心的依托单位是郑州大学第一附属医院。")
	un, _ = f.st.UnmatchedCorrections(context.Background())
	if len(un) != 1 || un[0].After != "河南省人民医院" {
		t.Errorf("unmatched = %v, want the host correction", un)
	}
	if _, body := f.get("/corrections"); !strings.Contains(body, "已无对应记录的修正（1）") {
		t.Error("the corrections page does not list the unmatched one")
	}
}

func TestAddAndDeleteInExport(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	_, body := f.get("/doc/" + fixtureSHA)
	countKey := store.RecordKey("濮阳市", "截至2025年4月底，濮阳市已建成68个市级质控中心")
	if code, _ := f.post("/correct", url.Values{"doc": {fixtureSHA}, "kind": {"count"}, "key": {countKey}, "base": {"0"}, "action": {"delete"}, "note": {"重复"}}); code != http.StatusSeeOther {
		t.Fatalf("delete: %d", code)
	}
	_ = body
	code, _ := f.post("/add", url.Values{"doc": {fixtureSHA}, "kind": {"center"}, "quote": {"湖北省护理质控中心"}, "name": {"湖北省护理质控中心"},
		"level": {"省级"}, "region": {"湖北省"}, "host": {"武汉协和医院"}})
	if code != http.StatusSeeOther {
		t.Fatalf("add: %d", code)
	}
	if code, _ := f.post("/add", url.Values{"doc": {fixtureSHA}, "kind": {"center"}, "quote": {"不在文中"}, "name": {"某中心"}}); code != http.StatusBadRequest {
		t.Errorf("add with a quote not in the text: %d, want 400", code)
	}
	dir := t.TempDir()
	if _, err := export.Write(ctx, f.st.DB(), export.Options{Format: "csv", Dir: dir}); err != nil {
		t.Fatal(err)
	}
	counts := readCSV(t, filepath.Join(dir, "counts.csv"))
	if len(counts) != 1 {
		t.Errorf("counts.csv has %d rows, want the header only (the count was deleted)", len(counts))
	}
	centers := readCSV(t, filepath.Join(dir, "centers.csv"))
	if len(centers) != 3 {
		t.Fatalf("centers.csv has %d rows, want 2 and the header", len(centers))
	}
	h := centers[0]
	col := func(row []string, name string) string {
		for i, n := range h {
			if n == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if col(centers[1], "corrected") != "false" || col(centers[2], "corrected") != "true" || col(centers[2], "institutions") != "武汉协和医院" ||
		col(centers[2], "level") != "省级" || col(centers[2], "quote") != "湖北省护理质控中心" || col(centers[2], "file") != "notice.txt" {
		t.Errorf("centers.csv = %v", centers)
	}
}

func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestSegments(t *testing.T) {
	for _, tc := range []struct {
		text  string
		spans []span
		want  string
	}{
		{"abcdef", nil, "abcdef"},
		{"abcdef", []span{{1, 3, "count", "q0"}}, "a[count:bc]def"},
		{"abcdef", []span{{0, 6, "center", "q0"}, {2, 4, "count", "q1"}}, "[center:ab][count:cd][center:ef]"},
		{"湖北省护理", []span{{2, 99, "hl", "hl"}, {-3, 1, "count", "q0"}}, "[count:湖]北[hl:省护理]"},
		// the quote a link asks for shows even when a record's is the same
		{"湖北省护理", []span{{1, 3, "count", "q0"}, {1, 3, "hl", "hl"}}, "湖[hl:北省]护理"},
	} {
		var b strings.Builder
		for _, s := range segments(tc.text, tc.spans) {
			if s.Kind != "" {
				b.WriteString("[" + s.Kind + ":" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		if b.String() != tc.want {
			t.Errorf("segments(%q, %v) = %q, want %q", tc.text, tc.spans, b.String(), tc.want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "[::1]:80": true, "localhost:1": true, "0.0.0.0:8080": false, ":8080": false, "192.0.2.1:80": false} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}

// TestCorrectionsAnswerKey: export --format corrections writes a corrected
// document as an answer key that the shared scorer reads.
func TestCorrectionsAnswerKey(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := context.Background()
	if code, _ := correctHost(f, "0", "河南省人民医院"); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	countKey := store.RecordKey("濮阳市", "截至2025年4月底，濮阳市已建成68个市级质控中心")
	if code, _ := f.post("/correct", url.Values{"doc": {fixtureSHA}, "kind": {"count"}, "key": {countKey}, "base": {"0"}, "action": {"set"}, "field": {"value"}, "value": {"69"}}); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	_, body := f.get("/findings")
	id := formValue(t, body, "id")
	if code, _ := f.post("/review", url.Values{"id": {id}, "seen-" + id: {""}, "status": {"confirmed"}, "back": {"/findings"}}); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	dir := t.TempDir()
	files, err := export.WriteCorrections(ctx, f.st, dir)
	if err != nil || len(files) != 1 || filepath.Base(files[0]) != "notice.json" {
		t.Fatalf("files %v, %v", files, err)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var key struct {
		File     string                      `json:"file"`
		Document map[string]any              `json:"document"`
		Counts   []map[string]any            `json:"counts"`
		Centers  []map[string]any            `json:"centers"`
		Findings map[string][]map[string]any `json:"findings"`
		Notes    []string                    `json:"notes"`
	}
	if err := json.Unmarshal(b, &key); err != nil {
		t.Fatal(err)
	}
	if key.File != "notice.txt" || key.Document["title"] != "关于质控中心建设情况的通报" || len(key.Counts) != 1 || key.Counts[0]["value"] != 69.0 ||
		len(key.Centers) != 1 || fmt.Sprint(key.Centers[0]["institutions"]) != "[河南省人民医院]" || len(key.Findings["may"]) != 1 || len(key.Notes) != 2 {
		t.Errorf("key = %s", b)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3 to score the key")
	}
	out, err := exec.Command("python3", "../testdata/eval/score.py", files[0], files[0]).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "score: 1.000") {
		t.Errorf("the scorer on the key against itself: %v\n%s", err, out)
	}
}

// TestReportApplies: the overview and the report draw a corrected count's
// value, and the report lists the corrections.
func TestReportApplies(t *testing.T) {
	f := newFixture(t, Options{})
	countKey := store.RecordKey("濮阳市", "截至2025年4月底，濮阳市已建成68个市级质控中心")
	if code, _ := f.post("/correct", url.Values{"doc": {fixtureSHA}, "kind": {"count"}, "key": {countKey}, "base": {"0"}, "action": {"set"}, "field": {"value"}, "value": {"71"}, "note": {"原文笔误"}}); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	if _, body := f.get("/"); !strings.Contains(body, ">71</text>") || strings.Contains(body, ">68</text>") {
		t.Errorf("the overview's chart does not apply the correction of 68 to 71")
	}
	var b strings.Builder
	if err := report.Write(context.Background(), f.st, &b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if !strings.Contains(page, ">71</text>") || strings.Contains(page, ">68</text>") || !strings.Contains(page, "原文笔误") {
		t.Errorf("the report does not apply the correction of 68 to 71")
	}
}

// TestOverviewRefreshes: after a write the overview is recomputed in the
// background; meanwhile the last one is shown, marked.
func TestOverviewRefreshes(t *testing.T) {
	f := newFixture(t, Options{})
	if _, body := f.get("/"); !strings.Contains(body, "<b>0</b> 条人工修正") {
		t.Fatal("no corrections counted at first")
	}
	if code, _ := correctHost(f, "0", "河南省人民医院"); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	for i := 0; ; i++ {
		_, body := f.get("/")
		if strings.Contains(body, "<b>1</b> 条人工修正") && !strings.Contains(body, `id="stale"`) {
			break
		}
		if !strings.Contains(body, `id="stale"`) || i == 1000 {
			t.Fatal("the overview is neither fresh nor marked stale")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
