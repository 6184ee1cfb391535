package pdfload

import (
	"encoding/xml"
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"
	"unicode"

	"qcweave/document"
	"qcweave/internal/pdftest"
	"qcweave/layout"
)

// bboxWord is a word of pdftotext -bbox: its page (1-based), rectangle
// (points from the top-left) and text.
type bboxWord struct {
	page           int
	x0, y0, x1, y1 float64
	text           string
}

// pdftotextWords runs poppler's pdftotext -bbox on a file.
func pdftotextWords(t *testing.T, path string) []bboxWord {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed: no reference boxes")
	}
	out, err := exec.Command(bin, "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Pages []struct {
			Words []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(strings.NewReader(string(out)))
	d.Strict = false
	if err := d.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var words []bboxWord
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			words = append(words, bboxWord{i + 1, w.XMin, w.YMin, w.XMax, w.YMax, w.Text})
		}
	}
	return words
}

// Every word of a LibreOffice and a Chromium PDF has, at one of the places
// its text occurs in the document, the box pdftotext gives it: the same
// page, left and right edges within a point, and a box that overlaps
// pdftotext's vertically (pdftotext takes a font's own ascent and
// descent, the layout a CJK font's usual ones). Words the layout drops (a
// table's header repeated on each page) are not looked for.
func TestBoxesMatchPdftotext(t *testing.T) {
	for _, name := range []string{"000_51d78471b3c374dd.lo-text.pdf", "003_8bcd6cef6928f5fe.chromium.pdf", "000_51d78471b3c374dd.lo-table.pdf"} {
		t.Run(name, func(t *testing.T) {
			path := "../../testdata/pdf/" + name
			words := pdftotextWords(t, path)
			res := readFile(t, path)
			doc := layout.Build(res.Lines)
			text := doc.Runes()
			times := map[string]int{}
			for _, w := range words {
				times[w.text]++
			}
			checked, matched := 0, 0
			var missed []bboxWord
			for _, w := range words {
				word := []rune(w.text)
				if len(word) < 2 || !allHanOrDigit(word) || times[w.text] > strings.Count(doc.Text, w.text) {
					continue // the layout normalizes punctuation and spaces, and drops repeated table headers
				}
				checked++
				found := false
				for i := 0; i+len(word) <= len(text); i++ {
					if string(text[i:i+len(word)]) != w.text {
						continue
					}
					bs := doc.Boxes(document.Span{Start: i, End: i + len(word)})
					if len(bs) == 1 && int(bs[0][0]) == w.page && near(bs[0][1], w.x0, 1) && near(bs[0][3], w.x1, 1) &&
						bs[0][2] < w.y1 && bs[0][4] > w.y0 {
						matched++
						found = true
						break
					}
				}
				if !found {
					missed = append(missed, w)
				}
			}
			if testing.Verbose() {
				for _, w := range missed {
					t.Logf("missed %+v", w)
				}
			}
			if checked < 20 || float64(matched) < 0.95*float64(checked) {
				t.Errorf("%d of %d words have pdftotext's box", matched, checked)
			}
			if len(res.PageSizes) != res.Pages || res.PageSizes[0].W < 590 || res.PageSizes[0].W > 620 {
				t.Errorf("page sizes %v for %d pages", res.PageSizes, res.Pages)
			}
		})
	}
}

// A known word of the LibreOffice table: a region's name in the first
// column of page 3, where pdftotext -bbox puts it (x 92.3..112.3, y
// 279.3..292.3).
func TestBoxOfKnownWord(t *testing.T) {
	res := readFile(t, "../../testdata/pdf/000_51d78471b3c374dd.lo-text.pdf")
	doc := layout.Build(res.Lines)
	i := strings.Index(doc.Text, "1\t郑州\t")
	if i < 0 {
		t.Fatal("the row is not in the text")
	}
	start := len([]rune(doc.Text[:i])) + 2
	bs := doc.Boxes(document.Span{Start: start, End: start + 2})
	if len(bs) != 1 || bs[0][0] != 3 || !near(bs[0][1], 92.3, 0.5) || !near(bs[0][3], 112.3, 0.5) ||
		bs[0][2] < 279.3-1 || bs[0][4] > 292.3+1 {
		t.Errorf("box %v, want page 3 at 92.3..112.3 × 279.3..292.3", bs)
	}
}

// A rotated and cropped page: boxes are where a renderer shows the text,
// from the crop box's top-left corner, and the page size is the displayed
// one.
func TestBoxesCropRotate(t *testing.T) {
	// a font whose glyphs are 600/1000 of an em wide
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /FirstChar 65 /LastChar 66 /Widths [600 600] >>"
	content := "BT /F1 10 Tf 100 700 Td (AB) Tj ET"
	for _, c := range []struct {
		attrs    string
		w, h     float64
		x0, x1   float64 // of the box of "AB"
		y0, y1   float64
		vertical bool
	}{
		{"", 595, 842, 100, 100 + 2*6.0, 842 - 700 - 8.8, 842 - 700 + 1.2, false},
		{"/CropBox [50 100 550 750]", 500, 650, 50, 50 + 12, 750 - 700 - 8.8, 750 - 700 + 1.2, false},
		{"/Rotate 90", 842, 595, 700 - 1.2, 700 + 8.8, 100, 112, true},
	} {
		b := pdftest.Objects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + c.attrs + " /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
			font,
		})
		res, err := Read(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.PageSizes[0]; got.W != c.w || got.H != c.h {
			t.Errorf("%q: page size %v, want %v×%v", c.attrs, got, c.w, c.h)
		}
		doc := layout.Build(res.Lines)
		bs := doc.Boxes(document.Span{Start: 0, End: 2})
		if len(bs) != 1 || !near(bs[0][1], c.x0, 0.5) || !near(bs[0][3], c.x1, 0.5) || !near(bs[0][2], c.y0, 0.5) || !near(bs[0][4], c.y1, 0.5) {
			t.Errorf("%q: box %v, want x %v..%v y %v..%v", c.attrs, bs, c.x0, c.x1, c.y0, c.y1)
		}
	}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func allHanOrDigit(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
