package extractors

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/lexicon"
	"qcweave/record"
)

var (
	reNotEvent    = regexp.MustCompile(`截[至止]|自|从|以来`)
	reFuture      = regexp.MustCompile(`将于|计划|拟于|拟|预计|即将`)
	reUndated     = regexp.MustCompile(`(?:带队|率队|率团|率专家组|带领专家)[^。]{0,30}?(?:参加|出席|赴|前往|深入)[^。]{0,40}?(?:会议|调研|督导|培训|义诊|检查|指导)`)
	reVenue       = regexp.MustCompile(`(?:在|于)([\p{Han}]{2,24}?)(?:隆重|顺利|成功)?(?:召开|举行|举办|进行|开展|开幕)`)
	reInstitution = regexp.MustCompile(`[\p{Han}]{2,24}?(?:医院|卫生院|保健院|大酒店|酒店|宾馆|大楼|会议中心|医学院)`)
	reQuoted      = regexp.MustCompile(`“[^”]*”|《[^》]*》`)
	reReview      = regexp.MustCompile(`^点评[:：]?$`)
	reGenericInst = regexp.MustCompile(`首批|县域|县级|市级|省级|各级|基层|等级|三甲|二级|三级|根据|摸底|哨点`)
	reVisitVerb   = regexp.MustCompile(`赴|往|到|在|于|进`)
)

var (
	// reAffiliation matches where a person named with a title works: the
	// institution is theirs, not a place the event went to
	reAffiliation = regexp.MustCompile(`([\p{Han}]{2,24}?(?:医院|卫生院|保健院|大学|学院))(?:[\p{Han}]{1,8}?(?:科|部|室|院区|中心))?[\p{Han}]{0,3}?(?:主任|院长|副院长|教授|护士长|医师|书记|所长|处长|科长)`)
	// reAffiliationTitle and reOrganizerVerb say when the patterns above
	// are worth running
	reAffiliationTitle = regexp.MustCompile(`主任|院长|教授|护士长|医师|书记|所长|处长|科长`)
	reOrganizerVerb    = regexp.MustCompile(`主办|承办|协办`)
	// reOrganizers matches the institutions that run an event (…承办的)
	reOrganizers = regexp.MustCompile(`([^，,。；、由]{2,40}?)(?:联合|共同)?(?:主办|承办|协办)`)
)

// event is an activity being assembled.
type event struct {
	center   string
	from, to *cnparse.Date
	quote    document.Span
	places   []document.Span // spans whose places count
	scope    []document.Span // spans whose people and head counts count
	story    int
	// lead is the date cell of the table row the event is told in (its
	// quote runs from it); empty in prose
	lead document.Span
	// named: the event's sentence names its center (not the story's);
	// yearKnown: the date's year is written, or the document's is known
	named, yearKnown bool
	// people and head count read from labelled fields (a minutes'
	// 主持人, 出席人员), added to what the spans give
	fieldPeople []string
	fieldCount  *record.Quantity
}

