package extractors

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/lexicon"
	"qcweave/record"
)

var (
	reColBuilt   = regexp.MustCompile(`已组建|已建|已成立|数量|个数|总数`)
	reColMissing = regexp.MustCompile(`尚未|未组建|未建|未成立|缺少|空白`)
	reSplitList  = regexp.MustCompile(`[、，,；;]+`)
	reTotalRow   = regexp.MustCompile(`^(合计|总计|小计|全省|总数)$`)
	// reHeaderStart starts a coverage table's header: its number or
	// region column
	reHeaderStart = regexp.MustCompile(`^(序号|编号|序|省辖市|设区市|地级市|地市|城市|市州|地区|区县|县区)`)
)

// extractCoverage reads tables that give, per region, how many centers are
// built and which specialties are still missing.
func (st *state) extractCoverage() []record.Coverage {
	var out []record.Coverage
	// header is the header of the coverage table being read: a table
	// without one that follows continues it (a page break, or a wrapped
	// line read as a paragraph, cut the table)
	header, prevEnd := "", 0
	heads := st.mergedCoverageHeaders()
	for _, tb := range st.doc.Tables() {
		for _, h := range heads {
			if h.Span.Start >= prevEnd && h.Span.Start < tb.Span.Start {
				header = st.doc.Slice(h.Span)
			}
		}
		prevEnd = tb.Span.End
		if len(tb.Rows) == 1 {
			// a header read as a table of its own row (a scan): the
			// table after it continues under it
			if t := rowText(tb.Rows[0]); isMergedCoverageHeader(t) {
				header = t
				continue
			}
		}
		if tb.Header == 0 && header != "" {
			out = append(out, st.coverageRowsByText(tb, header)...)
			continue
		}
		if tb.Header == 0 || len(tb.Rows) < 2 {
			continue
		}
		header = ""
		h := tb.Rows[0].Cells
		regionCol := column(h, reColRegion, nil)
		builtCol := column(h, reColBuilt, reColMissing)
		missingCol := column(h, reColMissing, nil)
		if regionCol >= 0 && builtCol < 0 && missingCol < 0 {
			out = append(out, st.markMatrix(tb, regionCol)...)
			continue
		}
		if regionCol < 0 || (builtCol < 0 && missingCol < 0) {
			continue
		}
		caption := st.tableContext(tb)
		headerText := ""
		for _, c := range h {
			headerText += c.Text
		}
		if regionCol == builtCol || regionCol == missingCol || builtCol >= 0 && builtCol == missingCol {
			// one header cell names two columns: the boundaries were lost
			// (a scan), in the rows too; read each row from its text
			header = headerText + caption
			out = append(out, st.coverageRowsByText(document.Block{Rows: tb.Rows[tb.Header:]}, header)...)
			continue
		}
		level := ""
		for _, s := range []string{headerText, caption} {
			if m := reLevelIn.FindString(s); m != "" {
				level = levelOf(m)
				break
			}
		}
		taken := map[string]bool{} // the regions the rows name
		for _, row := range tb.Rows[tb.Header:] {
			if regionCol < len(row.Cells) {
				if reg, ok := st.t.Lex.Regions.Lookup(strings.TrimSpace(row.Cells[regionCol].Text), st.province); ok {
					taken[reg.Code] = true
				}
			}
		}
		first := len(out)
		for ri, row := range tb.Rows[tb.Header:] {
			cell := func(i int) string {
				if i < 0 || i >= len(row.Cells) {
					return ""
				}
				return strings.TrimSpace(row.Cells[i].Text)
			}
			name := cell(regionCol)
			if name == "" || reTotalRow.MatchString(name) {
				continue
			}
			cov := record.Coverage{Region: name, Missing: []string{}}
			reg, ok := st.t.Lex.Regions.Lookup(name, st.province)
			if !ok && st.ocrAt(row.Span.Start) {
				lv := level
				if lv == "" {
					lv = lexicon.Municipal
				}
				reg, ok = st.nearRegionBut(name, lv, taken)
			}
			if ok {
				cov.RegionFull = record.Str(reg.Name)
				cov.RegionCode = record.Str(reg.Code)
				if level == "" {
					level = reg.Level()
				}
			}
			lv := level
			if lv == "" {
				lv = lexicon.Municipal
			}
			cov.Level = record.Str(lv)
			if n, err := strconv.Atoi(cell(builtCol)); err == nil {
				cov.Built = record.Int(n)
			}
			st.addMissing(&cov, cell(missingCol), st.ocrAt(row.Span.Start))
			cov.Evidence = st.evidence(row.Span)
			if ri == len(tb.Rows)-tb.Header-1 && missingCol >= 0 {
				st.wrappedTail(&cov, row)
			}
			cov.Rule = RuleCoverageRow
			cov.Confidence = coverageConfidence(cov.Rule, cov)
			out = append(out, cov)
		}
		st.lastCity(out[first:])
	}
	return out
}

