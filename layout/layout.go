// Package layout turns the lines a loader read into a document.Document:
// characters normalized (full-width letters and digits folded, brackets
// unified, spaces inside CJK text removed), page furniture dropped, lines
// broken inside a sentence re-joined into paragraphs, and aligned rows
// grouped into tables whose repeated headers are dropped. It keeps a map
// from every normalized rune back to its source position.
package layout

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"qcweave/document"
)

// Line is one line of a source document as a loader read it.
type Line struct {
	Text   string
	Page   int // 1-based page, 0 when the format has none
	Offset int // rune offset of the line's first rune in the decoded source
	// Cells, when the loader already knows the line is a table row, holds
	// its cells; Text is then ignored.
	Cells []Cell
	// Geometry is set by loaders that know where a line sits on the page
	// (PDF): Full says it runs to the right margin (so a paragraph wraps
	// after it), Indent that it starts right of the left margin (a new
	// paragraph or a centered line).
	Geometry, Full, Indent bool
	// Size is the font size of the line, when known.
	Size float64
	// Color is the fill colour of the line's text as 0xRRGGBB (0: black
	// or unknown), when the loader knows it.
	Color uint32
	// Seal is set when a picture, or a red drawing of a seal's size, lies
	// over the line (a loader that knows; a seal over a signature).
	Seal bool
	// Furniture is set by loaders that read a line of page furniture
	// apart from the body (a Word document's headers and footers): it is
	// kept as the document's furniture, out of the text. PageNumber says
	// it shows the page's number (a page field), Side where it sits
	// (left, right, center) when the loader knows.
	Furniture, PageNumber bool
	Side                  string
	// Runs place the line's runes on its page (loaders of paged formats):
	// each run's Src is relative to the line's Offset, and counts the
	// runes of Text, or of the cells joined by a tab.
	Runs []document.Run
}

// Cell is a table cell a loader found, with its source offset.
type Cell struct {
	Text   string
	Offset int
}

// nrune is a normalized rune with the source offset it came from.
type nrune struct {
	r   rune
	src int32
}

type lineKind int

const (
	blank lineKind = iota
	furniture
	textLine
	rowLine
)

type cline struct {
	kind lineKind
	// indent is the display column of a text line's first character
	// (CJK counted twice), starts those of a row's cells; alt holds a text
	// line cut at a wide gap into two cells, alts their starts (a table row
	// with an empty cell, when it stands among rows).
	indent int
	starts []int
	alt    [][]nrune
	alts   []int
	geom   bool
	full   bool
	ind    bool
	size   float64
	color  uint32
	seal   bool
	text   []nrune   // for text lines
	str    string    // a text line's text as a string, made once
	marks  marks     // what a text line's text says of it, read once
	note   string    // a furniture line's text, kept as the document's furniture
	pageNo bool      // a furniture line the loader knows shows the page's number
	side   string    // where the loader says that page number sits
	cells  [][]nrune // for rows
	page   int
	// tabs counts the tabs before a line's first text: in a tab-separated
	// table, the column it starts in (a row whose first cells are empty,
	// or the rest of a cell on a line of its own)
	tabs int
}

// leadingTabs returns the number of tabs among the white space a line
// opens with.
func leadingTabs(raw []rune) int {
	n := 0
	for _, r := range raw {
		if r == '\t' {
			n++
		} else if !isSpaceRune(r) {
			break
		}
	}
	return n
}

// Build lays out lines into a document. The caller fills in the path, hash,
// format and engine.
func Build(lines []Line) *document.Document {
	cls := classify(lines)
	dropRunningHeaders(cls)
	b := &builder{}
	threshold, full := joinThreshold(cls)
	w := wrap{threshold: threshold, full: full}
	for i := 0; i < len(cls); {
		switch cls[i].kind {
		case rowLine:
			i = b.table(cls, i)
		case textLine:
			i = b.paragraph(cls, i, w)
		default:
			i++
		}
	}
	parts := assignRoles(b.blocks, b.attrs, b.text)
	doc := &document.Document{Text: string(b.runes()), Blocks: b.blocks, Source: b.src()}
	sides := pageNumberSides(lines)
	for _, c := range cls {
		if c.kind == furniture && c.note != "" {
			f := document.Furniture{Page: c.page, Text: c.note}
			if c.pageNo || pageNumber.MatchString(c.note) || runningHead.MatchString(c.note) {
				f.Role, f.Side = document.RolePageNumber, sides[pageKey{c.page, c.note}]
				if c.side != "" {
					f.Side = c.side
				}
				parts = append(parts, document.Part{Role: f.Role, Page: f.Page, Text: f.Text, Side: f.Side})
			}
			doc.Furniture = append(doc.Furniture, f)
		}
	}
	doc.Parts = parts
	for _, l := range lines {
		doc.Pages = max(doc.Pages, l.Page)
	}
	doc.Runs = runs(lines)
	return doc
}

