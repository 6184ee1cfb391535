// Package pdfload reads the text of PDF files with
// github.com/ledongthuc/pdf's object API, rebuilding the layout from
// positioned glyphs rather than from the library's plain-text dump: its
// own content-stream interpreter decodes every font kind found in Chinese
// notices (CID fonts with Identity-H and ToUnicode from WPS and Word,
// CFF/Type 1 with ToUnicode from LibreOffice, Type 3 with ToUnicode from
// Chromium, GBK-EUC-H and UniGB-UCS2-H CMaps), follows Form XObjects,
// groups glyphs into lines by baseline, splits columns at wide gaps and
// reads ruled tables cell by cell (multi-line cells joined). The result is
// layout lines with pages; layout does the rest.
//
// The library can panic, loop or exhaust memory on malformed files;
// callers that read untrusted files run Read in a child process (see
// package formats).
package pdfload

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"unicode"

	lpdf "github.com/ledongthuc/pdf"

	"qcweave/document"
	"qcweave/layout"
)

// Errors a PDF can be refused with.
var (
	ErrNoText    = errors.New("PDF has no text layer (a scan or vector drawing): nothing to read")
	ErrEncrypted = errors.New("PDF is encrypted with a password")
	ErrNoPages   = errors.New("PDF has no pages")
	ErrGarbled   = errors.New("PDF text does not decode (fonts without a usable Unicode map)")
	// ErrBlank is returned when the pages show nothing at all: no text, no
	// image, no drawing. There is nothing for OCR to read either.
	ErrBlank = errors.New("PDF pages show no text, image or drawing: nothing to read")
)

// Result is the text of a PDF as layout lines.
type Result struct {
	Lines   []layout.Line
	Pages   int
	Quality float64 // share of characters that decode to readable text, 0..1
	// PageSizes are the pages' sizes in points as displayed (crop box,
	// rotation), page 1 first. The lines' runs place their text on them.
	PageSizes []document.PageSize
	// PageStats say what each page shows, page 1 first: how much text,
	// how many images and drawings.
	PageStats []PageStat
}

// PageStat is what a page shows: the characters of its text (white space
// aside) and how many of them are readable, its images and painted paths
// (Marks), and the share of the page its images cover (Images, 0..1, more
// when images overlap). A page of few readable characters and a large
// image is a scan or a pasted picture; one of many paths and no text,
// glyphs drawn as outlines.
type PageStat struct {
	Chars, Readable, Marks int
	Images                 float64
}

// Read parses a PDF held in b.
func Read(b []byte) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("malformed PDF: %v", firstLine(fmt.Sprint(r)))
		}
	}()
	if !bytes.Contains(b[:min(len(b), 1024)], []byte("%PDF")) {
		return nil, errors.New("not a PDF (no %PDF header)")
	}
	r, err := open(b)
	if err != nil {
		return nil, err
	}
	list := pageList(r)
	if len(list) == 0 {
		return nil, ErrNoPages
	}
	fonts := map[string]*font{}
	var pageErr error
	var pages [][]item
	sizes := make([]document.PageSize, len(list))
	stats := make([]PageStat, len(list))
	marks := 0
	var scratch []glyph // one page's glyphs, reused by the next
	for i, p := range list {
		pr, err := readPage(p, i+1, fonts, &scratch)
		if err != nil {
			// one bad page does not lose the document
			pageErr = err
			pr.items = nil
		}
		pages = append(pages, pr.items)
		sizes[i] = pr.size
		stats[i] = PageStat{Marks: pr.marks, Images: pr.images}
		marks += pr.marks
	}
	res, err = assemble(pages)
	if res != nil {
		res.PageSizes = sizes
		for i := range stats {
			stats[i].Chars, stats[i].Readable = res.PageStats[i].Chars, res.PageStats[i].Readable
		}
		res.PageStats = stats
	}
	switch {
	case errors.Is(err, ErrNoText) && pageErr != nil:
		return nil, fmt.Errorf("malformed PDF: %w", pageErr)
	case errors.Is(err, ErrNoText) && marks == 0:
		return nil, ErrBlank
	}
	return res, err
}

// Glyph is a character placed on a page: the origin of its baseline (y
// grows upward), its advance width and its font size, in any one unit.
type Glyph struct {
	X, Y, W, Size float64
	S             string
}

// Rule is a straight stroke on a page: a table's rule candidate.
type Rule struct{ X0, Y0, X1, Y1 float64 }

// Page is what a fixed-layout page shows: its glyphs and rules, and its
// box (x0, y0, x1, y1).
type Page struct {
	Glyphs []Glyph
	Rules  []Rule
	Box    [4]float64
}

