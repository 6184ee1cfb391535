package ocr

import (
	"reflect"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/layout"
)

// lineTexts returns the lines' texts, blank lines left out.
func lineTexts(lines []layout.Line) []string {
	var out []string
	for _, l := range lines {
		if l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return out
}

func checkLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A header whose cells are as close as the characters of a word (a
// table of text aligned by tabs), over rows whose cells are apart, is cut
// where the rows' columns start, though a header's cell wider than its
// column pushes the next one right; a title above it is not cut.
func TestHeaderRunTogether(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 400, 100, 300, "各县缺的专业一览"},
		{100, 720, 100, 80, "序号", 205, 80, "地区", 310, 160, "已建数目", 520, 200, "尚缺的专业"},
		{100, 730, 100, 20, "1", 200, 80, "甲县", 330, 40, "12", 430, 300, "眼科、口腔科"},
		{100, 730, 100, 20, "2", 200, 80, "乙县", 330, 40, "34", 430, 300, "骨科、病理科"},
		{100, 630, 100, 20, "3", 200, 80, "丙县", 330, 40, "56", 430, 200, "儿科"},
		{100, 730, 100, 20, "4", 200, 80, "丁县", 330, 40, "78", 430, 300, "眼科、急诊科"},
	}))
	checkLines(t, lineTexts(Lines(words, 1)), []string{
		"各县缺的专业一览",
		"序号\t地区\t已建数目\t尚缺的专业",
		"1\t甲县\t12\t眼科、口腔科", "2\t乙县\t34\t骨科、病理科", "3\t丙县\t56\t儿科", "4\t丁县\t78\t眼科、急诊科",
	})
}

// Of two gaps about as wide in a header run together, the one nearest
// where the column under it starts parts the header's cells (tesseract's
// boxes are a few pixels off: the gap between two characters of a word
// may come out a little wider).
func TestHeaderAlikeGaps(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 745, 100, 80, "序号", 205, 80, "县区", 305, 80, "已建", 407, 80, "数量", 545, 200, "尚缺的专业"},
		{100, 730, 100, 20, "1", 200, 50, "甲县", 310, 40, "12", 430, 300, "眼科、口腔科"},
		{100, 730, 100, 20, "2", 200, 50, "乙县", 310, 40, "34", 430, 300, "骨科、病理科"},
		{100, 630, 100, 20, "3", 200, 50, "丙县", 310, 40, "56", 430, 200, "儿科"},
		{100, 730, 100, 20, "4", 200, 50, "丁县", 310, 40, "78", 430, 300, "眼科、急诊科"},
	}))
	checkLines(t, lineTexts(Lines(words, 1)), []string{
		"序号\t县区\t已建数量\t尚缺的专业",
		"1\t甲县\t12\t眼科、口腔科", "2\t乙县\t34\t骨科、病理科", "3\t丙县\t56\t儿科", "4\t丁县\t78\t眼科、急诊科",
	})
}

// The header repeated under a row whose last cell ran to the right margin
// is the header again, not the rest of that cell.
func TestHeaderRepeatedUnderFullRow(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 695, 100, 80, "序号", 205, 80, "地区", 310, 160, "已建数目", 495, 200, "尚缺的专业"},
		{100, 1600, 100, 20, "1", 200, 80, "甲县", 330, 40, "12", 430, 1170, "眼科、口腔科、骨科、病理科、儿科"},
		{100, 1600, 100, 20, "2", 200, 80, "乙县", 330, 40, "34", 430, 1170, "骨科、病理科、眼科、急诊科、儿科"},
		{100, 695, 100, 80, "序号", 205, 80, "地区", 310, 160, "已建数目", 495, 200, "尚缺的专业"},
		{100, 1600, 100, 20, "3", 200, 80, "丙县", 330, 40, "56", 430, 1170, "儿科、眼科、口腔科、骨科、病理科"},
		{100, 1600, 100, 20, "4", 200, 80, "丁县", 330, 40, "78", 430, 1170, "眼科、急诊科、儿科、骨科、口腔科"},
	}))
	checkLines(t, lineTexts(Lines(words, 1)), []string{
		"序号\t地区\t已建数目\t尚缺的专业",
		"1\t甲县\t12\t眼科、口腔科、骨科、病理科、儿科", "2\t乙县\t34\t骨科、病理科、眼科、急诊科、儿科",
		"序号\t地区\t已建数目\t尚缺的专业",
		"3\t丙县\t56\t儿科、眼科、口腔科、骨科、病理科", "4\t丁县\t78\t眼科、急诊科、儿科、骨科、口腔科",
	})
}

// A row whose cells all stand apart, as many as its table has columns, is
// not cut where a long cell of it runs across the start of a column (in a table aligned by tabs, a long
// name pushes the next cell to a later tab stop); a row whose cells touch
// still is.
func TestLongCellAcrossColumn(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 800, 100, 30, "1", 200, 200, "甲乙中心", 600, 200, "丙丁医院"},
		{100, 800, 100, 30, "2", 200, 150, "戊己中心", 600, 200, "庚辛医院"},
		{100, 800, 100, 30, "3", 200, 180, "壬癸子中心", 600, 200, "丑寅医院"},
		{100, 1000, 100, 30, "4", 200, 390, "卯辰巳午未申", 592, 100, "酉戌中心", 800, 200, "亥甲医院"},
		{100, 800, 100, 30, "5", 200, 392, "乙丙丁戊己庚辛壬中心", 601, 199, "癸子医院"},
		{100, 800, 100, 30, "6", 200, 120, "丑中心", 600, 200, "寅卯医院"},
	}))
	checkLines(t, lineTexts(Lines(words, 1)), []string{
		"1\t甲乙中心\t丙丁医院", "2\t戊己中心\t庚辛医院", "3\t壬癸子中心\t丑寅医院",
		"4\t卯辰巳午未申酉戌中心\t亥甲医院", "5\t乙丙丁戊己庚辛壬中心\t癸子医院", "6\t丑中心\t寅卯医院",
	})
}

