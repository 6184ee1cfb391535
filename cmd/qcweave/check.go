package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"qcweave/reconcile"
	"qcweave/record"
	"qcweave/store"
)

// findingKinds are the kinds of findings, which check --ack and --kind take.
var findingKinds = []string{record.TotalMismatch, record.ValueConflict, record.DateOutsidePeriod, record.UnknownEntity,
	record.BaselineMismatch, record.CountDecreased, record.AttributeChanged}

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "[--db PATH] [--json] [--all] [--kind KIND] [--doc DOC] [--ack ID|KIND|all [--note TEXT]]",
		"List the findings of the store, within and across documents, grouped by severity,\neach quote with its place: file, page and line of the stored text.\nFindings are data: the exit status is 0 whether or not there are any.\n\nAcknowledge what you have reviewed, so that it leaves later reports:\n  qcweave check --ack 946c8b9b0015602a              one finding\n  qcweave check --ack baseline_mismatch             every open finding of a kind\n  qcweave check --ack all --doc 河南通报.pdf          every open finding of a document\n  qcweave check --ack unknown_entity --doc 河南通报.pdf\nKINDS: "+strings.Join(findingKinds, ", "))
	db := dbFlag(e, fs)
	asJSON := fs.Bool("json", false, "print a JSON array of findings")
	all := fs.Bool("all", false, "include acknowledged findings")
	kind := fs.String("kind", "", "only findings of this `KIND`")
	doc := fs.String("doc", "", "only findings that refer to this `DOC`ument: its file name or path, a sha256 prefix, or words of its title")
	ack := fs.String("ack", "", "mark reviewed: the finding with this `ID`, every open finding of a KIND, or all (with --kind and --doc)")
	note := fs.String("note", "", "with --ack: why")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: check takes no arguments (got %q)", errUsage, fs.Arg(0))
	}
	if *note != "" && *ack == "" {
		return fmt.Errorf("%w: check: --note says why findings are acknowledged; it goes with --ack", errUsage)
	}
	if *kind != "" && !slices.Contains(findingKinds, *kind) {
		return fmt.Errorf("%w: check: unknown kind %q (%s)", errUsage, *kind, strings.Join(findingKinds, ", "))
	}
	if err := existingStore(db()); err != nil {
		return err
	}
	// only an acknowledgement writes: a store one may only read is checked
	open := store.OpenForReading
	if *ack != "" {
		open = store.Open
	}
	st, err := open(ctx, db())
	if err != nil {
		return err
	}
	defer func() { st.Close() }()
	if st, err = checkCorrections(ctx, e, st, db(), *ack != ""); err != nil {
		return err
	}
	if *ack != "" && !slices.Contains(findingKinds, *ack) && *ack != "all" {
		if *kind != "" || *doc != "" {
			return fmt.Errorf("%w: check: --ack ID takes no --kind or --doc", errUsage)
		}
		if err := st.Ack(ctx, *ack, *note); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "acknowledged %s\n", *ack)
		return nil
	}
	list, err := st.Findings(ctx, *all || *ack != "")
	if err != nil {
		return err
	}
	want := *kind
	if *ack != "" && *ack != "all" {
		want = *ack
		if *kind != "" && *kind != *ack {
			return fmt.Errorf("%w: check: --ack %s with --kind %s selects nothing", errUsage, *ack, *kind)
		}
	}
	list, err = selectFindings(ctx, st, list, want, *doc)
	if err != nil {
		return err
	}
	if *ack != "" {
		return ackFindings(ctx, e, st, list, *note)
	}
	if list == nil {
		list = []record.Finding{}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	return printFindings(ctx, e, st, list)
}

// selectFindings keeps the findings of kind (all when "") that refer to
// the documents doc names (all when "").
func selectFindings(ctx context.Context, st *store.Store, list []record.Finding, kind, doc string) ([]record.Finding, error) {
	var docs []string
	if doc != "" {
		var err error
		if docs, err = st.FindDocuments(ctx, doc); err != nil {
			return nil, err
		}
		if len(docs) == 0 {
			return nil, fmt.Errorf("%w: check: no document in the store matches --doc %q", errUsage, doc)
		}
	}
	var out []record.Finding
	for _, f := range list {
		if kind != "" && f.Kind != kind {
			continue
		}
		if doc != "" && !slices.ContainsFunc(f.Refs, func(r record.Ref) bool { return slices.Contains(docs, r.Doc) }) {
			continue
		}
		out = append(out, f)
	}
	return out, nil
}

