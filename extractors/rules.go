package extractors

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"qcweave/lexicon"
	"qcweave/record"
)

// Rule names: a short stable name for what produced a record (or a
// center's hosts). They are part of the output (json "rule", "host_rule"):
// the calibration measures how often the records of each rule are right,
// so a name is never reused for another pattern.
const (
	RuleCenterTableRow   = "center.table_row"   // a row of a table of centers with a name column
	RuleCenterTableSpec  = "center.table_spec"  // a row of a table of specialties (no center name)
	RuleCenterListItem   = "center.list_item"   // 新增麻醉、病理2个省级质控中心
	RuleCenterTextNamed  = "center.text_named"  // a full name in running text
	RuleCenterTextShort  = "center.text_short"  // 市护理质控中心: the document's own city or county
	RuleCenterTextBranch = "center.text_branch" // …质控中心X分中心

	RuleHostTableCell    = "host.table_cell"    // the host column of a table row
	RuleHostBracket      = "host.bracket_after" // 中心（挂靠X）
	RuleHostBefore       = "host.bracket_before"
	RuleHostSubject      = "host.subject"       // X是/作为…中心挂靠单位
	RuleHostInSentence   = "host.in_sentence"   // 中心挂靠于X
	RuleHostNextSentence = "host.next_sentence" // 该中心挂靠于X
	RuleHostRespectively = "host.respectively"  // A、B中心分别挂靠于X、Y
	RuleHostGroup        = "host.group"         // 以上N个中心挂靠单位为X / 均挂靠X
	RuleHostBylineWe     = "host.byline_we"     // 我院 on a page whose byline or footer names the hospital
	RuleHostSoleCenter   = "host.sole_center"   // 授予X主任委员单位 on a page about one center
	RuleHostLedBy        = "host.led_by"        // 由X牵头的A中心、B中心

	RuleCountStated    = "count.stated"       // N个…质控中心
	RuleCountStatedPre = "count.stated_after" // …质控中心N个
	RuleCountRanked    = "count.ranked_item"  // 濮阳68个、三门峡66个

	RuleCoverageRow    = "coverage.table_row"
	RuleCoverageText   = "coverage.row_text" // a row whose cell boundaries were lost
	RuleCoverageMatrix = "coverage.mark_matrix"

	RuleActivityDated   = "activity.dated_sentence"
	RuleActivityTrip    = "activity.dated_trip" // several days
	RuleActivityUndated = "activity.undated"
)

// recConf keeps a confidence estimate inside (0, 1): no rule is ever
// certain, and a record is never produced with no belief in it.
func recConf(c float64) float64 {
	switch {
	case c < 0.05:
		return 0.05
	case c > 0.98:
		return 0.98
	}
	return float64(int(c*100+0.5)) / 100
}

// centerConfidence estimates how likely a center record is right: the
// rule's specificity, whether its specialty and region resolved to the
// dictionaries, how long the written specialty is (a long one is often a
// phrase that ran into the name), and how often the document names it.
func centerConfidence(rule string, c centerName, times int) float64 {
	base := map[string]float64{
		RuleCenterTableRow:   0.8,
		RuleCenterTableSpec:  0.75,
		RuleCenterListItem:   0.72,
		RuleCenterTextNamed:  0.7,
		RuleCenterTextShort:  0.55,
		RuleCenterTextBranch: 0.6,
	}[rule]
	if c.specOK {
		base += 0.12
	} else {
		base -= 0.15
	}
	switch {
	case c.hasRegion || c.level == lexicon.National:
		base += 0.05
	case rule != RuleCenterTextShort:
		base -= 0.1
	}
	if n := utf8.RuneCountInString(c.specialty); n > 8 {
		base -= 0.1
	}
	if times > 1 {
		base += 0.05
	}
	return recConf(base)
}

// hostConfidence estimates how likely the hosts of a center are right:
// the rule's specificity, and whether every host resolves to the
// dictionary of institutions or at least opens with a region's name.
func (st *state) hostConfidence(rule string, hosts []string) float64 {
	base := map[string]float64{
		RuleHostTableCell:    0.85,
		RuleHostBracket:      0.82,
		RuleHostBefore:       0.65,
		RuleHostSubject:      0.75,
		RuleHostInSentence:   0.78,
		RuleHostNextSentence: 0.7,
		RuleHostRespectively: 0.72,
		RuleHostGroup:        0.75,
		RuleHostBylineWe:     0.65,
		RuleHostSoleCenter:   0.55,
		RuleHostLedBy:        0.72,
	}[rule]
	known, regional := 0, 0
	for _, h := range hosts {
		if _, ok := st.t.Lex.Institutions.Resolve(h); ok {
			known++
			continue
		}
		r := []rune(h)
		if _, _, ok := st.t.Lex.Regions.MatchAt(r, 0, st.province); ok {
			regional++
		}
	}
	switch {
	case len(hosts) > 0 && known == len(hosts):
		base += 0.1
	case known+regional == len(hosts):
		base += 0.05
	default:
		base -= 0.1
	}
	return recConf(base)
}

