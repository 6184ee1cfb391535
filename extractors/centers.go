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

// reCenterSuffix matches the fixed tail of a center's name.
var reCenterSuffix = regexp.MustCompile(`医疗质量控制和改进中心|质量控制和改进中心|质量控制与改进中心|质控和改进中心|质量管理与控制中心|医疗质量控制中心|质量控制中心|质控评价中心|质控分中心|质控中心|质量中心`)

// specialtyTrim are dropped from the end of the text between a center's
// region and its suffix to give the specialty as written.
var specialtyTrim = []string{"医疗", "专业", "临床", "诊疗"}

// centerName is a parsed center name.
type centerName struct {
	name       string
	regionText string // as written, "" for national centers
	region     lexicon.Region
	hasRegion  bool
	level      string
	specialty  string
	spec       lexicon.Specialty
	specOK     bool
	deictic    bool   // written 省XX质控中心: the document's province
	bare       bool   // written by specialty alone (临床检验质量控制中心会议)
	parent     string // of a branch (…质控中心株洲分中心): the parent's name
}

// specKey is the center's specialty: its dictionary id when known.
func (c centerName) specKey() string {
	if c.specOK {
		return c.spec.ID
	}
	return c.specialty
}

// key identifies a center within a document.
func (c centerName) key() string {
	sp := c.specKey()
	code := c.regionText
	if c.hasRegion {
		code = c.region.Code
	}
	branch := ""
	if c.parent != "" {
		// two branches of one parent in one region (河东区域分中心,
		// 河西区域分中心) are two centers
		branch = strings.TrimPrefix(c.name, c.parent)
	}
	return c.level + "|" + code + "|" + sp + "|" + c.parent + "|" + branch
}

// reBranch matches the branch named right after a center: …质控中心株洲分中心.
var reBranch = regexp.MustCompile(`^([\p{Han}]{2,10}?)分中心`)

// branchOf returns the branch a center's name goes on to (…质控中心X分中心),
// with X's region and level when X names one, and the end of its name.
func (st *state) branchOf(runes []rune, c centerName, e int) (centerName, int, bool) {
	mm := reBranch.FindStringSubmatch(string(runes[e:min(len(runes), e+14)]))
	if mm == nil {
		return centerName{}, 0, false
	}
	b := c
	b.parent = c.name
	b.name = c.name + mm[0]
	b.deictic, b.bare = false, false
	infix := []rune(mm[1])
	for i := 0; i < len(infix); i++ {
		r, n, ok := st.t.Lex.Regions.MatchAt(infix, i, st.province)
		if !ok {
			continue
		}
		// X区域分中心 names an area of the parent's province (河东区域), not a
		// district X区; and a branch lies inside its parent's province.
		if i+n < len(infix) && infix[i+n] == '域' && infix[i+n-1] == '区' {
			continue
		}
		if c.hasRegion && r.ProvinceCode() != c.region.ProvinceCode() {
			continue
		}
		b.region, b.hasRegion, b.regionText, b.level = r, true, r.Name, r.Level()
		break
	}
	return b, e + len([]rune(mm[0])), true
}

// overlapped reports whether the region name runes[i:i+n] is cut out of
// a verb and a longer name that starts inside it (设立山东省: 立山 and 山东省):
// the longer name, which reaches further, is the region.
func overlapped(regions *lexicon.Regions, runes []rune, i, n, limit int, province string) bool {
	for j := i + 1; j < i+n; j++ {
		if _, m, ok := regions.MatchAt(runes, j, province); ok && j+m > i+n && j+m <= limit && m > n {
			return true
		}
	}
	return false
}

// centerMention is a center named in running text.
type centerMention struct {
	centerName
	span     document.Span // of the name in the document
	sentence document.Span
	para     int // index into the document's paragraphs
}

// isNameRune reports whether r can be part of a center name's specialty.
func isNameRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '（' || r == '）' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || r == '/'
}

// parseCenterAt parses the center whose suffix occupies runes[s:e], looking
// back at most 30 runes for its region. It returns the start of the name.
func (st *state) parseCenterAt(runes []rune, s, e int) (centerName, int, bool) {
	lo := s
	for lo > 0 && s-lo < 30 && isNameRune(runes[lo-1]) {
		lo--
	}
	if c, start, ok := st.specLevelCenterAt(runes, lo, s, e); ok {
		return c, start, true
	}
	regions := st.t.Lex.Regions
	type anchor struct {
		start, end int
		region     lexicon.Region
		national   bool
		deictic    bool
		level      string // of a short form (市…, 县…): its level; "" for 省
	}
	var anchors []anchor
	for i := lo; i < s; i++ {
		if i+2 <= s && string(runes[i:i+2]) == "国家" {
			anchors = append(anchors, anchor{start: i, end: i + 2, national: true})
			continue
		}
		if r, n, ok := regions.MatchAt(runes, i, st.province); ok && i+n <= s && !overlapped(regions, runes, i, n, s, st.province) {
			anchors = append(anchors, anchor{start: i, end: i + n, region: r})
			i += n - 1
			continue
		}
		if n := st.autonomousAt(runes, i, s); n > 0 {
			// 自治区临床药学质控中心: the document's autonomous region
			anchors = append(anchors, anchor{start: i, end: i + n, deictic: true})
			i += n - 1
			continue
		}
		if runes[i] == '省' && (i == 0 || !strings.ContainsRune("全本我该外各", runes[i-1])) {
			end := i + 1
			if end < s && runes[end] == '级' {
				end++ // 省级中医康复质控中心
			}
			anchors = append(anchors, anchor{start: i, end: end, deictic: true})
			continue
		}
		// 市护理质控中心, 县院感质控中心, 市级…: a center of the document's
		// own city or county, written without its name
		if lv, n := shortLevel(runes, i, s); n > 0 && (n == 1 || st.city != "") {
			anchors = append(anchors, anchor{start: i, end: i + n, deictic: true, level: lv})
			i += n - 1
		}
	}
	var best *anchor
	var bestSpec string
	for k := len(anchors) - 1; k >= 0; k-- {
		a := anchors[k]
		spec := specialtyOf(reSession.ReplaceAllString(string(runes[a.end:s]), ""))
		if spec == "" || strings.ContainsAny(spec, "（）") && !strings.Contains(spec, "（") {
			continue
		}
		if !cleanSpecialty(spec) {
			continue
		}
		if best == nil {
			best, bestSpec = &anchors[k], spec
		}
		if _, ok := st.t.Lex.Specialties.Resolve(spec); ok {
			best, bestSpec = &anchors[k], spec
			break
		}
	}
	if best == nil {
		return st.bareCenterAt(runes, lo, s, e)
	}
	a := *best
	c := centerName{specialty: bestSpec}
	start := a.start
	switch {
	case a.national:
		c.level = lexicon.National
	case a.deictic:
		// 湖北省省风湿免疫科…: a region just before the 省 is the real anchor
		for k := len(anchors) - 1; k >= 0; k-- {
			if anchors[k].end == a.start && !anchors[k].national && !anchors[k].deictic {
				a = anchors[k]
				start = a.start
				break
			}
		}
		if a.deictic && a.level != "" {
			// a short form: the city's own center when the document is a
			// city's, else a center whose region the text does not say
			c.deictic, c.level = true, a.level
			switch {
			case a.level == lexicon.Municipal && st.city != "":
				c.region, c.hasRegion = regions.ByCode(st.city)
				c.regionText = c.region.Name
			case a.level == lexicon.County && st.county != "" && runes[a.start] == '县':
				// 县护理质控中心 on a county's own page
				c.region, c.hasRegion = regions.ByCode(st.county)
				c.regionText = c.region.Name
			case a.level == lexicon.Municipal && st.municipality(st.province):
				// in 北京, 天津, 上海, 重庆 the city's centers are provincial
				c.region, c.hasRegion = regions.ByCode(st.province)
				c.regionText, c.level = c.region.Name, lexicon.Provincial
			}
		} else if a.deictic {
			if st.province == "" {
				return centerName{}, 0, false
			}
			c.deictic = true
			c.region, c.hasRegion = regions.ByCode(st.province)
			c.regionText = c.region.Name
			c.level = lexicon.Provincial
		} else {
			c.region, c.hasRegion, c.regionText = a.region, true, string(runes[a.start:a.end])
			c.level = a.region.Level()
		}
	default:
		c.region, c.hasRegion, c.regionText = a.region, true, string(runes[a.start:a.end])
		c.level = a.region.Level()
		// 宜昌市、神农架林区…: regions joined by 、 share the center
		for start >= 2 && runes[start-1] == '、' {
			found := false
			for n := 2; n <= 8 && start-1-n >= 0; n++ {
				if r, ok := regions.Lookup(string(runes[start-1-n:start-1]), st.province); ok {
					c.regionText = string(runes[start-1-n:start-1]) + "、" + c.regionText
					if r.Level() == lexicon.Municipal && c.level == lexicon.County {
						c.level = lexicon.Municipal
					}
					start = start - 1 - n
					found = true
					break
				}
			}
			if !found {
				break
			}
		}
	}
	c.name = string(runes[start:e])
	c.spec, c.specOK = st.resolveSpecialty(reSession.ReplaceAllString(string(runes[a.end:s]), ""), c.specialty)
	if !c.specOK && len([]rune(c.specialty)) > 10 {
		return centerName{}, 0, false // a phrase ran into the name, not a specialty
	}
	return c, start, true
}

