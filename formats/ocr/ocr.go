// Package ocr reads scanned PDF pages with tesseract (chi_sim): each
// page's image is taken straight from the PDF with poppler's pdfimages (a
// scan is one JPEG or CCITT/JBIG2 image per page), rendered with pdftoppm
// only when a page is not a single image, and recognized in parallel.
// Tesseract finds the lines (taking out a slight skew) in reading order;
// their words' boxes give the geometry the layout uses for a born-digital
// page: wide gaps between words are cell boundaries (a table row), a line
// that reaches the right margin wraps, an indented one starts a
// paragraph. The programs are found at run time; without them scans are
// refused as before.
package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"qcweave/document"
	"qcweave/internal/rlimit"
	"qcweave/layout"
)

// Engine is the OCR toolchain: the paths of the programs it runs.
type Engine struct {
	Tesseract, Pdfimages, Pdftoppm, Pdfinfo string
	// Lang is tesseract's language (default chi_sim).
	Lang string
	// Workers is how many pages are recognized at once (default 2).
	Workers int
}

// Find returns the engine of the programs on PATH, and whether all are
// there (tesseract with its chi_sim data, and poppler's tools).
func Find() (Engine, bool) {
	var e Engine
	for _, p := range []struct {
		name string
		dst  *string
	}{{"tesseract", &e.Tesseract}, {"pdfimages", &e.Pdfimages}, {"pdftoppm", &e.Pdftoppm}, {"pdfinfo", &e.Pdfinfo}} {
		path, err := exec.LookPath(p.name)
		if err != nil {
			return Engine{}, false
		}
		*p.dst = path
	}
	out, err := exec.Command(e.Tesseract, "--list-langs").CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("chi_sim")) {
		return Engine{}, false
	}
	return e, true
}

// Result is the text of a scanned PDF as layout lines, its number of
// pages and each page's mean word confidence (0..100).
type Result struct {
	Lines      []layout.Line
	Pages      int
	Confidence []float64
	// PageSizes are the sizes in points of the pages' images at their
	// resolution (zero for a page without one); the lines' runs are in
	// points on them.
	PageSizes []document.PageSize
}

// Errors a scan can be refused with.
var (
	// ErrNoText is returned when no page yields any word.
	ErrNoText = errors.New("OCR found no text on any page")
	// ErrTooManyPages is returned for a scan longer than MaxPages.
	ErrTooManyPages = errors.New("scan too long to recognize")
)

// MaxPages is the longest scan recognized: at a second or two a page, a
// longer one would hold a batch for many minutes.
const MaxPages = 300

// minImageSide is the smallest image, in pixels on its longer side, that
// can be a scanned page: a line of text needs a few hundred pixels.
const minImageSide = 200

// ReadPDF recognizes the pages of the PDF held in b.
func (e Engine) ReadPDF(ctx context.Context, b []byte) (*Result, error) {
	dir, err := os.MkdirTemp("", "qcweave-ocr-")
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	n, err := e.pageCount(ctx, in)
	if err != nil {
		return nil, err
	}
	if n > MaxPages {
		return nil, fmt.Errorf("%w: %d pages (OCR reads at most %d)", ErrTooManyPages, n, MaxPages)
	}
	images, err := e.pageImages(ctx, in, dir)
	if err != nil {
		return nil, err
	}
	pages := make([][]Word, n)
	conf := make([]float64, n)
	scale := make([]float64, n) // points a pixel of each page's image
	sizes := make([]document.PageSize, n)
	errs := make([]error, n)
	workers := e.Workers
	if workers <= 0 {
		workers = 2
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			img, ok := images[i+1]
			if !ok {
				var err error
				if img, err = e.render(ctx, in, dir, i+1); err != nil {
					errs[i] = err
					return
				}
			}
			if img.path == "" || blank(img.path) {
				return // nothing to read on this page
			}
			pages[i], conf[i], errs[i] = e.page(ctx, img)
			scale[i] = 72 / img.dpi
			if w, h, ok := imageSize(img.path); ok {
				sizes[i] = document.PageSize{W: math.Round(float64(w)*scale[i]*100) / 100, H: math.Round(float64(h)*scale[i]*100) / 100}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	res := &Result{Pages: n, Confidence: conf, PageSizes: sizes}
	offset := 0
	for i, words := range pages {
		for _, l := range Lines(words, i+1) {
			l.Offset = offset
			scaleRuns(l.Runs, scale[i])
			res.Lines = append(res.Lines, l)
			offset += len([]rune(l.Text)) + 1
		}
		res.Lines = append(res.Lines, layout.Line{Page: i + 1, Offset: offset}) // page break
		offset++
	}
	if offset == n {
		return nil, ErrNoText
	}
	return res, nil
}

// image is a page's image and its resolution.
type image struct {
	path string
	dpi  float64
}

func (e Engine) pageCount(ctx context.Context, pdf string) (int, error) {
	out, err := rlimit.Output(exec.CommandContext(ctx, e.Pdfinfo, pdf), rlimit.Memory)
	if err != nil {
		return 0, fmt.Errorf("ocr: pdfinfo: %w", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			n, err := strconv.Atoi(f[1])
			if err == nil && n > 0 {
				return n, nil
			}
		}
	}
	return 0, errors.New("ocr: the PDF has no pages")
}

// pageImages extracts the images of pages that hold exactly one, keyed
// by page number.
func (e Engine) pageImages(ctx context.Context, pdf, dir string) (map[int]image, error) {
	list, err := rlimit.Output(exec.CommandContext(ctx, e.Pdfimages, "-list", pdf), rlimit.Memory)
	if err != nil {
		return nil, fmt.Errorf("ocr: pdfimages: %w", err)
	}
	count := map[int]int{}
	dpi := map[int]float64{}
	small := map[int]bool{}
	for _, l := range strings.Split(string(list), "\n") {
		f := strings.Fields(l)
		if len(f) < 14 || f[2] != "image" {
			continue
		}
		p, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		count[p]++
		w, _ := strconv.Atoi(f[3])
		h, _ := strconv.Atoi(f[4])
		small[p] = max(w, h) < minImageSide
		if x, err := strconv.ParseFloat(f[12], 64); err == nil && x > 0 {
			dpi[p] = x
		}
	}
	prefix := filepath.Join(dir, "img")
	if err := rlimit.Run(exec.CommandContext(ctx, e.Pdfimages, "-j", "-png", "-p", pdf, prefix), rlimit.Memory); err != nil {
		return nil, fmt.Errorf("ocr: pdfimages: %w", err)
	}
	files, _ := filepath.Glob(prefix + "-*")
	out := map[int]image{}
	for p, tiny := range small {
		if tiny && count[p] == 1 {
			out[p] = image{} // an icon or a dot, not a scanned page: nothing to read
		}
	}
	for _, f := range files {
		// img-PPP-NNN.ext
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), "-")
		if len(parts) != 3 {
			continue
		}
		p, err := strconv.Atoi(parts[1])
		if err != nil || count[p] != 1 || dpi[p] == 0 || small[p] {
			continue
		}
		out[p] = image{path: f, dpi: dpi[p]}
	}
	return out, nil
}

