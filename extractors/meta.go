package extractors

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/record"
)

var (
	reDocNumber  = regexp.MustCompile(`([\p{Han}]{1,12})\s*[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*(\d{1,5})\s*号`)
	reIssuer     = regexp.MustCompile(`^[\p{Han}（）]{3,40}?(委员会|卫生健康委|卫健委|卫生厅|卫生局|办公室|办公厅|管理办公室|中心|局|厅|委|处|科|人民政府)(文件)?$`)
	reAttach     = regexp.MustCompile(`^[-—·•*]?\s*附\s*件\s*[:：]\s*(.*)$`)
	reAttachSeq  = regexp.MustCompile(`^(\d{1,2})\s*[.．、]\s*(.+)$`)
	reAttachHead = regexp.MustCompile(`^附\s*件\s*\d*$`)
	reRecipient  = regexp.MustCompile(`^(各|省直|委直|有关|全省|市直|县直|.{0,12}(?:卫生健康委|卫健委|卫生局))[^。]*[:：]$`)
)

// kinds of documents by the suffix of their title, longest first.
var docKinds = []string{"实施方案", "工作方案", "工作要点", "通报", "通知", "简报", "意见", "方案", "报告", "公告", "通告", "决定", "批复", "纪要", "办法", "动态", "通讯", "公示", "函"}

func kindOf(title string) string {
	t := strings.TrimRight(title, "）)")
	for _, k := range docKinds {
		if strings.HasSuffix(t, k) {
			switch k {
			case "实施方案", "工作方案":
				return "方案"
			case "动态", "通讯":
				return "简报"
			}
			return k
		}
	}
	if i := strings.Index(title, "简报"); i >= 0 {
		return "简报"
	}
	return ""
}

// Document shapes: how the text presents itself.
const (
	shapeOfficial = "official" // a 公文 after GB/T 9704, or a numbered 简报
	shapeNews     = "news"     // a web page or news story
	shapeContents = "contents" // a report that opens with its table of contents
	shapeSheet    = "sheet"    // a table under a heading, no running text (a spreadsheet's list)
)

var reContentsHead = regexp.MustCompile(`^目\s*录$`)

// extractMeta reads the document's header (发文机关, 文号, 标题, or a news
// page's headline and byline), its recipients, attachments list and dates.
func (st *state) extractMeta() record.Meta {
	doc := st.doc
	all := doc.Paragraphs()
	chrome := make([]string, len(all))
	st.paras = st.paras[:0]
	for i, p := range all {
		chrome[i] = chromeKind(doc.Slice(p.Span))
	}
	for i := 0; i+1 < len(all) && i < 8; i++ {
		// a bulletin's masthead (某市质控工作动态) over its issue number
		// (第4期) reads like a column's name but is the title
		if chrome[i] == chromeColumn && reIssueNo.MatchString(strings.TrimSpace(doc.Slice(all[i+1].Span))) {
			chrome[i] = chromeNone
		}
	}
	relatedTail(doc, all, chrome)
	for i, p := range all {
		if chrome[i] == chromeNone && !document.InBanji(p.Role) && p.Role != document.RoleSeal {
			// the 版记's 抄送 and 印发 lines and a seal's text state no facts
			st.paras = append(st.paras, p)
		}
	}
	var m record.Meta
	switch st.shape(all, chrome) {
	case shapeOfficial:
		m = st.officialMeta(all, chrome)
	case shapeNews:
		m = st.newsMeta(all, chrome)
	}
	if loc := reTrailingIssue.FindStringIndex(m.Title); loc != nil && loc[0] > 0 {
		m.Title = m.Title[:loc[0]] // the issue number is no part of the title
	}
	m.Parts = parts(doc.Parts)
	if m.Date != nil {
		d, _ := cnparse.ParseDate(*m.Date)
		st.year = d.Year
		st.month = cnparse.Context{Year: d.Year, Month: d.Month}
	}
	if m.Period != nil {
		from, ok1 := cnparse.ParseDate(m.Period.Start)
		to, ok2 := cnparse.ParseDate(m.Period.End)
		if ok1 && ok2 && from.Year == to.Year && from.Month == to.Month {
			st.month = cnparse.Context{Year: from.Year, Month: from.Month} // a monthly bulletin
		}
	}
	if y := reviewedYear(m.Title); y != 0 && y == st.year-1 {
		// a review of last year (2024年度工作总结) published early in the
		// next: its dates without a year are of the year reviewed
		st.year = y
	}
	if st.year == 0 && m.Period != nil {
		d, _ := cnparse.ParseDate(m.Period.Start)
		st.year = d.Year
	}
	dayYear, namedYear := st.bodyYears()
	if st.year == 0 {
		st.year = docNumberYear(m)
	}
	if st.year == 0 {
		st.year = dayYear
	}
	st.textYear = namedYear
	st.attachments(&m, linesOf(doc))
	// province, and the city of a city's notice
	var prov provenance
	st.province, prov = st.provinceOf(m)
	st.city = st.cityOf(m)
	st.county = st.countyOf(m)
	inferred := strings.HasPrefix(prov.rule, "province.body_") || strings.HasPrefix(prov.rule, "province.footer")
	st.placedOnly = prov.rule == "province.body_city" || strings.HasPrefix(prov.rule, "province.footer")
	if st.province != "" && !(inferred && (st.nationalSubject(m) || strings.HasPrefix(deref(m.Issuer), "国家"))) {
		if r, ok := st.t.Lex.Regions.ByCode(st.province); ok {
			m.Province = record.Str(r.Name)
			m.ProvinceCode = r.Code
			st.note(&m, "province", prov)
		}
	}
	if prov.rule == "province.issuer" {
		st.provinceAbbr(&m)
	}
	return m
}

// provinceAbbr mends the first character of a 文号 read by OCR when the
// document is a province's organ's (its issuer opens with the province's
// name): such a number opens with the province's 简称 (豫卫医函〔2025〕21号
// of 河南省卫生健康委员会), so a first character that is no province's
// 简称 is the province's misread — when the province has one 简称 and the
// number does not open with the province's own first character (内卫… of
// 内蒙古).
func (st *state) provinceAbbr(m *record.Meta) {
	if m.DocNumber == nil || !st.ocrAt(fieldSpan(*m, "doc_number").Start) {
		return
	}
	r, ok := st.t.Lex.Regions.ByCode(st.province)
	if !ok || !strings.HasPrefix(deref(m.Issuer), r.Name) {
		return
	}
	num := []rune(*m.DocNumber)
	first := string(num[0])
	if _, ok := st.t.Lex.ProvinceAbbr[first]; ok || strings.HasPrefix(r.Name, first) {
		return
	}
	abbr := ""
	for a, code := range st.t.Lex.ProvinceAbbr {
		if code == st.province {
			if abbr != "" {
				return // two 简称 (川, 蜀): no telling which
			}
			abbr = a
		}
	}
	if abbr == "" {
		return
	}
	m.DocNumber = record.Str(abbr + string(num[1:]))
	if fe, ok := m.Fields["doc_number"]; ok {
		fe.Confidence = clampConf(fe.Confidence - 0.1)
		m.Fields["doc_number"] = fe
	}
}

// reCenterWord finds the word that ends a center's name.
var reCenterWord = regexp.MustCompile(`质控中心|质量控制中心|质量管理与控制中心|质量控制和改进中心`)

// nationalSubject reports whether the document is about a national
// center: the first center its title (or, without one, its first
// sentence) names is a 国家 one. Such a document is in no province, even
// when its meeting's venue or a hospital's name names one.
func (st *state) nationalSubject(m record.Meta) bool {
	text := m.Title
	if text == "" && len(st.paras) > 0 {
		ss := st.sentences(st.paras[0].Span)
		if len(ss) > 0 {
			text = st.doc.Slice(ss[0])
		}
	}
	loc := reCenterWord.FindStringIndex(text)
	if loc == nil {
		return false
	}
	// the name before the center word, back to the last punctuation
	r := []rune(text[:loc[0]])
	i := len(r)
	for i > 0 && (unicode.Is(unicode.Han, r[i-1]) || unicode.IsDigit(r[i-1])) {
		i--
	}
	return strings.Contains(string(r[i:]), "国家")
}

