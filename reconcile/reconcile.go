// Package reconcile checks the store across documents: the same count
// stated with other values (value_conflict), a count that went down between
// notices (count_decreased), and a center whose host institution or name
// changed (attribute_changed), each read with reviewers' corrections
// applied. A finding is about one fact — a place,
// level and date, or a center — and lists every value with its documents,
// so that many documents disagreeing make one finding, not one a pair.
// Findings within one document come from package checks: extraction
// makes them when the document is stored, and Within makes them again
// over the document's records as reviewers corrected them.
package reconcile

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"qcweave/checks"
	"qcweave/record"
	"qcweave/store"
)

// Check computes the findings across documents of the whole store.
func Check(ctx context.Context, st *store.Store) ([]record.Finding, error) {
	fs, err := CheckScope(ctx, st, nil)
	if err != nil {
		return nil, err
	}
	out := make([]record.Finding, len(fs))
	for i, f := range fs {
		out[i] = f.Finding
	}
	return out, nil
}

// CheckScope computes the findings about the facts of scope (nil: the
// whole store), each with its scope: it reads only those facts.
func CheckScope(ctx context.Context, st *store.Store, scope *store.Scope) ([]store.ScopedFinding, error) {
	var counts []store.CountFact
	var err error
	if scope == nil {
		counts, err = st.Counts(ctx)
	} else {
		counts, err = st.CountsIn(ctx, scope.Counts)
	}
	if err != nil {
		return nil, err
	}
	out := countFindings(counts)
	each := func(hosts []store.HostFact) error {
		for _, f := range hostFindings(hosts) {
			out = append(out, store.ScopedFinding{Finding: f, Scope: store.CenterScope(hosts[0].CenterKey)})
		}
		return nil
	}
	if scope == nil {
		err = st.EachCenterHosts(ctx, each)
	} else {
		err = st.EachCenterHostsIn(ctx, scope.Centers, each)
	}
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].ID = record.FindingID(out[i].Finding)
	}
	return out, nil
}

// Corrected checks again the facts of the records reviewers corrected
// since the findings across documents were last computed (store.Correct
// keeps corrections beside extraction; the store reads facts with them
// applied): the findings a wrong value caused go, those the corrected
// value causes come, and those that still stand keep their ids, and so
// their reviews. Only the facts of the corrected records are read again —
// a count's region and level before and after, a mention's center — not
// those of their documents. It returns how many records it checked.
func Corrected(ctx context.Context, st *store.Store) (int, error) {
	checked, latest, err := st.CheckedCorrections(ctx)
	if err != nil || latest <= checked {
		return 0, err
	}
	docs, err := st.CorrectedDocuments(ctx, checked)
	if err != nil {
		return 0, err
	}
	if err := Within(ctx, st, docs); err != nil {
		return 0, err
	}
	var scope *store.Scope // nil: the whole store, whose findings predate scopes
	old, err := st.UnscopedFindings(ctx)
	if err != nil {
		return 0, err
	}
	sc, n, err := st.CorrectedScope(ctx, checked)
	if err != nil {
		return 0, err
	}
	if !old {
		if sc.Empty() {
			return n, st.CorrectionsChecked(ctx, latest)
		}
		scope = &sc
	}
	fs, err := CheckScope(ctx, st, scope)
	if err != nil {
		return 0, err
	}
	if err := st.ReplaceScopedFindings(ctx, scope, fs); err != nil {
		return 0, err
	}
	return n, st.CorrectionsChecked(ctx, latest)
}

// Within checks each of these documents against itself again (package
// checks, the checks extraction runs) over its records as reviewers
// corrected them (store.DocumentFacts), and replaces the document's
// findings of those checks: a date corrected into the period takes its
// date_outside_period away, a count corrected to the rows of its list its
// total_mismatch, and a correction that makes a new discrepancy raises
// it. The document's other findings (unknown_entity, doubtful_date) stay.
// A document stored by a qcweave before bases is left as it is.
func Within(ctx context.Context, st *store.Store, shas []string) error {
	for _, sha := range shas {
		if err := ctx.Err(); err != nil {
			return err
		}
		ex, err := st.DocumentFacts(ctx, sha)
		if err != nil {
			return err
		}
		if ex == nil {
			continue
		}
		if err := st.ReplaceDocumentFindings(ctx, sha, checks.Kinds(), checks.Document(ex)); err != nil {
			return err
		}
	}
	return nil
}

