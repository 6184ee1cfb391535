package serve

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"qcweave/internal/storetest"
	"qcweave/reconcile"
	"qcweave/record"
	"qcweave/report"
	"qcweave/store"
)

// fixtureOver is a server over st.
func fixtureOver(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	return serverOver(t, st, Options{})
}

// freshOverview waits for the overview computed after the last write.
func (f *fixture) freshOverview() string {
	f.t.Helper()
	for i := 0; ; i++ {
		_, body := f.get("/")
		if !strings.Contains(body, `id="stale"`) {
			return body
		}
		if i == 1000 {
			f.t.Fatal("the overview stays stale")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A correction saved in the workbench is checked at once: the
// value_conflict a misread count made leaves the queue; a corrected
// coverage row is drawn, marked, in the overview's matrix and the
// report's.
func TestCorrectionsRecheckAndDraw(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	built := 60
	row := record.Coverage{Region: "郑州", RegionCode: record.Str("410100"), Level: record.Str("市级"), Built: &built, Missing: []string{"呼吸内科", "护理"},
		Evidence: record.Evidence{Quote: "郑州已建60个，缺呼吸内科、护理", Span: record.Span{0, 2}}}
	misread := storetest.Count("濮阳", "410900", 86, "2025-03-31")
	storetest.Save(t, st, storetest.Doc{SHA256: "jia", Title: "甲通报", Date: "2025-04-01", Counts: []record.Count{storetest.Count("濮阳", "410900", 68, "2025-03-31")},
		Coverage: []record.Coverage{row}})
	storetest.Save(t, st, storetest.Doc{SHA256: "yi", Title: "乙通报", Date: "2025-04-02", Counts: []record.Count{misread}})
	fs, err := reconcile.CheckScope(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceScopedFindings(ctx, nil, fs); err != nil {
		t.Fatal(err)
	}
	f := fixtureOver(t, st)
	if _, body := f.get("/findings"); !strings.Contains(body, "68、86") {
		t.Fatal("no value_conflict of 68 and 86 in the queue")
	}
	if code, body := f.post("/correct", url.Values{"doc": {"yi"}, "kind": {"count"}, "key": {store.RecordKey(misread.Region, misread.Quote)}, "base": {"0"},
		"action": {"set"}, "field": {"value"}, "value": {"68"}, "note": {"识别错误"}}); code != http.StatusSeeOther {
		t.Fatal(code, body)
	}
	if _, body := f.get("/findings?status=all"); strings.Contains(body, "68、86") || strings.Contains(body, `class="finding`) {
		t.Error("the value_conflict of the corrected count is still in the queue")
	}

	key := store.RecordKey(row.Region, row.Quote)
	if code, body := f.post("/correct", url.Values{"doc": {"jia"}, "kind": {"coverage"}, "key": {key}, "base": {"0"},
		"action": {"set"}, "field": {"value"}, "value": {"62"}}); code != http.StatusSeeOther {
		t.Fatal(code, body)
	}
	cs, _ := st.Corrections(ctx, "jia")
	if code, body := f.post("/correct", url.Values{"doc": {"jia"}, "kind": {"coverage"}, "key": {key}, "base": {strconv.FormatInt(cs[len(cs)-1].ID, 10)},
		"action": {"set"}, "field": {"missing"}, "value": {"护理"}, "note": {"呼吸内科已建"}}); code != http.StatusSeeOther {
		t.Fatal(code, body)
	}
	builtCell := regexp.MustCompile(`<td class="num fixed"[^>]*><a href="/doc/jia\?hl=0-2#hl">62</a></td>`)
	freedCell := regexp.MustCompile(`<td class="fixed" title="已建 呼吸内科（人工修正：alice [^"]*呼吸内科已建）"></td>`)
	body := f.freshOverview()
	if !builtCell.MatchString(body) || !freedCell.MatchString(body) || strings.Contains(body, ">60<") {
		t.Errorf("the overview's matrix does not draw the corrected row, marked:\n%s", between(body, `class="matrix"`, "</table>"))
	}
	var b strings.Builder
	if err := report.Write(ctx, st, &b); err != nil {
		t.Fatal(err)
	}
	page := between(b.String(), `id="matrix-table"`, "</table>")
	if !regexp.MustCompile(`<td class="fixed" title="人工修正：alice [^"]*">62</td><td class="fixed"[^>]*>1</td>`).MatchString(page) ||
		!regexp.MustCompile(`<td class="cell built fixed" title="郑州市 呼吸内科（人工修正`).MatchString(page) {
		t.Errorf("the report's matrix does not draw the corrected row, marked:\n%s", page)
	}
}

// between is the part of s from the first from to the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// The queue ranks findings of one severity by the confidence of the
// records they quote: one built on a doubtful record (perhaps the
// extraction's mistake) comes first, and shows that confidence.
func TestFindingsRankedByConfidence(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	count := func(region, code string, value int, conf float64) record.Count {
		c := storetest.Count(region, code, value, "2025-03-31")
		c.Confidence = conf
		return c
	}
	// sure: 郑州 63 against 61, quoted first from document "aa"; doubtful:
	// 濮阳 68 against 86 (read at 0.42), quoted first from document "zy"
	storetest.Save(t, st, storetest.Doc{SHA256: "aa", Title: "甲", Date: "2025-04-01", Counts: []record.Count{count("郑州", "410100", 63, 0.95)}})
	storetest.Save(t, st, storetest.Doc{SHA256: "ab", Title: "乙", Date: "2025-04-02", Counts: []record.Count{count("郑州", "410100", 61, 0.93)}})
	storetest.Save(t, st, storetest.Doc{SHA256: "zz", Title: "丙", Date: "2025-04-03", Counts: []record.Count{count("濮阳", "410900", 68, 0.9)}})
	storetest.Save(t, st, storetest.Doc{SHA256: "zy", Title: "丁", Date: "2025-04-04", Counts: []record.Count{count("濮阳", "410900", 86, 0.42)}})
	fs, err := reconcile.CheckScope(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceScopedFindings(ctx, nil, fs); err != nil {
		t.Fatal(err)
	}
	f := fixtureOver(t, st)
	_, body := f.get("/findings")
	sure, doubtful := strings.Index(body, "63、61"), strings.Index(body, "86、68")
	if sure < 0 || doubtful < 0 || doubtful > sure {
		t.Errorf("the finding on a record read at 42%% should rank first (at %d, the other at %d)", doubtful, sure)
	}
	if !strings.Contains(body, `<span class="conf low" title="所据记录的最低置信度：低则可能是抽取之误">置信度 42%</span>`) ||
		!strings.Contains(body, "置信度 93%") {
		t.Errorf("the queue does not show the findings' confidence:\n%s", between(body, "<section", "</section>"))
	}
	if !strings.Contains(body, `<a class="page-link" href="/doc/zy/at/`) {
		t.Errorf("a finding's quote does not lead to its page:\n%s", between(body, "<section", "</section>"))
	}
}

// Every number of the overview links to the records behind it: a chart's
// point to the counts of its region, level and date, each of which links
// to its quote.
func TestOverviewNumbersLink(t *testing.T) {
	f := newFixture(t, Options{})
	_, body := f.get("/")
	numbers := between(body, `<section class="numbers">`, "</section>")
	if strings.Count(numbers, "<b>") == 0 || strings.Count(numbers, "<b>") != strings.Count(numbers, `<a href=`) {
		t.Errorf("a number of the overview links nowhere:\n%s", numbers)
	}
	point := regexp.MustCompile(`<a href="(/records\?[^"]*)">`).FindStringSubmatch(between(body, `class="charts"`, "</div>"))
	if point == nil {
		t.Fatalf("the chart's points link to no records:\n%s", between(body, `class="charts"`, "</div>"))
	}
	link := strings.ReplaceAll(point[1], "&amp;", "&")
	countKey := store.RecordKey("濮阳市", "截至2025年4月底，濮阳市已建成68个市级质控中心")
	if code, _ := f.post("/correct", url.Values{"doc": {fixtureSHA}, "kind": {"count"}, "key": {countKey}, "base": {"0"}, "action": {"set"}, "field": {"value"}, "value": {"69"}}); code != http.StatusSeeOther {
		t.Fatal(code)
	}
	code, list := f.get(link)
	if code != 200 || !strings.Contains(list, `href="/doc/`+fixtureSHA+`?hl=`) || !strings.Contains(list, `title="人工修正，原为 68">数值 69</span>`) {
		t.Errorf("%s: %d, want the corrected count with a link to its quote:\n%s", link, code, between(list, "<table", "</table>"))
	}
	if _, other := f.get("/records?kind=count&region=410100"); strings.Contains(other, fixtureSHA) {
		t.Error("the counts of 郑州 list 濮阳's")
	}
	for _, k := range []string{"center", "coverage", "activity", "bogus"} {
		if code, _ := f.get("/records?kind=" + k); code != 200 {
			t.Errorf("records of %s: %d", k, code)
		}
	}
}

// A count whose date and region a reviewer corrected moves, in the
// overview's charts and the report's, to the point of its region and date
// as corrected; the series it left has no point of it any more.
func TestCorrectedCountMovesInCharts(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	wrong := storetest.Count("濮阳", "410900", 68, "2025-03-31")
	storetest.Save(t, st, storetest.Doc{SHA256: "jia", Title: "甲", Date: "2025-04-01", Counts: []record.Count{wrong}})
	storetest.Save(t, st, storetest.Doc{SHA256: "yi", Title: "乙", Date: "2025-04-02", Counts: []record.Count{storetest.Count("郑州", "410100", 63, "2025-03-31")}})
	f := fixtureOver(t, st)
	key := store.RecordKey(wrong.Region, wrong.Quote)
	for i, fv := range [][2]string{{"date", "2025-02-28"}, {"region", "郑州"}} {
		if code, body := f.post("/correct", url.Values{"doc": {"jia"}, "kind": {"count"}, "key": {key}, "base": {strconv.Itoa(i)},
			"action": {"set"}, "field": {fv[0]}, "value": {fv[1]}}); code != http.StatusSeeOther {
			t.Fatal(code, body)
		}
	}
	want := "410100:2025-02-28=68,2025-03-31=63"
	ov, err := f.srv.computeOverview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range ov.Series {
		var ps []string
		for _, p := range s.Points {
			ps = append(ps, p.Date+"="+strconv.Itoa(p.Value))
		}
		if len(ps) > 0 {
			got = append(got, s.Code+":"+strings.Join(ps, ","))
		}
	}
	if strings.Join(got, " ") != want {
		t.Errorf("overview series %q, want %q", got, want)
	}
	d, err := report.Collect(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, s := range d.Series {
		var ps []string
		for _, p := range s.Points {
			ps = append(ps, p.Date+"="+strconv.Itoa(p.Value))
		}
		got = append(got, s.Region+":"+strings.Join(ps, ","))
	}
	if strings.Join(got, " ") != "郑州市:2025-02-28=68,2025-03-31=63" {
		t.Errorf("report series %q", got)
	}
}

// A server started without a reviewer's name stores under "reviewer",
// and says so (serve's start line printed an empty name).
func TestReviewerDefault(t *testing.T) {
	srv, err := New(context.Background(), storetest.Open(t), Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if srv.Reviewer() != "reviewer" {
		t.Errorf("reviewer %q", srv.Reviewer())
	}
}
