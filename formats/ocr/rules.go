package ocr

import (
	goimage "image"
	"image/png"
	"os"
	"sort"
	"strings"
)

// A ruled table (cell borders drawn as lines) makes tesseract's reading of
// a page as one uniform block lose the table: the rules are taken for
// pictures and the rows inside them are never read. So the rules are
// taken out of a page image before it is read: a dark line longer than
// ruleInch, followed pixel by pixel (it may drift a pixel up or down as a
// page scanned askew does, and lose a pixel or two to JPEG or toner), is
// no stroke of a character (a character is far smaller) and is painted
// the paper's shade, as thick as it is drawn.

// ruleInch is the length (inches) from which a straight dark line is a
// rule: longer than a stroke of any character of a notice (a 版头 set at
// 50 points is 0.7 inch wide).
const ruleInch = 1.0

// ruleThick is the thickest rule (inches) taken out whole: where a dark
// run across the line is thicker, a character touches the rule, and only
// the rule's own thickness is painted.
const ruleThick = 1.0 / 25

// ruleGap is how many light pixels a rule may lose in a row and still be
// one line (JPEG ringing, toner that did not take).
const ruleGap = 2

// cleanPage prepares a page image drawn at dpi for reading: a page
// strewn with specks is smoothed (see speckled), the rules of its tables
// are taken out. When either changed it, the new image is written beside
// it and its path returned; otherwise "" (the image is read as it is).
func cleanPage(path string, img goimage.Image, dpi float64) string {
	g, ok := img.(*goimage.Gray)
	if !ok {
		g = toGray(img)
	}
	changed := false
	if dpi >= speckDPI && speckled(g, paperShade(g)) {
		g, changed = median3(g), true
	} else {
		g = cloneGray(g)
	}
	if eraseRules(g, int(ruleInch*dpi), max(1, int(ruleThick*dpi+0.5))) > 0 {
		changed = true
	}
	if !changed {
		return ""
	}
	dst := strings.TrimSuffix(strings.TrimSuffix(path, ".png"), ".jpg") + "-clean.png"
	w, err := os.Create(dst)
	if err != nil {
		return ""
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, g); err != nil {
		w.Close()
		return ""
	}
	if w.Close() != nil {
		return ""
	}
	return dst
}

// toGray converts an image to grey.
func toGray(img goimage.Image) *goimage.Gray {
	b := img.Bounds()
	g := goimage.NewGray(goimage.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			r, gr, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			g.Pix[y*g.Stride+x] = uint8((r + gr + bl) / 3 >> 8)
		}
	}
	return g
}

// cloneGray returns a copy of g whose origin is (0, 0).
func cloneGray(g *goimage.Gray) *goimage.Gray {
	b := g.Bounds()
	out := goimage.NewGray(goimage.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], g.Pix[(y)*g.Stride:(y)*g.Stride+b.Dx()])
	}
	return out
}

// eraseRules paints over, in the paper's shade, the horizontal and
// vertical lines of g at least minLen pixels long, up to thick pixels
// thick, and returns how many lines it found. Both directions are found
// on the image as it was, so that a rule crossing another is whole.
func eraseRules(g *goimage.Gray, minLen, thick int) int {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w < minLen && h < minLen {
		return 0
	}
	paper := paperShade(g)
	// a rule's pixel: darker than three quarters of the paper (a thin
	// rule drawn small or askew is grey, not black)
	thr := uint8(int(paper) * 3 / 4)
	ink := make([]bool, w*h)
	for y := range h {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x, v := range row {
			ink[y*w+x] = v < thr
		}
	}
	seen := make([]bool, w*h)
	// a horizontal line runs along x (a step of 1 in the mask), a
	// vertical one along y (a step of w)
	hor := traceLines(ink, seen, w, h, 1, w, minLen)
	clear(seen)
	ver := traceLines(ink, seen, h, w, w, 1, minLen)
	if len(hor) == 0 && len(ver) == 0 {
		return 0
	}
	// the dark run across a line through each of its pixels: painted
	// whole when it is no thicker than a rule, else (a character
	// touches the rule) only the rule's thickness around the line
	var cells []int
	paint := func(lines [][]int, across, lv int) {
		for _, l := range lines {
			for _, i := range l {
				v := i / across % lv
				if across == 1 {
					v = i % w
				}
				a, b := 0, 0 // pixels of ink before and after i, across the line
				for v-a > 0 && ink[i-(a+1)*across] && a <= thick {
					a++
				}
				for v+b < lv-1 && ink[i+(b+1)*across] && b <= thick {
					b++
				}
				if a+b+1 > thick {
					a, b = min(a, thick/2), min(b, thick/2)
				}
				for k := -a; k <= b; k++ {
					cells = append(cells, i+k*across)
				}
			}
		}
	}
	paint(hor, w, h)
	paint(ver, 1, w)
	for _, i := range cells {
		g.Pix[i/w*g.Stride+i%w] = paper
	}
	return len(hor) + len(ver)
}

// traceLines returns the lines of a mask at least minLen long that run
// along one of its axes, each as the indexes of its pixels: lu pixels
// along that axis (a step of su in the mask), lv across it (a step of
// sv). A line is followed a pixel at a time, a pixel to either side
// when it drifts (a page askew), over gaps of up to ruleGap pixels.
// seen marks the pixels of the lines followed.
func traceLines(m, seen []bool, lu, lv, su, sv, minLen int) [][]int {
	var out [][]int
	var path []int
	// the pixels in mask order, so that each line is found from its
	// first pixel along its axis
	for i := range m {
		if !m[i] || seen[i] {
			continue
		}
		u, v := i%sv, i/sv
		if su != 1 {
			u, v = i/su, i%su
		}
		if u+minLen > lu {
			continue
		}
		path = append(path[:0], i)
		seen[i] = true
		cu, cv := u, v
		for {
			next := false
			for step := 1; step <= ruleGap+1 && !next && cu+step < lu; step++ {
				nu := cu + step
				for _, dv := range [3]int{0, -1, 1} {
					if nv := cv + dv; nv >= 0 && nv < lv && m[nu*su+nv*sv] {
						cu, cv, next = nu, nv, true
						break
					}
				}
			}
			if !next {
				break
			}
			j := cu*su + cv*sv
			seen[j] = true
			path = append(path, j)
		}
		if cu-u+1 >= minLen {
			out = append(out, append([]int(nil), path...))
		}
	}
	return out
}

// paperShade returns the commonest shade of a grey image, sampled: the
// paper's.
func paperShade(g *goimage.Gray) uint8 {
	var hist [256]int
	w, h := g.Rect.Dx(), g.Rect.Dy()
	step := max(1, max(w, h)/500)
	for y := 0; y < h; y += step {
		row := g.Pix[y*g.Stride:]
		for x := 0; x < w; x += step {
			hist[row[x]]++
		}
	}
	shades := make([]int, 256)
	for i := range shades {
		shades[i] = i
	}
	sort.SliceStable(shades, func(a, b int) bool { return hist[shades[a]] > hist[shades[b]] })
	return uint8(shades[0])
}
