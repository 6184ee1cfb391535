package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"qcweave/internal/ofdsvg"
)

// pageRenderer draws pages of a document's original file on demand into a
// cache folder: a PDF's with poppler's pdftoppm (PNG), an OFD's with
// internal/ofdsvg (SVG).
type pageRenderer struct {
	pdftoppm string // "" when not installed: no PDF page images
	dir      string
	mu       sync.Mutex // one rendering at a time
}

// pageDPI is the resolution of a rendered page.
const pageDPI = 100

// maxPageViews bounds the pages a document page shows.
const maxPageViews = 30

// renderTimeout bounds the drawing of one page.
const renderTimeout = 30 * time.Second

// maxOFDFile bounds the OFD file read to draw one of its pages.
const maxOFDFile = 256 << 20

// ofdPageCSP is the Content-Security-Policy of an OFD page's SVG, opened
// on its own: nothing may load or run but the images embedded as data:
// URIs (the pages' policy allows img-src data: too).
const ofdPageCSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

// pageView is a page image of a document with the boxes of its records'
// quotes, in points from the top-left corner.
type pageView struct {
	N     int
	URL   string
	DPI   int
	Boxes []boxView
}

type boxView struct {
	Anchor, Kind string
	X, Y, W, H   float64
	Selected     bool
}

// pageImages tells how a document's pages are drawn: "png" for a PDF (a
// born-digital or a scanned one) when pdftoppm is installed, "svg" for an
// OFD, "" when they are not.
func (s *Server) pageImages(m *docMeta) string {
	switch {
	case m.Pages <= 0:
		return ""
	case m.Format == "pdf" && s.pages.pdftoppm != "":
		return "png"
	case m.Format == "ofd":
		return "svg"
	}
	return ""
}

// errNoPageImages answers a page image asked of a document without them.
var errNoPageImages = fmt.Errorf("no page images: the document is no PDF or OFD, or pdftoppm (poppler-utils) is not installed")

// pageViews returns the pages to show for a document, those pageImages
// draws, with the boxes of its records.
func (s *Server) pageViews(m *docMeta, recs []Rec) []pageView {
	if s.pageImages(m) == "" {
		return nil
	}
	var out []pageView
	for n := 1; n <= min(m.Pages, maxPageViews); n++ {
		pv := pageView{N: n, URL: fmt.Sprintf("/doc/%s/page/%d", m.SHA, n), DPI: pageDPI}
		for _, r := range recs {
			for _, b := range r.Boxes {
				if int(b[0]) == n && b[3] > b[1] && b[4] > b[2] {
					pv.Boxes = append(pv.Boxes, boxView{Anchor: r.Anchor, Kind: r.Kind, X: b[1], Y: b[2], W: b[3] - b[1], H: b[4] - b[2]})
				}
			}
		}
		out = append(out, pv)
	}
	return out
}

// pageImage answers the image of one page, drawn once and then cached: a
// PNG for a PDF, an SVG with its own strict policy for an OFD.
func (s *Server) pageImage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	m, ok := s.requestedDoc(w, r, r.PathValue("sha"))
	if !ok {
		return
	}
	n, ok := s.requestedPage(w, r, m.Pages)
	if !ok {
		return
	}
	kind := s.pageImages(m)
	if kind == "" {
		s.fail(w, r, http.StatusNotFound, errNoPageImages)
		return
	}
	path, err := s.pages.render(ctx, m.Path, m.SHA, kind, n)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, err)
		return
	}
	h := w.Header()
	if kind == "svg" {
		h.Set("Content-Type", "image/svg+xml")
		h.Set("Content-Security-Policy", ofdPageCSP)
	} else {
		h.Set("Content-Type", "image/png")
	}
	h.Set("Cache-Control", "private, max-age=86400")
	http.ServeFile(w, r, path)
}

