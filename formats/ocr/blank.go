package ocr

import (
	goimage "image"
	_ "image/jpeg" // pdfimages writes a scan's DCT images as they are
	_ "image/png"  // and the others (CCITT, JBIG2, Flate) as PNG
	"os"

	"qcweave/document"
)

// inkShare is the share of dark pixels below which a page is blank: a line
// of text darkens far more; specks, a fold or a scanner's edge less.
const inkShare = 0.0005

// blank reports whether a page image holds no ink: tesseract is not run on
// it. An image Go cannot decode is not judged blank.
func blank(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	img, _, err := goimage.Decode(f)
	if err != nil {
		return false
	}
	return isBlank(img)
}

// isBlank samples the image on a grid of at most about 250,000 points and
// counts the dark ones.
func isBlank(img goimage.Image) bool {
	b := img.Bounds()
	step := max(1, max(b.Dx(), b.Dy())/500)
	dark, total := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				dark++
			}
			total++
		}
	}
	return total == 0 || float64(dark) < inkShare*float64(total)
}

// imageSize returns the pixel size of an image file, read from its header.
func imageSize(path string) (int, int, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	c, _, err := goimage.DecodeConfig(f)
	if err != nil {
		return 0, 0, false
	}
	return c.Width, c.Height, true
}

// scaleRuns converts runs in pixels to points, scale points a pixel.
func scaleRuns(rs []document.Run, scale float64) {
	if scale <= 0 {
		return
	}
	for i := range rs {
		r := &rs[i]
		r.X0, r.Y0, r.X1, r.Y1 = float32(float64(r.X0)*scale), float32(float64(r.Y0)*scale), float32(float64(r.X1)*scale), float32(float64(r.Y1)*scale)
	}
}
