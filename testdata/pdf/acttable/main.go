// Command acttable rewrites a bulletin whose stories tell what each center
// did (the Hubei 简报 seed) as a bulletin whose activities are a table —
// 日期 | 质控中心 | 工作内容, one row per paragraph of a story, the center
// cell merged down the story's rows — and writes it as HTML (for Chromium
// and LibreOffice) or as OFD (laid out here: one TextObject per line of a
// cell, rules as PathObjects, the merged cell drawn once). See README.md.
//
//	go run ./testdata/pdf/acttable -html [-plain] SEED.txt > OUT.html
//	go run ./testdata/pdf/acttable -ofd OUT.ofd [-centre] SEED.txt
//
// The bulletin's head, its 按 paragraph and its footer stay paragraphs; a
// story's headings and its 点评 are left out. A row's date cell holds the
// date its paragraph opens with (or that follows a short lead-in
// sentence), taken out of the text; when the text then goes on with the
// story's center, that name is taken out too: the center column says it.
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"html"
	"os"
	"regexp"
	"strings"

	"qcweave/document"
	"qcweave/formats/plaintext"
	"qcweave/layout"
)

// row is one row of the activities table.
type row struct {
	date, center, text string
	span               int // rows the center cell spans (0: covered by the cell above)
}

// bulletin is the seed rewritten: paragraphs before the table, the table,
// paragraphs after it.
type bulletin struct {
	head, foot []string
	rows       []row
}

var (
	reDate    = regexp.MustCompile(`^((?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日?(?:\s*(?:至|和)\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?(?:上午|下午)?)[，,]\s*`)
	reCenter  = regexp.MustCompile(`湖北省[^，。、“”（）\s]{1,20}?(?:质控中心|质量控制中心)`)
	reLeadIn  = regexp.MustCompile(`^([^。]{4,24}。)\s*`)
	reReview  = regexp.MustCompile(`^点评\s*[:：]?$`)
	reSpaces  = regexp.MustCompile(`\s+`)
	reEndMark = regexp.MustCompile(`[。！？：；”]$`)
)

func isHeading(s string) bool {
	return len([]rune(s)) <= 45 && !strings.ContainsAny(s, "。；！？")
}

// parse splits the seed's paragraphs into the head (up to the 按
// paragraph), the stories and the footer (from the first paragraph after
// the last story that names no date and is a short line).
func parse(paras []string) bulletin {
	// a paragraph the page cut goes on in the next one
	var ps []string
	for _, p := range paras {
		if n := len(ps); n > 0 && len([]rune(ps[n-1])) > 45 && !reEndMark.MatchString(ps[n-1]) && !isHeading(p) {
			ps[n-1] += p
			continue
		}
		ps = append(ps, p)
	}
	var b bulletin
	i := 0
	for ; i < len(ps); i++ {
		b.head = append(b.head, ps[i])
		if strings.HasPrefix(ps[i], "按：") {
			i++
			break
		}
	}
	// the footer: from the last 点评's paragraph on, the first short line
	end := len(ps)
	for j := len(ps) - 1; j > i; j-- {
		if reReview.MatchString(ps[j]) {
			for k := j + 2; k < len(ps); k++ {
				if isHeading(ps[k]) {
					end = k
					break
				}
			}
			break
		}
	}
	b.foot = ps[end:]
	var story []string
	center, review, heading := "", false, false
	flush := func() {
		if len(story) == 0 {
			return
		}
		c := center
		if c == "" {
			c = reCenter.FindString(strings.Join(story, ""))
		}
		first := len(b.rows)
		for _, p := range story {
			b.rows = append(b.rows, cellsOf(p, c))
		}
		b.rows[first].span = len(b.rows) - first
		story, center = nil, ""
	}
	for ; i < end; i++ {
		p := ps[i]
		switch {
		case reReview.MatchString(p):
			review = true
		case isHeading(p):
			if !heading {
				flush()
			}
			heading, review = true, false
			if strings.HasSuffix(p, "——") {
				center = strings.TrimSuffix(p, "——")
			}
			continue
		case !review:
			story = append(story, p)
		}
		heading = false
	}
	flush()
	return b
}

