package extractors

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/lexicon"
	"qcweave/record"
)

var (
	// reGroupHost states one host for the centers just listed: 以上7个中心
	// 挂靠单位为X, 上述中心均依托X, …质控中心均挂靠于X.
	reGroupHost = regexp.MustCompile(`(?:(?:以上|上述|前述|这)(` + cnNum + `)?(?:个|家)?(?:质控|质量控制)?中心(?:的)?(?:均|都|全部|统一)?(?:挂靠|依托|承担|设置|建设)单位(?:均|都)?(?:为|是|设在|在)|(?:均|都|全部|统一)(?:挂靠|依托|设在|落户)(?:单位为|于|在|到)?)([^，,。；;：:]{4,60})`)
	// reHostChange states the new host of the centers named just before
	// it: A、B质控中心挂靠单位调整为X, or 由Y调整为X (Y is the former)
	reHostChange = regexp.MustCompile(`^(?:的)?(?:挂靠|依托|承担|建设)单位(?:均|统一)?(?:由[^，,。；;：:]{2,40}?)?(?:调整|变更|更改)(?:为|到|至)([^，,。；;：:]{4,60})`)
	// reListSep is what may stand between the names of a list
	reListSep = regexp.MustCompile(`^[、，,和及与\s]*$`)
	// reHostEnd cuts a host clause where the sentence goes on
	reHostEnd = regexp.MustCompile(`(?:负责|承担|牵头|管理|建设|组建|，|,).*$`)
)

// groupHosts gives the centers of a list the host the text states once
// for all of them (以上7个中心挂靠单位为X; A、B、C质控中心均挂靠X): the
// centers named before the statement in its sentence, or the last N of
// them when it counts them. A center that has hosts of its own keeps them.
func (st *state) groupHosts(out []record.Center, index map[string]int) {
	for _, p := range st.paras {
		ptext := st.doc.Slice(p.Span)
		if !strings.Contains(ptext, "均") && !strings.Contains(ptext, "以上") && !strings.Contains(ptext, "上述") && !strings.Contains(ptext, "这") {
			continue
		}
		for _, sent := range st.doc.Split(p.Span, "。；;！？") {
			text := st.doc.Slice(sent)
			for _, m := range findAll(reGroupHost, text) {
				hosts := st.groupHostNames(m.groups[2])
				if len(hosts) == 0 {
					continue
				}
				at := sent.Start + m.start
				var keys []string
				for _, cm := range st.mentionsIn(document.Span{Start: sent.Start, End: at}) {
					if k := cm.key(); len(keys) == 0 || keys[len(keys)-1] != k {
						keys = append(keys, k)
					}
				}
				n, counted := cnparse.Number(m.groups[1])
				if len(keys) == 0 || counted && n > len(keys) {
					// 以上中心…: the centers listed in the lines just before
					keys = appendNew(st.listedBefore(sent.Start), keys)
				}
				if counted && n > 0 {
					if n > len(keys) {
						continue // the count does not match the list: no guess
					}
					keys = keys[len(keys)-n:]
				}
				for _, k := range keys {
					i, ok := index[k]
					if !ok {
						continue
					}
					c := &out[i]
					if len(c.Institutions) > 0 && c.HostRule != RuleHostInSentence {
						continue
					}
					c.Institutions = hosts
					c.HostRule = RuleHostGroup
				}
			}
		}
	}
}