// ackFindings acknowledges the open findings of list.
func ackFindings(ctx context.Context, e *env, st *store.Store, list []record.Finding, note string) error {
	open, err := st.Findings(ctx, false)
	if err != nil {
		return err
	}
	isOpen := map[string]bool{}
	for _, f := range open {
		isOpen[f.ID] = true
	}
	n := 0
	for _, f := range list {
		if !isOpen[f.ID] {
			continue
		}
		if err := st.Ack(ctx, f.ID, note); err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(e.stdout, "acknowledged %d findings\n", n)
	return nil
}

var severityTitle = map[string]string{record.Error: "错误 error", record.Warning: "警告 warning", record.Info: "提示 info"}

// printFindings writes findings for a person: grouped by severity, each
// with its id, kind, message and quotes, each quote with its place.
func printFindings(ctx context.Context, e *env, st *store.Store, fs []record.Finding) error {
	if len(fs) == 0 {
		fmt.Fprintln(e.stdout, "no findings")
		return nil
	}
	cur := ""
	for _, f := range fs {
		if f.Severity != cur {
			cur = f.Severity
			n := 0
			for _, g := range fs {
				if g.Severity == cur {
					n++
				}
			}
			fmt.Fprintf(e.stdout, "\n== %s (%d)\n", severityTitle[cur], n)
		}
		fmt.Fprintf(e.stdout, "%s  %-19s %s\n", f.ID, f.Kind, f.Message)
		keys := findingNames(f)
		refs := f.Refs
		if f.Kind == record.UnknownEntity {
			// the record's quote may not hold the name (a host named in
			// another sentence than its center): quote where the document
			// first names it
			refs = slices.Clone(refs)
			for i, r := range refs {
				if slices.ContainsFunc(keys, func(k string) bool { return k != "" && strings.Contains(r.Quote, k) }) {
					continue
				}
				m, err := st.Mention(ctx, r.Doc, keys)
				if err != nil {
					return err
				}
				if m.Quote != "" {
					refs[i] = m
				}
			}
		}
		places, err := st.Places(ctx, refs)
		if err != nil {
			return err
		}
		for i, r := range refs {
			q := quoteAround(strings.TrimSpace(r.Quote), keys, 70)
			where := places[i].String()
			if where == "" {
				where = r.Doc[:min(12, len(r.Doc))]
			}
			fmt.Fprintf(e.stdout, "    「%s」 %s\n", q, where)
		}
	}
	return nil
}

// checkCorrections checks again the facts of the records reviewers
// corrected since the findings across documents were computed (qcweave
// serve does so as it saves a correction; a store corrected by an older
// qcweave, or whose check failed, is brought up to date here). A store
// opened for reading only is opened for writing to do it; one that cannot
// be written is listed as it is, with a warning. It returns the store to
// go on with.
func checkCorrections(ctx context.Context, e *env, st *store.Store, path string, writable bool) (*store.Store, error) {
	checked, latest, err := st.CheckedCorrections(ctx)
	if err != nil || latest <= checked {
		return st, err
	}
	if !writable {
		w, err := store.Open(ctx, path)
		if err != nil {
			fmt.Fprintf(e.stderr, "qcweave: check: the findings across documents do not yet reflect the latest corrections: %v\n", err)
			return st, nil
		}
		st.Close()
		st = w
	}
	if _, err := reconcile.Corrected(ctx, st); err != nil {
		return st, err
	}
	return st, nil
}

// findingNames are the names a finding is about, to be shown in its
// quotes: those it quotes (“…”) and those it lists after a colon
// (以下机构（共2个）：甲、乙), else its subject.
func findingNames(f record.Finding) []string {
	var keys []string
	for rest := f.Message; ; {
		_, after, ok := strings.Cut(rest, "“")
		if !ok {
			break
		}
		name, tail, ok := strings.Cut(after, "”")
		if !ok {
			break
		}
		keys = append(keys, name)
		rest = tail
	}
	if _, list, ok := strings.Cut(f.Message, "）："); ok {
		keys = append(keys, strings.Split(list, "、")...)
	}
	if len(keys) == 0 {
		keys = append(keys, f.Subject)
	}
	return keys
}

// quoteAround shortens a quote to at most n runes, marked with … where it
// was cut; when the first of keys that it holds lies past the cut, the
// window is moved to show that name with a little of what comes before.
func quoteAround(quote string, keys []string, n int) string {
	q := []rune(quote)
	if len(q) <= n {
		return quote
	}
	for _, k := range keys {
		i := strings.Index(quote, k)
		if k == "" || i < 0 {
			continue
		}
		at := utf8.RuneCountInString(quote[:i])
		if at+utf8.RuneCountInString(k) < n {
			break // shown by the quote's start
		}
		start := max(0, at-20)
		end := min(len(q), start+n-2)
		out := "…" + string(q[start:end])
		if end < len(q) {
			out += "…"
		}
		return out
	}
	return string(q[:n-1]) + "…"
}