// extractActivities finds dated events (and a few clearly described
// undated ones) and attributes each to the center whose work it is.
func (st *state) extractActivities() []record.Activity {
	if len(st.mentions) == 0 {
		return nil // every event is a center's: a text that names none has none
	}
	doc := st.doc
	paras := st.paras
	names := st.centerNames()
	story, storyCenter, storySpec := 0, "", ""
	var events []*event
	var open *event // the event later undated paragraphs extend
	skipReview, prevHeading := false, false
	var lastDay *cnparse.Date // the last day an event was dated, for 次日
	// tableCenter is the center cell in force in an activity table: every
	// row of its span is its work
	tableCenter := ""
	for _, p := range paras {
		text := doc.Slice(p.Span)
		lead, inTable := st.tableDate[p.Span]
		if st.tableStory[p.Span] {
			// a table's center cell: a story of its own
			story++
			storyCenter, storySpec, open, prevHeading, skipReview = "", "", nil, false, false
			if ms := st.mentionsIn(p.Span); len(ms) > 0 {
				storyCenter, storySpec = names[ms[0].key()], ms[0].specKey()
			}
			tableCenter = storyCenter
			continue
		}
		if !inTable {
			tableCenter = ""
		}
		if reReview.MatchString(text) {
			skipReview, open = true, nil
			continue
		}
		if skipReview {
			skipReview = false
			continue
		}
		mentions := st.mentionsIn(p.Span)
		if isHeading(text) && !inTable {
			if !prevHeading {
				// a new story; a subtitle right after a heading keeps its center
				story++
				storyCenter, storySpec = "", ""
			}
			prevHeading = true
			open = nil
			for _, m := range mentions {
				if st.isHomeProvincial(m) {
					storyCenter, storySpec = names[m.key()], m.specKey()
					break
				}
			}
			continue
		}
		prevHeading = false
		if storyCenter == "" {
			for _, m := range mentions {
				if st.isHomeProvincial(m) {
					storyCenter, storySpec = names[m.key()], m.specKey()
					break
				}
			}
		}
		sents := doc.Sentences(p.Span)
		type dated struct {
			dm   cnparse.Mention
			sent document.Span
			lead bool // the date is a table row's date cell's
		}
		var ds []dated
		for _, s := range sents {
			stext := doc.Slice(s)
			if reFuture.MatchString(stext) {
				continue
			}
			found := len(ds)
			for _, dm := range st.findDates(stext, st.contextYear(s, p.Span)) {
				if dm.Precision != cnparse.Day {
					continue
				}
				if reBylineDate.MatchString(string([]rune(stext)[max(0, dm.Start-8):dm.Start])) {
					continue // 上传时间：… is when the page was published
				}
				before := string([]rune(stext)[max(0, dm.Start-2):dm.Start])
				after := string([]rune(stext)[dm.End:min(len([]rune(stext)), dm.End+2)])
				if reNotEvent.MatchString(before) || strings.HasPrefix(after, "前") || strings.HasPrefix(after, "之前") || strings.HasPrefix(after, "以前") {
					continue // since, until, before: not the day of an event
				}
				if strings.HasPrefix(after, "讯") || strings.HasPrefix(after, "电") && !strings.HasPrefix(after, "电话") {
					continue // 某某网4月21日讯, 新华社3月5日电: the dateline of the report
				}
				ds = append(ds, dated{dm: dm, sent: s})
			}
			if lastDay != nil && len(ds) == found {
				// 17日上午…: a day of the month told before, written
				// without its month, is the day 次日 follows
				if dm := reBareDay.FindStringSubmatch(stext); dm != nil {
					if d, err := strconv.Atoi(dm[1]); err == nil && d >= 1 && d <= 31 {
						day := cnparse.Date{Year: lastDay.Year, Month: lastDay.Month, Day: d}
						if _, ok := cnparse.ParseDate(day.String()); ok {
							lastDay = &day
						}
					}
				}
				// 次日, …: the day after the event told before
				if rm := reNextDay.FindStringIndex(stext); rm != nil {
					d := addDays(*lastDay, 1)
					ds = append(ds, dated{dm: cnparse.Mention{Start: runeOffset(stext, rm[0]), End: runeOffset(stext, rm[1]), From: d, To: d,
						Precision: cnparse.Day, HasYear: true, Text: stext[rm[0]:rm[1]]}, sent: s})
				}
			}
		}
		if inTable && lead.End > lead.Start && len(sents) > 0 && !reFuture.MatchString(doc.Slice(sents[0])) {
			// the row's date cell dates the text it opens
			var lds []dated
			for _, dm := range st.findDates(doc.Slice(lead), st.contextYear(lead, p.Span)) {
				if dm.Precision != cnparse.Day || len(ds) > 0 && ds[0].sent == sents[0] && ds[0].dm.From == dm.From {
					continue // not a day, or the text repeats it
				}
				lds = append(lds, dated{dm, sents[0], true})
			}
			ds = append(lds, ds...)
		}
		if len(ds) > 0 {
			last := ds[len(ds)-1].dm.To
			lastDay = &last
		}
		if len(ds) == 0 {
			undated := false
			// an undated but clearly described event
			for _, s := range sents {
				stext := doc.Slice(s)
				if reUndated.MatchString(stext) && !reFuture.MatchString(stext) {
					c := st.actor(s, storyCenter, storySpec, names)
					if tableCenter != "" {
						c = tableCenter
					}
					if c == "" {
						continue
					}
					e := &event{center: c, quote: s, places: []document.Span{s}, scope: []document.Span{s}, story: story,
						named: st.namesCenter(s, c)}
					events = append(events, e)
					open, undated = e, true
				}
			}
			if !undated && open != nil {
				open.scope = append(open.scope, p.Span) // people named in the account that follows
			}
			continue
		}
		for k, d := range ds {
			// the event's text runs to the sentence of the next date
			end := p.Span.End
			for _, nd := range ds[k+1:] {
				if nd.sent.Start > d.sent.Start {
					end = nd.sent.Start
					break
				}
			}
			part := document.Span{Start: d.sent.Start, End: end}
			if kinds := st.kinds(doc.Slice(part)); len(kinds) == 0 || foundingOnly(kinds, doc.Slice(d.sent)) {
				continue // no event, or a bare founding
			}
			c := st.actor(d.sent, storyCenter, storySpec, names)
			if tableCenter != "" {
				c = tableCenter
			}
			if c == "" || st.runByOther(d.sent) {
				continue
			}
			from, to := d.dm.From, d.dm.To
			// a day inside an earlier trip of the same center is part of it
			merged := false
			if from == to {
				for _, e := range events {
					if e.story == story && e.center == c && e.from != nil && *e.from != *e.to &&
						!from.Before(*e.from) && !e.to.Before(from) {
						e.places = append(e.places, part)
						e.scope = append(e.scope, part)
						open = e
						merged = true
						break
					}
				}
			}
			if merged {
				continue
			}
			e := &event{center: c, from: &from, to: &to, quote: d.sent, places: []document.Span{part}, scope: []document.Span{part}, story: story,
				named: tableCenter != "" || st.namesCenter(d.sent, c), yearKnown: d.dm.HasYear || st.year != 0 || storyYear(doc.Slice(d.sent)) != 0}
			if d.lead && lead.End <= d.sent.Start {
				e.lead = lead
			}
			events = append(events, e)
			open = e
			for _, co := range st.coActors(d.sent, c, names) {
				// 甲中心、乙中心组成联合督查组…: each center of the subject acts
				ce := *e
				ce.center = co
				events = append(events, &ce)
			}
		}
	}
	if e := st.minutesEvent(names, events); e != nil {
		events = append(events, e)
	}
	out := make([]record.Activity, 0, len(events))
	for _, e := range events {
		a := record.Activity{Center: e.center, Places: []string{}, Kinds: []string{}, People: []string{}}
		if e.from != nil {
			a.Start = record.Str(e.from.String())
			a.End = record.Str(e.to.String())
		}
		for _, s := range e.scope {
			for _, n := range st.people(s) {
				a.People = uniq(a.People, n)
			}
		}
		for _, n := range e.fieldPeople {
			a.People = uniq(a.People, n)
		}
		a.Participants = e.fieldCount
		for _, s := range e.places {
			for _, pl := range st.places(s, e.center, a.People) {
				a.Places = uniq(a.Places, pl)
			}
			for _, k := range st.kinds(doc.Slice(s)) {
				a.Kinds = uniq(a.Kinds, k)
			}
			if a.Participants == nil {
				a.Participants = participants(doc.Slice(s))
			}
		}
		for _, s := range e.scope {
			if a.Participants == nil {
				// a head count in the account that follows the dated sentence
				a.Participants = participants(doc.Slice(s))
			}
		}
		q := e.quote
		if e.lead.End > e.lead.Start {
			q.Start = e.lead.Start // the row, from its date cell on
		}
		a.Evidence = st.evidence(q)
		a.Rule = RuleActivityUndated
		if e.from != nil {
			a.Rule = RuleActivityDated
			if *e.from != *e.to {
				a.Rule = RuleActivityTrip
			}
		}
		a.Confidence = activityConfidence(a.Rule, e.named, e.yearKnown, isShortForm(e.center))
		out = append(out, a)
	}
	return out
}

