package report_test

import (
	"bytes"
	"context"
	"fmt"
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

// The timeline counts a center's activities per month in SQL; a cell's
// tooltip names the first few and says how many there are.
func TestTimelineCell(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	var acts []record.Activity
	for day := 1; day <= 7; day++ {
		date := fmt.Sprintf("2025-03-%02d", day)
		acts = append(acts, record.Activity{Center: "某省护理质控中心", Start: &date, Places: []string{fmt.Sprintf("第%d地", day)},
			Evidence: record.Evidence{Quote: "开展督导", Span: record.Span{day, day + 1}}})
	}
	storetest.Save(t, st, storetest.Doc{SHA256: "a", Title: "简报", Date: "2025-03-31", Activities: acts})
	d, err := report.Collect(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Timeline.Rows) != 1 || len(d.Timeline.Months) != 1 {
		t.Fatalf("timeline %+v", d.Timeline)
	}
	c := d.Timeline.Rows[0].Cells[0]
	if c.N != 7 || d.Timeline.Rows[0].Total != 7 {
		t.Errorf("cell counts %d, total %d; want 7", c.N, d.Timeline.Rows[0].Total)
	}
	if !strings.Contains(c.Title, "2025-03-01 第1地") || strings.Contains(c.Title, "第6地") || !strings.HasSuffix(c.Title, "等 7 项") {
		t.Errorf("tooltip %q: want the first five and the total", c.Title)
	}
}