// findDates finds the dates of a text of the body; days without a year
// take year, and a day of 本月 (this month) the month the document covers
// or is dated in, when it is of that year.
func (st *state) findDates(text string, year int) []cnparse.Mention {
	ctx := cnparse.Context{Year: year}
	if st.month.Month != 0 && (year == 0 || year == st.month.Year) {
		ctx = st.month
	}
	return cnparse.FindDatesIn(text, ctx)
}

// provenance is where a document field came from: the rule that read it,
// how sure the reading is and the text it read.
type provenance struct {
	rule string
	conf float64
	span document.Span // zero when the field rests on no one passage
}

// note records the provenance of a field of m.
func (st *state) note(m *record.Meta, field string, p provenance) {
	if m.Fields == nil {
		m.Fields = map[string]record.FieldEvidence{}
	}
	fe := record.FieldEvidence{Rule: p.rule, Confidence: clampConf(p.conf)}
	if p.span.End > p.span.Start {
		fe.Quote = st.doc.Slice(p.span)
		sp := record.Span{p.span.Start, p.span.End}
		fe.Span = &sp
	}
	m.Fields[field] = fe
}

// clampConf keeps a confidence within [0.05, 0.99], rounded to hundredths.
func clampConf(c float64) float64 {
	c = min(max(c, 0.05), 0.99)
	return float64(int(c*100+0.5)) / 100
}

// spanOfMention returns the document span of a date mention found in the
// text of block b.
func spanOfMention(b document.Block, dm cnparse.Mention) document.Span {
	return document.Span{Start: b.Span.Start + dm.Start, End: b.Span.Start + dm.End}
}

// shape tells an official document (a 文号, a 关于… title, a recipients
// line, a 简报's issue number) from a news page and a report that opens
// with its contents.
func (st *state) shape(all []document.Block, chrome []string) string {
	if st.sheetOnly(all, chrome) {
		return shapeSheet
	}
	seen := 0
	for i := 0; i < len(all) && seen < 8; i++ {
		p := st.doc.Slice(all[i].Span)
		if chrome[i] == chromeByline || chrome[i] == chromeBreadcrumb {
			return shapeNews
		}
		if chrome[i] != chromeNone {
			continue
		}
		if seen == 0 && reContentsHead.MatchString(p) {
			return shapeContents
		}
		seen++
		short := len([]rune(p)) <= 60
		// a minutes' title (…工作会议纪要) heads a 公文 too
		if short && (reDocNumberLine.MatchString(p) || reIssueNo.MatchString(p) || strings.Contains(p, "简报") || strings.HasSuffix(p, "会议纪要") ||
			strings.HasPrefix(p, "关于") && kindOf(p) != "" || officialTitle(p) ||
			reIssuer.MatchString(p) && strings.HasSuffix(p, "文件")) ||
			reRecipient.MatchString(p) {
			return shapeOfficial
		}
		if strings.ContainsAny(p, "。") {
			break // the body has begun
		}
	}
	return shapeNews
}

var (
	// a line that is (almost) only a 文号, not one cited in a sentence
	reDocNumberLine = regexp.MustCompile(`^[\p{Han}]{1,12}\s*[〔\[［【（(]\s*\d{4}\s*[〕\]］】）)]\s*\d{1,5}\s*号$|^[\p{Han}]{2,30}\s+[\p{Han}]{1,12}\s*[〔\[［【（(]\s*\d{4}\s*[〕\]］】）)]\s*\d{1,5}\s*号$`)
	// a line that is a 文号 as OCR reads one: the brackets around the year
	// misread as other brackets or lost (豫卫医函（2025 21号), the year
	// and the number still apart (a bracket or a space between)
	reDocNumberOCR = regexp.MustCompile(`^([\p{Han}]{2,12})\s*[〔\[［【（(〈《{｛]?\s*((?:19|20)\d{2})(?:\s*[〕\]］】）)〉》}｝]\s*|\s+)(\d{1,5})\s*号$`)
	// the issue number of a bulletin: 第3期, 总第45期
	// reTrailingIssue is an issue number a title's line runs into
	// (…会议纪要（第3期）)
	reTrailingIssue = regexp.MustCompile(`[（(](?:\d{4}\s*年\s*)?(?:总)?第\s*[\d一二三四五六七八九十]+\s*期[)）]$`)
	reIssueNo       = regexp.MustCompile(`^[（(]?(?:\d{4}\s*年\s*)?(?:总)?第\s*[\d一二三四五六七八九十]+\s*期[)）]?$`)
)

// officialTitle reports whether a line is the title of a 公文 that does not
// open with 关于: it ends with the kind after 的 or a period's name
// (…工作情况的通报, 2025年第一季度质控工作通报).
func officialTitle(p string) bool {
	k := kindOf(p)
	if k == "" || k == "简报" || k == "方案" || k == "报告" {
		return false
	}
	return strings.Contains(p, "的"+k) || strings.HasSuffix(p, "工作"+k) || strings.HasSuffix(p, "情况"+k)
}

// newsMeta reads a news page: the headline is the line above the byline
// (or the last line of the header before the story begins), the date is
// the byline's; breadcrumbs, section names and site chrome are never a
// title. A 公文 posted as a page (a 关于… title, a 主送 line, a signed
// 落款) keeps its own kind, 成文日期 and issuer.
func (st *state) newsMeta(all []document.Block, chrome []string) record.Meta {
	doc := st.doc
	m := record.Meta{Kind: record.Str("新闻")}
	byline := -1
	for i := 0; i < len(all) && i < 12; i++ {
		if chrome[i] == chromeByline && bylineDate(doc.Slice(all[i].Span)) != nil {
			byline = i
			break
		}
		if chrome[i] == chromeNone && isBody(doc.Slice(all[i].Span)) {
			break
		}
	}
	headline := func(p string) bool {
		n := len([]rune(p))
		return n >= 4 && n <= 90 && !strings.HasSuffix(p, "。") && !strings.HasSuffix(p, "：") && !strings.HasSuffix(p, ":") &&
			!reCredit.MatchString(p) && !reDocNumberLine.MatchString(p) && !reCatalogField.MatchString(p)
	}
	if byline >= 0 {
		st.note(&m, "kind", provenance{rule: "kind.news_byline", conf: 0.8, span: all[byline].Span})
		if d, sp := st.datedMention(all[byline]); d != nil {
			m.Date = record.Str(d.String())
			conf := 0.85 // a date and time alone on a line
			if reInlineDate.MatchString(doc.Slice(all[byline].Span)) {
				conf = 0.92 // labelled: 发布时间：…
			}
			st.note(&m, "date", provenance{rule: "date.byline", conf: conf, span: sp})
		}
		for i := byline - 1; i >= 0; i-- {
			if p := doc.Slice(all[i].Span); chrome[i] == chromeNone && headline(p) && !isBody(p) {
				m.Title = p
				st.note(&m, "title", provenance{rule: "title.headline", conf: st.titleConf(0.85, all[i], all, chrome), span: all[i].Span})
				break
			}
		}
		// a byline above the headline: the first headline-like line after
		// it, which also beats a section's short name above the byline
		// when the story follows it
		above := len([]rune(m.Title))
		for i := byline + 1; (m.Title == "" || above <= 12) && i < len(all) && i < byline+4; i++ {
			p := doc.Slice(all[i].Span)
			if chrome[i] != chromeNone {
				continue
			}
			if !isBody(p) && headline(p) && (m.Title == "" || len([]rune(p)) > above && st.bodyFollows(all, chrome, i)) {
				m.Title = p
				st.note(&m, "title", provenance{rule: "title.below_byline", conf: st.titleConf(0.75, all[i], all, chrome), span: all[i].Span})
			}
			break
		}
	} else {
		// the header: the lines before the story's first sentence
		st.note(&m, "kind", provenance{rule: "kind.news_default", conf: st.newsConf(all, chrome)})
		for i := 0; i < len(all) && i < 8; i++ {
			p := doc.Slice(all[i].Span)
			if chrome[i] != chromeNone {
				continue
			}
			if isBody(p) {
				// a headline and byline the page ran into the story
				// beat a line of the site's above it
				st.inlineHeader(&m, all[i])
				break
			}
			if headline(p) {
				m.Title = p
				st.note(&m, "title", provenance{rule: "title.first_lines", conf: st.titleConf(0.55, all[i], all, chrome), span: all[i].Span})
			}
		}
		for i := 0; m.Title == "" && i < len(all); i++ {
			if p := doc.Slice(all[i].Span); chrome[i] == chromeNone && hasHan(p) {
				st.inlineHeader(&m, all[i])
				break
			}
		}
	}
	st.postedNotice(&m, all, chrome)
	return m
}