// countConfidence estimates how likely a count is right: the rule, a
// stated level, a region the dictionary knows, a date, and a statement
// the document makes twice.
func countConfidence(rule string, c record.Count, times int) float64 {
	base := map[string]float64{
		RuleCountStated:    0.68,
		RuleCountStatedPre: 0.65,
		RuleCountRanked:    0.62,
	}[rule]
	if c.Level != nil && *c.Level != "" {
		base += 0.1
	} else {
		base -= 0.1
	}
	if c.RegionCode != nil || c.Region == "全国" {
		base += 0.05
	} else {
		base -= 0.15
	}
	if c.AsOf != nil {
		base += 0.03
	}
	if !strings.Contains(c.Subject, "质控中心") && !strings.Contains(c.Subject, "质量控制中心") {
		base -= 0.05 // 质控组织, 质控组: a broader noun
	}
	if times > 1 {
		base += 0.05
	}
	return recConf(base)
}

// coverageConfidence estimates how likely a coverage row is right.
func coverageConfidence(rule string, cov record.Coverage) float64 {
	base := map[string]float64{
		RuleCoverageRow:    0.8,
		RuleCoverageText:   0.65,
		RuleCoverageMatrix: 0.72,
	}[rule]
	if cov.RegionCode != nil {
		base += 0.08
	} else {
		base -= 0.15
	}
	unknown := 0
	for _, id := range cov.MissingIDs {
		if id == "" {
			unknown++
		}
	}
	if len(cov.MissingIDs) > 0 && unknown*3 > len(cov.MissingIDs) {
		base -= 0.1 // many missing names the dictionary does not know: a misread row
	}
	return recConf(base)
}

// activityConfidence estimates how likely an activity is right: the
// rule, whether the sentence itself names the acting center (not a center
// inherited from the story), whether the year of the date is written next
// to it, and whether the center is a full name.
func activityConfidence(rule string, named, yearInSentence, shortCenter bool) float64 {
	base := map[string]float64{
		RuleActivityDated:   0.62,
		RuleActivityTrip:    0.66,
		RuleActivityUndated: 0.35,
	}[rule]
	if named {
		base += 0.1
	} else {
		base -= 0.05
	}
	if yearInSentence {
		base += 0.08
	}
	if shortCenter {
		base -= 0.1
	}
	return recConf(base)
}

// reSpamWords are words of web and gambling advertisements that spam
// injects into pages (…网站下载网址…官方入口…); they never occur in the
// name of a hospital or a university.
var reSpamWords = regexp.MustCompile(`(?i)网站|网址|下载|官网|官方|入口|登录|登陆|注册|彩票|彩金|棋牌|投注|博彩|赌场|开户|充值|娱乐|真人|电竞|平台|app|www|http|\.com`)

// reInstSuffix is the tail of an institution's name.
// (a department of a hospital, …医院急诊科, is a host too; so is a
// hospital's short name, 兰大二院)
var reInstSuffix = regexp.MustCompile(`(?:院|大学|研究所|中心|医院[\p{Han}]{1,8}科)[)）]?$`)

// cleanInstitution returns the name of an institution as written, or ""
// when the text does not look like one: it must end with an institution's
// suffix, hold only Han characters, letters, digits and brackets, be 4 to
// 40 runes long, and carry no words of web spam. Spam injected before a
// real name (…官方入口第三附属医院) is cut off when what follows still looks
// like an institution.
func cleanInstitution(s string) string {
	s = strings.TrimSpace(s)
	if locs := reSpamWords.FindAllStringIndex(s, -1); locs != nil {
		s = strings.TrimSpace(s[locs[len(locs)-1][1]:])
	}
	n := utf8.RuneCountInString(s)
	if n < 4 || n > 40 || !reInstSuffix.MatchString(s) {
		return ""
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !strings.ContainsRune("()（）·", r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return ""
		}
	}
	return s
}
