package ocr

import goimage "image"

// A photocopy, or a scan of one, is strewn with specks of toner. Read as
// they are, they become stops and quote marks between a table's cells
// (and join cells the gap would part) and hide the thin digits of a row
// number. A page drawn finely enough (strokes several pixels wide) that
// shows many specks is smoothed by a median of 3×3 pixels before it is
// read: it takes out a speck of up to two pixels and keeps a stroke of
// two or more.

// speckDPI is the finest resolution at which a page is smoothed: below
// it a thin stroke is a pixel wide and the median would take it out.
const speckDPI = 250

// speckShare is the share of the ink's pixels, in specks, above which a
// page is strewn with them (a photocopy has ten times as many): a page
// of clean text has next to none (the dot of a stop is larger than a
// speck).
const speckShare = 0.002

// speckled reports whether a grey image is strewn with specks: small
// spots (up to 5×5 pixels) darker than the paper's grain, with paper all
// around them, among its ink. A speck of toner that a JPEG smeared is
// grey, lighter than a stroke; it counts.
func speckled(g *goimage.Gray, paper uint8) bool {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	thr := uint8(max(0, int(paper)-speckContrast))
	ink, specks := 0, 0
	for y := 3; y < h-3; y += 2 {
		row := g.Pix[y*g.Stride:]
		for x := 3; x < w-3; x++ {
			if row[x] >= thr {
				continue
			}
			ink++
			// the ring of pixels three away is all paper
			alone := true
			for d := -3; d <= 3 && alone; d++ {
				if g.Pix[(y-3)*g.Stride+x+d] < thr || g.Pix[(y+3)*g.Stride+x+d] < thr ||
					g.Pix[(y+d)*g.Stride+x-3] < thr || g.Pix[(y+d)*g.Stride+x+3] < thr {
					alone = false
				}
			}
			if alone {
				specks++
			}
		}
	}
	return ink > 0 && float64(specks) > speckShare*float64(ink)
}

// speckContrast is how much darker than the paper a pixel must be to be
// ink or a speck: more than the paper's grain.
const speckContrast = 24

// median3 returns g smoothed by the median of each pixel's 3×3
// neighbourhood (the border kept as it is).
func median3(g *goimage.Gray) *goimage.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := cloneGray(g)
	for y := 1; y < h-1; y++ {
		a, b, c := g.Pix[(y-1)*g.Stride:], g.Pix[y*g.Stride:], g.Pix[(y+1)*g.Stride:]
		dst := out.Pix[y*out.Stride:]
		for x := 1; x < w-1; x++ {
			dst[x] = median9(a[x-1], a[x], a[x+1], b[x-1], b[x], b[x+1], c[x-1], c[x], c[x+1])
		}
	}
	return out
}

// median9 returns the median of nine values: a sorting network that
// finds only the middle one (19 exchanges).
func median9(p0, p1, p2, p3, p4, p5, p6, p7, p8 uint8) uint8 {
	p1, p2 = min(p1, p2), max(p1, p2)
	p4, p5 = min(p4, p5), max(p4, p5)
	p7, p8 = min(p7, p8), max(p7, p8)
	p0, p1 = min(p0, p1), max(p0, p1)
	p3, p4 = min(p3, p4), max(p3, p4)
	p6, p7 = min(p6, p7), max(p6, p7)
	p1, p2 = min(p1, p2), max(p1, p2)
	p4, p5 = min(p4, p5), max(p4, p5)
	p7, p8 = min(p7, p8), max(p7, p8)
	p3 = max(p0, p3)
	p5 = min(p5, p8)
	p4, p7 = min(p4, p7), max(p4, p7)
	p6 = max(p3, p6)
	p4 = max(p1, p4)
	p2 = min(p2, p5)
	p4 = min(p4, p7)
	p4, p2 = min(p4, p2), max(p4, p2)
	p4 = max(p6, p4)
	return min(p4, p2)
}
