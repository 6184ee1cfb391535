package ofd

import (
	"math"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/layout"
)

// An OFD glyph's box is its place on the page in millimetres converted to
// points: the title of the sample is set at x 30 mm, on a baseline 45 mm
// from the top, 5 mm glyphs advancing 5 mm; "关于公布" spans 30..50 mm.
// The pages are A4 (210 × 297 mm) in points.
func TestBoxes(t *testing.T) {
	res, err := Read(pkg(sample()))
	if err != nil {
		t.Fatal(err)
	}
	doc := layout.Build(res.Lines)
	i := strings.Index(doc.Text, "关于公布")
	if i < 0 {
		t.Fatal("the title is not in the text")
	}
	start := len([]rune(doc.Text[:i]))
	bs := doc.Boxes(document.Span{Start: start, End: start + 4})
	const pt = 72 / 25.4
	want := document.Box{1, 30 * pt, (45 - 0.88*5) * pt, 50 * pt, (45 + 0.12*5) * pt}
	if len(bs) != 1 {
		t.Fatalf("boxes %v, want one", bs)
	}
	for k := range want {
		if math.Abs(bs[0][k]-want[k]) > 0.2 {
			t.Errorf("box %v, want %v", bs[0], want)
			break
		}
	}
	if len(res.PageSizes) != 2 || math.Abs(res.PageSizes[0].W-210*pt) > 0.1 || math.Abs(res.PageSizes[0].H-297*pt) > 0.1 {
		t.Errorf("page sizes %v, want two A4 pages in points", res.PageSizes)
	}
}
