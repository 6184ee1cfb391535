package pdfload

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"qcweave/document"
	"qcweave/layout"
)

// item is a line of a page in reading order: text, or the cells of a
// table row.
type item struct {
	y     float64 // top, device space (larger is higher)
	x0    float64
	x1    float64
	size  float64
	text  string
	cells []string
	// the left and right margins of the item's column, when the page is
	// set in columns (zero: the page's)
	colLeft, colRight float64
	// runs place the text on the page (see runs.go)
	runs []document.Run
	// spans holds the x extent of each cell of a row (nil for text)
	spans [][2]float64
	color uint32 // the fill colour of its first glyph, 0xRRGGBB
	seal  bool   // an image or a red drawing of a seal's size lies over it
	// cut says how the page cut a table row at its foot (cutOpen,
	// cutText; 0: not cut): its rest opens the next page
	cut int
}

// pageItems turns a page's glyphs and rules into lines and table rows.
// It owns gs: the glyphs are filtered and ordered in place.
func pageItems(gs []glyph, rules []segment, pageBox box) []item {
	clean := gs[:0]
	for _, g := range gs {
		if g.size <= 0 || math.IsNaN(g.x) || math.IsNaN(g.y) || math.IsInf(g.x, 0) || math.IsInf(g.y, 0) {
			continue
		}
		if strings.TrimFunc(g.s, unicode.IsControl) == "" {
			continue
		}
		clean = append(clean, g)
	}
	var items []item
	used := make([]bool, len(clean))
	for _, gr := range findGrids(rules) {
		items = append(items, gr.rows(clean, used)...)
	}
	rest := clean[:0] // written behind the reading
	for i, g := range clean {
		if !used[i] {
			rest = append(rest, g)
		}
	}
	byPosition := func(items []item) {
		sort.SliceStable(items, func(i, j int) bool {
			if math.Abs(items[i].y-items[j].y) > 0.5 {
				return items[i].y > items[j].y
			}
			return items[i].x0 < items[j].x0
		})
	}
	rest = byBaseline(rest)
	lines := sortedLines(rest)
	if merged := centredRows(lines); len(merged) < len(lines) {
		// a table with centred cells: not columns of text
		items = append(items, merged...)
		byPosition(items)
		return mergeWrappedRows(items)
	}
	if segs, sides := columnSegments(rest); len(items) == 0 && len(segs) > 1 {
		// columns: each read down before the next, between the lines that
		// span the page (a headline, a figure's caption); a column's lines
		// wrap at its own margins
		var bySide [3][]item
		var parts [][]item
		for k, seg := range segs {
			its := sortedLines(seg)
			byPosition(its)
			parts = append(parts, its)
			bySide[sides[k]] = append(bySide[sides[k]], its...)
		}
		for k, its := range parts {
			if sides[k] > 0 {
				l, r := margins(bySide[sides[k]])
				for i := range its {
					its[i].colLeft, its[i].colRight = l, r
				}
			}
			items = append(items, its...)
		}
		return mergeWrappedRows(items)
	}
	items = append(items, lines...)
	byPosition(items)
	return mergeWrappedRows(items)
}

