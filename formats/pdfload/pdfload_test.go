package pdfload

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/internal/pdftest"
)

// minimalPDF is a one-page PDF drawing content.
func minimalPDF(content string) []byte { return pdftest.Minimal(content) }

func TestReadMinimal(t *testing.T) {
	pdf := minimalPDF("BT /F1 12 Tf 72 720 Td (Quality control) Tj 0 -20 Td (centers) Tj ET")
	res, err := Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range res.Lines {
		if l.Text != "" {
			got = append(got, l.Text)
		}
	}
	if strings.Join(got, "|") != "Quality control|centers" || res.Pages != 1 {
		t.Errorf("lines %q, pages %d", got, res.Pages)
	}
}

func TestReadTrailingBytes(t *testing.T) {
	pdf := append(minimalPDF("BT /F1 12 Tf 72 720 Td (centers) Tj ET"), "% appended by a mail gateway\n"...)
	if _, err := Read(pdf); err != nil {
		t.Errorf("a PDF with bytes after %%%%EOF: %v", err)
	}
}

func TestReadRefusals(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"no text", minimalPDF("0 0 m 100 100 l S"), ErrNoText},
	}
	for _, tt := range tests {
		if _, err := Read(tt.in); err != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	for _, in := range [][]byte{nil, []byte("%PDF-1.4\n"), minimalPDF("BT")[:200]} {
		if _, err := Read(in); err == nil {
			t.Errorf("Read(%q…) succeeded", in[:min(len(in), 20)])
		}
	}
}

func TestParseCMap(t *testing.T) {
	m := parseCMap([]byte(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar
2 beginbfrange <0020> <0022> <5FC3> <0030> <0031> [<8D28> <63A7>] endbfrange
endcmap`))
	if m == nil {
		t.Fatal("nil cmap")
	}
	for raw, want := range map[string]string{"\x00\x10": "中", "\x00\x21": "忄", "\x00\x30": "质", "\x00\x31": "控", "\x00\x03": " "} {
		got, ok := m.lookup(raw)
		if !ok || got != want {
			t.Errorf("lookup(%x) = %q, %v; want %q", raw, got, ok, want)
		}
	}
	if m.codeLen("\x00\x10") != 2 {
		t.Errorf("codeLen = %d, want 2", m.codeLen("\x00\x10"))
	}
}

// FuzzRead guards the PDF reader against malformed input: it returns an
// error or text, never panics. Seeds: a minimal PDF and the renderings of
// testdata/pdf cut to their first 64 KiB.
func FuzzRead(f *testing.F) {
	f.Add(minimalPDF("BT /F1 12 Tf 72 720 Td (Quality control) Tj ET"))
	f.Add(minimalPDF("q 1 0 0 1 10 10 cm 0 0 100 50 re f Q BT /F1 9 Tf [(A) -500 (B)] TJ ET"))
	files, _ := filepath.Glob("../../testdata/pdf/*.pdf")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b[:min(len(b), 64<<10)])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 256<<10 {
			return
		}
		res, err := Read(b)
		if err == nil && res.Pages <= 0 {
			t.Fatalf("no error and %d pages", res.Pages)
		}
	})
}

// A page without text is a scan (or drawn text) only when it shows
// something: an image or a painted path. An empty page is blank, and OCR
// is not tried on it.
func TestBlankPages(t *testing.T) {
	for _, c := range []struct {
		name, content string
		want          error
	}{
		{"nothing", "", ErrBlank},
		{"an unclosed string", "BT /F1 12 Tf 72 720 Td (aaaa", ErrBlank},
		{"a stroke", "0 0 m 100 100 l S", ErrNoText},
		{"a filled box", "10 10 50 50 re f", ErrNoText},
		{"an inline image", "q 100 0 0 100 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \xff EI Q", ErrNoText},
	} {
		if _, err := Read(minimalPDF(c.content)); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}
