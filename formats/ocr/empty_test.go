package ocr

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	goimage "image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/internal/pdftest"
)

// imagePages is a PDF of n A4 pages, each drawing one w×h grey image of
// the given shade over the whole page.
func imagePages(n, w, h int, shade byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(bytes.Repeat([]byte{shade}, w*h))
	zw.Close()
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", w, h, z.Len(), z.String())}
	const draw = "q 595 0 0 842 0 0 cm /Im0 Do Q"
	var kids strings.Builder
	for i := range n {
		fmt.Fprintf(&kids, "%d 0 R ", 4+2*i)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw), draw))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)
	return pdftest.Objects(objs)
}

// Blank scans and pages of one stretched dot are found empty from one
// small drawing of all pages: none is drawn at full resolution and
// tesseract never runs (a blank scan below 200 dpi and a page of an 8×8
// image were each drawn at 200–250 dpi, one program run a page).
func TestEmptyPagesNotRendered(t *testing.T) {
	var tools []string
	for _, name := range []string{"pdftoppm", "pdfimages", "pdfinfo"} {
		p, err := exec.LookPath(name)
		if err != nil {
			t.Skip("poppler's tools are not installed")
		}
		tools = append(tools, p)
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "calls")
	wrap := func(name, real string) string {
		p := filepath.Join(dir, name)
		script := fmt.Sprintf("#!/bin/sh\necho %s \"$@\" >> %s\n", name, log)
		if real != "" {
			script += fmt.Sprintf("exec %s \"$@\"\n", real)
		}
		if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	e := Engine{Tesseract: wrap("tesseract", ""), Pdftoppm: wrap("pdftoppm", tools[0]), Pdfimages: tools[1], Pdfinfo: tools[2]}
	for _, c := range []struct {
		name string
		pdf  []byte
	}{
		{"blank 150 dpi scans", imagePages(6, 1240, 1754, 0xff)},
		{"white dots", imagePages(6, 8, 8, 0xff)},
		{"black dots", imagePages(6, 8, 8, 0x00)},
	} {
		os.Remove(log)
		_, err := e.ReadPDF(context.Background(), c.pdf)
		if !errors.Is(err, ErrNoText) {
			t.Errorf("%s: %v, want ErrNoText", c.name, err)
		}
		calls, _ := os.ReadFile(log)
		for _, l := range strings.Split(strings.TrimSpace(string(calls)), "\n") {
			if strings.HasPrefix(l, "tesseract") || strings.HasPrefix(l, "pdftoppm") && !strings.Contains(l, fmt.Sprintf("-r %d ", previewDPI)) {
				t.Errorf("%s: ran %s", c.name, l)
			}
		}
	}
}

// A page is of one shade when nearly all its pixels are: white, black,
// grey with a few specks; a line of text on grey paper is not.
func TestUniform(t *testing.T) {
	page := func(shade byte, draw func(*goimage.Gray)) *goimage.Gray {
		g := goimage.NewGray(goimage.Rect(0, 0, 298, 421))
		for i := range g.Pix {
			g.Pix[i] = shade
		}
		draw(g)
		return g
	}
	none := func(*goimage.Gray) {}
	line := func(g *goimage.Gray) {
		for x := 30; x < 270; x++ {
			if x%6 < 4 {
				for y := 60; y < 65; y++ {
					g.Pix[y*g.Stride+x] = 0xa0
				}
			}
		}
	}
	for _, c := range []struct {
		name string
		img  *goimage.Gray
		want bool
	}{
		{"white", page(0xff, none), true},
		{"black", page(0, none), true},
		{"grey with specks", page(0xd0, func(g *goimage.Gray) {
			for i := range 20 {
				g.Pix[i*997] = 0
			}
		}), true},
		{"a line of light text on grey", page(0xe0, line), false},
		{"a line of text", page(0xff, line), false},
	} {
		if got := uniform(c.img); got != c.want {
			t.Errorf("%s: uniform %v, want %v", c.name, got, c.want)
		}
	}
}
