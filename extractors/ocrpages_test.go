package extractors_test

import (
	"context"
	"path/filepath"
	"testing"

	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/formats/ocr"
	"qcweave/record"
)

// ocrExtract loads a fixture of testdata/scans with OCR and extracts it.
func ocrExtract(t *testing.T, name string) (*record.Extraction, string) {
	t.Helper()
	eng, ok := ocr.Find()
	if !ok || eng.Ready() != nil {
		t.Skip("tesseract (chi_sim) or poppler's tools are not installed")
	}
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	l := &formats.Loader{OCR: &eng}
	doc, err := l.Load(context.Background(), filepath.Join("../testdata/scans", name), nil)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extractors.Extract(context.Background(), doc, loadTools(t))
	if err != nil {
		t.Fatal(err)
	}
	return ex, doc.Text
}

// Pages without usable text among pages with text (testdata/scans/
// make-pages.sh): the notice's attachment tables pasted as pictures are
// read by OCR in place, the other pages from their text layer; the
// records of the pictures carry their OCR confidence and boxes. The
// pictures' coverage table, aligned by tabs, keeps its header's cells
// apart: 0.968 (0.746 with the header run together, the text layer alone
// 0.733).
func TestPastedPages(t *testing.T) {
	needScorer(t)
	ex, _ := ocrExtract(t, "000_51d78471b3c374dd.pasted.pdf")
	if ex.Source.Engine != "qcweave-pdf+ocr" {
		t.Errorf("engine %q", ex.Source.Engine)
	}
	onPictures := 0
	for _, c := range ex.Centers {
		if c.Page >= 3 {
			onPictures++
			if c.OCRConfidence <= 0 || len(c.Boxes) == 0 {
				t.Errorf("%q on page %d: OCR confidence %v, boxes %v", c.Quote, c.Page, c.OCRConfidence, c.Boxes)
			}
		}
	}
	if onPictures < 5 {
		t.Errorf("%d centers read from the pictures, want at least 5", onPictures)
	}
	s := score(t, seedKey("000_51d78471b3c374dd"), ex)
	t.Logf("pasted pictures: %.3f", s)
	if s < 0.94 {
		t.Errorf("score %.3f < 0.94", s)
	}
}