// render draws one page at 300 dpi, for a page that is not one image.
func (e Engine) render(ctx context.Context, pdf, dir string, page int) (image, error) {
	prefix := filepath.Join(dir, fmt.Sprintf("page%d", page))
	p := strconv.Itoa(page)
	if err := rlimit.Run(exec.CommandContext(ctx, e.Pdftoppm, "-r", "300", "-gray", "-png", "-f", p, "-l", p, pdf, prefix), rlimit.Memory); err != nil {
		return image{}, fmt.Errorf("ocr: pdftoppm page %d: %w", page, err)
	}
	files, _ := filepath.Glob(prefix + "-*.png")
	if len(files) != 1 {
		return image{}, fmt.Errorf("ocr: pdftoppm page %d: no image", page)
	}
	return image{path: files[0], dpi: 300}, nil
}

// page recognizes one page image: its words and their mean confidence.
func (e Engine) page(ctx context.Context, img image) ([]Word, float64, error) {
	lang := e.Lang
	if lang == "" {
		lang = "chi_sim"
	}
	// one uniform block: a scanned notice is one column, and its tables
	// keep their rows (page segmentation would read a table by columns)
	cmd := exec.CommandContext(ctx, e.Tesseract, img.path, "stdout", "-l", lang, "--psm", "6", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := rlimit.Output(cmd, rlimit.Memory)
	if err != nil {
		return nil, 0, fmt.Errorf("ocr: tesseract: %w", err)
	}
	words := ParseTSV(out)
	if len(words) == 0 {
		return nil, 0, nil
	}
	sum := 0.0
	for _, w := range words {
		sum += w.Conf
	}
	return words, sum / float64(len(words)), nil
}

// Word is a word of tesseract's TSV, with the boxes (in pixels) of its
// line and its block.
type Word struct {
	Block, Par, Line         int
	Left, Top, Width, Height float64
	Conf                     float64
	Text                     string
	LineBox, BlockBox        [4]float64 // left, top, width, height
}

// ParseTSV reads tesseract's TSV: the words (level 5), in tesseract's
// reading order, with the boxes of their lines (level 4) and blocks
// (level 2).
func ParseTSV(b []byte) []Word {
	type key struct{ block, par, line int }
	lines := map[key][4]float64{}
	blocks := map[int][4]float64{}
	var words []Word
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 {
			continue
		}
		level, err := strconv.Atoi(f[0])
		if err != nil {
			continue // the header
		}
		n := func(i int) float64 { v, _ := strconv.ParseFloat(f[i], 64); return v }
		k := key{int(n(2)), int(n(3)), int(n(4))}
		box := [4]float64{n(6), n(7), n(8), n(9)}
		switch level {
		case 2:
			blocks[k.block] = box
		case 4:
			lines[k] = box
		case 5:
			// table rules and stamps read as quote marks and bars
			text := strings.Trim(strings.TrimSpace(f[11]), ruleMarks)
			if text == "" || n(10) < 0 {
				continue
			}
			words = append(words, Word{Block: k.block, Par: k.par, Line: k.line, Left: box[0], Top: box[1], Width: box[2], Height: box[3], Conf: n(10), Text: text})
		}
	}
	for i := range words {
		w := &words[i]
		w.LineBox, w.BlockBox = lines[key{w.Block, w.Par, w.Line}], blocks[w.Block]
	}
	return words
}

