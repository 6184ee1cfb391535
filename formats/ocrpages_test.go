package formats

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"qcweave/document"
	"qcweave/formats/ocr"
	"qcweave/formats/pdfload"
	"qcweave/layout"
)

// A page is read by OCR when it shows an image or drawing and its text is
// missing or unusable: a scan or picture (few characters, a large image),
// outlined glyphs (no characters, many paths), a picture with a caption,
// characters mostly unreadable. A page of text, a blank page, a page of
// text with a logo are not.
func TestPagesWithoutText(t *testing.T) {
	stats := []pdfload.PageStat{
		{Chars: 800, Readable: 800, Marks: 40},         // text with table rules
		{Chars: 3, Readable: 3, Marks: 1, Images: 0.9}, // a picture and a page number
		{Marks: 2500}, // outlined glyphs
		{},            // blank
		{Chars: 120, Readable: 120, Marks: 1, Images: 0.7},  // a caption over a picture
		{Chars: 600, Readable: 100, Marks: 3},               // fonts without Unicode
		{Chars: 700, Readable: 700, Marks: 1, Images: 0.03}, // a logo
		{Chars: 10, Readable: 10, Marks: 4},                 // a short page with a few rules
	}
	if got, want := pagesWithoutText(stats), []int{2, 3, 5, 6}; !reflect.DeepEqual(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
}

// Recognized pages take the place of their text layer's lines; the lines
// after them move, cells and all, and the confidence is the page's.
func TestSpliceOCR(t *testing.T) {
	t0 := &pdfText{pages: 3, engine: "qcweave-pdf", lines: []layout.Line{
		{Text: "甲乙", Page: 1, Offset: 0}, {Page: 1, Offset: 3},
		{Text: "x", Page: 2, Offset: 4}, {Page: 2, Offset: 6},
		{Cells: []layout.Cell{{Text: "丙", Offset: 7}, {Text: "丁", Offset: 9}}, Page: 3, Offset: 7,
			Runs: []document.Run{{Src: 0, N: 1, Page: 3}}},
		{Page: 3, Offset: 11},
	}}
	res := &ocr.Result{Pages: 3, Confidence: []float64{0, 88, 0}, Lines: []layout.Line{
		{Text: "第二页的字", Page: 2, Offset: 0}, {Page: 2, Offset: 6},
	}}
	got := spliceOCR(t0, res, []int{2})
	want := []layout.Line{
		{Text: "甲乙", Page: 1, Offset: 0}, {Page: 1, Offset: 3},
		{Text: "第二页的字", Page: 2, Offset: 4}, {Page: 2, Offset: 10},
		{Cells: []layout.Cell{{Text: "丙", Offset: 11}, {Text: "丁", Offset: 13}}, Page: 3, Offset: 11,
			Runs: []document.Run{{Src: 0, N: 1, Page: 3}}},
		{Page: 3, Offset: 15},
	}
	if !reflect.DeepEqual(got.lines, want) {
		t.Errorf("lines\n%v\nwant\n%v", got.lines, want)
	}
	if got.engine != "qcweave-pdf+ocr" || !reflect.DeepEqual(got.conf, []float64{0, 88, 0}) {
		t.Errorf("engine %q, confidence %v", got.engine, got.conf)
	}
}

// loadOCR loads a fixture of testdata/scans with OCR.
func loadOCR(t *testing.T, name string) *document.Document {
	t.Helper()
	eng, ok := ocr.Find()
	if !ok || eng.Ready() != nil {
		t.Skip("tesseract (chi_sim) or poppler's tools are not installed")
	}
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	doc, err := (&Loader{OCR: &eng}).Load(context.Background(), filepath.Join("../testdata/scans", name), nil)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// A scan stored as strips of a few rows on large pages (testdata/scans/
// make-pages.sh) is drawn at about its own resolution, not at 300 dpi (38
// megapixels a page), and read whole: its tables' rows too. (Extracted,
// it scores 0.839 with the notice's key; at 300 dpi it gave no result.)
func TestStripScan(t *testing.T) {
	doc := loadOCR(t, "000_51d78471b3c374dd.strips.pdf")
	if doc.Engine != "ocr" || doc.Pages != 4 {
		t.Errorf("engine %q, %d pages", doc.Engine, doc.Pages)
	}
	for _, want := range []string{"质控织网", "河南省人民医院", "体外生命支持", "各地组建相应专业市级质控中心情况"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	if s := doc.PageSizeOf(1); s.W < 1200 || s.W > 1280 {
		t.Errorf("page size %v, want the page's 1240 points", s)
	}
}

// A page whose glyphs are drawn as outlines has no text at all: it is
// read by OCR, and its words are placed on the page.
func TestOutlinedGlyphs(t *testing.T) {
	doc := loadOCR(t, "000_51d78471b3c374dd.outline.pdf")
	if doc.Engine != "ocr" {
		t.Errorf("engine %q", doc.Engine)
	}
	i := strings.Index(doc.Text, "省级质控中心组建情况")
	if i < 0 {
		t.Fatalf("the heading is not in the text:\n%s", doc.Text)
	}
	for _, want := range []string{"质控织网", "河南省人民医院"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	// the heading is set at 56.8..176.8 × 226..238 points (pdftotext -bbox
	// of the text PDF the outlines were drawn from)
	start := utf8.RuneCountInString(doc.Text[:i])
	bs := doc.Boxes(document.Span{Start: start, End: start + 10})
	if len(bs) != 1 || bs[0][0] != 1 || bs[0][1] < 60 || bs[0][1] > 80 || bs[0][3] < 165 || bs[0][3] > 185 || bs[0][2] < 220 || bs[0][4] > 245 {
		t.Errorf("boxes %v, want one about (page 1, 72, 226, 177, 238)", bs)
	}
}

// A picture of a table aligned by tabs (testdata/scans/make-tabs.sh) is
// read as one table: its header, whose cells stand as close as the
// characters of a word, parted at the columns under it, its repeat
// dropped, and every row in four cells — names that run up to the next
// column and cells wrapped to the margin included.
func TestTabTableScan(t *testing.T) {
	doc := loadOCR(t, "tabtable.pdf")
	tables := doc.Tables()
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tb := tables[0]
	var rows []string
	for _, r := range tb.Rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		rows = append(rows, strings.Join(cells, "|"))
	}
	if tb.Header != 1 || len(rows) != 10 || rows[0] != "序号|县区|已建数量|尚缺的专业" {
		t.Fatalf("header %d, rows\n%s", tb.Header, strings.Join(rows, "\n"))
	}
	names := map[string]string{"3": "南河口", "5": "青石岭", "8": "长乐"}
	for _, r := range tb.Rows[1:] {
		if len(r.Cells) != 4 || strings.Trim(r.Cells[2].Text, "0123456789") != "" {
			t.Errorf("row %v, want four cells with a count third", r.Cells)
			continue
		}
		if want, ok := names[r.Cells[0].Text]; ok && r.Cells[1].Text != want {
			t.Errorf("row %s: name %q, want %q", r.Cells[0].Text, r.Cells[1].Text, want)
		}
	}
	if last := tb.Rows[1].Cells[3].Text; !strings.HasSuffix(last, "药事管理") {
		t.Errorf("row 1's last cell %q lacks its wrapped end", last)
	}
}