// LayOut lays out the pages of any fixed-layout format (OFD, say) as the
// PDF reader lays out a PDF's: lines from glyph positions, ruled and
// tab-aligned tables, rows continued across pages, reading order and
// paragraph geometry.
func LayOut(ps []Page) (*Result, error) {
	pages := make([][]item, len(ps))
	sizes := make([]document.PageSize, len(ps))
	for i, p := range ps {
		gs := make([]glyph, len(p.Glyphs))
		for k, g := range p.Glyphs {
			gs[k] = glyph{x: g.X, y: g.Y, w: g.W, size: g.Size, s: g.S}
		}
		rules := make([]segment, len(p.Rules))
		for k, r := range p.Rules {
			rules[k] = segment{r.X0, r.Y0, r.X1, r.Y1}
		}
		b := box{p.Box[0], p.Box[1], p.Box[2], p.Box[3]}
		pages[i] = pageItems(gs, rules, b)
		placeRuns(pages[i], i+1, placement{crop: b, scale: 1})
		sizes[i] = placement{crop: b, scale: 1}.size()
	}
	res, err := assemble(pages)
	if res != nil {
		res.PageSizes = sizes
	}
	return res, err
}

// assemble turns the items of every page into the result's lines.
func assemble(pages [][]item) (*Result, error) {
	res := &Result{Pages: len(pages), PageStats: make([]PageStat, len(pages))}
	var src strings.Builder
	offset := 0
	good, total := 0, 0
	mergeAcrossPages(pages)
	for pi, items := range pages {
		i := pi + 1
		pageLeft, pageRight := margins(items)
		for _, it := range items {
			left, right := pageLeft, pageRight
			if it.colRight > 0 {
				left, right = it.colLeft, it.colRight
			}
			l := layout.Line{Page: i, Offset: offset, Geometry: true, Full: isFull(it, right),
				Indent: isIndent(it, left), Size: it.size, Runs: it.runs, Color: it.color, Seal: it.seal}
			text := it.text
			if it.cells != nil {
				text = strings.Join(it.cells, "\t")
				off := offset
				for _, c := range it.cells {
					l.Cells = append(l.Cells, layout.Cell{Text: c, Offset: off})
					off += len([]rune(c)) + 1
				}
			} else {
				l.Text = text
			}
			res.Lines = append(res.Lines, l)
			src.WriteString(text)
			src.WriteByte('\n')
			offset += len([]rune(text)) + 1
			for _, c := range text {
				if unicode.IsSpace(c) {
					continue
				}
				total++
				res.PageStats[pi].Chars++
				if readable(c) {
					good++
					res.PageStats[pi].Readable++
				}
			}
		}
		res.Lines = append(res.Lines, layout.Line{Page: i, Offset: offset}) // page break
		offset++
	}
	if total == 0 {
		return nil, ErrNoText
	}
	res.Quality = float64(good) / float64(total)
	return res, nil
}

// readPage lays out one page and counts the images and drawings it shows.
// The page's glyphs are collected in *scratch, which the items do not
// keep.
func readPage(p lpdf.Page, i int, fonts map[string]*font, scratch *[]glyph) (pr pageRead, err error) {
	defer func() {
		if x := recover(); x != nil {
			pr.items, err = nil, fmt.Errorf("page %d: %v", i, firstLine(fmt.Sprint(x)))
		}
	}()
	var seals []box
	gs, rules, b, marks, images := pageText(p, fonts, (*scratch)[:0], &seals)
	*scratch = gs
	pr.marks = marks
	if area := (b.x1 - b.x0) * (b.y1 - b.y0); area > 0 {
		pr.images = images / math.Abs(area)
	}
	pr.items = pageItems(onPage(gs, b), rules, b)
	markSeals(pr.items, seals)
	pl := pagePlacement(p, b)
	placeRuns(pr.items, i, pl)
	pr.size = pl.size()
	return pr, nil
}

// markSeals marks the items that an image or a red drawing of a seal's
// size lies over.
func markSeals(items []item, seals []box) {
	for _, s := range seals {
		for i, it := range items {
			if s.y0 < it.y && s.y1 > it.y-it.size && s.x0 < it.x1 && s.x1 > it.x0 {
				items[i].seal = true
			}
		}
	}
}

// pageRead is what readPage makes of a page: its items, the number of
// images and painted paths it shows, the share of it images cover and
// its size as displayed.
type pageRead struct {
	items  []item
	marks  int
	images float64
	size   document.PageSize
}