// lastCity names the one row of a coverage table read by OCR whose region
// is unknown (况竖, two characters misread) when the other rows name every
// city of the document's province but one, whose short name is as long:
// one row a city, that row is the city left.
func (st *state) lastCity(rows []record.Coverage) {
	unknown := -1
	taken := map[string]bool{}
	for i, c := range rows {
		switch {
		case c.RegionCode != nil:
			taken[*c.RegionCode] = true
		case unknown >= 0 || c.Level == nil || *c.Level != lexicon.Municipal || st.doc.ConfidenceOf(c.Evidence.Page) <= 0:
			return // several unknown, or not a city's row read by OCR
		default:
			unknown = i
		}
	}
	if unknown < 0 || st.province == "" || len(taken)+1 != st.t.Lex.Regions.CityCount(st.province) {
		return
	}
	left := map[string]lexicon.Region{}
	for _, name := range st.t.Lex.Regions.Names() {
		reg, ok := st.t.Lex.Regions.Lookup(name, st.province)
		if ok && reg.ProvinceCode() == st.province && reg.Code != st.province && reg.Level() == lexicon.Municipal && !taken[reg.Code] {
			left[reg.Code] = reg
		}
	}
	for _, reg := range left {
		c := &rows[unknown]
		if len(left) == 1 && utf8.RuneCountInString(reg.Short) == utf8.RuneCountInString(c.Region) {
			c.RegionFull, c.RegionCode = record.Str(reg.Name), record.Str(reg.Code)
			c.Confidence = coverageConfidence(c.Rule, *c)
		}
	}
}

// mergedCoverageHeaders returns the paragraphs that are the header of a
// coverage table whose cell boundaries were lost (a scan read
// 序号省辖市已组建数量尚未组建… as one line): short, naming a region
// column, a built column and a missing column.
func (st *state) mergedCoverageHeaders() []document.Block {
	var out []document.Block
	for _, p := range st.paras {
		if isMergedCoverageHeader(st.doc.Slice(p.Span)) {
			out = append(out, p)
		}
	}
	return out
}

// isMergedCoverageHeader reports whether t is the text of a coverage
// table's header: short, naming a region column, a built column and a
// missing column (every missing column's name holds 未, 缺 or 空).
func isMergedCoverageHeader(t string) bool {
	return len([]rune(t)) <= 60 && strings.ContainsAny(t, "未缺空") && reColMissing.MatchString(t) && reColRegion.MatchString(t) && reColBuilt.MatchString(t)
}

// rowText returns a row's cells run together.
func rowText(r document.Row) string {
	var b strings.Builder
	for _, c := range r.Cells {
		b.WriteString(strings.TrimSpace(c.Text))
	}
	return b.String()
}

// reCoverageRow reads a coverage row from its text: sequence number,
// region, number built, and the missing specialties.
var reCoverageRow = regexp.MustCompile(`^(\d{1,3})?[^\p{Han}\d]*([\p{Han}]{2,8}?)[^\p{Han}\d]*(\d{1,4})(.*)$`)

// coverageRowsByText reads the rows of a headerless table under a merged
// coverage header from their text.
func (st *state) coverageRowsByText(tb document.Block, header string) []record.Coverage {
	level := lexicon.Municipal
	if m := reLevelIn.FindString(header); m != "" {
		level = levelOf(m)
	}
	// the region is the longest known name that ends the run of
	// characters before the number (a misread sequence number may stand
	// before it)
	known := func(m []string) (lexicon.Region, []rune, bool) {
		name := []rune(m[2])
		for k := 0; k+2 <= len(name); k++ {
			if reg, ok := st.t.Lex.Regions.Lookup(string(name[k:]), st.province); ok {
				return reg, name[k:], true
			}
		}
		return lexicon.Region{}, name, false
	}
	matches := make([][]string, len(tb.Rows))
	taken := map[string]bool{} // the regions the rows name
	for i, row := range tb.Rows {
		if matches[i] = reCoverageRow.FindStringSubmatch(rowText(row)); matches[i] != nil {
			if reg, _, ok := known(matches[i]); ok {
				taken[reg.Code] = true
			}
		}
	}
	var out []record.Coverage
	for i, row := range tb.Rows {
		m := matches[i]
		if m == nil {
			continue
		}
		reg, name, ok := known(m)
		// read by OCR, a name no dictionary knows may be a region's with
		// one character misread (商后 for 商丘); of several as near, the
		// one no other row names
		for k := 0; k+2 <= len(name) && !ok && st.ocrAt(row.Span.Start); k++ {
			if reg, ok = st.nearRegionBut(string(name[k:]), level, taken); ok {
				name = name[k:]
			}
		}
		if !ok || reTotalRow.MatchString(string(name)) {
			continue
		}
		cov := record.Coverage{Region: string(name), RegionFull: record.Str(reg.Name), RegionCode: record.Str(reg.Code),
			Level: record.Str(level), Missing: []string{}}
		if n, err := strconv.Atoi(m[3]); err == nil {
			cov.Built = record.Int(n)
		}
		st.addMissing(&cov, m[4], st.ocrAt(row.Span.Start))
		cov.Evidence = st.evidence(row.Span)
		if i == len(tb.Rows)-1 {
			st.wrappedTail(&cov, row)
		}
		cov.Rule = RuleCoverageText
		cov.Confidence = coverageConfidence(cov.Rule, cov)
		out = append(out, cov)
	}
	return out
}

