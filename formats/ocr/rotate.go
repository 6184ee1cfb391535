package ocr

import (
	goimage "image"
	"image/png"
	"os"
	"strings"

	"qcweave/document"
)

// rotateFile writes beside an image file the image turned rot degrees
// clockwise (90, 180 or 270), in grey, and returns its path.
func rotateFile(path string, rot int) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	img, _, err := goimage.Decode(f)
	f.Close()
	if err != nil {
		return "", err
	}
	out := rotateGray(img, rot)
	dst := strings.TrimSuffix(path, ".png") + "-turned.png"
	w, err := os.Create(dst)
	if err != nil {
		return "", err
	}
	if err := png.Encode(w, out); err != nil {
		w.Close()
		return "", err
	}
	return dst, w.Close()
}

// rotateGray returns img turned rot degrees clockwise, in grey.
func rotateGray(img goimage.Image, rot int) *goimage.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if rot == 90 || rot == 270 {
		dw, dh = h, w
	}
	out := goimage.NewGray(goimage.Rect(0, 0, dw, dh))
	gray, _ := img.(*goimage.Gray)
	for y := range h {
		for x := range w {
			var v uint8
			if gray != nil {
				v = gray.Pix[(y)*gray.Stride+x]
			} else {
				r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				v = uint8((r + g + bl) / 3 >> 8)
			}
			u, t := turn(x, y, w, h, rot)
			out.Pix[t*out.Stride+u] = v
		}
	}
	return out
}

// turn maps pixel (x, y) of a w×h image to its place in the image turned
// rot degrees clockwise.
func turn(x, y, w, h, rot int) (int, int) {
	switch rot {
	case 90:
		return h - 1 - y, x
	case 180:
		return w - 1 - x, h - 1 - y
	case 270:
		return y, w - 1 - x
	}
	return x, y
}

// unturn maps a point of the image turned rot degrees clockwise back to
// the w×h image it was turned from (points, not pixels: edges map to
// edges).
func unturn(u, v float64, w, h, rot int) (float64, float64) {
	switch rot {
	case 90:
		return v, float64(h) - u
	case 180:
		return float64(w) - u, float64(h) - v
	case 270:
		return float64(w) - v, u
	}
	return u, v
}

// unrotateRuns moves runs found on an image turned rot degrees clockwise
// back onto the w×h image it was turned from.
func unrotateRuns(rs []document.Run, rot, w, h int) {
	for i := range rs {
		r := &rs[i]
		ax, ay := unturn(float64(r.X0), float64(r.Y0), w, h, rot)
		bx, by := unturn(float64(r.X1), float64(r.Y1), w, h, rot)
		r.X0, r.Y0, r.X1, r.Y1 = float32(min(ax, bx)), float32(min(ay, by)), float32(max(ax, bx)), float32(max(ay, by))
	}
}
