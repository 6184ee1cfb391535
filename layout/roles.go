package layout

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"qcweave/document"
)

// blockAttr is what the page showed of a block's first line.
type blockAttr struct {
	color uint32
	size  float64
	geom  bool // placed on a page (PDF, OFD)
	table bool
	seal  bool // a picture or a red drawing of a seal's size lies over a line of it
}

// isRed reports whether a 0xRRGGBB colour is the red of a 公文's banner.
func isRed(c uint32) bool {
	r, g, b := c>>16&0xff, c>>8&0xff, c&0xff
	return r >= 0x99 && g <= 0x66 && b <= 0x66
}

var (
	// docNumberAt finds a 发文字号 (…〔2025〕21号) within a line
	docNumberAt = regexp.MustCompile(`[〔\[【（(]\s*\d{4}\s*[〕\]】）)]\s*\d+\s*号`)
	// labelled opens a line with a short label and a colon (抄送：, 主送：):
	// the form of the lines of a 版记
	labelled = regexp.MustCompile(`^\p{Han}{2,4}\s*[:：]`)
	// printedLine ends with a date and 印发: the 版记's line of the
	// 印发机关 and 印发日期
	printedLine = regexp.MustCompile(`((?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)\s*印\s*发$`)
	// annexHead is the head of an attachment: 附件, its number
	annexHead = regexp.MustCompile(`^附\s*件\s*[\d一二三四五六七八九十]{0,3}\s*[:：]?$`)
	// attachNote opens the 附件说明; attachItem a further item of it
	attachNote = regexp.MustCompile(`^附\s*件\s*[:：]`)
	attachItem = regexp.MustCompile(`^\d{1,2}\s*[.．、]`)
	// banjiLabel is a label a 版记's line opens with, where the size does
	// not tell (plain text)
	banjiLabel = regexp.MustCompile(`^(?:抄\s*送|主\s*送|分\s*送|抄\s*报|报\s*送)`)
)

