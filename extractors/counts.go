package extractors

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/lexicon"
	"qcweave/record"
)

const cnNum = `\d+|[零〇一二两三四五六七八九十百千万]+`

// reBuiltVerb is a verb of building between a region and its number
// (佛坪县仅建成3个, 分别组建15个、11个).
const reBuiltVerb = `(?:仅|只|已|共|累计)?(?:建成|组建|成立|设立|建立|设置|建有)了?`

// reCountChange is a count told as a change from an earlier number, before
// the number it now holds: 由31个调整为29个, 从90个增加到104个.
const reCountChange = `(?:由|从)(?:` + cnNum + `)(?:个|家)(?:调整为|调整到|调整至|增加到|增加至|增至|增长到|增长至|增长为|增加为|减少到|减少至|减少为|减至|变为|扩大到|扩大至)`

var (
	reLevel = `自治区级|地州市|地市州|省、市、县三级|省市县三级|省、市、县级|省、市级|市、县级|国家级|省级|地市级|市级|市、州|市（州）级|市州级|县（市、区）级|县（市）级|县（区）级|县区级|县级|区县级|区级`
	// N个[level][spec]subject: 2131个县（市）级质控组织, 17个市、州护理质控中心
	reCountBefore = regexp.MustCompile(`(近|约|超过|超|逾)?(` + cnNum + `)(余|多)?(?:个|家)((?:` + reLevel + `)?)([\p{Han}]{0,8}?)(质控中心|质量控制中心|质控组织|质控组|质控机构|质控分中心)`)
	// [level][spec]subject N个: 省级质控中心63个
	reCountAfter = regexp.MustCompile(`((?:` + reLevel + `)?)([\p{Han}]{0,8}?)(质控中心|质量控制中心|质控组织|质控组|质控机构|质控分中心)(?:（组）)?(?:数量|总数|总量)?(?:已达到|已达|已有|共有|共计|总计|累计|保持|为|达|达到|共|已)?(?:` + reCountChange + `)?(近|约|超过|超|逾)?(` + cnNum + `)(余|多)?(?:个|家)`)
	// 濮阳68个, 崇义县(9个), 佛坪县仅建成3个: a region, a verb of building
	// perhaps, its number
	reRankItem    = regexp.MustCompile(`^([\p{Han}]{2,10}?)(?:` + reBuiltVerb + `)?[（(]?(` + cnNum + `)(余|多)?(?:个|家)[）)]?$`)
	reRankSplit   = regexp.MustCompile(`[，,、；;：:。]`)
	reAsOf        = regexp.MustCompile(`截[至止](?:到)?|到`)
	reDeicticArea = regexp.MustCompile(`全省|我省|本省|全市|我市|本市|全区|全县|我县|本县|全国`)
)

// levelOf maps a written level to the contract's level.
func levelOf(s string) string {
	switch {
	case s == "":
		return ""
	case strings.Contains(s, "三级") || strings.Contains(s, "、") && !strings.Contains(s, "（") && s != "市、州":
		return "" // 省、市级: several levels together
	case strings.HasPrefix(s, "国家"):
		return lexicon.National
	case strings.HasPrefix(s, "省"), strings.HasPrefix(s, "自治区"):
		// 自治区级: an autonomous region's centers are of the provincial level
		return lexicon.Provincial
	case strings.HasPrefix(s, "县"), strings.HasPrefix(s, "区"):
		// 区级: a district's centers are of the county level
		return lexicon.County
	default:
		return lexicon.Municipal
	}
}

var (
	reLevelIn = regexp.MustCompile(reLevel)
	reVerbIn  = regexp.MustCompile(`组建|设置|成立|建立|建成|设立|共有|拥有|共|有|了|的`)
	reNewOnes = regexp.MustCompile(`新(成立|增|组建|设置|建立|设)?$|新增了?$`)
)

// splitLevel separates a level word and verbs that a lazy match took into
// the specialty part (全省共组建市级 → level 市级, specialty "").
func splitLevel(level, spec string) (string, string) {
	if locs := reLevelIn.FindAllStringIndex(spec, -1); locs != nil {
		last := locs[len(locs)-1]
		level, spec = spec[last[0]:last[1]], spec[last[1]:]
	}
	if locs := reVerbIn.FindAllStringIndex(spec, -1); locs != nil {
		spec = spec[locs[len(locs)-1][1]:]
	}
	return level, spec
}