// wrappedTail adds to cov, read from a table's last row, the end of its
// missing list that the layout read as a paragraph after the table (the
// cell's last line wrapped below the row, or over a page break): the
// paragraph right after the row, when its first piece completes the row's
// last item into a specialty (口腔种植 + 技术, 体外生 + 命支持（ECMO）)
// and most of its other items are specialties. The record's quote takes
// it in.
func (st *state) wrappedTail(cov *record.Coverage, row document.Row) {
	bs := st.doc.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Span.Start >= row.Span.End })
	n := len(cov.Missing)
	if i == len(bs) || bs[i].Kind != document.Paragraph || n == 0 {
		return
	}
	var items []string
	for _, it := range reSplitList.Split(st.doc.Slice(bs[i].Span), -1) {
		if it = trimPunct(strings.TrimSpace(it)); it != "" {
			items = append(items, it)
		}
	}
	known := func(s string) bool {
		_, ok := st.t.Lex.Specialties.Resolve(s)
		return ok
	}
	if len(items) == 0 || known(items[0]) || !known(cov.Missing[n-1]+items[0]) {
		return
	}
	unknown := 0
	for _, it := range items[1:] {
		if !known(it) {
			unknown++
		}
	}
	if unknown*2 > len(items)-1 {
		return // not a list of specialties
	}
	items[0] = cov.Missing[n-1] + items[0]
	cov.Missing, cov.MissingIDs = cov.Missing[:n-1], cov.MissingIDs[:n-1]
	st.addMissing(cov, strings.Join(items, "、"), false)
	cov.Evidence = st.evidence(document.Span{Start: row.Span.Start, End: bs[i].Span.End})
}

// unmarked returns the specialty an item read by OCR stands for when the
// dictionary lacks the item as read but knows it without a mark of the
// scan: a character before it (上眼科, 人烧伤科) or a sign within it
// (体外生命支持〔（ECMO）); or with a character read as two signs
// (）1童早期发展与评估 for 儿童早期发展与评估), the one specialty a name
// of which it then is. Else the item as read.
func (st *state) unmarked(item string) string {
	sp := st.t.Lex.Specialties
	if _, ok := sp.Resolve(item); ok {
		return item
	}
	rs := []rune(item)
	if len(rs) < 3 {
		return item
	}
	for i, r := range rs {
		if i > 0 && unicode.Is(unicode.Han, r) {
			continue // a character inside is a misread, not a mark
		}
		cut := string(slices.Concat(rs[:i], rs[i+1:]))
		if _, ok := sp.Resolve(cut); ok {
			return cut
		}
	}
	if len(rs) < 5 {
		return item
	}
	found := ""
	for _, name := range sp.Names() {
		n := []rune(name)
		if len(n) != len(rs)-1 {
			continue
		}
		for i := 0; i+1 < len(rs); i++ {
			if (!unicode.Is(unicode.Han, rs[i]) || !unicode.Is(unicode.Han, rs[i+1])) &&
				string(n[:i]) == string(rs[:i]) && string(n[i+1:]) == string(rs[i+2:]) {
				if found != "" && found != name {
					return item // as near two names
				}
				found = name
			}
		}
	}
	if found == "" {
		return item
	}
	return found
}

// addMissing adds the specialties of a missing-list cell; read by OCR
// (ocr), each as unmarked reads it.
func (st *state) addMissing(cov *record.Coverage, cell string, ocr bool) {
	for _, sp := range reSplitList.Split(cell, -1) {
		sp = trimPunct(strings.TrimSpace(sp))
		if sp == "" || sp == "无" || sp == "/" || sp == "-" {
			continue
		}
		// the table's header repeated on the next page, read into the
		// cell above (…（ECMO）序号省辖市已组建数量尚未组建…)
		if rs := []rune(sp); len(rs) > 10 {
			for i := 1; i < len(rs); i++ {
				if rest := string(rs[i:]); reHeaderStart.MatchString(rest) && isMergedCoverageHeader(rest) {
					sp = string(rs[:i])
					break
				}
			}
		}
		if ocr {
			sp = st.unmarked(sp)
		}
		cov.Missing = append(cov.Missing, sp)
		if s, ok := st.t.Lex.Specialties.Resolve(sp); ok {
			cov.MissingIDs = append(cov.MissingIDs, s.ID)
		} else {
			cov.MissingIDs = append(cov.MissingIDs, "")
		}
	}
}

