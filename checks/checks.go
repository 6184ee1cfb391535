// Package checks holds the checks of one document against itself: an
// activity dated outside the document's period or after its date
// (date_outside_period), a stated total against the rows of the table or
// list it counts (total_mismatch), one fact stated with two values
// (value_conflict) and coverage rows against the provincial list
// (baseline_mismatch).
//
// The checks are pure: they read one record.Extraction — its document's
// kind, period and date, its records and its Basis — and nothing else. So
// extraction runs them as it reads a document, and reconcile runs the same
// checks again over the document's records as reviewers corrected them
// (store.DocumentFacts), replacing the findings extraction stored. Checks
// across documents are package reconcile's.
package checks

import (
	"fmt"
	"slices"
	"strings"

	"qcweave/record"
)

// Levels the checks compare totals at (lexicon.Provincial and
// lexicon.Municipal: the checks read no dictionary).
const (
	provincial = "省级"
	municipal  = "市级"
)

// Kinds returns the kinds of finding Document makes: those of a document
// that a check again replaces (its other findings, such as unknown_entity,
// are kept).
func Kinds() []string {
	return []string{record.DateOutsidePeriod, record.TotalMismatch, record.ValueConflict, record.BaselineMismatch}
}

// Document checks an extraction against itself and returns its findings,
// each quoting the records it is about (document ex.Source.SHA256). The
// totals and the baseline are checked only when ex.Basis says where the
// document is and whether its list is whole.
func Document(ex *record.Extraction) []record.Finding {
	c := checker{doc: ex.Source.SHA256}
	if ex.Basis != nil {
		c.basis = *ex.Basis
	}
	var out []record.Finding
	out = append(out, c.datesOutside(ex)...)
	out = append(out, c.totals(ex)...)
	out = append(out, c.conflicts(ex)...)
	out = append(out, c.baseline(ex)...)
	return summarize(out)
}

// IsKind reports whether a finding is of a kind Document makes.
func IsKind(kind string) bool { return slices.Contains(Kinds(), kind) }

// checker is the document being checked: its hash and its basis.
type checker struct {
	doc   string
	basis record.Basis
}