type countCtx struct {
	level, subject string
	asOf           *string
}

// extractCounts finds statements in running text that a region has N
// centers or organizations, and the items of ranked lists in the same
// sentence.
func (st *state) extractCounts() []record.Count {
	doc := st.doc
	var out []record.Count
	seen := map[string]int{} // count key → index in out
	times := map[int]int{}
	// the last count's context in the document, for lists of a later
	// paragraph that give no count of their own (组建数量较多的是:…)
	var docCtx *countCtx
	docByLevel := map[string]*countCtx{}
	// addListed keeps a count of a list once: a page that repeats its
	// list states the same fact again
	addListed := func(c record.Count) {
		k := countKey(c)
		if i, ok := seen[k]; ok {
			times[i]++
			return
		}
		seen[k] = len(out)
		times[len(out)] = 1
		out = append(out, c)
	}
	for _, p := range st.paras {
		// the paragraph's first day date, read when a count needs it
		paraDate := sync.OnceValue(func() *string { return st.firstDayDate(p.Span) })
		// the context of ranked lists carries over sentences of a paragraph
		var ctx *countCtx
		byLevel := map[string]*countCtx{}
		for _, sent := range doc.Split(p.Span, "。！？!?") {
			text := doc.Slice(sent)
			// sub is text's runes [a, b) (0 <= a <= b <= its length), a
			// slice of the document's text rather than a copy
			textLen := func() int { return sent.End - sent.Start }
			sub := func(a, b int) string { return doc.Slice(document.Span{Start: sent.Start + a, End: sent.Start + b}) }
			taken := map[int]bool{}
			emit := func(m match, numG, qualG, levelG, specG, subjG, preG int) {
				n, ok := cnparse.Number(m.groups[numG])
				if !ok || n == 0 || taken[m.gspans[numG][0]] {
					return
				}
				taken[m.gspans[numG][0]] = true
				if preG == 1 && reVerbIn.MatchString(stripKindWord(m.groups[specG])) {
					return // 16个市共设置…质控中心: N counts something else
				}
				if before := sub(max(0, m.start-3), m.start); reNewOnes.MatchString(before) ||
					strings.HasSuffix(before, "等") && !listsTotal(text, m.start) {
					return // 新成立2个… / 呼吸内科等4个…: the ones added or listed, not how many exist
				}
				levelText, spec := splitLevel(m.groups[levelG], m.groups[specG])
				level := levelOf(levelText)
				if level == "" {
					// 国家级…名单，共包含…等40个种类的质控中心: the sentence's one level
					if lv := reLevelIn.FindAllString(sub(0, m.start), -1); len(lv) == 1 {
						level = levelOf(lv[0])
					}
				}
				spec = stripKindWord(spec)
				subject := spec + m.groups[subjG]
				if strings.HasSuffix(spec, "级") || strings.ContainsAny(spec, "各该本") {
					return
				}
				if reDocumentOf.MatchString(sub(m.end, min(textLen(), m.end+8))) {
					return // 成立8个质控中心的申请: a request or notice about centers, not how many exist
				}
				if rePeopleOf.MatchString(sub(m.end, min(textLen(), m.end+6))) {
					return // 38个市级质控中心主任参加会议: people, not centers
				}
				if reOwnUnit.MatchString(sub(0, m.gspans[numG][0])) || reHostedAt.MatchString(sub(m.end, textLen())) {
					return // 我院共拥有15个…: the centers one hospital hosts, not a region's
				}
				if distributive(st, sub(clauseStart(text, m.gspans[numG][0]), m.gspans[numG][0])) {
					return // 甲县、乙县均已成立…5个: what each has, no region's total
				}
				asOf := st.asOf(text, m.start, paraDate)
				regionText, reg, ok := st.regionBefore(text, m.gspans[numG][0], sent, p.Span)
				if level == lexicon.National {
					regionText, reg, ok = "全国", lexicon.Region{Name: "全国"}, true // national centers count for the country
				}
				if !ok {
					return
				}
				if level == "" && reg.Kind == "province" && regionText != "全省" {
					level = ""
				}
				q := cnparse.QualifierOf(m.groups[preG], m.groups[qualG])
				c := st.countRecord(regionText, reg, level, subject, n, q, asOf)
				setCtx := func() {
					ctx = &countCtx{level: level, subject: subject, asOf: asOf}
					if _, ok := byLevel[level]; !ok {
						byLevel[level] = ctx
					}
					docCtx = ctx
					if _, ok := docByLevel[level]; !ok {
						docByLevel[level] = ctx
					}
				}
				if i, ok := seen[countKey(c)]; ok {
					times[i]++
					// the page repeats the sentence: one record, but the
					// lists after it are still of this count's level
					setCtx()
					return
				}
				seen[countKey(c)] = len(out)
				times[len(out)] = 1
				rule := RuleCountStated
				if preG != 1 {
					rule = RuleCountStatedPre
				}
				c.Total = reDeicticArea.MatchString(regionText) || reg.Kind == "province"
				c.Evidence = st.evidence(shift(document.Span{Start: m.start, End: m.end}, sent.Start))
				c.Evidence.Quote = text
				c.Evidence.Span = record.Span{sent.Start, sent.End}
				c.Rule = rule
				out = append(out, c)
				setCtx()
			}
			if !strings.ContainsAny(text, "个家") {
				continue
			}
			for _, m := range findAll(reCountBefore, text) {
				emit(m, 2, 3, 4, 5, 6, 1)
			}
			for _, m := range findAll(reCountAfter, text) {
				emit(m, 5, 6, 1, 2, 3, 4)
			}
			if len(out) > MaxFacts {
				st.tooMany = true
				return out
			}
			lctx, ctxByLevel := ctx, byLevel
			if lctx == nil {
				if docCtx == nil || !reBuiltListLead.MatchString(text) {
					continue
				}
				lctx, ctxByLevel = docCtx, docByLevel
			}
			// counts given with 分别: 甲县、乙县组建数量分别为22个、19个
			for _, it := range st.respectiveCounts(text) {
				cx := lctx
				if len(ctxByLevel) > 1 {
					if lc, ok := ctxByLevel[it.reg.Level()]; ok {
						cx = lc
					}
				}
				c := st.countRecord(it.name, it.reg, cx.level, cx.subject, it.n, it.q, cx.asOf)
				c.Ranked = true
				c.Evidence = st.evidence(shift(document.Span{Start: it.start, End: it.end}, sent.Start))
				c.Evidence.Quote = text
				c.Evidence.Span = record.Span{sent.Start, sent.End}
				c.Rule = RuleCountRanked
				addListed(c)
			}
			// ranked list items: 濮阳68个、三门峡66个
			ocr := st.ocrAt(sent.Start)
			type listed struct {
				item  rankItem
				start int // the piece's rune offset in the sentence
				name  string
				reg   lexicon.Region
				ok    bool
			}
			var items []listed
			levels := map[string]bool{} // the levels of the places the list names
			pos := 0
			for _, piece := range splitKeep(text, reRankSplit) {
				start := pos
				pos += len([]rune(piece.text)) + piece.sepLen
				for _, it := range rankItems(piece.text, ocr) {
					// the region is the longest tail of the text before the number
					// that names one (其中成都市92个, 较多的地区是濮阳68个)
					var reg lexicon.Region
					ok := false
					name := it.name
					for nr := []rune(name); len(nr) >= 2; nr = nr[1:] {
						if reg, ok = st.t.Lex.Regions.Lookup(string(nr), st.province); ok {
							name = string(nr)
							break
						}
					}
					if ok && st.province != "" && reg.ProvinceCode() != st.province {
						continue
					}
					if ok {
						levels[reg.Level()] = true
					}
					items = append(items, listed{it, start, name, reg, ok})
				}
			}
			for _, x := range items {
				if len(out) > MaxFacts {
					st.tooMany = true
					return out
				}
				if !x.ok {
					// OCR: a name one character off the one place of the
					// province it can be, of the level of the places around it
					if !ocr {
						continue
					}
					if len(levels) != 1 {
						continue
					}
					for lv := range levels {
						x.reg, x.ok = st.nearRegion(x.item.name, lv)
					}
					if !x.ok {
						continue
					}
				}
				n, _ := cnparse.Number(x.item.num)
				cx := lctx
				if len(ctxByLevel) > 1 {
					// a city's count is of city-level centers when the paragraph gave several levels
					if lc, ok := ctxByLevel[x.reg.Level()]; ok {
						cx = lc
					}
				}
				c := st.countRecord(x.name, x.reg, cx.level, cx.subject, n, cnparse.QualifierOf("", x.item.qual), cx.asOf)
				c.Ranked = true
				qs := sent.Start + x.start + x.item.numStart - len([]rune(x.name))
				c.Evidence = st.evidence(document.Span{Start: qs, End: sent.Start + x.start + x.item.end})
				c.Rule = RuleCountRanked
				addListed(c)
			}
		}
	}
	for i := range out {
		out[i].Confidence = countConfidence(out[i].Rule, out[i], times[i])
	}
	return out
}