// CorrectedAmong returns those of these documents that reviewers
// corrected, to check again after they were stored anew.
func CorrectedAmong(ctx context.Context, st *store.Store, shas []string) ([]string, error) {
	corrected, err := st.CorrectedDocuments(ctx, 0)
	if err != nil || len(corrected) == 0 {
		return nil, err
	}
	in := map[string]bool{}
	for _, s := range shas {
		in[s] = true
	}
	var out []string
	for _, s := range corrected {
		if in[s] {
			out = append(out, s)
		}
	}
	return out, nil
}

func subjectClass(s string) string { return checks.SubjectClass(s) }

func ref(c store.CountFact) record.Ref {
	return record.Ref{Doc: c.Doc, Quote: c.Quote, Span: c.Span}
}

// maxRefsPerValue bounds the quotes a finding gives for one value: the
// message says how many documents state it.
const maxRefsPerValue = 10

// countFindings compares counts of one region, level and subject across
// documents. Its time grows with the counts, not with their pairs: a
// national year states the same count in thousands of documents.
func countFindings(counts []store.CountFact) []store.ScopedFinding {
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
	var out []store.ScopedFinding
	for _, k := range order {
		g := groups[k]
		scope := store.CountKey{RegionCode: k.region, Level: k.level}.String()
		add := func(f *record.Finding) {
			if f != nil {
				out = append(out, store.ScopedFinding{Finding: *f, Scope: scope})
			}
		}
		sort.SliceStable(g, func(i, j int) bool { return g[i].AsOf < g[j].AsOf })
		var peak *store.CountFact // the highest value of the dates before
		for i := 0; i < len(g); {
			j := i
			for j < len(g) && g[j].AsOf == g[i].AsOf {
				j++
			}
			day := g[i:j]
			if day[0].AsOf != "" {
				add(conflict(day, k.level))
				add(decrease(peak, day, k.level))
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

// byValue groups counts by value, values in the order first stated, each
// value's counts one a document.
func byValue(cs []store.CountFact) (values []int, docs map[int][]store.CountFact) {
	docs = map[int][]store.CountFact{}
	seen := map[[2]any]bool{}
	for _, c := range cs {
		if _, ok := docs[c.Value]; !ok {
			values = append(values, c.Value)
		}
		if k := [2]any{c.Value, c.Doc}; !seen[k] {
			seen[k] = true
			docs[c.Value] = append(docs[c.Value], c)
		}
	}
	return values, docs
}

// describe lists values with how many documents state each (when more
// than one), and the refs of the first documents of each.
func describe(values []int, docs map[int][]store.CountFact) (string, []record.Ref) {
	var parts []string
	var refs []record.Ref
	for _, v := range values {
		if n := len(docs[v]); n > 1 {
			parts = append(parts, fmt.Sprintf("%d（%d 份文件）", v, n))
		} else {
			parts = append(parts, fmt.Sprint(v))
		}
		for _, c := range docs[v][:min(len(docs[v]), maxRefsPerValue)] {
			refs = append(refs, ref(c))
		}
	}
	return strings.Join(parts, "、"), refs
}

// conflict reports the values of one date that documents state
// differently (value_conflict): one finding listing every value with its
// documents, or nil when they agree (or only one document disagrees
// with itself, a finding of that document's own).
func conflict(day []store.CountFact, level string) *record.Finding {
	values, docs := byValue(day)
	if len(values) < 2 {
		return nil
	}
	all := map[string]bool{}
	for _, c := range day {
		all[c.Doc] = true
	}
	if len(all) < 2 {
		return nil
	}
	list, refs := describe(values, docs)
	a := day[0]
	return &record.Finding{Kind: record.ValueConflict, Severity: record.Warning, Subject: a.Region,
		Message: fmt.Sprintf("%s%s%s截至 %s 的数量在 %d 份文件中不同：%s", a.Region, level, a.Subject, a.AsOf, len(all), list),
		Refs:    refs}
}

// decrease reports the values of one date below the highest value of the
// dates before (count_decreased), stated by another document than that
// value's: one finding for the date, or nil.
func decrease(peak *store.CountFact, day []store.CountFact, level string) *record.Finding {
	if peak == nil {
		return nil
	}
	var lower []store.CountFact
	for _, b := range day {
		if b.Value < peak.Value && b.Doc != peak.Doc {
			lower = append(lower, b)
		}
	}
	if len(lower) == 0 {
		return nil
	}
	values, docs := byValue(lower)
	list, refs := describe(values, docs)
	return &record.Finding{Kind: record.CountDecreased, Severity: record.Warning, Subject: peak.Region,
		Message: fmt.Sprintf("%s%s%s由 %d（%s）减少为 %s（%s）", peak.Region, level, peak.Subject, peak.Value, peak.AsOf, list, lower[0].AsOf),
		Refs:    append([]record.Ref{ref(*peak)}, refs...)}
}

// maxChanges bounds the changes one finding about a center lists.
const maxChanges = 20

// hostFindings reports a center whose stated host or listed name changed
// between documents: one finding for its hosts, one for its name, each
// listing the changes in order. The facts come ordered by center, date
// and document; each document's mentions are compared with the latest
// earlier document that stated a host (or listed the center), so that the
// time grows with the mentions, not with their pairs.
func hostFindings(hosts []store.HostFact) []record.Finding {
	var out []record.Finding
	for i := 0; i < len(hosts); {
		j := i
		for j < len(hosts) && hosts[j].CenterKey == hosts[i].CenterKey {
			j++
		}
		var hostChanges, nameChanges [][2]store.HostFact
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
					hostChanges = append(hostChanges, [2]store.HostFact{*p, m})
				}
				// official lists name centers in full; a different name there is
				// a renaming, unlike the short forms of running text
				if p := listed; p != nil && m.Source == "table" && nameKey(p.Name) != nameKey(m.Name) {
					nameChanges = append(nameChanges, [2]store.HostFact{*p, m})
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
		if len(hostChanges) > 0 {
			p := hostChanges[0][0]
			out = append(out, record.Finding{Kind: record.AttributeChanged, Severity: record.Warning, Subject: p.Center,
				Message: fmt.Sprintf("%s的依托单位%s", p.Center, changes(hostChanges, func(h store.HostFact) string { return h.Hosts })),
				Refs:    changeRefs(hostChanges)})
		}
		if len(nameChanges) > 0 {
			p := nameChanges[0][0]
			out = append(out, record.Finding{Kind: record.AttributeChanged, Severity: record.Info, Subject: p.Center,
				Message: "质控中心名称" + changes(nameChanges, func(h store.HostFact) string { return h.Name }),
				Refs:    changeRefs(nameChanges)})
		}
		i = j
	}
	return out
}

// changes describes a list of changes of one attribute: 由“A”变为“B”, or
// for several 先后由“A”变为“B”（日期）、由“B”变为“A”（日期）….
func changes(cs [][2]store.HostFact, value func(store.HostFact) string) string {
	if len(cs) == 1 {
		return fmt.Sprintf("由“%s”变为“%s”", value(cs[0][0]), value(cs[0][1]))
	}
	var parts []string
	for _, c := range cs[:min(len(cs), maxChanges)] {
		parts = append(parts, fmt.Sprintf("由“%s”变为“%s”（%s）", value(c[0]), value(c[1]), c[1].Date))
	}
	s := "先后" + strings.Join(parts, "、")
	if len(cs) > maxChanges {
		s += fmt.Sprintf("等 %d 次", len(cs))
	}
	return s
}

// changeRefs quotes both sides of the first changes, each statement once.
func changeRefs(cs [][2]store.HostFact) []record.Ref {
	var refs []record.Ref
	seen := map[record.Ref]bool{}
	for _, c := range cs[:min(len(cs), maxChanges)] {
		for _, h := range c {
			r := record.Ref{Doc: h.Doc, Quote: h.Quote, Span: h.Span}
			if !seen[r] {
				seen[r] = true
				refs = append(refs, r)
			}
		}
	}
	return refs
}

// nameFolder folds the spellings of one name: brackets, spaces. A Replacer
// is safe for concurrent use and never changes.
var nameFolder = strings.NewReplacer("(", "（", ")", "）", " ", "")

// nameKey folds the spellings of one name (brackets, spaces).
func nameKey(s string) string { return nameFolder.Replace(s) }
