package pdfload

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// column lays out n lines of a column of text from x0 to x1, the first
// baseline at top, with CJK glyphs of size 10; skip(i) shortens line i to
// half the width (a paragraph's last line).
func column(x0, x1, top float64, n int, short func(int) bool) []glyph {
	var gs []glyph
	for i := range n {
		end := x1
		if short(i) {
			end = x0 + (x1-x0)/2
		}
		for x := x0; x+10 <= end+0.01; x += 10 {
			gs = append(gs, glyph{x: x, y: top - float64(i)*14, w: 10, size: 10, s: "质"})
		}
	}
	return gs
}

// A page set in two columns whose baselines do not line up (a heading in
// one shifts the other's lines) is read column by column, and a line that
// runs to its column's right edge is full there, not at the page's.
func TestTwoColumnPage(t *testing.T) {
	short := func(i int) bool { return i%5 == 4 }
	gs := append(column(50, 280, 800, 40, short), column(310, 540, 793, 40, short)...)
	items := pageItems(gs, nil, box{0, 0, 595, 842})
	if len(items) != 80 {
		t.Fatalf("%d lines, want 80 (a row across the gutter joins the columns)", len(items))
	}
	for i, it := range items {
		if strings.Contains(it.text, "\t") || it.cells != nil {
			t.Fatalf("line %d joins the columns: %q", i, it.text)
		}
		if want := i < 40; (it.x0 < 300) != want {
			t.Fatalf("line %d at x %.0f: the left column is not read first", i, it.x0)
		}
		if want := !short(i % 40); isFull(it, it.colRight) != want {
			t.Errorf("line %d: full %v, want %v (column right %.0f, line right %.0f)", i, !want, want, it.colRight, it.x1)
		}
	}
}

// A line one to three characters in from the margin is indented (a new
// paragraph); one set further in is centred, not indented.
func TestIndent(t *testing.T) {
	for _, c := range []struct {
		x0   float64
		want bool
	}{{50, false}, {60, false}, {70, true}, {75, true}, {85, false}, {150, false}} {
		if got := isIndent(item{x0: c.x0, size: 10}, 50); got != c.want {
			t.Errorf("x0 %.0f: indent %v, want %v", c.x0, got, c.want)
		}
	}
}

// A numbered row broken by a page goes on in the next page's first row
// when that row has no number and fills only cells filled above; a new
// numbered row, a header, or a row that fills a cell empty above does not.
func TestContinuesRow(t *testing.T) {
	row := item{cells: []string{"58", "某省临床用血质量控", "某大学第一附属医"}}
	for _, c := range []struct {
		name string
		next []string
		want bool
	}{
		{"the rest of the row", []string{"", "制中心", "院"}, true},
		{"one cell goes on", []string{"", "", "院"}, true},
		{"the next row", []string{"59", "某省门诊管理质量控制中心", "某省人民医院"}, false},
		{"a repeated header", []string{"序号", "质控中心名称", "责任单位"}, false},
		{"other columns", []string{"", "制中心"}, false},
		{"nothing", []string{"", "", ""}, false},
	} {
		if got := continuesRow(row, item{cells: c.next}); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if continuesRow(item{cells: []string{"郑州", "", "甲"}}, item{cells: []string{"", "乙", "丙"}}) {
		t.Error("a row without a number (a merged region cell above) is continued")
	}
}

// Text set beyond the page's edge is not on the page: it is not read.
func TestOnPage(t *testing.T) {
	b := box{0, 0, 842, 595}
	gs := []glyph{
		{x: 70, y: 400, w: 12, size: 12, s: "在"},  // on the page
		{x: 70, y: 799, w: 12, size: 12, s: "上"},  // above the top edge
		{x: 70, y: -40, w: 12, size: 12, s: "下"},  // below the bottom
		{x: 900, y: 300, w: 12, size: 12, s: "右"}, // right of the page
		{x: 836, y: 600, w: 12, size: 12, s: "边"}, // straddling the corner: kept
	}
	var got string
	for _, g := range onPage(gs, b) {
		got += g.s
	}
	if got != "在边" {
		t.Errorf("kept %q, want 在边", got)
	}
}

// The crossings of every band, counted in one pass, are those counted
// glyph by glyph.
func TestBandCrossings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		var gs []glyph
		for range 200 {
			gs = append(gs, glyph{x: r.Float64() * 500, w: 1 + r.Float64()*12, size: 10})
		}
		lo, step, band := 100+r.Float64()*50, 0.5+r.Float64()*3, 1+r.Float64()*6
		got := bandCrossings(gs, lo, step, band, 120)
		for i, n := range got {
			x, want := lo+float64(i)*step, 0
			for _, g := range gs {
				if g.x < x+band && g.x+g.w > x {
					want++
				}
			}
			if n != want {
				t.Fatalf("band at %.2f: %d crossings, want %d", x, n, want)
			}
		}
	}
}