// changedHosts gives every center of a list the new host a host change
// states for them all (A、B质控中心挂靠单位调整为X): the centers named one
// after the other, nothing but separators between them, up to the
// statement. A single center's change is the sentence rule's.
func (st *state) changedHosts(out []record.Center, index map[string]int) {
	for _, p := range st.paras {
		ptext := st.doc.Slice(p.Span)
		if !strings.Contains(ptext, "单位") || !strings.ContainsAny(ptext, "调变更") {
			continue
		}
		ms := st.mentionsIn(p.Span)
		for i, cm := range ms {
			tail := st.doc.Slice(document.Span{Start: cm.span.End, End: min(cm.span.End+80, p.Span.End)})
			m := reHostChange.FindStringSubmatch(tail)
			if m == nil {
				continue
			}
			hosts := st.groupHostNames(m[1])
			if len(hosts) == 0 {
				continue
			}
			// the list: back from this mention while only separators part them
			j := i
			for j > 0 && reListSep.MatchString(st.doc.Slice(document.Span{Start: ms[j-1].span.End, End: ms[j].span.Start})) {
				j--
			}
			if j == i {
				continue
			}
			for _, c := range ms[j : i+1] {
				k, ok := index[c.key()]
				if !ok {
					continue
				}
				if len(out[k].Institutions) > 0 && out[k].HostRule != RuleHostInSentence {
					continue
				}
				out[k].Institutions = hosts
				out[k].HostRule = RuleHostGroup
			}
		}
	}
}

// reLedBy ends the text before a list of centers that names their host
// first: 由X牵头的, 由X负责组建的.
var reLedBy = regexp.MustCompile(`由([^，,。；;：:由的]{4,40}?)(?:牵头|负责|承担|挂靠|依托)(?:组建|建设|成立|设立)?的$`)

// ledHosts gives the centers of a list the host the text names before it
// (由X牵头的A中心、B中心): the centers named one after the other, nothing
// but separators between them, from the one the clause runs into. A center
// with a host of its own sentence keeps it.
func (st *state) ledHosts(out []record.Center, index map[string]int) {
	for _, p := range st.paras {
		ptext := st.doc.Slice(p.Span)
		if !strings.Contains(ptext, "由") || !strings.Contains(ptext, "的") {
			continue
		}
		ms := st.mentionsIn(p.Span)
		for i := 0; i < len(ms); i++ {
			head := st.doc.Slice(document.Span{Start: max(p.Span.Start, ms[i].span.Start-50), End: ms[i].span.Start})
			m := reLedBy.FindStringSubmatch(head)
			if m == nil {
				continue
			}
			hosts := st.groupHostNames(m[1])
			if len(hosts) == 0 {
				continue
			}
			j := i
			for j+1 < len(ms) && reListSep.MatchString(st.doc.Slice(document.Span{Start: ms[j].span.End, End: ms[j+1].span.Start})) {
				j++
			}
			for _, c := range ms[i : j+1] {
				k, ok := index[c.key()]
				if !ok || len(out[k].Institutions) > 0 {
					continue
				}
				out[k].Institutions = hosts
				out[k].HostRule = RuleHostLedBy
			}
			i = j
		}
	}
}

