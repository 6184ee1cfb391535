package serve

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/export"
	"qcweave/internal/storetest"
	"qcweave/record"
	"qcweave/report"
	"qcweave/store"
)

// A date corrected in the workbench is checked against its document at
// once: the date_outside_period its misread year made leaves the queue,
// the exported findings and the report.
func TestCorrectedDateLeavesFindings(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	visit := record.Activity{Center: "河南省某专业质控中心", Start: record.Str("2030-05-02"),
		Evidence: record.Evidence{Quote: "5月2日赴某县督导", Span: record.Span{0, 9}}}
	storetest.Save(t, st, storetest.Doc{SHA256: "jian", Title: "质控简报", Date: "2031-07-05", Kind: "简报",
		Period: &record.Period{Start: "2031-04-01", End: "2031-06-30"}, Basis: &record.Basis{Province: "410000"},
		Activities: []record.Activity{visit}})
	const stale = "活动日期 2030-05-02 不在简报期间"
	lists := func() (queue, exported, page string) {
		t.Helper()
		_, queue = serverOver(t, st, Options{}).get("/findings?status=all")
		dir := t.TempDir()
		if _, err := export.Write(ctx, st.DB(), export.Options{Format: "csv", Dir: dir}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "findings.csv"))
		if err != nil {
			t.Fatal(err)
		}
		var r strings.Builder
		if err := report.Write(ctx, st, &r); err != nil {
			t.Fatal(err)
		}
		return queue, string(b), r.String()
	}
	queue, exported, page := lists()
	if !strings.Contains(queue, stale) || !strings.Contains(exported, stale) || !strings.Contains(page, stale) {
		t.Fatalf("the misread date's finding is not listed before the correction (queue %v, export %v, report %v)",
			strings.Contains(queue, stale), strings.Contains(exported, stale), strings.Contains(page, stale))
	}
	f := fixtureOver(t, st)
	if code, body := f.post("/correct", url.Values{"doc": {"jian"}, "kind": {"activity"}, "key": {store.RecordKey(visit.Center, visit.Quote)}, "base": {"0"},
		"action": {"set"}, "field": {"date"}, "value": {"2031-05-02"}, "note": {"年份识别错误"}}); code != http.StatusSeeOther {
		t.Fatal(code, body)
	}
	queue, exported, page = lists()
	if strings.Contains(queue, stale) || strings.Contains(exported, stale) || strings.Contains(page, stale) {
		t.Errorf("the finding of the corrected date is still listed (queue %v, export %v, report %v)",
			strings.Contains(queue, stale), strings.Contains(exported, stale), strings.Contains(page, stale))
	}
}
