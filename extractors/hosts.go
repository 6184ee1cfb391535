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
