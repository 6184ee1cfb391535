package formats

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
	"unicode/utf8"

	"qcweave/document"
	"qcweave/formats/ocr"
	"qcweave/formats/pdfload"
	"qcweave/formats/plaintext"
	"qcweave/internal/rlimit"
	"qcweave/layout"
)

// minQuality is the share of readable characters below which a PDF's
// text is taken to be garbled (fonts without a usable Unicode map).
const minQuality = 0.9

// helperResult is what the PDF helper process writes on stdout (gob).
// Sentinel is the index in pdfSentinels of the error's sentinel (+1; 0 for
// none), so that the parent's errors.Is works across the process boundary.
type helperResult struct {
	Error     string
	Sentinel  int
	Pages     int
	Quality   float64
	Lines     []layout.Line
	PageSizes []document.PageSize
	PageStats []pdfload.PageStat
}

const maxPDFSize = 256 << 20

// pdfText is what was read of a PDF: its lines, pages and their sizes, the
// engine that read it and, for a scan, each page's OCR confidence.
type pdfText struct {
	lines  []layout.Line
	pages  int
	sizes  []document.PageSize
	engine string
	conf   []float64
	stats  []pdfload.PageStat // what each page shows (the built-in reader's)
}

// readPDF returns the layout lines of a PDF, in a helper process when one
// is configured, with pdftotext as the fallback engine for files the
// built-in reader cannot read or reads as garbage.
func (l *Loader) readPDF(ctx context.Context, path string, b []byte) (*pdfText, error) {
	t, err := l.readText(ctx, path, b)
	if l.OCR == nil {
		return t, err
	}
	budget := l.OCRTimeout
	if budget <= 0 {
		budget = 10 * time.Minute
	}
	if errors.Is(err, pdfload.ErrNoText) || errors.Is(err, pdfload.ErrGarbled) {
		// a scan, outlined glyphs, fonts without Unicode: recognize every
		// page, with a budget of its own
		octx, cancel := context.WithTimeout(ctx, budget)
		defer cancel()
		res, oerr := l.OCR.ReadPDF(octx, b)
		if oerr != nil {
			if octx.Err() != nil && ctx.Err() == nil {
				return nil, fmt.Errorf("%w; OCR did not finish within %s", err, budget)
			}
			return nil, fmt.Errorf("%w; OCR: %v", err, oerr)
		}
		return &pdfText{lines: res.Lines, pages: res.Pages, sizes: res.PageSizes, engine: "ocr", conf: res.Confidence}, nil
	}
	if err != nil {
		return nil, err
	}
	pages := pagesWithoutText(t.stats)
	if len(pages) == 0 {
		return t, nil
	}
	// pages without usable text among pages with text (a table pasted as
	// a picture, a scanned attachment, outlined glyphs): recognized and
	// put in their place
	octx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	res, oerr := l.OCR.ReadPages(octx, b, pages)
	if oerr != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return t, nil // the text layer's pages still stand
	}
	return spliceOCR(t, res, pages), nil
}

// A page has no usable text when it shows fewer than minPageText readable
// characters, or fewer than a few hundred beside an image over most of it,
// or characters mostly unreadable; and shows an image or drawing that OCR
// may read.
const minPageText = 40

// pagesWithoutText returns the pages (1-based) whose text layer is missing
// or unusable while they show images or drawings: pages for OCR.
func pagesWithoutText(stats []pdfload.PageStat) []int {
	var out []int
	for i, s := range stats {
		if s.Marks == 0 {
			continue // nothing drawn: a blank page or one of text only
		}
		switch {
		case s.Readable < minPageText && (s.Images > 0.2 || s.Marks >= 100),
			s.Readable < 5*minPageText && s.Images > 0.5,
			s.Chars >= minPageText && float64(s.Readable) < 0.5*float64(s.Chars):
			out = append(out, i+1)
		}
	}
	return out
}

// spliceOCR puts the recognized pages in place of the text layer's
// pages, renumbering the source offsets.
func spliceOCR(t *pdfText, res *ocr.Result, pages []int) *pdfText {
	read := map[int]bool{}
	for _, p := range pages {
		read[p] = true
	}
	byPage := map[int][]layout.Line{}
	for _, l := range res.Lines {
		byPage[l.Page] = append(byPage[l.Page], l)
	}
	out := &pdfText{pages: t.pages, sizes: t.sizes, engine: t.engine + "+ocr", stats: t.stats, conf: make([]float64, t.pages)}
	offset := 0
	add := func(l layout.Line, n int) {
		delta := offset - l.Offset
		if len(l.Cells) > 0 {
			cells := make([]layout.Cell, len(l.Cells))
			for i, c := range l.Cells {
				cells[i] = layout.Cell{Text: c.Text, Offset: c.Offset + delta}
			}
			l.Cells = cells
		}
		l.Offset = offset
		out.lines = append(out.lines, l)
		offset += n + 1
	}
	done := map[int]bool{}
	for _, l := range t.lines {
		if read[l.Page] {
			if !done[l.Page] {
				done[l.Page] = true
				for _, o := range byPage[l.Page] {
					add(o, utf8.RuneCountInString(o.Text))
				}
			}
			continue
		}
		n := utf8.RuneCountInString(l.Text)
		if len(l.Cells) > 0 {
			n = len(l.Cells) - 1
			for _, c := range l.Cells {
				n += utf8.RuneCountInString(c.Text)
			}
		}
		add(l, n)
	}
	for _, p := range pages {
		if p >= 1 && p <= len(out.conf) && p <= len(res.Confidence) {
			out.conf[p-1] = res.Confidence[p-1]
		}
	}
	return out
}

