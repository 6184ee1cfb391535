package layout

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"qcweave/document"
)

type builder struct {
	text   []nrune
	blocks []document.Block
	attrs  []blockAttr // what the page showed of each block
}

func (b *builder) runes() []rune { return runesOf(b.text) }

func (b *builder) src() []int32 {
	out := make([]int32, len(b.text))
	for i, x := range b.text {
		out[i] = x.src
	}
	return out
}

func (b *builder) newline() {
	if len(b.text) == 0 {
		return
	}
	b.text = append(b.text, nrune{'\n', b.text[len(b.text)-1].src})
}

// terminal punctuation ends a sentence: a line ending so is not continued.
const terminal = "。！？!?；;：:”」』…"

// heading matches lines that start a new unit whatever the previous line
// (a minutes' labelled fields too: 会议时间：, 主持人：, 出席人员：…).
var heading = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\D|附件|点评|按[:：]|报[:：]|送[:：]|抄送|分送|主送|第[一二三四五六七八九十\d]+[章节条]|(?:会议时间|会议地点|会议主题|会议议题|主持人|出席人员|参会人员|列席人员|与会人员|记录人)\s*[:：])`)

// dateOnly matches a line that is only a date (a 成文日期 or an issue date).
var dateOnly = regexp.MustCompile(`^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日[）)]?$`)

// kindEnd matches a line that ends a document title (…的通报): a title is
// never continued by the line after it.
var kindEnd = regexp.MustCompile(`(的|关于.*|工作|情况)(通报|通知|简报|意见|方案|报告|公告|通告|决定|批复|纪要|办法|函)$`)

// joinThreshold is the length from which a line that does not end a
// sentence is taken to be wrapped: the smaller of 28 runes and 70% of the
// 90th-percentile line length (hard-wrapped text has short lines).
//
// It also returns the length of a full line of hard-wrapped text (the
// 90th percentile, when that is short enough to be a wrap width), or 0.
func joinThreshold(cls []cline) (int, int) {
	var lens []int
	for _, c := range cls {
		if c.kind == textLine {
			lens = append(lens, len(c.text))
		}
	}
	if len(lens) == 0 {
		return 28, 0
	}
	sort.Ints(lens)
	p90 := lens[len(lens)*9/10]
	full := 0
	if p90 <= 60 && len(lens) >= 10 {
		full = p90
	}
	return max(8, min(28, p90*7/10)), full
}

// wrap says when a line of text without geometry wraps.
type wrap struct {
	threshold int // shortest line that may wrap
	full      int // length of a full line of hard-wrapped text, or 0
}

// pageLine matches the lines of a web page's furniture that stand alone:
// breadcrumbs, bylines (发布时间: …, a date and time alone), contact and
// share lines, and a media byline that opens with the date (2025-04-21
// 来源:…, its spaces gone once normalized), a posted 公文's catalogue line
// (索引号：… 发布机构：…). They neither continue a
// paragraph nor are continued.
var pageLine = regexp.MustCompile(`^(?:当前位置|您的位置|你的位置|我的位置|您现在的位置|所在位置|位置)\s*[:：]|首页\s*[>＞»›]|^(?:发布时间|发布日期|发表时间|发稿时间|更新时间|上传时间|录入时间|时间|日期|来源|信息来源|文章来源|稿件来源|作者|浏览次数|浏览量|阅读次数|点击数|点击量|点击|联系人|电话|分享到|索\s*引\s*号)\s*[:：]|^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}|\s*$)|^\d{4}-\d{1,2}-\d{1,2}\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?:来源|作者|记者|编辑|通讯员|浏览|点击|阅读)|^\d{1,2}\.\d{1,2}\.\d{4}\s|\s(?:发布时间|发布日期|更新时间|来源|作者|浏览次数|阅读次数|点击数)\s*[:：]`)

// docNumberEnd matches a line that ends with a 发文字号 (豫卫医函〔2025〕21号):
// the line after it is the title or the recipients, never its continuation.
var docNumberEnd = regexp.MustCompile(`[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,5}\s*号$`)

// docNumberOnly matches a line that is a 发文字号 and nothing else: it
// continues no line above it (an index header of 索引号/公开方式 fields).
var docNumberOnly = regexp.MustCompile(`^[\p{Han}]{1,12}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,5}\s*号$`)

// marks are what a text line's text says of it, for joining lines into
// paragraphs: each line is matched once, not once for every neighbour.
type marks struct {
	page       bool // page furniture (pageLine)
	numberEnd  bool // ends with a 发文字号 (docNumberEnd)
	numberOnly bool // is a 发文字号 alone (docNumberOnly)
	heading    bool // starts a heading or a labelled part (heading)
	date       bool // only a date (dateOnly)
	kindEnd    bool // ends a document title (kindEnd)
	dashEnd    bool // ends with ——
}

// markText reads a line's marks. Each pattern runs only on a line that
// holds what all its matches hold (a colon, 号 at the end, 年 and 日 …):
// most lines of a body are told apart by a few byte scans.
func markText(s string) marks {
	m := marks{dashEnd: strings.HasSuffix(s, "——")}
	if s == "" {
		return m
	}
	digit := s[0] >= '0' && s[0] <= '9'
	// pageLine's alternatives start with a digit or hold Chinese words
	m.page = (digit || nonASCII(s) && (strings.ContainsAny(s, ":：") || strings.Contains(s, "首页"))) && pageLine.MatchString(s)
	m.numberEnd = strings.HasSuffix(s, "号") && docNumberEnd.MatchString(s)
	m.numberOnly = m.numberEnd && docNumberOnly.MatchString(s)
	m.heading = heading.MatchString(s) // anchored: fails at the first rune
	m.date = strings.Contains(s, "年") && strings.Contains(s, "日") && dateOnly.MatchString(s)
	m.kindEnd = endsWithKind(s) && kindEnd.MatchString(s)
	return m
}

// kinds are the words a document title ends with (kindEnd's second group).
var kinds = []string{"通报", "通知", "简报", "意见", "方案", "报告", "公告", "通告", "决定", "批复", "纪要", "办法", "函"}

func endsWithKind(s string) bool {
	for _, k := range kinds {
		if strings.HasSuffix(s, k) {
			return true
		}
	}
	return false
}

func continues(pc, nc cline, w wrap) bool {
	threshold := w.threshold
	prev, next := pc.text, nc.text
	if len(prev) == 0 || len(next) == 0 {
		return false
	}
	pm, nm := pc.marks, nc.marks
	if pm.page || nm.page || pm.numberEnd || nm.numberOnly {
		return false
	}
	if pc.geom && nc.geom {
		// a line that ran to the margin wraps into an unindented line of
		// the same size; a shorter line ends its paragraph unless the text
		// says the sentence goes on
		if nc.ind && pc.full && pc.page != nc.page && unicode.Is(unicode.Han, prev[len(prev)-1].r) && !nm.heading && !nm.date {
			// a sentence cut mid-word at the foot of a page goes on at the
			// head of the next, even where the producer indented it anew
			return true
		}
		if nc.ind || nm.heading || nm.date || pm.dashEnd {
			return false
		}
		if pc.size > 0 && nc.size > 0 && (pc.size > 1.15*nc.size || nc.size > 1.15*pc.size) {
			return false
		}
		if pc.full {
			return true
		}
	}
	last := prev[len(prev)-1].r
	first := next[0].r
	if strings.ContainsRune("，、。；：）”", first) {
		return true
	}
	if prev[0].r == '（' && last == '）' && !pc.full {
		return false // a line that is one parenthesis (a subtitle) stands alone
	}
	if strings.ContainsRune("：；:;", last) && w.full > 0 && len(prev) >= w.full-1 && !nm.heading {
		return true // a full line of hard-wrapped text goes on after a colon
	}
	if strings.ContainsRune(terminal, last) {
		return false
	}
	if nm.heading || nm.date {
		return false
	}
	if pm.dashEnd {
		return false // "XX质控中心——" heads a story; its subtitle is a line of its own
	}
	if strings.ContainsRune("，、（“《-", last) {
		return true
	}
	if len(prev) < threshold || pm.kindEnd {
		return false
	}
	return IsCJK(last) || IsCJK(first)
}

// paragraph writes the paragraph starting at cls[i] and returns the index
// after it. Blank lines and furniture between two parts of a broken
// sentence are skipped.
func (b *builder) paragraph(cls []cline, i int, w wrap) int {
	b.newline()
	start := len(b.text)
	page := cls[i].page
	b.text = append(b.text, cls[i].text...)
	cur := cls[i]
	j := i + 1
	for {
		k := j
		for k < len(cls) && (cls[k].kind == blank || cls[k].kind == furniture) {
			k++
		}
		if k >= len(cls) || cls[k].kind != textLine || !continues(cur, cls[k], w) || signsAbove(cls, k) && !organLine(cur.text) {
			break
		}
		joined := cls[k].text
		// a Latin word broken across lines keeps a space
		if l, f := cur.text[len(cur.text)-1].r, joined[0].r; !IsCJK(l) && !IsCJK(f) && l != '-' {
			b.text = append(b.text, nrune{' ', joined[0].src})
		}
		b.text = append(b.text, joined...)
		cur = cls[k]
		j = k + 1
	}
	b.blocks = append(b.blocks, document.Block{Kind: document.Paragraph, Span: document.Span{Start: start, End: len(b.text)}, Page: page})
	seal := false
	for _, c := range cls[i:j] {
		seal = seal || c.seal
	}
	b.attrs = append(b.attrs, blockAttr{color: cls[i].color, size: cls[i].size, geom: cls[i].geom, seal: seal})
	return j
}

// signsAbove reports whether text line k is a signature: an organ's name
// (…委员会, …局) alone on its line right above a line that is only a date
// (the 成文日期). It continues no line above it — not the title of an
// attachment listed just before the signature — unless that line is the
// first half of the same name.
func signsAbove(cls []cline, k int) bool {
	t := cls[k].text
	if len(t) < 4 || len(t) > 30 || !strings.ContainsRune(organEnds, t[len(t)-1].r) {
		return false
	}
	for _, x := range t {
		if !unicode.Is(unicode.Han, x.r) && !strings.ContainsRune("（）()", x.r) {
			return false
		}
	}
	n := k + 1
	for n < len(cls) && (cls[n].kind == blank || cls[n].kind == furniture) {
		n++
	}
	return n < len(cls) && cls[n].kind == textLine && cls[n].marks.date
}

// organLine reports whether a line could be the first half of an organ's
// name signed over two lines (某省医疗质量控制中心 / 管理办公室).
func organLine(t []nrune) bool {
	return len(t) > 0 && len(t) <= 30 && strings.ContainsRune(organEnds, t[len(t)-1].r)
}

// organEnds are the last characters of an organ's name that signs a
// document (委员会, 卫生健康局, 办公室, 人民政府, 质控中心 …).
const organEnds = "会局委厅室府心院处科"

// flatText is the text of cells run together without spaces.
func flatText(cells ...[]nrune) string {
	var b strings.Builder
	for _, c := range cells {
		for _, x := range c {
			if !unicode.IsSpace(x.r) {
				b.WriteRune(x.r)
			}
		}
	}
	return b.String()
}

// flatHeader reports whether a line of a table is its header, flat, run
// together: a text line, or a row cut otherwise than the header. The first
// rune is compared before any text is made (this runs on every row).
func flatHeader(cl cline, flat string) bool {
	parts := cl.cells
	if cl.kind == textLine {
		parts = [][]nrune{cl.text}
	} else if cl.kind != rowLine {
		return false
	}
	first, _ := utf8.DecodeRuneInString(flat)
	for _, p := range parts {
		for _, x := range p {
			if !unicode.IsSpace(x.r) {
				return x.r == first && flatText(parts...) == flat
			}
		}
	}
	return false
}

func cellsKey(cells [][]nrune) string {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = string(runesOf(c))
	}
	return strings.Join(parts, "\t")
}

var headerWord = regexp.MustCompile(`序号|名称|单位|数量|专业|地区|省辖市|城市|地市|区县|县区|科室|姓名|时间|日期|备注|合计|编号|机构|医院|情况`)

// headerFirst holds the first character of every headerWord.
const headerFirst = "序名单数专地省城区县科姓时日备合编机医情"

// nonASCII reports whether s holds a byte outside ASCII.
func nonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

func isHeader(cells [][]nrune) bool {
	words := 0
	for _, c := range cells {
		s := string(runesOf(c))
		if s == "" {
			continue
		}
		if strings.Trim(s, "0123456789.") == "" {
			return false
		}
		if len(c) <= 20 && strings.ContainsAny(s, headerFirst) && headerWord.MatchString(s) {
			words++
		}
	}
	return words > 0
}

// table writes the table starting at cls[i] and returns the index after
// it. Rows separated by blank lines or page furniture stay in one table
// while their column count matches; a row that repeats the header (a table
// continued on the next page) is dropped.
func (b *builder) table(cls []cline, i int) int {
	first := cls[i].cells
	header := 0
	headerKey, headerFlat := "", ""
	if isHeader(first) {
		header = 1
		headerKey = cellsKey(first)
		headerFlat = flatText(first...)
	}
	width := len(first)
	var rows [][][]nrune
	var pages []int
	var ref []int                // cell starts of the last full data row
	pending := map[int][]nrune{} // fragments for the next row, by column
	lastRow := -1                // index in cls of the last row taken
	j := i
	for j < len(cls) {
		k := j
		for k < len(cls) && (cls[k].kind == blank || cls[k].kind == furniture) {
			k++
		}
		if k >= len(cls) {
			break
		}
		cl := cls[k]
		if headerFlat != "" && len(rows) > 0 && flatHeader(cl, headerFlat) {
			// the header repeated on the next page, its cells run together
			// or cut elsewhere (a scan read without column gaps)
			j = k + 1
			continue
		}
		var c [][]nrune
		var starts []int
		switch {
		case cl.tabs > 0 && cl.tabs < width && len(rows) > 0 && lastRow == k-1:
			// a tab-separated line whose first cells are empty: the rest
			// of the row above, or a row under cells merged down
			c = make([][]nrune, cl.tabs, width)
			for n := range c {
				c[n] = []nrune{}
			}
			if cl.kind == rowLine {
				c = append(c, cl.cells...)
			} else {
				c = append(c, cl.text)
			}
			if last := rows[len(rows)-1]; wrapsRow(rows[header:], c, cl.kind == textLine) {
				for col, frag := range c {
					if col < len(last) && len(frag) > 0 {
						last[col] = append(last[col], frag...)
					}
				}
				j = k + 1
				continue
			}
		case cl.kind == rowLine:
			c, starts = cl.cells, cl.starts
		case cl.kind == textLine && cl.alt != nil && ref != nil && width >= 3:
			c, starts = cl.alt, cl.alts // a row with an empty cell
		case cl.kind == textLine && ref != nil && cl.indent >= 2 && k > 0 && lastRow == k-1:
			// the rest of a cell that did not fit on the row's line
			col := nearest(ref, cl.indent)
			last := rows[len(rows)-1]
			if col < len(last) {
				last[col] = append(last[col], cl.text...)
			}
			j = k + 1
			continue
		case cl.kind == textLine && ref != nil && cl.indent >= 2 && k+1 < len(cls) && (cls[k+1].kind == rowLine || cls[k+1].alt != nil):
			// the start of a cell of the row on the next line
			col := nearest(ref, cl.indent)
			pending[col] = append(pending[col], cl.text...)
			j = k + 1
			continue
		default:
			c = nil
		}
		if c == nil {
			break
		}
		if len(rows) > 0 {
			if headerKey != "" && cellsKey(c) == headerKey {
				j = k + 1
				continue
			}
			if ref != nil && len(c) < width && starts != nil {
				c = realign(c, starts, ref, width)
			}
			if absDiff(len(c), width) > 1 {
				break
			}
		}
		if len(c) > width && width > 1 {
			// a cell split at a wide gap (two hosts in one cell): keep it one cell
			merged := append([]nrune{}, c[width-1]...)
			for _, extra := range c[width:] {
				if len(extra) > 0 {
					merged = append(merged, nrune{' ', extra[0].src})
					merged = append(merged, extra...)
				}
			}
			c = append(c[:width-1:width-1], merged)
		}
		if len(pending) > 0 {
			c = append([][]nrune(nil), c...)
			for col, frag := range pending {
				if col < len(c) {
					c[col] = append(append([]nrune{}, frag...), c[col]...)
				}
			}
			pending = map[int][]nrune{}
		}
		if len(c) == width && starts != nil && (len(rows) > 0 || header == 0) && len(starts) == width {
			ref = starts
		}
		rows = append(rows, c)
		pages = append(pages, cl.page)
		lastRow = k
		j = k + 1
	}
	b.newline()
	start := len(b.text)
	blk := document.Block{Kind: document.Table, Page: cls[i].page, Header: header}
	for ri, cells := range rows {
		if ri > 0 {
			b.newline()
		}
		rowStart := len(b.text)
		row := document.Row{Page: pages[ri]}
		for ci, c := range cells {
			if ci > 0 {
				src := int32(0)
				if len(b.text) > 0 {
					src = b.text[len(b.text)-1].src
				}
				b.text = append(b.text, nrune{'\t', src})
			}
			cs := len(b.text)
			b.text = append(b.text, c...)
			row.Cells = append(row.Cells, document.Cell{Text: string(runesOf(c)), Span: document.Span{Start: cs, End: len(b.text)}})
		}
		// pad short rows so every row has the header's width
		for len(row.Cells) < width {
			row.Cells = append(row.Cells, document.Cell{Span: document.Span{Start: len(b.text), End: len(b.text)}})
		}
		row.Span = document.Span{Start: rowStart, End: len(b.text)}
		blk.Rows = append(blk.Rows, row)
	}
	blk.Span = document.Span{Start: start, End: len(b.text)}
	b.blocks = append(b.blocks, blk)
	b.attrs = append(b.attrs, blockAttr{table: true})
	return j
}

// wrapsRow reports whether the cells c of a tab-separated line whose
// first cell is empty continue the last of rows (its cells wrapped onto
// a line of their own, as a text export writes a cell with a line break)
// rather than start a row under cells merged down: so when the rows are
// numbered in their first column, and, for a line of one cell (single),
// when the cell above it does not end its sentence.
func wrapsRow(rows [][][]nrune, c [][]nrune, single bool) bool {
	if len(rows) == 0 {
		return single // the header's cell wrapped
	}
	numbered := true
	for _, r := range rows {
		if len(r) == 0 || !seqNumber(r[0]) {
			numbered = false
			break
		}
	}
	if numbered || !single {
		return numbered
	}
	last := rows[len(rows)-1]
	col := len(c) - 1
	if col >= len(last) || len(last[col]) == 0 {
		return false
	}
	return !strings.ContainsRune("。！？；!?;", last[col][len(last[col])-1].r)
}

// seqNumber reports whether a cell is a row's number (1, 12., 3、).
func seqNumber(c []nrune) bool {
	if k := len(c) - 1; k > 0 && (c[k].r == '.' || c[k].r == '、') {
		c = c[:k]
	}
	for _, r := range c {
		if r.r < '0' || r.r > '9' {
			return false
		}
	}
	return len(c) > 0 && len(c) <= 4
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// nearest returns the index of the column start closest to x.
func nearest(starts []int, x int) int {
	best := 0
	for i, s := range starts {
		if absDiff(s, x) < absDiff(starts[best], x) {
			best = i
		}
	}
	return best
}

// realign places the cells of a short row under the columns whose starts
// are nearest, leaving the others empty.
func realign(cells [][]nrune, starts, ref []int, width int) [][]nrune {
	out := make([][]nrune, width)
	used := make([]bool, width)
	for i, c := range cells {
		if i >= len(starts) {
			break
		}
		col := nearest(ref, starts[i])
		for col < width && used[col] {
			col++
		}
		if col >= width {
			return cells
		}
		out[col], used[col] = c, true
	}
	for i := range out {
		if out[i] == nil {
			out[i] = []nrune{}
		}
	}
	return out
}