// reSession matches the term of a center's committee written inside its
// name (安庆市普外科第二届医疗质量控制中心): not part of the specialty.
var reSession = regexp.MustCompile(`第[一二三四五六七八九十\d]{1,3}届`)

// reLevelTail matches a level written after the specialty: 病理专业国家级
// 质控中心 names the national pathology center.
var reLevelTail = regexp.MustCompile(`(国家级|省级|市级|县级|区级)$`)

// specLevelCenterAt parses a center named in the order specialty, then
// level (病理专业国家级质控中心): the specialty must be one the dictionary
// knows. A provincial or city level takes the document's province or city.
func (st *state) specLevelCenterAt(runes []rune, lo, s, e int) (centerName, int, bool) {
	head := string(runes[lo:s])
	lm := reLevelTail.FindStringIndex(head)
	if lm == nil {
		return centerName{}, 0, false
	}
	level := levelOf(head[lm[0]:])
	before := []rune(head[:lm[0]])
	for i := 0; i+2 <= len(before); i++ {
		raw := string(before[i:])
		spec := specialtyOf(raw)
		if spec == "" || !cleanSpecialty(spec) {
			continue
		}
		sp, ok := st.resolveSpecialty(raw, spec)
		if !ok {
			continue
		}
		c := centerName{name: string(runes[lo+i : e]), level: level, specialty: spec, spec: sp, specOK: true}
		switch level {
		case lexicon.National:
		case lexicon.Provincial:
			if st.province == "" {
				return centerName{}, 0, false
			}
			c.region, c.hasRegion = st.t.Lex.Regions.ByCode(st.province)
			c.regionText, c.deictic = c.region.Name, true
		default:
			city := st.city
			if city == "" && level == lexicon.Municipal {
				city = st.onlyCity() // a city hospital's page: the city it names
			}
			if city == "" {
				return centerName{}, 0, false
			}
			c.region, c.hasRegion = st.t.Lex.Regions.ByCode(city)
			c.regionText, c.deictic = c.region.Name, true
		}
		return c, lo + i, true
	}
	return centerName{}, 0, false
}

// onlyCity returns the code of the one prefecture-level city the
// document's title and body name in full (鹰潭市), or "" when they name
// none or several.
func (st *state) onlyCity() string {
	if st.oneCity != nil {
		return *st.oneCity
	}
	texts := []string{st.meta.Title}
	for _, p := range st.paras {
		texts = append(texts, st.doc.Slice(p.Span))
	}
	code := ""
	for _, t := range texts {
		r := []rune(t)
		for i := 0; i < len(r); i++ {
			reg, n, ok := st.t.Lex.Regions.MatchAt(r, i, st.province)
			if !ok {
				continue
			}
			if reg.Kind == "prefecture" && string(r[i:i+n]) == reg.Name {
				if code != "" && code != reg.Code {
					code = ""
					st.oneCity = &code
					return ""
				}
				code = reg.Code
			}
			i += n - 1
		}
	}
	st.oneCity = &code
	return code
}

// bareCenterAt parses a center named by its specialty alone, without a
// region or level: the longest run of runes before the suffix that the
// dictionary knows as a specialty. Such a mention only stands for a center
// the document names in full (see resolveBare).
func (st *state) bareCenterAt(runes []rune, lo, s, e int) (centerName, int, bool) {
	for i := lo; i+2 <= s; i++ {
		raw := string(runes[i:s])
		spec := specialtyOf(raw)
		if spec == "" || !cleanSpecialty(spec) {
			continue
		}
		if sp, ok := st.resolveSpecialty(raw, spec); ok {
			return centerName{name: string(runes[i:e]), specialty: spec, spec: sp, specOK: true, bare: true}, i, true
		}
	}
	return centerName{}, 0, false
}

// resolveBare gives each mention written without its region (市护理质控中心,
// 临床检验质量控制中心) the center the document names in full with the same
// specialty (and level, for short forms), when there is exactly one; bare
// mentions without such a center are dropped, short forms kept.
func resolveBare(ms []centerMention) []centerMention {
	full := map[string]map[string]centerName{} // specialty → key → name
	for _, m := range ms {
		if m.bare || m.deictic && !m.hasRegion {
			continue
		}
		k := m.specKey()
		if full[k] == nil {
			full[k] = map[string]centerName{}
		}
		if cur, ok := full[k][m.key()]; !ok || len([]rune(m.name)) > len([]rune(cur.name)) {
			full[k][m.key()] = m.centerName
		}
	}
	out := ms[:0]
	for _, m := range ms {
		if !m.bare && !(m.deictic && !m.hasRegion) {
			out = append(out, m)
			continue
		}
		var cands []centerName
		for _, c := range full[m.specKey()] {
			if m.bare || c.level == m.level {
				cands = append(cands, c)
			}
		}
		if len(cands) == 1 {
			alias := m.name
			m.centerName = cands[0]
			m.name = alias
			m.bare = false
		}
		if !m.bare {
			out = append(out, m)
		}
	}
	return out
}

// resolveSpecialty resolves a center's specialty, trying the text as
// written before the trimmed form (日间医疗 is a specialty; 日间 is not).
func (st *state) resolveSpecialty(raw, trimmed string) (lexicon.Specialty, bool) {
	for _, s := range []string{raw, trimmed, strings.TrimPrefix(trimmed, "临床")} {
		if sp, ok := st.t.Lex.Specialties.Resolve(s); ok {
			return sp, true
		}
	}
	return lexicon.Specialty{}, false
}

// specialtyOf trims the written specialty of a center name.
func specialtyOf(s string) string {
	for changed := true; changed; {
		changed = false
		for _, t := range specialtyTrim {
			if strings.HasSuffix(s, t) && len([]rune(s)) > len([]rune(t)) {
				s = strings.TrimSuffix(s, t)
				changed = true
			}
		}
	}
	if s == "医疗" || s == "专业" || s == "诊疗" {
		return ""
	}
	return s
}