// rePeopleOf follows a counted noun whose number counts people of the
// centers, not the centers.
var rePeopleOf = regexp.MustCompile(`^(?:的)?(?:主任|副主任|负责人|代表|专家|秘书|人员|成员|委员|工作人员|骨干)`)

// reDocumentOf follows a counted noun that only qualifies a document or a
// request (…8个质控中心的申请, …的通知, …的批复).
var reDocumentOf = regexp.MustCompile(`^的(?:申请|请示|通知|公示|批复|文件|决定|函|报告|方案)`)

// reOwnUnit matches a hospital or center speaking of itself: what it counts
// are its own, not a region's.
var reOwnUnit = regexp.MustCompile(`我院|本院|该院|我中心|本中心|该中心|我单位|本单位|医院共|(?:医院|大学)(?:现|目前|已|共|先后|累计|还|已经)*(?:拥有|承担|有|获批|牵头|建有)`)

// reHostedAt follows counted centers that one hospital hosts (…8个省级质控
// 中心挂靠在我院): the hospital's count, not a region's.
var reHostedAt = regexp.MustCompile(`^(?:均|都)?(?:挂靠|依托|落户|设在)(?:在|于|到)?(?:我院|本院|该院|[\p{Han}]{2,20}?(?:医院|大学))`)