// reMinutesField labels a field that opens the minutes of a meeting
// (会议时间：…, 会议地点：…, 主持人：…, 出席人员：…, 记录人：…); a page may run
// several into one line.
var reMinutesField = regexp.MustCompile(`(会议时间|时间|会议地点|地点|主持人|主持|出席人员|出席|参会人员|参会|参加人员|与会人员|列席人员|列席|记录人|记录)\s*[:：]`)

// minutesEvent reads the minutes (纪要) a center issues of its own
// meeting: the day of its 会议时间 field, the place of its 会议地点, the
// people and head count of its 主持人 and 出席人员 fields. The center is the
// one the issuer or the title names; nil when neither names one, when no
// labelled day is found, or when an event of that center and day is
// already known.
func (st *state) minutesEvent(names map[string]string, events []*event) *event {
	if deref(st.meta.Kind) != "纪要" && !strings.HasSuffix(st.meta.Title, "纪要") {
		return nil
	}
	center := ""
	head := deref(st.meta.Issuer) + st.meta.Title
	for _, m := range st.mentions {
		if m.level != lexicon.National && !m.bare && strings.Contains(head, m.name) {
			center = names[m.key()]
			break
		}
	}
	if center == "" {
		return nil
	}
	var e *event
	// every paragraph: a 时间：… field reads as a byline's
	for _, p := range st.doc.Paragraphs() {
		text := st.doc.Slice(p.Span)
		fields := reMinutesField.FindAllStringSubmatchIndex(text, -1)
		if len(fields) == 0 {
			if e != nil {
				break // the minutes' account begins
			}
			continue
		}
		for k, f := range fields {
			end := len(text)
			if k+1 < len(fields) {
				end = fields[k+1][0]
			}
			label, value := text[f[2]:f[3]], text[f[1]:end]
			sp := document.Span{Start: p.Span.Start + runeOffset(text, f[0]), End: p.Span.Start + runeOffset(text, end)}
			switch {
			case strings.HasSuffix(label, "时间"):
				if e != nil {
					continue
				}
				dms := st.findDates(value, st.year)
				if len(dms) == 0 || dms[0].Precision != cnparse.Day || dms[0].Start > 0 {
					continue
				}
				from, to := dms[0].From, dms[0].To
				e = &event{center: center, from: &from, to: &to, quote: sp, scope: []document.Span{sp},
					named: true, yearKnown: dms[0].HasYear || st.year != 0}
			case e == nil || strings.HasPrefix(label, "记录"):
			case strings.HasSuffix(label, "地点"):
				e.places = append(e.places, sp)
			default:
				for _, n := range st.fieldNames(value) {
					e.fieldPeople = uniq(e.fieldPeople, n)
				}
				if m := reFieldCount.FindStringSubmatch(value); m != nil && e.fieldCount == nil {
					if n, ok := cnparse.Number(m[2]); ok && n > 1 {
						e.fieldCount = &record.Quantity{Value: n, Qualifier: cnparse.QualifierOf(m[1], m[3])}
					}
				}
			}
		}
	}
	if e == nil {
		return nil
	}
	for _, o := range events {
		if o.center == e.center && o.from != nil && *o.from == *e.from {
			return nil
		}
	}
	return e
}