// readText reads a PDF's text layer: the built-in reader, then pdftotext.
func (l *Loader) readText(ctx context.Context, path string, b []byte) (*pdfText, error) {
	budget := l.PDFTimeout
	if budget <= 0 {
		budget = 10 * time.Second
	}
	// one deadline for both engines: the built-in reader may use most of
	// it, the fallback gets what is left
	ctx, cancel := context.WithTimeout(ctx, budget*9/10)
	defer cancel()
	res, err := l.readBuiltin(ctx, b, budget*6/10)
	if err == nil && res.Quality >= minQuality {
		return &pdfText{lines: res.Lines, pages: res.Pages, sizes: res.PageSizes, engine: "qcweave-pdf", stats: res.PageStats}, nil
	}
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("PDF could not be read within %s", budget)
		}
		return nil, ctx.Err()
	}
	if err == nil {
		err = fmt.Errorf("%w (%.0f%% readable characters)", pdfload.ErrGarbled, 100*res.Quality)
	}
	if l.Pdftotext == "" || errors.Is(err, pdfload.ErrNoText) || errors.Is(err, pdfload.ErrBlank) || errors.Is(err, pdfload.ErrEncrypted) {
		// pdftotext cannot open what needs a password either: its empty
		// output would add a second, wrong reason
		return nil, err
	}
	flines, fpages, ferr := l.readPdftotext(ctx, path)
	if ferr != nil {
		if errors.Is(ferr, pdfload.ErrNoText) || errors.Is(ferr, pdfload.ErrGarbled) {
			return nil, fmt.Errorf("%v; pdftotext: %v", err, ferr)
		}
		return nil, err // pdftotext failed too; the built-in reader's reason is the clearer
	}
	return &pdfText{lines: flines, pages: fpages, engine: "pdftotext"}, nil
}

func (l *Loader) readBuiltin(ctx context.Context, b []byte, timeout time.Duration) (*pdfload.Result, error) {
	if len(l.PDFHelper) == 0 {
		return pdfload.Read(b)
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	res, err := l.pool.request(cctx, l.PDFHelper, b)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if cctx.Err() != nil {
			return nil, fmt.Errorf("PDF reader gave up after %s (the file loops or is too complex)", timeout)
		}
		return nil, err
	}
	if res.Error != "" {
		return nil, helperError(res)
	}
	return &pdfload.Result{Lines: res.Lines, Pages: res.Pages, Quality: res.Quality, PageSizes: res.PageSizes, PageStats: res.PageStats}, nil
}

// pdfSentinels are the errors of pdfload a helper's answer can carry.
var pdfSentinels = []error{pdfload.ErrNoText, pdfload.ErrEncrypted, pdfload.ErrNoPages, pdfload.ErrGarbled, pdfload.ErrBlank}

// sentinelOf returns the 1-based index of err's sentinel, or 0.
func sentinelOf(err error) int {
	for i, s := range pdfSentinels {
		if errors.Is(err, s) {
			return i + 1
		}
	}
	return 0
}

// helperError rebuilds the error of a helper's answer: its sentinel when it
// has one (wrapped with the message when that says more), else the message.
func helperError(res helperResult) error {
	if res.Sentinel > 0 && res.Sentinel <= len(pdfSentinels) {
		s := pdfSentinels[res.Sentinel-1]
		if rest, ok := strings.CutPrefix(res.Error, s.Error()); ok {
			return fmt.Errorf("%w%s", s, rest) // the message already starts with the sentinel's
		}
		return fmt.Errorf("%w: %s", s, res.Error)
	}
	return errors.New(res.Error)
}

// readPdftotext runs poppler's pdftotext in layout mode.
func (l *Loader) readPdftotext(ctx context.Context, path string) ([]layout.Line, int, error) {
	cmd := exec.CommandContext(ctx, l.Pdftotext, "-layout", "-enc", "UTF-8", "-q", path, "-")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	if err := rlimit.Run(cmd, rlimit.Memory); err != nil {
		if ctx.Err() != nil {
			return nil, 0, errors.New("timed out")
		}
		return nil, 0, fmt.Errorf("%v %s", err, lastLine(stderr.String()))
	}
	text := stdout.String()
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		return nil, 0, pdfload.ErrNoText
	}
	if q := quality(text); q < minQuality {
		return nil, 0, fmt.Errorf("%w (%.0f%% readable characters)", pdfload.ErrGarbled, 100*q)
	}
	lines := plaintext.Lines(text)
	pages := strings.Count(text, "\f")
	if pages == 0 {
		pages = 1
	}
	return lines, pages, nil
}

// quality is the share of readable characters of a text.
func quality(s string) float64 {
	good, total := 0, 0
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\f' || r == '\t' || r == '\r' {
			continue
		}
		total++
		if pdfload.Readable(r) {
			good++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(good) / float64(total)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// buildPDF lays out PDF lines into a document.
func buildPDF(t *pdfText) *document.Document {
	doc := layout.Build(t.lines)
	doc.Format, doc.Engine, doc.Pages, doc.Confidence, doc.PageSizes = "pdf", t.engine, t.pages, t.conf, t.sizes
	return doc
}