var (
	pageNumber = regexp.MustCompile(`^(?:[-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$`)
	bullet     = regexp.MustCompile(`^[-•·●▪◆]\s+`)
)

func classify(lines []Line) []cline {
	out := make([]cline, 0, len(lines))
	for _, l := range lines {
		if l.Cells != nil {
			c := cline{kind: rowLine, page: l.Page}
			for _, cell := range l.Cells {
				c.cells = append(c.cells, normalize([]rune(cell.Text), cell.Offset, true))
			}
			out = append(out, c)
			continue
		}
		raw := []rune(l.Text)
		trimmed := strings.TrimSpace(strings.ReplaceAll(l.Text, "\u3000", " "))
		switch {
		case l.Furniture && trimmed != "":
			out = append(out, cline{kind: furniture, page: l.Page, note: trimmed, pageNo: l.PageNumber, side: l.Side})
			continue
		case trimmed == "":
			out = append(out, cline{kind: blank, page: l.Page})
			continue
		case pageNumber.MatchString(trimmed):
			out = append(out, cline{kind: furniture, page: l.Page, note: trimmed})
			continue
		}
		if cells, starts := splitCells(raw, l.Offset, 3); cells != nil && !pageLine.MatchString(trimmed) {
			out = append(out, cline{kind: rowLine, cells: cells, starts: starts, page: l.Page, tabs: leadingTabs(raw)})
			continue
		}
		lead := 0
		if m := bullet.FindStringIndex(strings.TrimLeft(l.Text, " \t\u3000")); m != nil {
			lead = len(raw) - len([]rune(strings.TrimLeft(l.Text, " \t\u3000"))) + len([]rune(strings.TrimLeft(l.Text, " \t\u3000")[:m[1]]))
		}
		nr := normalize(raw[lead:], l.Offset+lead, false)
		if len(nr) == 0 {
			out = append(out, cline{kind: blank, page: l.Page})
			continue
		}
		c := cline{kind: textLine, text: nr, page: l.Page, geom: l.Geometry, full: l.Full, ind: l.Indent, size: l.Size, color: l.Color, seal: l.Seal,
			indent: displayWidth(raw[:len(raw)-len([]rune(strings.TrimLeft(l.Text, " \t\u3000")))]), tabs: leadingTabs(raw)}
		c.alt, c.alts = splitCells(raw, l.Offset, 2)
		c.str = string(runesOf(nr))
		c.marks = markText(c.str)
		out = append(out, c)
	}
	return out
}

// hasSpaceRun reports whether two spacing runes follow each other in raw.
func hasSpaceRun(raw []rune) bool {
	for i := 1; i < len(raw); i++ {
		if isSpaceRune(raw[i]) && isSpaceRune(raw[i-1]) {
			return true
		}
	}
	return false
}