// notSpecialty are words that never occur inside a specialty: their
// presence means the anchor is too far left.
var notSpecialty = regexp.MustCompile(`的|为|在|由|是|对|向|将|已|了|成立|召开|举办|开展|参加|组织|联合|暨|卫生健康|卫健委|委员会|宣布|推动|邀请|挂靠|依托|管理办公室|各级|各地|市级|县级|省级|地市|市县|区县|二级|三级|优秀|先进|示范|荣誉|学会|协会|专委会|工作|以下|以上|医院（|医院\(|通过|近年|以来|目前|公司|集团|股份`)

// reBracketed matches a bracketed part of a name.
var reBracketed = regexp.MustCompile(`（[^（）]*）|\([^()]*\)`)

// municipality reports whether a province is a municipality under the
// central government (北京市, 天津市, 上海市, 重庆市): a province-level region
// that is a city, whose city-level centers are provincial.
func (st *state) municipality(code string) bool {
	r, ok := st.t.Lex.Regions.ByCode(code)
	return ok && r.Kind == "province" && strings.HasSuffix(r.Name, "市")
}

// shortLevel recognizes the short form of a city's or county's center at
// runes[i] (市…, 县…, 区…, 市级…): the level and the length of the prefix,
// or 0. The prefix must not end a longer word (全市, 城市, 某某市 unknown to
// the dictionaries): only punctuation, a digit or a function word may stand
// before it.
func shortLevel(runes []rune, i, limit int) (string, int) {
	lv := ""
	switch runes[i] {
	case '市':
		lv = lexicon.Municipal
	case '县', '区':
		lv = lexicon.County
	default:
		return "", 0
	}
	if i > 0 && unicode.Is(unicode.Han, runes[i-1]) && !strings.ContainsRune("我本由在和与及对为是即经的向到赴", runes[i-1]) {
		return "", 0
	}
	n := 1
	if i+1 < limit && runes[i+1] == '级' {
		n = 2
	}
	return lv, n
}

func cleanSpecialty(s string) bool {
	n := len([]rune(s))
	if n == 0 || n > 20 || strings.HasPrefix(s, "级") || strings.ContainsAny(s, "各该本其") {
		return false // the cheap tests first: a specialty is short
	}
	if b := reBracketed.ReplaceAllString(s, ""); b == "" || strings.HasPrefix(b, "级") {
		return false // 县（区）级质控中心: a level, not a specialty
	}
	return !notSpecialty.MatchString(s)
}

// reQuotedName matches quoted names and titles: “…”, 《…》.
var reQuotedName = regexp.MustCompile(`“[^”]*”|《[^》]*》`)

var (
	// reAwardWords mark a quoted title as an award (“优秀质控中心”)
	reAwardWords = regexp.MustCompile(`优秀|先进|示范|荣誉|称号|标兵|模范|奖`)
	// reQuotedCenter is a quotation that is a center's name and nothing else
	reQuotedCenter = regexp.MustCompile(`^“[^”，。、]{2,30}(?:质控中心|质量控制中心|质量控制和改进中心|质量管理与控制中心|质控分中心)”$`)
)

func insideAny(ms []match, at int) bool {
	for _, m := range ms {
		if at >= m.start && at < m.end {
			return true
		}
	}
	return false
}

// rePluralBefore ends the text before a center's name that counts several
// centers of that kind (全国30个省级麻醉质控中心, 首批7家市级…中心).
// So does a batch (第三批省级…质控中心成立, 首批市级…中心).
var rePluralBefore = regexp.MustCompile(`(?:(?:` + cnNum + `)(?:余|多)?(?:个|家)|第[一二三四五六七八九十\d]{1,3}批|首批|新一批|一批|批次)(?:新|新增|新成立)?$`)

// reNonMedical finds a field outside medicine in a center's specialty
// that the dictionaries do not know: environment monitoring, metrology,
// construction, food and farm products, water, weather, surveying,
// statistics, education, traffic — their quality-control centers are not
// medical ones.
var reNonMedical = regexp.MustCompile(`生态|环境|环保|计量|工程|建筑|建设|食品|农产品|农业|水质|水文|水利|气象|测绘|地质|统计|教育|交通|产品质量|纤维|特种设备|烟草|粮食|林业`)

// findCenterMentions finds every center named in the paragraphs.
func (st *state) findCenterMentions() []centerMention {
	doc := st.doc
	runes := doc.Runes()
	var out []centerMention
	for pi, p := range st.paras {
		for _, sent := range doc.Sentences(p.Span) {
			text := doc.Slice(sent)
			if !strings.Contains(text, "中心") {
				continue
			}
			var quoted []match
			for _, q := range findAll(reQuotedName, text) {
				// a document's title, or an award; a center's name in quotes
				// (获批“某市病理质控中心”挂靠单位) is still a center
				if strings.HasPrefix(q.groups[0], "《") || reAwardWords.MatchString(q.groups[0]) || !reQuotedCenter.MatchString(q.groups[0]) {
					quoted = append(quoted, q)
				}
			}
			for _, m := range findAll(reCenterSuffix, text) {
				if insideAny(quoted, m.start) {
					continue // an award or a document title, not a center
				}
				s, e := sent.Start+m.start, sent.Start+m.end
				c, start, ok := st.parseCenterAt(runes, s, e)
				if !ok {
					continue
				}
				if !c.specOK && reNonMedical.MatchString(c.specialty) {
					continue // 生态环境监测质量控制中心: quality control outside medicine
				}
				if m.groups[0] == "质量中心" && (!c.specOK || !c.hasRegion || c.bare) {
					continue // 质量中心 without 控制: only a full name with a known specialty
				}
				if strings.HasPrefix(string(runes[e:min(len(runes), e+4)]), "称号") || strings.HasPrefix(string(runes[e:min(len(runes), e+6)]), "荣誉称号") {
					continue // an award's title: 获…先进质量控制中心称号
				}
				if rePluralBefore.MatchString(string(runes[max(0, start-6):start])) {
					continue // 30个省级麻醉质控中心, 159个省级…中心: many centers, not one
				}
				if b, be, ok := st.branchOf(runes, c, e); ok {
					c, e = b, be
				}
				out = append(out, centerMention{centerName: c, span: document.Span{Start: start, End: e}, sentence: sent, para: pi})
			}
		}
	}
	out = resolveBare(out)
	// in text order (mentionsIn searches them)
	sort.SliceStable(out, func(i, j int) bool { return out[i].span.Start < out[j].span.Start })
	return out
}

var (
	reHostAfter = regexp.MustCompile(`^[（(](?:挂靠|依托|设在|承担单位[:：]?)(?:于|在)?([\p{Han}（），,、]{4,60}?)[）)]`)
	// reHostInSent is a host the rest of a center's sentence names: 挂靠于X,
	// 依托单位为X, 依托单位仍为X, 挂靠单位不变（X）, 由X牵头建设, 设在X
	reHostInSent = regexp.MustCompile(`(?:挂靠|依托)(?:单位)?(?:(?:保持|维持)?不变[（(]|(?:仍然|仍|依然)?(?:[:：为是])?(?:于|在)?)([\p{Han}]{2,28}(?:医院|卫生院|保健院|医学院|大学|研究院|研究所|中心))|^由([\p{Han}]{2,28}?(?:医院|卫生院|保健院|医学院|大学|研究院|研究所|中心))(?:牵头|负责)?(?:建设|组建|承担|挂靠)|^(?:设在|落户)([\p{Han}]{2,28}?(?:医院|卫生院|保健院|医学院|大学|研究院|研究所|中心))`)
	reInstBefore = regexp.MustCompile(`([\p{Han}]{2,20}(?:医院|卫生院|保健院|急救中心|救援中心))$`)
	reFounded    = regexp.MustCompile(`成立|授牌|揭牌|挂牌`)
)

