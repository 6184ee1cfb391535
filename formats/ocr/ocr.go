// Package ocr reads PDF pages without usable text (scans, pictures of
// text, glyphs drawn as outlines) with tesseract (chi_sim). A page that is
// one scanned image is read as it is stored (poppler's pdfimages); any
// other is drawn with pdftoppm at its images' resolution, or one that
// suits text, never above a few megapixels (a large page of many image
// strips would otherwise make tens). A page's image is read without the
// rules of its tables (they hide a ruled table from tesseract) and, drawn
// finely and strewn with specks (a photocopy), smoothed by a median first.
// Pages are recognized in parallel; a page that reads badly is turned as
// tesseract's orientation detection (osd) says and read again. Tesseract finds the lines (taking out a
// slight skew) in reading order; their words' boxes give the geometry the
// layout uses for a born-digital page: wide gaps between words are cell
// boundaries (a table row), and so, in a numbered row, are the places where
// the cells of the rows around it start (a table's columns, found from the
// word boxes, cut the cells that touch in a row with fewer cells than its
// table's rows; a header whose cells ran together, as in a table aligned by
// tabs, is cut where the columns under it start), a line that reaches the
// right margin wraps (also onto the next page, for a table row), an
// indented one starts a paragraph; and they place the text on the page
// (document.Run, in points). The programs are found at run time;
// without them such pages are not read.
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
	"slices"
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
	// Digits is the language doubtful numbers are read again in, digits
	// only (empty: no second look; an engine of Find takes eng when it is
	// installed).
	Digits string
	// Workers is how many pages are recognized at once (default 2).
	Workers int
	// Progress, when set, is called after each page read with the
	// number of pages read and to read (from the reading goroutines, one
	// call at a time).
	Progress func(done, total int)
	// langs, for an engine of Find, are tesseract's installed languages,
	// asked for once when a document first needs OCR.
	langs *langs
}

// langs is what tesseract --list-langs said, asked once (the engine and
// its copies share it; safe for concurrent use).
type langs struct {
	once sync.Once
	err  error // chi_sim missing, or tesseract failed
	eng  bool  // digits can be read again in eng
}

// ErrNoLanguage is returned when tesseract has no chi_sim data.
var ErrNoLanguage = errors.New("tesseract has no chi_sim language data")

// Find returns the engine of the programs on PATH, and whether all are
// there (tesseract and poppler's tools). Whether tesseract has its
// chi_sim data is asked only when a document first needs OCR (Ready):
// a command that reads no scan runs no tesseract.
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
	e.langs = &langs{}
	return e, true
}

// Ready reports whether the engine can read Chinese: for an engine of
// Find, whether tesseract lists chi_sim (asked once, however many
// documents and goroutines ask); any other engine is taken as it is.
func (e Engine) Ready() error {
	_, err := e.ready()
	return err
}

// ready returns the engine to read with (Digits set to eng when an
// engine of Find has it), or why it cannot read.
func (e Engine) ready() (Engine, error) {
	l := e.langs
	if l == nil {
		return e, nil
	}
	l.once.Do(func() {
		out, err := exec.Command(e.Tesseract, "--list-langs").CombinedOutput()
		if err != nil {
			l.err = fmt.Errorf("ocr: tesseract --list-langs: %w", err)
			return
		}
		fields := strings.Fields(string(out))
		if !slices.Contains(fields, "chi_sim") {
			l.err = ErrNoLanguage
		}
		l.eng = slices.Contains(fields, "eng")
	})
	if l.err != nil {
		return e, l.err
	}
	if l.eng && e.Digits == "" {
		e.Digits = "eng"
	}
	return e, nil
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
	return e.ReadPages(ctx, b, nil)
}