// pagePlacement returns how a page is displayed: its crop box (within
// the media box) and its rotation.
func pagePlacement(p lpdf.Page, media box) placement {
	pl := placement{crop: media, scale: 1}
	if c := inherited(p.V, "CropBox"); c.Len() == 4 {
		x0, y0, x1, y1 := c.Index(0).Float64(), c.Index(1).Float64(), c.Index(2).Float64(), c.Index(3).Float64()
		x0, x1 = min(x0, x1), max(x0, x1)
		y0, y1 = min(y0, y1), max(y0, y1)
		b := box{max(x0, media.x0), max(y0, media.y0), min(x1, media.x1), min(y1, media.y1)}
		if b.x1 > b.x0 && b.y1 > b.y0 {
			pl.crop = b
		}
	}
	switch r := int(inherited(p.V, "Rotate").Int64()) % 360; r {
	case 90, 180, 270:
		pl.rotate = r
	case -90, -180, -270:
		pl.rotate = r + 360
	}
	return pl
}

// onPage drops the glyphs set outside the page's box: text a producer
// left beyond the edge (an overflowing cell moved off the page) is not
// shown, and a reader does not read it.
func onPage(gs []glyph, b box) []glyph {
	if b.x1 <= b.x0 || b.y1 <= b.y0 {
		return gs
	}
	out := gs[:0]
	for _, g := range gs {
		if g.x+g.w < b.x0-g.size || g.x > b.x1+g.size || g.y < b.y0-g.size || g.y > b.y1+g.size {
			continue
		}
		out = append(out, g)
	}
	return out
}

// open opens a PDF with the empty user password. A file with bytes after
// its last %%EOF (appended by mail gateways, download tools, signing
// tools) is opened without them.
func open(b []byte) (*lpdf.Reader, error) {
	r, err := openExact(b)
	if err != nil && strings.Contains(err.Error(), "%%EOF") {
		if i := bytes.LastIndex(b, []byte("%%EOF")); i > 0 {
			if r2, err2 := openExact(b[:i+5]); err2 == nil {
				return r2, nil
			}
		}
	}
	return r, err
}

func openExact(b []byte) (r *lpdf.Reader, err error) {
	tried := false
	r, err = lpdf.NewReaderEncrypted(bytes.NewReader(b), int64(len(b)), func() string {
		if tried {
			return ""
		}
		tried = true
		return "" // the empty user password opens most "encrypted" notices
	})
	if err != nil {
		if strings.Contains(err.Error(), "encrypt") || strings.Contains(err.Error(), "password") {
			return nil, fmt.Errorf("%w (%v)", ErrEncrypted, encryptionReason(err.Error()))
		}
		return nil, fmt.Errorf("malformed PDF: %s", firstLine(err.Error()))
	}
	return r, nil
}

// readable reports whether a decoded character is text rather than the
// debris of a font without a Unicode map.
func readable(c rune) bool { return Readable(c) }

// Readable reports whether a decoded character is text rather than the
// debris of a font without a Unicode map.
func Readable(c rune) bool {
	switch {
	case c == unicode.ReplacementChar, c >= 0xE000 && c <= 0xF8FF, unicode.IsControl(c):
		return false
	case c < 0x80, unicode.Is(unicode.Han, c), c >= 0x3000 && c <= 0x303F, c >= 0xFF00 && c <= 0xFFEF,
		unicode.IsLetter(c), unicode.IsNumber(c), unicode.IsPunct(c), unicode.IsSymbol(c):
		return true
	}
	return false
}

// encryptionReason is the reader's reason for not opening an encrypted
// PDF in a few words: the first line, without the encryption dictionary
// that it may quote (binary keys) and the library's "encrypted PDF: "
// prefix.
func encryptionReason(s string) string {
	s = firstLine(s)
	if i := strings.Index(s, "<<"); i >= 0 {
		s = strings.TrimRight(s[:i], "; ")
	}
	s = strings.TrimPrefix(s, "encrypted PDF: ")
	s = strings.TrimPrefix(s, "unsupported PDF: ")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return -1
		}
		return r
	}, s)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// SetMemoryLimit bounds the Go heap of a process that reads untrusted
// PDFs (the child of package formats), so that a file claiming a huge
// allocation fails instead of taking the machine.
func SetMemoryLimit(bytes int64) { debug.SetMemoryLimit(bytes) }

// isIndent reports whether a line starts a paragraph by its indent: one
// to three characters in from the margin (a paragraph is indented by two).
// A line set further in is centred (the last line of a wrapped heading),
// not indented.
func isIndent(it item, left float64) bool {
	return it.x0 > left+1.2*it.size && it.x0 < left+3*it.size
}

// isFull reports whether a line runs to the right margin. Punctuation at a
// line end is often set half-width, so a line that stops short of the
// margin by less than two characters is full unless it ends a sentence.
func isFull(it item, right float64) bool {
	if it.x1 >= right-1.2*it.size {
		return true
	}
	last, _ := lastRune(it.text)
	return it.x1 >= right-2.2*it.size && !strings.ContainsRune("。！？；.!?", last)
}
