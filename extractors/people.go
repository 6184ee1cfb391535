package extractors

import (
	"regexp"
	"strings"
	"unicode"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/record"
	"qcweave/segment"
)

// notName are characters that do not occur in the persons' names of this
// genre but often stand next to titles (科主任, 各位专家).
const notName = "的了和在与及是为等各们科院室部处组会省市县区委局所站队作说讲率带致汇总参出提介医质控"

// people finds the persons named with a title in a span: 主任陈璐璐,
// 丁国华教授, 办公室主任杨勇总结 …. The segmenter gives the word boundaries;
// a name is two or three single-character tokens starting with a surname.
func (st *state) people(s document.Span) []string {
	if names, ok := st.peopleBySpan[s]; ok {
		return names
	}
	names := st.findPeople(s)
	if st.peopleBySpan == nil {
		st.peopleBySpan = map[document.Span][]string{}
	}
	st.peopleBySpan[s] = names
	return names
}

func (st *state) findPeople(s document.Span) []string {
	text := st.doc.Slice(s)
	seg, err := st.t.Segmenter()
	if err != nil {
		panic(err) // the embedded dictionaries are broken: Extract reports it
	}
	toks := seg.Cut(text)
	titles := st.t.Lex.TitleSet()
	isTitle := func(t segment.Token) bool {
		// a title, or a compound ending with 主任 (办公室主任, 质控中心主任)
		return titles[t.Text] || strings.HasSuffix(t.Text, "主任")
	}
	var out []string
	for i, t := range toks {
		if !isTitle(t) {
			continue
		}
		if postNameTitle[t.Text] {
			// 丁国华教授: the name is before
			if name := st.nameFrom(nameRunes(toks, i, -1, isTitle, st.compoundSurname), false); name != "" {
				out = uniq(out, name)
			}
			continue
		}
		// name after the title: 主任丁国华…
		if name := st.nameFrom(nameRunes(toks, i, 1, isTitle, st.compoundSurname), true); name != "" && !st.wordNotName(name, toks[i+1:]) {
			out = uniq(out, cutVerb(name, toks[i+1:]))
			continue
		}
		// name before the title: 丁国华教授
		if name := st.nameFrom(nameRunes(toks, i, -1, isTitle, st.compoundSurname), false); name != "" {
			out = uniq(out, name)
		}
	}
	for _, n := range st.unitPeople(text) {
		out = uniq(out, n)
	}
	for _, n := range st.listedPeople(text) {
		out = uniq(out, n)
	}
	return out
}

// reMembersLead opens a list of a team's members named without titles
// (专家组由某某带队,成员包括甲某、乙某).
var reMembersLead = regexp.MustCompile(`(?:成员|组员)(?:包括|有|为)[:：]?`)

// listedPeople reads the names of such a list: every item a name (a
// surname and one or two more characters, or a compound surname and two),
// else none.
func (st *state) listedPeople(text string) []string {
	if !strings.Contains(text, "成员") && !strings.Contains(text, "组员") {
		return nil
	}
	seg, err := st.t.Segmenter()
	if err != nil {
		return nil
	}
	var out []string
	for _, loc := range reMembersLead.FindAllStringIndex(text, -1) {
		rest := text[loc[1]:]
		if i := strings.IndexAny(rest, "，,。；;等和及"); i >= 0 {
			rest = rest[:i]
		}
		var names []string
		for _, part := range strings.Split(rest, "、") {
			r := []rune(part)
			ok := allHan(r) && (len(r) >= 2 && len(r) <= 3 && st.t.Lex.Surnames[string(r[:1])] || len(r) == 4 && st.compoundSurname(r[:2]))
			if !ok || seg.IsCommonWord(part) || strings.ContainsAny(part, notName) {
				names = nil
				break
			}
			names = append(names, part)
		}
		for _, n := range names {
			out = uniq(out, n)
		}
	}
	return out
}

var (
	// reUnitEnd is the end of an organization's name that a person's name
	// follows without a title (医政处陈某主持, 某某医院王某、李某参加会议)
	reUnitEnd = regexp.MustCompile(`(?:医院|卫健委|卫健局|卫生局|医政处|医政科|医政股|办公室)`)
	// reActVerb is what such a person does
	reActVerb = regexp.MustCompile(`^(?:主持|宣读|参加|出席|致辞|致词|讲话|发言|主讲|授课|作报告|作专题|介绍|总结|解读)`)
)

