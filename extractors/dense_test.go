package extractors_test

import (
	"fmt"
	"strings"
	"testing"
)

// A notice that ranks the same cities on the same date over and over with
// other values contradicts itself thousands of times: each kind of
// finding stays within 50 one by one and one more that says how many
// others there are.
func TestDenseFindingsSummarized(t *testing.T) {
	cities := []string{"武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感"}
	var b strings.Builder
	b.WriteString("湖北省卫生健康委员会关于质控中心建设进展的通报\n截至2025年6月30日，全省已建成市级质控中心900个，其中")
	for i := range 120 {
		for j, c := range cities {
			fmt.Fprintf(&b, "%s%d个、", c, 200+i+j)
		}
	}
	b.WriteString("。\n")
	ex := extractText(t, b.String())
	if len(ex.Counts) < 500 {
		t.Fatalf("%d counts: the text does not make the dense case", len(ex.Counts))
	}
	kinds := map[string]int{}
	summaries := 0
	for _, f := range ex.Findings {
		kinds[f.Kind]++
		if strings.Contains(f.Message, "另有") {
			summaries++
		}
	}
	for k, n := range kinds {
		if n > 51 {
			t.Errorf("%d %s findings, want at most 50 and a summary", n, k)
		}
	}
	if summaries == 0 {
		t.Errorf("no finding sums up the rest: %v", kinds)
	}
}
