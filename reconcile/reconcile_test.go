package reconcile_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"qcweave/internal/storetest"
	"qcweave/reconcile"
	"qcweave/record"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		docs []storetest.Doc
		want map[string]int // finding kind → how many
	}{
		{"a later count lower than an earlier one",
			[]storetest.Doc{
				{SHA256: "a", Title: "一月通报", Date: "2025-01-31", Counts: []record.Count{storetest.Count("濮阳", "410900", 68, "2025-01-31")}},
				{SHA256: "b", Title: "二月通报", Date: "2025-02-28", Counts: []record.Count{storetest.Count("濮阳", "410900", 60, "2025-02-28")}},
			}, map[string]int{record.CountDecreased: 1}},
		{"the same date with two values",
			[]storetest.Doc{
				{SHA256: "a", Title: "通报", Date: "2025-01-31", Counts: []record.Count{storetest.Count("郑州", "410100", 63, "2025-01-31")}},
				{SHA256: "b", Title: "简报", Date: "2025-02-10", Counts: []record.Count{storetest.Count("郑州", "410100", 61, "2025-01-31")}},
			}, map[string]int{record.ValueConflict: 1}},
		{"a count that grew is no finding",
			[]storetest.Doc{
				{SHA256: "a", Title: "一月", Date: "2025-01-31", Counts: []record.Count{storetest.Count("郑州", "410100", 60, "2025-01-31")}},
				{SHA256: "b", Title: "二月", Date: "2025-02-28", Counts: []record.Count{storetest.Count("郑州", "410100", 63, "2025-02-28")}},
			}, map[string]int{}},
		{"a center whose host changed",
			[]storetest.Doc{
				{SHA256: "a", Title: "名单", Date: "2024-01-01", Centers: []record.Center{storetest.Center("河南省人民医院")}},
				{SHA256: "b", Title: "新名单", Date: "2025-01-01", Centers: []record.Center{storetest.Center("郑州大学第一附属医院")}},
			}, map[string]int{record.AttributeChanged: 1}},
		{"the same host twice is no finding",
			[]storetest.Doc{
				{SHA256: "a", Title: "名单", Date: "2024-01-01", Centers: []record.Center{storetest.Center("河南省人民医院")}},
				{SHA256: "b", Title: "新名单", Date: "2025-01-01", Centers: []record.Center{storetest.Center("河南省人民医院")}},
			}, map[string]int{}},
		{"a value stated by many documents, another by many: one conflict",
			append(repeat(5, "a", "2025-02-01", storetest.Count("郑州", "410100", 63, "2025-01-31")),
				repeat(5, "b", "2025-02-02", storetest.Count("郑州", "410100", 61, "2025-01-31"))...),
			map[string]int{record.ValueConflict: 1}},
		{"the later documents below the earlier peak: one decrease for the date",
			append(repeat(3, "a", "2025-01-31", storetest.Count("濮阳", "410900", 68, "2025-01-31")),
				repeat(2, "b", "2025-02-28", storetest.Count("濮阳", "410900", 60, "2025-02-28"))...),
			map[string]int{record.CountDecreased: 1}},
		{"300 documents, each with another value for one place and date: one conflict",
			many(300, func(i int) record.Count { return storetest.Count("郑州", "410100", 100+i, "2025-01-31") }),
			map[string]int{record.ValueConflict: 1}},
		{"a host changed and changed back: one finding listing both changes",
			[]storetest.Doc{
				{SHA256: "a", Title: "名单", Date: "2023-01-01", Centers: []record.Center{storetest.Center("河南省人民医院")}},
				{SHA256: "b", Title: "新名单", Date: "2024-01-01", Centers: []record.Center{storetest.Center("郑州大学第一附属医院")}},
				{SHA256: "c", Title: "再名单", Date: "2025-01-01", Centers: []record.Center{storetest.Center("河南省人民医院")}},
			}, map[string]int{record.AttributeChanged: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := storetest.Open(t)
			for _, d := range tt.docs {
				storetest.Save(t, st, d)
			}
			fs, err := reconcile.Check(context.Background(), st)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, f := range fs {
				got[f.Kind]++
				docs := map[string]bool{}
				for _, r := range f.Refs {
					docs[r.Doc] = true
				}
				if f.ID == "" || len(docs) < 2 {
					t.Errorf("finding %+v: want an id and refs to the documents", f)
				}
			}
			for k, n := range tt.want {
				if got[k] != n {
					t.Errorf("%s: %d, want %d (%v)", k, got[k], n, fs)
				}
			}
			if len(fs) != func() int {
				n := 0
				for _, v := range tt.want {
					n += v
				}
				return n
			}() {
				var msgs []string
				for _, f := range fs {
					msgs = append(msgs, f.Kind+": "+f.Message)
				}
				t.Errorf("findings:\n%s", strings.Join(msgs, "\n"))
			}
		})
	}
}

// repeat is n documents that state the same count.
func repeat(n int, sha, date string, c record.Count) []storetest.Doc {
	var out []storetest.Doc
	for i := range n {
		out = append(out, storetest.Doc{SHA256: fmt.Sprintf("%s%d", sha, i), Title: fmt.Sprintf("通报%s%d", sha, i), Date: date, Counts: []record.Count{c}})
	}
	return out
}

// many is n documents, the i-th stating count(i).
func many(n int, count func(int) record.Count) []storetest.Doc {
	var out []storetest.Doc
	for i := range n {
		out = append(out, storetest.Doc{SHA256: fmt.Sprintf("m%03d", i), Title: fmt.Sprintf("简报%d", i), Date: "2025-02-01", Counts: []record.Count{count(i)}})
	}
	return out
}

// Checking the scope of a new document (its facts, against what the store
// knows about them) gives the findings a check of the whole store gives
// for those facts, and none about other facts.
func TestCheckScope(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	storetest.Save(t, st, storetest.Doc{SHA256: "a", Title: "一月", Date: "2025-01-31", Counts: []record.Count{
		storetest.Count("郑州", "410100", 63, "2025-01-31"), storetest.Count("濮阳", "410900", 68, "2025-01-31")}})
	storetest.Save(t, st, storetest.Doc{SHA256: "b", Title: "一月补", Date: "2025-02-01", Counts: []record.Count{
		storetest.Count("濮阳", "410900", 67, "2025-01-31")}})
	storetest.Save(t, st, storetest.Doc{SHA256: "c", Title: "二月", Date: "2025-02-28", Counts: []record.Count{
		storetest.Count("郑州", "410100", 61, "2025-01-31")}})
	scope, err := st.ScopeOf(ctx, []string{"c"})
	if err != nil {
		t.Fatal(err)
	}
	if len(scope.Counts) != 1 || scope.Counts[0].RegionCode != "410100" {
		t.Fatalf("scope %+v", scope)
	}
	part, err := reconcile.CheckScope(ctx, st, &scope)
	if err != nil {
		t.Fatal(err)
	}
	all, err := reconcile.CheckScope(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || len(part) != 1 {
		t.Fatalf("whole store %d findings (want 2), scope %d (want 1)", len(all), len(part))
	}
	found := false
	for _, f := range all {
		if f.ID == part[0].ID && f.Scope == part[0].Scope && f.Message == part[0].Message {
			found = true
		}
	}
	if !found || !strings.Contains(part[0].Message, "郑州") {
		t.Errorf("the scope's finding %+v is not the whole check's", part[0])
	}
}