// A narrow gap (a tab that advanced only a little) starts a cell where
// cells start in two or more lines of the page (a column stop), and is a
// space elsewhere.
func TestColumnStops(t *testing.T) {
	word := func(x, y float64, s string) []glyph {
		var gs []glyph
		for _, r := range s {
			gs = append(gs, glyph{x: x, y: y, w: 5, size: 10, s: string(r)})
			x += 5
		}
		return gs
	}
	// two lines whose second cell starts at 24 after a wide gap make a
	// stop there; "Name" ends at 20, and its narrow gap reaches it
	var page []glyph
	page = append(page, word(0, 100, "ID")...)
	page = append(page, word(24, 100, "Value")...)
	page = append(page, word(0, 80, "No")...)
	page = append(page, word(24, 80, "City")...)
	page = append(page, word(0, 60, "Name")...)
	page = append(page, word(24, 60, "Host")...)
	got := textLines(page)
	if len(got) != 3 || strings.Join(got[2].cells, "|") != "Name|Host" {
		t.Errorf("a narrow gap on a column stop: %+v, want the cells Name|Host", got)
	}
	alone := textLines(append(word(0, 100, "Name"), word(24, 100, "Value")...))
	if len(alone) != 1 || alone[0].cells != nil || alone[0].text != "Name Value" {
		t.Errorf("one line's narrow gap: %+v, want the text %q", alone, "Name Value")
	}
	if got := repeated([]int{5, 3, 5, 9, 3, 3, 1}); !slices.Equal(got, []int{3, 5}) {
		t.Errorf("repeated = %v", got)
	}
	for _, c := range []struct {
		x    float64
		want bool
	}{{2.6, true}, {4.4, true}, {6.6, false}, {0.4, false}, {10.2, true}} {
		if got := onStop([]int{3, 10}, c.x); got != c.want {
			t.Errorf("onStop(%v) = %v", c.x, got)
		}
	}
}

// A table whose last column stands far right of the others (a number and
// a name, a wide gap, a host) is no page set in two columns: each row is
// read across, its cells kept together.
func TestTableIsNoColumns(t *testing.T) {
	word := func(x, y float64, n int, s string) []glyph {
		var gs []glyph
		for range n {
			gs = append(gs, glyph{x: x, y: y, w: 10, size: 10, s: s})
			x += 10
		}
		return gs
	}
	var gs []glyph
	for i := range 30 {
		y := 800 - float64(i)*16
		gs = append(gs, word(50, y, 1+i/10, "1")...)
		gs = append(gs, word(95, y, 8+i%7, "甲")...)
		gs = append(gs, word(330, y, 7+i%3, "乙")...)
	}
	items := pageItems(gs, nil, box{0, 0, 595, 842})
	if len(items) != 30 {
		t.Fatalf("%d lines, want 30 rows", len(items))
	}
	for i, it := range items {
		if len(it.cells) != 3 {
			t.Fatalf("row %d: cells %q (text %q), want three", i, it.cells, it.text)
		}
	}
}
