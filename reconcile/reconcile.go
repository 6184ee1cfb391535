// Package reconcile checks the store across documents: the same count
// stated with two values (value_conflict), a count that went down between
// notices (count_decreased), and a center whose host institution changed
// (attribute_changed). Findings within one document come from package
// extractors when the document is stored.
package reconcile

import (
	"context"
	"fmt"
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
	hosts, err := st.Hosts(ctx)
	if err != nil {
		return nil, err
	}
	var out []record.Finding
	out = append(out, countFindings(counts)...)
	out = append(out, hostFindings(hosts)...)
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
// documents.
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
		// value_conflict: same date, other value, other document
		for i := 0; i < len(g); i++ {
			for j := i + 1; j < len(g); j++ {
				a, b := g[i], g[j]
				if a.Doc == b.Doc || a.AsOf != b.AsOf || a.AsOf == "" || a.Value == b.Value {
					continue
				}
				out = append(out, record.Finding{Kind: record.ValueConflict, Severity: record.Warning, Subject: a.Region,
					Message: fmt.Sprintf("%s%s%s截至 %s 的数量在两份文件中不同：%d 与 %d", a.Region, k.level, a.Subject, a.AsOf, a.Value, b.Value),
					Refs:    []record.Ref{ref(a), ref(b)}})
			}
		}
		// count_decreased: a later date with a lower value
		for i := 0; i < len(g); i++ {
			for j := 0; j < len(g); j++ {
				a, b := g[i], g[j]
				if a.Doc == b.Doc || a.AsOf == "" || b.AsOf == "" || !(a.AsOf < b.AsOf) || b.Value >= a.Value {
					continue
				}
				out = append(out, record.Finding{Kind: record.CountDecreased, Severity: record.Warning, Subject: a.Region,
					Message: fmt.Sprintf("%s%s%s由 %d（%s）减少为 %d（%s）", a.Region, k.level, a.Subject, a.Value, a.AsOf, b.Value, b.AsOf),
					Refs:    []record.Ref{ref(a), ref(b)}})
			}
		}
	}
	return out
}

// hostFindings reports centers whose stated host changed between
// documents.
func hostFindings(hosts []store.HostFact) []record.Finding {
	var out []record.Finding
	for i := 0; i < len(hosts); i++ {
		for j := i + 1; j < len(hosts) && hosts[j].CenterKey == hosts[i].CenterKey; j++ {
			a, b := hosts[i], hosts[j]
			if a.Doc == b.Doc {
				continue
			}
			refs := []record.Ref{{Doc: a.Doc, Quote: a.Quote, Span: a.Span}, {Doc: b.Doc, Quote: b.Quote, Span: b.Span}}
			if a.Hosts != "" && b.Hosts != "" && a.Hosts != b.Hosts {
				out = append(out, record.Finding{Kind: record.AttributeChanged, Severity: record.Warning, Subject: a.Center,
					Message: fmt.Sprintf("%s的依托单位由“%s”变为“%s”", a.Center, a.Hosts, b.Hosts), Refs: refs})
			}
			// official lists name centers in full; a different name there is
			// a renaming, unlike the short forms of running text
			if a.Source == "table" && b.Source == "table" && nameKey(a.Name) != nameKey(b.Name) {
				out = append(out, record.Finding{Kind: record.AttributeChanged, Severity: record.Info, Subject: a.Center,
					Message: fmt.Sprintf("质控中心名称由“%s”变为“%s”", a.Name, b.Name), Refs: refs})
			}
		}
	}
	return out
}

// nameKey folds the spellings of one name (brackets, spaces).
func nameKey(s string) string {
	return strings.NewReplacer("(", "（", ")", "）", " ", "").Replace(s)
}
