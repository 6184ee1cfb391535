package ocr

import (
	"context"
	goimage "image"
	_ "image/jpeg" // pdfimages writes a scan's DCT images as they are
	_ "image/png"  // and the others (CCITT, JBIG2, Flate) as PNG
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"qcweave/document"
	"qcweave/internal/rlimit"
)

// inkShare is the share of dark pixels below which a page is blank: a line
// of text darkens far more; specks, a fold or a scanner's edge less.
const inkShare = 0.0005

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

// previewDPI is the resolution pages are first drawn at, all in one
// pass, to find those with nothing to read: a blank scan, a page of a
// few dots or of one shade. At 36 dpi an A4 page is about 125,000 pixels,
// and a line of text still shows as grey.
const previewDPI = 36

// emptyPages draws the wanted pages (1-based, ascending, of n) small in
// one pdftoppm run and returns those of one shade: they are neither
// rendered in full nor recognized. When the preview fails no page is
// judged empty.
func (e Engine) emptyPages(ctx context.Context, pdf, dir string, want []int, n int) map[int]bool {
	out := map[int]bool{}
	first, last := n+1, 0
	for _, p := range want {
		if p >= 1 && p <= n {
			first, last = min(first, p), max(last, p)
		}
	}
	if first > last {
		return out
	}
	prefix := filepath.Join(dir, "preview")
	cmd := exec.CommandContext(ctx, e.Pdftoppm, "-r", strconv.Itoa(previewDPI), "-gray", "-png",
		"-f", strconv.Itoa(first), "-l", strconv.Itoa(last), pdf, prefix)
	if err := rlimit.Run(cmd, rlimit.Memory); err != nil {
		return out
	}
	files, _ := filepath.Glob(prefix + "-*.png")
	wanted := map[int]bool{}
	for _, p := range want {
		wanted[p] = true
	}
	for _, f := range files {
		num := strings.TrimSuffix(f[strings.LastIndexByte(f, '-')+1:], ".png")
		p, err := strconv.Atoi(num)
		if err != nil || !wanted[p] {
			os.Remove(f)
			continue
		}
		if img, err := decodeFile(f); err == nil && uniform(img) {
			out[p] = true
		}
		os.Remove(f)
	}
	return out
}

// decodeFile decodes an image file.
func decodeFile(path string) (goimage.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := goimage.Decode(f)
	return img, err
}

// shadeGap is how far (of 255) a pixel's grey must lie from the page's
// commonest shade to be ink: more than a scan's paper grain or a JPEG's
// noise, less than the grey a line of text leaves when drawn small.
const shadeGap = 32

// uniform reports whether nearly every pixel of an image is of one shade
// (white paper, a page of specks, one grey or black): fewer than inkShare
// of them differ from the commonest shade by more than shadeGap.
func uniform(img goimage.Image) bool {
	b := img.Bounds()
	var hist [256]int
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hist[((r+g+bl)/3)>>8]++
			total++
		}
	}
	if total == 0 {
		return true
	}
	mode := 0
	for v, c := range hist {
		if c > hist[mode] {
			mode = v
		}
	}
	ink := 0
	for v, c := range hist {
		if v < mode-shadeGap || v > mode+shadeGap {
			ink += c
		}
	}
	return float64(ink) < inkShare*float64(total)
}