// extractCenters lists the centers of tables and text, one record per
// center. Each record carries the rule that first found it and a
// confidence from its evidence; hosts carry their own.
func (st *state) extractCenters() []record.Center {
	var out []record.Center
	var names []centerName
	times := map[int]int{}
	hostAgree := map[int]bool{}
	index := map[string]int{}
	add := func(c record.Center, key string, alias string, cn centerName) {
		if i, ok := index[key]; ok {
			prev := &out[i]
			times[i]++
			if alias != "" && alias != prev.Name {
				// the fuller name, but not one with a term of office inside
				longer := len([]rune(alias)) > len([]rune(prev.Name)) && !reSession.MatchString(alias)
				if prev.Source == "text" && (longer || reSession.MatchString(prev.Name) && !reSession.MatchString(alias)) {
					prev.Aliases = uniq(prev.Aliases, prev.Name)
					prev.Name = alias
				} else {
					prev.Aliases = uniq(prev.Aliases, alias)
				}
			}
			if len(c.Institutions) > 0 {
				switch {
				case len(prev.Institutions) == 0:
					prev.HostRule = c.HostRule
				case sameSet(prev.Institutions, c.Institutions):
					hostAgree[i] = true // two statements name the same hosts
				}
			}
			for _, in := range c.Institutions {
				prev.Institutions = uniq(prev.Institutions, in)
			}
			if prev.Established == nil {
				prev.Established = c.Established
			}
			if !names[i].specOK && cn.specOK {
				names[i] = cn
			}
			return
		}
		index[key] = len(out)
		times[len(out)] = 1
		out = append(out, c)
		names = append(names, cn)
	}
	for _, tc := range st.tableCenters() {
		add(tc.rec, tc.key, "", tc.name)
	}
	for _, lc := range st.listCenters() {
		add(lc.rec, lc.key, "", lc.name)
	}

	founded := st.foundingDates()
	renamed := st.renamedMentions()
	for i, m := range st.mentions {
		if !m.hasRegion && m.level != lexicon.National && !m.deictic {
			continue
		}
		if _, ok := renamed[i]; ok {
			continue // a former name: an alias of the center it was renamed to
		}
		rec := st.centerRecord(m.centerName, "text")
		rec.Evidence = st.evidence(m.sentence)
		rec.Rule = RuleCenterTextNamed
		switch {
		case m.parent != "":
			rec.Rule = RuleCenterTextBranch
		case m.deictic:
			rec.Rule = RuleCenterTextShort
		}
		if hosts, rule := st.textHosts(i, m); len(hosts) > 0 {
			rec.Institutions, rec.HostRule = hosts, rule
		}
		if d, ok := founded[i]; ok {
			rec.Established = record.Str(d)
		}
		add(rec, m.key(), m.name, m.centerName)
	}
	for _, i := range slices.Sorted(maps.Keys(renamed)) {
		j := renamed[i]
		k, ok := index[st.mentions[j].key()]
		if !ok {
			continue
		}
		c := &out[k]
		if newName := st.mentions[j].name; c.Name != newName {
			c.Aliases = uniq(c.Aliases, c.Name)
			c.Name = newName
			c.Aliases = slices.DeleteFunc(c.Aliases, func(a string) bool { return a == newName })
		}
		c.Aliases = uniq(c.Aliases, st.mentions[i].name)
	}
	st.groupHosts(out, index)
	st.changedHosts(out, index)
	st.respectiveHosts(out, index)
	st.ledHosts(out, index)
	st.soleCenterHost(out)
	for i := range out {
		c := &out[i]
		c.Confidence = centerConfidence(c.Rule, names[i], times[i])
		if len(c.Institutions) == 0 {
			c.HostRule = ""
			continue
		}
		c.HostConfidence = st.hostConfidence(c.HostRule, c.Institutions)
		if hostAgree[i] {
			c.HostConfidence = recConf(c.HostConfidence + 0.08)
		}
	}
	return out
}

// sameSet reports whether two lists hold the same strings.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}

// textHosts reads the hosts of the center named by mention i, and the
// rule that found them: 中心（挂靠X）, X（中心）, 中心挂靠于X, X是…中心挂靠单位,
// or 该中心挂靠于X in the next sentence. Names that do not look like an
// institution's are dropped (see cleanInstitution).
func (st *state) textHosts(i int, m centerMention) ([]string, string) {
	runes := st.doc.Runes()
	var hosts []string
	rule := ""
	after := string(runes[m.span.End:min(len(runes), m.span.End+40)])
	if hs := st.hostsAsSubject(runes, m); len(hs) > 0 {
		hosts, rule = hs, RuleHostSubject
	} else if hm := reHostAfter.FindStringSubmatch(after); hm != nil {
		hosts, rule = splitOutsideBrackets(hm[1], "，,、"), RuleHostBracket
	} else if m.span.Start > 0 && runes[m.span.Start-1] == '（' {
		before := string(runes[max(0, m.span.Start-31) : m.span.Start-1])
		if im := reInstBefore.FindStringSubmatch(before); im != nil {
			hosts, rule = []string{st.trimInstitution(im[1])}, RuleHostBefore
		}
	} else if hs, ok := hostRightAfter(st.doc.Slice(document.Span{Start: m.span.End, End: m.sentence.End})); ok {
		hosts, rule = hs, RuleHostInSentence
	} else if hm := st.hostInSentence(i, m); hm != nil {
		hosts, rule = []string{hm[1] + hm[2] + hm[3]}, RuleHostInSentence
	} else if next := st.nextSentence(m); strings.HasPrefix(st.doc.Slice(next), "该中心") {
		// 该中心挂靠于X in the next sentence refers to this center
		if hm := reHostInSent.FindStringSubmatch(st.doc.Slice(next)); hm != nil {
			hosts, rule = []string{hm[1] + hm[2] + hm[3]}, RuleHostNextSentence
		}
	}
	if len(hosts) == 0 && reWeRole.MatchString(after) {
		hosts, rule = []string{"我院"}, RuleHostInSentence
	}
	if len(hosts) == 0 && reWeBefore.MatchString(string(runes[max(m.sentence.Start, m.span.Start-16):m.span.Start])) {
		hosts, rule = []string{"我院"}, RuleHostInSentence
	}
	if rule == RuleHostInSentence || rule == RuleHostNextSentence {
		var split []string
		for _, h := range hosts {
			split = append(split, splitHosts(h)...)
		}
		hosts = split
	}
	var out []string
	for _, h := range hosts {
		h = reChangedFrom.ReplaceAllString(h, "") // 由Y调整为X: the new host X
		if reWeHost.MatchString(h) {
			// 我院: the hospital whose page this is
			h, rule = st.ownInstitution(m.centerName), RuleHostBylineWe
		}
		out = uniq(out, cleanInstitution(h))
	}
	if len(out) == 0 {
		return nil, ""
	}
	return out, rule
}

