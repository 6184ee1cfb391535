package store

import (
	"context"
	"database/sql"
	"fmt"

	"qcweave/lexicon"
	"qcweave/record"
)

// UserAliases returns the user dictionary in a stable order.
func (s *Store) UserAliases(ctx context.Context) ([]lexicon.UserAlias, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT kind, alias, target FROM user_aliases ORDER BY kind, alias")
	if err != nil {
		return nil, fmt.Errorf("store: user dictionary: %w", err)
	}
	defer rows.Close()
	var out []lexicon.UserAlias
	for rows.Next() {
		var a lexicon.UserAlias
		if err := rows.Scan(&a.Kind, &a.Alias, &a.Target); err != nil {
			return nil, fmt.Errorf("store: user dictionary: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AddUserAlias stores an entry of the user dictionary (replacing one for
// the same alias).
func (s *Store) AddUserAlias(ctx context.Context, a lexicon.UserAlias) error {
	if err := a.Validate(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, "INSERT OR REPLACE INTO user_aliases(kind, alias, target) VALUES (?, ?, ?)", a.Kind, a.Alias, a.Target)
	if err != nil {
		return fmt.Errorf("store: add alias %s: %w", a.Alias, err)
	}
	return nil
}

// RemoveUserAlias deletes an entry of the user dictionary.
func (s *Store) RemoveUserAlias(ctx context.Context, kind, alias string) error {
	res, err := s.db.ExecContext(ctx, "DELETE FROM user_aliases WHERE kind = ? AND alias = ?", kind, alias)
	if err != nil {
		return fmt.Errorf("store: remove alias %s: %w", alias, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: no %s alias %q", kind, alias)
	}
	return nil
}

// Reresolve resolves the stored names again against lex (with the user
// dictionary applied) without reading the documents: specialties of
// centers and coverage, regions of counts and coverage, canonical
// institutions; centers that now resolve to the same entity are merged,
// and each document's unknown_entity findings are computed anew. It
// returns how many names now resolve. One transaction.
func (s *Store) Reresolve(ctx context.Context, lex *lexicon.Lexicon) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: re-resolve: %w", err)
	}
	defer tx.Rollback()
	w := &writer{tx: tx, ctx: ctx, lex: lex}
	fixed := 0
	// specialties of coverage rows
	type pending struct {
		id   int64
		pos  int
		text string
	}
	var miss []pending
	w.each("SELECT coverage_id, position, specialty_text FROM coverage_missing WHERE specialty_id IS NULL", func(r *sql.Rows) error {
		var p pending
		if err := r.Scan(&p.id, &p.pos, &p.text); err != nil {
			return err
		}
		miss = append(miss, p)
		return nil
	})
	for _, p := range miss {
		if sp, ok := lex.Specialties.Resolve(p.text); ok {
			id := sp.ID
			w.exec("UPDATE coverage_missing SET specialty_id = ? WHERE coverage_id = ? AND position = ?", w.specialty(&id), p.id, p.pos)
			fixed++
		}
	}
	// regions of counts and coverage, in the document's province
	for _, table := range []string{"counts", "coverage"} {
		type row struct {
			id         int64
			text, prov string
		}
		var rs []row
		w.each("SELECT t.id, t.region_text, COALESCE(d.province_code, '') FROM "+table+" t JOIN documents d ON d.id = t.document_id WHERE t.region_code IS NULL", func(r *sql.Rows) error {
			var x row
			if err := r.Scan(&x.id, &x.text, &x.prov); err != nil {
				return err
			}
			rs = append(rs, x)
			return nil
		})
		for _, x := range rs {
			if reg, ok := lex.Regions.Lookup(x.text, x.prov); ok {
				code := reg.Code
				w.exec("UPDATE "+table+" SET region_code = ? WHERE id = ?", w.region(&code), x.id)
				fixed++
			}
		}
	}
	// centers whose specialty now resolves; merge into an existing entity
	type center struct {
		id                         int64
		level, code, rtext, sptext string
	}
	var cs []center
	w.each("SELECT id, COALESCE(level, ''), COALESCE(region_code, ''), COALESCE(region_text, ''), COALESCE(specialty_text, '') FROM centers WHERE specialty_id IS NULL", func(r *sql.Rows) error {
		var c center
		if err := r.Scan(&c.id, &c.level, &c.code, &c.rtext, &c.sptext); err != nil {
			return err
		}
		cs = append(cs, c)
		return nil
	})
	for _, c := range cs {
		sp, ok := lex.Specialties.Resolve(c.sptext)
		if !ok {
			continue
		}
		fixed++
		id := sp.ID
		key := CenterKey(nonEmpty(c.level), nonEmpty(c.code), nonEmpty(c.rtext), &id, nil)
		var other int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM centers WHERE key = ?", key).Scan(&other)
		switch {
		case err == nil && other != c.id:
			w.exec("UPDATE center_mentions SET center_id = ? WHERE center_id = ?", other, c.id)
			w.exec("UPDATE activities SET center_id = ? WHERE center_id = ?", other, c.id)
			w.exec("DELETE FROM centers WHERE id = ?", c.id)
		case err == nil || err == sql.ErrNoRows:
			w.exec("UPDATE centers SET specialty_id = ?, key = ? WHERE id = ?", w.specialty(&id), key, c.id)
		default:
			return 0, fmt.Errorf("store: re-resolve: %w", err)
		}
	}
	// canonical institutions
	type inst struct {
		id              int64
		name, canonical string
	}
	var is []inst
	w.each("SELECT id, name, COALESCE(canonical, name) FROM institutions", func(r *sql.Rows) error {
		var x inst
		if err := r.Scan(&x.id, &x.name, &x.canonical); err != nil {
			return err
		}
		is = append(is, x)
		return nil
	})
	for _, x := range is {
		if in, ok := lex.Institutions.Resolve(x.name); ok && in.Name != x.canonical {
			w.exec("UPDATE institutions SET canonical = ? WHERE id = ?", in.Name, x.id)
			fixed++
		}
	}
	w.unknownFindings()
	if w.err != nil {
		return 0, fmt.Errorf("store: re-resolve: %w", w.err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: re-resolve: %w", err)
	}
	return fixed, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// each runs a query in the transaction and calls fn for every row.
func (w *writer) each(q string, fn func(*sql.Rows) error) {
	if w.err != nil {
		return
	}
	rows, err := w.tx.QueryContext(w.ctx, q)
	if err != nil {
		w.err = err
		return
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			w.err = err
			return
		}
	}
	w.err = rows.Err()
}

// unknownFindings replaces every document's unknown_entity findings with
// those its stored facts still call for: specialties, regions and
// institutions the dictionaries (and the user's) do not know.
func (w *writer) unknownFindings() {
	type unk struct {
		doc, what, name string
		docID           int64
		ev              record.Evidence
	}
	var found []unk
	seen := map[string]bool{}
	add := func(u unk) {
		k := u.doc + "|" + u.name
		if !seen[k] {
			seen[k] = true
			found = append(found, u)
		}
	}
	scan := func(what, q string, check func(name string) bool) {
		w.each(q, func(r *sql.Rows) error {
			var u unk
			u.what = what
			if err := r.Scan(&u.docID, &u.doc, &u.name, &u.ev.Quote, &u.ev.Span[0], &u.ev.Span[1]); err != nil {
				return err
			}
			if check == nil || !check(u.name) {
				add(u)
			}
			return nil
		})
	}
	scan("专业", `SELECT d.id, d.sha256, ce.specialty_text, m.quote, m.span_start, m.span_end
		FROM center_mentions m JOIN centers ce ON ce.id = m.center_id JOIN documents d ON d.id = m.document_id
		WHERE ce.specialty_id IS NULL AND ce.specialty_text IS NOT NULL ORDER BY d.id, m.span_start`, nil)
	scan("机构", `SELECT d.id, d.sha256, i.name, m.quote, m.span_start, m.span_end
		FROM center_hosts h JOIN institutions i ON i.id = h.institution_id JOIN center_mentions m ON m.id = h.mention_id
		JOIN documents d ON d.id = m.document_id ORDER BY d.id, m.span_start`, func(name string) bool {
		_, ok := w.lex.Institutions.Resolve(name)
		return ok
	})
	scan("地区", `SELECT d.id, d.sha256, c.region_text, c.quote, c.span_start, c.span_end
		FROM coverage c JOIN documents d ON d.id = c.document_id WHERE c.region_code IS NULL ORDER BY d.id, c.span_start`, nil)
	scan("专业", `SELECT d.id, d.sha256, m.specialty_text, c.quote, c.span_start, c.span_end
		FROM coverage_missing m JOIN coverage c ON c.id = m.coverage_id JOIN documents d ON d.id = c.document_id
		WHERE m.specialty_id IS NULL ORDER BY d.id, c.span_start`, nil)
	w.exec("DELETE FROM findings WHERE kind = ?", record.UnknownEntity)
	for _, u := range found {
		w.saveFinding(record.Unknown(u.what, u.name, u.doc, u.ev), u.docID)
	}
}
