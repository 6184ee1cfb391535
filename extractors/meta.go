package extractors

import (
	"regexp"
	"strconv"
	"strings"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/record"
)

var (
	reDocNumber  = regexp.MustCompile(`([\p{Han}]{1,12})\s*[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*(\d{1,5})\s*号`)
	reIssuer     = regexp.MustCompile(`^[\p{Han}（）]{3,40}?(委员会|卫生健康委|卫健委|卫生厅|卫生局|办公室|办公厅|管理办公室|中心|局|厅|委|处|科|人民政府)(文件)?$`)
	reAttach     = regexp.MustCompile(`^附\s*件\s*[:：]\s*(.*)$`)
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

// extractMeta reads the document's header (发文机关, 文号, 标题), its
// recipients, attachments list and dates.
func (st *state) extractMeta() record.Meta {
	doc := st.doc
	paras := doc.Paragraphs()
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
	for i := 0; i < head && m.Issuer == nil; i++ {
		p := headText(i)
		ms := cnparse.FindDates(p, 0)
		if len(ms) == 0 || ms[len(ms)-1].Precision != cnparse.Day || ms[len(ms)-1].End != len([]rune(p)) || ms[len(ms)-1].Start == 0 {
			continue
		}
		org := strings.TrimSpace(string([]rune(p)[:ms[len(ms)-1].Start]))
		if reIssuer.MatchString(org) {
			m.Issuer = record.Str(org)
			d := ms[len(ms)-1].From
			headDate = &d
		}
	}

	// 文号
	for i := 0; i < len(paras) && i < head+3; i++ {
		if mm := reDocNumber.FindStringSubmatch(headText(i)); mm != nil {
			m.DocNumber = record.Str(mm[1] + "〔" + mm[2] + "〕" + mm[3] + "号")
			break
		}
	}
	// title
	titleIdx := -1
	for i := 0; i < head; i++ {
		p := headText(i)
		if reDocNumber.MatchString(p) || reIssuer.MatchString(p) && kindOf(p) == "" {
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
				t = p
			}
			m.Title = t
			titleIdx = i
			break
		}
	}
	if titleIdx < 0 && head > 0 {
		for i := 0; i < head; i++ {
			p := headText(i)
			if !reDocNumber.MatchString(p) && !reIssuer.MatchString(p) {
				if _, ok := cnparse.ParseDate(p); !ok {
					m.Title, titleIdx = p, i
					break
				}
			}
		}
	}
	m.Kind = record.Str(kindOf(m.Title))
	// issuer
	for i := 0; i < head; i++ {
		p := headText(i)
		if i == titleIdx || kindOf(p) != "" && i <= titleIdx {
			continue
		}
		if reIssuer.MatchString(p) {
			m.Issuer = record.Str(strings.TrimSuffix(p, "文件"))
			break
		}
	}
	// dates: an issue date in the header, or the 成文日期 under the signature
	bodyEnd := len(paras)
	for i, p := range paras {
		if i > head && reAttachHead.MatchString(doc.Slice(p.Span)) {
			bodyEnd = i
			break
		}
	}
	date := headDate
	for i := 0; i < head && date == nil; i++ {
		if d, ok := cnparse.ParseDate(strings.Trim(headText(i), "（）()")); ok {
			date = &d
		}
	}
	if date == nil {
		for i := bodyEnd - 1; i > head; i-- {
			p := doc.Slice(paras[i].Span)
			if d, ok := cnparse.ParseDate(strings.Trim(p, "（）()")); ok {
				date = &d
				if m.Issuer == nil && i > 0 && reIssuer.MatchString(doc.Slice(paras[i-1].Span)) {
					m.Issuer = record.Str(doc.Slice(paras[i-1].Span))
				}
				break
			}
		}
	}
	if date != nil {
		m.Date = record.Str(date.String())
		st.year = date.Year
	}
	// period: from the title and the lines around it
	for i := 0; i < head; i++ {
		p := headText(i)
		if len([]rune(p)) > 60 {
			continue
		}
		for _, dm := range cnparse.FindDates(p, 0) {
			if dm.Precision == cnparse.Quarter || dm.Precision == cnparse.Half ||
				(dm.Precision == cnparse.Month && (i == titleIdx || i == titleIdx+1)) {
				m.Period = &record.Period{Start: dm.From.String(), End: dm.To.String()}
				if st.year == 0 {
					st.year = dm.From.Year
				}
			}
		}
		if m.Period != nil {
			break
		}
	}
	if st.year == 0 {
		st.year = st.guessYear(m)
	}
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
	m.Attachments = attachments(doc, paras)
	// province, and the city of a city's notice
	st.province = st.provinceOf(m)
	st.city = st.cityOf(m)
	if st.province != "" {
		if r, ok := st.t.Lex.Regions.ByCode(st.province); ok {
			m.Province = record.Str(r.Name)
			m.ProvinceCode = r.Code
		}
	}
	return m
}

