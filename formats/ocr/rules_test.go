package ocr

import (
	goimage "image"
	"math"
	"testing"
)

// The rules of a ruled table, drawn a little askew and thin as a scan
// gives them, are painted out; the strokes of the characters in its
// cells, shorter than a rule and some touching it, stay.
func TestEraseRules(t *testing.T) {
	const dpi = 150
	g := goimage.NewGray(goimage.Rect(0, 0, 1200, 900))
	for i := range g.Pix {
		g.Pix[i] = 0xe0 // grey paper
	}
	skew := math.Tan(1.3 * math.Pi / 180)
	ink := func(x, y int, v uint8) {
		if x >= 0 && y >= 0 && x < 1200 && y < 900 {
			g.Pix[y*g.Stride+x] = v
		}
	}
	// three rows of a table, 2 pixels thick and grey, askew by 1.3°,
	// with gaps of a pixel (JPEG, toner)
	for _, y0 := range []int{100, 200, 300, 400} {
		for x := 100; x < 1100; x++ {
			if x%97 == 0 {
				continue
			}
			y := y0 + int(float64(x)*skew)
			ink(x, y, 0x60)
			ink(x, y+1, 0x80)
		}
	}
	for _, x0 := range []int{100, 300, 1100} {
		for y := 100; y < 400+int(1100*skew); y++ {
			x := x0 - int(float64(y)*skew)
			ink(x, y, 0x60)
			ink(x+1, y, 0x80)
		}
	}
	// a character's strokes in a cell: a bar of 40 pixels (a 一 at 20
	// points), a stem touching the rule under it
	stroke := func(x0, y0, x1, y1 int) {
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				ink(x, y, 0x20)
			}
		}
	}
	stroke(400, 150, 440, 153)
	stroke(500, 140, 503, 212)
	if n := eraseRules(g, dpi, int(math.Round(ruleThick*dpi))); n == 0 {
		t.Fatal("no rule found")
	}
	dark := 0
	for y := range 900 {
		for x := range 1200 {
			if g.Pix[y*g.Stride+x] < 0xa8 && !(x >= 400 && x <= 440 && y >= 150 && y <= 153) && !(x >= 500 && x <= 503 && y >= 140 && y <= 212) {
				dark++
			}
		}
	}
	if dark > 20 {
		t.Errorf("%d dark pixels of the rules are left", dark)
	}
	for _, p := range [][2]int{{420, 151}, {401, 153}, {501, 141}, {502, 200}} {
		if v := g.Pix[p[1]*g.Stride+p[0]]; v != 0x20 {
			t.Errorf("stroke pixel %v painted over (%#x)", p, v)
		}
	}
}