// reCatalogField matches a line of a posted 公文's catalogue fields
// (索引号：…　发布机构：…): never its headline, nor is its 文号 line.
var reCatalogField = regexp.MustCompile(`^(?:索\s*引\s*号|发布机构|发文机关|主题分类|信息分类|成文日期|公开方式)\s*[:：]`)

// reNewsMark matches what a news story says of itself: a dateline, a
// reporter, a writer's credit, 近日.
var reNewsMark = regexp.MustCompile(`讯[）)]?\s*[（(]?|记者|通讯员|近日|日前|编辑|撰稿|供稿`)

// newsConf is how sure a page without a byline is a news story: surer
// when the text speaks as one (a reporter, a dateline, 近日).
func (st *state) newsConf(all []document.Block, chrome []string) float64 {
	for i, b := range all {
		if i >= 12 {
			break
		}
		if chrome[i] == chromeNone && reNewsMark.MatchString(st.doc.Slice(b.Span)) {
			return 0.72
		}
	}
	return 0.55
}

// reCredit matches a line that credits a writer or photographer
// ((通讯员 某某), 文/某某): never a headline.
var reCredit = regexp.MustCompile(`^[（(](?:通讯员|记者|作者|撰稿|摄影|供稿|文|图)|^(?:文|图|文/图|图/文|通讯员|记者|作者|撰稿|摄影|供稿)\s*[/:：\s]`)

// bodyFollows reports whether the story's running text comes right after
// block i (page furniture aside).
func (st *state) bodyFollows(all []document.Block, chrome []string, i int) bool {
	for j := i + 1; j < len(all); j++ {
		if chrome[j] != chromeNone {
			continue
		}
		return isBody(st.doc.Slice(all[j].Span))
	}
	return false
}

// postedNotice reads what a 公文 posted as a page says of itself: its kind
// (the title's suffix, or what the body says it is doing: 现将…转发给你们,
// 通知如下, 如有异议 …), its 成文日期 and issuer under the signature, its
// 文号 under the title and its issuer before the title's 关于. A news
// story signed with a date at its end takes that date when its page gave
// none.
func (st *state) postedNotice(m *record.Meta, all []document.Block, chrome []string) {
	doc := st.doc
	body := st.nonChrome(all, chrome)
	titleKind := ""
	if k := kindOf(m.Title); k != "" && k != "简报" && (strings.HasPrefix(m.Title, "关于") || strings.Contains(m.Title, "关于") && officialKind(k) ||
		officialTitle(m.Title) || noticeKind(k)) {
		titleKind = k
	}
	sg := st.signature(body, -1, attachmentsStart(doc, body))
	addressed := st.addressed(body)
	cue, cueSpan := st.kindCue(body)
	official := titleKind != "" || addressed && cue != "" || sg.issuer != "" && cue != ""
	if !official {
		if m.Date == nil && sg.date != nil {
			m.Date = record.Str(sg.date.String())
			st.note(m, "date", provenance{rule: "date.signature_end", conf: 0.7, span: sg.dateSpan})
		}
		return
	}
	if titleKind != "" {
		m.Kind = record.Str(titleKind)
		st.note(m, "kind", provenance{rule: "kind.title_suffix", conf: 0.9, span: fieldSpan(*m, "title")})
	} else {
		m.Kind = record.Str(cue)
		conf := 0.7
		if addressed {
			conf += 0.1
		}
		if sg.issuer != "" {
			conf += 0.05
		}
		st.note(m, "kind", provenance{rule: "kind.body_cue", conf: conf, span: cueSpan})
	}
	if sg.date != nil {
		m.Date = record.Str(sg.date.String())
		conf := 0.8
		if sg.issuer != "" {
			conf = 0.9 // an issuer signs above it
		}
		st.note(m, "date", provenance{rule: "date.signature", conf: conf, span: sg.dateSpan})
	}
	st.titleIssuer(m)
	if sg.issuer != "" {
		if m.Issuer != nil && *m.Issuer == sg.issuer {
			fe := m.Fields["issuer"]
			fe.Confidence = clampConf(fe.Confidence + 0.08) // title and signature agree
			m.Fields["issuer"] = fe
		} else {
			m.Issuer = record.Str(sg.issuer)
			st.note(m, "issuer", provenance{rule: "issuer.signature", conf: st.issuerConf(0.8, sg.issuer, m.Title), span: sg.issuerSpan})
		}
	}
	// the 文号 on a line of its own under the title
	if ts := fieldSpan(*m, "title"); titleKind != "" && m.DocNumber == nil {
		seen := 0
		for _, b := range body {
			if b.Span.Start < ts.End {
				continue
			}
			if p := doc.Slice(b.Span); reDocNumberLine.MatchString(p) {
				mm := reDocNumber.FindStringSubmatch(p)
				m.DocNumber = record.Str(mm[1] + "〔" + mm[2] + "〕" + mm[3] + "号")
				st.note(m, "doc_number", provenance{rule: "doc_number.under_title", conf: 0.9, span: b.Span})
				break
			}
			if seen++; seen >= 4 {
				break
			}
		}
	}
}

// officialKind reports whether k is the kind of a 公文 (not a plan, a
// report or a bulletin, whose titles read like any headline).
func officialKind(k string) bool {
	switch k {
	case "通知", "通报", "公告", "通告", "公示", "决定", "批复", "意见", "函", "纪要":
		return true
	}
	return false
}

// noticeKind reports whether a title ending with k is a notice whatever
// precedes it (…名单公示, …招标公告): no news headline ends so.
func noticeKind(k string) bool {
	switch k {
	case "通知", "通报", "公告", "通告", "公示":
		return true
	}
	return false
}

// titleIssuer sets the issuer a 公文's title names before its 关于
// (国家卫生健康委办公厅关于印发…的通知), when it reads as an issuer.
func (st *state) titleIssuer(m *record.Meta) {
	i := strings.Index(m.Title, "关于")
	if i <= 0 || m.Issuer != nil {
		return
	}
	org := m.Title[:i]
	if !reIssuer.MatchString(org) {
		return
	}
	m.Issuer = record.Str(org)
	ts := fieldSpan(*m, "title")
	sp := document.Span{Start: ts.Start, End: ts.Start + len([]rune(org))}
	if ts.End == 0 {
		sp = document.Span{}
	}
	st.note(m, "issuer", provenance{rule: "issuer.title_prefix", conf: st.issuerConf(0.8, org, ""), span: sp})
}

var (
	// a labelled byline field inside a paragraph: 来源:, 编辑:, 发表时间:
	reInlineField = regexp.MustCompile(`(?:发布时间|发布日期|发表时间|发稿时间|更新时间|上传时间|录入时间|来源|信息来源|文章来源|稿件来源|作者|撰稿|供稿|通讯员|摄影|责任编辑|编辑|审核)\s*[:：]`)
	// the labelled date of such a byline
	reInlineDate = regexp.MustCompile(`(?:发布时间|发布日期|发表时间|发稿时间|更新时间|上传时间|录入时间|时间|日期)\s*[:：]\s*`)
	// a section tag before a headline: 【医疗动态】
	reSectionTag = regexp.MustCompile(`^(?:【[^】]{1,8}】|\[[^\]]{1,8}\]|［[^］]{1,8}］)\s*`)
)