// ReadPages recognizes the given pages (1-based, ascending; nil: all) of
// the PDF held in b. Each page is rendered at the resolution of its images
// (a scan's own) or, without images, at one that suits text, never above
// maxPixels; a page that reads badly is turned as tesseract's orientation
// detection says and read again. The result has the lines of the pages
// read, and the confidence and size of every page (zero for a page not
// read or blank).
func (e Engine) ReadPages(ctx context.Context, b []byte, want []int) (*Result, error) {
	e, err := e.ready()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "qcweave-ocr-")
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	sizes, rotated, err := e.pageSizes(ctx, in)
	if err != nil {
		return nil, err
	}
	n := len(sizes)
	if want == nil {
		for p := 1; p <= n; p++ {
			want = append(want, p)
		}
	}
	if len(want) > MaxPages {
		return nil, fmt.Errorf("%w: %d pages (OCR reads at most %d)", ErrTooManyPages, len(want), MaxPages)
	}
	images, err := e.pageImages(ctx, in)
	if err != nil {
		return nil, err
	}
	// a page whose scan is read as stored is checked for ink on that image;
	// the others on one small drawing of them all, before any full one
	var drawn []int
	for _, p := range want {
		if !asStored(images[p], rotated[p]) {
			drawn = append(drawn, p)
		}
	}
	empty := e.emptyPages(ctx, in, dir, drawn, n)
	type page struct {
		lines []layout.Line
		alts  []map[int][]Choice
		conf  float64
		size  document.PageSize
		err   error
	}
	pages := make([]page, len(want))
	workers := e.Workers
	if workers <= 0 {
		workers = 2
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for k, p := range want {
		if p < 1 || p > n {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			r := &pages[k]
			if empty[p] {
				r.size = sizes[p-1] // nothing drawn that can be read: no rendering, no OCR
			} else {
				r.lines, r.alts, r.conf, r.size, r.err = e.readPage(ctx, in, dir, p, sizes[p-1], images[p], rotated[p])
			}
			if e.Progress != nil {
				mu.Lock()
				done++
				e.Progress(done, len(want))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &Result{Pages: n, Confidence: make([]float64, n), PageSizes: make([]document.PageSize, n)}
	var alts []map[int][]Choice
	for k, p := range want {
		if p < 1 || p > n {
			continue
		}
		r := pages[k]
		if r.err != nil {
			return nil, r.err
		}
		res.Confidence[p-1], res.PageSizes[p-1] = r.conf, r.size
		res.Lines = append(res.Lines, r.lines...)
		alts = append(alts, r.alts...)
		res.Lines = append(res.Lines, layout.Line{Page: p}) // page break
		alts = append(alts, nil)
	}
	res.Lines, alts = joinPages(res.Lines, alts)
	Correct(res.Lines, alts)
	offset, words := 0, 0
	for i := range res.Lines {
		l := &res.Lines[i]
		l.Offset = offset
		offset += utf8.RuneCountInString(l.Text) + 1
		words += len(l.Runs)
	}
	if words == 0 {
		return nil, ErrNoText
	}
	return res, nil
}

// Render resolutions: a page is drawn at its images' resolution within
// [minDPI, maxDPI] (below 200 dpi, a bilevel picture of text reads far
// better drawn larger in grey) and with at most maxPixels pixels, or at
// textDPI when it has none (outlined glyphs, vector drawings: drawn finer,
// they show more) with at most maxTextPixels. A
// scan's own image is read as stored up to maxScanPixels (A4 at 300 dpi):
// it costs no drawing.
const (
	minDPI        = 200
	maxDPI        = 300
	textDPI       = 250
	maxPixels     = 4.5e6
	maxTextPixels = 6.5e6
	maxScanPixels = 9e6
)

// resolution returns the resolution to render a page of the given size
// (points) at, whose images have at most ppi pixels an inch (0: none).
func resolution(size document.PageSize, ppi float64) float64 {
	dpi, most := float64(textDPI), maxTextPixels
	if ppi > 0 {
		// drawing an image larger than it is adds no detail
		dpi, most = min(max(ppi, minDPI), maxDPI), maxPixels
	}
	if area := size.W / 72 * size.H / 72; area > 0 {
		dpi = min(dpi, math.Sqrt(most/area))
	}
	return math.Max(math.Floor(dpi), 36)
}

// pageSizes returns the size in points of every page, as pdfinfo reports
// it (rotated as displayed).
func (e Engine) pageSizes(ctx context.Context, pdf string) ([]document.PageSize, map[int]bool, error) {
	out, err := rlimit.Output(exec.CommandContext(ctx, e.Pdfinfo, "-f", "1", "-l", strconv.Itoa(MaxPages*10), pdf), rlimit.Memory)
	if err != nil {
		return nil, nil, fmt.Errorf("ocr: pdfinfo: %w", err)
	}
	var sizes []document.PageSize
	pages := 0
	rot := map[int]int{}
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) == 2 && f[0] == "Pages:":
			pages, _ = strconv.Atoi(f[1])
		case len(f) >= 6 && f[0] == "Page" && f[2] == "size:":
			p, _ := strconv.Atoi(f[1])
			w, _ := strconv.ParseFloat(f[3], 64)
			h, _ := strconv.ParseFloat(f[5], 64)
			for len(sizes) < p {
				sizes = append(sizes, document.PageSize{})
			}
			if p >= 1 {
				sizes[p-1] = document.PageSize{W: w, H: h}
			}
		case len(f) >= 4 && f[0] == "Page" && f[2] == "rot:":
			p, _ := strconv.Atoi(f[1])
			rot[p], _ = strconv.Atoi(f[3])
		}
	}
	if pages <= 0 {
		return nil, nil, errors.New("ocr: the PDF has no pages")
	}
	if pages > MaxPages*10 {
		return nil, nil, fmt.Errorf("%w: %d pages (OCR reads at most %d)", ErrTooManyPages, pages, MaxPages)
	}
	for len(sizes) < pages {
		sizes = append(sizes, document.PageSize{W: 595, H: 842})
	}
	sizes = sizes[:pages]
	rotated := map[int]bool{}
	for p, r := range rot {
		if p >= 1 && p <= pages && r%360 != 0 {
			rotated[p] = true
			if r%180 != 0 {
				sizes[p-1].W, sizes[p-1].H = sizes[p-1].H, sizes[p-1].W
			}
		}
	}
	return sizes, rotated, nil
}

