package confidence

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"qcweave/cnparse"
	"qcweave/record"
)

// Weights of the evidence, in log-odds (+1 takes 0.80 to 0.92, −1 takes
// 0.80 to 0.60).
const (
	// A quote of more than longQuote runes is a paragraph rather than a
	// sentence: the pattern found its record in much text.
	longQuote     = 160
	wLongQuote    = -0.4
	veryLongQuote = 320
	wVeryLong     = -0.5

	// OCR: below ocrGood the page's confidence lowers the record, one
	// log-odds unit per ocrStep points.
	ocrGood = 85.0
	ocrStep = 10.0
	wOCRMin = -3.0

	// Findings that dispute a record.
	wDisputeError   = -1.5
	wDisputeWarning = -1.0
	wDisputeInfo    = -0.3

	// Names that resolve, or not.
	wRegionKnown      = 0.4
	wRegionUnknown    = -0.8
	wSpecialtyKnown   = 0.3
	wSpecialtyUnknown = 0.0
	wSpecialtyOdd     = -2.0
	wSpecialtyNone    = -0.3
	wInstKnown        = 0.6
	wInstUnknown      = -0.2
	wInstGeneric      = -1.5

	// Where and how the record was stated.
	wTableRow       = 0.8
	wNameInQuote    = 0.3
	wNameNotInQuote = -0.3
	wOtherCenter    = -1.6
	wClassName      = -0.4
	wCountedClass   = -2.0
	wDuplicate      = -2.5
	wNoRegion       = 0.0
	wEnumerated     = 0.6
	wNoLevel        = -0.3
	wStatedTwice    = 0.5
	wTableAgrees    = 1.0
	wTableDisagrees = -0.8
	wNoStart        = -2.0
	wBatch          = -1.5
	wMisread        = -0.8
	wInPeriod       = 0.3
	wFullName       = 1.0
	wKnownCenter    = 0.5
	wPublication    = -2.5
	wMissingUnknown = -1.0
	wMissingKnown   = 0.4
)

// quoteLength is the evidence of a quote's length.
func quoteLength(q string) float64 {
	switch n := utf8.RuneCountInString(q); {
	case n > veryLongQuote:
		return wLongQuote + wVeryLong
	case n > longQuote:
		return wLongQuote
	}
	return 0
}

// ocr is the evidence of the OCR confidence (0..100) of the quote's page;
// 0 is a page that was not read by OCR.
func ocr(conf float64) float64 {
	if conf <= 0 || conf >= ocrGood {
		return 0
	}
	return max((conf-ocrGood)/ocrStep, wOCRMin)
}

// disputeWeight is how much a finding lowers the records it refers to: the
// kinds that say a value is doubtful (not unknown_entity, which is about
// the dictionaries).
func disputeWeight(f record.Finding) float64 {
	switch f.Kind {
	case record.TotalMismatch, record.ValueConflict, record.DateOutsidePeriod, record.BaselineMismatch, DoubtfulDate:
	default:
		return 0
	}
	switch f.Severity {
	case record.Error:
		return wDisputeError
	case record.Warning:
		return wDisputeWarning
	}
	return wDisputeInfo
}

// DoubtfulDate is the kind of the finding about a date that cannot be
// right where it stands (a day 32, a month one digit away from the
// bulletin's period), most often a misread digit.
const DoubtfulDate = "doubtful_date"

// disputed sums the weights of the findings whose refs overlap span (the
// strongest per finding kind counts once: a finding listing a record
// twice disputes it once).
func (c *context) disputed(s record.Span) float64 {
	sum := 0.0
	for _, d := range c.disputes {
		if overlaps(d.span, s) {
			sum += d.weight
		}
	}
	return max(sum, 2*wDisputeError)
}

func overlaps(a, b record.Span) bool {
	if a[1] <= a[0] || b[1] <= b[0] {
		return false
	}
	return a[0] < b[1] && b[0] < a[1]
}