// inlineHeader reads a headline and byline that the page ran into its
// first paragraph (一个标题来源:…发表时间:2025-04-15 08:04 正文…): the
// headline is the text before the byline's first labelled field, without
// a section tag, and the date is the byline's.
func (st *state) inlineHeader(m *record.Meta, b document.Block) {
	p := st.doc.Slice(b.Span)
	r := []rune(p)
	lead := string(r[:min(len(r), 160)])
	f := reInlineField.FindStringIndex(lead)
	d := reInlineDate.FindStringIndex(lead)
	if f == nil || d == nil || d[0] < f[0] {
		return
	}
	head := lead[:f[0]]
	ms := cnparse.FindDates(lead[d[1]:], 0)
	if len(ms) == 0 || ms[0].Start != 0 || ms[0].Precision != cnparse.Day || !ms[0].HasYear {
		return
	}
	n := len([]rune(head))
	if strings.ContainsAny(head, "。") || n < 6 || n > 100 {
		return
	}
	skip := 0
	if t := reSectionTag.FindString(head); t != "" && len([]rune(head)) > len([]rune(t))+5 {
		skip = len([]rune(t))
		head = head[len(t):]
	}
	m.Title = strings.TrimSpace(head)
	st.note(m, "title", provenance{rule: "title.inline_headline", conf: 0.7,
		span: document.Span{Start: b.Span.Start + skip, End: b.Span.Start + n}})
	ds := b.Span.Start + len([]rune(lead[:d[1]]))
	m.Date = record.Str(ms[0].From.String())
	st.note(m, "date", provenance{rule: "date.inline_byline", conf: 0.85,
		span: document.Span{Start: ds + ms[0].Start, End: ds + ms[0].End}})
	st.note(m, "kind", provenance{rule: "kind.news_byline", conf: 0.75, span: document.Span{Start: b.Span.Start + n, End: ds + ms[0].End}})
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// reAddressee matches the 主送 line a 公文 opens with (各市卫生健康委，…：),
// alone or run into the body's first sentence.
var reAddressee = regexp.MustCompile(`^(?:各|省直|委直|有关|全省|市直|县直)[^。：:]{0,100}[:：]`)

// addressed reports whether the body opens with a 主送 line.
func (st *state) addressed(body []document.Block) bool {
	for _, b := range body {
		p := st.doc.Slice(b.Span)
		if !hasHan(p) {
			continue
		}
		return reRecipient.MatchString(p) || reAddressee.MatchString(p)
	}
	return false
}

// kind cues: what a 公文's body says it is doing, strongest first.
var kindCues = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"公示", regexp.MustCompile(`公示如下|予以公示|现予公示|现公示|公示期|公示时间|即日起公示|公示截止`)},
	{"通报", regexp.MustCompile(`通报如下|予以通报|现通报|特此通报`)},
	{"公告", regexp.MustCompile(`特此公告|公告如下`)},
	{"通告", regexp.MustCompile(`特此通告|通告如下`)},
	{"批复", regexp.MustCompile(`特此批复|此复`)},
	{"通知", regexp.MustCompile(`(?:转发|印发|下发)(?:给)?你们|通知如下|现通知|特此通知`)},
	{"公示", regexp.MustCompile(`如有异议`)},
}

// kindCue returns the kind a 公文's body says it is, and where, or "".
func (st *state) kindCue(body []document.Block) (string, document.Span) {
	for _, c := range kindCues {
		for _, b := range body {
			p := st.doc.Slice(b.Span)
			if loc := c.re.FindStringIndex(p); loc != nil {
				s := b.Span.Start + len([]rune(p[:loc[0]]))
				return c.kind, document.Span{Start: s, End: s + len([]rune(p[loc[0]:loc[1]]))}
			}
		}
	}
	return "", document.Span{}
}

// datedMention returns the first full date of a block (a byline's
// publication date) and its span, or nil.
func (st *state) datedMention(b document.Block) (*cnparse.Date, document.Span) {
	for _, dm := range cnparse.FindDates(st.doc.Slice(b.Span), 0) {
		if dm.Precision == cnparse.Day && dm.HasYear {
			d := dm.From
			return &d, spanOfMention(b, dm)
		}
	}
	return nil, document.Span{}
}

// titleConf raises a title's base confidence when the document says the
// title twice (a page's headline over the notice's own title) and lowers
// it for a title that reads like a sentence or a label.
func (st *state) titleConf(base float64, t document.Block, all []document.Block, chrome []string) float64 {
	title := st.doc.Slice(t.Span)
	c := base
	for i, b := range all {
		if b.Span != t.Span && chrome[i] == chromeNone && st.doc.Slice(b.Span) == title {
			c += 0.1
			break
		}
	}
	if kindOf(title) != "" {
		c += 0.05
	}
	if strings.ContainsAny(title, ":：，,") {
		c -= 0.15
	}
	if n := len([]rune(title)); n < 8 || n > 60 {
		c -= 0.1
	}
	return c
}

// issuerConf raises an issuer's base confidence when its name opens with
// a region of the dictionary and when the title or header names it too.
func (st *state) issuerConf(base float64, issuer, title string) float64 {
	c := base
	if _, _, ok := st.t.Lex.Regions.MatchAt([]rune(issuer), 0, ""); ok {
		c += 0.05
	} else if !strings.HasPrefix(issuer, "国家") {
		c -= 0.1
	}
	if title != "" && strings.HasPrefix(title, issuer) {
		c += 0.08
	}
	return c
}

// nonChrome returns the paragraphs that are not page furniture, and the
// lines that are a date alone (a 公文's 成文日期 reads like a dateline).
func (st *state) nonChrome(all []document.Block, chrome []string) []document.Block {
	var out []document.Block
	for i, p := range all {
		if chrome[i] == chromeNone || chrome[i] == chromeByline && isDateLine(st.doc.Slice(p.Span)) {
			out = append(out, p)
		}
	}
	return out
}

// isDateLine reports whether a line is one date and nothing else.
func isDateLine(s string) bool {
	s = strings.Trim(strings.TrimSpace(s), "（）()")
	ms := cnparse.FindDates(s, 0)
	return len(ms) == 1 && ms[0].Precision == cnparse.Day && ms[0].Start == 0 && ms[0].End == len([]rune(s))
}

// attachmentsStart returns the index of the paragraph that heads the
// attachments (附件1), or len(paras).
func attachmentsStart(doc *document.Document, paras []document.Block) int {
	for i, p := range paras {
		if i > 0 && reAttachHead.MatchString(doc.Slice(p.Span)) {
			return i
		}
	}
	return len(paras)
}

// isBody reports whether a paragraph reads as running text rather than a
// headline: it has a full stop, or commas and length.
func isBody(p string) bool {
	n := len([]rune(p))
	return strings.Contains(p, "。") || n > 90 || n > 40 && strings.Count(p, "，")+strings.Count(p, ",") >= 2
}

// fieldSpan returns the span a field of m was read from, or the zero span.
func fieldSpan(m record.Meta, field string) document.Span {
	if fe, ok := m.Fields[field]; ok && fe.Span != nil {
		return document.Span{Start: fe.Span[0], End: fe.Span[1]}
	}
	return document.Span{}
}

