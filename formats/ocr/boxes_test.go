package ocr

import (
	"reflect"
	"testing"

	"qcweave/document"
)

// Each recognized word is a run at its pixel box, counted from the start
// of its line (a joined space or tab counts, a line continuing a table
// row's cell counts from the row's start); scaleRuns turns pixels into
// points at the image's resolution.
func TestLineRuns(t *testing.T) {
	words := ParseTSV(tsv([][]any{
		{100, 1600, 100, 200, "截至2025年", 310, 120, "4月底，", 440, 900, "全省共组建市级质控中心"},
		{100, 1600, 100, 40, "12", 180, 160, "三门峡", 420, 60, "66", 540, 1060, "免疫学、烧伤科"},
		{100, 600, 540, 500, "医学信息"},
	}))
	lines := Lines(words, 2)
	var runs [][]document.Run
	for _, l := range lines {
		if l.Text != "" {
			runs = append(runs, l.Runs)
		}
	}
	want := [][]document.Run{
		{{Src: 0, N: 7, Page: 2, X0: 100, Y0: 100, X1: 300, Y1: 140}, {Src: 7, N: 4, Page: 2, X0: 310, Y0: 100, X1: 430, Y1: 140},
			{Src: 11, N: 11, Page: 2, X0: 440, Y0: 100, X1: 1340, Y1: 140}},
		// "12\t三门峡\t66\t免疫学、烧伤科" then "医学信息" continuing the last cell
		{{Src: 0, N: 2, Page: 2, X0: 100, Y0: 150, X1: 140, Y1: 190}, {Src: 3, N: 3, Page: 2, X0: 180, Y0: 150, X1: 340, Y1: 190},
			{Src: 7, N: 2, Page: 2, X0: 420, Y0: 150, X1: 480, Y1: 190}, {Src: 10, N: 7, Page: 2, X0: 540, Y0: 150, X1: 1600, Y1: 190},
			{Src: 17, N: 4, Page: 2, X0: 540, Y0: 200, X1: 1040, Y1: 240}},
	}
	if !reflect.DeepEqual(runs, want) {
		t.Errorf("runs\n%v\nwant\n%v", runs, want)
	}
	rs := []document.Run{{X0: 300, Y0: 600, X1: 600, Y1: 900}}
	scaleRuns(rs, 72.0/300)
	if rs[0] != (document.Run{X0: 72, Y0: 144, X1: 144, Y1: 216}) {
		t.Errorf("scaled %v", rs[0])
	}
}