// reFieldCount is the head count of a list of attendees: …共42人.
var reFieldCount = regexp.MustCompile(`(共计|共|约|近)?(\d+|[` + cnparse.Numerals + `]+)(余|多)?(?:名|人)`)

var (
	// reFieldAside is a bracketed aside in a field (（中心主任）)
	reFieldAside = regexp.MustCompile(`[（(][^（()）]*[)）]`)
	// reFieldItems parts the items of a field's value
	reFieldItems = regexp.MustCompile(`[、，,；;]`)
)

// fieldNames reads the persons of a labelled field's value (鲁青山（中心主任）,
// 中心副主任葛文秀、汪某): items parted by 、，; each a name alone, or a
// name after a title; an item that is no such thing gives none.
func (st *state) fieldNames(value string) []string {
	titles := st.t.Lex.TitleSet()
	var out []string
	for _, part := range reFieldItems.Split(reFieldAside.ReplaceAllString(value, ""), -1) {
		r := []rune(strings.TrimSpace(part))
		if len(r) < 2 || !allHan(r) {
			continue
		}
		name := st.nameFrom(r, false)
		if name == "" {
			continue
		}
		prefix := string(r[:len(r)-len([]rune(name))])
		titled := prefix == ""
		for t := range titles {
			if strings.HasSuffix(prefix, t) {
				titled = true
				break
			}
		}
		if titled && (prefix != "" || len(r) <= 3) {
			out = uniq(out, name)
		}
	}
	return out
}

// namesCenter reports whether a sentence names the center called name.
func (st *state) namesCenter(sent document.Span, name string) bool {
	names := st.centerNames()
	for _, m := range st.mentionsIn(sent) {
		if names[m.key()] == name {
			return true
		}
	}
	return false
}

// isShortForm reports whether a center's name is a short form without
// its region (市护理质控中心).
func isShortForm(name string) bool {
	return strings.HasPrefix(name, "市") || strings.HasPrefix(name, "县") || strings.HasPrefix(name, "区") || strings.HasPrefix(name, "省")
}

var (
	// reBylineDate ends the label of a page's publication date
	reBylineDate = regexp.MustCompile(`(?:时间|日期)\s*[:：]\s*$`)
	// reNextDay opens a sentence dated the day after the one before
	reNextDay = regexp.MustCompile(`^(?:次日|翌日|第二天)`)
	// reBareDay opens a sentence with a day written without its month
	// (17日上午，…)
	reBareDay = regexp.MustCompile(`^(\d{1,2})日(?:上午|下午|晚|晚上|早上|中午)?[，,]`)
)

