package ocr

import (
	"testing"

	"qcweave/document"
)

// A page is drawn at its images' resolution within 200–300 dpi, at 250
// dpi without images, and never with more pixels than a few million: a
// large page of low-resolution strips near its own resolution.
func TestResolution(t *testing.T) {
	a4 := document.PageSize{W: 595, H: 842}
	large := document.PageSize{W: 1225.5, H: 1800}
	for _, c := range []struct {
		size document.PageSize
		ppi  float64
		want float64
	}{
		{a4, 0, 250},
		{a4, 150, 200},
		{a4, 210, 210},
		{a4, 600, 215}, // 300 dpi would be 8.7 megapixels
		{large, 96, 102},
		{large, 0, 123},
	} {
		if got := resolution(c.size, c.ppi); got != c.want {
			t.Errorf("resolution(%v, %v) = %v, want %v", c.size, c.ppi, got, c.want)
		}
	}
}

// Orientation detection's advice is taken when it is confident.
func TestParseOSD(t *testing.T) {
	for _, c := range []struct {
		out  string
		want int
	}{
		{"Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 12.5\nScript: Han\n", 90},
		{"Rotate: 180\nOrientation confidence: 0.4\n", 0},
		{"Rotate: 0\nOrientation confidence: 30\n", 0},
		{"", 0},
	} {
		if got := parseOSD([]byte(c.out)); got != c.want {
			t.Errorf("parseOSD(%q) = %d, want %d", c.out, got, c.want)
		}
	}
}

// A box found on a turned image is moved back onto the image as drawn:
// a pixel turned and its box turned back land where the pixel was.
func TestUnrotate(t *testing.T) {
	const w, h = 40, 30
	for _, rot := range []int{90, 180, 270} {
		u, v := turn(5, 7, w, h, rot)
		rs := []document.Run{{X0: float32(u), Y0: float32(v), X1: float32(u + 1), Y1: float32(v + 1)}}
		unrotateRuns(rs, rot, w, h)
		if rs[0] != (document.Run{X0: 5, Y0: 7, X1: 6, Y1: 8}) {
			t.Errorf("rot %d: %v, want the pixel at (5, 7)", rot, rs[0])
		}
	}
}
