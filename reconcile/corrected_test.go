package reconcile_test

import (
	"context"
	"strings"
	"testing"

	"qcweave/internal/storetest"
	"qcweave/reconcile"
	"qcweave/record"
	"qcweave/store"
)

// saveChecked stores documents and their findings across documents, as
// an ingest does.
func saveChecked(t *testing.T, st *store.Store, docs ...storetest.Doc) {
	t.Helper()
	ctx := context.Background()
	for _, d := range docs {
		storetest.Save(t, st, d)
	}
	fs, err := reconcile.CheckScope(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceScopedFindings(ctx, nil, fs); err != nil {
		t.Fatal(err)
	}
}

// correct stores a reviewer's change of one field of a count (kind
// count) or center's mention, then checks the findings again.
func correct(t *testing.T, st *store.Store, doc, kind, key, field, after string) {
	t.Helper()
	ctx := context.Background()
	var base int64
	cs, _ := st.Corrections(ctx, doc)
	for _, c := range cs {
		if c.Kind == kind && c.Key == key {
			base = c.ID
		}
	}
	if _, err := st.Correct(ctx, store.Correction{Doc: doc, Kind: kind, Key: key, Action: store.ActionSet, Field: field, After: after,
		By: "审阅人", At: "2026-01-01T00:00:00Z"}, base); err != nil {
		t.Fatal(err)
	}
	if n, err := reconcile.Corrected(ctx, st); err != nil || n != 1 {
		t.Fatalf("Corrected: %d records, %v", n, err)
	}
}

// kinds lists the stored findings across documents as kind: subject.
func kinds(t *testing.T, st *store.Store) map[string]record.Finding {
	t.Helper()
	fs, err := st.Findings(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]record.Finding{}
	for _, f := range fs {
		out[f.Kind+": "+f.Subject] = f
	}
	return out
}

// A reviewer's correction of a value is what checks across documents
// compare: the conflict the misread value made goes, one the corrected
// value makes comes, and a finding about other facts keeps its review.
func TestCorrectedValues(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	// 甲 and 乙 state the count of 濮阳 at one date; 乙's 86 is a misreading of 68
	puyang := storetest.Count("濮阳", "410900", 68, "2025-03-31")
	misread := storetest.Count("濮阳", "410900", 86, "2025-03-31")
	saveChecked(t, st,
		storetest.Doc{SHA256: "jia", Title: "甲", Date: "2025-04-01", Counts: []record.Count{puyang}, Centers: []record.Center{storetest.Center("某甲医院")}},
		storetest.Doc{SHA256: "yi", Title: "乙", Date: "2025-04-02", Counts: []record.Count{misread}, Centers: []record.Center{storetest.Center("某乙医院")}},
		storetest.Doc{SHA256: "bing", Title: "丙", Date: "2025-05-01", Counts: []record.Count{storetest.Count("郑州", "410100", 40, "2025-04-30")}})
	before := kinds(t, st)
	conflict, ok := before[record.ValueConflict+": 濮阳"]
	if !ok || len(before) != 2 {
		t.Fatalf("before: %v", before)
	}
	host := before[record.AttributeChanged+": 河南省呼吸内科质控中心"]
	if _, err := st.ReviewFindings(ctx, map[string]string{host.ID: ""}, store.Confirmed, "审阅人", "2026-01-01T00:00:00Z", "确已更换"); err != nil {
		t.Fatal(err)
	}

	correct(t, st, "yi", store.KindCount, store.RecordKey(misread.Region, misread.Quote), store.FieldValue, "68")
	after := kinds(t, st)
	if _, ok := after[record.ValueConflict+": 濮阳"]; ok || len(after) != 1 {
		t.Errorf("after correcting 86 to 68: %v (the conflict %s should be gone)", after, conflict.ID)
	}
	if f, ok := after[record.AttributeChanged+": 河南省呼吸内科质控中心"]; !ok || f.ID != host.ID {
		t.Errorf("the host finding changed: %v", after)
	}
	if rv, _ := st.Reviews(ctx, []string{host.ID}); rv[host.ID].Status != store.Confirmed {
		t.Errorf("the review of the host finding was lost: %v", rv)
	}

	// 乙's count was 郑州's, at 丙's date: it conflicts with 丙's 40 there
	correct(t, st, "yi", store.KindCount, store.RecordKey(misread.Region, misread.Quote), store.FieldDate, "2025-04-30")
	correct(t, st, "yi", store.KindCount, store.RecordKey(misread.Region, misread.Quote), store.FieldRegion, "郑州")
	after = kinds(t, st)
	f, ok := after[record.ValueConflict+": 郑州"]
	if !ok || !strings.Contains(f.Message, "40") || !strings.Contains(f.Message, "68") {
		t.Errorf("a count moved to 郑州 at 2025-04-30 should conflict with 丙's 40: %v", after)
	}

	// a host corrected to the other document's: the change is gone
	c := storetest.Center()
	correct(t, st, "yi", store.KindCenter, store.RecordKey(c.Name, c.Quote), store.FieldHost, "某甲医院")
	after = kinds(t, st)
	if _, ok := after[record.AttributeChanged+": 河南省呼吸内科质控中心"]; ok {
		t.Errorf("the host was corrected to the same: %v", after)
	}
	if n, err := reconcile.Corrected(ctx, st); err != nil || n != 0 {
		t.Errorf("nothing left to check: %d, %v", n, err)
	}
}
