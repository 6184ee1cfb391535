package pdfload

import (
	"testing"

	"qcweave/internal/pdftest"
)

// A red drawing of a seal's size (a ring of curves, a filled star) over
// the signature marks the lines it lies over (the glyphs of this test
// have no width: each line is a point at x 300); a red rule across the page
// (a 版头's) and a black drawing of the same size mark none.
func TestSealMarks(t *testing.T) {
	text := "BT /F1 12 Tf 300 400 Td (Signer Bureau) Tj 0 -20 Td (2031-04-09) Tj 0 -60 Td (Note line) Tj ET "
	ring := func(colour string) string {
		return colour + " 4 w 340 430 m 400 430 400 350 340 350 c 280 350 280 430 340 430 c S "
	}
	for _, c := range []struct {
		name, draw string
		want       []bool // Signer Bureau, 2031-04-09, Note line
	}{
		{"red ring", ring("0.9 0 0 RG"), []bool{true, true, false}},
		{"red star", "0.9 0 0 rg 290 420 m 330 420 l 300 360 l h f ", []bool{true, true, false}},
		{"black ring", ring("0 0 0 RG"), []bool{false, false, false}},
		{"red rule", "0.9 0 0 rg 50 395 500 2 re f ", []bool{false, false, false}},
	} {
		res, err := Read(pdftest.Minimal(c.draw + text))
		if err != nil {
			t.Fatal(err)
		}
		var got []bool
		for _, l := range res.Lines {
			if l.Text != "" {
				got = append(got, l.Seal)
			}
		}
		if len(got) != len(c.want) {
			t.Fatalf("%s: %d lines", c.name, len(got))
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: seal marks %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}
