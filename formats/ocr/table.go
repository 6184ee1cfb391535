package ocr

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"qcweave/layout"
)

// lineBoxHeight is the height of a line's box (pixels), or of its first
// word when tesseract gave none.
func lineBoxHeight(line []Word) float64 {
	if h := line[0].LineBox[3]; h > 0 {
		return h
	}
	return line[0].Height
}

// opensCell reports whether the k-th word of a line (k > 0) starts a cell
// by what lies before it: a gap wider than a character of the line (h is
// its height), or the number that opens a table row before a Chinese
// word (not one a measure word follows: 43个 is running text).
func opensCell(line []Word, k int, h float64) bool {
	if line[k].Left-(line[k-1].Left+line[k-1].Width) > 1.2*h {
		return true
	}
	first, _ := utf8.DecodeRuneInString(line[k].Text)
	return k == 1 && isRowNumber(line[0].Text) && isCJK(first) && !strings.ContainsRune(measureWords, first)
}

// cellCount is how many cells a line's gaps and row number make.
func cellCount(line []Word, h float64) int {
	n := 1
	for k := 1; k < len(line); k++ {
		if opensCell(line, k, h) {
			n++
		}
	}
	return n
}

// headers returns, by the index of a line's first word, the lines that
// are a table's header whose cells ran together, and where each is cut:
// the words that start its cells (none when it does not part). Such a
// header is the line above a numbered row that starts where the row
// starts and has fewer cells apart than the table has columns (in a table
// of text aligned by tabs, its cells are as close as the characters of a
// word); it is cut so that it has one cell a column (headerCuts), or not
// at all.
func headers(words []Word, geo map[int][]float64, lineHeight float64) map[int]map[int]bool {
	out := map[int]map[int]bool{}
	var prev []Word
	prevI := 0
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].Block == words[i].Block && words[j].Par == words[i].Par && words[j].Line == words[i].Line {
			j++
		}
		line := words[i:j]
		if cols := geo[i]; prev != nil && len(cols) >= 3 && isRowNumber(line[0].Text) && len(line) > 1 &&
			!isRowNumber(prev[0].Text) && math.Abs(prev[0].Left-line[0].Left) <= lineHeight &&
			cellCount(prev, lineBoxHeight(prev)) < len(cols) {
			out[prevI] = headerCuts(prev, cols, lineHeight)
		}
		prev, prevI = line, i
		i = j
	}
	return out
}

// headerCuts returns the words of a header line before which its cells
// start, one for each edge between two columns (cols, their left edges
// less a little room), or nil when the line does not part so. The cell
// of the k-th column starts right of where that column's cells start and
// before the column after the next one starts (a header's cell may be
// wider than its column's cells and push the next one right); the widest
// gap there between two words, wider than most gaps between the
// characters of a word and not beside punctuation, parts the cells. Of
// gaps about as wide, the one nearest where the column starts does.
func headerCuts(line []Word, cols []float64, lineHeight float64) map[int]bool {
	starts := make([]float64, len(cols))
	for k, x := range cols {
		starts[k] = x + 0.3*lineHeight
	}
	gap := func(j int) float64 { return line[j].Left - (line[j-1].Left + line[j-1].Width) }
	cuts := map[int]bool{}
	last := 0
	for k := 0; k+1 < len(cols); k++ {
		lo, hi := starts[k]+0.5*lineHeight, math.Inf(1)
		if k+2 < len(cols) {
			hi = starts[k+2] - 0.3*lineHeight
		}
		var cands []int
		best := -1
		for j := last + 1; j < len(line); j++ {
			if b := line[j].Left; b <= lo || b > hi {
				continue
			}
			before, _ := utf8.DecodeLastRuneInString(line[j-1].Text)
			after, _ := utf8.DecodeRuneInString(line[j].Text)
			if gap(j) < minHeaderGap*lineHeight || unicode.IsPunct(before) || unicode.IsPunct(after) {
				continue
			}
			cands = append(cands, j)
			if best < 0 || gap(j) > gap(best) {
				best = j
			}
		}
		if best < 0 {
			return nil
		}
		for _, j := range cands {
			if gap(j) >= alikeGaps*gap(best) && math.Abs(line[j].Left-starts[k+1]) < math.Abs(line[best].Left-starts[k+1]) {
				best = j
			}
		}
		cuts[best] = true
		last = best
	}
	return cuts
}

// alikeGaps is the share of the widest gap a gap has at least to be
// taken as about as wide (the boxes tesseract gives are a few pixels off).
const alikeGaps = 0.85

// flatWords is the text of a line's words run together.
func flatWords(line []Word) string {
	var b strings.Builder
	for _, w := range line {
		b.WriteString(w.Text)
	}
	return b.String()
}

// minHeaderGap is the narrowest gap (in line heights) that parts two
// cells of a header: between the characters of a word tesseract leaves
// up to about half a line height.
const minHeaderGap = 0.5

// joinPages joins to a table row at the foot of a page the line that
// opens the next page when it is the rest of the row's last cell: the
// row ran to the right margin, and the line, no row itself nor
// indented, stands above the next numbered row (the table goes on). A
// page number under the row is passed over. alts are the lines'
// alternatives (parallel to lines).
func joinPages(lines []layout.Line, alts []map[int][]Choice) ([]layout.Line, []map[int][]Choice) {
	last := -1 // the last line with text, page numbers aside
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.Text == "" || pageNumber(l.Text) {
			continue
		}
		if last >= 0 && l.Page == lines[last].Page+1 && numberedRow(lines[last].Text) && lines[last].Full &&
			!strings.Contains(l.Text, "\t") && !startsWithDigit(l.Text) && !l.Indent && nextIsRow(lines[i+1:]) {
			r := &lines[last]
			prev := utf8.RuneCountInString(r.Text)
			for _, run := range l.Runs {
				run.Src += int32(prev)
				r.Runs = append(r.Runs, run)
			}
			if len(alts[i]) > 0 {
				if alts[last] == nil {
					alts[last] = map[int][]Choice{}
				}
				for k, a := range alts[i] {
					alts[last][prev+k] = a
				}
			}
			r.Text += l.Text
			r.Full = l.Full
			lines = slices.Delete(lines, i, i+1)
			alts = slices.Delete(alts, i, i+1)
			i--
			continue
		}
		last = i
	}
	return lines, alts
}

// numberedRow reports whether a line's text is a table row that opens
// with its number.
func numberedRow(text string) bool {
	first, _, ok := strings.Cut(text, "\t")
	return ok && isRowNumber(first)
}

// nextIsRow reports whether the first line with text is a numbered row.
func nextIsRow(lines []layout.Line) bool {
	for _, l := range lines {
		if l.Text != "" && !pageNumber(l.Text) {
			return numberedRow(l.Text)
		}
	}
	return false
}

// pageNumber reports whether a line is a page number alone (3, - 3 -,
// — 3 —, 第3页).
func pageNumber(text string) bool {
	digits := 0
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" -—–－第页", r):
		default:
			return false
		}
	}
	return digits >= 1 && digits <= 3
}
