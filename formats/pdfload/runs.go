package pdfload

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"qcweave/document"
	"qcweave/layout"
)

// An item's runs (document.Run) place its text on the page while the page
// is laid out: Src counts runes of the item's text (its cells joined by a
// tab), X0/X1 are device x, Y0 the bottom and Y1 the top of the glyphs in
// device space (y up), Page is unset. placeRuns turns them into the
// document's top-left coordinates once the page is laid out.

// Glyph extents above and below the baseline, in font sizes: a typical
// CJK font's ascent and descent.
const (
	ascent  = 0.88
	descent = 0.12
)

// addRun places n runes of glyph g at rune pos of a line: the last run
// grows when g follows it on the same baseline, touching it, with the same
// width a rune or, in a word of Latin letters and digits (word: neither g
// nor the rune before it is CJK), with any width (a quote rarely ends
// inside a word: one run a word keeps a Latin page's runs few); else a run
// starts.
func addRun(rs []document.Run, pos int, n int, g glyph, word bool) []document.Run {
	if n <= 0 {
		return rs
	}
	x0, x1 := g.x, g.x+max(g.w, 0)
	y0, y1 := g.y-descent*g.size, g.y+ascent*g.size
	if k := len(rs); k > 0 {
		r := &rs[k-1]
		w := float64(r.X1-r.X0) / float64(r.N)
		tol := 0.05 * g.size
		if int(r.Src+r.N) == pos && math.Abs(float64(r.Y0)-y0) < tol && math.Abs(float64(r.Y1)-y1) < tol &&
			math.Abs(float64(r.X1)-x0) < tol && (word || math.Abs(w-(x1-x0)/float64(n)) < tol) {
			r.N += int32(n)
			r.X1 = float32(x1)
			return rs
		}
	}
	return append(rs, document.Run{Src: int32(pos), N: int32(n), X0: float32(x0), Y0: float32(y0), X1: float32(x1), Y1: float32(y1)})
}

// shiftRuns appends to dst the runs of rs moved by delta runes.
func shiftRuns(dst, rs []document.Run, delta int) []document.Run {
	for _, r := range rs {
		r.Src += int32(delta)
		dst = append(dst, r)
	}
	return dst
}

// clipRuns returns the parts of rs within runes [lo, hi), moved by -lo.
func clipRuns(rs []document.Run, lo, hi int) []document.Run {
	if lo == 0 && (len(rs) == 0 || int(rs[len(rs)-1].Src+rs[len(rs)-1].N) <= hi) {
		return rs // all within: no copy
	}
	var out []document.Run
	for _, r := range rs {
		a, b := max(int(r.Src), lo), min(int(r.Src+r.N), hi)
		if a >= b {
			continue
		}
		w := (r.X1 - r.X0) / float32(r.N)
		c := r
		c.X0 = r.X0 + w*float32(a-int(r.Src))
		c.X1 = r.X0 + w*float32(b-int(r.Src))
		c.Src, c.N = int32(a-lo), int32(b-a)
		out = append(out, c)
	}
	return out
}

// cellRuns splits an item's runs by cell, each relative to its cell.
func cellRuns(cells []string, rs []document.Run) [][]document.Run {
	out := make([][]document.Run, len(cells))
	if len(rs) == 0 {
		return out
	}
	off := 0
	for i, c := range cells {
		n := utf8.RuneCountInString(c)
		out[i] = clipRuns(rs, off, off+n)
		off += n + 1
	}
	return out
}

// joinedRuns puts cells' runs back into one item's: cell i starts after
// the cells before it and a tab each.
func joinedRuns(cells []string, crs [][]document.Run) []document.Run {
	var out []document.Run
	off := 0
	for i, c := range cells {
		if i < len(crs) {
			out = shiftRuns(out, crs[i], off)
		}
		off += utf8.RuneCountInString(c) + 1
	}
	return out
}

// itemLen is the length in runes of an item's text (its cells joined by a
// tab).
func itemLen(it item) int {
	if it.cells == nil {
		return utf8.RuneCountInString(it.text)
	}
	n := len(it.cells) - 1
	for _, c := range it.cells {
		n += utf8.RuneCountInString(c)
	}
	return n
}

// joinCellLinesRuns is joinCellLines that also joins the parts' runs (nil
// for none).
func joinCellLinesRuns(parts []string, prs [][]document.Run) (string, []document.Run) {
	var b strings.Builder
	var out []document.Run
	n := 0 // runes in b
	var last rune
	for i, p := range parts {
		lead := len(p) - len(strings.TrimLeftFunc(p, unicode.IsSpace))
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			first, _ := utf8.DecodeRuneInString(p)
			if !layout.IsCJK(last) && !layout.IsCJK(first) {
				b.WriteByte(' ')
				n++
			}
		}
		m := utf8.RuneCountInString(p)
		if i < len(prs) {
			l := utf8.RuneCountInString(parts[i][:lead])
			if rs := clipRuns(prs[i], l, l+m); n == 0 && out == nil {
				out = rs // the first part's runs, not copied (callers append to a copy)
			} else {
				out = shiftRuns(out, rs, n)
			}
		}
		b.WriteString(p)
		n += m
		last, _ = utf8.DecodeLastRuneInString(p)
	}
	return b.String(), out
}

// placement maps device space to a page's top-left coordinates in points:
// the crop box's corner, the page's rotation and the unit's size.
type placement struct {
	crop   box
	rotate int     // 0, 90, 180 or 270 (clockwise, as displayed)
	scale  float64 // points a unit
}

// size returns the displayed page's width and height in points.
func (p placement) size() document.PageSize {
	w, h := (p.crop.x1-p.crop.x0)*p.scale, (p.crop.y1-p.crop.y0)*p.scale
	if p.rotate == 90 || p.rotate == 270 {
		w, h = h, w
	}
	return document.PageSize{W: math.Round(w*100) / 100, H: math.Round(h*100) / 100}
}

// point maps a device point.
func (p placement) point(x, y float64) (float64, float64) {
	c := p.crop
	var u, v float64
	switch p.rotate {
	case 90:
		u, v = y-c.y0, x-c.x0
	case 180:
		u, v = c.x1-x, y-c.y0
	case 270:
		u, v = c.y1-y, c.x1-x
	default:
		u, v = x-c.x0, c.y1-y
	}
	return u * p.scale, v * p.scale
}

// placeRuns gives the runs of a page's items their page and top-left
// coordinates.
func placeRuns(items []item, page int, p placement) {
	for i := range items {
		for k := range items[i].runs {
			r := &items[i].runs[k]
			ax, ay := p.point(float64(r.X0), float64(r.Y0))
			bx, by := p.point(float64(r.X1), float64(r.Y1))
			r.Page = int32(page)
			r.X0, r.Y0, r.X1, r.Y1 = float32(min(ax, bx)), float32(min(ay, by)), float32(max(ax, bx)), float32(max(ay, by))
		}
	}
}