// officialMeta reads the header of a 公文 or a 简报.
func (st *state) officialMeta(all []document.Block, chrome []string) record.Meta {
	doc := st.doc
	var paras []document.Block
	for i, p := range all {
		if chrome[i] == chromeNone || chrome[i] == chromeByline && bylineDate(doc.Slice(p.Span)) != nil {
			paras = append(paras, p)
		}
	}
	var m record.Meta
	// the header: paragraphs before the first sentence of running text
	head := 0
	for head < len(paras) && head < 12 {
		p := doc.Slice(paras[head].Span)
		if strings.ContainsAny(p, "。") || len([]rune(p)) > 80 || strings.HasPrefix(p, "按：") {
			break
		}
		head++
	}
	headText := func(i int) string { return doc.Slice(paras[i].Span) }
	// a header line may carry the issuer and the date together
	var headDate *cnparse.Date
	var headDateSpan document.Span
	for i := 0; i < head && m.Issuer == nil; i++ {
		p := headText(i)
		ms := cnparse.FindDates(p, 0)
		if len(ms) == 0 || ms[len(ms)-1].Precision != cnparse.Day || ms[len(ms)-1].End != len([]rune(p)) || ms[len(ms)-1].Start == 0 {
			continue
		}
		last := ms[len(ms)-1]
		org := compilerOrg(strings.TrimSpace(string([]rune(p)[:last.Start])))
		if reIssuer.MatchString(org) {
			m.Issuer = record.Str(org)
			st.note(&m, "issuer", provenance{rule: "issuer.header_dated", conf: st.issuerConf(0.8, org, ""), span: paras[i].Span})
			d := last.From
			headDate, headDateSpan = &d, spanOfMention(paras[i], last)
		}
	}

	// 文号: in the header, or on a line of its own just below it; never
	// one cited in brackets after another document's title
	for i := 0; i < len(paras) && i < head+3; i++ {
		if i >= head && !reDocNumberLine.MatchString(headText(i)) {
			continue
		}
		if mm := ownDocNumber(headText(i)); mm != nil {
			m.DocNumber = record.Str(mm[1] + "〔" + mm[2] + "〕" + mm[3] + "号")
			conf := 0.8
			if reDocNumberLine.MatchString(headText(i)) {
				conf = 0.95 // the line is the number and nothing else
			}
			st.note(&m, "doc_number", provenance{rule: "doc_number.header", conf: conf, span: paras[i].Span})
			break
		}
	}
	if m.DocNumber == nil {
		// the 发文字号 the layout found between the 版头 and the title (a
		// line that also holds the 签发人 is read as a row of two cells)
		if p, ok := rolePart(doc, document.RoleDocNumber); ok {
			if mm := ownDocNumber(p.Text); mm != nil {
				m.DocNumber = record.Str(mm[1] + "〔" + mm[2] + "〕" + mm[3] + "号")
				st.note(&m, "doc_number", provenance{rule: "doc_number.role", conf: 0.95, span: p.Span})
			}
		}
	}
	if m.DocNumber == nil {
		// read by OCR: the 六角括号 around the year misread or lost
		for i := 0; i < len(paras) && i < head+3; i++ {
			if !st.ocrAt(paras[i].Span.Start) {
				continue
			}
			if mm := reDocNumberOCR.FindStringSubmatch(strings.TrimSpace(headText(i))); mm != nil {
				m.DocNumber = record.Str(mm[1] + "〔" + mm[2] + "〕" + mm[3] + "号")
				st.note(&m, "doc_number", provenance{rule: "doc_number.ocr", conf: 0.75, span: paras[i].Span})
				break
			}
		}
	}
	titleIdx := st.officialTitle(&m, paras, head)
	m.Kind = record.Str(kindOf(m.Title))
	if m.Kind != nil {
		conf := 0.85
		if strings.HasPrefix(m.Title, "关于") || officialTitle(m.Title) {
			conf = 0.95
		}
		st.note(&m, "kind", provenance{rule: "kind.title_suffix", conf: conf, span: fieldSpan(m, "title")})
	}
	if m.Kind == nil && m.DocNumber != nil && strings.Contains(*m.DocNumber, "函〔") {
		m.Kind = record.Str("函") // GB/T 9704: a letter's number carries 函
		st.note(&m, "kind", provenance{rule: "kind.doc_number_letter", conf: 0.8, span: fieldSpan(m, "doc_number")})
	}
	if m.Kind == nil {
		// no title says it: what the body says it is doing (通知如下)
		if k, sp := st.kindCue(paras); k != "" {
			m.Kind = record.Str(k)
			conf := 0.7
			if st.addressed(paras) {
				conf += 0.1
			}
			st.note(&m, "kind", provenance{rule: "kind.body_cue", conf: conf, span: sp})
		}
	}
	// issuer
	for i := 0; i < head; i++ {
		p := headText(i)
		if i == titleIdx || kindOf(p) != "" && i <= titleIdx {
			continue
		}
		if reIssuer.MatchString(p) {
			m.Issuer = record.Str(strings.TrimSuffix(p, "文件"))
			conf := 0.8
			if strings.HasSuffix(p, "文件") {
				conf = 0.9 // the red-headed 发文机关标志
			}
			st.note(&m, "issuer", provenance{rule: "issuer.header", conf: st.issuerConf(conf, *m.Issuer, m.Title), span: paras[i].Span})
			break
		}
	}
	st.bannerIssuer(&m)
	st.titleIssuer(&m)
	// dates: an issue date in the header, or the 成文日期 under the signature
	bodyEnd := len(paras)
	for i, p := range paras {
		if i > head && reAttachHead.MatchString(doc.Slice(p.Span)) {
			bodyEnd = i
			break
		}
	}
	date, dateProv := headDate, provenance{rule: "date.header_issuer", conf: 0.85, span: headDateSpan}
	for i := 0; i < head && date == nil; i++ {
		if d, ok := cnparse.ParseDate(strings.Trim(headText(i), "（）()")); ok {
			date, dateProv = &d, provenance{rule: "date.header", conf: 0.85, span: paras[i].Span}
		}
	}
	if date == nil {
		if sig := st.signature(paras, head, bodyEnd); sig.date != nil {
			date, dateProv = sig.date, provenance{rule: "date.signature", conf: 0.9, span: sig.dateSpan}
			if sig.issuer == "" {
				dateProv.conf -= 0.1
			}
			if m.Issuer == nil && sig.issuer != "" {
				m.Issuer = record.Str(sig.issuer)
				st.note(&m, "issuer", provenance{rule: "issuer.signature", conf: st.issuerConf(0.8, sig.issuer, m.Title), span: sig.issuerSpan})
			} else if m.Issuer != nil && sig.issuer == *m.Issuer {
				fe := m.Fields["issuer"]
				fe.Confidence = clampConf(fe.Confidence + 0.08) // header and signature agree
				m.Fields["issuer"] = fe
			}
		}
	}
	if text, sp, ok := roleBlock(doc, document.RoleDate); ok {
		// the 成文日期 the layout found under the signature is the
		// document's date, whatever other date the header or body gives
		if d, ok := cnparse.ParseDate(text); ok && (date == nil || d.String() != date.String()) {
			date, dateProv = &d, provenance{rule: "date.role", conf: 0.95, span: sp}
		}
	}
	if date != nil {
		m.Date = record.Str(date.String())
		st.note(&m, "date", dateProv)
	}
	m.Period = st.period(&m, paras, head, titleIdx)
	// recipients
	for i := max(titleIdx+1, 0); i < len(paras) && i <= head+1; i++ {
		p := headText(i)
		if reRecipient.MatchString(p) {
			for _, r := range splitOutsideBrackets(strings.TrimRight(p, ":："), "、，,；;") {
				m.Recipients = uniq(m.Recipients, strings.TrimSpace(r))
			}
			break
		}
	}
	return m
}

// reCompiled matches the verb a bulletin's header line puts after the
// office that compiled it (某某委员会医政科编 2024年9月20日).
var reCompiled = regexp.MustCompile(`(?:编印|编发|主编|编辑|主办|印发|编)$`)

// compilerOrg returns the office of a header line that names who compiled
// or printed a bulletin, without the verb; another text is returned as is.
func compilerOrg(org string) string {
	if t := reCompiled.ReplaceAllString(org, ""); t != org && reIssuer.MatchString(strings.TrimSpace(t)) {
		return strings.TrimSpace(t)
	}
	return org
}