// countKey identifies a count within a document.
func countKey(c record.Count) string {
	return c.Region + "|" + deref(c.Level) + "|" + c.Subject + "|" + strconv.Itoa(c.Value) + "|" + deref(c.AsOf)
}

// stripKindWord drops the measure of kinds from a counted noun: 40个种类的
// 质控中心 counts centers, one of each kind.
func stripKindWord(s string) string {
	for _, w := range []string{"种类的", "类的", "种的"} {
		if strings.HasPrefix(s, w) {
			return s[len(w):]
		}
	}
	return s
}

// reTotalWord matches the words that make a listed number a total: 共包含
// A、B等40个 counts all, where A、B等4个 counts the ones listed.
var reTotalWord = regexp.MustCompile(`共|总计|合计|总共`)

// listsTotal reports whether the clause before rune offset at says the
// list that ends there is a total.
func listsTotal(text string, at int) bool {
	r := []rune(text)[:at]
	start := 0
	for i := len(r) - 1; i >= 0; i-- {
		if strings.ContainsRune("，,；;。", r[i]) {
			start = i + 1
			break
		}
	}
	return reTotalWord.MatchString(string(r[start:]))
}

type piece struct {
	text   string
	sepLen int
}

// splitKeep splits s at re and reports each piece with the length in runes
// of the separator that followed it.
func splitKeep(s string, re *regexp.Regexp) []piece {
	var out []piece
	last := 0
	for _, loc := range re.FindAllStringIndex(s, -1) {
		out = append(out, piece{s[last:loc[0]], len([]rune(s[loc[0]:loc[1]]))})
		last = loc[1]
	}
	return append(out, piece{s[last:], 0})
}

func (st *state) countRecord(regionText string, reg lexicon.Region, level, subject string, n int, q string, asOf *string) record.Count {
	c := record.Count{Region: regionText, Level: record.Str(level), Subject: subject, Value: n, Qualifier: q, AsOf: asOf}
	if reg.Code != "" {
		c.RegionFull = record.Str(reg.Name)
		c.RegionCode = record.Str(reg.Code)
	}
	return c
}

// asOf returns the date a count holds at: 截至 a date in the sentence, or
// a day date in the sentence, or the paragraph's first day date.
func (st *state) asOf(text string, at int, paraDate func() *string) *string {
	ms := st.findDates(text, st.year)
	for _, dm := range ms {
		if dm.Start > at {
			break
		}
		before := string([]rune(text)[max(0, dm.Start-3):dm.Start])
		if reAsOf.MatchString(before) && (dm.Precision == cnparse.Day || dm.Precision == cnparse.MonthEnd || dm.Precision == cnparse.Month) {
			return record.Str(dm.To.String())
		}
	}
	r := []rune(text)
	for _, dm := range ms {
		if deadline(r, dm) {
			continue // 于6月30日前移交: a deadline, not the day the count holds at
		}
		if dm.Precision == cnparse.Day {
			return record.Str(dm.From.String())
		}
	}
	return paraDate()
}

