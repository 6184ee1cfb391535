package report_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"qcweave/internal/storetest"
	"qcweave/reconcile"
	"qcweave/record"
	"qcweave/report"
)

// The report shows each document, the counts over time and the open
// findings with their quotes; it is one page with nothing from the
// network, and text from documents is escaped.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	storetest.Save(t, st, storetest.Doc{SHA256: "a1", Title: "一月通报<script>alert(1)</script>", Date: "2025-01-31",
		Counts: []record.Count{storetest.Count("濮阳", "410900", 68, "2025-01-31")}})
	storetest.Save(t, st, storetest.Doc{SHA256: "b2", Title: "二月通报", Date: "2025-02-28",
		Counts:     []record.Count{storetest.Count("濮阳", "410900", 60, "2025-02-28")},
		Confidence: []float64{90, 80}})
	fs, err := reconcile.Check(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceStoreFindings(ctx, fs); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(ctx, st, &buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{"二月通报", "濮阳", "由 68（2025-01-31）减少为 60（2025-02-28）", "&lt;script&gt;", "置信度 85%"} {
		if !strings.Contains(html, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(html, "<script>alert") {
		t.Errorf("a document's text is not escaped")
	}
	if m := regexp.MustCompile(`(?:src|href)\s*=\s*["']?(?:https?:)?//`).FindString(html); m != "" {
		t.Errorf("the report loads from the network: %s", m)
	}
}
