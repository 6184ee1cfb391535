package ocr

import (
	"context"
	"fmt"
	goimage "image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"sort"
	"strings"
	"unicode/utf8"

	"qcweave/internal/rlimit"
)

// A second look: the words holding digits that tesseract read with
// doubt are cut out of the page, drawn larger and read again as digits
// only (its Latin model, the characters limited to digits) in one call
// per page that also reports, for each digit, the others it weighed
// (lstm_choice_mode). A 200-dpi scan's 0 reads as 9 or 6 in many
// sans-serif fonts when read among Chinese characters, and right so;
// where the second reading is surer it replaces the first, and the
// digits weighed are kept as alternatives for the document's check of
// its dates against its period and the calendar (Correct).

// Choice is a character tesseract weighed for a position, with its
// confidence (0..100).
type Choice struct {
	Text string
	Conf float64
}

// doubtfulConf is the word confidence below which a word holding a digit
// is read again.
const (
	doubtfulConf = 90
	// lookScale is how much larger the words are drawn for their second
	// reading (a 200-dpi scan's digits read well at 300 dpi).
	lookScale = 1.5
	// maxLooks bounds the words read again on one page.
	maxLooks = 60
)

// doubtful returns the indices of the words to read again.
func doubtful(words []Word) []int {
	var out []int
	for i, w := range words {
		if w.Conf >= doubtfulConf {
			continue
		}
		if strings.IndexFunc(w.Text, isDigit) < 0 {
			continue
		}
		out = append(out, i)
		if len(out) == maxLooks {
			break
		}
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// slot is where a word cut out for a second look lies on the sheet of
// cut-outs: its window's rows on the sheet, and the window's left edge
// on the page (pixels).
type slot struct {
	word   int
	y0, y1 int
	x0     int
}

// secondLook reads again the doubtful words of a page image (path) and
// returns the words with the surer readings and the digits' alternatives.
// On any failure the words are returned as they were.
func (e Engine) secondLook(ctx context.Context, path string, words []Word) []Word {
	picks := doubtful(words)
	if len(picks) == 0 || e.Digits == "" {
		return words
	}
	img, err := decodeGray(path)
	if err != nil {
		return words
	}
	sheet, slots := cutOut(img, words, picks)
	if sheet == nil {
		return words
	}
	out := path + "-look.png"
	f, err := os.Create(out)
	if err != nil {
		return words
	}
	err = png.Encode(f, sheet)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return words
	}
	cmd := exec.CommandContext(ctx, e.Tesseract, out, "stdout", "-l", e.Digits, "--psm", "6", "-c", "tessedit_do_invert=0",
		"-c", "tessedit_char_whitelist=0123456789", "-c", "lstm_choice_mode=2", "-c", "hocr_char_boxes=1", "hocr")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	b, err := rlimit.Output(cmd, rlimit.Memory)
	if err != nil {
		return words
	}
	return applyLooks(words, slots, parseHOCR(b))
}

// decodeGray reads an image file in grey.
func decodeGray(path string) (*goimage.Gray, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := goimage.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("ocr: %s: %w", path, err)
	}
	if g, ok := img.(*goimage.Gray); ok {
		return g, nil
	}
	b := img.Bounds()
	g := goimage.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return g, nil
}

// cutOut draws the picked words, each with a little room on either side
// (no more than half the gap to the words beside it), lookScale times
// larger, one under another on a white sheet.
func cutOut(img *goimage.Gray, words []Word, picks []int) (*goimage.Gray, []slot) {
	type rect struct{ x0, y0, x1, y1 int }
	var rects []rect
	width, height := 0, 0
	b := img.Bounds()
	for _, i := range picks {
		w := words[i]
		h := w.Height
		left, right := w.Left-0.3*h, w.Left+w.Width+0.3*h
		if i > 0 && words[i-1].Line == w.Line && words[i-1].Block == w.Block && words[i-1].Par == w.Par {
			left = max(left, (w.Left+words[i-1].Left+words[i-1].Width)/2)
		}
		if i+1 < len(words) && words[i+1].Line == w.Line && words[i+1].Block == w.Block && words[i+1].Par == w.Par {
			right = min(right, (words[i+1].Left+w.Left+w.Width)/2)
		}
		// the line's band: the median top and bottom of the words in the
		// window (a word's box may reach into the lines around it)
		var tops, bottoms []float64
		for _, v := range words {
			if v.Block == w.Block && v.Par == w.Par && v.Line == w.Line && v.Left+v.Width > left && v.Left < right {
				tops, bottoms = append(tops, v.Top), append(bottoms, v.Top+v.Height)
			}
		}
		sort.Float64s(tops)
		sort.Float64s(bottoms)
		top, bottom := tops[len(tops)/2], bottoms[len(bottoms)/2]
		pad := 0.2 * (bottom - top)
		top, bottom = top-pad, bottom+pad
		r := rect{int(left), int(top), int(right + 1), int(bottom + 1)}
		r.x0, r.y0 = max(r.x0, b.Min.X), max(r.y0, b.Min.Y)
		r.x1, r.y1 = min(r.x1, b.Max.X), min(r.y1, b.Max.Y)
		if r.x1 <= r.x0 || r.y1 <= r.y0 {
			r = rect{}
		}
		rects = append(rects, r)
		width = max(width, int(float64(r.x1-r.x0)*lookScale))
		height += int(float64(r.y1-r.y0)*lookScale) * 2 // the cut-out and a gap as high
	}
	if width == 0 {
		return nil, nil
	}
	const margin = 40
	sheet := goimage.NewGray(goimage.Rect(0, 0, width+2*margin, height+2*margin))
	for i := range sheet.Pix {
		sheet.Pix[i] = 0xFF
	}
	var slots []slot
	y := margin
	for k, r := range rects {
		if r == (rect{}) {
			continue
		}
		h := scaleInto(sheet, margin, y, img, r.x0, r.y0, r.x1, r.y1, lookScale)
		slots = append(slots, slot{word: picks[k], y0: y, y1: y + h, x0: r.x0 - int(math.Round(margin/lookScale))})
		y += 2 * h
	}
	return sheet, slots
}