// assignRoles marks the parts of a 公文 (GB/T 9704) by their place, size
// and colour, in the order the standard sets them:
//
//   - the 版头 (red, or far larger than the body, opening page 1), the
//     title (larger than the body, after it), what stands between them
//     (the 发文字号, and right of it on its line the 签发人), the 主送 (the
//     line after the title that ends with a colon);
//   - the signature that closes the main text: a date alone on its line
//     (成文日期) after a short line with the organ's name (发文机关署名),
//     red marks beside them (印章), the 附件说明 just before them, the
//     parenthesised 附注 just after;
//   - after it the heads of the attachments (附件), and at the very end
//     the 版记: short labelled lines (抄送：) and the line of the 印发机关
//     and 印发日期, set smaller than the body.
//
// It returns the parts found, in reading order, with the pieces of a
// line that holds two (the 签发人, the 印发机关 and 印发日期).
func assignRoles(blocks []document.Block, attrs []blockAttr, text []nrune) []document.Part {
	if len(blocks) != len(attrs) {
		return nil
	}
	str := func(i int) string { return string(runesOf(text[blocks[i].Span.Start:blocks[i].Span.End])) }
	// the body's size: the most common one of the paragraphs, by length
	weight := map[float64]int{}
	for i, a := range attrs {
		if !a.table && a.size > 0 {
			weight[a.size] += blocks[i].Span.End - blocks[i].Span.Start
		}
	}
	body, best := 0.0, 0
	for s, n := range weight {
		if n > best || n == best && s < body {
			body, best = s, n
		}
	}
	var pieces []document.Part // parts within a block
	piece := func(role string, b document.Block, start, end int) {
		// start, end: rune offsets within the block's text, trimmed
		for start < end && unicode.IsSpace(text[b.Span.Start+start].r) {
			start++
		}
		for end > start && unicode.IsSpace(text[b.Span.Start+end-1].r) {
			end--
		}
		if start < end {
			pieces = append(pieces, document.Part{Role: role, Page: b.Page,
				Span: document.Span{Start: b.Span.Start + start, End: b.Span.Start + end}})
		}
	}
	banner := -1
	for i := 0; i < min(len(blocks), 3); i++ {
		a := attrs[i]
		if a.table || !a.geom && a.size == 0 && a.color == 0 || blocks[i].Page > 1 {
			break
		}
		if isRed(a.color) || body > 0 && a.size >= 1.6*body {
			banner = i
			break
		}
	}
	title := -1
	if banner >= 0 {
		blocks[banner].Role = document.RoleBanner
		for i := banner + 1; i < len(blocks) && i <= banner+4; i++ {
			if attrs[i].table && (len(blocks[i].Rows) != 1 || len(blocks[i].Rows[0].Cells) > 3) {
				break // a table, not the line of the 发文字号 and 签发人
			}
			if !attrs[i].table && body > 0 && attrs[i].size >= 1.2*body && !isRed(attrs[i].color) {
				title = i
				blocks[i].Role = document.RoleTitle
				for k := banner + 1; k < i; k++ {
					blocks[k].Role = document.RoleDocNumber
				}
				break
			}
			if isRed(attrs[i].color) && i == banner+1 {
				blocks[i].Role = document.RoleBanner // a banner of two lines or two organs
			}
		}
	}
	// the 签发人: right of the 发文字号 on its line (a cell of its own, or
	// the rest of the line after the number)
	for k := banner + 1; title > 0 && k < title; k++ {
		if blocks[k].Role != document.RoleDocNumber {
			continue
		}
		s := []rune(str(k))
		loc := docNumberAt.FindStringIndex(string(s))
		if loc == nil {
			if k > banner+1 && labelled.MatchString(string(s)) {
				blocks[k].Role = document.RoleSignee // a line of its own under the number
			}
			continue
		}
		if end := utf8.RuneCountInString(string(s)[:loc[1]]); end < len(s) {
			piece(document.RoleSignee, blocks[k], end, len(s))
		}
	}
	// the 主送: the line after the title that ends with a colon
	if title > 0 && title+1 < len(blocks) && !attrs[title+1].table {
		s := strings.TrimSpace(str(title + 1))
		if last, _ := utf8.DecodeLastRuneInString(s); (last == '：' || last == ':') && utf8.RuneCountInString(s) <= 200 {
			blocks[title+1].Role = document.RoleAddressee
		}
	}
	// the signature: the first date alone on its line after a short line
	// that ends no sentence
	date, sealAt := -1, -1
	for i := 1; i < len(blocks); i++ {
		if attrs[i].table || attrs[i-1].table || blocks[i].Role != "" || !dateOnly.MatchString(str(i)) {
			continue
		}
		prev := str(i - 1)
		last, _ := utf8.DecodeLastRuneInString(prev)
		if utf8.RuneCountInString(prev) > 40 || slices.Contains([]rune("。；：，、！？;:,"), last) || blocks[i-1].Role != "" ||
			strings.ContainsAny(prev, "：:") {
			continue
		}
		blocks[i-1].Role = document.RoleSigner
		blocks[i].Role = document.RoleDate
		date = i
		break
	}
	if date > 0 {
		signer := date - 1
		// the seal: red lines over the signature and the date (a seal
		// drawn with its text), or a picture or red drawing over them
		for k := max(signer-2, 0); k <= min(date+2, len(blocks)-1); k++ {
			if blocks[k].Role == "" && !attrs[k].table && isRed(attrs[k].color) {
				blocks[k].Role = document.RoleSeal
			}
		}
		for k := signer; k <= date; k++ {
			if attrs[k].seal {
				sealAt = k
				break
			}
		}
		// the 附件说明 just before the signature: 附件： and its further items
		k := signer - 1
		for k >= 0 && blocks[k].Role == document.RoleSeal {
			k--
		}
		first := -1
		for j := k; j >= 0 && j >= k-9 && !attrs[j].table && blocks[j].Role == ""; j-- {
			s := str(j)
			if attachNote.MatchString(s) {
				first = j
				break
			}
			if !attachItem.MatchString(s) {
				break
			}
		}
		for j := first; first >= 0 && j <= k; j++ {
			blocks[j].Role = document.RoleAttachNote
		}
		// the 附注 just after the date, in brackets
		k = date + 1
		for k < len(blocks) && blocks[k].Role == document.RoleSeal {
			k++
		}
		if k < len(blocks) && !attrs[k].table && blocks[k].Role == "" {
			s := strings.TrimSpace(str(k))
			if first, _ := utf8.DecodeRuneInString(s); first == '（' || first == '(' {
				if last, _ := utf8.DecodeLastRuneInString(s); last == '）' || last == ')' {
					blocks[k].Role = document.RoleNote
				}
			}
		}
	}
	end := banji(blocks, attrs, str, date, body, piece)
	if date > 0 {
		// the heads of the attachments after the signature
		for j := date + 1; j < end; j++ {
			if blocks[j].Role == "" && !attrs[j].table && annexHead.MatchString(strings.TrimSpace(str(j))) {
				blocks[j].Role = document.RoleAnnex
			}
		}
	}
	// the parts in reading order: the blocks with a role, each followed by
	// the pieces found within it
	var parts []document.Part
	p := 0
	for i, b := range blocks {
		if i == sealAt {
			// a seal with no text: its page, no span
			parts = append(parts, document.Part{Role: document.RoleSeal, Page: b.Page})
		}
		if b.Role != "" {
			sp := b.Span
			if b.Role == document.RoleDocNumber && p < len(pieces) && pieces[p].Role == document.RoleSignee && pieces[p].Span.Start < sp.End {
				sp.End = pieces[p].Span.Start // the number without the 签发人 beside it
				for sp.End > sp.Start && unicode.IsSpace(text[sp.End-1].r) {
					sp.End--
				}
			}
			parts = append(parts, document.Part{Role: b.Role, Span: sp, Page: b.Page})
		}
		for p < len(pieces) && pieces[p].Span.Start < b.Span.End {
			parts = append(parts, pieces[p])
			p++
		}
	}
	for i := range parts {
		if parts[i].Span.End == parts[i].Span.Start {
			continue
		}
		parts[i].Text = strings.Join(strings.Fields(string(runesOf(text[parts[i].Span.Start:parts[i].Span.End]))), " ")
	}
	return parts
}

