package ocr

import (
	goimage "image"
	"image/color"
	"testing"
)

// A page is blank when almost nothing on it is dark: white paper, paper
// with a few specks; a line of text is not.
func TestIsBlank(t *testing.T) {
	page := func(draw func(*goimage.Gray)) *goimage.Gray {
		g := goimage.NewGray(goimage.Rect(0, 0, 1000, 1400))
		for i := range g.Pix {
			g.Pix[i] = 0xff
		}
		draw(g)
		return g
	}
	for _, c := range []struct {
		name string
		img  *goimage.Gray
		want bool
	}{
		{"white", page(func(*goimage.Gray) {}), true},
		{"specks", page(func(g *goimage.Gray) {
			for i := range 20 {
				g.SetGray(37*i, 53*i, color.Gray{})
			}
		}), true},
		{"a line of text", page(func(g *goimage.Gray) {
			for x := 100; x < 900; x++ {
				if x%20 < 14 { // characters and the gaps between them
					for y := 200; y < 230; y++ {
						g.SetGray(x, y, color.Gray{Y: 0x20})
					}
				}
			}
		}), false},
		{"black", page(func(g *goimage.Gray) {
			for i := range g.Pix {
				g.Pix[i] = 0
			}
		}), false},
	} {
		if got := isBlank(c.img); got != c.want {
			t.Errorf("%s: blank %v, want %v", c.name, got, c.want)
		}
	}
}
