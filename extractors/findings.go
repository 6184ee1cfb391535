package extractors

import (
	"fmt"
	"regexp"
	"strings"

	"qcweave/lexicon"
	"qcweave/record"
)

func (st *state) ref(e record.Evidence) record.Ref {
	return record.Ref{Doc: st.doc.SHA256, Quote: e.Quote, Span: e.Span}
}

func (st *state) finding(kind, severity, subject, msg string, refs ...record.Evidence) record.Finding {
	f := record.Finding{Kind: kind, Severity: severity, Message: msg, Subject: subject}
	for _, e := range refs {
		f.Refs = append(f.Refs, st.ref(e))
	}
	f.ID = record.FindingID(f)
	return f
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// findings checks a document against itself.
func (st *state) findings(ex *record.Extraction) []record.Finding {
	var out []record.Finding
	out = append(out, st.datesOutside(ex)...)
	out = append(out, st.totals(ex)...)
	out = append(out, st.conflicts(ex)...)
	out = append(out, st.baseline(ex)...)
	return st.summarize(out)
}

// maxFindingsPerKind is how many findings of one kind a document lists
// one by one; the rest are summed up in one finding.
const maxFindingsPerKind = 50

// summarize keeps the first maxFindingsPerKind findings of each kind and
// replaces the others of that kind by one finding that says how many
// more there are and quotes the first of them: a page of 10^5 facts
// that contradict each other gives a few findings, not 10^5.
func (st *state) summarize(fs []record.Finding) []record.Finding {
	n := map[string]int{}
	var out []record.Finding
	var firstOver []record.Finding
	for _, f := range fs {
		n[f.Kind]++
		switch {
		case n[f.Kind] <= maxFindingsPerKind:
			out = append(out, f)
		case n[f.Kind] == maxFindingsPerKind+1:
			firstOver = append(firstOver, f)
		}
	}
	for _, f := range firstOver {
		more := n[f.Kind] - maxFindingsPerKind
		g := record.Finding{Kind: f.Kind, Severity: f.Severity, Subject: f.Subject, Refs: f.Refs,
			Message: fmt.Sprintf("另有 %d 条同类问题未逐条列出（and %d more），首条：%s", more, more, f.Message)}
		g.ID = record.FindingID(g)
		out = append(out, g)
	}
	return out
}

// datesOutside reports activities dated outside the document's period or
// after its date.
func (st *state) datesOutside(ex *record.Extraction) []record.Finding {
	var out []record.Finding
	m := ex.Document
	kind := deref(m.Kind)
	if kind == "" {
		kind = "文件"
	}
	for _, a := range ex.Activities {
		if a.Start == nil {
			continue
		}
		start, end := *a.Start, deref(a.End)
		switch {
		case m.Period != nil && (start < m.Period.Start || start > m.Period.End || end > m.Period.End):
			out = append(out, st.finding(record.DateOutsidePeriod, record.Warning, start,
				fmt.Sprintf("活动日期 %s 不在%s期间 %s..%s 内（%s）", start, kind, m.Period.Start, m.Period.End, a.Center), a.Evidence))
		case m.Date != nil && start > *m.Date:
			out = append(out, st.finding(record.DateOutsidePeriod, record.Warning, start,
				fmt.Sprintf("活动日期 %s 晚于%s成文日期 %s（%s）", start, kind, *m.Date, a.Center), a.Evidence))
		}
	}
	return out
}

// totals compares stated totals with the sum of their parts: a regional
// total with the sum of a coverage table of the same level, and a count of
// centers with the rows of the center table of that level.
func (st *state) totals(ex *record.Extraction) []record.Finding {
	var out []record.Finding
	for _, c := range ex.Counts {
		if !c.Total || c.Level == nil || c.RegionCode == nil || *c.RegionCode != st.province {
			continue
		}
		sum, rows := 0, 0
		var first record.Evidence
		for _, cov := range ex.Coverage {
			if cov.Level != nil && *cov.Level == *c.Level && cov.Built != nil {
				if rows == 0 {
					first = cov.Evidence
				}
				sum += *cov.Built
				rows++
			}
		}
		// only a table of every city adds up to the provincial total
		if *c.Level == lexicon.Municipal && rows >= st.t.Lex.Regions.CityCount(st.province) && sum != c.Value {
			out = append(out, st.finding(record.TotalMismatch, record.Warning, c.Region,
				fmt.Sprintf("%s%s%s合计 %d 与表中各地之和 %d 不符", c.Region, *c.Level, c.Subject, c.Value, sum), c.Evidence, first))
		}
		tableRows := 0
		var firstRow record.Evidence
		for _, ce := range ex.Centers {
			if ce.Source == "table" && ce.Level != nil && *ce.Level == *c.Level && ce.RegionCode != nil && *ce.RegionCode == st.province {
				if tableRows == 0 {
					firstRow = ce.Evidence
				}
				tableRows++
			}
		}
		if *c.Level == lexicon.Provincial && tableRows > 0 && tableRows != c.Value && !st.partialList() {
			out = append(out, st.finding(record.TotalMismatch, record.Warning, c.Region,
				fmt.Sprintf("文中称%s%s %d 个，名单列出 %d 个", *c.Level, c.Subject, c.Value, tableRows), c.Evidence, firstRow))
		}
	}
	return out
}

// conflicts reports the same fact stated with two values: two counts of
// one region, level and date, or a count and the coverage table.
func (st *state) conflicts(ex *record.Extraction) []record.Finding {
	var out []record.Finding
	type key struct{ region, level, asOf, subject string }
	seen := map[key]record.Count{}
	keyOf := func(c record.Count) key {
		return key{deref(c.RegionCode), deref(c.Level), deref(c.AsOf), subjectClass(c.Subject)}
	}
	for _, c := range ex.Counts {
		if c.RegionCode == nil {
			continue
		}
		k := keyOf(c)
		if prev, ok := seen[k]; ok && prev.Value != c.Value {
			out = append(out, st.finding(record.ValueConflict, record.Warning, c.Region,
				fmt.Sprintf("%s%s%s数量前后不一：%d 与 %d", c.Region, deref(c.Level), c.Subject, prev.Value, c.Value), prev.Evidence, c.Evidence))
			continue
		}
		seen[k] = c
	}
	// the counts of centers by place and level, for the coverage rows
	type place struct{ code, level string }
	centerCounts := map[place][]record.Count{}
	for _, c := range ex.Counts {
		if c.RegionCode != nil && subjectClass(c.Subject) == "质控中心" {
			k := place{*c.RegionCode, deref(c.Level)}
			centerCounts[k] = append(centerCounts[k], c)
		}
	}
	for _, cov := range ex.Coverage {
		if cov.Built == nil || cov.RegionCode == nil {
			continue
		}
		for _, c := range centerCounts[place{*cov.RegionCode, deref(cov.Level)}] {
			if c.Value != *cov.Built {
				out = append(out, st.finding(record.ValueConflict, record.Warning, cov.Region,
					fmt.Sprintf("%s%s质控中心数量正文为 %d，附表为 %d", cov.Region, deref(cov.Level), c.Value, *cov.Built), c.Evidence, cov.Evidence))
			}
		}
	}
	return out
}

// subjectClass folds a count's subject to what it counts.
func subjectClass(s string) string {
	if strings.Contains(s, "组织") || strings.HasSuffix(s, "质控组") {
		return "质控组织"
	}
	return "质控中心"
}

// baseline reports coverage rows whose built + missing differs from the
// number of specialties on the provincial list of the same document. When
// most rows of a table (one level) differ, the table counts something
// other than the list (centers of specialties outside it): one finding
// for the table says so, instead of one per row.
func (st *state) baseline(ex *record.Extraction) []record.Finding {
	n := 0
	for _, c := range ex.Centers {
		if c.Source == "table" && deref(c.Level) == lexicon.Provincial {
			n++
		}
	}
	if n == 0 || st.partialList() {
		return nil
	}
	// a table is the coverage rows of one level
	var levels []string
	rows := map[string][]record.Coverage{}
	for _, cov := range ex.Coverage {
		if cov.Built == nil {
			continue
		}
		l := deref(cov.Level)
		if _, ok := rows[l]; !ok {
			levels = append(levels, l)
		}
		rows[l] = append(rows[l], cov)
	}
	var out []record.Finding
	for _, l := range levels {
		off, lo, hi, systematic := offBaseline(rows[l], n)
		if systematic {
			// most rows off: the table counts other than the list does
			// (built centers of specialties outside it), one finding
			out = append(out, st.finding(record.BaselineMismatch, record.Info, l,
				fmt.Sprintf("%s组建情况表 %d 行中 %d 行的已组建 + 未组建（%d–%d）与省级专业名单 %d 个不符：多数行不符，表中已组建数计入了名单以外的专业，与名单无法逐行核对",
					l, len(rows[l]), len(off), lo, hi, n), off[0].Evidence))
			continue
		}
		for _, cov := range off {
			got := *cov.Built + len(cov.Missing)
			out = append(out, st.finding(record.BaselineMismatch, record.Info, cov.Region,
				fmt.Sprintf("%s：已组建 %d + 未组建 %d 个专业 = %d，与省级专业名单 %d 个不符", cov.Region, *cov.Built, len(cov.Missing), got, n), cov.Evidence))
		}
	}
	return out
}

// offBaseline returns the rows of a coverage table whose built + missing
// is not n, the least and greatest such sum, and whether the rows that
// differ are most of the table (at least three): then the table counts
// something other than the list, and its rows are not checked one by one.
func offBaseline(rows []record.Coverage, n int) (off []record.Coverage, lo, hi int, systematic bool) {
	for _, cov := range rows {
		if cov.Built == nil {
			continue
		}
		if got := *cov.Built + len(cov.Missing); got != n {
			if len(off) == 0 || got < lo {
				lo = got
			}
			hi = max(hi, got)
			off = append(off, cov)
		}
	}
	return off, lo, hi, len(off) >= 3 && 2*len(off) > len(rows)
}

// rePartialList matches captions of lists that are not the whole set: a
// selection, a batch, the new ones.
var rePartialList = regexp.MustCompile(`部分|节选|第[一二三四五六七八九十\d]+批|新增|新设|新成立|拟`)

// partialList reports whether a center table is captioned as a selection
// (部分…名单), so that its rows are not expected to add up to a total.
func (st *state) partialList() bool {
	for _, tb := range st.doc.Tables() {
		if rePartialList.MatchString(st.tableContext(tb)) {
			return true
		}
	}
	return false
}