// allSpace reports whether rs holds only white space (as strings.TrimSpace
// sees it).
func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// splitCells splits a line into table cells at tabs, or at runs of two or
// more spaces when that gives at least min cells (min 2 wants a gap of
// three spaces). It returns nil for a line that is not a row, and the
// display column where each cell starts.
func splitCells(raw []rune, base, minCells int) ([][]nrune, []int) {
	type piece struct{ start, end int }
	var pieces []piece
	hasTab := slices.Contains(raw, '\t')
	if !hasTab && !hasSpaceRun(raw) {
		return nil, nil // one piece: no row (most lines of a text)
	}
	minGap := 2
	if minCells < 3 {
		minGap = 3
	}
	start := 0
	for i := 0; i <= len(raw); i++ {
		sep := 0
		if i < len(raw) {
			if raw[i] == '\t' {
				sep = 1
			} else if !hasTab && isSpaceRune(raw[i]) {
				j := i
				for j < len(raw) && isSpaceRune(raw[j]) {
					j++
				}
				if j-i >= minGap {
					sep = j - i
				}
			}
		}
		if i == len(raw) || sep > 0 {
			pieces = append(pieces, piece{start, i})
			if sep > 0 {
				i += sep - 1
				start = i + 1
			}
		}
	}
	nonEmpty := 0
	for _, p := range pieces {
		if !allSpace(raw[p.start:p.end]) {
			nonEmpty++
		}
	}
	if (hasTab && nonEmpty < 2) || (!hasTab && nonEmpty < minCells) || (minCells < 3 && nonEmpty != 2) {
		return nil, nil
	}
	// trim leading/trailing empty pieces
	for len(pieces) > 0 && allSpace(raw[pieces[0].start:pieces[0].end]) {
		pieces = pieces[1:]
	}
	cells := make([][]nrune, 0, len(pieces))
	starts := make([]int, 0, len(pieces))
	width, upTo := 0, 0 // the display width of raw[:upTo], carried from cell to cell
	for _, p := range pieces {
		lead := p.start
		for lead < p.end && isSpaceRune(raw[lead]) {
			lead++
		}
		cells = append(cells, normalize(raw[p.start:p.end], base+p.start, true))
		width = displayWidthFrom(width, raw[upTo:lead])
		upTo = lead
		starts = append(starts, width)
	}
	for len(cells) > 0 && len(cells[len(cells)-1]) == 0 && len(cells) > nonEmpty+1 {
		cells = cells[:len(cells)-1]
		starts = starts[:len(starts)-1]
	}
	return cells, starts
}

// displayWidth is the width of runes on a fixed-width page: CJK and
// full-width characters take two columns, a tab eight.
func displayWidth(r []rune) int { return displayWidthFrom(0, r) }

// displayWidthFrom is the display width of text r set after w columns.
func displayWidthFrom(w int, r []rune) int {
	for _, c := range r {
		switch {
		case c == '\t':
			w += 8 - w%8
		case IsCJK(c):
			w += 2
		default:
			w++
		}
	}
	return w
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\u3000' || r == '\u00a0' }

func runesOf(nr []nrune) []rune {
	out := make([]rune, len(nr))
	for i, x := range nr {
		out[i] = x.r
	}
	return out
}

// IsCJK reports whether r is a Han character or CJK punctuation/full-width
// form, the characters between which a space is an artifact.
func IsCJK(r rune) bool {
	if r < 0x2000 {
		return r == '·'
	}
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '—' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '·' || r == '…' || r == '／'
}

// fold maps one source rune to its normalized form, or -1 to drop it.
func fold(r rune) rune {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - 0xFEE0
	case r == '(':
		return '（'
	case r == ')':
		return '）'
	case r == '\u3000', r == '\u00a0', r == '\t', r == '\r', r == '\n', r == '\f', r == '\v':
		return ' '
	case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad':
		return -1
	}
	if unicode.IsControl(r) {
		return -1
	}
	return foldIdeograph(r)
}

// normalize folds characters and removes whitespace inside CJK text. In a
// table cell (cell=true) a gap between two CJK words of four or more
// characters is kept as one space: it separates two names
// (河南省妇幼保健院 河南省儿童医院).
func normalize(raw []rune, base int, cell bool) []nrune {
	tmp := make([]nrune, 0, len(raw))
	for i, r := range raw {
		f := fold(r)
		if f < 0 {
			continue
		}
		if f == ' ' && len(tmp) > 0 && tmp[len(tmp)-1].r == ' ' {
			continue
		}
		tmp = append(tmp, nrune{f, int32(base + i)})
	}
	out := make([]nrune, 0, len(tmp))
	for i, x := range tmp {
		if x.r != ' ' {
			out = append(out, x)
			continue
		}
		if len(out) == 0 || i == len(tmp)-1 {
			continue
		}
		prev, next := tmp[i-1].r, tmp[i+1].r
		if IsCJK(prev) || IsCJK(next) {
			if cell && unicode.Is(unicode.Han, prev) && unicode.Is(unicode.Han, next) &&
				hanRun(tmp, i-1, -1) >= 4 && hanRun(tmp, i+1, 1) >= 4 {
				out = append(out, x)
			}
			continue
		}
		out = append(out, x)
	}
	return out
}

// hanRun counts Han runes from i in direction dir.
func hanRun(s []nrune, i, dir int) int {
	n := 0
	for ; i >= 0 && i < len(s) && unicode.Is(unicode.Han, s[i].r); i += dir {
		n++
	}
	return n
}