var (
	// reHostVerbAfter opens the text right after a center that goes on to
	// say where it is hosted: …中心挂靠于X, …中心落户到X, …中心设在X
	reHostVerbAfter = regexp.MustCompile(`^(?:正式)?(?:挂靠|依托|设在|落户|设于)(?:单位)?(?:[:：为是])?(?:到|于|在)?`)
	// reWeRole: …中心挂靠单位，我院…: the page's hospital is the host
	reWeRole = regexp.MustCompile(`^(?:的)?(?:挂靠|依托|承担|牵头)单位[，,](?:我院|本院)`)
	// reWeBefore: the page's hospital named as the host right before the
	// center: 依托我院设立X中心, 我院牵头的X中心, 由我院承担的X中心
	reWeBefore = regexp.MustCompile(`(?:(?:依托|挂靠|落户)(?:于|在)?(?:我院|本院)(?:设立|成立|组建|建立|设置)?|(?:我院|本院)(?:牵头|承担|负责)(?:组建|建设|成立|设立)?)(?:的)?$`)
)

// hostRightAfter reads the host named right after a center's name (…中心
// 挂靠于X医院): the longest institution name the clause opens with.
func hostRightAfter(after string) ([]string, bool) {
	loc := reHostVerbAfter.FindStringIndex(after)
	if loc == nil {
		return nil, false
	}
	rest := after[loc[1]:]
	if reWeHost.MatchString(rest) {
		return []string{"我院"}, true
	}
	if c := reHostClauseEnd.FindStringIndex(rest); c != nil {
		rest = rest[:c[0]]
	}
	r := []rune(rest)
	end := 0
	for end < len(r) && end < 40 && (unicode.Is(unicode.Han, r[end]) || strings.ContainsRune("（）()", r[end])) {
		end++
	}
	for k := end; k >= 4; k-- {
		if cleanInstitution(string(r[:k])) == "" {
			continue
		}
		var hosts []string
		for _, h := range splitHosts(string(r[:k])) {
			if h = cleanInstitution(h); h != "" {
				hosts = append(hosts, h)
			}
		}
		return hosts, len(hosts) > 0
	}
	return nil, false
}

// reHostClauseEnd ends the host named in a clause: what follows is what
// the host does (…医院负责建设, …医院的某科)
var reHostClauseEnd = regexp.MustCompile(`的|并|将|负责|承担|牵头|管理|建设|组建|实行|开展`)

var (
	// reHostRole follows a center named as the object of a host's role:
	// …是/作为/成为X质控中心(的)挂靠单位
	reHostRole = regexp.MustCompile(`^[”"]?(?:的)?(?:挂靠|依托|落点|承担|牵头|支撑|建设)单位`)
	// reHostVerb ends the text before such a center: the host is its subject
	reHostVerb = regexp.MustCompile(`(?:共同)?(?:获批)?(?:是|为|作为|成为)(?:了)?$`)
	// reInstName is an institution's name; reInstLead the words a clause
	// puts before it
	reInstName = regexp.MustCompile(`[\p{Han}A-Za-z0-9 （）()]{2,40}?(?:医院|保健院|卫生院|医学中心|中心|大学|学院|研究所|研究院)$`)
	reInstLead = regexp.MustCompile(`^(?:[一二三四五六七八九十\d]+[、.．]|[（(][一二三四五六七八九十\d]+[）)])?(?:近日|日前|确定|同意|明确|批准|指定|经研究|由|将|以|其中|目前|现)?`)
	reInstHead = regexp.MustCompile(`^[\p{Han}]{2,30}?(?:医院|保健院|卫生院|医学中心|血液中心|中心|大学)`)
	// reSubjectEnd ends the subject that opens a sentence
	reSubjectEnd = regexp.MustCompile(`成立|始建|创建|建于|位于|现有|是|为|始于|作为`)
)

// hostsAsSubject reads hosts written as the subject of a role: "A和B共同为
// X质控中心依托单位", "A作为X质控中心挂靠单位", "A……，是X质控中心挂靠单位"
// (the sentence's subject). Several hosts joined by 和/与/及/、 are all
// returned.
func (st *state) hostsAsSubject(runes []rune, m centerMention) []string {
	after := string(runes[m.span.End:min(len(runes), m.span.End+8)])
	if !reHostRole.MatchString(after) {
		return nil
	}
	before := strings.TrimRight(string(runes[m.sentence.Start:m.span.Start]), "“\"")
	loc := reHostVerb.FindStringIndex(before)
	if loc == nil {
		return nil
	}
	subject := before[:loc[0]]
	clause := subject
	if i := strings.LastIndexAny(clause, "，,；;：:"); i >= 0 {
		_, size := utf8.DecodeRuneInString(clause[i:])
		clause = clause[i+size:]
	}
	clause = reInstLead.ReplaceAllString(strings.TrimSpace(clause), "")
	if reWeHost.MatchString(clause) {
		return []string{"我院"} // the page's hospital: textHosts resolves it
	}
	var hosts []string
	for _, part := range splitHosts(clause) {
		if reInstName.MatchString(part) {
			hosts = append(hosts, part)
		}
	}
	if len(hosts) == 0 {
		// the subject opens the sentence: 长沙血液中心成立于…，是…挂靠单位
		head := strings.TrimSpace(subject)
		if i := strings.IndexAny(head, "，,；;"); i >= 0 {
			head = head[:i]
		}
		if loc := reSubjectEnd.FindStringIndex(head); loc != nil {
			head = head[:loc[0]]
		}
		if reInstName.MatchString(head) && reInstHead.MatchString(head) {
			hosts = append(hosts, head)
		}
	}
	return hosts
}

