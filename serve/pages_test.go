package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/record"
)

// TestPageImage: a PDF's page is rendered by pdftoppm once, then served
// from the cache; a file changed since ingest is not rendered.
func TestPageImage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed")
	}
	src, err := os.ReadFile("../testdata/pdf/000_51d78471b3c374dd.chromium.pdf")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	sha := hex.EncodeToString(sum[:])
	f := newFixture(t, Options{})
	text := "河南省卫生健康委员会"
	doc := &document.Document{Path: path, SHA256: sha, Format: "pdf", Pages: 2, Text: text, Source: make([]int32, len([]rune(text)))}
	ex := &record.Extraction{Source: record.Source{Path: path, SHA256: sha, Format: "pdf", Pages: 2}, Document: record.Meta{Title: "PDF"}}
	if err := f.st.Save(context.Background(), doc, ex, "test"); err != nil {
		t.Fatal(err)
	}
	if _, body := f.get("/doc/" + sha); !strings.Contains(body, `href="/doc/`+sha+`/view/1"`) {
		t.Fatal("the document page shows no page image")
	}
	for i := 0; i < 2; i++ {
		code, body := f.get("/doc/" + sha + "/page/1")
		if code != 200 {
			t.Fatalf("page 1: %d %s", code, body)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader([]byte(body)))
		if err != nil || cfg.Width < 500 || cfg.Height < 700 {
			t.Fatalf("page 1 is no A4 page at 100 dpi: %v %+v", err, cfg)
		}
	}
	if code, body := f.get("/doc/" + sha + "/view/2"); code != 200 || !strings.Contains(body, `src="/doc/`+sha+`/page/2"`) {
		t.Errorf("view of page 2: %d", code)
	}
	if code, _ := f.get("/doc/" + sha + "/page/3"); code != 404 {
		t.Errorf("page 3 of 2: %d", code)
	}
	// the cached page stays; another page of a changed file is refused
	if err := os.WriteFile(path, append(src, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, body := f.get("/doc/" + sha + "/page/2"); code != 404 || !strings.Contains(body, "changed") {
		t.Errorf("page of a changed file: %d", code)
	}
}

// TestPageBoxes: a record's boxes are drawn on their pages, in points.
func TestPageBoxes(t *testing.T) {
	s := &Server{pages: &pageRenderer{pdftoppm: "pdftoppm"}}
	m := &docMeta{docRow: docRow{SHA: "ab", Format: "pdf", Pages: 2}}
	recs := []Rec{{Kind: "center", Anchor: "q0", Boxes: [][5]float64{{2, 10, 20, 110, 35}, {1, 5, 5, 5, 9}}}}
	pv := s.pageViews(m, recs)
	if len(pv) != 2 || len(pv[0].Boxes) != 0 || len(pv[1].Boxes) != 1 {
		t.Fatalf("pages = %+v", pv)
	}
	if b := pv[1].Boxes[0]; b.X != 10 || b.Y != 20 || b.W != 100 || b.H != 15 || b.Anchor != "q0" {
		t.Errorf("box = %+v", b)
	}
	s.pages.pdftoppm = ""
	if pv := s.pageViews(m, recs); pv != nil {
		t.Error("page images without pdftoppm")
	}
}
