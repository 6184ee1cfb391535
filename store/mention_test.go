package store_test

import (
	"context"
	"testing"

	"qcweave/internal/storetest"
	"qcweave/record"
)

// Mention quotes the line where a document first names one of the names
// given, the first of them it holds, with the name's span; the place of
// that ref is the line's.
func TestMention(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	storetest.Save(t, st, storetest.Doc{SHA256: "m1", Title: "第一行\n由某甲县中心医院承办\n又见某甲县中心医院", Date: "2025-02-28"})
	m, err := st.Mention(ctx, "m1", []string{"某乙医院", "某甲县中心医院"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (record.Ref{Doc: "m1", Quote: "由某甲县中心医院承办", Span: record.Span{7, 14}}); m.Doc != want.Doc || m.Quote != want.Quote || m.Span != want.Span {
		t.Errorf("Mention = %+v, want %+v", m, want)
	}
	places, err := st.Places(ctx, []record.Ref{m})
	if err != nil {
		t.Fatal(err)
	}
	if places[0].Line != 2 {
		t.Errorf("the mention's place is line %d, want 2", places[0].Line)
	}
	for _, tc := range []struct {
		doc   string
		names []string
	}{{"m1", []string{"某乙医院"}}, {"m1", nil}, {"none", []string{"某甲县中心医院"}}} {
		if m, err := st.Mention(ctx, tc.doc, tc.names); err != nil || m.Quote != "" {
			t.Errorf("Mention(%s, %v) = %+v, %v; want nothing", tc.doc, tc.names, m, err)
		}
	}
}
