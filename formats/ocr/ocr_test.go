package ocr

import (
	"context"
	"os"
	"strings"
	"testing"
)

// tsv builds tesseract TSV: a page, then for each line its box and words
// (left, width, text), all on one block.
func tsv(lines [][]any) []byte {
	var b strings.Builder
	b.WriteString("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n")
	b.WriteString("1\t1\t0\t0\t0\t0\t0\t0\t1700\t2400\t-1\t\n")
	b.WriteString("2\t1\t1\t0\t0\t0\t100\t100\t1500\t2000\t-1\t\n")
	for i, l := range lines {
		top := 100 + i*50
		left, right := l[0].(int), l[1].(int)
		words := l[2:]
		b.WriteString(strings.Join([]string{"4", "1", "1", "1", itoa(i + 1), "0", itoa(left), itoa(top), itoa(right - left), "40", "-1", ""}, "\t") + "\n")
		for k := 0; k < len(words); k += 3 {
			wl, ww, text := words[k].(int), words[k+1].(int), words[k+2].(string)
			b.WriteString(strings.Join([]string{"5", "1", "1", "1", itoa(i + 1), itoa(k/3 + 1), itoa(wl), itoa(top), itoa(ww), "40", "90.5", text}, "\t") + "\n")
		}
	}
	return []byte(b.String())
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// Words of a line are joined without spaces between Chinese characters; a
// wide gap or a row number opens a cell; a numbered row's cell wrapped to
// the next line is continued; table rules read as quote marks are dropped.
func TestLines(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 1600, 100, 200, "截至2025年", 310, 120, "4月底，", 440, 900, "全省共组建市级质控中心"},
		{100, 300, 100, 200, "43个、漯河"},
		{100, 1600, 100, 40, "12", 180, 160, "”三门峡", 420, 60, "66", 540, 1060, "免疫学、烧伤科、罕见病、医学信"},
		{100, 600, 100, 500, "息、体外生命支持"},
		{100, 900, 100, 40, "13", 180, 100, "南阳", 350, 60, "63", 500, 300, "血液内科"},
	}))
	if len(words) != 13 || words[0].Conf != 90.5 {
		t.Fatalf("%d words", len(words))
	}
	var got []string
	for _, l := range Lines(words, 1) {
		if l.Text != "" {
			got = append(got, l.Text)
		}
	}
	want := []string{
		"截至2025年4月底，全省共组建市级质控中心",
		"43个、漯河",
		"12\t三门峡\t66\t免疫学、烧伤科、罕见病、医学信息、体外生命支持",
		"13\t南阳\t63\t血液内科",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines\n got %q\nwant %q", got, want)
	}
}

// TestScan reads the scan of the Henan notice when tesseract and
// poppler's tools are installed: four pages, each with a confidence.
func TestScan(t *testing.T) {
	e, ok := Find()
	if !ok || e.Ready() != nil {
		t.Skip("tesseract (chi_sim) or poppler's tools are not installed")
	}
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	b, err := os.ReadFile("../../testdata/scans/000_51d78471b3c374dd.scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.ReadPDF(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 4 || len(res.Confidence) != 4 || res.Confidence[0] < 50 {
		t.Errorf("pages %d, confidence %v", res.Pages, res.Confidence)
	}
	text := ""
	for _, l := range res.Lines {
		text += l.Text
	}
	for _, want := range []string{"质控织网", "河南省人民医院", "体外生命支持"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
}

// A numbered row whose cells touch (a long name running up to the next
// column) is cut where the cells of the rows around it start; a header
// (no row number) and a line of text are not.
func TestColumnsCutTouchingCells(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 900, 100, 30, "1", 200, 200, "甲乙丙中心", 600, 200, "丁戊医院"},
		{100, 900, 100, 30, "2", 200, 150, "己庚中心", 600, 200, "辛壬医院"},
		{100, 900, 100, 30, "3", 200, 390, "癸子丑寅卯辰巳中心", 600, 200, "午未医院"},
		{100, 900, 100, 30, "4", 200, 180, "申酉戌中心", 600, 200, "亥甲医院"},
		{100, 900, 100, 30, "5", 200, 392, "乙丙丁戊己庚辛壬中心", 601, 220, "癸子医院"},
		{100, 900, 100, 30, "序号", 200, 390, "中心名称", 600, 200, "单位"},
		{100, 900, 200, 400, "一段正文说到了甲乙丙", 605, 200, "丁戊己庚"},
	}))
	var got []string
	for _, l := range Lines(words, 1) {
		if l.Text != "" {
			got = append(got, l.Text)
		}
	}
	want := []string{"1\t甲乙丙中心\t丁戊医院", "2\t己庚中心\t辛壬医院", "3\t癸子丑寅卯辰巳中心\t午未医院",
		"4\t申酉戌中心\t亥甲医院", "5\t乙丙丁戊己庚辛壬中心\t癸子医院", "序号\t中心名称单位", "一段正文说到了甲乙丙丁戊己庚"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A stop that tesseract barely believes in (where a table's rules cross)
// is dropped: the header's cells stay apart.
func TestStrayStop(t *testing.T) {
	b := tsv([][]any{{100, 700, 100, 60, "序号", 230, 14, "。”", 300, 200, "名称"}, {100, 700, 100, 200, "正文。", 330, 14, "。"}})
	b = []byte(strings.Replace(string(b), "90.5\t。”", "1.2\t。”", 1))
	var got []string
	for _, l := range Lines(ParseTSV(b), 1) {
		got = append(got, l.Text)
	}
	if want := "序号\t名称|正文。。"; strings.Join(got, "|") != want {
		t.Errorf("lines %q, want %q", strings.Join(got, "|"), want)
	}
}
