package pipeline

import (
	"context"
	"fmt"
	"strings"

	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/internal/oneline"
	"qcweave/reconcile"
	"qcweave/record"
	"qcweave/resolve"
	"qcweave/store"
)

// Workspace is a store opened for runs: the dictionaries with the user's
// entries applied, the resolver over them, and the loader. It owns every
// run end to end — load, extract, resolve, save, reconcile — for ingest,
// watch and dict; the commands parse flags and print.
type Workspace struct {
	path   string
	store  *store.Store
	tools  *extractors.Tools
	res    *resolve.Resolver
	loader *formats.Loader
}

// Open opens the store at path for runs with loader (nil: the zero
// Loader). Close releases both.
func Open(ctx context.Context, path string, loader *formats.Loader) (*Workspace, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if loader == nil {
		loader = &formats.Loader{}
	}
	w := &Workspace{path: path, store: st, loader: loader}
	if err := w.loadTools(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return w, nil
}

// loadTools loads the dictionaries with the store's user dictionary applied.
func (w *Workspace) loadTools(ctx context.Context) error {
	tools, err := extractors.NewTools()
	if err != nil {
		return err
	}
	aliases, err := w.store.UserAliases(ctx)
	if err != nil {
		return err
	}
	for _, a := range aliases {
		if err := tools.Lex.Apply(a); err != nil {
			return fmt.Errorf("user dictionary: %s %s: %w", a.Kind, a.Alias, err)
		}
	}
	w.tools, w.res = tools, resolve.New(tools.Lex)
	return nil
}

// Close ends the loader's helper processes and closes the store.
func (w *Workspace) Close() error {
	w.loader.Close()
	return w.store.Close()
}

// Store is the workspace's store, for reading (summaries, exports).
func (w *Workspace) Store() *store.Store { return w.store }

// IngestOptions tune an ingest.
type IngestOptions struct {
	// Workers is the number of load/extract workers; 0 means DefaultWorkers.
	Workers int
	// OnResult, when set, is called for every file as it finishes.
	OnResult func(done, total int, r Result)
	// Filter chooses the files of folders.
	Filter Filter
}

// Ingest stores the files at paths (folders recursively) and then checks
// the store across documents. It returns one result per file; the error
// is the run's own (cancellation, the store), never a file's.
func (w *Workspace) Ingest(ctx context.Context, paths []string, opt IngestOptions) ([]Result, error) {
	cfg := Config{Workers: opt.Workers, Tools: w.tools, Resolver: w.res, Store: w.store, Loader: w.loader,
		Exclude: []string{w.path, w.path + "-wal", w.path + "-shm", w.path + "-journal"}, OnResult: opt.OnResult, Filter: opt.Filter}
	results, err := Run(ctx, cfg, paths)
	if err != nil {
		return results, err
	}
	var stored []string
	for _, r := range results {
		if r.Status == Stored {
			stored = append(stored, r.SHA256)
		}
	}
	return results, w.reconcileDocs(ctx, stored)
}

// reconcileDocs checks the facts of the documents with these hashes
// against what the store knows about them: the findings about those facts
// are replaced, the others kept. A store with findings from before scopes
// is checked whole.
func (w *Workspace) reconcileDocs(ctx context.Context, shas []string) error {
	if len(shas) == 0 {
		return nil
	}
	// a document stored anew that reviewers corrected: its checks against
	// itself read its records as corrected, as after a correction
	corrected, err := reconcile.CorrectedAmong(ctx, w.store, shas)
	if err != nil {
		return err
	}
	if err := reconcile.Within(ctx, w.store, corrected); err != nil {
		return err
	}
	if old, err := w.store.UnscopedFindings(ctx); err != nil || old {
		if err != nil {
			return err
		}
		return w.Reconcile(ctx)
	}
	scope, err := w.store.ScopeOf(ctx, shas)
	if err != nil || scope.Empty() {
		return err
	}
	findings, err := reconcile.CheckScope(ctx, w.store, &scope)
	if err != nil {
		return err
	}
	return w.store.ReplaceScopedFindings(ctx, &scope, findings)
}

// IngestFile stores one file and checks the store across documents (the
// watch folder's step). A file that cannot be read is a Failed result.
func (w *Workspace) IngestFile(ctx context.Context, path string) (Result, bool, error) {
	results, err := w.Ingest(ctx, []string{path}, IngestOptions{Workers: 1})
	if err != nil || len(results) == 0 {
		return Result{}, false, err // an error, or the file is gone
	}
	return results[0], true, nil
}

// Reconcile recomputes the findings across documents of the whole store.
// Reviewers' corrections apply, and are then checked.
func (w *Workspace) Reconcile(ctx context.Context) error {
	latest, err := w.store.LatestCorrection(ctx)
	if err != nil {
		return err
	}
	corrected, err := w.store.CorrectedDocuments(ctx, 0)
	if err != nil {
		return err
	}
	if err := reconcile.Within(ctx, w.store, corrected); err != nil {
		return err
	}
	findings, err := reconcile.CheckScope(ctx, w.store, nil)
	if err != nil {
		return err
	}
	if err := w.store.ReplaceScopedFindings(ctx, nil, findings); err != nil {
		return err
	}
	return w.store.CorrectionsChecked(ctx, latest)
}

// Aliases returns the user dictionary.
func (w *Workspace) Aliases(ctx context.Context) ([]record.UserAlias, error) {
	return w.store.UserAliases(ctx)
}

// AddAlias adds an entry to the user dictionary — refused when the
// dictionaries cannot apply it — and resolves the store again. It returns
// how many stored names changed.
func (w *Workspace) AddAlias(ctx context.Context, a record.UserAlias) (int, error) {
	// a name of the text is one line without spaces at its ends: an alias
	// typed with them would never match
	a.Alias, a.Target = strings.TrimSpace(a.Alias), strings.TrimSpace(a.Target)
	for _, name := range []string{a.Alias, a.Target} {
		if oneline.Path(name) != name {
			return 0, fmt.Errorf("dictionary: %s holds a line break or another control character; a name is one line of text", oneline.Path(name))
		}
	}
	probe, err := extractors.NewTools()
	if err != nil {
		return 0, err
	}
	if err := probe.Lex.Apply(a); err != nil {
		return 0, err
	}
	if err := w.store.AddUserAlias(ctx, a); err != nil {
		return 0, err
	}
	return w.reresolve(ctx)
}

// RemoveAlias removes an entry of the user dictionary and resolves the
// store again.
func (w *Workspace) RemoveAlias(ctx context.Context, kind, alias string) (int, error) {
	if err := w.store.RemoveUserAlias(ctx, kind, alias); err != nil {
		return 0, err
	}
	return w.reresolve(ctx)
}

// reresolve resolves the stored names with the dictionaries as they now
// are (no document is read again) and checks the store again.
func (w *Workspace) reresolve(ctx context.Context) (int, error) {
	if err := w.loadTools(ctx); err != nil {
		return 0, err
	}
	names, err := w.store.Names(ctx)
	if err != nil {
		return 0, err
	}
	n, err := w.store.ApplyNames(ctx, w.res.Reresolve(names))
	if err != nil {
		return 0, err
	}
	return n, w.Reconcile(ctx)
}

// Extract reads one file with loader (nil: the zero Loader) and returns
// its records, resolved, touching no store: the extract command's run.
func Extract(ctx context.Context, loader *formats.Loader, path string) (*record.Extraction, error) {
	if loader == nil {
		loader = &formats.Loader{}
	}
	tools, err := extractors.NewTools()
	if err != nil {
		return nil, err
	}
	b, err := readFile(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := textFileSize(b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	doc, err := loader.Load(ctx, path, b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := textLength(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ex, err := extractors.Extract(ctx, doc, tools)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	resolve.New(tools.Lex).Resolve(ex)
	return ex, nil
}
