package confidence

import (
	"regexp"
	"strings"

	"qcweave/record"
)

// Weights of the evidence for document fields, in log-odds.
const (
	wFieldTitleFurniture   = -2.5
	wFieldTitleKind        = 0.6
	wFieldKindFallback     = -1.0
	wFieldKindInTitle      = 1.0
	wFieldKindNewsTitle    = 1.2
	wFieldProvinceNamed    = 1.0
	wFieldProvinceNational = -2.0
	wFieldProvinceRecords  = 1.0
	wFieldDocNumberCited   = -2.5
	wFieldIssuerOrgan      = 0.5
	wFieldDocNumber        = 0.8
	wFieldDocNumberOdd     = -1.0
	wFieldDateInPeriod     = 0.5
	wFieldDateBefore       = -1.5
	wFieldDateInvalid      = -3.0
)

// docKinds are the genres a title can end with.
var docKinds = []string{"通知", "通报", "通告", "公告", "公示", "意见", "决定", "函", "批复", "报告", "纪要", "方案"}

// reFurniture matches a title that is page furniture (来源:…, 当前位置).
var reFurniture = regexp.MustCompile(`^(?:来源|作者|发布|日期|时间|当前位置|我的位置|首页|浏览)|[:：]`)

// reDocNumber matches a document number: an issuer's code, the year in
// brackets and a number.
var reDocNumber = regexp.MustCompile(`^\p{Han}{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号$`)

// reOrgan matches the name of an issuing body.
var reOrgan = regexp.MustCompile(`(?:委员会|委|局|厅|办公室|办公厅|中心|政府|协会|学会|医院)$`)

// fields sets the confidence of each field the document has.
func (c *context) fields(m *record.Meta) {
	set := func(name string, l float64) {
		if m.Fields == nil {
			m.Fields = map[string]record.FieldEvidence{}
		}
		fe := m.Fields[name]
		fe.Confidence = round(sigmoid(prior(fe.Confidence, defaultField) + l))
		if fe.Rule == "" {
			fe.Rule = "meta." + name
		}
		m.Fields[name] = fe
	}
	kind := deref(m.Kind)
	furniture := reFurniture.MatchString(m.Title)
	if m.Title != "" {
		l := 0.0
		if furniture {
			l += wFieldTitleFurniture
		}
		for _, k := range docKinds {
			if strings.HasSuffix(m.Title, k) {
				l += wFieldTitleKind
				break
			}
		}
		set("title", l)
	}
	if m.Kind != nil {
		l := 0.0
		switch {
		case kind == "新闻" && furniture:
			l += wFieldKindFallback
		case kind == "新闻" && m.Title != "":
			l += wFieldKindNewsTitle // a headline that names no genre
		case kind != "新闻" && strings.HasSuffix(m.Title, kind):
			l += wFieldKindInTitle
		}
		set("kind", l)
	}
	if m.Issuer != nil {
		l := 0.0
		if reOrgan.MatchString(*m.Issuer) {
			l += wFieldIssuerOrgan
		}
		set("issuer", l)
	}
	if m.DocNumber != nil {
		l := wFieldDocNumber
		if !reDocNumber.MatchString(compact(*m.DocNumber)) {
			l = wFieldDocNumberOdd
		}
		if q := m.Fields["doc_number"].Quote; reCited.MatchString(before(q, *m.DocNumber)) {
			l += wFieldDocNumberCited
		}
		set("doc_number", l)
	}
	if m.Province != nil {
		l := 0.0
		p := strings.TrimRight(*m.Province, "省市")
		head := m.Title + deref(m.Issuer)
		switch {
		case p != "" && strings.Contains(head, p):
			l += wFieldProvinceNamed
		case strings.Contains(head, "国家") || strings.Contains(head, "全国"):
			l += wFieldProvinceNational
		case c.recordsIn(m.ProvinceCode):
			l += wFieldProvinceRecords
		}
		set("province", l)
	}
	if m.Date != nil {
		l := 0.0
		switch {
		case !validDate(*m.Date):
			l += wFieldDateInvalid
		case m.Period != nil && *m.Date < m.Period.Start:
			l += wFieldDateBefore
		case m.Period != nil:
			l += wFieldDateInPeriod
		}
		set("date", l)
	}
	if m.Period != nil {
		l := 0.0
		if !validDate(m.Period.Start) || !validDate(m.Period.End) || m.Period.End < m.Period.Start {
			l += wFieldDateInvalid
		}
		set("period", l)
	}
	if len(m.Attachments) > 0 {
		set("attachments", 0)
	}
}

// reCited matches the text before a document number that cites another
// document (根据《…通知》（), not the document's own header.
var reCited = regexp.MustCompile(`根据|按照|依据|《[^》]*》[（(]?$`)

// before returns the text of q before the first s (q when s is absent).
func before(q, s string) string {
	if i := strings.Index(q, s); i >= 0 {
		return q[:i]
	}
	return q
}

// recordsIn reports whether records of the document lie in the province
// of code (its first two digits).
func (c *context) recordsIn(code string) bool {
	if len(code) < 2 {
		return false
	}
	in := func(rc *string) bool { return rc != nil && strings.HasPrefix(*rc, code[:2]) }
	for _, x := range c.ex.Counts {
		if in(x.RegionCode) {
			return true
		}
	}
	for _, x := range c.ex.Centers {
		if in(x.RegionCode) {
			return true
		}
	}
	for _, x := range c.ex.Coverage {
		if in(x.RegionCode) {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