// cellsOf makes a row of a story's paragraph.
func cellsOf(p, center string) row {
	r := row{center: center, text: p}
	lead := ""
	if m := reLeadIn.FindStringSubmatch(p); m != nil && reDate.MatchString(p[len(m[0]):]) {
		lead, p = m[1], p[len(m[0]):]
	}
	m := reDate.FindStringSubmatch(p)
	if m == nil {
		return r
	}
	r.date = reSpaces.ReplaceAllString(m[1], "")
	rest := p[len(m[0]):]
	if lead == "" {
		rest = strings.TrimPrefix(rest, center)
	}
	r.text = lead + rest
	return r
}

func main() {
	htmlOut := flag.Bool("html", false, "write HTML on stdout")
	plain := flag.Bool("plain", false, "HTML for LibreOffice: no style sheet, an empty first paragraph")
	ofdOut := flag.String("ofd", "", "write an OFD to this file")
	centre := flag.Bool("centre", false, "OFD: the merged center cell centred down its span (default: on its first row)")
	flag.Parse()
	if flag.NArg() != 1 || *htmlOut == (*ofdOut != "") {
		fmt.Fprintln(os.Stderr, "usage: acttable -html [-plain] SEED.txt > OUT.html | acttable -ofd OUT.ofd [-centre] SEED.txt")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "acttable:", err)
		os.Exit(1)
	}
	text, _, err := plaintext.Decode(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "acttable:", err)
		os.Exit(1)
	}
	doc := layout.Build(plaintext.Lines(text))
	var paras []string
	for _, bl := range doc.Blocks {
		if bl.Kind == document.Paragraph {
			paras = append(paras, doc.Slice(bl.Span))
		}
	}
	bu := parse(paras)
	if *htmlOut {
		writeHTML(bu, *plain)
		return
	}
	if err := writeOFD(bu, *ofdOut, *centre); err != nil {
		fmt.Fprintln(os.Stderr, "acttable:", err)
		os.Exit(1)
	}
}

