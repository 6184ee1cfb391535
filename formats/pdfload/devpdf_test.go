package pdfload

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"unicode"
)

// The real government PDFs of the dev set (WPS, Word, ONLYOFFICE; 方正 and
// CID fonts) read as poppler's pdftotext reads them: at least 98% of its
// characters, and at least 98% of ours are its.
func TestDevPDFsAgainstPdftotext(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	files, _ := filepath.Glob("../../testdata/dev/pdf/*.pdf")
	if len(files) == 0 {
		t.Fatal("no dev PDFs under testdata/dev/pdf")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			ref, err := exec.Command(bin, "-q", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Read(b)
			if err != nil {
				t.Fatal(err)
			}
			var ours []rune
			for _, l := range res.Lines {
				ours = append(ours, []rune(l.Text)...)
				for _, c := range l.Cells {
					ours = append(ours, []rune(c.Text)...)
				}
			}
			want, got := charCounts([]rune(string(ref))), charCounts(ours)
			common, nw, ng := 0, 0, 0
			for c, n := range want {
				common += min(n, got[c])
				nw += n
			}
			for _, n := range got {
				ng += n
			}
			recall, precision := float64(common)/float64(nw), float64(common)/float64(ng)
			t.Logf("recall %.3f precision %.3f", recall, precision)
			if recall < 0.98 || precision < 0.98 {
				t.Errorf("recall %.3f, precision %.3f against pdftotext: want 0.98 each", recall, precision)
			}
		})
	}
}

// charCounts counts the characters of a text, spaces left out.
func charCounts(rs []rune) map[rune]int {
	m := map[rune]int{}
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			m[r]++
		}
	}
	return m
}