// scaleInto draws src's rectangle (x0,y0)-(x1,y1) s times larger at
// (dx, dy) of dst, interpolating bilinearly, and returns its height.
func scaleInto(dst *goimage.Gray, dx, dy int, src *goimage.Gray, x0, y0, x1, y1 int, s float64) int {
	w, h := int(float64(x1-x0)*s), int(float64(y1-y0)*s)
	at := func(x, y int) float64 {
		x, y = min(max(x, x0), x1-1), min(max(y, y0), y1-1)
		return float64(src.Pix[(y-src.Rect.Min.Y)*src.Stride+x-src.Rect.Min.X])
	}
	for j := 0; j < h; j++ {
		fy := (float64(j)+0.5)/s - 0.5
		iy := int(math.Floor(fy))
		ty := fy - float64(iy)
		for i := 0; i < w; i++ {
			fx := (float64(i)+0.5)/s - 0.5
			ix := int(math.Floor(fx))
			tx := fx - float64(ix)
			v := (at(x0+ix, y0+iy)*(1-tx)+at(x0+ix+1, y0+iy)*tx)*(1-ty) +
				(at(x0+ix, y0+iy+1)*(1-tx)+at(x0+ix+1, y0+iy+1)*tx)*ty
			dst.Pix[(dy+j)*dst.Stride+dx+i] = uint8(v + 0.5)
		}
	}
	return h
}

// applyLooks puts the second readings in place. A word's digits are
// matched with the digits read for it (the other characters kept): where
// as many were read and surer, they replace the first reading; either way
// the digits weighed at each place are kept as its alternatives.
func applyLooks(words []Word, slots []slot, syms []symbol) []Word {
	out := make([]Word, len(words))
	copy(out, words)
	for _, s := range slots {
		w := &out[s.word]
		tol := 0.25 * w.Height
		var got []symbol
		for _, y := range syms {
			cy := (y.box[1] + y.box[3]) / 2
			cx := float64(s.x0) + (y.box[0]+y.box[2])/2/lookScale
			if cy >= float64(s.y0) && cy < float64(s.y1) && cx >= w.Left-tol && cx <= w.Left+w.Width+tol {
				got = append(got, y)
			}
		}
		old := []rune(w.Text)
		var places []int // the digits' places in the word
		for k, r := range old {
			if isDigit(r) {
				places = append(places, k)
			}
		}
		if len(places) == 0 || len(got) != len(places) {
			continue
		}
		text := append([]rune(nil), old...)
		alts := make([][]Choice, len(old))
		sum := 0.0
		for k, y := range got {
			r, _ := utf8.DecodeRuneInString(y.text)
			if !isDigit(r) || utf8.RuneCountInString(y.text) != 1 {
				text = nil
				break
			}
			p := places[k]
			text[p] = r
			sum += y.conf
			for _, c := range append([]Choice{{string(old[p]), w.Conf}}, y.alts...) {
				if c.Text != y.text && c.Conf > 0 && len(c.Text) == 1 && isDigit(rune(c.Text[0])) && !hasChoice(alts[p], c.Text) {
					alts[p] = append(alts[p], c)
				}
			}
		}
		if text == nil {
			continue
		}
		if conf := sum / float64(len(got)); conf > w.Conf {
			w.Text, w.Conf = string(text), conf
		} else {
			// the first reading stays; the second's digits are its
			// alternatives
			for _, p := range places {
				alts[p] = nil
				if r := text[p]; r != old[p] {
					alts[p] = []Choice{{string(r), conf}}
				}
			}
		}
		for _, a := range alts {
			if len(a) > 0 {
				w.Alts = alts
				break
			}
		}
	}
	return out
}

func hasChoice(cs []Choice, t string) bool {
	for _, c := range cs {
		if c.Text == t {
			return true
		}
	}
	return false
}