var (
	reMarkYes = regexp.MustCompile(`^(√|✓|✔|○|●|是|有|已建|已成立|已组建|1)$`)
	reMarkNo  = regexp.MustCompile(`^(×|✗|✘|否|无|未建|未成立|未组建|—|-|/|0)?$`)
)

// markMatrix reads a regions × specialties table of marks (√ built, ×
// or empty not built): each row is a region's coverage.
func (st *state) markMatrix(tb document.Block, regionCol int) []record.Coverage {
	h := tb.Rows[0].Cells
	var cols []int
	for i, c := range h {
		if i == regionCol {
			continue
		}
		if _, ok := st.t.Lex.Specialties.Resolve(c.Text); ok {
			cols = append(cols, i)
		}
	}
	if len(cols) < 3 {
		return nil
	}
	caption := st.tableContext(tb)
	level := ""
	if m := reLevelIn.FindString(caption); m != "" {
		level = levelOf(m)
	}
	var out []record.Coverage
	for _, row := range tb.Rows[tb.Header:] {
		if regionCol >= len(row.Cells) {
			continue
		}
		name := strings.TrimSpace(row.Cells[regionCol].Text)
		if name == "" || reTotalRow.MatchString(name) {
			continue
		}
		cov := record.Coverage{Region: name, Missing: []string{}}
		lv := level
		if reg, ok := st.t.Lex.Regions.Lookup(name, st.province); ok {
			cov.RegionFull, cov.RegionCode = record.Str(reg.Name), record.Str(reg.Code)
			if lv == "" {
				lv = reg.Level()
			}
		}
		if lv == "" {
			lv = lexicon.Municipal
		}
		cov.Level = record.Str(lv)
		built, marked := 0, 0
		for _, c := range cols {
			v := ""
			if c < len(row.Cells) {
				v = strings.TrimSpace(row.Cells[c].Text)
			}
			switch {
			case reMarkYes.MatchString(v):
				built++
				marked++
			case reMarkNo.MatchString(v):
				marked++
				sp, _ := st.t.Lex.Specialties.Resolve(h[c].Text)
				cov.Missing = append(cov.Missing, h[c].Text)
				cov.MissingIDs = append(cov.MissingIDs, sp.ID)
			}
		}
		if marked < len(cols)/2 {
			continue // not a table of marks after all
		}
		cov.Built = record.Int(built)
		cov.Evidence = st.evidence(row.Span)
		cov.Rule = RuleCoverageMatrix
		cov.Confidence = coverageConfidence(cov.Rule, cov)
		out = append(out, cov)
	}
	return out
}

// ocrAt reports whether the text at offset was read by OCR.
func (st *state) ocrAt(offset int) bool {
	return st.doc.ConfidenceOf(st.doc.PageOf(offset)) > 0
}

// nearRegion returns the one region of the document's province at level
// (市级, 县级; "" any) whose name, full or short, differs from name in
// exactly one character: a name misread by OCR (商后 for 商丘, in a table
// of cities where 商城 and 商水 are counties). Without a province, or
// with no such region or several, it returns false.
func (st *state) nearRegion(name, level string) (lexicon.Region, bool) {
	return st.nearRegionBut(name, level, nil)
}

// nearRegionBut is nearRegion where, of several regions as near, those
// whose codes taken holds (the other rows of a table, one row a region)
// are passed over: 湾阳 is as near 洛阳, 安阳, 濮阳, 南阳 and 信阳, and in
// a table whose other rows name all but 濮阳 it is 濮阳.
func (st *state) nearRegionBut(name, level string, taken map[string]bool) (lexicon.Region, bool) {
	if st.province == "" || utf8.RuneCountInString(name) < 2 {
		return lexicon.Region{}, false
	}
	if _, ok := st.t.Lex.Regions.Lookup(name, st.province); ok {
		return lexicon.Region{}, false
	}
	near := map[string]lexicon.Region{}
	for _, cand := range st.t.Lex.Regions.Names() {
		if !cnparse.OneCharApart(name, cand) {
			continue
		}
		reg, ok := st.t.Lex.Regions.Lookup(cand, st.province)
		if !ok || reg.ProvinceCode() != st.province || reg.Code == st.province || level != "" && reg.Level() != level {
			continue
		}
		near[reg.Code] = reg
	}
	if len(near) > 1 {
		maps.DeleteFunc(near, func(code string, _ lexicon.Region) bool { return taken[code] })
	}
	for _, reg := range near {
		return reg, len(near) == 1
	}
	return lexicon.Region{}, false
}
