//go:build ignore

// strips2pdf writes a PDF with one bilevel image per page, or each page cut
// into horizontal strips of a few rows, each its own image (as some
// scanning software stores a page): every image Flate-compressed, one bit
// a pixel, placed at the resolution given (dpi).
//
//	go run testdata/scans/strips2pdf.go DPI ROWS PAGE.png... > scan.pdf
//
// ROWS is the height of a strip in pixels, 0 for one image a page.
package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"strconv"
	"strings"

	"qcweave/internal/pdftest"
)

func main() {
	dpi, err := strconv.ParseFloat(os.Args[1], 64)
	if err != nil {
		fail(err)
	}
	rows, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fail(err)
	}
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids []string
	for _, path := range os.Args[3:] {
		f, err := os.Open(path)
		if err != nil {
			fail(err)
		}
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil {
			fail(err)
		}
		b := img.Bounds()
		w, h := b.Dx(), b.Dy()
		step := rows
		if step <= 0 {
			step = h
		}
		pt := 72 / dpi
		var content, res strings.Builder
		for y0, k := 0, 0; y0 < h; y0, k = y0+step, k+1 {
			y1 := min(y0+step, h)
			data := pack(img, b.Min.X, b.Min.Y+y0, w, y1-y0)
			objs = append(objs, fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
				w, y1-y0, len(data), data))
			fmt.Fprintf(&res, "/Im%d %d 0 R ", k, len(objs))
			fmt.Fprintf(&content, "q %.4f 0 0 %.4f 0 %.4f cm /Im%d Do Q\n", float64(w)*pt, float64(y1-y0)*pt, float64(h-y1)*pt, k)
		}
		c := content.String()
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << %s>> >> /Contents %d 0 R >>",
			float64(w)*pt, float64(h)*pt, res.String(), len(objs)))
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	os.Stdout.Write(pdftest.Objects(objs))
}

// pack returns the rows of a region of img, one bit a pixel (1 white),
// zlib-compressed.
func pack(img image.Image, x0, y0, w, h int) []byte {
	stride := (w + 7) / 8
	raw := make([]byte, stride*h)
	for y := range h {
		for x := range w {
			r, g, b, _ := img.At(x0+x, y0+y).RGBA()
			if (r+g+b)/3 >= 0x8000 {
				raw[y*stride+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	zw.Write(raw)
	zw.Close()
	return buf.Bytes()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "strips2pdf:", err)
	os.Exit(1)
}