// splitHosts splits a list of institutions at 和, 与, 及 and 、 where the
// part before ends an institution's name (北京协和医院 keeps its 和).
func splitHosts(s string) []string {
	var out []string
	r := []rune(s)
	start := 0
	for i, c := range r {
		if strings.ContainsRune("和与及、", c) && reInstName.MatchString(string(r[start:i])) {
			out = append(out, strings.TrimSpace(string(r[start:i])))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(string(r[start:])))
}

// hostInSentence matches reHostInSent on the rest of mention i's sentence
// when it is the sentence's last mention (nil otherwise). Only the last
// mention reads it, and only text holding one of the pattern's words can
// match: a long sentence of many centers is not read once per center.
func (st *state) hostInSentence(i int, m centerMention) []string {
	if !st.lastMentionInSentence(i) {
		return nil
	}
	rest := st.doc.Slice(document.Span{Start: m.span.End, End: m.sentence.End})
	if !strings.Contains(rest, "挂靠") && !strings.Contains(rest, "依托") &&
		!strings.HasPrefix(rest, "由") && !strings.HasPrefix(rest, "设在") && !strings.HasPrefix(rest, "落户") {
		return nil
	}
	return reHostInSent.FindStringSubmatch(rest)
}

// lastMentionInSentence reports whether mention i is the last center named
// in its sentence.
func (st *state) lastMentionInSentence(i int) bool {
	return i == len(st.mentions)-1 || st.mentions[i+1].sentence != st.mentions[i].sentence
}

// nextSentence returns the sentence after a mention's sentence in its
// paragraph, or an empty span.
func (st *state) nextSentence(m centerMention) document.Span {
	paras := st.paras
	if m.para >= len(paras) {
		return document.Span{}
	}
	for _, s := range st.sentences(paras[m.para].Span) {
		if s.Start >= m.sentence.End {
			return s
		}
	}
	return document.Span{}
}

// trimInstitution drops a leading preposition or verb from an institution
// name found by a pattern (前往赤壁市人民医院 → 赤壁市人民医院).
func (st *state) trimInstitution(s string) string {
	if loc := reInstCut.FindAllStringIndex(s, -1); loc != nil {
		if last := loc[len(loc)-1]; last[1] < len(s) {
			s = s[last[1]:]
		}
	}
	r := []rune(s)
	for i := 0; i+4 <= len(r); i++ {
		if _, _, ok := st.t.Lex.Regions.MatchAt(r, i, st.province); ok {
			return string(r[i:])
		}
	}
	return s
}

// reInstCut matches the words before which an institution's name cannot
// start.
var reInstCut = regexp.MustCompile(`前往|赴|到|在|于|及|和|、|对|向|由|为|作为|质控中心|控制中心`)

// centerRecord builds the record of a parsed center name.
func (st *state) centerRecord(c centerName, source string) record.Center {
	rec := record.Center{
		Name:         c.name,
		Level:        record.Str(c.level),
		Specialty:    record.Str(c.specialty),
		Institutions: []string{},
		Source:       source,
	}
	if c.regionText != "" {
		rec.Region = record.Str(c.regionText)
	}
	if c.hasRegion {
		rec.RegionCode = record.Str(c.region.Code)
	}
	if c.specOK {
		rec.SpecialtyID = record.Str(c.spec.ID)
		rec.SpecialtyFull = record.Str(c.spec.Name)
	}
	if c.parent != "" {
		rec.Parent = record.Str(c.parent)
	}
	return rec
}

// foundingDates returns, by mention index, the date a center was founded
// when a sentence says so: 成立/授牌/揭牌 next to the center with a date.
// In a sentence naming a higher-level and lower-level centers, the
// lower-level ones are those founded (the provincial center attends).
// Several dates joined by 和 pair with the founded centers in order.
func (st *state) foundingDates() map[int]string {
	out := map[int]string{}
	strong := map[string]string{} // center key → a founding's own date
	bySentence := map[document.Span][]int{}
	var order []document.Span
	for i, m := range st.mentions {
		if _, seen := bySentence[m.sentence]; !seen {
			order = append(order, m.sentence)
		}
		bySentence[m.sentence] = append(bySentence[m.sentence], i)
	}
	rank := map[string]int{lexicon.National: 0, lexicon.Provincial: 1, lexicon.Municipal: 2, lexicon.County: 3}
	for _, sent := range order {
		text := st.doc.Slice(sent)
		if !reFounded.MatchString(text) || rePlanned.MatchString(text) {
			continue
		}
		idx := bySentence[sent]
		lowest := -1
		for _, i := range idx {
			lowest = max(lowest, rank[st.mentions[i].level])
		}
		var founded []int
		seen := map[string]bool{}
		for _, i := range idx {
			m := st.mentions[i]
			if len(idx) > 1 && rank[m.level] < lowest && !foundedRightAfter(st.doc.Runes(), m.span.End) {
				continue
			}
			if seen[m.key()] {
				continue
			}
			seen[m.key()] = true
			founded = append(founded, i)
		}
		year := st.year
		var para document.Span
		if pi := st.mentions[idx[0]].para; pi < len(st.paras) {
			para = st.paras[pi].Span
			year = st.contextYear(sent, para)
		}
		var dates []string
		for _, dm := range st.findDates(text, year) {
			if dm.Precision == cnparse.Day {
				dates = append(dates, dm.From.String())
			}
		}
		if len(dates) == 0 {
			dates = st.rowDates(sent, para, year)
		}
		if len(dates) == 0 {
			continue
		}
		ceremony := isCeremonyOnly(text)
		for k, i := range founded {
			d := dates[0]
			if len(dates) == len(founded) {
				d = dates[k]
			}
			out[i] = d
			if !ceremony {
				strong[st.mentions[i].key()] = d
			}
		}
	}
	// the day a document founded the center beats the day of its founding
	// ceremony (成立大会) when the text gives both
	for i, m := range st.mentions {
		if d, ok := strong[m.key()]; ok {
			if _, dated := out[i]; dated {
				out[i] = d
			}
		}
	}
	return out
}

// reCeremonyNoun follows 成立 in the name of a founding ceremony.
var reCeremonyNoun = regexp.MustCompile(`^(?:大会|仪式|会议|会|典礼|暨)`)

// isCeremonyOnly reports whether a sentence speaks of a founding only as
// the name of its ceremony (…中心成立大会召开), not of the founding itself
// (…中心正式成立, 授牌).
func isCeremonyOnly(text string) bool {
	if strings.Contains(text, "授牌") || strings.Contains(text, "揭牌") || strings.Contains(text, "挂牌") {
		return false
	}
	for rest := text; ; {
		i := strings.Index(rest, "成立")
		if i < 0 {
			return true
		}
		rest = rest[i+len("成立"):]
		if !reCeremonyNoun.MatchString(rest) {
			return false
		}
	}
}

func foundedRightAfter(r []rune, end int) bool {
	s := string(r[end:min(len(r), end+6)])
	return strings.HasPrefix(s, "成立") || strings.HasPrefix(s, "正式成立") || strings.HasPrefix(s, "授牌") || strings.HasPrefix(s, "揭牌")
}

type tableCenter struct {
	rec  record.Center
	key  string
	name centerName
}

// column finds the first header cell matching re and not matching not.
func column(header []document.Cell, re, not *regexp.Regexp) int {
	for i, c := range header {
		if re.MatchString(c.Text) && (not == nil || !not.MatchString(c.Text)) {
			return i
		}
	}
	return -1
}

var (
	reColName   = regexp.MustCompile(`名称|质控中心$|中心名`)
	reColHost   = regexp.MustCompile(`单位|依托|挂靠|承担|医院|机构`)
	reColSeq    = regexp.MustCompile(`^序号$|^编号$|^序$`)
	reColSpec   = regexp.MustCompile(`专业|学科`)
	reColRegion = regexp.MustCompile(`省辖市|设区市|地级市|地市|城市|市州|市\(州\)|市（州）|地区|区县|县区|县（市、区）|^市$|^县$|行政区`)
	reColUnit   = regexp.MustCompile(`单位`)
	// reColCenter: a name column of centers; reColHostStrict: a column of
	// host institutions by its own words
	reColCenter     = regexp.MustCompile(`中心`)
	reColHostStrict = regexp.MustCompile(`挂靠|依托|承担|责任单位|牵头|建设单位|设置单位|所在单位|医院|医疗机构`)
	rePlanned       = regexp.MustCompile(`将|计划|拟|筹备`)
	// reSplitHost splits a host cell into institutions: at separators,
	// and at the full stops and colons OCR reads from the dots of a
	// cell's rule or leader
	reSplitHost = regexp.MustCompile(`[ 、，,；;/。．：:]+`)
	// reColFounded: a column of the dates the centers were set up
	reColFounded = regexp.MustCompile(`成立(?:时间|日期)|设立(?:时间|日期)|批准(?:时间|日期)|挂牌(?:时间|日期)|授牌(?:时间|日期)`)
)

// tableContext returns the text of the paragraph just before a table (its
// caption), for the level and region of rows that do not name them.
func (st *state) tableContext(tb document.Block) string {
	bs := st.doc.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Span.Start >= tb.Span.Start })
	for i--; i >= 0; i-- {
		if bs[i].Kind == document.Paragraph {
			return st.doc.Slice(bs[i].Span)
		}
	}
	return ""
}