// firstDayDate returns the first day date of a span, or nil.
func (st *state) firstDayDate(s document.Span) *string {
	r := []rune(st.doc.Slice(s))
	for _, dm := range st.findDates(st.doc.Slice(s), st.year) {
		if dm.Precision == cnparse.Day && !deadline(r, dm) {
			return record.Str(dm.From.String())
		}
	}
	return nil
}

// deicticAt reports whether reDeicticArea matches the two runes at
// r[i:] (全省, 我市 …), memoized by the pair: regionBefore asks it of every
// rune before each count.
func (st *state) deicticAt(r []rune, i int) bool {
	pair := [2]rune{r[i], r[i+1]}
	is, ok := st.deictic[pair]
	if !ok {
		is = reDeicticArea.MatchString(string(r[i : i+2]))
		if st.deictic == nil {
			st.deictic = map[[2]rune]bool{}
		}
		st.deictic[pair] = is
	}
	return is
}

// regionBefore finds the region a count is about: the nearest region name
// or 全省/我省 before the number in its sentence; else the document's
// province.
func (st *state) regionBefore(text string, at int, sent, para document.Span) (string, lexicon.Region, bool) {
	r := []rune(text)
	var bestText string
	var best lexicon.Region
	found := false
	// the members of a distributive list (甲县、乙县均…) are no subject of
	// a later count
	var dist [][2]int
	if strings.ContainsAny(text, "均都") {
		dist = distributiveSpans(st, string(r[:min(at, len(r))]))
	}
	inList := func(i int) bool {
		for _, d := range dist {
			if i >= d[0] && i < d[1] {
				return true
			}
		}
		return false
	}
	for i := 0; i < at && i < len(r); i++ {
		if i+2 <= len(r) && st.deicticAt(r, i) {
			word := string(r[i : i+2])
			code := ""
			switch {
			case strings.Contains("全省我省本省", word):
				code = st.province
			case strings.Contains("全县我县本县", word):
				code = st.county
			case strings.Contains("全市我市本市", word):
				code = st.city
				if code == "" && st.municipality(st.province) {
					code = st.province // 北京, 天津, 上海, 重庆: the city is the province
				}
			}
			if reg, ok := st.t.Lex.Regions.ByCode(code); ok {
				bestText, best, found = word, reg, true
			} else if word != "全国" {
				// 全市 of a city the document never names: the count stands,
				// its region is written but not known
				bestText, best, found = word, lexicon.Region{}, true
			}
			i++
			continue
		}
		if reg, n, ok := st.t.Lex.Regions.MatchAt(r, i, st.province); ok {
			// a region inside a center name or a cited document is not the subject
			rest := string(r[i+n : min(len(r), i+n+12)])
			if !inList(i) && (!reCenterSuffix.MatchString(rest[:min(len(rest), len(rest))]) || strings.Contains(rest, "共")) {
				bestText, best, found = string(r[i:i+n]), reg, true
			}
			i += n - 1
		}
	}
	if found {
		return bestText, best, true
	}
	if st.city != "" {
		if c, ok := st.t.Lex.Regions.ByCode(st.city); ok {
			return "全市", c, true // a city's bulletin speaks of its city
		}
	}
	if pr, ok := st.t.Lex.Regions.ByCode(st.province); ok && !st.placedOnly {
		return "全省", pr, true
	}
	return "", lexicon.Region{}, false
}

// reBuiltListLead marks a sentence whose list of regions with numbers counts
// what was built (组建数量较多的是:…), so that it takes the context of the
// document's last count when it states none of its own.
var reBuiltListLead = regexp.MustCompile(`(?:组建|建成|设置|成立|建立|设立)(?:的)?(?:数量|数)`)

// reDistributive matches a list of names that 均 or 都 makes distributive
// (甲县、乙县均已成立…): what it states holds for each, not for one.
var reDistributive = regexp.MustCompile(`([\p{Han}]{2,10}?)、(?:[\p{Han}]{2,10}?、)*[\p{Han}]{2,10}?(?:均|都)`)