func (c checker) finding(kind, severity, subject, msg string, refs ...record.Evidence) record.Finding {
	f := record.Finding{Kind: kind, Severity: severity, Message: msg, Subject: subject}
	for _, e := range refs {
		f.Refs = append(f.Refs, record.Ref{Doc: c.doc, Quote: e.Quote, Span: e.Span})
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

// maxFindingsPerKind is how many findings of one kind a document lists
// one by one; the rest are summed up in one finding.
const maxFindingsPerKind = 50

// summarize keeps the first maxFindingsPerKind findings of each kind and
// replaces the others of that kind by one finding that says how many
// more there are and quotes the first of them: a page of 10^5 facts
// that contradict each other gives a few findings, not 10^5.
func summarize(fs []record.Finding) []record.Finding {
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
func (c checker) datesOutside(ex *record.Extraction) []record.Finding {
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
			out = append(out, c.finding(record.DateOutsidePeriod, record.Warning, start,
				fmt.Sprintf("活动日期 %s 不在%s期间 %s..%s 内（%s）", start, kind, m.Period.Start, m.Period.End, a.Center), a.Evidence))
		case m.Date != nil && start > *m.Date:
			out = append(out, c.finding(record.DateOutsidePeriod, record.Warning, start,
				fmt.Sprintf("活动日期 %s 晚于%s成文日期 %s（%s）", start, kind, *m.Date, a.Center), a.Evidence))
		}
	}
	return out
}

// totals compares stated totals with the sum of their parts: a regional
// total with the sum of a coverage table of the same level, and a count of
// centers with the rows of the center table of that level.
func (c checker) totals(ex *record.Extraction) []record.Finding {
	var out []record.Finding
	province := c.basis.Province
	for _, n := range ex.Counts {
		if !n.Total || n.Level == nil || n.RegionCode == nil || *n.RegionCode != province {
			continue
		}
		sum, rows := 0, 0
		var first record.Evidence
		for _, cov := range ex.Coverage {
			if cov.Level != nil && *cov.Level == *n.Level && cov.Built != nil {
				if rows == 0 {
					first = cov.Evidence
				}
				sum += *cov.Built
				rows++
			}
		}
		// only a table of every city adds up to the provincial total
		if *n.Level == municipal && rows >= c.basis.Cities && sum != n.Value {
			out = append(out, c.finding(record.TotalMismatch, record.Warning, n.Region,
				fmt.Sprintf("%s%s%s合计 %d 与表中各地之和 %d 不符", n.Region, *n.Level, n.Subject, n.Value, sum), n.Evidence, first))
		}
		tableRows := 0
		var firstRow record.Evidence
		for _, ce := range ex.Centers {
			if ce.Source == "table" && ce.Level != nil && *ce.Level == *n.Level && ce.RegionCode != nil && *ce.RegionCode == province {
				if tableRows == 0 {
					firstRow = ce.Evidence
				}
				tableRows++
			}
		}
		if *n.Level == provincial && tableRows > 0 && tableRows != n.Value && !c.basis.PartialList {
			out = append(out, c.finding(record.TotalMismatch, record.Warning, n.Region,
				fmt.Sprintf("文中称%s%s %d 个，名单列出 %d 个", *n.Level, n.Subject, n.Value, tableRows), n.Evidence, firstRow))
		}
	}
	return out
}

// conflicts reports the same fact stated with two values: two counts of
// one region, level and date, or a count and the coverage table.
func (c checker) conflicts(ex *record.Extraction) []record.Finding {
	var out []record.Finding
	type key struct{ region, level, asOf, subject string }
	seen := map[key]record.Count{}
	keyOf := func(n record.Count) key {
		return key{deref(n.RegionCode), deref(n.Level), deref(n.AsOf), SubjectClass(n.Subject)}
	}
	for _, n := range ex.Counts {
		if n.RegionCode == nil {
			continue
		}
		k := keyOf(n)
		if prev, ok := seen[k]; ok && prev.Value != n.Value {
			out = append(out, c.finding(record.ValueConflict, record.Warning, n.Region,
				fmt.Sprintf("%s%s%s数量前后不一：%d 与 %d", n.Region, deref(n.Level), n.Subject, prev.Value, n.Value), prev.Evidence, n.Evidence))
			continue
		}
		seen[k] = n
	}
	// the counts of centers by place and level, for the coverage rows
	type place struct{ code, level string }
	centerCounts := map[place][]record.Count{}
	for _, n := range ex.Counts {
		if n.RegionCode != nil && SubjectClass(n.Subject) == "质控中心" {
			k := place{*n.RegionCode, deref(n.Level)}
			centerCounts[k] = append(centerCounts[k], n)
		}
	}
	for _, cov := range ex.Coverage {
		if cov.Built == nil || cov.RegionCode == nil {
			continue
		}
		for _, n := range centerCounts[place{*cov.RegionCode, deref(cov.Level)}] {
			if n.Value != *cov.Built {
				out = append(out, c.finding(record.ValueConflict, record.Warning, cov.Region,
					fmt.Sprintf("%s%s质控中心数量正文为 %d，附表为 %d", cov.Region, deref(cov.Level), n.Value, *cov.Built), n.Evidence, cov.Evidence))
			}
		}
	}
	return out
}

// SubjectClass folds a count's subject to what it counts: 质控组织 for
// organizations and groups, else 质控中心.
func SubjectClass(s string) string {
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
func (c checker) baseline(ex *record.Extraction) []record.Finding {
	n := 0
	for _, ce := range ex.Centers {
		if ce.Source == "table" && deref(ce.Level) == provincial {
			n++
		}
	}
	if n == 0 || c.basis.PartialList {
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
			out = append(out, c.finding(record.BaselineMismatch, record.Info, l,
				fmt.Sprintf("%s组建情况表 %d 行中 %d 行的已组建 + 未组建（%d–%d）与省级专业名单 %d 个不符：多数行不符，表中已组建数计入了名单以外的专业，与名单无法逐行核对",
					l, len(rows[l]), len(off), lo, hi, n), off[0].Evidence))
			continue
		}
		for _, cov := range off {
			got := *cov.Built + len(cov.Missing)
			out = append(out, c.finding(record.BaselineMismatch, record.Info, cov.Region,
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