// count is the log-odds of a count before the common evidence.
func (c *context) count(x *record.Count) float64 {
	l := prior(x.Confidence, defaultRecord)
	l += c.regionEvidence(x.Region, x.RegionCode)
	if x.RegionFull != nil && misreadRegion(x.Region, *x.RegionFull) {
		l += wMisread
	}
	if x.Level == nil {
		l += wNoLevel
	}
	if batch(x.Value, x.Quote) {
		l += wBatch
	}
	// the same fact stated twice in the document
	for i := range c.ex.Counts {
		y := &c.ex.Counts[i]
		if y != x && y.Span != x.Span && y.Value == x.Value && sameStr(y.RegionCode, x.RegionCode) && y.Region != "" && sameStr(y.Level, x.Level) {
			l += wStatedTwice
			break
		}
	}
	// a table of the same document says the same, or not
	if agree, ok := c.tableCount(x); ok {
		if agree {
			l += wTableAgrees
		} else {
			l += wTableDisagrees
		}
	}
	return l
}

// reBatch matches what makes a number the size of one batch or one
// occasion (首批7家, 此次授牌的12个), not the region's total.
var reBatch = regexp.MustCompile(`(?:[首第][一二三四五六七八九十\d]*批|此次|本次|这批|该批)[^，,。；;]{0,6}$`)

// batch reports whether the quote states value as the size of a batch.
func batch(value int, quote string) bool {
	q := compact(quote)
	v := strconv.Itoa(value)
	for from := 0; ; {
		i := strings.Index(q[from:], v)
		if i < 0 {
			return false
		}
		i += from
		if (i == 0 || q[i-1] < '0' || q[i-1] > '9') && reBatch.MatchString(q[:i]) {
			return true
		}
		from = i + len(v)
	}
}

// regionEvidence is the evidence of a region's name: resolved to a code, a
// word for the document's own province (全省), or neither.
func (c *context) regionEvidence(name string, code *string) float64 {
	switch {
	case code != nil && *code != "":
		return wRegionKnown
	case isDeictic(name) && c.ex.Document.Province != nil:
		return wRegionKnown
	case c.known(record.NameRegion, name):
		return wRegionKnown
	}
	return wRegionUnknown
}

// misreadRegion reports whether a region's name as written is its full
// name or its short name (the full name without its suffix) read one
// character off: 成宁市 for 咸宁市, 商后 for 商丘市.
func misreadRegion(name, full string) bool {
	if cnparse.OneCharApart(name, full) {
		return true
	}
	r := []rune(full)
	return len(r) >= 3 && cnparse.OneCharApart(name, string(r[:len(r)-1]))
}

// isDeictic reports a word for the document's own region (全省, 我市).
func isDeictic(s string) bool {
	r := []rune(s)
	return len(r) == 2 && strings.ContainsRune("全我本该", r[0]) && strings.ContainsRune("省市县区州", r[1])
}

// tableCount compares a count with the document's tables: the coverage
// row of the same region (its built centers), or the number of centers
// the tables list for the region at the count's level. ok is false when
// no table speaks of the region.
func (c *context) tableCount(x *record.Count) (agree, ok bool) {
	if x.RegionCode == nil {
		return false, false
	}
	for _, cov := range c.ex.Coverage {
		if cov.Built != nil && sameStr(cov.RegionCode, x.RegionCode) && (cov.Level == nil || sameStr(cov.Level, x.Level)) {
			return *cov.Built == x.Value, true
		}
	}
	n := 0
	for _, ce := range c.ex.Centers {
		if ce.Source == "table" && sameStr(ce.RegionCode, x.RegionCode) && sameStr(ce.Level, x.Level) {
			n++
		}
	}
	if n == 0 {
		return false, false
	}
	return n == x.Value, true
}

// reClassName matches a center named by its level (省级麻醉质控中心): most
// often a class of centers rather than one.
var reClassName = regexp.MustCompile(`^(?:[省市县区]级|国家级|全国)`)

// reOddSpecialty matches what no specialty's name holds: digits, ordinals
// (第二届), brackets, function words, list punctuation.
var reOddSpecialty = regexp.MustCompile(`[0-9０-９第届的了（）()、，,：:]|通过|近年|开展|推动|系统$`)

// maxSpecialty is the longest specialty name the dictionaries hold, about.
const maxSpecialty = 12

