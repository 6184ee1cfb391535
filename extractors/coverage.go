package extractors

import (
	"regexp"
	"strconv"
	"strings"

	"qcweave/lexicon"
	"qcweave/record"
)

var (
	reColBuilt   = regexp.MustCompile(`已组建|已建|已成立|数量|个数|总数`)
	reColMissing = regexp.MustCompile(`尚未|未组建|未建|未成立|缺少|空白`)
	reSplitList  = regexp.MustCompile(`[、，,；;]+`)
	reTotalRow   = regexp.MustCompile(`^(合计|总计|小计|全省|总数)$`)
)

// extractCoverage reads tables that give, per region, how many centers are
// built and which specialties are still missing.
func (st *state) extractCoverage() []record.Coverage {
	var out []record.Coverage
	for _, tb := range st.doc.Tables() {
		if tb.Header == 0 || len(tb.Rows) < 2 {
			continue
		}
		h := tb.Rows[0].Cells
		regionCol := column(h, reColRegion, nil)
		builtCol := column(h, reColBuilt, reColMissing)
		missingCol := column(h, reColMissing, nil)
		if regionCol < 0 || (builtCol < 0 && missingCol < 0) {
			continue
		}
		caption := st.tableContext(tb)
		headerText := ""
		for _, c := range h {
			headerText += c.Text
		}
		level := ""
		for _, s := range []string{headerText, caption} {
			if m := reLevelIn.FindString(s); m != "" {
				level = levelOf(m)
				break
			}
		}
		for _, row := range tb.Rows[tb.Header:] {
			cell := func(i int) string {
				if i < 0 || i >= len(row.Cells) {
					return ""
				}
				return strings.TrimSpace(row.Cells[i].Text)
			}
			name := cell(regionCol)
			if name == "" || reTotalRow.MatchString(name) {
				continue
			}
			cov := record.Coverage{Region: name, Missing: []string{}}
			if reg, ok := st.t.Lex.Regions.Lookup(name, st.province); ok {
				cov.RegionFull = record.Str(reg.Name)
				cov.RegionCode = record.Str(reg.Code)
				if level == "" {
					level = reg.Level()
				}
			}
			lv := level
			if lv == "" {
				lv = lexicon.Municipal
			}
			cov.Level = record.Str(lv)
			if n, err := strconv.Atoi(cell(builtCol)); err == nil {
				cov.Built = record.Int(n)
			}
			for _, sp := range reSplitList.Split(cell(missingCol), -1) {
				sp = trimPunct(strings.TrimSpace(sp))
				if sp == "" || sp == "无" || sp == "/" || sp == "-" {
					continue
				}
				cov.Missing = append(cov.Missing, sp)
				if s, ok := st.t.Lex.Specialties.Resolve(sp); ok {
					cov.MissingIDs = append(cov.MissingIDs, s.ID)
				} else {
					cov.MissingIDs = append(cov.MissingIDs, "")
				}
			}
			cov.Evidence = st.evidence(row.Span)
			out = append(out, cov)
		}
	}
	return out
}
