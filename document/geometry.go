package document

import (
	"math"
	"sort"
)

// Run places a run of the decoded source on its page: the N runes from
// source offset Src on, set on one line in glyphs of equal width (a run of
// CJK characters, of digits, or a single glyph) or making one Latin word,
// and rune k of the run is taken to cover the k-th N-th of [X0, X1) (exact
// for glyphs of equal width). Coordinates are PDF points from the
// page's top-left corner (y grows downwards); Y0 is the top of the line,
// Y1 its bottom. A loader gives each line's runs relative to the line's
// first rune (layout.Line.Runs); the document's runs have absolute source
// offsets, in ascending order and not overlapping.
type Run struct {
	Src, N         int32
	Page           int32
	X0, Y0, X1, Y1 float32
}

// PageSize is the width and height of a page, in points: the rectangle a
// renderer draws (the PDF's crop box, an OFD page's physical box, a scanned
// page's image at its resolution).
type PageSize struct {
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Box is a rectangle on a page: the page (1-based), then x0, y0, x1, y1 in
// points from the page's top-left corner.
type Box [5]float64

// Boxes returns the rectangles that the text of a span covers on its
// pages: one per line fragment (a line, or a table cell's line), in text
// order. A document of a format without pages, or text the layout made up
// (a line break, a joined space), has none.
func (d *Document) Boxes(s Span) []Box {
	if len(d.Runs) == 0 || len(d.Source) == 0 {
		return nil
	}
	s.Start, s.End = max(s.Start, 0), min(s.End, len(d.Source))
	var out []Box
	k := -1 // the run of the last rune
	var lo, hi int32
	flush := func() {
		if k < 0 {
			return
		}
		r := d.Runs[k]
		w := (r.X1 - r.X0) / float32(max(r.N, 1))
		b := Box{float64(r.Page), float64(r.X0 + w*float32(lo-r.Src)), float64(r.Y0), float64(r.X0 + w*float32(hi+1-r.Src)), float64(r.Y1)}
		if n := len(out); n > 0 && sameLine(out[n-1], b) {
			out[n-1] = Box{b[0], math.Min(out[n-1][1], b[1]), math.Min(out[n-1][2], b[2]), math.Max(out[n-1][3], b[3]), math.Max(out[n-1][4], b[4])}
		} else {
			out = append(out, b)
		}
		k = -1
	}
	for i := s.Start; i < s.End; i++ {
		src := d.Source[i]
		if k >= 0 && src >= d.Runs[k].Src && src < d.Runs[k].Src+d.Runs[k].N {
			lo, hi = min(lo, src), max(hi, src)
			continue
		}
		flush()
		j := d.runAt(src)
		if j < 0 {
			continue
		}
		k, lo, hi = j, src, src
	}
	flush()
	for i := range out {
		for j := 1; j < 5; j++ {
			out[i][j] = math.Round(out[i][j]*10) / 10
		}
	}
	return out
}

// runAt returns the index of the run holding source offset src, or -1.
func (d *Document) runAt(src int32) int {
	j := sort.Search(len(d.Runs), func(j int) bool { return d.Runs[j].Src+d.Runs[j].N > src })
	if j == len(d.Runs) || d.Runs[j].Src > src {
		return -1
	}
	return j
}

// sameLine reports whether b goes on a from the same line: the same page,
// the lower of the two mostly within the other's height, and no wider a
// gap between them than the line is high (a column gap or another cell
// starts a new box; a recognized comma is low, its line is not).
func sameLine(a, b Box) bool {
	if a[0] != b[0] {
		return false
	}
	h := math.Min(a[4]-a[2], b[4]-b[2])
	overlap := math.Min(a[4], b[4]) - math.Max(a[2], b[2])
	if h <= 0 || overlap < 0.5*h {
		return false
	}
	gap := math.Max(b[1]-a[3], a[1]-b[3])
	return gap <= math.Max(a[4]-a[2], b[4]-b[2])
}

// PageSizeOf returns the size of a page, or the zero size when unknown.
func (d *Document) PageSizeOf(page int) PageSize {
	if page < 1 || page > len(d.PageSizes) {
		return PageSize{}
	}
	return d.PageSizes[page-1]
}