func writeHTML(b bulletin, plain bool) {
	if plain {
		fmt.Print("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"></head><body><p>&nbsp;</p>\n")
	} else {
		fmt.Print(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 14pt; line-height: 1.6; margin: 2cm; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 3px 5px; font-size: 11pt; }
</style></head><body>
`)
	}
	for i, p := range b.head {
		t := html.EscapeString(p)
		if i < 4 && isHeading(p) {
			fmt.Printf("<p align=\"center\"><font size=\"5\">%s</font></p>\n", t)
		} else {
			fmt.Printf("<p>%s</p>\n", t)
		}
	}
	fmt.Println(`<table border="1" cellspacing="0" cellpadding="4" width="100%">`)
	fmt.Println(`<thead><tr><th width="16%">日期</th><th width="18%">质控中心</th><th>工作内容</th></tr></thead><tbody>`)
	for _, r := range b.rows {
		fmt.Print("<tr>")
		fmt.Printf("<td>%s</td>", html.EscapeString(r.date))
		if r.span > 0 {
			fmt.Printf(`<td rowspan="%d">%s</td>`, r.span, html.EscapeString(r.center))
		}
		fmt.Printf("<td>%s</td></tr>\n", html.EscapeString(r.text))
	}
	fmt.Println("</tbody></table>")
	for _, p := range b.foot {
		fmt.Printf("<p>%s</p>\n", html.EscapeString(p))
	}
	fmt.Println("</body></html>")
}

// The OFD page, in millimetres: A4, margins, the body's font size and
// line height, and the table's columns.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 25.0
	fontSize     = 4.2 // 12 pt
	cellSize     = 3.7 // 10.5 pt
	lineH        = 7.0
	cellLineH    = 5.6
	pad          = 1.5
)

var colW = []float64{26, 30, pageW - 2*margin - 56}

// ofdPage collects one page's objects.
type ofdPage struct {
	objs []string
}

type ofdWriter struct {
	pages []*ofdPage
	y     float64
	id    int
}

func (w *ofdWriter) page() *ofdPage { return w.pages[len(w.pages)-1] }

func (w *ofdWriter) newPage() {
	w.pages = append(w.pages, &ofdPage{})
	w.y = margin
}

// text draws one line of text with its top at (x, y).
func (w *ofdWriter) text(x, y, size float64, s string) {
	if s == "" {
		return
	}
	w.id++
	n := len([]rune(s))
	dx := strings.TrimSpace(strings.Repeat(fmt.Sprintf("%.2f ", size), n-1))
	w.page().objs = append(w.page().objs, fmt.Sprintf(
		`<ofd:TextObject ID="%d" Boundary="%.2f %.2f %.2f %.2f" Font="2" Size="%.2f"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="%.2f" DeltaX="%s">%s</ofd:TextCode></ofd:TextObject>`,
		w.id, x, y, size*float64(n)+1, size*1.5, size, size, dx, html.EscapeString(s)))
}

// rule draws a line from (x0, y0) to (x1, y1).
func (w *ofdWriter) rule(x0, y0, x1, y1 float64) {
	w.id++
	w.page().objs = append(w.page().objs, fmt.Sprintf(
		`<ofd:PathObject ID="%d" Boundary="0 0 %.2f %.2f" LineWidth="0.25"><ofd:AbbreviatedData>M %.2f %.2f L %.2f %.2f</ofd:AbbreviatedData></ofd:PathObject>`,
		w.id, pageW, pageH, x0, y0, x1, y1))
}

// wrapRunes cuts s into lines of at most n runes, never inside a number.
func wrapRunes(s string, n int) []string {
	r := []rune(s)
	var out []string
	digit := func(c rune) bool { return c >= '0' && c <= '9' }
	for len(r) > n {
		k := n
		for k > 1 && digit(r[k-1]) && digit(r[k]) {
			k--
		}
		out = append(out, string(r[:k]))
		r = r[k:]
	}
	if len(r) > 0 {
		out = append(out, string(r))
	}
	return out
}

// paragraph sets a paragraph: first line indented two characters, or
// centred.
func (w *ofdWriter) paragraph(s string, centred bool) {
	width := pageW - 2*margin
	per := int(width / fontSize)
	if centred {
		if w.y+lineH > pageH-margin {
			w.newPage()
		}
		x := margin + (width-fontSize*float64(len([]rune(s))))/2
		w.text(x, w.y, fontSize, s)
		w.y += lineH
		return
	}
	lines := wrapRunes("\u3000\u3000"+s, per)
	for i, l := range lines {
		if w.y+lineH > pageH-margin {
			w.newPage()
		}
		if i == 0 {
			l = strings.TrimLeft(l, "\u3000")
			w.text(margin+2*fontSize, w.y, fontSize, l)
		} else {
			w.text(margin, w.y, fontSize, l)
		}
		w.y += lineH
	}
	w.y += 2
}

func (w *ofdWriter) colX(k int) float64 {
	x := margin
	for _, cw := range colW[:k] {
		x += cw
	}
	return x
}

// header draws the table's header row.
func (w *ofdWriter) header() {
	top := w.y
	for k, h := range []string{"日期", "质控中心", "工作内容"} {
		x := w.colX(k) + (colW[k]-cellSize*float64(len([]rune(h))))/2
		w.text(x, top+pad, cellSize, h)
	}
	w.y += cellLineH + 2*pad
	w.rule(margin, top, pageW-margin, top)
	w.rule(margin, w.y, pageW-margin, w.y)
	for k := 0; k <= len(colW); k++ {
		w.rule(w.colX(k), top, w.colX(k), w.y)
	}
}

// table lays the rows out, cutting a row at the page end (its rest goes
// on under the header repeated on the next page) and drawing each center
// once: on the first row of its span, or centred down the span's lines
// on the page where the span starts.
func (w *ofdWriter) table(rows []row, centre bool) {
	per := func(k int) int { return int((colW[k] - 2*pad) / cellSize) }
	if w.y+3*cellLineH > pageH-margin {
		w.newPage()
	}
	w.header()
	var spanPage *ofdPage // where the open span's center is drawn
	var spanTop, spanBottom float64
	var spanCenter []string
	closeSpan := func() {
		if spanPage == nil {
			return
		}
		cur := w.pages[len(w.pages)-1]
		w.pages[len(w.pages)-1] = spanPage
		y := spanTop + pad
		if centre {
			y = max(y, (spanTop+spanBottom)/2-float64(len(spanCenter))*cellLineH/2)
		}
		for _, l := range spanCenter {
			w.text(w.colX(1)+pad, y, cellSize, l)
			y += cellLineH
		}
		w.pages[len(w.pages)-1] = cur
		spanPage = nil
	}
	cols := func(top, bottom float64) {
		for k := 0; k <= len(colW); k++ {
			w.rule(w.colX(k), top, w.colX(k), bottom)
		}
	}
	for _, r := range rows {
		need := 1 // lines of the row that must fit on the page
		if r.span > 0 {
			need = len(wrapRunes(r.center, per(1)))
		}
		if w.y+2*pad+float64(need)*cellLineH > pageH-margin {
			// the row's first line, or its center, does not fit: it starts
			// on the next page
			w.rule(margin, w.y, pageW-margin, w.y)
			w.newPage()
			w.header()
		}
		if r.span > 0 {
			closeSpan()
			spanPage, spanTop = w.page(), w.y
			spanCenter = wrapRunes(r.center, per(1))
		}
		date := wrapRunes(r.date, per(0))
		body := wrapRunes(r.text, per(2))
		n := max(len(date), len(body))
		if r.span > 0 {
			n = max(n, len(spanCenter))
		}
		top := w.y
		// a rule above the row, except over a center cell the span covers
		w.rule(margin, top, w.colX(1), top)
		if r.span > 0 {
			w.rule(w.colX(1), top, w.colX(2), top)
		}
		w.rule(w.colX(2), top, pageW-margin, top)
		w.y += pad
		for i := 0; i < n; i++ {
			if w.y+cellLineH+pad > pageH-margin {
				// the page ends inside the row: close the page's columns,
				// go on under the header repeated on the next page
				w.rule(margin, w.y+pad, pageW-margin, w.y+pad)
				cols(top, w.y+pad)
				w.newPage()
				w.header()
				top = w.y
				w.y += pad
			}
			if i < len(date) {
				w.text(w.colX(0)+pad, w.y, cellSize, date[i])
			}
			if i < len(body) {
				w.text(w.colX(2)+pad, w.y, cellSize, body[i])
			}
			w.y += cellLineH
			if w.page() == spanPage {
				spanBottom = w.y + pad
			}
		}
		w.y += pad
		cols(top, w.y)
	}
	closeSpan()
	w.rule(margin, w.y, pageW-margin, w.y)
	w.y += lineH
}

func writeOFD(b bulletin, path string, centre bool) error {
	w := &ofdWriter{id: 1000}
	w.newPage()
	for i, p := range b.head {
		w.paragraph(p, i < 4 && isHeading(p))
	}
	w.table(b.rows, centre)
	for _, p := range b.foot {
		w.paragraph(p, false)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	z := zip.NewWriter(f)
	put := func(name, body string) error {
		fw, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = fw.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + body))
		return err
	}
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	var pages strings.Builder
	for i := range w.pages {
		fmt.Fprintf(&pages, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, 10+i, i)
	}
	files := [][2]string{
		{"OFD.xml", `<ofd:OFD ` + ns + ` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>acttable</ofd:DocID><ofd:Creator>qcweave testdata</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`},
		{"Doc_0/Document.xml", fmt.Sprintf(`<ofd:Document `+ns+`><ofd:CommonData><ofd:MaxUnitID>%d</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 %g %g</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>%s</ofd:Pages></ofd:Document>`, w.id+1, pageW, pageH, pages.String())},
		{"Doc_0/PublicRes.xml", `<ofd:Res ` + ns + ` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="SimSun"/></ofd:Fonts></ofd:Res>`},
	}
	for i, p := range w.pages {
		files = append(files, [2]string{fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i),
			fmt.Sprintf(`<ofd:Page `+ns+`><ofd:Content><ofd:Layer ID="%d">%s</ofd:Layer></ofd:Content></ofd:Page>`, 900+i, strings.Join(p.objs, ""))})
	}
	for _, f := range files {
		if err := put(f[0], f[1]); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	return f.Close()
}