// reOpenness matches the value of a 公开方式 field (主动公开) at the
// start of a text.
var reOpenness = regexp.MustCompile(`^(?:主动公开|依申请公开|不予公开|免予公开|部分公开|不公开)`)

// ownDocNumber returns the submatches of the first 文号 of a header line
// that is not cited in brackets (…的通知》(京卫医〔2019〕31号)), or nil.
func ownDocNumber(p string) []string {
	for _, loc := range reDocNumber.FindAllStringSubmatchIndex(p, -1) {
		before := strings.TrimRight(p[:loc[0]], " ")
		if strings.HasSuffix(before, "(") || strings.HasSuffix(before, "（") || strings.HasSuffix(before, "》") {
			continue
		}
		mm := make([]string, 4)
		for k := range mm {
			mm[k] = p[loc[2*k]:loc[2*k+1]]
		}
		// the value of a 公开方式 field the number was run into is not
		// part of the issuer's abbreviation
		if t := reOpenness.ReplaceAllString(mm[1], ""); t != mm[1] && len([]rune(t)) >= 2 {
			mm[1] = t
		}
		return mm
	}
	return nil
}

// sig is a 公文's 落款: its 成文日期 and the issuer signed above it.
type sig struct {
	date                 *cnparse.Date
	dateSpan, issuerSpan document.Span
	issuer               string
}

// signature finds the 落款 at the end of a 公文's body (before its
// attachments): the 成文日期 alone on a line or ending the last paragraph,
// and the issuer on the line above it when it reads as one. Only the tail
// is searched, the short lines after the body's last paragraph of running
// text: a date above that is a date in the body (an event's), never the
// document's.
func (st *state) signature(paras []document.Block, head, bodyEnd int) sig {
	for i := bodyEnd - 1; i > head; i-- {
		p := st.doc.Slice(paras[i].Span)
		if d, ok := cnparse.ParseDate(strings.Trim(p, "（）()")); ok {
			s := sig{date: &d, dateSpan: paras[i].Span}
			if i > 0 && reIssuer.MatchString(st.doc.Slice(paras[i-1].Span)) {
				s.issuer, s.issuerSpan = st.doc.Slice(paras[i-1].Span), paras[i-1].Span
			} else if prev, ok := st.blockBefore(paras[i]); ok {
				s.issuer, s.issuerSpan = st.trailingIssuer(prev)
			}
			return s
		}
		if s, ok := st.signedLine(paras[i]); ok {
			return s
		}
		if d, sp, ok := st.trailingDate(paras[i]); ok {
			return sig{date: &d, dateSpan: sp}
		}
		if isBody(p) && !reRecord.MatchString(p) {
			break
		}
	}
	return sig{}
}

// reRecord matches the 版记 under a 公文's signature: the copies sent
// (抄送) and the office that printed it (印发), which may read as sentences.
var reRecord = regexp.MustCompile(`^(?:抄送|抄报|印发|主题词|（此件|\(此件)`)

// signedLine reads a signature whose issuer and date share a line
// (某某省卫生健康委员会2024年3月1日).
func (st *state) signedLine(b document.Block) (sig, bool) {
	p := strings.TrimSpace(st.doc.Slice(b.Span))
	r := []rune(p)
	if len(r) > 60 {
		return sig{}, false
	}
	ms := cnparse.FindDates(p, 0)
	if len(ms) != 1 || ms[0].Precision != cnparse.Day || !ms[0].HasYear || ms[0].End != len(r) || ms[0].Start == 0 {
		return sig{}, false
	}
	org := strings.TrimSpace(string(r[:ms[0].Start]))
	if !reIssuer.MatchString(org) {
		return sig{}, false
	}
	d := ms[0].From
	return sig{date: &d, dateSpan: spanOfMention(b, ms[0]), issuer: org,
		issuerSpan: document.Span{Start: b.Span.Start, End: b.Span.Start + len([]rune(org))}}, true
}

// blockBefore returns the block of the document just before b, page
// furniture included.
func (st *state) blockBefore(b document.Block) (document.Block, bool) {
	bs := st.doc.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Span.Start >= b.Span.Start })
	if i == 0 || i > len(bs) {
		return document.Block{}, false
	}
	return bs[i-1], bs[i-1].Kind == document.Paragraph
}

// trailingIssuer returns the issuer's name that ends a line the layout
// ran a signature into (联系电话:0000-1234567某某市卫生健康委), when the
// name follows a number or a Latin word, and its span.
func (st *state) trailingIssuer(b document.Block) (string, document.Span) {
	r := []rune(st.doc.Slice(b.Span))
	i := len(r)
	for i > 0 && (unicode.Is(unicode.Han, r[i-1]) || r[i-1] == '（' || r[i-1] == '）') {
		i--
	}
	if i == 0 || i == len(r) || !(unicode.IsDigit(r[i-1]) || r[i-1] < 0x80 && unicode.IsLetter(r[i-1])) {
		return "", document.Span{}
	}
	name := string(r[i:])
	if !reIssuer.MatchString(name) {
		return "", document.Span{}
	}
	return name, document.Span{Start: b.Span.Start + i, End: b.Span.End}
}

// trailingDate returns the full date that ends a paragraph set apart
// from its last sentence (…邮箱:x@y.com 二〇〇九年六月十五日), not a date
// that a sentence runs into.
func (st *state) trailingDate(b document.Block) (cnparse.Date, document.Span, bool) {
	p := strings.TrimRight(st.doc.Slice(b.Span), " \t|｜\u3000")
	if !strings.HasSuffix(p, "日") {
		return cnparse.Date{}, document.Span{}, false
	}
	ms := cnparse.FindDates(p, 0)
	if len(ms) == 0 {
		return cnparse.Date{}, document.Span{}, false
	}
	last := ms[len(ms)-1]
	r := []rune(p)
	if last.Precision != cnparse.Day || !last.HasYear || last.End != len(r) || last.From != last.To || last.Start == 0 {
		return cnparse.Date{}, document.Span{}, false
	}
	if prev := r[last.Start-1]; unicode.Is(unicode.Han, prev) || strings.ContainsRune("，,、（(“《", prev) {
		return cnparse.Date{}, document.Span{}, false
	}
	return last.From, spanOfMention(b, last), true
}

// officialTitle finds the title among the header's paragraphs (a 关于…
// line, or one ending with a document kind, wrapped over lines), sets it
// and returns its index, or -1.
func (st *state) officialTitle(m *record.Meta, paras []document.Block, head int) int {
	headText := func(i int) string { return st.doc.Slice(paras[i].Span) }
	for i := 0; i < head; i++ {
		p := headText(i)
		if reDocNumber.MatchString(p) || reIssuer.MatchString(p) && kindOf(p) == "" || st.ocrDocNumber(paras[i]) {
			continue
		}
		if strings.HasPrefix(p, "关于") || kindOf(p) != "" {
			t := p
			j := i
			// a title wrapped over several lines
			for !strings.HasPrefix(t, "关于") || kindOf(t) == "" {
				if j+1 >= head || kindOf(t) != "" {
					break
				}
				j++
				t += headText(j)
			}
			if kindOf(t) == "" && kindOf(p) != "" {
				t, j = p, i
			}
			m.Title = t
			conf := 0.8
			if kindOf(t) != "" {
				conf = 0.9
			}
			start := paras[i].Span.Start
			st.note(m, "title", provenance{rule: "title.official", conf: conf, span: document.Span{Start: start, End: paras[j].Span.End}})
			return i
		}
	}
	for i := 0; i < head; i++ {
		p := headText(i)
		if reDocNumber.MatchString(p) || reIssuer.MatchString(p) || reRecipient.MatchString(p) || st.ocrDocNumber(paras[i]) ||
			strings.HasSuffix(p, "：") || strings.HasSuffix(p, ":") || reIssueNo.MatchString(p) {
			continue
		}
		if _, ok := cnparse.ParseDate(strings.Trim(p, "（）()")); !ok {
			m.Title = p
			st.note(m, "title", provenance{rule: "title.first_line", conf: 0.6, span: paras[i].Span})
			return i
		}
	}
	return -1
}