// banji marks the 版记 at the end of a 公文 whose 成文日期 is block date:
// the last blocks, after the signature, that are the line of the 印发机关
// and 印发日期 (a date then 印发) or short lines opening with a label
// (抄送：, 主送：) and the lines that run on from them, none set larger than
// the body. The label names the role (主送 in a 版记 is the 主送; any other
// label is 抄送), but only the place at the end makes a line a 版记. It
// returns the index of the 版记's first block (len(blocks) when none).
func banji(blocks []document.Block, attrs []blockAttr, str func(int) string, date int, body float64,
	piece func(string, document.Block, int, int)) int {
	small := func(i int) bool {
		return !attrs[i].table && blocks[i].Role == "" && utf8.RuneCountInString(str(i)) <= 160 &&
			(body == 0 || attrs[i].size == 0 || attrs[i].size <= body*1.05)
	}
	// set smaller than the body (the 版记 is in 四号, the body in 三号)
	smaller := func(i int) bool { return body > 0 && attrs[i].size > 0 && attrs[i].size < body*0.95 }
	n := len(blocks)
	last := n - 1
	printed := -1
	if last > date && small(last) {
		if m := printedLine.FindStringSubmatchIndex(str(last)); m != nil {
			printed = last
			last--
		}
	}
	// the labelled lines before it, each with the lines that run on from
	// it: a label of the 版记 (抄送：), or any label set smaller than the
	// body above a 印发 line; other labelled lines at the very end (a
	// bulletin's 电话：, 邮箱：) are passed over, and above a 版记's line end it
	accepted := func(i int) (string, bool) {
		m := labelled.FindString(str(i))
		return m, m != "" && (banjiLabel.MatchString(m) || smaller(i) && printed >= 0)
	}
	start := last + 1
	for i := last; i > date && i >= last-8 && small(i); i-- { // a 版记 is a few lines
		m, ok := accepted(i)
		if ok {
			start = i
			continue
		}
		if m != "" && start <= last {
			break
		}
		if i > date+1 && small(i-1) {
			continue // a line running on from a labelled one above it, or one passed over
		}
		break
	}
	if start > last && printed < 0 {
		return n
	}
	role := ""
	for i := start; i <= last; i++ {
		if m, ok := accepted(i); ok {
			role = document.RoleCopyTo
			if strings.HasPrefix(m, "主送") {
				role = document.RoleAddressee
			}
		} else if m != "" {
			role = ""
		}
		blocks[i].Role = role
	}
	if printed >= 0 {
		s := str(printed)
		m := printedLine.FindStringSubmatchIndex(s)
		blocks[printed].Role = document.RolePrinted
		at := utf8.RuneCountInString(s[:m[2]])
		piece(document.RolePrinter, blocks[printed], 0, at)
		piece(document.RolePrintDate, blocks[printed], at, utf8.RuneCountInString(s[:m[3]]))
		return min(start, printed)
	}
	return start
}