// tableCenters reads center lists: tables with a name column and a host
// column (or a specialty column and a host column).
func (st *state) tableCenters() []tableCenter {
	var out []tableCenter
	// prev is the layout of the center table just read, which a
	// headerless table right after it continues
	var prev *centerColumns
	for _, tb := range st.doc.Blocks {
		if tb.Kind != document.Table {
			prev = nil // text between two tables: the second is another
			continue
		}
		rows := tb.Rows[min(tb.Header, len(tb.Rows)):]
		var cols centerColumns
		switch {
		case tb.Header == 0 && prev != nil && len(rows) > 0:
			cols, rows = prev.continued(rows)
		case tb.Header == 0 || len(tb.Rows) < 2:
			prev = nil
			continue
		default:
			var ok bool
			if cols, ok = centerTableColumns(tb.Rows[0].Cells); !ok {
				prev = nil
				continue
			}
			cols.caption = st.tableContext(tb)
		}
		prev = &cols
		seqCol, nameCol, hostCol, specCol, regionCol, foundedCol := cols.seq, cols.name, cols.host, cols.spec, cols.region, cols.founded
		merged, centerHeader, caption := cols.merged, cols.centerHeader, cols.caption
		first := len(out)
		var seqs []string // the sequence cells of the table's centers
		for _, row := range rows {
			cells := row.Cells
			if shiftedLeft(cells, seqCol, nameCol) {
				cells = append([]document.Cell{{}}, cells...)
			}
			cell := func(i int) string {
				if i < 0 || i >= len(cells) {
					return ""
				}
				return cells[i].Text
			}
			if len(row.Cells) > 0 && reTotalRow.MatchString(strings.TrimSpace(row.Cells[0].Text)) {
				continue // the total row: no center
			}
			var c centerName
			var ok bool
			nameText, hostText := cell(nameCol), cell(hostCol)
			if merged || hostCol != nameCol && strings.TrimSpace(hostText) == "" {
				// one cell for both; or the host ran into the name's cell
				// (a scan lost the boundary) and its own cell is empty
				nameText, hostText = splitNameHost(nameText)
			}
			if nameCol >= 0 && nameText != "" {
				c, ok = st.parseTableName(nameText, cell(regionCol), caption)
			} else if specCol >= 0 && cell(specCol) != "" {
				c, ok = st.parseTableName(cell(specCol)+"质控中心", cell(regionCol), caption)
			}
			if !ok || !centerHeader && !strings.Contains(cell(nameCol), "中心") && !c.specOK {
				continue // a row that names neither a center nor a known specialty
			}
			rec := st.centerRecord(c, "table")
			seqs = append(seqs, cell(seqCol))
			for _, in := range reSplitHost.Split(hostText, -1) {
				for _, part := range st.splitJoinedInstitutions(in) {
					rec.Institutions = uniq(rec.Institutions, cleanInstitution(part))
				}
			}
			if foundedCol >= 0 {
				rec.Established = st.dayIn(cell(foundedCol))
			}
			rec.Evidence = st.evidence(row.Span)
			rec.Rule = RuleCenterTableRow
			if !(nameCol >= 0 && nameText != "") {
				rec.Rule = RuleCenterTableSpec
			}
			if len(rec.Institutions) > 0 {
				rec.HostRule = RuleHostTableCell
			}
			out = append(out, tableCenter{rec: rec, key: c.key(), name: c})
		}
		if seqCol >= 0 {
			for i, n := range numberRun(seqs) {
				if n > 0 {
					out[first+i].rec.Seq = record.Int(n)
				}
			}
		}
	}
	return out
}

// shiftedLeft reports whether a row of a center table lost its 序号 cell
// and so holds its cells one column to the left (a scan read no number
// there): the 序号 column, just before the name's, holds a center's name
// and the row's last cell is empty.
func shiftedLeft(cells []document.Cell, seqCol, nameCol int) bool {
	if seqCol < 0 || nameCol != seqCol+1 || seqCol >= len(cells) || len(cells) <= nameCol {
		return false
	}
	t := strings.TrimSpace(cells[seqCol].Text)
	return reCenterSuffix.MatchString(t) && strings.TrimSpace(cells[len(cells)-1].Text) == ""
}

// centerColumns is the layout of a table of centers: its columns (-1:
// none) and what its header and caption say.
type centerColumns struct {
	seq, name, host, spec, region int
	// founded: a column of founding dates (成立时间)
	founded int
	// merged: one column holds the name and then the host
	merged       bool
	centerHeader bool
	caption      string
	// width is the number of the header's cells
	width int
}

// centerTableColumns finds the columns of a center table from its header
// cells; false when the header is not a center table's.
func centerTableColumns(h []document.Cell) (centerColumns, bool) {
	c := centerColumns{
		name: column(h, reColName, reColUnit), host: column(h, reColHost, reColName),
		spec: column(h, reColSpec, reColMissing), seq: column(h, reColSeq, nil),
		region: column(h, reColRegion, nil), founded: column(h, reColFounded, nil), width: len(h),
	}
	// one column for name and host (质控中心名称责任单位): a header whose
	// rule was lost in a scan; each cell is split after the name
	if c.name < 0 && c.host < 0 {
		for i, cell := range h {
			if reColName.MatchString(cell.Text) && reColHost.MatchString(cell.Text) && reColCenter.MatchString(cell.Text) {
				c.name, c.host, c.merged = i, i, true
				break
			}
		}
	}
	if c.host < 0 || (c.name < 0 && c.spec < 0) {
		return c, false
	}
	// a table is a list of centers only when its header says so: a
	// center or specialty column beside a host column (科目名称 and
	// 单位 of a budget table are not)
	c.centerHeader = c.name >= 0 && reColCenter.MatchString(h[c.name].Text) || c.spec >= 0
	if !c.centerHeader && !reColHostStrict.MatchString(h[c.host].Text) {
		return c, false
	}
	return c, true
}

// continued returns the layout and rows of a headerless table that
// continues the center table of layout c (a page break cut it). Rows of
// as many cells as c's header keep its columns; rows whose cells a scan
// cut elsewhere (a name over two cells, a host in the name's) are read
// as a number, when c has one first, and the rest of the row run
// together as a name and then its host; a row naming no center and a
// repeated header row are left.
func (c centerColumns) continued(rows []document.Row) (centerColumns, []document.Row) {
	same := true
	for _, r := range rows {
		same = same && len(r.Cells) == c.width
	}
	if same || c.name < 0 {
		return c, rows
	}
	out := centerColumns{seq: -1, name: 0, host: 0, spec: -1, region: -1, founded: -1, merged: true, centerHeader: c.centerHeader, caption: c.caption}
	if c.seq == 0 {
		out.seq, out.name, out.host = 0, 1, 1
	}
	var rs []document.Row
	for _, r := range rows {
		if len(r.Cells) == 0 || reColSeq.MatchString(strings.TrimSpace(r.Cells[0].Text)) || !reCenterSuffix.MatchString(rowText(r)) {
			continue // a repeated header, or a row that names no center
		}
		cells := r.Cells
		var nr document.Row
		nr.Span, nr.Page = r.Span, r.Page
		if out.seq == 0 {
			nr.Cells = append(nr.Cells, cells[0])
			cells = cells[1:]
		}
		var text strings.Builder
		for _, cell := range cells {
			text.WriteString(strings.TrimSpace(cell.Text))
		}
		nr.Cells = append(nr.Cells, document.Cell{Text: text.String()})
		rs = append(rs, nr)
	}
	return out, rs
}

