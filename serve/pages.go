package serve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// pageRenderer renders pages of a document's original PDF with poppler's
// pdftoppm, on demand, into a cache folder.
type pageRenderer struct {
	pdftoppm string // "" when not installed: no page images
	dir      string
	mu       sync.Mutex // one rendering at a time
}

// pageDPI is the resolution of a rendered page.
const pageDPI = 100

// maxPageViews bounds the pages a document page shows.
const maxPageViews = 30

// pageView is a page image of a document with the boxes of its records'
// quotes, in PDF points from the top-left corner.
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

// pageViews returns the pages to show for a document: those of a PDF (a
// born-digital or a scanned one) when pdftoppm is installed.
func (s *Server) pageViews(m *docMeta, recs []Rec) []pageView {
	if s.pages.pdftoppm == "" || m.Format != "pdf" || m.Pages <= 0 {
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

// pageImage answers the PNG of one page, rendered once and then cached.
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
	if s.pages.pdftoppm == "" || m.Format != "pdf" {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no page images: pdftoppm (poppler-utils) is not installed, or the document is no PDF"))
		return
	}
	path, err := s.pages.render(ctx, m.Path, m.SHA, n)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	http.ServeFile(w, r, path)
}

// render returns the cached image of page n of the PDF at src, whose
// content must still be sha (the file may have changed since ingest).
func (p *pageRenderer) render(ctx context.Context, src, sha string, n int) (string, error) {
	out := filepath.Join(p.dir, fmt.Sprintf("%s-%d-%d.png", sha, n, pageDPI))
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
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		return "", fmt.Errorf("read %s: %w", src, err)
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
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	prefix := filepath.Join(tmp, "p")
	cmd := exec.CommandContext(ctx, p.pdftoppm, "-png", "-r", strconv.Itoa(pageDPI), "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile", src, prefix)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("pdftoppm: %v: %s", err, b)
	}
	if err := os.Rename(prefix+".png", out); err != nil {
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

// pageView shows one page of a PDF with the boxes of its records' quotes;
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
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no page images: pdftoppm (poppler-utils) is not installed, or the document is no PDF"))
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
