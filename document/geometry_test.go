package document

import (
	"reflect"
	"testing"
)

// A span's boxes: a rune's share of its run's width, the runs of one line
// joined into one box, a new box for each line and across a wide gap,
// page by page; runes placed by no run (a joined line break) have none.
func TestBoxes(t *testing.T) {
	// source: "ABCD" on line 1 (one run of 4 at x 10..50), "EF" two runs
	// on line 1 further right (60..70, 71..81: touching, one box), "GH"
	// far right (200..220), line 2 "IJ" (10..30), page 2 "KL"
	d := &Document{
		Source: []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
		Runs: []Run{
			{Src: 0, N: 4, Page: 1, X0: 10, Y0: 100, X1: 50, Y1: 110},
			{Src: 4, N: 1, Page: 1, X0: 60, Y0: 100, X1: 70, Y1: 110},
			{Src: 5, N: 1, Page: 1, X0: 71, Y0: 100, X1: 81, Y1: 110},
			{Src: 6, N: 2, Page: 1, X0: 200, Y0: 100, X1: 220, Y1: 110},
			// 8 is a line break: no run
			{Src: 9, N: 2, Page: 1, X0: 10, Y0: 115, X1: 30, Y1: 125},
			{Src: 11, N: 2, Page: 2, X0: 10, Y0: 50, X1: 30, Y1: 60},
		},
	}
	for _, c := range []struct {
		s    Span
		want []Box
	}{
		{Span{1, 3}, []Box{{1, 20, 100, 40, 110}}},
		{Span{2, 6}, []Box{{1, 30, 100, 81, 110}}},
		{Span{5, 8}, []Box{{1, 71, 100, 81, 110}, {1, 200, 100, 220, 110}}},
		{Span{7, 13}, []Box{{1, 210, 100, 220, 110}, {1, 10, 115, 30, 125}, {2, 10, 50, 30, 60}}},
		{Span{8, 9}, nil},
		{Span{12, 40}, []Box{{2, 20, 50, 30, 60}}},
	} {
		if got := d.Boxes(c.s); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Boxes(%v) = %v, want %v", c.s, got, c.want)
		}
	}
	if got := (&Document{Source: []int32{0, 1}}).Boxes(Span{0, 2}); got != nil {
		t.Errorf("a document without runs has boxes %v", got)
	}
}

// A page's size is known for the pages the loader measured, zero past
// them.
func TestPageSizeOf(t *testing.T) {
	d := &Document{PageSizes: []PageSize{{595, 842}, {842, 595}}}
	if got := d.PageSizeOf(2); got != (PageSize{842, 595}) {
		t.Errorf("page 2: %v", got)
	}
	if got := d.PageSizeOf(3); got != (PageSize{}) {
		t.Errorf("page 3: %v", got)
	}
}
