package export

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"qcweave/internal/atomicfile"
	"qcweave/store"
)

// WriteCorrections writes, for every document a reviewer corrected, an
// answer key in the format of the shared evaluation (../shared/eval): the
// document's metadata and all its records as they stand after the
// corrections (deleted ones left out, added ones in), the findings a
// reviewer confirmed as must-have findings, and the corrections
// themselves as notes. A user's corrections so become test cases. Files
// are named after the document's file (NAME.json), in dir.
func WriteCorrections(ctx context.Context, st *store.Store, dir string) ([]string, error) {
	db := st.DB()
	all, err := st.Corrections(ctx, "")
	if err != nil {
		return nil, err
	}
	keys := map[string]*answerKey{}
	var order []string
	for _, c := range all {
		k := keys[c.Doc]
		if k == nil {
			k = &answerKey{Counts: []map[string]any{}, Centers: []map[string]any{}, Coverage: []map[string]any{}, Activities: []map[string]any{},
				Findings: keyFindings{Must: []map[string]any{}, May: []map[string]any{}},
				Optional: map[string][]any{"counts": {}, "centers": {}, "activities": {}}}
			keys[c.Doc] = k
			order = append(order, c.Doc)
		}
		k.Notes = append(k.Notes, correctionNote(c))
	}
	if len(order) == 0 {
		return nil, nil
	}
	for _, sha := range order {
		if err := keyDocument(ctx, db, sha, keys[sha]); err != nil {
			return nil, err
		}
	}
	// the records, corrected, from the datasets of the other exports
	for _, ds := range Datasets() {
		rd, ok := recordDatasets[ds.Name]
		if !ok {
			continue
		}
		idx := map[string]int{}
		for i, f := range ds.Fields {
			idx[f.Name] = i
		}
		err := eachRow(ctx, db, ds, func(row []*string) error {
			doc := row[idx[docFK]]
			if doc == nil || keys[*doc] == nil {
				return nil
			}
			k := keys[*doc]
			rec := keyRecord(rd.kind, row, idx)
			switch rd.kind {
			case store.KindCount:
				k.Counts = append(k.Counts, rec)
			case store.KindCenter:
				k.Centers = append(k.Centers, rec)
			case store.KindCoverage:
				k.Coverage = append(k.Coverage, rec)
			case store.KindActivity:
				k.Activities = append(k.Activities, rec)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("export corrections: %w", err)
		}
	}
	for _, sha := range order {
		if err := keyFindingsOf(ctx, db, sha, keys[sha]); err != nil {
			return nil, err
		}
	}
	var set atomicfile.Set
	defer set.Abort()
	var files []string
	used := map[string]bool{}
	for _, sha := range order {
		k := keys[sha]
		name := strings.TrimSuffix(k.File, filepath.Ext(k.File))
		if name == "" || used[name] {
			name = sha[:16]
		}
		used[name] = true
		path := filepath.Join(dir, name+".json")
		err := set.Add(path, 0o644, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(k)
		})
		if err != nil {
			return nil, fmt.Errorf("export corrections: %w", err)
		}
		files = append(files, path)
	}
	if err := set.Commit(); err != nil {
		return nil, fmt.Errorf("export corrections: %w", err)
	}
	return files, nil
}

// answerKey is a document's answer key (../shared/eval/README.md).
type answerKey struct {
	File       string           `json:"file"`
	Document   map[string]any   `json:"document"`
	Counts     []map[string]any `json:"counts"`
	Centers    []map[string]any `json:"centers"`
	Coverage   []map[string]any `json:"coverage"`
	Activities []map[string]any `json:"activities"`
	Findings   keyFindings      `json:"findings"`
	Optional   map[string][]any `json:"optional"`
	Notes      []string         `json:"notes"`
}

type keyFindings struct {
	Must []map[string]any `json:"must"`
	May  []map[string]any `json:"may"`
}

func correctionNote(c store.Correction) string {
	var what string
	switch c.Action {
	case store.ActionSet:
		what = fmt.Sprintf("%s %q: %s %q → %q", c.Kind, c.Key, c.Field, c.Before, c.After)
	case store.ActionDelete:
		what = fmt.Sprintf("%s %q deleted", c.Kind, c.Key)
	default:
		what = fmt.Sprintf("%s added from %q: %s", c.Kind, c.Quote, c.After)
	}
	s := fmt.Sprintf("correction by %s at %s: %s", c.By, c.At, what)
	if c.Note != "" {
		s += " (" + c.Note + ")"
	}
	return s
}

// keyDocument reads a document's metadata into its key.
func keyDocument(ctx context.Context, db *sql.DB, sha string, k *answerKey) error {
	var path, title string
	var issuer, number, kind, date, ps, pe, province sql.NullString
	err := db.QueryRowContext(ctx, `SELECT path, COALESCE(title, ''), issuer, doc_number, kind, doc_date, period_start, period_end, province
		FROM documents WHERE sha256 = ?`, sha).Scan(&path, &title, &issuer, &number, &kind, &date, &ps, &pe, &province)
	if err == sql.ErrNoRows {
		k.File = sha[:16]
		k.Document = map[string]any{"title": "", "note": "the document is no longer in the store"}
		return nil
	}
	if err != nil {
		return fmt.Errorf("export corrections: %w", err)
	}
	k.File = filepath.Base(path)
	ns := func(s sql.NullString) any {
		if s.Valid {
			return s.String
		}
		return nil
	}
	var period any
	if ps.Valid && pe.Valid {
		period = map[string]string{"start": ps.String, "end": pe.String}
	}
	atts := []map[string]any{}
	rows, err := db.QueryContext(ctx, `SELECT a.seq, a.title FROM attachments a JOIN documents d ON d.id = a.document_id WHERE d.sha256 = ? ORDER BY a.seq`, sha)
	if err != nil {
		return fmt.Errorf("export corrections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var t string
		if err := rows.Scan(&seq, &t); err != nil {
			return fmt.Errorf("export corrections: %w", err)
		}
		atts = append(atts, map[string]any{"seq": seq, "title": t})
	}
	k.Document = map[string]any{"title": title, "issuer": ns(issuer), "doc_number": ns(number), "kind": ns(kind), "date": ns(date),
		"period": period, "province": ns(province), "attachments": atts}
	return rows.Err()
}

// keyFields maps the answer key's fields of each kind to the columns of
// its dataset, with the key's type.
var keyFields = map[string][][3]string{
	store.KindCount: {{"region", "region", "s"}, {"region_full", "region_full", "s"}, {"region_code", "region_code", "s"}, {"level", "level", "s"},
		{"subject", "subject", "s"}, {"value", "value", "i"}, {"qualifier", "qualifier", "s"}, {"as_of", "as_of", "s"}, {"quote", "quote", "s"}},
	store.KindCenter: {{"name", "name", "s"}, {"seq", "seq", "i"}, {"level", "level", "s"}, {"region", "region", "s"}, {"specialty", "specialty", "s"},
		{"institutions", "institutions", "l"}, {"established", "established", "s"}, {"source", "source", "s"}, {"quote", "quote", "s"}},
	store.KindCoverage: {{"region", "region", "s"}, {"level", "level", "s"}, {"built", "built", "i"}, {"missing", "missing", "l"}, {"quote", "quote", "s"}},
	store.KindActivity: {{"center", "center", "s"}, {"start", "start", "s"}, {"end", "end", "s"}, {"places", "places", "l"}, {"kinds", "kinds", "l"},
		{"people", "people", "l"}, {"participants", "participants", "p"}, {"quote", "quote", "s"}},
}

// keyRecord turns a dataset row into a record of the answer key.
func keyRecord(kind string, row []*string, idx map[string]int) map[string]any {
	rec := map[string]any{}
	for _, f := range keyFields[kind] {
		i, ok := idx[f[1]]
		var v *string
		if ok {
			v = row[i]
		}
		switch {
		case f[2] == "l":
			list := []string{}
			if v != nil && *v != "" {
				list = strings.Split(*v, "、")
			}
			rec[f[0]] = list
		case v == nil:
			rec[f[0]] = nil
		case f[2] == "i":
			n, err := strconv.Atoi(*v)
			if err != nil {
				rec[f[0]] = nil
			} else {
				rec[f[0]] = n
			}
		case f[2] == "p":
			n, err := strconv.Atoi(*v)
			if err != nil {
				rec[f[0]] = nil
				break
			}
			q := "exact"
			if j, ok := idx["participants_qualifier"]; ok && row[j] != nil {
				q = *row[j]
			}
			rec[f[0]] = map[string]any{"value": n, "qualifier": q}
		default:
			rec[f[0]] = *v
		}
	}
	return rec
}

// keyFindingsOf lists the findings a reviewer confirmed in a document as
// must-have findings of its key (unknown names, which the scorer leaves
// out, as allowed ones).
func keyFindingsOf(ctx context.Context, db *sql.DB, sha string, k *answerKey) error {
	rows, err := db.QueryContext(ctx, `SELECT f.kind, COALESCE(f.subject, ''), f.message, COALESCE(r.quote, ''), v.note FROM findings f
		JOIN finding_reviews v ON v.finding_id = f.id AND v.status = 'confirmed'
		JOIN documents d ON d.id = f.document_id LEFT JOIN finding_refs r ON r.finding_id = f.id AND r.position = 0
		WHERE d.sha256 = ? ORDER BY f.id`, sha)
	if err != nil {
		return fmt.Errorf("export corrections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, subject, msg, quote, note string
		if err := rows.Scan(&kind, &subject, &msg, &quote, &note); err != nil {
			return fmt.Errorf("export corrections: %w", err)
		}
		about := msg
		if note != "" {
			about += " — " + note
		}
		entry := map[string]any{"kind": kind, "about": about, "quote": quote}
		if kind == "unknown_entity" {
			// the scorer does not score these (they depend on the
			// dictionaries): a confirmed one is a finding the key allows
			k.Findings.May = append(k.Findings.May, entry)
		} else {
			k.Findings.Must = append(k.Findings.Must, entry)
		}
	}
	return rows.Err()
}