// numberRun reads a column of numbers that run in order (1, 2, 3…), as
// the 序号 of a table: a cell that is not a number, or a number that
// breaks the run (OCR's 工 or 沁 for 1 or 7, 109 for 10 with a rule
// read as 9), is the number its neighbours imply, when the nearest sure
// numbers on both sides (a sure number follows or precedes its
// neighbour's by one) imply the same; at an end of the column, one side
// implies it when the cell is not a number or its digits hold the implied
// number's. It returns a number for each cell, 0 for none.
func numberRun(cells []string) []int {
	v := make([]int, len(cells))
	for i, c := range cells {
		v[i] = -1
		if n, err := strconv.Atoi(strings.TrimSpace(c)); err == nil && n >= 0 {
			v[i] = n
		}
	}
	sure := make([]bool, len(v))
	for i := range v {
		sure[i] = v[i] >= 0 && (i > 0 && v[i-1] >= 0 && v[i-1]+1 == v[i] || i+1 < len(v) && v[i+1] == v[i]+1)
	}
	out := make([]int, len(v))
	for i := range v {
		out[i] = max(v[i], 0)
		if sure[i] {
			continue
		}
		prev, next := -1, -1 // the numbers the nearest sure neighbours imply
		for p := i - 1; p >= 0; p-- {
			if sure[p] {
				prev = v[p] + i - p
				break
			}
		}
		for q := i + 1; q < len(v); q++ {
			if sure[q] {
				next = v[q] - (q - i)
				break
			}
		}
		switch {
		case prev > 0 && next > 0:
			if prev == next {
				out[i] = prev
			}
		case prev > 0 || next > 0:
			n := max(prev, next)
			if v[i] < 0 || strings.Contains(strings.TrimSpace(cells[i]), strconv.Itoa(n)) {
				out[i] = n
			}
		}
	}
	return out
}

// joinedSuffixes end the name of an institution that another one may
// follow without a separator in a cell (two lines of a cell run together).
var joinedSuffixes = []string{"医院", "保健院", "卫生院", "中心"}

// splitJoinedInstitutions splits a host cell's text that runs two
// institutions together (X省妇幼保健院X省儿童医院): after a name ending in
// an institution's suffix, where the rest is an institution's name that
// starts with a region and names more than the region before its own
// suffix (X市中心医院, not a branch: …医院分院, …医院X市医院).
func (st *state) splitJoinedInstitutions(s string) []string {
	runes := []rune(s)
	for i := 4; i+4 <= len(runes); i++ {
		head := string(runes[:i])
		ends := false
		for _, suf := range joinedSuffixes {
			ends = ends || strings.HasSuffix(head, suf)
		}
		if !ends || cleanInstitution(head) == "" {
			continue
		}
		_, n, ok := st.t.Lex.Regions.MatchAt(runes, i, st.province)
		if !ok || len(runes)-i-n < 4 {
			continue
		}
		rest := st.splitJoinedInstitutions(string(runes[i:]))
		if cleanInstitution(rest[0]) == "" {
			continue
		}
		return append([]string{head}, rest...)
	}
	return []string{s}
}

// splitNameHost splits a cell holding a center's name and then its host
// (…质量控制中心河南省人民医院) after the name's last center suffix.
func splitNameHost(s string) (string, string) {
	locs := reCenterSuffix.FindAllStringIndex(s, -1)
	if locs == nil {
		return s, ""
	}
	end := locs[len(locs)-1][1]
	// a bracket right after the suffix belongs to the name
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if rest := s[end:]; strings.HasPrefix(rest, br[0]) {
			if i := strings.Index(rest, br[1]); i >= 0 {
				end += i + len(br[1])
			}
		}
	}
	return strings.TrimSpace(s[:end]), strings.TrimSpace(s[end:])
}

// parseTableName parses a center name cell; a name without a region takes
// the row's region cell, or the caption's level and the document province.
func (st *state) parseTableName(name, regionCell, caption string) (centerName, bool) {
	if !strings.Contains(name, "中心") {
		// a column of specialties (专业名称): the center of that specialty
		name += "质控中心"
	}
	runes := []rune(name)
	if loc := reCenterSuffix.FindStringIndex(name); loc != nil {
		s, e := runeOffset(name, loc[0]), runeOffset(name, loc[1])
		if c, start, ok := st.parseCenterAt(runes, s, e); ok && start == 0 && !c.bare {
			c.name = name
			return c, true
		}
		c := centerName{name: name, specialty: specialtyOf(string(runes[:s]))}
		if c.specialty == "" {
			return centerName{}, false
		}
		c.spec, c.specOK = st.resolveSpecialty(string(runes[:s]), c.specialty)
		switch {
		case regionCell != "":
			if r, ok := st.t.Lex.Regions.Lookup(regionCell, st.province); ok {
				c.region, c.hasRegion, c.regionText, c.level = r, true, regionCell, r.Level()
			}
		case strings.Contains(caption, "省级") && st.province != "":
			c.region, c.hasRegion = st.t.Lex.Regions.ByCode(st.province)
			c.regionText, c.level = c.region.Name, lexicon.Provincial
		case strings.Contains(caption, "国家"):
			c.level = lexicon.National
		case strings.Contains(caption, "市级") && st.city != "":
			// a city's list of its 市级 centers by specialty: the city's
			c.region, c.hasRegion = st.t.Lex.Regions.ByCode(st.city)
			c.regionText, c.level = c.region.Name, lexicon.Municipal
		case strings.Contains(caption, "县级") && st.county != "":
			c.region, c.hasRegion = st.t.Lex.Regions.ByCode(st.county)
			c.regionText, c.level = c.region.Name, lexicon.County
		}
		return c, true
	}
	return centerName{}, false
}

// autonomousAt recognizes 自治区 (or 自治区级) at runes[i:limit] standing
// for the document's province when that is an autonomous region, as 省
// does for a province: the length of the prefix, or 0. It must not end a
// longer word (全自治区, or the full name the region dictionary matches).
func (st *state) autonomousAt(runes []rune, i, limit int) int {
	const word = "自治区"
	if i+3 > limit || string(runes[i:i+3]) != word {
		return 0
	}
	if i > 0 && unicode.Is(unicode.Han, runes[i-1]) && !strings.ContainsRune("由在和与及对为是即经的向到赴入并", runes[i-1]) {
		return 0
	}
	pr, ok := st.t.Lex.Regions.ByCode(st.province)
	if !ok || !strings.HasSuffix(pr.Name, word) {
		return 0
	}
	if i+3 < limit && runes[i+3] == '级' {
		return 4
	}
	return 3
}

// reRenamed is what stands between a center's former name and its new one:
// X更名为Y, X名称调整为“Y”.
var reRenamed = regexp.MustCompile(`^[”"]?(?:的名称)?(?:正式)?(?:更名|改名|名称变更|名称调整|调整)为[“"]?$`)

// renamedMentions maps each mention of a former name (X更名为Y) to the
// mention of the name it took: one center, known by the new name.
func (st *state) renamedMentions() map[int]int {
	var out map[int]int
	for i := 0; i+1 < len(st.mentions); i++ {
		a, b := st.mentions[i], st.mentions[i+1]
		if a.sentence != b.sentence || b.span.Start < a.span.End {
			continue
		}
		if reRenamed.MatchString(st.doc.Slice(document.Span{Start: a.span.End, End: b.span.Start})) {
			if out == nil {
				out = map[int]int{}
			}
			out[i] = i + 1
		}
	}
	return out
}

// reChangedFrom opens a host clause that states a change of host (由Y调整为
// X, 调整为X): what follows it is the new host.
var reChangedFrom = regexp.MustCompile(`^(?:由[\p{Han}（）()]{2,40}?)?(?:调整|变更|更改)(?:为|到|至)`)

// dayIn returns the date of a cell that holds one day date (2019/3/22,
// 2019年3月22日), or nil.
func (st *state) dayIn(cell string) *string {
	ms := st.findDates(cell, st.year)
	if len(ms) != 1 || ms[0].Precision != cnparse.Day || !ms[0].HasYear {
		return nil
	}
	return record.Str(ms[0].From.String())
}
