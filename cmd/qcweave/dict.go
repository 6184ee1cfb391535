package main

import (
	"context"
	"fmt"

	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/lexicon"
	"qcweave/pipeline"
	"qcweave/reconcile"
	"qcweave/store"
)

func runDict(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "dict", "[--db PATH] add KIND ALIAS TARGET | remove KIND ALIAS | list",
		"Edit the user dictionary kept in the database, then resolve the stored names again\n(no document is read again). KIND is specialty, region or institution:\n  qcweave dict add specialty 乳甲外科 甲状腺乳腺外科\n  qcweave dict add region 航空港区 410100\n  qcweave dict add institution 华中阜外医院 阜外华中心血管病医院")
	db := fs.String("db", "", "SQLite database (default $QCWEAVE_DB or qcweave.db)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a := fs.Args()
	if len(a) == 0 {
		return fmt.Errorf("%w: dict needs add, remove or list", errUsage)
	}
	st, err := store.Open(ctx, dbPath(e, *db))
	if err != nil {
		return err
	}
	defer st.Close()
	switch {
	case a[0] == "list" && len(a) == 1:
		list, err := st.UserAliases(ctx)
		if err != nil {
			return err
		}
		for _, x := range list {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", x.Kind, x.Alias, x.Target)
		}
		return nil
	case a[0] == "add" && len(a) == 4:
		entry := lexicon.UserAlias{Kind: a[1], Alias: a[2], Target: a[3]}
		// refuse what the lexicon cannot apply before storing it
		tools, err := extractors.NewTools()
		if err != nil {
			return err
		}
		if err := tools.Lex.Apply(entry); err != nil {
			return err
		}
		if err := st.AddUserAlias(ctx, entry); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s %s → %s\n", entry.Kind, entry.Alias, entry.Target)
	case a[0] == "remove" && len(a) == 3:
		if err := st.RemoveUserAlias(ctx, a[1], a[2]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %s %s\n", a[1], a[2])
	default:
		return fmt.Errorf("%w: dict add KIND ALIAS TARGET | remove KIND ALIAS | list", errUsage)
	}
	tools, err := storeTools(ctx, st)
	if err != nil {
		return err
	}
	n, err := st.Reresolve(ctx, tools.Lex)
	if err != nil {
		return err
	}
	if err := recheck(ctx, st); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "resolved the store again: %d names changed\n", n)
	return nil
}

// storeTools loads the dictionaries with the store's user dictionary
// applied.
func storeTools(ctx context.Context, st *store.Store) (*extractors.Tools, error) {
	tools, err := extractors.NewTools()
	if err != nil {
		return nil, err
	}
	aliases, err := st.UserAliases(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range aliases {
		if err := tools.Lex.Apply(a); err != nil {
			return nil, fmt.Errorf("user dictionary: %s %s: %w", a.Kind, a.Alias, err)
		}
	}
	return tools, nil
}

// recheck recomputes the findings across documents.
func recheck(ctx context.Context, st *store.Store) error {
	findings, err := reconcile.Check(ctx, st)
	if err != nil {
		return err
	}
	return st.ReplaceStoreFindings(ctx, findings)
}

// work is what ingest and watch share: the store, the dictionaries with
// the user's entries, and the file loader.
type work struct {
	dbPath string
	store  *store.Store
	tools  *extractors.Tools
	loader *formats.Loader
}

// openWork opens the store at path and prepares the dictionaries and the
// loader; close releases them.
func openWork(ctx context.Context, e *env, path string) (*work, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	tools, err := storeTools(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &work{dbPath: path, store: st, tools: tools, loader: newLoader(e)}, nil
}

func (w *work) close() {
	w.loader.Close()
	w.store.Close()
}

// pipeline returns the pipeline configuration of the work, which never
// ingests the database itself.
func (w *work) pipeline() pipeline.Config {
	p := w.dbPath
	return pipeline.Config{Tools: w.tools, Store: w.store, Loader: w.loader,
		Exclude: []string{p, p + "-wal", p + "-shm", p + "-journal"}}
}
