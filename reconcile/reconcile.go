// Package reconcile checks the store across documents: the same count
// stated with two values (value_conflict), a count that went down between
// notices (count_decreased), and a center whose host institution changed
// (attribute_changed). Findings within one document come from package
// extractors when the document is stored.
package reconcile

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"qcweave/record"
	"qcweave/store"
)

// Check computes the findings across documents.
func Check(ctx context.Context, st *store.Store) ([]record.Finding, error) {
	counts, err := st.Counts(ctx)
	if err != nil {
		return nil, err
	}
	out := countFindings(counts)
	err = st.EachCenterHosts(ctx, func(hosts []store.HostFact) error {
		out = append(out, hostFindings(hosts)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].ID = record.FindingID(out[i])
	}
	return out, nil
}

func subjectClass(s string) string {
	if strings.Contains(s, "组织") || strings.HasSuffix(s, "质控组") {
		return "质控组织"
	}
	return "质控中心"
}

func ref(c store.CountFact) record.Ref {
	return record.Ref{Doc: c.Doc, Quote: c.Quote, Span: c.Span}
}

// countFindings compares counts of one region, level and subject across
// documents. Its time grows with the counts, not with their pairs: a
// national year states the same count in thousands of documents.
func countFindings(counts []store.CountFact) []record.Finding {
	type key struct{ region, level, subject string }
	groups := map[key][]store.CountFact{}
	var order []key
	for _, c := range counts {
		k := key{c.RegionCode, c.Level, subjectClass(c.Subject)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	var out []record.Finding
	for _, k := range order {
		g := groups[k]
		sort.SliceStable(g, func(i, j int) bool { return g[i].AsOf < g[j].AsOf })
		var peak *store.CountFact // the highest value of the dates before
		for i := 0; i < len(g); {
			j := i
			for j < len(g) && g[j].AsOf == g[i].AsOf {
				j++
			}
			day := g[i:j]
			if day[0].AsOf != "" {
				out = append(out, conflicts(day, k.level)...)
				// count_decreased: below the highest value of an earlier date
				for _, b := range day {
					if peak != nil && b.Value < peak.Value && b.Doc != peak.Doc {
						out = append(out, record.Finding{Kind: record.CountDecreased, Severity: record.Warning, Subject: peak.Region,
							Message: fmt.Sprintf("%s%s%s由 %d（%s）减少为 %d（%s）", peak.Region, k.level, peak.Subject, peak.Value, peak.AsOf, b.Value, b.AsOf),
							Refs:    []record.Ref{ref(*peak), ref(b)}})
					}
				}
				for d := range day {
					if peak == nil || day[d].Value > peak.Value {
						peak = &day[d]
					}
				}
			}
			i = j
		}
	}
	return out
}

// conflicts reports the values of one date that differ between documents
// (value_conflict): one finding per pair of values, quoting the first
// documents that state them.
func conflicts(day []store.CountFact, level string) []record.Finding {
	var values []int
	first := map[int][]store.CountFact{} // a value's first statements, from at most two documents
	for _, c := range day {
		fs, ok := first[c.Value]
		if !ok {
			values = append(values, c.Value)
		}
		if len(fs) == 0 || len(fs) == 1 && fs[0].Doc != c.Doc {
			first[c.Value] = append(fs, c)
		}
	}
	var out []record.Finding
	for i, v := range values {
		for _, w := range values[i+1:] {
			for _, a := range first[v] {
				b, ok := otherDoc(first[w], a.Doc)
				if !ok {
					continue
				}
				out = append(out, record.Finding{Kind: record.ValueConflict, Severity: record.Warning, Subject: a.Region,
					Message: fmt.Sprintf("%s%s%s截至 %s 的数量在两份文件中不同：%d 与 %d", a.Region, level, a.Subject, a.AsOf, a.Value, b.Value),
					Refs:    []record.Ref{ref(a), ref(b)}})
				break
			}
		}
	}
	return out
}

// otherDoc returns the first count not stated in document doc.
func otherDoc(cs []store.CountFact, doc string) (store.CountFact, bool) {
	for _, c := range cs {
		if c.Doc != doc {
			return c, true
		}
	}
	return store.CountFact{}, false
}

// hostFindings reports centers whose stated host or listed name changed
// between documents. The facts come ordered by center, date and document;
// each document's mentions are compared with the latest earlier document
// that stated a host (or listed the center), so that the time grows with
// the mentions, not with their pairs.
func hostFindings(hosts []store.HostFact) []record.Finding {
	var out []record.Finding
	for i := 0; i < len(hosts); {
		j := i
		for j < len(hosts) && hosts[j].CenterKey == hosts[i].CenterKey {
			j++
		}
		var withHost, listed *store.HostFact // from earlier documents
		center := hosts[i:j]
		for a := 0; a < len(center); {
			b := a
			for b < len(center) && center[b].Doc == center[a].Doc {
				b++
			}
			doc := center[a:b]
			for _, m := range doc {
				if p := withHost; p != nil && m.Hosts != "" && p.Hosts != m.Hosts {
					out = append(out, record.Finding{Kind: record.AttributeChanged, Severity: record.Warning, Subject: p.Center,
						Message: fmt.Sprintf("%s的依托单位由“%s”变为“%s”", p.Center, p.Hosts, m.Hosts), Refs: hostRefs(*p, m)})
				}
				// official lists name centers in full; a different name there is
				// a renaming, unlike the short forms of running text
				if p := listed; p != nil && m.Source == "table" && nameKey(p.Name) != nameKey(m.Name) {
					out = append(out, record.Finding{Kind: record.AttributeChanged, Severity: record.Info, Subject: p.Center,
						Message: fmt.Sprintf("质控中心名称由“%s”变为“%s”", p.Name, m.Name), Refs: hostRefs(*p, m)})
				}
			}
			for k := range doc {
				if doc[k].Hosts != "" {
					withHost = &doc[k]
				}
				if doc[k].Source == "table" {
					listed = &doc[k]
				}
			}
			a = b
		}
		i = j
	}
	return out
}

func hostRefs(a, b store.HostFact) []record.Ref {
	return []record.Ref{{Doc: a.Doc, Quote: a.Quote, Span: a.Span}, {Doc: b.Doc, Quote: b.Quote, Span: b.Span}}
}

// nameFolder folds the spellings of one name: brackets, spaces. A Replacer
// is safe for concurrent use and never changes.
var nameFolder = strings.NewReplacer("(", "（", ")", "）", " ", "")

// nameKey folds the spellings of one name (brackets, spaces).
func nameKey(s string) string { return nameFolder.Replace(s) }