// addDays returns the date n days after d.
func addDays(d cnparse.Date, n int) cnparse.Date {
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	return cnparse.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// reHistoryYear matches the words before a year that dates an
// institution's history (始建于1953年), not the story.
var reHistoryYear = regexp.MustCompile(`(?:始建|创建|建|成立|创办|始于|自|从)于?\s*$`)

// contextYear is the year of a date written without one in sentence sent
// of paragraph para: the document's year when its date or period says it,
// else a year the sentence states (2024年台州市麻醉质控年会), else one its
// paragraph states, else the headline's, else the year the document's
// text names most often. A year that dates a history (始建于1953年) is no
// context. It returns 0 when no year can be known: the date then gives no
// activity rather than a guessed one.
func (st *state) contextYear(sent, para document.Span) int {
	if st.year != 0 {
		return st.year
	}
	if y := st.spanYear(sent); y != 0 {
		return y
	}
	if y := st.spanYear(para); y != 0 {
		return y
	}
	if y := storyYear(st.meta.Title); y != 0 {
		return y
	}
	return st.textYear
}

// spanYear is storyYear of a span's text, once per span: a sentence
// names many events, a long paragraph has many sentences.
func (st *state) spanYear(s document.Span) int {
	y, ok := st.paraYears[s]
	if !ok {
		y = storyYear(st.doc.Slice(s))
		if st.paraYears == nil {
			st.paraYears = map[document.Span]int{}
		}
		st.paraYears[s] = y
	}
	return y
}

// storyYear returns the first year stated in s that is not a history's.
func storyYear(s string) int {
	r := []rune(s)
	for _, dm := range cnparse.FindDates(s, 0) {
		if dm.HasYear && !reHistoryYear.MatchString(string(r[max(0, dm.Start-4):dm.Start])) {
			return dm.From.Year
		}
	}
	return 0
}

var (
	// reOtherOrganizer matches a society or a commission running an event
	reOtherOrganizer = regexp.MustCompile(`(?:医学会|医师协会|学会|协会|卫生健康委员会|卫生健康委|卫健委|卫生计生委|卫计委|卫生局|卫生厅|医政医管局|医政处|质量控制办公室|质控办)[^，,。；]{0,14}?(?:主办|召开|举办|举行|组织召开|组织)`)
	// reCenterTopic follows a center whose meeting the event is
	// (…质控中心2024年工作会议, …质控中心质控工作述职会)
	reCenterTopic = regexp.MustCompile(`^[^，,。；]{0,8}?(?:会议|年会|工作会|述职会|例会|全委会|研讨会|培训班)`)
	// reCenterRole follows a center that runs or is the topic of the event
	// (…质控中心联合某学会举办…: the center acts with a partner)
	reCenterRole = regexp.MustCompile(`^(?:的)?(?:联合|携手|会同|共同)?(?:主办|承办|协办|组织|牵头|召开|举办|举行|开展|会议|年会|工作会|全委会|全体委员|成立大会|培训班|专家组|专家团|一行|赴|到|前往|在)|^(?:联合|携手|会同)`)
)

// runByOther reports whether an event sentence is about a meeting a society
// or the commission runs, where the centers named only take part: that is
// not a center's activity. A center that organizes it (由…质控中心主办,
// …质控中心协办), or whose meeting it is (…质控中心会议), keeps it.
func (st *state) runByOther(sent document.Span) bool {
	text := st.doc.Slice(sent)
	run := false
	for _, loc := range reOtherOrganizer.FindAllStringIndex(text, -1) {
		// 在市卫健委举行: the commission is where, not who
		pre := strings.TrimRight(text[:loc[0]], "市省区县")
		if !strings.HasSuffix(pre, "在") && !strings.HasSuffix(pre, "于") {
			run = true
		}
	}
	if !run {
		return false
	}
	r := st.doc.Runes()
	for _, m := range st.mentionsIn(sent) {
		after := string(r[m.span.End:min(len(r), m.span.End+12)])
		before := string(r[max(sent.Start, m.span.Start-1):m.span.Start])
		if reCenterRole.MatchString(after) || reCenterTopic.MatchString(after) || before == "由" {
			return false
		}
	}
	return true
}

// reCeremony matches the words of an event held for a founding: a
// 成立大会 or 揭牌仪式, or a founding that someone attends, is an activity;
// a bare 挂牌成立 only dates the center.
var reCeremony = regexp.MustCompile(`大会|仪式|会议|典礼|活动|出席|参加|亲临|莅临|率|带队|见证|致辞|讲话`)

// foundingOnly reports whether an event's only kind is the founding of a
// center without a ceremony or meeting: that gives the center its
// established date, not an activity.
func foundingOnly(kinds []string, sentence string) bool {
	for _, k := range kinds {
		if k != "成立" && k != "授牌" {
			return false
		}
	}
	return len(kinds) > 0 && !reCeremony.MatchString(sentence)
}

// isHeading reports whether a paragraph is a heading: short and without a
// sentence end.
func isHeading(s string) bool {
	return len([]rune(s)) <= 45 && !strings.ContainsAny(s, "。；！？")
}

// isHomeProvincial reports whether a mention is a provincial center of the
// document's own province.
func (st *state) isHomeProvincial(m centerMention) bool {
	return m.level == lexicon.Provincial && m.hasRegion && m.region.Code == st.province
}

// mentionsIn returns the center mentions inside a span.
func (st *state) mentionsIn(s document.Span) []centerMention {
	// mentions are in text order: find the first that starts in s
	i := sort.Search(len(st.mentions), func(i int) bool { return st.mentions[i].span.Start >= s.Start })
	var out []centerMention
	for ; i < len(st.mentions) && st.mentions[i].span.Start < s.End; i++ {
		if s.Contains(st.mentions[i].span) {
			out = append(out, st.mentions[i])
		}
	}
	return out
}

// centerNames maps a center key to the fullest name the document uses.
func (st *state) centerNames() map[string]string {
	if st.names != nil {
		return st.names
	}
	out := map[string]string{}
	defer func() { st.names = out }()
	for _, m := range st.mentions {
		if cur, ok := out[m.key()]; !ok || len([]rune(m.name)) > len([]rune(cur)) && !m.deictic {
			out[m.key()] = m.name
		}
	}
	return out
}

// actor returns the center an event sentence is about: a provincial center
// of the document's province named in it; else the story's center when the
// sentence names none, names one of the story center's specialty (a
// city's center founded with the provincial one's help) or a national one
// (whose meeting it attends); else the first
// center the sentence names.
func (st *state) actor(sent document.Span, storyCenter, storySpec string, names map[string]string) string {
	ms := st.mentionsIn(sent)
	r := st.doc.Runes()
	ownEvent := func(m centerMention) bool {
		return reOwnEvent.MatchString(string(r[m.span.End:min(len(r), m.span.End+12)]))
	}
	// 某中心成立大会…召开, 某中心年会: the subject is that center's own event
	if len(ms) > 0 && ownEvent(ms[0]) {
		return names[ms[0].key()]
	}
	if len(ms) > 0 && st.anaphorSubject(sent, ms[0]) {
		if c := st.antecedent(sent, names); c != "" {
			return c
		}
	}
	for _, m := range ms {
		if st.isHomeProvincial(m) {
			return names[m.key()]
		}
	}
	for _, m := range ms {
		if after := string(r[m.span.End:min(len(r), m.span.End+4)]); ownEvent(m) || reOrganizes.MatchString(after) || rePartnerAfter.MatchString(after) {
			return names[m.key()] // not the story's center
		}
	}
	if len(ms) == 0 {
		// 中心 alone: the center the text named before, before the
		// provincial center the story is about
		if c := st.antecedent(sent, names); c != "" {
			return c
		}
	}
	if len(ms) > 0 && ms[0].level != lexicon.National && st.holdsDated(sent, ms[0]) {
		return names[ms[0].key()] // 6月8日，某市中心在某院举办…: the sentence's own subject
	}
	if storyCenter != "" && (len(ms) == 0 || ms[0].specKey() == storySpec || ms[0].level == lexicon.National) {
		return storyCenter
	}
	if len(ms) > 0 {
		return names[ms[0].key()]
	}
	return st.antecedent(sent, names)
}

// reHolds follows a center that holds the event its sentence tells:
// 在/于 a place then the verb (在某院举办…), or the verb at once.
var reHolds = regexp.MustCompile(`^(?:(?:在|于)[^，。；;,]{1,30}?)?(?:举办|召开|举行|组织召开|组织开展|开展)`)

// reDateLead is what may stand between a sentence's date and its subject:
// the part of the day and a comma.
var reDateLead = regexp.MustCompile(`^(?:上午|下午|晚上|晚)?\s*[，,]?\s*$`)

// holdsDated reports whether the center mention m opens its sentence right
// after the sentence's date (6月8日下午，…) and holds the event there
// (…在某院举办培训班): the sentence's subject, whatever center the story
// named before.
func (st *state) holdsDated(sent document.Span, m centerMention) bool {
	r := st.doc.Runes()
	if m.span.Start < sent.Start || m.span.End > len(r) {
		return false
	}
	prefix := string(r[sent.Start:m.span.Start])
	dms := st.findDates(prefix, st.year)
	if len(dms) != 1 || dms[0].Start != 0 || dms[0].Precision != cnparse.Day {
		return false
	}
	if !reDateLead.MatchString(string([]rune(prefix)[dms[0].End:])) {
		return false
	}
	return reHolds.MatchString(string(r[m.span.End:min(len(r), m.span.End+36)]))
}

// reAnaphor is the word 中心 standing alone for a center named before
// (12月26日，中心成立大会…; 该中心组织…): at the start of a clause or after
// 该/本/我, never the end of another name (会议中心, 血液中心).
var reAnaphor = regexp.MustCompile(`(?:^|[，,、：:；;\s]|日|该|本|我)中心`)

// antecedent returns the center a sentence that names none refers to with
// 中心 alone: the last center named before it in the same or the previous
// paragraph; "" when the sentence does not say 中心 so, or no center is
// named just before.
func (st *state) antecedent(sent document.Span, names map[string]string) string {
	text := st.doc.Slice(sent)
	if !strings.Contains(text, "中心") || !reAnaphor.MatchString(text) {
		return ""
	}
	i := sort.Search(len(st.mentions), func(i int) bool { return st.mentions[i].span.Start >= sent.Start })
	if i == 0 {
		return ""
	}
	// the paragraph of the sentence: the last that starts at or before it
	pi := sort.Search(len(st.paras), func(k int) bool { return st.paras[k].Span.Start > sent.Start }) - 1
	if last := st.mentions[i-1]; pi-last.para > 1 {
		// no center named just before: the center whose own document it
		// is (its title names it alone: 某中心2024年度工作总结), or none
		return st.titleCenter(names)
	}
	// the center named most often before (the story's subject, not one
	// recalled in passing), the later one on a tie
	freq := map[string]int{}
	best, bestN := "", 0
	for _, m := range st.mentions[:i] {
		if m.bare || m.level == lexicon.National || names[m.key()] == "" {
			continue
		}
		k := m.key()
		if freq[k]++; freq[k] >= bestN {
			best, bestN = k, freq[k]
		}
	}
	return names[best]
}

// titleCenter returns the one center the document's title names (a
// center's own report or summary), or "" when it names none or several.
func (st *state) titleCenter(names map[string]string) string {
	ts := fieldSpan(st.meta, "title")
	if ts.End <= ts.Start {
		return ""
	}
	found := ""
	for _, m := range st.mentionsIn(ts) {
		n := names[m.key()]
		if n == "" || m.level == lexicon.National || found != "" && n != found {
			return ""
		}
		found = n
	}
	return found
}

// anaphorSubject reports whether a sentence opens with 中心 alone as its
// subject (6月3日，中心在某地举办…) before the first center it names: the
// center named is a guest or a partner, the subject the one named before.
func (st *state) anaphorSubject(sent document.Span, first centerMention) bool {
	if first.span.Start <= sent.Start {
		return false
	}
	r := st.doc.Runes()
	return reAnaphorSubject.MatchString(string(r[sent.Start:first.span.Start]))
}

// reAnaphorSubject is a clause that opens with 中心 (or 该中心, 本中心)
// acting: the date and a comma may come first.
var reAnaphorSubject = regexp.MustCompile(`^(?:[^，,。]{0,16}[，,])?(?:该|本)?中心(?:在|于|举办|召开|组织|开展|主任|副主任|专家|联合|派出|邀请)`)

// reOrganizes follows a center that a sentence names as the event's
// organizer (由X中心主办的年会…, X中心举办的培训班): it acts, whatever
// center the story is about.
var reOrganizes = regexp.MustCompile(`^(?:主办|承办|举办|牵头举办|组织举办)的`)

// rePartnerAfter follows a center that runs an event with a partner
// (X中心联合某学会举办…): the subject that acts.
var rePartnerAfter = regexp.MustCompile(`^(?:联合|携手|会同)`)

// reOwnEvent follows a center whose own event a sentence tells: its
// founding ceremony, its annual or plenary meeting (with its year:
// …中心2025年度工作会议).
var reOwnEvent = regexp.MustCompile(`^(?:\d{4}\s*年度?)?(?:第[一二三四五六七八九十\d]{1,3}届)?(?:成立大会|成立仪式|成立会|揭牌仪式|授牌仪式|挂牌仪式|揭牌暨|成立暨|年会|全体委员会议|委员会议|全委会|成员会议|工作会议|换届)`)

// kinds returns the activity kinds signalled in s.
func (st *state) kinds(s string) []string {
	var out []string
	for _, k := range st.t.Lex.Kinds {
		for _, w := range k.Signals {
			if strings.Contains(s, w) {
				out = uniq(out, k.Name)
				break
			}
		}
	}
	return out
}

// places returns the venues, institutions and regions an event took place
// in, in order of appearance.
func (st *state) places(s document.Span, actor string, people []string) []string {
	found := st.placesIn(s, actor, people)
	for i, pl := range found {
		if pl != "我院" && pl != "本院" {
			continue
		}
		// 在我院举办: the hospital whose page it is, when the page says
		for _, m := range st.mentions {
			if st.centerNames()[m.key()] != actor {
				continue
			}
			if own := st.ownInstitution(m.centerName); own != "" {
				found = slices.Delete(found, i, i+1)
				if !slices.Contains(found, own) {
					found = slices.Insert(found, i, own)
				}
			}
			break
		}
		break
	}
	return found
}

// placesIn finds the places of an event's span, 我院 as written.
func (st *state) placesIn(s document.Span, actor string, people []string) []string {
	text := st.doc.Slice(s)
	r := []rune(text)
	masked := make([]bool, len(r))
	mask := func(a, b int) {
		for i := max(0, a); i < min(b, len(r)); i++ {
			masked[i] = true
		}
	}
	for _, m := range findAll(reQuoted, text) {
		mask(m.start, m.end)
	}
	// no place inside the acting center's name, a person's name, a
	// person's affiliation (…医院检验科张兵主任) or the list of organizers
	// (…承办); another center's name says where the event went
	names := st.centerNames()
	for _, m := range st.mentionsIn(s) {
		if names[m.key()] == actor {
			mask(m.span.Start-s.Start, m.span.End-s.Start)
		}
	}
	for _, name := range people {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			at := runeOffset(text, off+i)
			mask(at, at+len([]rune(name)))
			off += i + len(name)
		}
	}
	if reAffiliationTitle.MatchString(text) {
		for _, m := range findAll(reAffiliation, text) {
			mask(m.gspans[1][0], m.gspans[1][1])
		}
	}
	if !reOrganizerVerb.MatchString(text) {
		return st.placeHits(text, r, masked)
	}
	for _, m := range findAll(reOrganizers, text) {
		// the organizer and the ones listed before it with 、
		a := m.gspans[1][0]
		for a > 1 && r[a-1] == '、' {
			b := a - 1
			for b > 0 && !strings.ContainsRune("，,。；、由", r[b-1]) {
				b--
			}
			a = b
		}
		mask(a, m.gspans[1][1])
	}
	return st.placeHits(text, r, masked)
}