func attachments(doc *document.Document, paras []document.Block) []record.Attachment {
	var out []record.Attachment
	for i, p := range paras {
		mm := reAttach.FindStringSubmatch(doc.Slice(p.Span))
		if mm == nil {
			continue
		}
		rest := strings.TrimSpace(mm[1])
		if rest == "" {
			continue
		}
		if sm := reAttachSeq.FindStringSubmatch(rest); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			out = append(out, record.Attachment{Seq: n, Title: trimPunct(sm[2])})
			for j := i + 1; j < len(paras); j++ {
				sm := reAttachSeq.FindStringSubmatch(doc.Slice(paras[j].Span))
				if sm == nil {
					break
				}
				n, _ := strconv.Atoi(sm[1])
				out = append(out, record.Attachment{Seq: n, Title: trimPunct(sm[2])})
			}
		} else {
			out = append(out, record.Attachment{Seq: 1, Title: trimPunct(rest)})
		}
		break
	}
	return out
}

// provinceOf finds the document's province: from the issuer, the title, the
// 文号's abbreviation, or else the province most centers are in.
func (st *state) provinceOf(m record.Meta) string {
	regions := st.t.Lex.Regions
	try := func(s string) string {
		r := []rune(s)
		for i := 0; i < len(r) && i < 4; i++ {
			if reg, _, ok := regions.MatchAt(r, i, ""); ok {
				return reg.ProvinceCode()
			}
		}
		return ""
	}
	if m.Issuer != nil {
		if p := try(*m.Issuer); p != "" {
			return p
		}
	}
	if p := try(m.Title); p != "" {
		return p
	}
	if m.DocNumber != nil {
		if p, ok := st.t.Lex.ProvinceAbbr[string([]rune(*m.DocNumber)[0])]; ok {
			return p
		}
	}
	// most frequent province among region names at the start of paragraphs
	freq := map[string]int{}
	best, bestN := "", 0
	r := st.doc.Runes()
	for i := 0; i < len(r); i++ {
		if reg, n, ok := regions.MatchAt(r, i, ""); ok {
			if reg.Kind == "province" {
				p := reg.ProvinceCode()
				freq[p]++
				if freq[p] > bestN {
					best, bestN = p, freq[p]
				}
			}
			i += n - 1
		}
	}
	return best
}

// guessYear returns the year most dates of the document carry, for dates
// written without one.
func (st *state) guessYear(m record.Meta) int {
	if m.DocNumber != nil {
		if mm := reDocNumber.FindStringSubmatch(*m.DocNumber); mm != nil {
			y, _ := strconv.Atoi(mm[2])
			return y
		}
	}
	freq := map[int]int{}
	best, bestN := 0, 0
	for _, dm := range cnparse.FindDates(st.doc.Text, 0) {
		if dm.HasYear && dm.Precision == cnparse.Day {
			freq[dm.From.Year]++
			if freq[dm.From.Year] > bestN {
				best, bestN = dm.From.Year, freq[dm.From.Year]
			}
		}
	}
	return best
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