// The lines of a cell wrapped over the page's width do not count as rows
// when the columns are found: a row whose name touches its count is cut
// by the rows around it however many lines their cells take.
func TestColumnsOverWrappedCells(t *testing.T) {
	var lines [][]any
	var want []string
	for k, name := range []string{"甲县", "乙县", "丙县", "丁戊己县", "庚县", "辛县", "壬县"} {
		n, count := string(rune('1'+k)), string(rune('2'+k))+"0"
		width := 80
		if k == 3 {
			width = 125 // the name runs up to the count
		}
		lines = append(lines,
			[]any{100, 1600, 100, 20, n, 200, width, name, 330, 40, count, 430, 1170, "眼科、口腔科、骨科、病理科、"},
			[]any{100, 1600, 100, 1500, "皮肤科、急诊科、儿科、"},
			[]any{100, 1600, 100, 1500, "麻醉科、康复科、核医学、"},
			[]any{100, 1600, 100, 1500, "超声科、放射科、检验科、"},
			[]any{100, 700, 100, 600, "体外循环"})
		want = append(want, n+"\t"+name+"\t"+count+"\t眼科、口腔科、骨科、病理科、皮肤科、急诊科、儿科、麻醉科、康复科、核医学、超声科、放射科、检验科、体外循环")
	}
	checkLines(t, lineTexts(Lines(ParseTSV(tsv(lines)), 1)), want)
}

// A row ends with its last line: a line under it that starts at the
// margin is text again once the row's last line stopped short.
func TestRowEndsWithShortLine(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 1600, 100, 20, "1", 200, 80, "甲县", 330, 40, "12", 430, 1170, "眼科、口腔科、骨科、病理科、儿科、"},
		{100, 700, 100, 600, "急诊科"},
		{100, 1600, 100, 20, "2", 200, 80, "乙县", 330, 40, "34", 430, 1170, "骨科、病理科、眼科、急诊科、儿科、"},
		{100, 700, 100, 600, "口腔科"},
		{100, 1600, 100, 1500, "注：以上各县所缺专业均应于年底前补齐，由各县卫生部门负责组建并报"},
	}))
	checkLines(t, lineTexts(Lines(words, 1)), []string{
		"1\t甲县\t12\t眼科、口腔科、骨科、病理科、儿科、急诊科",
		"2\t乙县\t34\t骨科、病理科、眼科、急诊科、儿科、口腔科",
		"注：以上各县所缺专业均应于年底前补齐，由各县卫生部门负责组建并报",
	})
}

// The line that opens a page continues the row at the foot of the page
// before when that row ran to the right margin and the table goes on
// under the line; a page number between them is passed over. A page that
// opens with text under a row that stopped short, or with text that no
// row follows, keeps it.
func TestJoinPages(t *testing.T) {
	run := func(page int32) []document.Run { return []document.Run{{Src: 0, N: 2, Page: page}} }
	lines := []layout.Line{
		{Text: "17\t甲县\t59\t眼科、", Page: 1, Full: true, Runs: run(1)},
		{Text: "— 3 —", Page: 1},
		{Page: 1},
		{Text: "口腔科", Page: 2, Runs: run(2)},
		{Text: "18\t乙县\t33\t骨科", Page: 2, Full: true},
		{Page: 2},
		{Text: "本表数据截至年底", Page: 3},
		{Page: 3},
		{Text: "二、下一步工作", Page: 3},
		{Text: "19\t丙县\t40\t儿科", Page: 3},
		{Page: 3},
		{Text: "病理科", Page: 4},
		{Text: "20\t丁县\t41\t眼科", Page: 4},
	}
	alts := make([]map[int][]Choice, len(lines))
	alts[3] = map[int][]Choice{1: {{Text: "腔", Conf: 80}}}
	got, gotAlts := joinPages(lines, alts)
	checkLines(t, lineTexts(got), []string{"17\t甲县\t59\t眼科、口腔科", "— 3 —", "18\t乙县\t33\t骨科", "本表数据截至年底", "二、下一步工作", "19\t丙县\t40\t儿科", "病理科", "20\t丁县\t41\t眼科"})
	if len(gotAlts) != len(got) {
		t.Fatalf("%d alternatives for %d lines", len(gotAlts), len(got))
	}
	if want := []document.Run{{Src: 0, N: 2, Page: 1}, {Src: 12, N: 2, Page: 2}}; !reflect.DeepEqual(got[0].Runs, want) {
		t.Errorf("runs %v, want %v", got[0].Runs, want)
	}
	if a := gotAlts[0][13]; len(a) != 1 || a[0].Text != "腔" {
		t.Errorf("alternatives %v, want 腔 at 13", gotAlts[0])
	}
	if got[0].Full {
		t.Error("the joined row still runs on")
	}
}