// listedBefore returns the keys of the centers named in the paragraphs
// right before offset at: the run of paragraphs, back from at, that each
// name a center (a list written one center a line), or the sentences of
// at's own paragraph before it.
func (st *state) listedBefore(at int) []string {
	var spans []document.Span
	for i := len(st.paras) - 1; i >= 0; i-- {
		p := st.paras[i].Span
		if p.Start >= at {
			continue
		}
		if p.End > at {
			spans = append(spans, document.Span{Start: p.Start, End: at})
			continue
		}
		if len(st.mentionsIn(p)) == 0 {
			break
		}
		spans = append(spans, p)
		if len(spans) > 40 {
			break
		}
	}
	var keys []string
	seen := map[string]bool{}
	for i := len(spans) - 1; i >= 0; i-- {
		for _, k := range st.centerKeys(spans[i]) {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// appendNew appends to a the items of b it does not hold.
func appendNew(a, b []string) []string {
	for _, x := range b {
		a = uniq(a, x)
	}
	return a
}

// groupHostNames reads the institutions of a host clause.
func (st *state) groupHostNames(s string) []string {
	s = reHostEnd.ReplaceAllString(s, "")
	var out []string
	for _, h := range splitHosts(s) {
		if h = cleanInstitution(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

var (
	// reSourceInst is an institution a page's byline or footer names as
	// its source or owner: 来源:某某医院, 某某医院 版权所有, 主办单位:某某医院
	reSourceInst = regexp.MustCompile(`(?:来源|信息来源|文章来源|稿件来源|供稿|主办单位|主办)\s*[:：]\s*([\p{Han}（）()]{4,30}?(?:医院|卫生院|保健院))|([\p{Han}（）()]{4,30}?(?:医院|卫生院|保健院))\s*(?:版权所有|©)|(?:版权所有|Copyright|©)[^\p{Han}]{0,20}([\p{Han}（）()]{4,30}?(?:医院|卫生院|保健院))`)
	// reBodyHospital is a hospital named in running text
	reBodyHospital = regexp.MustCompile(`[\p{Han}]{2,20}?(?:医院|卫生院|保健院)`)
	// reWeHost is the hospital speaking of itself as a host
	reWeHost = regexp.MustCompile(`^(?:我院|本院)`)
)

// ownInstitution returns the hospital whose page the document is, for a
// host written 我院 (我院作为…中心挂靠单位, …中心落户我院): the hospital the
// page's byline or footer names as its source or owner; else the one
// hospital of the running text whose name opens with the center's region
// (a city's center on a city hospital's page). "" when neither says.
func (st *state) ownInstitution(c centerName) string {
	var found []string
	for _, p := range st.doc.Paragraphs() {
		t := st.doc.Slice(p.Span)
		if chromeKind(t) == chromeNone || document.InBanji(p.Role) {
			continue // the 版记's 抄送 and 印发 lines name no host
		}
		for _, m := range reSourceInst.FindAllStringSubmatch(t, -1) {
			if h := cleanInstitution(m[1] + m[2] + m[3]); h != "" {
				found = uniq(found, h)
			}
		}
	}
	for _, f := range st.doc.Furniture {
		for _, m := range reSourceInst.FindAllStringSubmatch(f.Text, -1) {
			if h := cleanInstitution(m[1] + m[2] + m[3]); h != "" {
				found = uniq(found, h)
			}
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	if len(found) > 1 || !c.hasRegion {
		return ""
	}
	// the full name of the region first (酒泉市…), then its short form
	prefixes := []string{c.region.Name}
	if c.region.Short != "" && c.region.Short != c.region.Name {
		prefixes = append(prefixes, c.region.Short)
	}
	for _, pre := range prefixes {
		var order []string
		for _, p := range st.paras {
			t := st.doc.Slice(p.Span)
			for _, loc := range reBodyHospital.FindAllStringIndex(t, -1) {
				name := t[loc[0]:loc[1]]
				i := strings.LastIndex(name, pre)
				if i < 0 || strings.HasPrefix(t[loc[1]:], "感染") {
					continue
				}
				if h := cleanInstitution(name[i:]); h != "" {
					order = uniq(order, h)
				}
			}
		}
		if len(order) == 1 {
			return order[0]
		}
		if len(order) > 1 {
			return ""
		}
	}
	return ""
}

var (
	// reRespHostsFirst: A、B和C分别被确定为X、Y、Z(的)主任委员单位 — hosts
	// listed before 分别, the centers after it, paired in order
	reRespHostsFirst = regexp.MustCompile(`分别(?:被)?(?:确定为|确定|遴选为|批准为|作为|成为|为|担任|承担)(?:新一届|新一轮|本届)?(.+?)(?:的)?(?:主任委员单位|挂靠单位|依托单位|牵头单位|承担单位|建设单位|支撑单位)`)
	// reRespCentersFirst: X、Y、Z质控中心分别挂靠于A、B、C
	reRespCentersFirst = regexp.MustCompile(`分别(?:挂靠|依托|设在|落户)(?:单位为|于|在|到)?([^。；;]+)`)
	// reNegated ends the text before a statement that something no
	// longer holds (…不再分别担任…): former hosts, not hosts
	reNegated = regexp.MustCompile(`(?:不再|不|已不|停止)$`)
)

// respectiveHosts pairs hosts with centers written as two lists joined by
// 分别, in either order: A、B分别为X、Y中心挂靠单位, or X、Y中心分别挂靠
// A、B. Both lists must have as many items; a center's own host stays.
func (st *state) respectiveHosts(out []record.Center, index map[string]int) {
	for _, p := range st.paras {
		if !strings.Contains(st.doc.Slice(p.Span), "分别") {
			continue
		}
		for _, sent := range st.doc.Split(p.Span, "。；;！？") {
			text := st.doc.Slice(sent)
			for _, m := range findAll(reRespHostsFirst, text) {
				r := []rune(text)
				head := string(r[:m.start])
				if reNegated.MatchString(head) {
					continue
				}
				if i := strings.LastIndexAny(head, "，,：:；;"); i >= 0 {
					_, size := utf8.DecodeRuneInString(head[i:])
					head = head[i+size:]
				}
				hosts := st.hostList(reInstLead.ReplaceAllString(strings.TrimSpace(head), ""))
				g := m.gspans[1]
				centers := st.centerKeys(document.Span{Start: sent.Start + g[0], End: sent.Start + g[1]})
				st.pairHosts(out, index, centers, hosts)
			}
			for _, m := range findAll(reRespCentersFirst, text) {
				clauseStart := 0
				r := []rune(text)
				for i := m.start - 1; i >= 0; i-- {
					if strings.ContainsRune("，,：:；;", r[i]) {
						clauseStart = i + 1
						break
					}
				}
				if reNegated.MatchString(string(r[:m.start])) {
					continue
				}
				centers := st.centerKeys(document.Span{Start: sent.Start + clauseStart, End: sent.Start + m.start})
				rest := m.groups[1]
				if c := reHostClauseEnd.FindStringIndex(rest); c != nil {
					rest = rest[:c[0]]
				}
				st.pairHosts(out, index, centers, st.hostList(rest))
			}
		}
	}
}

// hostList reads a list of institutions; nil when an item does not look
// like one.
func (st *state) hostList(s string) []string {
	var out []string
	for _, h := range splitHosts(s) {
		c := cleanInstitution(h)
		if c == "" {
			return nil
		}
		out = append(out, c)
	}
	return out
}

// centerKeys returns the keys of the centers named in a span, in order,
// each once.
func (st *state) centerKeys(s document.Span) []string {
	var keys []string
	seen := map[string]bool{}
	for _, cm := range st.mentionsIn(s) {
		if k := cm.key(); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// pairHosts gives the k-th center the k-th host when both lists are as
// long; a center that has a host of its own keeps it.
func (st *state) pairHosts(out []record.Center, index map[string]int, centers, hosts []string) {
	if len(centers) < 2 || len(centers) != len(hosts) {
		return
	}
	for k, key := range centers {
		i, ok := index[key]
		if !ok {
			continue
		}
		// a host read from the whole clause (挂靠于A和B) gives way to the pairing
		if c := &out[i]; len(c.Institutions) == 0 || c.HostRule == RuleHostInSentence {
			c.Institutions = []string{hosts[k]}
			c.HostRule = RuleHostRespectively
		}
	}
}

// reAwardedHost: 授予X主任委员单位, 授予X为挂靠单位 — a host named without
// the center's name beside it
var reAwardedHost = regexp.MustCompile(`授予([^，,。；;：:]{4,40}?)(?:为)?(?:主任委员单位|挂靠单位|依托单位|牵头单位|承担单位)`)

// soleCenterHost gives the one center a document names (national centers
// aside) the host a sentence names without naming the center: on a page
// about one center's founding, 授予某医院主任委员单位 can only be its host.
func (st *state) soleCenterHost(out []record.Center) {
	sole := -1
	for i, c := range out {
		if c.Level != nil && *c.Level == lexicon.National {
			continue
		}
		if sole >= 0 {
			return // several centers: the sentence could be any one's
		}
		sole = i
	}
	if sole < 0 || len(out[sole].Institutions) > 0 {
		return
	}
	for _, p := range st.paras {
		if !strings.Contains(st.doc.Slice(p.Span), "授予") {
			continue
		}
		for _, sent := range st.sentences(p.Span) {
			if m := reAwardedHost.FindStringSubmatch(st.doc.Slice(sent)); m != nil {
				if h := cleanInstitution(m[1]); h != "" {
					out[sole].Institutions = []string{h}
					out[sole].HostRule = RuleHostSoleCenter
					return
				}
			}
		}
	}
}