// pageImages is what a page's images are: how many of them may hold
// text (not an icon or a dot), the highest resolution among them (pixels
// an inch) and the size of the last.
type pageImages struct {
	count int
	ppi   float64
	w, h  int
}

// pageImages lists the images of every page.
func (e Engine) pageImages(ctx context.Context, pdf string) (map[int]pageImages, error) {
	list, err := rlimit.Output(exec.CommandContext(ctx, e.Pdfimages, "-list", pdf), rlimit.Memory)
	if err != nil {
		return nil, fmt.Errorf("ocr: pdfimages: %w", err)
	}
	out := map[int]pageImages{}
	for _, l := range strings.Split(string(list), "\n") {
		f := strings.Fields(l)
		if len(f) < 14 || (f[2] != "image" && f[2] != "stencil") {
			continue
		}
		p, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		w, _ := strconv.Atoi(f[3])
		h, _ := strconv.Atoi(f[4])
		if max(w, h) < minImageSide/4 {
			continue // an icon, a dot
		}
		im := out[p]
		im.count++
		im.w, im.h = w, h
		if x, err := strconv.ParseFloat(f[12], 64); err == nil && x > 0 {
			im.ppi = max(im.ppi, x)
		}
		out[p] = im
	}
	return out, nil
}

// asStored tells whether a page is a scan whose one image is read as it is
// stored, not drawn: upright, of a resolution tesseract reads well and of
// at most maxScanPixels.
func asStored(im pageImages, rotated bool) bool {
	return im.count == 1 && !rotated && im.ppi >= minDPI-1 && im.ppi <= maxDPI+1 && min(im.w, im.h) >= minImageSide && float64(im.w)*float64(im.h) <= maxScanPixels
}

