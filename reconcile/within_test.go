package reconcile_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"qcweave/checks"
	"qcweave/internal/storetest"
	"qcweave/reconcile"
	"qcweave/record"
	"qcweave/store"
)

// withinDoc is an invented bulletin of the second quarter of 2031: a visit
// dated in 2030 (a misread year), one in May, and a stated count of
// provincial centers (3) that its list (2 rows) does not bear out.
func withinDoc(sha string) (storetest.Doc, record.Activity, record.Activity, record.Count) {
	ev := func(q string, at int) record.Evidence {
		return record.Evidence{Quote: q, Span: record.Span{at, at + len([]rune(q))}}
	}
	misdated := record.Activity{Center: "河南省呼吸内科质控中心", Start: record.Str("2030-05-02"), Evidence: ev("5月2日赴某县督导", 10)}
	may := record.Activity{Center: "河南省护理质控中心", Start: record.Str("2031-05-10"), Evidence: ev("5月10日开展培训", 30)}
	stated := record.Count{Region: "河南省", RegionCode: record.Str("410000"), Level: record.Str("省级"), Subject: "质控中心", Value: 3, Qualifier: "exact",
		Total: true, Evidence: ev("全省共有省级质控中心3个", 50)}
	row := func(name string, at int) record.Center {
		return record.Center{Name: name, Level: record.Str("省级"), Region: record.Str("河南省"), RegionCode: record.Str("410000"), Source: "table", Evidence: ev(name, at)}
	}
	return storetest.Doc{SHA256: sha, Title: "质控简报" + sha, Date: "2031-07-05", Kind: "简报", Period: &record.Period{Start: "2031-04-01", End: "2031-06-30"},
		Basis: &record.Basis{Province: "410000", Cities: 2}, Activities: []record.Activity{misdated, may}, Counts: []record.Count{stated},
		Centers: []record.Center{row("甲专业质控中心", 70), row("乙专业质控中心", 80)}}, misdated, may, stated
}

// docFindings lists a document's stored findings of its checks against
// itself as "kind: subject @quote".
func docFindings(t *testing.T, st *store.Store, sha string) ([]string, map[string]record.Finding) {
	t.Helper()
	fs, err := st.Findings(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	byKey := map[string]record.Finding{}
	for _, f := range fs {
		if len(f.Refs) == 0 || !checks.IsKind(f.Kind) || f.Refs[0].Doc != sha || f.Refs[len(f.Refs)-1].Doc != sha {
			continue // another document's, or one across documents
		}
		k := fmt.Sprintf("%s: %s @%s", f.Kind, f.Subject, f.Refs[0].Quote)
		out = append(out, k)
		byKey[k] = f
	}
	sort.Strings(out)
	return out, byKey
}

// A reviewer's correction is checked against its document at once: a date
// corrected into the period takes its date_outside_period away, a count
// corrected to its list's rows its total_mismatch, a correction that makes
// a discrepancy raises one, and another document keeps the findings it had.
func TestCorrectedWithinDocument(t *testing.T) {
	_, misdated, may, stated := withinDoc("")
	outside := record.DateOutsidePeriod + ": 2030-05-02 @" + misdated.Quote
	mismatch := record.TotalMismatch + ": 河南省 @" + stated.Quote
	tests := []struct {
		name             string
		kind, key, field string
		action           string
		after            string
		want             []string
	}{
		{"a date corrected into the period", store.KindActivity, store.RecordKey(misdated.Center, misdated.Quote), store.FieldDate, store.ActionSet, "2031-05-02",
			[]string{mismatch}},
		{"a count corrected to the list's rows", store.KindCount, store.RecordKey(stated.Region, stated.Quote), store.FieldValue, store.ActionSet, "2",
			[]string{outside}},
		{"a date corrected out of the period", store.KindActivity, store.RecordKey(may.Center, may.Quote), store.FieldDate, store.ActionSet, "2031-07-10",
			[]string{outside, record.DateOutsidePeriod + ": 2031-07-10 @" + may.Quote, mismatch}},
		{"a list row deleted", store.KindCenter, store.RecordKey("乙专业质控中心", "乙专业质控中心"), "", store.ActionDelete, "",
			[]string{outside, mismatch}},
		{"the misdated activity deleted", store.KindActivity, store.RecordKey(misdated.Center, misdated.Quote), "", store.ActionDelete, "",
			[]string{mismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := storetest.Open(t)
			doc, _, _, _ := withinDoc("jia")
			other, _, _, _ := withinDoc("yi")
			saveChecked(t, st, doc, other)
			before, byKey := docFindings(t, st, "jia")
			if len(before) != 2 || before[0] != outside || before[1] != mismatch {
				t.Fatalf("extraction's findings: %v", before)
			}
			otherBefore, _ := docFindings(t, st, "yi")
			// a reviewer confirmed the total_mismatch: a finding that still
			// stands keeps its review
			kept := byKey[mismatch].ID
			if _, err := st.ReviewFindings(ctx, map[string]string{kept: ""}, store.Confirmed, "审阅人", "2032-01-01T00:00:00Z", ""); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Correct(ctx, store.Correction{Doc: "jia", Kind: tt.kind, Key: tt.key, Action: tt.action, Field: tt.field, After: tt.after,
				By: "审阅人", At: "2032-01-01T00:00:00Z"}, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := reconcile.Corrected(ctx, st); err != nil {
				t.Fatal(err)
			}
			after, byKey := docFindings(t, st, "jia")
			if fmt.Sprint(after) != fmt.Sprint(tt.want) {
				t.Errorf("after the correction:\n got %v\nwant %v", after, tt.want)
			}
			if f, ok := byKey[mismatch]; ok {
				if rv, _ := st.Reviews(ctx, []string{f.ID}); f.ID != kept || rv[kept].Status != store.Confirmed {
					t.Errorf("the total_mismatch that stands lost its id or its review: %s, %v", f.ID, rv)
				}
			}
			if otherAfter, _ := docFindings(t, st, "yi"); fmt.Sprint(otherAfter) != fmt.Sprint(otherBefore) {
				t.Errorf("the uncorrected document's findings changed: %v, had %v", otherAfter, otherBefore)
			}
		})
	}
}