// ruleMarks are what a table's rules and a stamp's edge read as at the
// edge of a word.
const ruleMarks = "“”\"'‘’|丨｜[]【】_—"

// Lines turns a page's words into layout lines in tesseract's reading
// order: the words of a line joined (without a space between Chinese
// characters), a gap wider than a character a cell boundary
// (a tab: the layout makes rows of such lines), and the line's geometry
// against the page's margins — a line that reaches the right margin wraps,
// one that starts right of the left margin is indented. Paragraphs are
// separated by a blank line.
func Lines(words []Word, page int) []layout.Line {
	leftMargin, rightMargin, lineHeight := margins(words)
	var out []layout.Line
	// where the last cell of the last row starts, or -1 after a line of text
	lastCellX, lastCellLeft := -1.0, 0.0
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].Block == words[i].Block && words[j].Par == words[i].Par && words[j].Line == words[i].Line {
			j++
		}
		line := words[i:j]
		lb := line[0].LineBox
		h := lb[3]
		if h <= 0 {
			h = line[0].Height
		}
		var sb strings.Builder
		var runs []document.Run
		pos := 0 // runes in sb
		right := 0.0
		for k, w := range line {
			if k > 0 {
				gap := w.Left - right
				prev, _ := utf8.DecodeLastRuneInString(sb.String())
				first, _ := utf8.DecodeRuneInString(w.Text)
				switch {
				case gap > 1.2*h, k == 1 && isRowNumber(line[0].Text) && isCJK(first) && !strings.ContainsRune(measureWords, first):
					// a wide gap, or the number that opens a table row
					sb.WriteByte('\t')
					pos++
					lastCellLeft = w.Left
				case !isCJK(prev) && !isCJK(first):
					sb.WriteByte(' ')
					pos++
				}
			}
			sb.WriteString(w.Text)
			n := utf8.RuneCountInString(w.Text)
			runs = append(runs, document.Run{Src: int32(pos), N: int32(n), Page: int32(page),
				X0: float32(w.Left), Y0: float32(w.Top), X1: float32(w.Left + w.Width), Y1: float32(w.Top + w.Height)})
			pos += n
			right = max(right, w.Left+w.Width)
		}
		text := sb.String()
		// a line under a table row continues the row's last cell when it
		// starts where that cell starts, or when the row ran to the right
		// margin (a cell wrapped over lines)
		if n := len(out); n > 0 && lastCellX >= 0 && !strings.Contains(text, "\t") && !startsWithDigit(text) &&
			(math.Abs(lb[0]-lastCellX) < 1.5*h || out[n-1].Full) {
			prev := utf8.RuneCountInString(out[n-1].Text)
			for _, r := range runs {
				r.Src += int32(prev)
				out[n-1].Runs = append(out[n-1].Runs, r)
			}
			out[n-1].Text += text
			i = j
			continue
		}
		lastCellX = -1
		if strings.Contains(text, "\t") && isRowNumber(strings.SplitN(text, "\t", 2)[0]) {
			lastCellX = lastCellLeft // a numbered table row
		}
		if i > 0 && (words[i-1].Block != line[0].Block || words[i-1].Par != line[0].Par) {
			out = append(out, layout.Line{Page: page}) // a new paragraph
		}
		// one size for the page: the heights of recognized lines vary with
		// what they hold (punctuation, digits), not with the font
		out = append(out, layout.Line{Text: text, Page: page, Geometry: true, Size: lineHeight, Runs: runs,
			Full:   rightMargin > 0 && lb[0]+lb[2] >= rightMargin-1.5*h,
			Indent: rightMargin > 0 && lb[0] > leftMargin+1.5*h})
		i = j
	}
	return out
}

// margins returns the page's text margins — where most lines start, and
// where the longest lines end (a line of running text reaches it) — and
// the median line height.
func margins(words []Word) (float64, float64, float64) {
	var lefts, rights, heights []float64
	seen := map[[4]float64]bool{}
	for _, w := range words {
		if lb := w.LineBox; lb[2] > 0 && !seen[lb] {
			seen[lb] = true
			lefts = append(lefts, lb[0])
			rights = append(rights, lb[0]+lb[2])
			heights = append(heights, lb[3])
		}
	}
	if len(lefts) == 0 {
		return 0, 0, 0
	}
	sort.Float64s(lefts)
	sort.Float64s(rights)
	sort.Float64s(heights)
	return lefts[len(lefts)/5], rights[len(rights)*9/10], heights[len(heights)/2]
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// measureWords follow a number in running text (43个): the number is no
// row's.
const measureWords = "个家名人年月日号项次位所余多万亿元岁张台例件条份"

// isRowNumber reports whether a word is a row's sequence number (1 to 3
// digits).
func isRowNumber(s string) bool {
	if len(s) == 0 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
