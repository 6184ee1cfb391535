package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"qcweave/internal/storetest"
	"qcweave/record"
	"qcweave/report"
)

// The report counts the records per band of confidence and lists those
// under report.LowConfidence, least sure first, with their rule and quote;
// records above it are not listed.
func TestConfidence(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	sure := storetest.Count("郑州", "410100", 63, "2025-02-28")
	sure.Confidence, sure.Rule = 0.95, "count.stated"
	doubtful := storetest.Count("濮阳", "410900", 7, "2025-02-28")
	doubtful.Confidence, doubtful.Rule, doubtful.Quote = 0.42, "count.ranked_item", "首批7家<b>质控中心</b>授牌"
	ce := storetest.Center()
	ce.Confidence, ce.Rule = 0.6, "center.text_short"
	storetest.Save(t, st, storetest.Doc{SHA256: "b2", Title: "二月通报", Date: "2025-02-28",
		Counts: []record.Count{sure, doubtful}, Centers: []record.Center{ce}})
	d, err := report.Collect(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var n []int
	for _, b := range d.Confidence.Bands {
		n = append(n, b.N)
	}
	if len(n) != 4 || n[0] != 1 || n[1] != 1 || n[2] != 0 || n[3] != 1 {
		t.Errorf("bands %v, want [1 1 0 1]", n)
	}
	if d.Confidence.NLow != 2 || len(d.Confidence.Low) != 2 || d.Confidence.Low[0].Confidence != "0.42" || d.Confidence.Low[1].Rule != "center.text_short" {
		t.Errorf("low records %+v (%d), want the count at 0.42 then the center", d.Confidence.Low, d.Confidence.NLow)
	}
	var buf bytes.Buffer
	if err := report.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{`id="confidence"`, "count.ranked_item", "首批7家&lt;b&gt;质控中心&lt;/b&gt;授牌", "0.42"} {
		if !strings.Contains(html, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(html, "郑州市级质控中心」") {
		t.Error("a record above the mark is listed among those to check")
	}
}