// reCounted matches a number of centers right before a center's name
// (30个省级麻醉质控中心): the name is a class, counted.
var reCounted = regexp.MustCompile(`[0-9０-９零一二三四五六七八九十百千]+[个家所]$`)

// counted reports whether quote counts the center name (N个 before it).
func counted(name, quote string) bool {
	q := compact(quote)
	for from := 0; ; {
		i := strings.Index(q[from:], name)
		if i < 0 {
			return false
		}
		i += from
		if reCounted.MatchString(q[:i]) {
			return true
		}
		from = i + len(name)
	}
}

// fullerCenter reports whether the document names, with its region, a
// center of the same level and specialty as x (市消化内镜质控中心 after
// 杭州市消化内镜诊疗质量控制中心): x is the same center again.
func (c *context) fullerCenter(x *record.Center) bool {
	if x.Specialty == nil {
		return false
	}
	for i := range c.ex.Centers {
		y := &c.ex.Centers[i]
		if y == x || y.Region == nil || y.Specialty == nil || !sameStr(y.Level, x.Level) {
			continue
		}
		if strings.Contains(*y.Specialty, *x.Specialty) || strings.Contains(*x.Specialty, *y.Specialty) || sameStr(y.SpecialtyID, x.SpecialtyID) && x.SpecialtyID != nil {
			return true
		}
	}
	return false
}

// center is the log-odds of a center before the common evidence.
func (c *context) center(x *record.Center) float64 {
	l := prior(x.Confidence, defaultRecord)
	if x.Source == "table" {
		l += wTableRow
	}
	switch {
	case x.SpecialtyID != nil:
		l += wSpecialtyKnown
	case x.Specialty != nil && c.known(record.NameSpecialty, *x.Specialty):
		l += wSpecialtyKnown
	case x.Specialty != nil && reOddSpecialty.MatchString(*x.Specialty) || x.Specialty != nil && utf8.RuneCountInString(*x.Specialty) > maxSpecialty:
		l += wSpecialtyOdd
	case x.Specialty != nil:
		l += wSpecialtyUnknown
	default:
		l += wSpecialtyNone
	}
	if x.Region == nil {
		l += wNoRegion
	}
	for _, al := range x.Aliases {
		if cnparse.OneCharApart(x.Name, al) {
			l += wMisread
			break
		}
	}
	if enumerated(x.Name, x.Quote) {
		l += wEnumerated
	}
	if reClassName.MatchString(x.Name) {
		l += wClassName
	}
	if counted(x.Name, x.Quote) {
		l += wCountedClass
	}
	if x.Region == nil && c.fullerCenter(x) {
		l += wDuplicate
	}
	if x.Source != "table" {
		l += c.quoteNames(x.Name, x.Quote)
		if c.fullName(x.Name, x.Quote) {
			l += wFullName
		}
	}
	for i := range c.ex.Centers {
		y := &c.ex.Centers[i]
		if y == x {
			break
		}
		if sameCenter(x.Name, y.Name, y.Aliases) {
			l += wDuplicate
			break
		}
	}
	// an activity of the document names the center too
	for _, a := range c.ex.Activities {
		if a.Span != x.Span && sameCenter(a.Center, x.Name, x.Aliases) {
			l += wStatedTwice
			break
		}
	}
	return l
}

// host is the log-odds of a center's host institutions.
func (c *context) host(x *record.Center) float64 {
	l := prior(x.HostConfidence, defaultRecord)
	if x.Source == "table" {
		l += wTableRow
	}
	for _, in := range x.Institutions {
		switch {
		case reGenericInstitution.MatchString(in):
			l += wInstGeneric
		case c.known(record.NameInstitution, in):
			l += wInstKnown
		default:
			l += wInstUnknown
		}
	}
	l += ocr(x.OCRConfidence)
	return l
}

// reGenericInstitution matches a word for an institution, not its name.
var reGenericInstitution = regexp.MustCompile(`^(?:[本该我此各其]|\d+家|[一二三四五六七八九十]+家)?(?:医院|院|卫生院|医疗机构|单位|保健院|中心)$`)

