//go:build ignore

// jpegs2pdf writes a PDF with one JPEG per page, as a scanner does: each
// page is the image at the resolution given (dpi), nothing else.
//
//	go run testdata/scans/jpegs2pdf.go DPI PAGE.jpg... > scan.pdf
package main

import (
	"fmt"
	"image/jpeg"
	"os"
	"strconv"

	"qcweave/internal/pdftest"
)

func main() {
	dpi, err := strconv.ParseFloat(os.Args[1], 64)
	if err != nil {
		fail(err)
	}
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	kids := ""
	for _, path := range os.Args[2:] {
		b, err := os.ReadFile(path)
		if err != nil {
			fail(err)
		}
		f, _ := os.Open(path)
		cfg, err := jpeg.DecodeConfig(f)
		f.Close()
		if err != nil {
			fail(fmt.Errorf("%s: %w", path, err))
		}
		w, h := float64(cfg.Width)*72/dpi, float64(cfg.Height)*72/dpi
		n := len(objs) + 1 // the page's object number; its image and content follow
		kids += fmt.Sprintf("%d 0 R ", n)
		draw := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, n+1, n+2),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", cfg.Width, cfg.Height, len(b), b),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw), draw))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, len(os.Args)-2)
	os.Stdout.Write(pdftest.Objects(objs))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "jpegs2pdf:", err)
	os.Exit(1)
}
