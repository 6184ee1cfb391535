package confidence

import (
	"regexp"
	"strings"

	"qcweave/record"
)

// Weights of the evidence for document fields, in log-odds.
const (
	wFieldTitleFurniture = -2.5
	wFieldTitleKind      = 0.6
	wFieldKindFallback   = -1.0
	wFieldKindInTitle    = 1.0
	wFieldProvinceIssuer = 1.0
	wFieldProvinceGuess  = -1.5
	wFieldIssuerOrgan    = 0.5
	wFieldDocNumber      = 0.8
	wFieldDocNumberOdd   = -1.0
	wFieldDateInPeriod   = 0.5
	wFieldDateBefore     = -1.5
	wFieldDateInvalid    = -3.0
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
	if m.Title != "" {
		l := 0.0
		if reFurniture.MatchString(m.Title) {
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
		case kind == "新闻":
			l += wFieldKindFallback
		case strings.HasSuffix(m.Title, kind):
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
		if reDocNumber.MatchString(compact(*m.DocNumber)) {
			set("doc_number", wFieldDocNumber)
		} else {
			set("doc_number", wFieldDocNumberOdd)
		}
	}
	if m.Province != nil {
		l := 0.0
		p := strings.TrimRight(*m.Province, "省市")
		switch {
		case m.Issuer != nil && p != "" && strings.Contains(*m.Issuer, p):
			l += wFieldProvinceIssuer
		case m.Issuer == nil || strings.HasPrefix(*m.Issuer, "国家") || strings.HasPrefix(*m.Issuer, "中华人民共和国"):
			l += wFieldProvinceGuess
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

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