// readPage renders one page and recognizes it: its lines (their runs in
// points), mean word confidence and size in points. A page whose words
// are few or doubtful is turned as orientation detection says and read
// again; the better reading counts.
func (e Engine) readPage(ctx context.Context, pdf, dir string, page int, size document.PageSize, im pageImages, rotated bool) ([]layout.Line, []map[int][]Choice, float64, document.PageSize, error) {
	var path string
	dpi := resolution(size, im.ppi)
	if asStored(im, rotated) {
		// a scanned page: its image as it is (rendering it costs more than
		// reading it)
		if p, err := e.extract(ctx, pdf, dir, page); err == nil {
			path, dpi = p, im.ppi
		}
	}
	if path == "" {
		var err error
		if path, err = e.render(ctx, pdf, dir, page, dpi); err != nil {
			return nil, nil, 0, document.PageSize{}, err
		}
	}
	scale := 72 / dpi
	w, h, ok := imageSize(path)
	if ok {
		size = document.PageSize{W: math.Round(float64(w)*scale*100) / 100, H: math.Round(float64(h)*scale*100) / 100}
	}
	if img, err := decodeFile(path); err == nil {
		if isBlank(img) {
			return nil, nil, 0, size, nil // nothing to read on this page
		}
		if clean := cleanPage(path, img, dpi); clean != "" {
			path = clean // read without its specks or its tables' rules
		}
	}
	words, conf, err := e.recognize(ctx, path)
	if err != nil {
		return nil, nil, 0, size, err
	}
	if ok && (len(words) < 10 || conf < 70) {
		if rot := e.orientation(ctx, path); rot != 0 {
			if turned, err := rotateFile(path, rot); err == nil {
				if w2, c2, err := e.recognize(ctx, turned); err == nil && len(w2) > 0 && c2 > conf+5 {
					w2 = e.secondLook(ctx, turned, w2)
					lines, alts := linesAlts(w2, page) // laid out upright, placed on the page as drawn
					for _, l := range lines {
						unrotateRuns(l.Runs, rot, w, h)
						scaleRuns(l.Runs, scale)
					}
					return lines, alts, c2, size, nil
				}
			}
		}
	}
	words = e.secondLook(ctx, path, words)
	lines, alts := linesAlts(words, page)
	for _, l := range lines {
		scaleRuns(l.Runs, scale)
	}
	return lines, alts, conf, size, nil
}

// extract writes the one image of a page as it is stored (JPEG), or as
// PNG.
func (e Engine) extract(ctx context.Context, pdf, dir string, page int) (string, error) {
	prefix := filepath.Join(dir, fmt.Sprintf("img%d", page))
	p := strconv.Itoa(page)
	if err := rlimit.Run(exec.CommandContext(ctx, e.Pdfimages, "-j", "-png", "-f", p, "-l", p, pdf, prefix), rlimit.Memory); err != nil {
		return "", fmt.Errorf("ocr: pdfimages page %d: %w", page, err)
	}
	files, _ := filepath.Glob(prefix + "-*")
	if len(files) != 1 {
		return "", fmt.Errorf("ocr: pdfimages page %d: %d images", page, len(files))
	}
	return files[0], nil
}

// render draws one page in grey at dpi.
func (e Engine) render(ctx context.Context, pdf, dir string, page int, dpi float64) (string, error) {
	prefix := filepath.Join(dir, fmt.Sprintf("page%d", page))
	p := strconv.Itoa(page)
	r := strconv.FormatFloat(dpi, 'f', 0, 64)
	if err := rlimit.Run(exec.CommandContext(ctx, e.Pdftoppm, "-r", r, "-gray", "-png", "-f", p, "-l", p, pdf, prefix), rlimit.Memory); err != nil {
		return "", fmt.Errorf("ocr: pdftoppm page %d: %w", page, err)
	}
	files, _ := filepath.Glob(prefix + "-*.png")
	if len(files) != 1 {
		return "", fmt.Errorf("ocr: pdftoppm page %d: no image", page)
	}
	return files[0], nil
}

