package formats

import (
	"reflect"
	"testing"

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