var (
	// reVenueAfter follows a place where an event was held
	reVenueAfter = regexp.MustCompile(`^(?:隆重|顺利|成功|正式)?(?:召开|举行|举办|开幕)`)
	// reOrgAfter follows a region that opens an organization's name
	reOrgAfter = regexp.MustCompile(`^(?:卫计委|卫健委|卫生健康|卫生计生|卫生局|卫生厅|人民政府|政府|医学会|医师协会|护理学会|疾控|医保局)`)
	// reGoTo ends the text before a place an event went to
	reGoTo = regexp.MustCompile(`赴|到|前往|深入|走进|来到|走访|在|于`)
	// reHeldVerb ends a venue's clause that says an event was held there
	reHeldVerb = regexp.MustCompile(`(?:召开|举行|举办|开幕)$`)
)

// placeHits finds the places of a text outside its masked runes.
func (st *state) placeHits(text string, r []rune, masked []bool) []string {
	type hit struct {
		at   int
		name string
	}
	var hits []hit
	inInst := make([]bool, len(r))
	venue := false // the text states where the event was held
	for _, m := range findAll(reInstitution, text) {
		name := st.trimInstitution(m.groups[0])
		start := m.end - len([]rune(name))
		if masked[start] || masked[m.end-1] {
			continue
		}
		if strings.HasSuffix(name, "医院") && strings.HasPrefix(string(r[m.end:]), "感染") {
			continue // …医院感染管理…: a specialty, not a hospital
		}
		if len([]rune(name)) < 4 || reGenericInst.MatchString(name) {
			continue
		}
		_, known := st.t.Lex.Institutions.Resolve(name)
		_, _, regional := st.t.Lex.Regions.MatchAt(r, start, st.province)
		if !known && !regional && !reVisitVerb.MatchString(string(r[max(0, start-2):start])) {
			continue
		}
		for i := start; i < m.end; i++ {
			inInst[i] = true
		}
		if strings.ContainsAny(string(r[max(0, start-1):start]), "在于") && reVenueAfter.MatchString(string(r[m.end:min(len(r), m.end+8)])) {
			venue = true
		}
		hits = append(hits, hit{start, name})
	}
	for _, m := range findAll(reVenue, text) {
		v := strings.TrimRight(m.groups[1], "")
		for _, w := range []string{"联合", "共同", "组织", "成功", "顺利", "隆重", "正式", "集中"} {
			v = strings.TrimSuffix(v, w)
		}
		vs := m.gspans[1][0]
		if v == "" {
			continue
		}
		if masked[vs] || inInst[vs] {
			continue
		}
		if reg, n, ok := st.t.Lex.Regions.MatchAt(r, vs, st.province); ok && n >= len([]rune(v)) && reg.Kind != "province" {
			continue // a plain region: found below
		}
		if _, _, ok := st.t.Lex.Regions.MatchAt(r, vs, st.province); ok || len([]rune(v)) <= 6 {
			if !strings.ContainsAny(v, "线上会上网") {
				venue = venue || reHeldVerb.MatchString(m.groups[0])
				hits = append(hits, hit{vs, v})
				for i := vs; i < vs+len([]rune(v)); i++ {
					inInst[i] = true
				}
			}
		}
	}
	seenCode := map[string]bool{}
	for i := 0; i < len(r); i++ {
		if masked[i] || inInst[i] {
			continue
		}
		reg, n, ok := st.t.Lex.Regions.MatchAt(r, i, st.province)
		if !ok {
			continue
		}
		if reOrgAfter.MatchString(string(r[i+n : min(len(r), i+n+6)])) {
			i += n - 1
			continue // 西安市卫计委: a region in an organization's name
		}
		if venue && !reGoTo.MatchString(string(r[max(0, i-3):i])) {
			i += n - 1
			continue // the event has its venue; a region only mentioned is not where it went
		}
		if reg.Kind == "province" && (reg.Code == st.province || reg.Code == "") {
			i += n - 1
			continue
		}
		name := string(r[i : i+n])
		if reg.ProvinceCode() != st.province && name == reg.Short && reg.Kind == "county" {
			i += n - 1
			continue // a county of another province written short is a word (资源, 通道)
		}
		if seenCode[reg.Code] {
			i += n - 1
			continue
		}
		seenCode[reg.Code] = true
		if reg.Kind == "province" && name != "北京" && name != "北京市" && name != "上海" && name != "上海市" && name != "天津" && name != "重庆" {
			i += n - 1
			continue
		}
		hits = append(hits, hit{i, name})
		i += n - 1
	}
	// order by position
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].at < hits[j-1].at; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	var out []string
	for _, h := range hits {
		out = uniq(out, h.name)
	}
	return out
}

