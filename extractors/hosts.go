package extractors

import (
	"regexp"
	"strings"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/record"
)

var (
	// reGroupHost states one host for the centers just listed: 以上7个中心
	// 挂靠单位为X, 上述中心均依托X, …质控中心均挂靠于X.
	reGroupHost = regexp.MustCompile(`(?:(?:以上|上述|前述|这)(` + cnNum + `)?(?:个|家)?(?:质控|质量控制)?中心(?:的)?(?:均|都|全部|统一)?(?:挂靠|依托|承担|设置|建设)单位(?:均|都)?(?:为|是|设在|在)|(?:均|都|全部|统一)(?:挂靠|依托|设在|落户)(?:单位为|于|在|到)?)([^，,。；;：:]{4,60})`)
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
				if n, ok := cnparse.Number(m.groups[1]); ok && n > 0 {
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
		if chromeKind(t) == chromeNone {
			continue
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