// render returns the cached image (kind "png" or "svg") of page n of the
// file at src, whose content must still be sha (the file may have changed
// since ingest).
func (p *pageRenderer) render(ctx context.Context, src, sha, kind string, n int) (string, error) {
	out := filepath.Join(p.dir, fmt.Sprintf("%s-%d-%d.%s", sha, n, pageDPI, kind))
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	f, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("the original file is gone: %w", err)
	}
	h := sha256.New()
	var content bytes.Buffer // an OFD's bytes, drawn in process
	var dst io.Writer = h
	if kind == "svg" {
		dst = io.MultiWriter(h, &content)
	}
	_, err = io.Copy(dst, io.LimitReader(f, maxOFDFile+1))
	if err == nil && kind == "png" {
		_, err = io.Copy(h, f) // the rest of a PDF past the bound
	}
	f.Close()
	if err != nil {
		return "", fmt.Errorf("read %s: %w", src, err)
	}
	if kind == "svg" && content.Len() > maxOFDFile {
		return "", fmt.Errorf("%s is over %d MB: no page images", src, maxOFDFile>>20)
	}
	if hex.EncodeToString(h.Sum(nil)) != sha {
		return "", fmt.Errorf("%s has changed since it was ingested", src)
	}
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return "", fmt.Errorf("page cache: %w", err)
	}
	tmp, err := os.MkdirTemp(p.dir, ".render-")
	if err != nil {
		return "", fmt.Errorf("page cache: %w", err)
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(ctx, renderTimeout)
	defer cancel()
	drawn := filepath.Join(tmp, "p."+kind)
	switch kind {
	case "svg":
		svg, err := ofdsvg.Render(ctx, content.Bytes(), n, pageDPI)
		if err != nil {
			return "", fmt.Errorf("page %d: %w", n, err)
		}
		if err := os.WriteFile(drawn, svg, 0o600); err != nil {
			return "", fmt.Errorf("page cache: %w", err)
		}
	default:
		prefix := filepath.Join(tmp, "p")
		cmd := exec.CommandContext(ctx, p.pdftoppm, "-png", "-r", strconv.Itoa(pageDPI), "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile", src, prefix)
		if b, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("pdftoppm: %v: %s", err, b)
		}
	}
	if err := os.Rename(drawn, out); err != nil {
		return "", fmt.Errorf("page cache: %w", err)
	}
	return out, nil
}

// pageViewPage is what the view of one page shows.
type pageViewPage struct {
	Meta       *docMeta
	Page       pageView
	Records    []Rec // the records with a box on the page
	Selected   string
	Prev, Next int
}

// pageView shows one page of a PDF or an OFD with the boxes of its records' quotes;
// ?rec=ANCHOR marks one.
func (s *Server) pageViewHandler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	m, ok := s.requestedDoc(w, r, r.PathValue("sha"))
	if !ok {
		return
	}
	n, ok := s.requestedPage(w, r, min(m.Pages, maxPageViews))
	if !ok {
		return
	}
	recs, err := s.correctedRecords(ctx, m.ID, m.SHA)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	views := s.pageViews(m, recs)
	if len(views) < n {
		s.fail(w, r, http.StatusNotFound, errNoPageImages)
		return
	}
	d := pageViewPage{Meta: m, Page: views[n-1], Selected: r.URL.Query().Get("rec")}
	if n > 1 {
		d.Prev = n - 1
	}
	if n < len(views) {
		d.Next = n + 1
	}
	on := map[string]bool{}
	for i := range d.Page.Boxes {
		on[d.Page.Boxes[i].Anchor] = true
		d.Page.Boxes[i].Selected = d.Page.Boxes[i].Anchor == d.Selected
	}
	for _, rec := range recs {
		if on[rec.Anchor] {
			d.Records = append(d.Records, rec)
		}
	}
	s.render(w, r, "page", fmt.Sprintf("%s · 第 %d 页", docTitle(m.docRow), n), d)
}

// quotePage sends a finding's quote, /doc/SHA/at/START-END, to the page
// it stands on, with the box of the record whose quote it is marked;
// to the quote in the text when the document has no page images or the
// quote no box.
func (s *Server) quotePage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.requestedDoc(w, r, r.PathValue("sha"))
	if !ok {
		return
	}
	a, b, found := strings.Cut(r.PathValue("span"), "-")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !found || err1 != nil || err2 != nil || start < 0 || end < start {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("a quote's place is START-END, not %q", r.PathValue("span")))
		return
	}
	text := fmt.Sprintf("/doc/%s?hl=%d-%d#hl", m.SHA, start, end)
	if s.pageImages(m) == "" {
		http.Redirect(w, r, text, http.StatusSeeOther)
		return
	}
	recs, err := s.correctedRecords(r.Context(), m.ID, m.SHA)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	best := -1
	for i, rec := range recs {
		if rec.Page <= 0 || rec.Page > min(m.Pages, maxPageViews) || len(rec.Boxes) == 0 || rec.Start > start || rec.End < end {
			continue
		}
		// the narrowest record holding the quote is the one it is of
		if best < 0 || rec.End-rec.Start < recs[best].End-recs[best].Start {
			best = i
		}
	}
	if best < 0 {
		http.Redirect(w, r, text, http.StatusSeeOther)
		return
	}
	rec := recs[best]
	http.Redirect(w, r, fmt.Sprintf("/doc/%s/view/%d?rec=%s", m.SHA, rec.Page, url.QueryEscape(rec.Anchor)), http.StatusSeeOther)
}