// clauseStart returns the rune offset where the clause holding rune
// offset at begins in text.
func clauseStart(text string, at int) int {
	r := []rune(text)
	for i := min(at, len(r)) - 1; i >= 0; i-- {
		if strings.ContainsRune("，,；;：:", r[i]) {
			return i + 1
		}
	}
	return 0
}

// distributiveSpans returns the rune spans of the lists of regions in s
// that 均/都 makes distributive.
func distributiveSpans(st *state, s string) [][2]int {
	var out [][2]int
	r := []rune(s)
	for _, m := range findAll(reDistributive, s) {
		if _, _, ok := st.t.Lex.Regions.MatchAt(r, m.start, st.province); ok {
			out = append(out, [2]int{m.start, m.end})
		}
	}
	return out
}

// distributive reports whether a clause holds a distributive list of
// regions.
func distributive(st *state, clause string) bool {
	return strings.ContainsAny(clause, "均都") && len(distributiveSpans(st, clause)) > 0
}

// respective is one item of counts given with 分别.
type respective struct {
	name       string
	reg        lexicon.Region
	n          int
	q          string
	start, end int // rune offsets in the sentence of the region and its number
}

// reRespective matches regions joined by 、 whose numbers follow 分别 in
// the same order: 甲县、乙县组建数量分别为22个、19个.
var reRespective = regexp.MustCompile(`((?:[\p{Han}]{2,10}?、)+[\p{Han}]{2,16}?)分别(?:为|是|有|达|达到|` + reBuiltVerb + `)?((?:(?:` + cnNum + `)(?:余|多)?(?:个|家)、)+(?:` + cnNum + `)(?:余|多)?(?:个|家))`)

// reEach matches regions joined by 、 that share one number given with
// 各: 甲县、乙县各设立5个.
var reEach = regexp.MustCompile(`((?:[\p{Han}]{2,10}?、)+[\p{Han}]{2,16}?)各(?:为|有|` + reBuiltVerb + `)?((?:` + cnNum + `)(?:余|多)?(?:个|家))`)

var reRespNum = regexp.MustCompile(`(` + cnNum + `)(余|多)?(?:个|家)`)

// respectiveCounts reads counts given with 分别 in a sentence: one per
// region, when every name is a region of the document's province and the
// numbers are as many as the names.
func (st *state) respectiveCounts(text string) []respective {
	var out []respective
	ms := findAll(reRespective, text)
	each := len(ms)
	ms = append(ms, findAll(reEach, text)...)
	for k, m := range ms {
		names := strings.Split(m.groups[1], "、")
		nums := findAll(reRespNum, m.groups[2])
		if k >= each && len(nums) == 1 {
			for len(nums) < len(names) {
				nums = append(nums, nums[0]) // 各: one number for every region
			}
		}
		if len(names) != len(nums) {
			continue
		}
		var items []respective
		at := m.gspans[1][0]
		for i, name := range names {
			nr := []rune(name)
			if i == 0 {
				// the list may open after a word (其中甲县、乙县…): its
				// first region is the longest tail that names one
				for k := 0; k+2 <= len(nr); k++ {
					if _, n, ok := st.t.Lex.Regions.MatchAt(nr[k:], 0, st.province); ok && n == len(nr)-k {
						at += k
						nr = nr[k:]
						break
					}
				}
			}
			reg, n, ok := st.t.Lex.Regions.MatchAt(nr, 0, st.province)
			if !ok || (i < len(names)-1 && n != len(nr)) || (st.province != "" && reg.ProvinceCode() != st.province) {
				items = nil
				break
			}
			v, ok := cnparse.Number(nums[i].groups[1])
			if !ok || v == 0 {
				items = nil
				break
			}
			numAt := m.gspans[2][0]
			items = append(items, respective{name: string(nr[:n]), reg: reg, n: v, q: cnparse.QualifierOf("", nums[i].groups[2]),
				start: at, end: numAt + nums[i].end})
			at += len(nr) + 1
		}
		out = append(out, items...)
	}
	return out
}

// deadline reports whether a date of text r is a deadline (6月30日前,
// …之前, …以前).
func deadline(r []rune, dm cnparse.Mention) bool {
	after := string(r[min(len(r), dm.End):min(len(r), dm.End+2)])
	return strings.HasPrefix(after, "前") || after == "之前" || after == "以前"
}