// dropRunningHeaders marks as furniture short lines that repeat at the
// top or the bottom of three or more pages (running headers and footers).
// A label repeated in the middle of pages (点评：) is the body's.
func dropRunningHeaders(cls []cline) {
	edge := pageEdges(cls)
	pages := map[string]map[int]bool{}
	for i, c := range cls {
		if c.kind != textLine || len(c.text) > 40 || c.page == 0 || !edge[i] {
			continue
		}
		k := c.str
		if pages[k] == nil {
			pages[k] = map[int]bool{}
		}
		pages[k][c.page] = true
	}
	// the first occurrence stays: a form's labels or a 版头 repeated on
	// every page are said once
	kept := map[string]bool{}
	for i, c := range cls {
		k := c.str
		if c.kind == textLine && c.page != 0 && len(c.text) <= 40 && edge[i] && len(pages[k]) >= 3 {
			if !kept[k] && firstPage(pages[k]) == c.page && !runningHead.MatchString(k) {
				kept[k] = true
				continue
			}
			cls[i].kind, cls[i].note = furniture, k
		}
	}
}

// pageEdges marks the lines among the first and the last three lines of
// text on their page: where running heads and feet are set.
func pageEdges(cls []cline) []bool {
	edge := make([]bool, len(cls))
	byPage := map[int][]int{}
	for i, c := range cls {
		if c.kind != blank && c.page != 0 {
			byPage[c.page] = append(byPage[c.page], i)
		}
	}
	for _, idx := range byPage {
		for k, i := range idx {
			edge[i] = k < 3 || k >= len(idx)-3
		}
	}
	return edge
}

// runningHead matches what is furniture even once: a page's own numbering
// or a bare document number line repeated as a header.
var runningHead = regexp.MustCompile(`^[-—–－\s]*\d+[-—–－\s]*$|第\s*\d+\s*页`)

func firstPage(pages map[int]bool) int {
	first := 0
	for p := range pages {
		if first == 0 || p < first {
			first = p
		}
	}
	return first
}

// runs gathers the lines' runs with absolute source offsets, in source
// order.
func runs(lines []Line) []document.Run {
	n := 0
	for _, l := range lines {
		n += len(l.Runs)
	}
	if n == 0 {
		return nil
	}
	out := make([]document.Run, 0, n)
	sorted := true
	for _, l := range lines {
		for _, r := range l.Runs {
			r.Src += int32(l.Offset)
			if k := len(out); k > 0 && r.Src < out[k-1].Src {
				sorted = false
			}
			out = append(out, r)
		}
	}
	if !sorted {
		slices.SortStableFunc(out, func(a, b document.Run) int { return int(a.Src - b.Src) })
	}
	return out
}

// pageKey is a line of furniture: its page and text.
type pageKey struct {
	page int
	text string
}

// pageNumberSides tells where each page number sits on its page, against
// the text of the page: left, right or center (GB/T 9704 sets odd pages'
// numbers right and even pages' left). Lines without runs have no side.
func pageNumberSides(lines []Line) map[pageKey]string {
	type extent struct{ x0, x1 float32 }
	ext := map[int]extent{}
	var nums []int
	for i, l := range lines {
		if len(l.Runs) == 0 || l.Page == 0 {
			continue
		}
		if pageNumber.MatchString(strings.TrimSpace(strings.ReplaceAll(l.Text, "\u3000", " "))) {
			nums = append(nums, i)
			continue
		}
		e, ok := ext[l.Page]
		for _, r := range l.Runs {
			if !ok {
				e, ok = extent{r.X0, r.X1}, true
			}
			e.x0, e.x1 = min(e.x0, r.X0), max(e.x1, r.X1)
		}
		ext[l.Page] = e
	}
	sides := map[pageKey]string{}
	for _, i := range nums {
		l := lines[i]
		e, ok := ext[l.Page]
		if !ok || e.x1-e.x0 <= 0 {
			continue
		}
		x0, x1 := l.Runs[0].X0, l.Runs[0].X1
		for _, r := range l.Runs {
			x0, x1 = min(x0, r.X0), max(x1, r.X1)
		}
		mid, w := (x0+x1)/2-e.x0, e.x1-e.x0
		side := "center"
		if mid < 0.4*w {
			side = "left"
		} else if mid > 0.6*w {
			side = "right"
		}
		sides[pageKey{l.Page, strings.TrimSpace(strings.ReplaceAll(l.Text, "\u3000", " "))}] = side
	}
	return sides
}