// columnSegments splits a page's glyphs into what is read in order when the
// page is set in two columns: runs of the left column, then of the right,
// between lines that cross the gutter, with the side of each (0 across
// the page, 1 left, 2 right). A page without a gutter is one segment. The
// gutter is the band of one character's width, in the middle of the page,
// that the fewest glyphs cross. The glyphs come in byBaseline order, and
// every segment keeps it.
func columnSegments(gs []glyph) ([][]glyph, []int) {
	one := func() ([][]glyph, []int) { return [][]glyph{gs}, []int{0} }
	if len(gs) < 200 {
		return one()
	}
	sizes := make([]float64, len(gs))
	minX, maxX := math.Inf(1), math.Inf(-1)
	for i, g := range gs {
		sizes[i] = g.size
		minX, maxX = min(minX, g.x), max(maxX, g.x+g.w)
	}
	sort.Float64s(sizes)
	em := sizes[len(sizes)/2]
	// the band is narrower than a column gap (a browser's is 1em): text
	// justified to the column's edge comes close to it
	band := em / 3
	crosses := func(g glyph, x float64) bool { return g.x < x+band && g.x+g.w > x }
	lo, step := minX+0.3*(maxX-minX), band/2
	bestX, bestN := 0.0, len(gs)+1
	for i, n := range bandCrossings(gs, lo, step, band, int(0.4*(maxX-minX)/step)+1) {
		if n < bestN {
			bestX, bestN = lo+float64(i)*step, n
		}
	}
	if bestN > len(gs)/7 {
		return one()
	}
	// rows by baseline, top first
	type row struct {
		y        float64
		gs       []glyph
		spanning bool
	}
	sorted := gs
	var rows []*row // each a run of sorted
	for i, g := range sorted {
		if n := len(rows); n > 0 && math.Abs(rows[n-1].y-g.y) < 0.35*em {
			r := rows[n-1]
			r.gs = r.gs[:len(r.gs)+1]
			r.spanning = r.spanning || crosses(g, bestX)
			continue
		}
		rows = append(rows, &row{y: g.y, gs: sorted[i : i+1], spanning: crosses(g, bestX)})
	}
	// both sides hold lines, and side by side: the columns' baselines
	// need not align (a heading in one shifts the other's lines)
	var leftRows, rightRows, cellRows int
	leftY, rightY := [2]float64{math.Inf(1), math.Inf(-1)}, [2]float64{math.Inf(1), math.Inf(-1)}
	for _, r := range rows {
		if r.spanning {
			continue
		}
		left, right, gap := false, false, false
		prevEnd := math.Inf(1)
		for _, g := range r.gs {
			if g.x+g.w <= bestX {
				gap = gap || g.x-prevEnd > em
				prevEnd = g.x + g.w
			}
			left, right = left || g.x+g.w <= bestX, right || g.x >= bestX+band
		}
		if gap {
			cellRows++
		}
		if left {
			leftRows++
			leftY = [2]float64{min(leftY[0], r.y), max(leftY[1], r.y)}
		}
		if right {
			rightRows++
			rightY = [2]float64{min(rightY[0], r.y), max(rightY[1], r.y)}
		}
	}
	overlap := min(leftY[1], rightY[1]) - max(leftY[0], rightY[0])
	// a column of text has no wide gap inside its lines: a left side
	// whose lines often do is a table's first cells (a number, a name),
	// its right side the table's last column
	if leftRows < 5 || rightRows < 5 || overlap < 0.5*min(leftY[1]-leftY[0], rightY[1]-rightY[0]) || 3*cellRows >= leftRows {
		return one()
	}
	var segs [][]glyph
	var sides []int
	// the columns' glyphs laid out in one slice: each run of rows between
	// spanning ones gives its left column's glyphs, then its right's
	out := make([]glyph, 0, len(gs))
	var run []*row
	flush := func() {
		for side := 1; side <= 2; side++ {
			start := len(out)
			for _, r := range run {
				for _, g := range r.gs {
					if left := g.x+g.w/2 < bestX+band/2; left == (side == 1) {
						out = append(out, g)
					}
				}
			}
			if len(out) > start {
				segs = append(segs, out[start:len(out):len(out)])
				sides = append(sides, side)
			}
		}
		run = run[:0]
	}
	for _, r := range rows {
		if r.spanning {
			flush()
			segs = append(segs, r.gs)
			sides = append(sides, 0)
			continue
		}
		run = append(run, r)
	}
	flush()
	return segs, sides
}

// bandCrossings counts, for each of steps bands of width band starting at
// lo, lo+step, …, the glyphs that cross it — in one pass over the glyphs:
// a glyph crosses the bands that start in (g.x-band, g.x+g.w).
func bandCrossings(gs []glyph, lo, step, band float64, steps int) []int {
	diff := make([]int, steps+1)
	for _, g := range gs {
		first := max(0, int(math.Floor((g.x-band-lo)/step))+1)
		last := min(steps-1, int(math.Ceil((g.x+g.w-lo)/step))-1)
		if first <= last {
			diff[first]++
			diff[last+1]--
		}
	}
	out := make([]int, steps)
	for i, n := 0, 0; i < steps; i++ {
		n += diff[i]
		out[i] = n
	}
	return out
}