// unitPeople finds the persons named right after an organization and
// before what they do, without a title: 医政处陈某主持, 某医院王某、李某参加
// 会议. Each name is two or three runes, opens with a family name and is
// not a word.
func (st *state) unitPeople(text string) []string {
	if !reUnitEnd.MatchString(text) {
		return nil
	}
	seg, err := st.t.Segmenter()
	if err != nil {
		return nil
	}
	var out []string
	for _, loc := range reUnitEnd.FindAllStringIndex(text, -1) {
		rest := []rune(text[loc[1]:])
		var names []string
		for len(rest) >= 2 {
			n := 0
			for k := 3; k >= 2; k-- {
				if k > len(rest) || !allHan(rest[:k]) {
					continue
				}
				after := string(rest[k:])
				if strings.HasPrefix(after, "、") || reActVerb.MatchString(after) {
					n = k
					break
				}
			}
			if n == 0 {
				names = nil // the run does not end in what a person does
				break
			}
			name := string(rest[:n])
			if !st.t.Lex.Surnames[string(rest[:1])] || seg.IsCommonWord(name) || strings.ContainsAny(name, notName) {
				names = nil
				break
			}
			names = append(names, name)
			rest = rest[n:]
			if !strings.HasPrefix(string(rest), "、") {
				break
			}
			rest = rest[1:]
		}
		for _, n := range names {
			out = uniq(out, n)
		}
	}
	return out
}

// wordNotName reports whether a three-rune name read after a title is
// words of the sentence instead: its first two runes make a word (强调要),
// or it opens with a function word and its last two runes make a word the
// text goes on with (有西南医科大学).
func (st *state) wordNotName(name string, toks []segment.Token) bool {
	r := []rune(name)
	if len(r) != 3 {
		return false
	}
	seg, err := st.t.Segmenter()
	if err != nil {
		return false
	}
	if seg.IsCommonWord(string(r[:2])) {
		return true
	}
	text := leadingText(toks, 20)
	after := []rune(strings.TrimPrefix(text, name))
	return strings.ContainsRune(functionRunes, r[0]) && seg.IsCommonWord(string(r[1:])) &&
		len(after) > 0 && unicode.Is(unicode.Han, after[0]) && len(after) < len([]rune(text))
}

// leadingText joins the tokens until it holds more than n bytes.
func leadingText(toks []segment.Token, n int) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Text)
		if b.Len() > n {
			break
		}
	}
	return b.String()
}

// functionRunes are words that are also (rare) surnames: 有西南… is 有 and a
// place, where 王建国… is a name whose given part is a word.
const functionRunes = "有向于对在从和与及把被让给为以将由"

// reVerbStart matches what a person does right after being named: a
// three-rune "name" whose last rune starts it is a two-rune name glued to
// its verb (主任邵某做报告 → 邵某).
var reVerbStart = regexp.MustCompile(`^(?:做|作了|作报告|作专题|作题为|主持|发言|表示|指出|强调|介绍|讲话|致辞|总结|汇报|宣布|解读|分享|授课|点评|带领|率队|率领|出席|参加|讲授|就|对|向|在|为|代表|详细|围绕|针对|从)`)

// cutVerb shortens a three-rune name read after a title when its last
// rune begins a verb in the text that follows (toks).
func cutVerb(name string, toks []segment.Token) string {
	r := []rune(name)
	if len(r) != 3 {
		return name
	}
	after := leadingText(toks, 40)
	if !strings.HasPrefix(after, name) {
		return name
	}
	if reVerbStart.MatchString(after[len(string(r[:2])):]) {
		return string(r[:2])
	}
	return name
}

// postNameTitle are titles written after the name only (丁国华教授).
var postNameTitle = map[string]bool{"教授": true, "副教授": true, "老师": true, "同志": true, "医师": true, "主任医师": true, "副主任医师": true, "博士": true, "研究员": true}