// reReviewTitle matches the title of a year's review: …2024年度工作总结,
// 2024年工作报告, 2024年度年报.
var reReviewTitle = regexp.MustCompile(`((?:19|20)\d{2})\s*年度?[^，。\d]{0,12}?(?:工作总结|总结|年报|工作报告|述职报告)$`)

// reviewedYear returns the year a title reviews, or 0.
func reviewedYear(title string) int {
	mm := reReviewTitle.FindStringSubmatch(strings.TrimSpace(title))
	if mm == nil {
		return 0
	}
	y, _ := strconv.Atoi(mm[1])
	return y
}

// period finds the period a bulletin covers, from the title and the lines
// around it.
func (st *state) period(m *record.Meta, paras []document.Block, head, titleIdx int) *record.Period {
	for i := 0; i < head; i++ {
		p := st.doc.Slice(paras[i].Span)
		if len([]rune(p)) > 60 {
			continue
		}
		for _, dm := range cnparse.FindDates(p, 0) {
			if dm.Precision == cnparse.Quarter || dm.Precision == cnparse.Half ||
				(dm.Precision == cnparse.Month && (i == titleIdx || i == titleIdx+1)) {
				conf, rule := 0.8, "period.header"
				if i == titleIdx {
					conf, rule = 0.9, "period.title"
				}
				if dm.Precision == cnparse.Month {
					conf -= 0.1
				}
				st.note(m, "period", provenance{rule: rule, conf: conf, span: spanOfMention(paras[i], dm)})
				return &record.Period{Start: dm.From.String(), End: dm.To.String()}
			}
		}
	}
	return nil
}

// ocrDocNumber reports whether a paragraph read by OCR is a 文号 whose
// brackets were misread (reDocNumberOCR).
func (st *state) ocrDocNumber(p document.Block) bool {
	return st.ocrAt(p.Span.Start) && reDocNumberOCR.MatchString(strings.TrimSpace(st.doc.Slice(p.Span)))
}

// reAttachSeqOCR is reAttachSeq as OCR reads it: the full stop after the
// number read as a comma (2，各地…).
var reAttachSeqOCR = regexp.MustCompile(`^(\d{1,2})\s*[.．、，,]\s*(.+)$`)

// linesOf returns the paragraphs of doc and, in their place among them,
// the tables of one row: a line a wide gap cut into cells (附件：1.  名单,
// as a scan or a text set with spaces gives it) is a line of text.
func linesOf(doc *document.Document) []document.Block {
	var out []document.Block
	for _, b := range doc.Blocks {
		if b.Kind == document.Paragraph || b.Kind == document.Table && len(b.Rows) == 1 {
			out = append(out, b)
		}
	}
	return out
}

// attachments reads the list of attachments (附件：1.… 2.…) into m. When
// the first item's number is not read (附件：X已组建…, OCR having misread
// its 1) but the lines after it are numbered 2., 3., …, the first item is
// the first attachment; in text read by OCR its misread number (one
// character that is no Chinese one, or one before a punctuation mark) is
// no part of its title.
func (st *state) attachments(m *record.Meta, paras []document.Block) {
	doc := st.doc
	for i, p := range paras {
		mm := reAttach.FindStringSubmatch(doc.Slice(p.Span))
		if mm == nil {
			continue
		}
		rest := strings.TrimSpace(mm[1])
		if rest == "" {
			continue
		}
		span := p.Span
		ocr := st.ocrAt(p.Span.Start)
		seq := reAttachSeq
		if ocr {
			seq = reAttachSeqOCR
		}
		// the numbered lines after the first, from want on
		following := func(want int) int {
			j := i + 1
			for ; j < len(paras); j++ {
				sm := seq.FindStringSubmatch(doc.Slice(paras[j].Span))
				if sm == nil {
					break
				}
				if n, _ := strconv.Atoi(sm[1]); n != want {
					break
				}
				want++
			}
			return j
		}
		sm := seq.FindStringSubmatch(rest)
		unnumbered := false
		if sm == nil && following(2) > i+1 {
			title := rest
			if ocr {
				title = dropMisreadSeq(rest)
			}
			sm, unnumbered = []string{rest, "1", title}, true
		}
		if sm != nil {
			n, _ := strconv.Atoi(sm[1])
			m.Attachments = append(m.Attachments, record.Attachment{Seq: n, Title: trimPunct(sm[2])})
			for j := i + 1; j < len(paras); j++ {
				sm := seq.FindStringSubmatch(doc.Slice(paras[j].Span))
				if sm == nil || unnumbered && j >= following(2) {
					break
				}
				n, _ := strconv.Atoi(sm[1])
				m.Attachments = append(m.Attachments, record.Attachment{Seq: n, Title: trimPunct(sm[2])})
				span.End = paras[j].Span.End
			}
			conf := 0.9
			if unnumbered {
				conf = 0.8
			}
			st.note(m, "attachments", provenance{rule: "attachments.numbered", conf: conf, span: span})
		} else {
			m.Attachments = append(m.Attachments, record.Attachment{Seq: 1, Title: trimPunct(rest)})
			st.note(m, "attachments", provenance{rule: "attachments.single", conf: 0.85, span: span})
		}
		break
	}
}

// dropMisreadSeq drops from the title of an attachment the number OCR
// misread before it: one character that is not a Chinese one (4已组建…),
// or any one before a punctuation mark (荆，已组建…).
func dropMisreadSeq(title string) string {
	r := []rune(title)
	if len(r) < 3 {
		return title
	}
	k := 0
	switch {
	case strings.ContainsRune(".．、，,:：", r[1]):
		k = 2
	case !unicode.Is(unicode.Han, r[0]):
		k = 1
	default:
		return title
	}
	return strings.TrimSpace(string(r[k:]))
}

// provinceOf finds the document's province and where it read it: from the
// issuer, the title, the 文号's abbreviation, or else the province most
// region names of the body are in.
func (st *state) provinceOf(m record.Meta) (string, provenance) {
	regions := st.t.Lex.Regions
	try := func(s string) (string, float64) {
		r := []rune(s)
		for i := 0; i < len(r) && i < 4; i++ {
			if reg, _, ok := regions.MatchAt(r, i, ""); ok {
				c := 0.0
				if reg.Kind == "province" || reg.Kind == "direct" {
					c = 0.05 // the province by its own name
				}
				return reg.ProvinceCode(), c
			}
		}
		return "", 0
	}
	if m.Issuer != nil {
		if p, c := try(*m.Issuer); p != "" {
			return p, provenance{rule: "province.issuer", conf: 0.85 + c, span: fieldSpan(m, "issuer")}
		}
	}
	if p, c := try(m.Title); p != "" {
		return p, provenance{rule: "province.title", conf: 0.8 + c, span: fieldSpan(m, "title")}
	}
	if m.DocNumber != nil {
		if p, ok := st.t.Lex.ProvinceAbbr[string([]rune(*m.DocNumber)[0])]; ok {
			return p, provenance{rule: "province.doc_number", conf: 0.8, span: fieldSpan(m, "doc_number")}
		}
	}
	// most frequent province among the region names of the body
	freq := map[string]int{}
	first := map[string]document.Span{}
	best, bestN, total := "", 0, 0
	for _, para := range st.paras {
		r := []rune(st.doc.Slice(para.Span))
		for i := 0; i < len(r); i++ {
			if reg, n, ok := regions.MatchAt(r, i, ""); ok {
				if reg.Kind == "province" {
					p := reg.ProvinceCode()
					freq[p]++
					total++
					if _, ok := first[p]; !ok {
						first[p] = document.Span{Start: para.Span.Start + i, End: para.Span.Start + i + n}
					}
					if freq[p] > bestN {
						best, bestN = p, freq[p]
					}
				}
				i += n - 1
			}
		}
	}
	if best == "" {
		return st.provinceOfPlaces()
	}
	// sure as the province is named often and others seldom
	conf := 0.4 + 0.06*float64(min(bestN, 5)) - 0.3*float64(total-bestN)/float64(total)
	return best, provenance{rule: "province.body_majority", conf: conf, span: first[best]}
}

