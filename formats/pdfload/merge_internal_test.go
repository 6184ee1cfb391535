package pdfload

import "testing"

// The first line of a page goes on in the last cell of the table row that
// ends the page before, when it starts at the margin in the cells' size;
// a line set larger than the cells (the head of the next attachment, a
// 版记 after the table) is a line of its own.
func TestMergeAcrossPagesSize(t *testing.T) {
	for _, c := range []struct {
		size  float64
		merge bool
	}{{12, true}, {16, false}, {14, false}} {
		row := item{x0: 80, x1: 515, size: 12, cells: []string{"63", "某省甲专业质控中心", "某省第一人民医院某某院区"}}
		prev := []item{{x0: 80, x1: 515, size: 12, cells: []string{"62", "某省乙专业质控中心", "某省第二人民医院"}}, row}
		first := item{x0: 80, x1: 160, size: c.size, text: "附件2"}
		cur := []item{first, {x0: 80, x1: 400, size: c.size, text: "某某情况"}}
		pages := [][]item{prev, cur}
		mergeAcrossPages(pages)
		merged := len(pages[1]) == 1
		if merged != c.merge {
			t.Errorf("size %v: merged %v, want %v (last cell %q)", c.size, merged, c.merge, pages[0][1].cells[2])
		}
	}
}
