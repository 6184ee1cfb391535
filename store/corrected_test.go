package store_test

import (
	"context"
	"testing"

	"qcweave/internal/storetest"
	"qcweave/record"
	"qcweave/store"
)

// The coverage matrix reads rows with reviewers' corrections: a deleted
// row gives way to the region's earlier one, a changed missing list marks
// the columns it changed (a specialty written as in the documents falls in
// its column), an added row counts.
func TestCoverageMatrixCorrected(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	cov := func(region, code string, built int, quote string, missing ...string) record.Coverage {
		return record.Coverage{Region: region, RegionCode: record.Str(code), Level: record.Str("市级"), Built: &built, Missing: missing,
			MissingIDs: []string{"respiratory"}, Evidence: record.Evidence{Quote: quote, Span: record.Span{0, 2}}}
	}
	old := cov("郑州", "410100", 50, "郑州旧表", "呼吸内科")
	storetest.Save(t, st, storetest.Doc{SHA256: "old", Title: "旧", Date: "2025-01-31", Coverage: []record.Coverage{old}})
	newer := cov("郑州", "410100", 55, "郑州新表", "呼吸内科")
	puyang := cov("濮阳", "410900", 40, "濮阳新表", "呼吸内科")
	storetest.Save(t, st, storetest.Doc{SHA256: "new", Title: "新", Date: "2025-03-31", Coverage: []record.Coverage{newer, puyang}})
	set := func(doc string, c record.Coverage, action, field, after string) {
		t.Helper()
		var base int64
		cs, _ := st.Corrections(ctx, doc)
		for _, x := range cs {
			if x.Key == store.RecordKey(c.Region, c.Quote) {
				base = x.ID
			}
		}
		if _, err := st.Correct(ctx, store.Correction{Doc: doc, Kind: store.KindCoverage, Key: store.RecordKey(c.Region, c.Quote), Action: action,
			Field: field, After: after, By: "审阅人", At: "2026-01-01T00:00:00Z"}, base); err != nil {
			t.Fatal(err)
		}
	}
	set("new", newer, store.ActionDelete, "", "")
	set("new", puyang, store.ActionSet, store.FieldMissing, "护理")
	if _, err := st.Correct(ctx, store.Correction{Doc: "new", Kind: store.KindCoverage, Key: store.RecordKey("开封", "开封表"), Action: store.ActionAdd,
		After: `{"name":"开封","value":"7","missing":"呼吸内科"}`, Quote: "开封表", By: "审阅人", At: "2026-01-01T00:00:00Z"}, 0); err != nil {
		t.Fatal(err)
	}
	m, err := st.CoverageMatrix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]store.MatrixRow{}
	for _, r := range m.Rows {
		rows[r.Region] = r
	}
	if r := rows["郑州市"]; r.Document != "old" || *r.Built != 50 || r.Correction != nil {
		t.Errorf("郑州's newer row was deleted: the older one stands, unmarked: %+v", r)
	}
	if r := rows["濮阳市"]; r.Missing["呼吸内科"] || !r.Missing["护理"] || !r.Changed["呼吸内科"] || !r.Changed["护理"] || !r.FieldCorrected(store.FieldMissing) || r.FieldCorrected(store.FieldValue) {
		t.Errorf("濮阳's missing list corrected to 护理: %+v", r)
	}
	if r := rows["开封"]; !r.Added || *r.Built != 7 || !r.Missing["呼吸内科"] {
		t.Errorf("the added row of 开封: %+v (rows %v)", r, rows)
	}
}