// provinceOfPlaces finds the province of a page that names none in its
// body: the province of the cities the body names (江门市 is in 广东),
// when they are all in one, or else the one the page's footer gives in an
// address or its ICP licence (粤ICP备…), the site's own province.
func (st *state) provinceOfPlaces() (string, provenance) {
	regions := st.t.Lex.Regions
	cities := map[string]int{}
	var first document.Span
	for _, para := range st.paras {
		r := []rune(st.doc.Slice(para.Span))
		for i := 0; i < len(r); i++ {
			reg, n, ok := regions.MatchAt(r, i, "")
			if !ok {
				continue
			}
			// a city by its full name only: a short name (江门) may be a
			// word, and a county's name has namesakes in other provinces
			if reg.Kind == "prefecture" && string(r[i:i+n]) == reg.Name {
				if len(cities) == 0 {
					first = document.Span{Start: para.Span.Start + i, End: para.Span.Start + i + n}
				}
				cities[reg.ProvinceCode()]++
			}
			i += n - 1
		}
	}
	if len(cities) == 1 {
		for p, n := range cities {
			return p, provenance{rule: "province.body_city", conf: 0.55 + 0.05*float64(min(n, 4)), span: first}
		}
	}
	if len(cities) > 1 {
		return "", provenance{}
	}
	// the footer: an address, else the ICP licence's abbreviation
	all := st.doc.Paragraphs()
	for i := len(all) - 1; i >= 0 && i >= len(all)-6; i-- {
		text := st.doc.Slice(all[i].Span)
		if chromeKind(text) != chromeFooter {
			continue
		}
		r := []rune(text)
		for j := 0; j < len(r); j++ {
			if reg, n, ok := regions.MatchAt(r, j, ""); ok && (reg.Kind == "province" || reg.Kind == "prefecture" && string(r[j:j+n]) == reg.Name) {
				return reg.ProvinceCode(), provenance{rule: "province.footer", conf: 0.5,
					span: document.Span{Start: all[i].Span.Start + j, End: all[i].Span.Start + j + n}}
			}
		}
		if k := strings.Index(text, "ICP备"); k > 0 {
			abbr := []rune(text[:k])
			if p, ok := st.t.Lex.ProvinceAbbr[string(abbr[len(abbr)-1])]; ok {
				at := all[i].Span.Start + len(abbr) - 1
				return p, provenance{rule: "province.footer_icp", conf: 0.4, span: document.Span{Start: at, End: at + 1}}
			}
		}
	}
	return "", provenance{}
}

// docNumberYear returns the year of a 文号 (豫卫医函〔2025〕21号), or 0.
func docNumberYear(m record.Meta) int {
	if m.DocNumber != nil {
		if mm := reDocNumber.FindStringSubmatch(*m.DocNumber); mm != nil {
			y, _ := strconv.Atoi(mm[2])
			return y
		}
	}
	return 0
}

// bodyYears reads the years the body's paragraphs state, in one pass over
// their dates: the year most full dates carry (the document's year when
// nothing else says it), and the year named most often by any date,
// leaving out years that date a history (始建于1953年), the last resort for
// dates written without one. Either is 0 when none.
func (st *state) bodyYears() (dayYear, namedYear int) {
	days, named := map[int]int{}, map[int]int{}
	dayN, namedN := 0, 0
	for _, p := range st.paras {
		text := st.doc.Slice(p.Span)
		r := []rune(text)
		for _, dm := range cnparse.FindDates(text, 0) {
			if !dm.HasYear {
				continue
			}
			y := dm.From.Year
			if dm.Precision == cnparse.Day {
				if days[y]++; days[y] > dayN {
					dayYear, dayN = y, days[y]
				}
			}
			if reHistoryYear.MatchString(string(r[max(0, dm.Start-4):dm.Start])) {
				continue
			}
			if named[y]++; named[y] > namedN || named[y] == namedN && y > namedYear {
				namedYear, namedN = y, named[y]
			}
		}
	}
	return dayYear, namedYear
}

// cityOf returns the code of the prefecture-level city that issues the
// document (its issuer or title starts with the city's name), or "".
func (st *state) cityOf(m record.Meta) string {
	for _, s := range []string{deref(m.Issuer), m.Title} {
		r := []rune(s)
		if reg, _, ok := st.t.Lex.Regions.MatchAt(r, 0, st.province); ok && (reg.Kind == "prefecture" || reg.Kind == "direct") {
			return reg.Code
		}
	}
	return ""
}

// countyOf returns the code of the county whose document it is (its
// issuer or title starts with the county's full name: 沭阳县卫生健康局,
// 沭阳县召开…), or "".
func (st *state) countyOf(m record.Meta) string {
	for _, s := range []string{deref(m.Issuer), m.Title} {
		r := []rune(s)
		if reg, n, ok := st.t.Lex.Regions.MatchAt(r, 0, st.province); ok && reg.Kind == "county" && string(r[:n]) == reg.Name && strings.HasSuffix(reg.Name, "县") {
			return reg.Code
		}
	}
	return ""
}

// splitOutsideBrackets splits s at any rune of seps that is not inside
// brackets (各市、县（市、区）卫生健康局 is two names, not three).
func splitOutsideBrackets(s, seps string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '（' || r == '(':
			depth++
		case (r == '）' || r == ')') && depth > 0:
			depth--
		case depth == 0 && strings.ContainsRune(seps, r):
			out = append(out, s[start:i])
			start = i + len(string(r))
		}
	}
	return append(out, s[start:])
}

// rolePart returns the first part of a 公文 the layout found with role.
func rolePart(doc *document.Document, role string) (document.Part, bool) {
	for _, p := range doc.Parts {
		if p.Role == role {
			return p, true
		}
	}
	return document.Part{}, false
}

// parts copies the parts of a 公文 the layout found into the metadata.
func parts(ps []document.Part) []record.Part {
	var out []record.Part
	for _, p := range ps {
		rp := record.Part{Role: p.Role, Text: p.Text, Page: p.Page, Side: p.Side}
		if p.Span.End > p.Span.Start {
			rp.Span = &record.Span{p.Span.Start, p.Span.End}
		}
		out = append(out, rp)
	}
	return out
}

// roleBlock returns the text and span of the first block the layout gave
// role (a part of a 公文 found by its place, size and colour).
func roleBlock(doc *document.Document, role string) (string, document.Span, bool) {
	for _, b := range doc.Blocks {
		if b.Role == role {
			return strings.TrimSpace(doc.Slice(b.Span)), b.Span, true
		}
	}
	return "", document.Span{}, false
}

// bannerIssuer sets the issuer the 版头 names (red or large at the head of
// page 1, as the layout found it), when it reads as an issuer.
func (st *state) bannerIssuer(m *record.Meta) {
	text, sp, ok := roleBlock(st.doc, document.RoleBanner)
	org := strings.TrimSuffix(strings.ReplaceAll(text, " ", ""), "文件")
	if !ok || !reIssuer.MatchString(org) {
		return
	}
	m.Issuer = record.Str(org)
	st.note(m, "issuer", provenance{rule: "issuer.banner", conf: st.issuerConf(0.95, org, m.Title), span: sp})
}

// sheetOnly reports whether the document is a table under a few short
// heading lines and nothing else (a spreadsheet saved as text): no byline,
// no sentence. It has no headline or kind of its own.
func (st *state) sheetOnly(all []document.Block, chrome []string) bool {
	rows := 0
	for _, tb := range st.doc.Tables() {
		rows += len(tb.Rows)
	}
	if rows < 3 {
		return false
	}
	for i, p := range all {
		text := st.doc.Slice(p.Span)
		if chrome[i] == chromeByline || chrome[i] == chromeBreadcrumb || len([]rune(text)) > 60 || strings.ContainsAny(text, "。！？") {
			return false
		}
	}
	return true
}
