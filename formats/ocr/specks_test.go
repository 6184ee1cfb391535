package ocr

import (
	goimage "image"
	"math/rand"
	"slices"
	"testing"
)

// median9 finds the middle of nine values.
func TestMedian9(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 2000 {
		var v [9]uint8
		for i := range v {
			v[i] = uint8(r.Intn(256))
		}
		s := v[:]
		s = slices.Clone(s)
		slices.Sort(s)
		if got := median9(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]); got != s[4] {
			t.Fatalf("median9 %v = %d, want %d", s, got, s[4])
		}
	}
}

// A page of grey paper strewn with specks of toner is speckled, and the
// median takes the specks out and keeps the strokes of its characters
// (three pixels wide at 300 dpi); a page of the same strokes on clean
// paper is not speckled.
func TestSpecks(t *testing.T) {
	page := func(specks bool) *goimage.Gray {
		g := goimage.NewGray(goimage.Rect(0, 0, 800, 600))
		for i := range g.Pix {
			g.Pix[i] = 0xc8
		}
		for y := 100; y < 500; y += 40 { // lines of characters' strokes
			for x := 100; x < 700; x += 30 {
				for k := range 20 {
					for d := range 3 {
						g.Pix[(y+d)*g.Stride+x+k] = 0x20 // 一
						g.Pix[(y+k)*g.Stride+x+d] = 0x20 // 丨
					}
				}
			}
		}
		if specks {
			r := rand.New(rand.NewSource(2))
			for range 3000 {
				x, y := 1+r.Intn(797), 1+r.Intn(597)
				g.Pix[y*g.Stride+x] = 0x30
				if r.Intn(2) == 0 {
					g.Pix[y*g.Stride+x+1] = 0x40
				}
			}
		}
		return g
	}
	if speckled(page(false), 0xc8) {
		t.Error("clean page taken for speckled")
	}
	g := page(true)
	if !speckled(g, 0xc8) {
		t.Fatal("speckled page not found")
	}
	m := median3(g)
	if speckled(m, 0xc8) {
		t.Error("specks left after the median")
	}
	clean := page(false)
	lost := 0
	for y := 1; y < 599; y++ {
		for x := 1; x < 799; x++ {
			if clean.Pix[y*clean.Stride+x] < 0x80 && m.Pix[y*m.Stride+x] >= 0x80 && !near(clean, x, y) {
				lost++ // a stroke's pixel (not at its edge) taken out
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d pixels inside strokes taken out", lost)
	}
}

// near reports whether a pixel lies next to the edge of a stroke, where
// a speck beside it may stay.
func near(g *goimage.Gray, x, y int) bool {
	c := g.Pix[y*g.Stride+x] < 0x80
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if (g.Pix[(y+dy)*g.Stride+x+dx] < 0x80) != c {
				return true
			}
		}
	}
	return false
}