// coverage is the log-odds of a coverage row before the common evidence.
func (c *context) coverage(x *record.Coverage) float64 {
	l := prior(x.Confidence, defaultRecord) + wTableRow
	l += c.regionEvidence(x.Region, x.RegionCode)
	if x.RegionFull != nil && misreadRegion(x.Region, *x.RegionFull) {
		l += wMisread
	}
	if n := len(x.Missing); n > 0 {
		known := 0
		for i, m := range x.Missing {
			if i < len(x.MissingIDs) && x.MissingIDs[i] != "" || c.known(record.NameSpecialty, m) {
				known++
			}
		}
		if float64(known) >= 0.8*float64(n) {
			l += wMissingKnown
		} else {
			l += wMissingUnknown
		}
	}
	return l
}

// activity is the log-odds of an activity before the common evidence.
func (c *context) activity(x *record.Activity) float64 {
	l := prior(x.Confidence, defaultRecord)
	if x.Start == nil {
		l += wNoStart
	}
	l += c.quoteNames(x.Center, x.Quote)
	for i := range c.ex.Centers {
		if y := &c.ex.Centers[i]; sameCenter(x.Center, y.Name, y.Aliases) {
			l += wKnownCenter
			break
		}
	}
	for i := range c.ex.Activities {
		y := &c.ex.Activities[i]
		if y == x {
			break
		}
		// the same event twice: center, days and statement (two events of
		// a center on one day are two records)
		if sameStr(y.Start, x.Start) && sameStr(y.End, x.End) && sameCenter(x.Center, y.Center, nil) && (y.Quote == x.Quote || overlaps(y.Span, x.Span)) {
			l += wDuplicate
			break
		}
	}
	if x.Start != nil && published(*x.Start, x.Quote) {
		l += wPublication
	}
	if p := c.ex.Document.Period; p != nil && x.Start != nil && p.Start <= *x.Start && *x.Start <= p.End {
		l += wInPeriod
	}
	return l
}

// sameStr compares two optional strings.
func sameStr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// rePublished matches the label of a page's publication date right
// before a date (发表时间:2025-04-15, 发布日期：2025年4月15日).
var rePublished = regexp.MustCompile(`(?:发表|发布|更新|上传|来源)(?:时间|日期)[:：]?$`)

// published reports whether the quote gives date as the page's
// publication date: an activity dated so took the day it was reported,
// not the day it happened.
func published(date, quote string) bool {
	if len(date) != 10 {
		return false
	}
	q := compact(quote)
	y, m, d := date[:4], strings.TrimLeft(date[5:7], "0"), strings.TrimLeft(date[8:10], "0")
	labelled, plain := false, false
	for _, form := range []string{date, y + "年" + m + "月" + d + "日", y + "年" + date[5:7] + "月" + date[8:10] + "日", y + "/" + date[5:7] + "/" + date[8:10], y + "." + m + "." + d, m + "月" + d + "日"} {
		for from := 0; ; {
			i := strings.Index(q[from:], form)
			if i < 0 {
				break
			}
			i += from
			switch {
			case rePublished.MatchString(q[:i]):
				labelled = true
			case !strings.HasSuffix(q[:i], "年") && !strings.HasSuffix(q[:i], "-") && !inLabelled(q[:i]):
				plain = true // the day stated in the text itself
			}
			from = i + len(form)
		}
	}
	return labelled && !plain
}

// inLabelled reports whether the text before a month-day form ends in a
// labelled date's year (发表时间:2025年 before 4月15日).
func inLabelled(before string) bool {
	return reLabelledYear.MatchString(before)
}

var reLabelledYear = regexp.MustCompile(`(?:发表|发布|更新|上传|来源)(?:时间|日期)[:：]?\d{4}年$`)

// enumerated reports whether the quote names the center as an item of a
// list of centers (A质控中心、B质控中心、C质控中心): names set out one by one
// are named on purpose.
func enumerated(name, quote string) bool {
	q := normName(quote)
	n := normName(name)
	if strings.Count(q, centerToken) < 3 || !strings.Contains(q, n) {
		return false
	}
	i := strings.Index(q, n)
	after := q[i+len(n):]
	before := q[:i]
	return strings.HasPrefix(after, "、") || strings.HasSuffix(before, "、")
}
