package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"qcweave/record"
	"qcweave/store"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "[--db PATH] [--json] [--all] [--ack ID [--note TEXT]]",
		"List the findings of the store, within and across documents, grouped by severity.\nFindings are data: the exit status is 0 whether or not there are any.")
	db := dbFlag(e, fs)
	asJSON := fs.Bool("json", false, "print a JSON array of findings")
	all := fs.Bool("all", false, "include acknowledged findings")
	ack := fs.String("ack", "", "mark the finding with this id reviewed, so that it leaves later reports")
	note := fs.String("note", "", "with --ack: why")
	if err := parse(fs, args); err != nil {
		return err
	}
	// only an acknowledgement writes: a store one may only read is checked
	open := store.OpenReadOnly
	if *ack != "" {
		open = store.Open
	}
	st, err := open(ctx, db())
	if err != nil {
		return err
	}
	defer st.Close()
	if *ack != "" {
		if err := st.Ack(ctx, *ack, *note); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "acknowledged %s\n", *ack)
		return nil
	}
	fs2, err := st.Findings(ctx, *all)
	if err != nil {
		return err
	}
	if fs2 == nil {
		fs2 = []record.Finding{}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(fs2)
	}
	printFindings(e, fs2)
	return nil
}

var severityTitle = map[string]string{record.Error: "错误 error", record.Warning: "警告 warning", record.Info: "提示 info"}

// printFindings writes findings for a person: grouped by severity, each
// with its id, kind, message and quotes.
func printFindings(e *env, fs []record.Finding) {
	if len(fs) == 0 {
		fmt.Fprintln(e.stdout, "no findings")
		return
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
		for _, r := range f.Refs {
			q := []rune(strings.TrimSpace(r.Quote))
			if len(q) > 70 {
				q = append(q[:69], '…')
			}
			fmt.Fprintf(e.stdout, "    「%s」 %s:%d-%d\n", string(q), r.Doc[:min(12, len(r.Doc))], r.Span[0], r.Span[1])
		}
	}
}
