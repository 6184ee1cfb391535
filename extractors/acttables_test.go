package extractors_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/extractors"
	"qcweave/layout"
	"qcweave/record"
)

// activityRows lays out a bulletin's head and a table, as a loader of a
// paged format hands them over: the rows with all their cells, a merged
// cell empty below its first row, a page ending after the row marked by
// a nil row (the header repeated on the next page).
func activityRows(t *testing.T, head []string, rows [][]string) *record.Extraction {
	t.Helper()
	var lines []layout.Line
	off, page := 0, 1
	for _, h := range head {
		lines = append(lines, layout.Line{Text: h, Page: page, Offset: off})
		off += len([]rune(h)) + 1
	}
	for _, r := range rows {
		if r == nil {
			page++
			r = rows[0]
		}
		l := layout.Line{Page: page, Offset: off}
		for _, c := range r {
			l.Cells = append(l.Cells, layout.Cell{Text: c, Offset: off})
			off += len([]rune(c)) + 1
		}
		lines = append(lines, l)
	}
	doc := layout.Build(lines)
	doc.Path, doc.Format = "case.pdf", "pdf"
	ex, err := extractors.Extract(context.Background(), doc, loadTools(t))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// A bulletin whose activities are a table — 日期 | 质控中心 | 工作内容 —
// reads as the same records as prose: one activity per dated row, the
// center cell merged down its rows (empty below its first) applying to
// each, also to a row that goes on after a page break, and the rows
// without a date adding to the event above.
func TestActivityTable(t *testing.T) {
	ex := activityRows(t, []string{"湖南省医疗质控工作简报", "湖南省医疗质量控制中心办公室", "2025年6月30日"}, [][]string{
		{"日期", "质控中心", "工作内容"},
		{"2025年4月8日", "湖南省麻醉质控中心", "组织专家组赴岳阳市青枫县人民医院开展督导检查。"},
		{"", "", "专家组由柯望舒教授带队，培训医务人员60余人。"},
		{"5月12日", "", "在常德市召开麻醉质控年会。"},
		nil,
		{"5月20日", "", "赴郴州市松岭医院开展调研。"},
		{"6月3日", "湖南省护理质控中心", "赴怀化市柳溪县人民医院开展护理质控督导。"},
	})
	var got []string
	for _, a := range ex.Activities {
		got = append(got, fmt.Sprintf("%s %s %v %v %v", a.Center, str(a.Start), a.Places, a.People, a.Participants != nil))
	}
	want := []string{
		"湖南省麻醉质控中心 2025-04-08 [岳阳市青枫县人民医院] [柯望舒] true",
		"湖南省麻醉质控中心 2025-05-12 [常德市] [] false",
		"湖南省麻醉质控中心 2025-05-20 [郴州市松岭医院] [] false",
		"湖南省护理质控中心 2025-06-03 [怀化市柳溪县人民医院] [] false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("activities:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The Hubei bulletin with its activities set as a table whose center
// cells are merged down each story's rows and over page breaks
// (testdata/pdf/acttable: the page, with rowspan cells; printed by
// Chromium and LibreOffice; laid out as OFD with the center on the span's
// first row or centred down it; saved by LibreOffice as Word, w:vMerge)
// scores as its text does (0.997), at least 0.97.
func TestActivityTableRenderings(t *testing.T) {
	needScorer(t)
	name := "003_8bcd6cef6928f5fe"
	for _, f := range []string{"html", "chromium.pdf", "lo.pdf", "ofd", "centre.ofd", "docx"} {
		t.Run(f, func(t *testing.T) {
			ex, _ := extractWith(t, filepath.Join("../testdata/pdf/acttable", name+"."+f))
			s := score(t, seedKey(name), ex)
			t.Logf("%s: %.3f", f, s)
			if s < 0.97 {
				t.Errorf("%s scores %.3f < 0.97", f, s)
			}
			dated := 0
			for _, a := range ex.Activities {
				if a.Start != nil {
					dated++
				}
			}
			if want := 30; dated != want {
				t.Errorf("%d dated activities, want %d", dated, want)
			}
		})
	}
}