var (
	// reCoSep is all that stands between centers that are one subject
	reCoSep = regexp.MustCompile(`^[、和与及]$`)
	// reCoVerb follows such a subject: what the centers do together
	reCoVerb = regexp.MustCompile(`^(?:组成|联合|共同|一同|先后|赴|到|前往|在|开展|组织|举办|召开)`)
)

// coActors returns the centers named with the actor as one subject of an
// event sentence (甲中心、乙中心组成联合督查组，先后到…): the actor first, then
// the others joined by 、/和/与/及, the run followed by what they do.
func (st *state) coActors(sent document.Span, actor string, names map[string]string) []string {
	ms := st.mentionsIn(sent)
	for k, m := range ms {
		if names[m.key()] != actor {
			continue
		}
		var out []string
		last := m
		for _, n := range ms[k+1:] {
			if !reCoSep.MatchString(st.doc.Slice(document.Span{Start: last.span.End, End: n.span.Start})) {
				break
			}
			if nm := names[n.key()]; nm != "" && nm != actor {
				out = uniq(out, nm)
			}
			last = n
		}
		r := st.doc.Runes()
		if len(out) == 0 || !reCoVerb.MatchString(string(r[last.span.End:min(len(r), last.span.End+4)])) {
			return nil
		}
		return out
	}
	return nil
}