// nameFrom picks a name out of single characters next to a title: from
// the start when the name follows the title, from the end when it
// precedes it.
func (st *state) nameFrom(r []rune, leading bool) string {
	if len(r) < 2 {
		return ""
	}
	// a name after the title stops at the first such character; one
	// before it starts after the last
	if leading {
		for i, c := range r {
			if strings.ContainsRune(notName, c) {
				r = r[:i]
				break
			}
		}
	} else {
		for i := len(r) - 1; i >= 0; i-- {
			if strings.ContainsRune(notName, r[i]) {
				r = r[i+1:]
				break
			}
		}
	}
	cands := []int{3, 2}
	if len(r) == 4 && st.compoundSurname(r[:2]) {
		cands = []int{4, 3, 2} // 欧阳启明
	}
	for _, n := range cands {
		if len(r) < n {
			continue
		}
		var name []rune
		if leading {
			name = r[:n]
		} else {
			name = r[len(r)-n:]
		}
		if seg, err := st.t.Segmenter(); err == nil && seg.IsCommonWord(string(name)) {
			continue
		}
		if _, ok := st.t.Lex.Specialties.Resolve(string(name)); ok {
			continue // 麻醉医师: a specialty, not a name
		}
		if _, ok := st.t.Lex.Regions.Lookup(string(name), st.province); ok {
			continue
		}
		if n == 4 || st.t.Lex.Surnames[string(name[:1])] || (n == 3 && st.t.Lex.Surnames[string(name[:2])]) {
			if n == 3 && !leading && len(r) == 3 && !st.t.Lex.Surnames[string(name[:1])] {
				continue
			}
			return string(name)
		}
	}
	return ""
}

var (
	reParticipants = regexp.MustCompile(`(近|约|超过|超|逾|共计|共)?(\d+|[` + cnparse.Numerals + `]+)(余|多)?(?:名|人)([^次])`)
	reAttendee     = regexp.MustCompile(`参加|参会|参与|出席|与会|参训|群众|学员|人员|专家|代表|领导|医生|医师|护士|从业|骨干`)
	reNotAttendee  = regexp.MustCompile(`患者|早产儿|病例|患儿|专家组成员|透析|家属|新生儿$`)
	reTeamBefore   = regexp.MustCompile(`一行|专家组|带领|派出|派遣|组成`)
)

// participants finds the stated head count of attendees or trainees.
func participants(text string) *record.Quantity {
	r := []rune(text)
	for _, m := range findAll(reParticipants, text+"。") {
		ctxAfter := string(r[min(len(r), m.gspans[2][1]):min(len(r), m.end+12)])
		ctxBefore := string(r[max(0, m.start-4):m.start])
		if reNotAttendee.MatchString(ctxAfter) || reTeamBefore.MatchString(ctxBefore) {
			continue
		}
		if !reAttendee.MatchString(ctxAfter) && !reAttendee.MatchString(string(r[max(0, m.start-12):m.start])) {
			continue
		}
		n, ok := cnparse.Number(m.groups[2])
		if !ok || n < 2 {
			continue
		}
		q := cnparse.QualifierOf(m.groups[1], m.groups[3])
		return &record.Quantity{Value: n, Qualifier: q}
	}
	return nil
}

func allHan(r []rune) bool {
	for _, c := range r {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return len(r) > 0
}

// nameRunes collects up to three runes of short Han tokens next to the
// title at toks[i], after it (dir 1) or before it (dir -1), in text order;
// four when they open with a compound surname (欧阳启明).
func nameRunes(toks []segment.Token, i, dir int, isTitle func(segment.Token) bool, compound func([]rune) bool) []rune {
	var out []rune
	for j := i + dir; j >= 0 && j < len(toks); j += dir {
		r := []rune(toks[j].Text)
		if len(r) > 2 || !allHan(r) || isTitle(toks[j]) {
			break
		}
		var next []rune
		if dir > 0 {
			next = append(append([]rune{}, out...), r...)
		} else {
			next = append(append([]rune{}, r...), out...)
		}
		if len(next) > 3 && !(len(next) == 4 && compound(next[:2])) {
			break
		}
		out = next
	}
	return out
}

// compoundSurname reports whether two runes are a compound family name
// (欧阳, 司马) of the surnames dictionary.
func (st *state) compoundSurname(r []rune) bool {
	return len(r) == 2 && st.t.Lex.Surnames[string(r)]
}
