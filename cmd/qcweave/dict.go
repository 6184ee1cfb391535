package main

import (
	"context"
	"fmt"
	"strings"

	"qcweave/pipeline"
	"qcweave/record"
)

// dictKind reports whether the user dictionary holds names of kind.
func dictKind(kind string) bool {
	return kind == "specialty" || kind == "region" || kind == "institution"
}

func runDict(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "dict", "[--db PATH] add KIND ALIAS TARGET | remove KIND ALIAS | list",
		"Edit the user dictionary kept in the database, then resolve the stored names again\n(no document is read again). KIND is specialty, region or institution:\n  qcweave dict add specialty 乳甲外科 甲状腺乳腺外科\n  qcweave dict add region 航空港区 410100\n  qcweave dict add institution 华中阜外医院 阜外华中心血管病医院")
	db := dbFlag(e, fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	a := fs.Args()
	if len(a) == 0 {
		return fmt.Errorf("%w: dict needs add, remove or list", errUsage)
	}
	switch {
	case a[0] == "list" && len(a) == 1, a[0] == "add" && len(a) == 4, a[0] == "remove" && len(a) == 3:
	default:
		return fmt.Errorf("%w: dict add KIND ALIAS TARGET | remove KIND ALIAS | list", errUsage)
	}
	if a[0] != "list" && !dictKind(a[1]) {
		return fmt.Errorf("%w: dict: unknown KIND %q (specialty, region or institution)", errUsage, a[1])
	}
	if err := existingStore(db()); err != nil {
		return err
	}
	w, err := pipeline.Open(ctx, db(), nil)
	if err != nil {
		return err
	}
	defer w.Close()
	var n int
	switch {
	case a[0] == "list" && len(a) == 1:
		list, err := w.Aliases(ctx)
		if err != nil {
			return err
		}
		for _, x := range list {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", x.Kind, x.Alias, x.Target)
		}
		return nil
	case a[0] == "add" && len(a) == 4:
		entry := record.UserAlias{Kind: a[1], Alias: strings.TrimSpace(a[2]), Target: strings.TrimSpace(a[3])}
		if n, err = w.AddAlias(ctx, entry); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s %s → %s\n", entry.Kind, entry.Alias, entry.Target)
	case a[0] == "remove" && len(a) == 3:
		if n, err = w.RemoveAlias(ctx, a[1], a[2]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %s %s\n", a[1], a[2])
	default:
		return fmt.Errorf("%w: dict add KIND ALIAS TARGET | remove KIND ALIAS | list", errUsage)
	}
	fmt.Fprintf(e.stdout, "resolved the store again: %d names changed\n", n)
	return nil
}
