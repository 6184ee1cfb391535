package extractors

import (
	"regexp"
	"strings"

	"qcweave/document"
	"qcweave/lexicon"
)

var (
	// reListTail matches the number and kind that close a list of
	// specialties: …、病理等4个省级医疗质量控制中心.
	reListTail = regexp.MustCompile(`(` + cnNum + `)个(国家级|省级|市级|县级)(?:医疗)?(?:质量控制中心|质控中心)`)
	// reListGlue is what may stand between the list and its tail
	reListGlue = regexp.MustCompile(`(?:等)?(?:专业|学科)?(?:成为|为|作为)?(?:其中)?(?:新增|新成立|新组建|首批|第[一二三四五六七八九十\d]+批)?(?:的)?$`)
	// reRespectively matches the hosts paired in order with a list: 分别挂靠于A、B和C
	reRespectively = regexp.MustCompile(`分别(?:挂靠|依托|设在|落户)(?:于|在)?([^。；;]+)`)
)

// listCenters reads centers named by their specialty alone in a list that
// a number and a level close (新增麻醉、病理、超声3个省级质控中心): one center
// per specialty the dictionary knows, with the level and the region the
// level implies. Hosts given with 分别 pair with the list in order.
func (st *state) listCenters() []tableCenter {
	var out []tableCenter
	for _, p := range st.paras {
		if t := st.doc.Slice(p.Span); !strings.Contains(t, "质控中心") && !strings.Contains(t, "质量控制中心") {
			continue // what reListTail needs
		}
		for _, sent := range st.doc.Split(p.Span, "。；;！？") {
			text := st.doc.Slice(sent)
			for _, m := range findAll(reListTail, text) {
				out = append(out, st.listAt(text, sent, m)...)
			}
		}
	}
	return out
}

func (st *state) listAt(text string, sent document.Span, m match) []tableCenter {
	r := []rune(text)
	head := string(r[:m.start])
	if g := reListGlue.FindStringIndex(head); g != nil {
		head = head[:g[0]]
	}
	// the list runs back to the clause's start
	if i := strings.LastIndexAny(head, "，,：:"); i >= 0 {
		head = head[i+len(string([]rune(head[i:])[0])):]
	}
	head = reBracketed.ReplaceAllString(head, "")
	items := splitOutsideBrackets(head, "、和及与")
	if len(items) < 2 {
		return nil
	}
	level := m.groups[2]
	var region lexicon.Region
	hasRegion := false
	switch level {
	case lexicon.Provincial:
		region, hasRegion = st.t.Lex.Regions.ByCode(st.province)
	case lexicon.Municipal:
		region, hasRegion = st.t.Lex.Regions.ByCode(st.city)
	}
	var specs []lexicon.Specialty
	var written []string
	for k, it := range items {
		it = strings.TrimSpace(it)
		if k == 0 {
			it = reListLead.ReplaceAllString(it, "")
		}
		it = strings.TrimSuffix(strings.TrimSuffix(it, "专业"), "医疗")
		sp, ok := st.t.Lex.Specialties.Resolve(it)
		if !ok {
			return nil // every item must be a known specialty
		}
		specs = append(specs, sp)
		written = append(written, it)
	}
	var hosts []string
	if hm := reRespectively.FindStringSubmatch(string(r[m.end:])); hm != nil {
		hosts = splitHosts(strings.TrimSpace(hm[1]))
		if len(hosts) != len(specs) {
			hosts = nil
		}
	}
	var out []tableCenter
	for k, sp := range specs {
		prefix := "国家"
		if level != lexicon.National {
			prefix = ""
			if hasRegion {
				prefix = region.Name
			}
		}
		c := centerName{name: prefix + written[k] + "质控中心", level: level, specialty: written[k], spec: sp, specOK: true}
		if hasRegion {
			c.region, c.hasRegion, c.regionText = region, true, region.Name
		}
		rec := st.centerRecord(c, "text")
		if hosts != nil {
			if h := cleanInstitution(hosts[k]); h != "" {
				rec.Institutions = append(rec.Institutions, h)
				rec.HostRule = RuleHostRespectively
			}
		}
		rec.Evidence = st.evidence(sent)
		rec.Rule = RuleCenterListItem
		out = append(out, tableCenter{rec: rec, key: c.key(), name: c})
	}
	return out
}

// reListLead matches the words before a list's first item.
var reListLead = regexp.MustCompile(`^.*?(?:新增|新设|增设|设立|组建|成立|确定|包含|包括|共有|有)`)