// recognize reads one page image: its words and their mean confidence.
func (e Engine) recognize(ctx context.Context, path string) ([]Word, float64, error) {
	lang := e.Lang
	if lang == "" {
		lang = "chi_sim"
	}
	// one uniform block: a scanned notice is one column, and its tables
	// keep their rows (page segmentation would read a table by columns);
	// no second reading of lines as inverted text (white on black is rare
	// in notices, and it costs a fifth of the time)
	cmd := exec.CommandContext(ctx, e.Tesseract, path, "stdout", "-l", lang, "--psm", "6", "-c", "tessedit_do_invert=0", "tsv")
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

// orientation returns how many degrees clockwise a page image must be
// turned to stand upright, by tesseract's orientation detection (osd), or
// 0 when it is upright, unsure or the detection is not installed.
func (e Engine) orientation(ctx context.Context, path string) int {
	cmd := exec.CommandContext(ctx, e.Tesseract, path, "stdout", "-l", "osd", "--psm", "0")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := rlimit.Output(cmd, rlimit.Memory)
	if err != nil {
		return 0
	}
	return parseOSD(out)
}

// parseOSD reads tesseract's orientation report: the rotation it advises
// when it is confident of it.
func parseOSD(out []byte) int {
	rot, conf := 0, 0.0
	for _, l := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "Rotate":
			rot, _ = strconv.Atoi(strings.TrimSpace(v))
		case "Orientation confidence":
			conf, _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	if conf < 1 {
		return 0
	}
	switch rot {
	case 90, 180, 270:
		return rot
	}
	return 0
}

// Word is a word of tesseract's TSV, with the boxes (in pixels) of its
// line and its block.
type Word struct {
	Block, Par, Line         int
	Left, Top, Width, Height float64
	Conf                     float64
	Text                     string
	LineBox, BlockBox        [4]float64 // left, top, width, height
	// Alts are, for each character of Text, the digits tesseract also
	// weighed there (from a second look; nil when none).
	Alts [][]Choice
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
			if n(10) < 0 {
				continue
			}
			if text == "" || n(10) < strayConf && strings.IndexFunc(text, func(r rune) bool { return !unicode.IsPunct(r) }) < 0 {
				continue // a rule's or a speck's stroke read as a stop
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

// strayConf is the confidence below which a word of punctuation alone is
// a stroke of a rule or a speck (a stop read where a table's rules cross).
const strayConf = 10

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
	lines, _ := linesAlts(words, page)
	return lines
}

// linesAlts is Lines that also returns, for each line, the alternatives
// of its characters by rune offset in the line's text (nil: none).
func linesAlts(words []Word, page int) ([]layout.Line, []map[int][]Choice) {
	var alts []map[int][]Choice
	leftMargin, rightMargin, lineHeight := margins(words)
	geo := columns(words, lineHeight, rightMargin)
	heads := headers(words, geo, lineHeight)
	var out []layout.Line
	// where the last cell of the last row starts, or -1 after a line of text
	lastCellX, lastCellLeft := -1.0, 0.0
	// the headers of the page's tables, their words run together: a line
	// that repeats one is that header again, not the rest of a cell
	seen := map[string]bool{}
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
		var la map[int][]Choice
		row := isRowNumber(line[0].Text)
		// a numbered row with fewer cells apart than its table has
		// columns is cut at them (a header, its words centred over the
		// columns, is not; nor a row whose long cell runs across a
		// column's edge while its cells are all apart)
		cols := geo[i]
		table := row && len(line) > 1 && cellCount(line, h) < len(cols)
		// a header whose cells ran together is cut where the columns
		// under it start, unless it goes on with a row's last cell (a
		// header repeated under a row does not)
		flat := flatWords(line)
		cuts, head := heads[i]
		repeat := seen[flat]
		cont := lastCellX >= 0 && (math.Abs(lb[0]-lastCellX) < 1.5*h || out[len(out)-1].Full) && !repeat
		if cont {
			cuts, head = nil, false
		}
		full := rightMargin > 0 && lb[0]+lb[2] >= rightMargin-1.5*h
		reach := 0.0 // the rightmost middle of a word so far
		for k, w := range line {
			if k > 0 {
				prev, _ := utf8.DecodeLastRuneInString(sb.String())
				first, _ := utf8.DecodeRuneInString(w.Text)
				switch {
				case opensCell(line, k, h), table && crosses(cols, reach, w), cuts[k]:
					// a wide gap, the number that opens a table row, a
					// column's edge between two words of a table row, or
					// where a header's cell starts
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
			for k, a := range w.Alts {
				if len(a) > 0 && k < n {
					if la == nil {
						la = map[int][]Choice{}
					}
					la[pos+k] = a
				}
			}
			runs = append(runs, document.Run{Src: int32(pos), N: int32(n), Page: int32(page),
				X0: float32(w.Left), Y0: float32(w.Top), X1: float32(w.Left + w.Width), Y1: float32(w.Top + w.Height)})
			pos += n
			reach = max(reach, w.Left+w.Width/2)
		}
		text := sb.String()
		// a line under a table row continues the row's last cell when it
		// starts where that cell starts, or when the row ran to the right
		// margin (a cell wrapped over lines)
		if n := len(out); n > 0 && cont && !strings.Contains(text, "\t") && !startsWithDigit(text) {
			out[n-1].Full = full // the row runs on while its last line does
			prev := utf8.RuneCountInString(out[n-1].Text)
			for k, a := range la {
				if alts[n-1] == nil {
					alts[n-1] = map[int][]Choice{}
				}
				alts[n-1][prev+k] = a
			}
			for _, r := range runs {
				r.Src += int32(prev)
				out[n-1].Runs = append(out[n-1].Runs, r)
			}
			out[n-1].Text += text
			i = j
			continue
		}
		lastCellX = -1
		if head {
			seen[flat] = true
		}
		if strings.Contains(text, "\t") && isRowNumber(strings.SplitN(text, "\t", 2)[0]) {
			lastCellX = lastCellLeft // a numbered table row
		}
		if i > 0 && (words[i-1].Block != line[0].Block || words[i-1].Par != line[0].Par) {
			out = append(out, layout.Line{Page: page}) // a new paragraph
			alts = append(alts, nil)
		}
		// one size for the page: the heights of recognized lines vary with
		// what they hold (punctuation, digits), not with the font
		out = append(out, layout.Line{Text: text, Page: page, Geometry: true, Size: lineHeight, Runs: runs,
			Full:   full,
			Indent: rightMargin > 0 && lb[0] > leftMargin+1.5*h})
		alts = append(alts, la)
		i = j
	}
	return out, alts
}

// tableRow reports whether a line is a table's row: one that opens with
// a row number or has a wide gap between two words.
func tableRow(line []Word, h float64) bool {
	if isRowNumber(line[0].Text) && len(line) > 1 {
		return true
	}
	for k := 1; k < len(line); k++ {
		if line[k].Left-(line[k-1].Left+line[k-1].Width) > 1.2*h {
			return true
		}
	}
	return false
}

// columns returns, by the index of each table row's first word, the left
// edges (pixels) of its table's columns: the places where the cells of
// many table rows around it start (the rows' first words and the words
// after a gap), less a little room. A row whose cells touch (a long name
// running up to the next column) is cut there: the gaps of its text
// alone would run its cells together. Only the rows nearby count, so
// that two tables on a page keep their own columns; a line that goes on
// from one reaching the right margin (a cell wrapped over lines) is no
// row and does not count as one of them.
func columns(words []Word, lineHeight, rightMargin float64) map[int][]float64 {
	if lineHeight <= 0 {
		return nil
	}
	type span struct {
		i       int
		words   []Word
		table   bool
		counted bool
		starts  []float64
	}
	var lines []span
	prevFull := false
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].Block == words[i].Block && words[j].Par == words[i].Par && words[j].Line == words[i].Line {
			j++
		}
		line := words[i:j]
		h := lineBoxHeight(line)
		l := span{i: i, words: line, table: tableRow(line, lineHeight)}
		l.counted = l.table || !prevFull
		lb := line[0].LineBox
		prevFull = rightMargin > 0 && lb[0]+lb[2] >= rightMargin-1.5*h
		if l.table {
			l.starts = append(l.starts, line[0].Left)
			for k := 1; k < len(line); k++ {
				if line[k].Left-(line[k-1].Left+line[k-1].Width) > startGap*lineHeight {
					l.starts = append(l.starts, line[k].Left)
				}
			}
		}
		lines = append(lines, l)
		i = j
	}
	// the window runs over the lines that count
	var counted []int
	pos := make([]int, len(lines))
	for a, l := range lines {
		if l.counted {
			pos[a] = len(counted)
			counted = append(counted, a)
		}
	}
	out := map[int][]float64{}
	for a, l := range lines {
		if !l.table {
			continue
		}
		var starts []float64
		var rows [][]Word
		p := pos[a]
		for _, b := range counted[max(0, p-tableWindow):min(len(counted), p+tableWindow+1)] {
			if m := lines[b]; m.table {
				rows = append(rows, m.words)
				starts = append(starts, m.starts...)
			}
		}
		if cols := edges(starts, rows, lineHeight); len(cols) > 0 {
			out[l.i] = cols
		}
	}
	return out
}

// tableWindow is how many lines above and below a row are looked at for
// its table's columns.
const tableWindow = 6

// edges clusters the places where cells start: a place where at least
// minTableRows and a third of the rows start one, and across which few
// rows run a word (inside a column of text, words run across any place),
// is a column's edge.
func edges(starts []float64, rows [][]Word, lineHeight float64) []float64 {
	if len(rows) < minTableRows {
		return nil
	}
	sort.Float64s(starts)
	tol := 0.5 * lineHeight
	var out []float64
	for i := 0; i < len(starts); {
		j := i + 1
		for j < len(starts) && starts[j]-starts[j-1] <= tol {
			j++
		}
		x := starts[i+(j-i)/2] - 0.3*lineHeight
		if n := j - i; n >= max(minTableRows, len(rows)/3) && across(rows, x) <= n/2 {
			out = append(out, x)
		}
		i = j
	}
	return out
}

// across counts the rows with a word running across x.
func across(rows [][]Word, x float64) int {
	n := 0
	for _, r := range rows {
		for _, w := range r {
			if w.Left < x-0.2*w.Height && w.Left+w.Width > x+0.2*w.Height {
				n++
				break
			}
		}
	}
	return n
}

// startGap is the gap (in line heights) after which a word of a table row
// starts a cell, as evidence of a column (the gap that parts two cells).
const startGap = 1.2

// minTableRows is how many rows must start a cell at the same place for
// it to be a column's edge.
const minTableRows = 3

// crosses reports whether a column's edge lies between the words of a row
// before b and b: their middles (the rightmost of them, a) left of it,
// b's right of it.
func crosses(cols []float64, a float64, b Word) bool {
	if r, _ := utf8.DecodeRuneInString(b.Text); unicode.IsPunct(r) {
		return false // a cell does not start with a comma
	}
	ca, cb := a, b.Left+b.Width/2
	for _, x := range cols {
		if ca < x && x <= cb && b.Left >= x-0.3*b.Height {
			return true
		}
	}
	return false
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