// byBaseline orders glyphs top down (baselines a hundredth of a unit
// apart are one), then left to right, then as they came, in place. Small
// keys are sorted, then the glyphs moved along the permutation's cycles.
func byBaseline(gs []glyph) []glyph {
	type key struct {
		y int64
		x float64
		i int32
	}
	keys := make([]key, len(gs))
	for i, g := range gs {
		keys[i] = key{int64(math.Round(g.y * 100)), g.x, int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.y != b.y {
			return cmp.Compare(b.y, a.y)
		}
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	// position k takes the glyph at keys[k].i; a placed position is marked -1
	for k := range keys {
		if keys[k].i < 0 {
			continue
		}
		first := gs[k]
		j := k
		for {
			src := int(keys[j].i)
			keys[j].i = -1
			if src == k {
				gs[j] = first
				break
			}
			gs[j] = gs[src]
			j = src
		}
	}
	return gs
}

// textLines groups glyphs into lines by baseline and joins them, with a
// space for a gap and a tab for a gap wide enough to separate columns. It
// reorders gs.
func textLines(gs []glyph) []item {
	return sortedLines(byBaseline(gs))
}

// sortedLines is textLines of glyphs in byBaseline order.
func sortedLines(gs []glyph) []item {
	// each glyph's line, then the lines laid out in one slice
	lineOf := make([]int32, len(gs))
	var refs []glyph // the first glyph of each line
	var counts []int
	for i, g := range gs {
		placed := false
		// the last few lines may take a glyph of slightly different baseline
		for k := len(refs) - 1; k >= 0 && k >= len(refs)-3; k-- {
			if ref := refs[k]; math.Abs(ref.y-g.y) < 0.35*max(ref.size, g.size) {
				lineOf[i] = int32(k)
				counts[k]++
				placed = true
				break
			}
		}
		if !placed {
			lineOf[i] = int32(len(refs))
			refs = append(refs, g)
			counts = append(counts, 1)
		}
	}
	lines := make([][]glyph, len(refs))
	flat := make([]glyph, len(gs))
	for k, off := 0, 0; k < len(lines); k++ {
		lines[k] = flat[off : off : off+counts[k]]
		off += counts[k]
	}
	for i, g := range gs {
		lines[lineOf[i]] = append(lines[lineOf[i]], g)
	}
	for _, l := range lines {
		slices.SortStableFunc(l, func(a, b glyph) int { return cmp.Compare(a.x, b.x) })
	}
	// column stops: where cells start in two or more lines of the page; a
	// tab that advanced only a little still lands on one (LibreOffice's
	// default tab stops). Each line is joined once without them, and again
	// only when one of its narrower gaps lands on a stop.
	// A narrow gap at the same place in two or more lines that hold
	// cells is a stop too: a narrow column's cells (a name, then a count
	// a third of a character after it).
	first := make([]joined, len(lines))
	var starts, softs []int
	for k, l := range lines {
		first[k] = joinGlyphs(l, nil)
		for _, x := range first[k].starts {
			starts = append(starts, int(math.Round(x)))
		}
		if len(first[k].starts) > 0 {
			for _, x := range first[k].soft {
				softs = append(softs, int(math.Round(x)))
			}
		}
	}
	stops := repeated(starts)
	if twice := repeated(softs); len(twice) > 0 {
		stops = append(stops, twice...)
		slices.Sort(stops)
	}
	out := make([]item, 0, len(lines))
	for k, l := range lines {
		j := first[k]
		if len(stops) > 0 && slices.ContainsFunc(j.soft, func(x float64) bool { return onStop(stops, x) }) {
			j = joinGlyphs(l, stops)
		}
		out = append(out, j.item)
	}
	return out
}

// repeated returns, ascending, the values that occur twice or more in xs
// (which it sorts).
func repeated(xs []int) []int {
	slices.Sort(xs)
	var out []int
	for i := 1; i < len(xs); i++ {
		if xs[i] == xs[i-1] && (len(out) == 0 || out[len(out)-1] != xs[i]) {
			out = append(out, xs[i])
		}
	}
	return out
}

type joined struct {
	item
	starts []float64 // x of the cells after the first
	soft   []float64 // x of the gaps that start a cell only on a column stop
}

// onStop reports whether x is within a unit of one of stops (ascending).
func onStop(stops []int, x float64) bool {
	r := int(math.Round(x))
	i, _ := slices.BinarySearch(stops, r-1)
	return i < len(stops) && stops[i] <= r+1
}

// joinGlyphs builds one line; overlapping duplicates (fake bold) are
// dropped. A gap starts a new cell when it is wide for its script, or
// when it ends on a column stop.
func joinGlyphs(l []glyph, stops []int) joined {
	it := item{y: l[0].y, x0: l[0].x, size: l[0].size, color: l[0].color}
	var starts, softs []float64
	// the line's bytes in one buffer; bounds[k] is where cell k+1 starts
	n := 0
	for _, g := range l {
		n += len(g.s) + 1
	}
	buf := make([]byte, 0, n)
	var bounds []int
	var ends []float64 // x where each cell but the last ends
	cell := 0          // where the current cell starts in buf
	prevEnd := math.Inf(-1)
	prev := ""
	var lastR rune
	pos := 0                // runes of the line so far, a tab counted between cells
	var few [8]document.Run // most lines have a few runs: one allocation for them
	rs := few[:0]
	for i, g := range l {
		size := max(g.size, 1)
		if i > 0 {
			gap := g.x - prevEnd
			if g.s == prev && math.Abs(gap+g.w) < 0.2*size {
				continue // the same glyph drawn twice
			}
			last := lastR
			first, _ := utf8.DecodeRuneInString(g.s)
			// CJK text has no word spaces: a blank between two CJK
			// characters is a tab or a column gap; Latin text needs more
			cellGap := 1.2 * size
			if layout.IsCJK(last) && layout.IsCJK(first) {
				cellGap = 0.3 * size
			}
			open := len(buf) > cell
			soft := open && g.s != " " && gap <= cellGap && gap > 0.25*size
			if soft {
				softs = append(softs, g.x)
			}
			switch {
			case open && g.s != " " && (gap > cellGap || soft && onStop(stops, g.x)):
				bounds = append(bounds, len(buf))
				ends = append(ends, prevEnd)
				cell = len(buf)
				starts = append(starts, g.x)
				pos++
			case gap > 0.2*size && lastR != ' ' && g.s != " ":
				buf = append(buf, ' ')
				lastR = ' '
				pos++
			}
		}
		first, _ := utf8.DecodeRuneInString(g.s)
		word := i > 0 && lastR != ' ' && !layout.IsCJK(lastR) && !layout.IsCJK(first)
		buf = append(buf, g.s...)
		n := utf8.RuneCountInString(g.s)
		rs = addRun(rs, pos, n, g, word)
		pos += n
		lastR, _ = utf8.DecodeLastRuneInString(g.s)
		prevEnd = g.x + max(g.w, 0)
		prev = g.s
		it.x1 = max(it.x1, prevEnd)
		it.size = max(it.size, g.size)
	}
	text := string(buf)
	it.runs = slices.Clone(rs)
	if len(bounds) > 0 {
		from := 0
		for _, b := range bounds {
			it.cells = append(it.cells, text[from:b])
			from = b
		}
		it.cells = append(it.cells, text[from:])
		it.spans = make([][2]float64, len(it.cells))
		for k := range it.spans {
			x0, x1 := it.x0, it.x1
			if k > 0 {
				x0 = starts[k-1]
			}
			if k < len(ends) {
				x1 = ends[k]
			}
			it.spans[k] = [2]float64{x0, x1}
		}
		return joined{it, starts, softs}
	}
	it.text = text
	return joined{it, starts, softs}
}

// mergeWrappedRows appends to a row's last cell a plain line that
// continues it: a row whose last cell ran to the right edge, followed
// closely by a line without columns.
func mergeWrappedRows(items []item) []item {
	maxX := 0.0
	for _, it := range items {
		maxX = max(maxX, it.x1)
	}
	var out []item
	for _, it := range items {
		if n := len(out); n > 0 && it.cells == nil && out[n-1].cells != nil {
			prev := &out[n-1]
			close := prev.y-it.y < 1.8*max(prev.size, it.size)
			if close && prev.x1 > maxX-3*prev.size && !startsRow(it.text) {
				prev.runs = shiftRuns(prev.runs, it.runs, itemLen(*prev))
				prev.cells[len(prev.cells)-1] += it.text
				prev.x1 = it.x1
				prev.y = it.y
				continue
			}
			// a cell's further lines under it, set where it starts and
			// within its column (a cell whose row the others left above)
			if k := alignedCell(*prev, it); k > 0 && prev.y-it.y < 2.5*max(prev.size, it.size) && !startsRow(it.text) {
				appendToCell(prev, k, it.text, it.runs)
				prev.y = it.y
				continue
			}
		}
		out = append(out, it)
	}
	return out
}

func startsRow(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// grid is a ruled table: column and row boundaries.
type grid struct {
	xs []float64 // ascending
	ys []float64 // descending
	// hs are the horizontal rules inside the grid, from the lowest up: a
	// row rule that leaves out a column passes under a cell merged down
	// several rows
	hs []segment
	// open says the last row has no rule under it: the page cut it off
	open bool
}

// findGrids finds ruled tables: vertical rules that overlap in height,
// with horizontal rules across them.
func findGrids(rules []segment) []grid {
	var vs, hs []segment
	for _, s := range rules {
		dx, dy := math.Abs(s.x1-s.x0), math.Abs(s.y1-s.y0)
		switch {
		case dx < 1.5 && dy > 4:
			if s.y0 > s.y1 {
				s.y0, s.y1 = s.y1, s.y0
			}
			vs = append(vs, s)
		case dy < 1.5 && dx > 4:
			if s.x0 > s.x1 {
				s.x0, s.x1 = s.x1, s.x0
			}
			hs = append(hs, s)
		}
	}
	if len(vs) < 2 || len(hs) < 2 || len(vs) > 20000 || len(hs) > 20000 {
		return nil
	}
	// cluster verticals by overlapping y ranges
	sort.Slice(vs, func(i, j int) bool { return vs[i].y1 > vs[j].y1 })
	var clusters [][]segment
	var bounds [][2]float64 // y range of each cluster
	for _, v := range vs {
		placed := false
		for k := range clusters {
			if v.y1 >= bounds[k][0]-2 && v.y0 <= bounds[k][1]+2 {
				clusters[k] = append(clusters[k], v)
				bounds[k] = [2]float64{min(bounds[k][0], v.y0), max(bounds[k][1], v.y1)}
				placed = true
				break
			}
		}
		if !placed {
			clusters = append(clusters, []segment{v})
			bounds = append(bounds, [2]float64{v.y0, v.y1})
		}
	}
	var out []grid
	for _, c := range clusters {
		lo, hi := c[0].y0, c[0].y1
		var xs []float64
		for _, v := range c {
			lo, hi = min(lo, v.y0), max(hi, v.y1)
			xs = append(xs, (v.x0+v.x1)/2)
		}
		xs = dedupe(xs)
		if len(xs) < 3 {
			continue
		}
		// a row rule may be drawn cell by cell: sum the length at each height
		width := xs[len(xs)-1] - xs[0]
		cover := map[int]float64{}
		for _, h := range hs {
			y := (h.y0 + h.y1) / 2
			if y < lo-2 || y > hi+2 {
				continue
			}
			a, b := max(h.x0, xs[0]), min(h.x1, xs[len(xs)-1])
			if b > a {
				cover[int(math.Round(y))] += b - a
			}
		}
		var ys []float64
		bottom := math.Inf(1) // the lowest row rule
		for y, c := range cover {
			if c >= 0.8*width {
				ys = append(ys, float64(y))
				bottom = min(bottom, float64(y))
			}
		}
		// the verticals running on past the last row rule (or above the
		// first) close a row the page cut off: its rule is on the next page
		if len(ys) > 0 {
			ys = append(ys, lo, hi)
		}
		ys = dedupe(ys)
		if len(ys) < 2 {
			continue
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(ys)))
		var inside []segment
		for _, h := range hs {
			if y := (h.y0 + h.y1) / 2; y >= lo-2 && y <= hi+2 && h.x1 > xs[0] && h.x0 < xs[len(xs)-1] {
				inside = append(inside, h)
			}
		}
		slices.SortFunc(inside, func(a, b segment) int { return cmp.Compare(a.y0+a.y1, b.y0+b.y1) })
		out = append(out, grid{xs: xs, ys: ys, hs: inside, open: bottom-lo > 4})
	}
	return out
}

func dedupe(v []float64) []float64 {
	sort.Float64s(v)
	var out []float64
	for _, x := range v {
		if len(out) == 0 || x-out[len(out)-1] > 2 {
			out = append(out, x)
		}
	}
	return out
}

// rows assigns glyphs inside the grid to cells and returns one item per
// row; multi-line cells are joined.
func (g grid) rows(gs []glyph, used []bool) []item {
	nr, nc := len(g.ys)-1, len(g.xs)-1
	cells := make([][][]glyph, nr)
	for r := range cells {
		cells[r] = make([][]glyph, nc)
	}
	for i, gl := range gs {
		cx := gl.x + max(gl.w, 0)/2
		cy := gl.y + gl.size*0.3
		if cx < g.xs[0] || cx > g.xs[nc] || cy > g.ys[0] || cy < g.ys[nr] {
			continue
		}
		r := sort.Search(nr, func(k int) bool { return g.ys[k+1] <= cy })
		c := sort.Search(nc, func(k int) bool { return g.xs[k+1] >= cx })
		if r < nr && c < nc {
			cells[r][c] = append(cells[r][c], gl)
			used[i] = true
		}
	}
	// a cell merged down several rows (its column has no rule between
	// them) is read whole, as the first row's: its lines may sit in any
	// of its rows (centred down the span, or cut between two)
	top := make([]int, nc) // the first row of the cell each column is in
	for r := 1; r < nr; r++ {
		for c := range nc {
			if g.ruled(r, c) {
				top[c] = r
				continue
			}
			cells[top[c]][c] = append(cells[top[c]][c], cells[r][c]...)
			cells[r][c] = nil
		}
	}
	var out []item
	// the right end of each column's lines, whether a cell of it wraps,
	// and the right end of the last line of each cell of the last row
	right := make([]float64, nc)
	wraps := make([]bool, nc)
	var lastRight []float64
	lastRow := false
	for r := range nr {
		it := item{y: g.ys[r], x0: g.xs[0], x1: g.xs[nc]}
		if r == nr-1 && g.open {
			it.cut = cutOpen
		}
		empty := true
		off := 0 // runes of the row's cells so far, with their tabs
		if r == nr-1 {
			lastRight = make([]float64, nc)
		}
		for c := range nc {
			var parts []string
			var prs [][]document.Run
			for k, l := range textLines(cells[r][c]) {
				right[c] = max(right[c], l.x1)
				wraps[c] = wraps[c] || k > 0
				if r == nr-1 {
					lastRight[c] = l.x1
				}
				t := l.text
				if l.cells != nil {
					t = strings.Join(l.cells, " ") // as long as joined by a tab
				}
				parts = append(parts, t)
				prs = append(prs, l.runs)
				it.size = max(it.size, l.size)
			}
			text, rs := joinCellLinesRuns(parts, prs)
			if text != "" {
				empty = false
			}
			it.cells = append(it.cells, text)
			it.runs = shiftRuns(it.runs, rs, off)
			off += utf8.RuneCountInString(text) + 1
			it.spans = append(it.spans, [2]float64{g.xs[c], g.xs[c+1]})
		}
		if !empty {
			out = append(out, it)
			lastRow = r == nr-1
		}
	}
	if lastRow && out[len(out)-1].cut == 0 {
		// a rule closes the page's last row, but a cell of it runs on
		// (LibreOffice closes a row it cuts): in a column whose text wraps,
		// its last line is about as long as the column's longest (a
		// character or so short where a line may not start with the next
		// one's punctuation) and ends inside a sentence
		it := &out[len(out)-1]
		for c, t := range it.cells {
			if wraps[c] && lastRight[c] >= right[c]-1.6*it.size && runsOn(t) {
				it.cut = cutText
			}
		}
	}
	return out
}

// runsOn reports whether a cell's text ends inside a sentence: not with
// the punctuation that ends a sentence, a clause or a quote.
func runsOn(t string) bool {
	last, ok := lastRune(t)
	return ok && !strings.ContainsRune("。．.！!？?；;：:”’」』）)", last)
}

// How the page cut a table's last row (item.cut).
const (
	cutOpen = 1 + iota // no rule under the row: the page cut it
	cutText            // a rule under it, but a cell's text runs on
)

// ruled reports whether a rule runs over column c at the top of row r
// (r > 0): most of the column's width is covered by horizontal rules
// near the row boundary.
func (g grid) ruled(r, c int) bool {
	y, a, b := g.ys[r], g.xs[c], g.xs[c+1]
	covered := 0.0
	i := sort.Search(len(g.hs), func(i int) bool { return (g.hs[i].y0+g.hs[i].y1)/2 >= y-3 })
	for ; i < len(g.hs) && (g.hs[i].y0+g.hs[i].y1)/2 <= y+3; i++ {
		if lo, hi := max(g.hs[i].x0, a), min(g.hs[i].x1, b); hi > lo {
			covered += hi - lo
		}
	}
	return covered >= 0.5*(b-a)
}

// joinCellLines joins the lines of one cell: no space between CJK text,
// one space between Latin words.
func joinCellLines(parts []string) string {
	s, _ := joinCellLinesRuns(parts, nil)
	return s
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

// margins returns the left and right margins of a page's text: the most
// common start of a line, and the rightmost end.
func margins(items []item) (float64, float64) {
	count := map[int]int{}
	right := 0.0
	text := 0
	for _, it := range items {
		if it.cells == nil {
			text++
		}
	}
	for _, it := range items {
		right = max(right, it.x1)
		// a table's rows, padded in their cells, do not set the margin
		// of the page's text
		if it.cells == nil || text < 2 {
			count[int(math.Round(it.x0))]++
		}
	}
	left, best := 0.0, 0
	for x, n := range count {
		if n > best || n == best && float64(x) < left {
			left, best = float64(x), n
		}
	}
	return left, right
}

// continuesRow reports whether next, the first row of a page, goes on with
// row, the last of the page before: a row with a sequence number, then a
// row of as many cells with none, whose filled cells are filled above too.
func continuesRow(row, next item) bool {
	if row.cells == nil || len(next.cells) != len(row.cells) || len(row.cells) < 2 {
		return false
	}
	if !startsRow(row.cells[0]) || strings.TrimSpace(next.cells[0]) != "" {
		return false
	}
	filled := 0
	for i, c := range next.cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if strings.TrimSpace(row.cells[i]) == "" {
			return false
		}
		filled++
	}
	return filled > 0
}

// mergeAcrossPages appends the first line of a page to the last row of
// the page before when the row's last cell runs on (a cell broken by the
// page end).
func mergeAcrossPages(pages [][]item) {
	// the text's right edge: the pages' median (a page of short rows
	// ends left of it)
	var rights []float64
	for _, items := range pages {
		if len(items) > 0 {
			_, r := margins(items)
			rights = append(rights, r)
		}
	}
	slices.Sort(rights)
	for p := 1; p < len(pages); p++ {
		prev, cur := pages[p-1], pages[p]
		if len(prev) == 0 || len(cur) == 0 {
			continue
		}
		// the page's number under the row is no part of it
		n := len(prev)
		for n > 1 && prev[n-1].cells == nil && pageNumber.MatchString(strings.TrimSpace(prev[n-1].text)) {
			n--
		}
		last := &prev[n-1]
		_, right := margins(prev)
		right = max(right, rights[len(rights)/2])
		first := cur[0]
		if k := min(1, len(cur)-1); last.cut != 0 && last.cells != nil {
			// a row the page cut: its rest is the first row of the next
			// page, after the header repeated there; each cell goes on, a
			// merged cell's lines centred over the cut too
			if k == 0 || !repeatsRow(prev, first) {
				k = 0
			}
			if next := cur[k]; len(next.cells) == len(last.cells) && !repeatsRow(prev, next) &&
				(last.cut == cutOpen || goesOn(*last, next)) {
				lr, nr := cellRuns(last.cells, last.runs), cellRuns(next.cells, next.runs)
				for i, c := range next.cells {
					last.cells[i], lr[i] = joinCellLinesRuns([]string{last.cells[i], c}, [][]document.Run{lr[i], nr[i]})
				}
				last.runs = joinedRuns(last.cells, lr)
				last.cut = next.cut
				pages[p] = append(cur[:k:k], cur[k+1:]...)
				continue
			}
		}
		if len(cur) > 1 && repeatsRow(prev, first) && continuesRow(*last, cur[1]) {
			// the table's header repeated at the head of the page, then
			// the rest of the row the page cut off
			nr := cellRuns(cur[1].cells, cur[1].runs)
			for i, c := range cur[1].cells {
				appendToCell(last, i, c, nr[i])
			}
			pages[p] = append(cur[:1:1], cur[2:]...)
			continue
		}
		if continuesRow(*last, first) {
			// a numbered row broken by the page: its cells go on in a row
			// without a number
			lr, fr := cellRuns(last.cells, last.runs), cellRuns(first.cells, first.runs)
			for i, c := range first.cells {
				last.cells[i], lr[i] = joinCellLinesRuns([]string{last.cells[i], c}, [][]document.Run{lr[i], fr[i]})
			}
			last.runs = joinedRuns(last.cells, lr)
			pages[p] = cur[1:]
			continue
		}
		if len(cur) > 1 && repeatsRow(prev, first) && last.cells != nil {
			// the header repeated, then the further lines of a cell of the
			// row the page cut off
			n := 1
			for n < len(cur) && cur[n].cells == nil && !startsRow(cur[n].text) && alignedCell(*last, cur[n]) > 0 {
				appendToCell(last, alignedCell(*last, cur[n]), cur[n].text, cur[n].runs)
				n++
			}
			if n > 1 {
				pages[p] = append(cur[:1:1], cur[n:]...)
				continue
			}
		}
		if last.cells == nil || first.cells != nil || startsRow(first.text) || last.x1 < right-3*last.size {
			continue
		}
		if first.size > 1.1*last.size {
			continue // set larger than the row's cells: a heading or a 版记 after the table
		}

		left, _ := margins(cur)
		if first.x0 > left+1.2*first.size {
			continue
		}
		last.runs = shiftRuns(last.runs, first.runs, itemLen(*last))
		last.cells[len(last.cells)-1] += first.text
		pages[p] = cur[1:]
	}
}

// goesOn reports whether next, the first row of a page, can be the rest of
// row, cut at the foot of the page before: its first cell is empty (a row
// goes on without its number or date) and each cell it fills is filled
// above with text that runs on.
func goesOn(row, next item) bool {
	if strings.TrimSpace(next.cells[0]) != "" {
		return false
	}
	filled := false
	for i, c := range next.cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if !runsOn(strings.TrimSpace(row.cells[i])) {
			return false
		}
		filled = true
	}
	return filled
}

// repeatsRow reports whether row, a table row, is one of items' rows with
// the same cells: a header a table repeats on each page.
func repeatsRow(items []item, row item) bool {
	if row.cells == nil {
		return false
	}
	return slices.ContainsFunc(items, func(it item) bool { return slices.Equal(it.cells, row.cells) })
}

// piece is one cell of a line, or the whole of a line without cells.
type piece struct {
	x0, x1 float64
	text   string
	runs   []document.Run // relative to the piece's text
}

// pieces returns the cells of it with their extents.
func (it item) pieces() []piece {
	if it.cells == nil {
		return []piece{{it.x0, it.x1, it.text, it.runs}}
	}
	out := make([]piece, len(it.cells))
	crs := cellRuns(it.cells, it.runs)
	for k, c := range it.cells {
		x0, x1 := it.x0, it.x1
		if k < len(it.spans) {
			x0, x1 = it.spans[k][0], it.spans[k][1]
		}
		out[k] = piece{x0, x1, c, crs[k]}
	}
	return out
}

// overlaps reports whether two extents share more than a sliver.
func overlaps(a, b piece, size float64) bool {
	return min(a.x1, b.x1)-max(a.x0, b.x0) > 0.2*size
}

// centredRows joins the lines of table rows whose short cells (a number,
// a host) sit vertically centred beside a long cell that wrapped
// (LibreOffice's and Word's centred cells): the wrapped lines above and
// below a line, as many on each side, evenly spaced, in other columns than
// the middle line's cells (or, for an odd number of lines, in one of
// them), become the middle line's cells. lines are top down; the result is
// too.
func centredRows(lines []item) []item {
	var out []item
	for i := 0; i < len(lines); i++ {
		if row, k, ok := centredRow(lines, i); ok {
			// the lines above the middle one are already out
			out = append(out[:len(out)-k], row)
			i += k
			continue
		}
		out = append(out, lines[i])
	}
	return out
}

// centredRow joins lines[i-k:i+k+1] into one row when lines[i] sits
// halfway between the wrapped lines of a cell around it, and returns the
// row and k.
func centredRow(lines []item, i int) (item, int, bool) {
	mid := lines[i]
	if i == 0 || i+1 >= len(lines) {
		return item{}, 0, false
	}
	m := mid.pieces()
	size := mid.size
	// shared reports whether line's pieces overlap mid's (the middle line
	// of an odd number of wrapped lines), and fits whether each overlaps
	// at most one of mid's pieces and not all of them
	fits := func(l item) (fit, shared bool) {
		hit := map[int]bool{}
		for _, p := range l.pieces() {
			n := 0
			for k, q := range m {
				if overlaps(p, q, size) {
					n++
					hit[k] = true
				}
			}
			if n > 1 {
				return false, false
			}
		}
		return len(hit) < len(m), len(hit) > 0
	}
	a, b := lines[i-1], lines[i+1]
	fa, sa := fits(a)
	fb, sb := fits(b)
	if !fa || !fb || sa != sb {
		return item{}, 0, false
	}
	up, down := a.y-mid.y, mid.y-b.y
	if up < 0.6*size || up > 3*size || math.Abs(up-down) > 0.15*size {
		return item{}, 0, false
	}
	step := up // the wrapped cell's leading
	if !sa {
		step = 2 * up // an even number of lines: the middle one between two
		if up > 1.6*size {
			return item{}, 0, false
		}
	}
	k := 1
	for i-k-1 >= 0 && i+k+1 < len(lines) {
		a2, b2 := lines[i-k-1], lines[i+k+1]
		f1, s1 := fits(a2)
		f2, s2 := fits(b2)
		if !f1 || !f2 || s1 != sa || s2 != sa ||
			math.Abs(a2.y-lines[i-k].y-step) > 0.15*size || math.Abs(lines[i+k].y-b2.y-step) > 0.15*size {
			break
		}
		k++
	}
	group := lines[i-k : i+k+1]
	// the row stands apart: nothing in its columns a leading above or
	// below it (two columns of text go on there)
	var own []piece
	for _, l := range group {
		own = append(own, l.pieces()...)
	}
	for _, dir := range [2][3]int{{i - k - 1, -1, i - k}, {i + k + 1, 1, i + k}} {
		edge := lines[dir[2]].y
		for j := dir[0]; j >= 0 && j < len(lines) && math.Abs(lines[j].y-edge) < step+0.3*size; j += dir[1] {
			for _, p := range lines[j].pieces() {
				for _, q := range own {
					if overlaps(p, q, size) {
						return item{}, 0, false
					}
				}
			}
		}
	}
	cellsSeen := false
	for _, l := range group {
		cellsSeen = cellsSeen || len(l.cells) > 1
	}
	if !cellsSeen {
		return item{}, 0, false // lines of text, as two columns of a page set them
	}
	type col struct {
		x0, x1 float64
		parts  []string
		runs   [][]document.Run
	}
	var cols []col
	for _, l := range group {
		for _, p := range l.pieces() {
			at := -1
			for c := range cols {
				if overlaps(piece{x0: cols[c].x0, x1: cols[c].x1}, p, size) {
					at = c
					break
				}
			}
			if at < 0 {
				cols = append(cols, col{p.x0, p.x1, nil, nil})
				at = len(cols) - 1
			}
			cols[at].parts = append(cols[at].parts, p.text)
			cols[at].runs = append(cols[at].runs, p.runs)
			cols[at].x0, cols[at].x1 = min(cols[at].x0, p.x0), max(cols[at].x1, p.x1)
		}
	}
	if len(cols) < 2 {
		return item{}, 0, false
	}
	slices.SortFunc(cols, func(x, y col) int { return cmp.Compare(x.x0, y.x0) })
	for c := 1; c < len(cols); c++ {
		if cols[c].x0 < cols[c-1].x1 {
			return item{}, 0, false // columns that overlap: no table
		}
	}
	row := item{y: group[0].y, x0: cols[0].x0, x1: cols[len(cols)-1].x1, size: size}
	var crs [][]document.Run
	for _, c := range cols {
		text, rs := joinCellLinesRuns(c.parts, c.runs)
		row.cells = append(row.cells, text)
		crs = append(crs, rs)
		row.spans = append(row.spans, [2]float64{c.x0, c.x1})
	}
	row.runs = joinedRuns(row.cells, crs)
	return row, k, true
}

// cellAt returns the one cell of row whose extent the text line overlaps,
// or -1.
func cellAt(row, line item) int {
	at := -1
	for k, p := range row.pieces() {
		if overlaps(p, piece{x0: line.x0, x1: line.x1}, line.size) {
			if at >= 0 {
				return -1
			}
			at = k
		}
	}
	return at
}

// alignedCell returns the cell of row whose column the text line starts
// at and stays within, or -1.
func alignedCell(row, line item) int {
	ps := row.pieces()
	if row.cells == nil || len(ps) < 2 {
		return -1
	}
	for k, p := range ps {
		if math.Abs(line.x0-p.x0) > 0.5*line.size {
			continue
		}
		if k+1 < len(ps) && line.x1 > ps[k+1].x0+0.2*line.size {
			return -1
		}
		return k
	}
	return -1
}

// appendToCell appends a further line of cell k to row, with its runs.
func appendToCell(row *item, k int, text string, runs []document.Run) {
	crs := cellRuns(row.cells, row.runs)
	row.cells[k], crs[k] = joinCellLinesRuns([]string{row.cells[k], text}, [][]document.Run{crs[k], runs})
	row.runs = joinedRuns(row.cells, crs)
}

// pageNumber matches a page's number set as its foot: 3, — 3 —, 第3页.
var pageNumber = regexp.MustCompile(`^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页)$`)
