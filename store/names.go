package store

import (
	"context"
	"database/sql"
	"fmt"

	"qcweave/record"
)

// UserAliases returns the user dictionary in a stable order.
func (s *Store) UserAliases(ctx context.Context) ([]record.UserAlias, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT kind, alias, target FROM user_aliases ORDER BY kind, alias")
	if err != nil {
		return nil, fmt.Errorf("store: user dictionary: %w", err)
	}
	defer rows.Close()
	var out []record.UserAlias
	for rows.Next() {
		var a record.UserAlias
		if err := rows.Scan(&a.Kind, &a.Alias, &a.Target); err != nil {
			return nil, fmt.Errorf("store: user dictionary: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AddUserAlias stores an entry of the user dictionary (replacing one for
// the same alias).
func (s *Store) AddUserAlias(ctx context.Context, a record.UserAlias) error {
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

// Names returns the stored names a change of the dictionaries may resolve
// anew (see record.StoredNames).
func (s *Store) Names(ctx context.Context) (record.StoredNames, error) {
	var n record.StoredNames
	q := &querier{ctx: ctx, db: s.db}
	q.each("SELECT coverage_id, position, specialty_text FROM coverage_missing WHERE specialty_id IS NULL", func(r *sql.Rows) error {
		var m record.StoredMissing
		err := r.Scan(&m.CoverageID, &m.Position, &m.Text)
		n.MissingSpecialties = append(n.MissingSpecialties, m)
		return err
	})
	for _, table := range []string{"counts", "coverage"} {
		q.each("SELECT t.id, t.region_text, COALESCE(d.province_code, '') FROM "+table+" t JOIN documents d ON d.id = t.document_id WHERE t.region_code IS NULL", func(r *sql.Rows) error {
			g := record.StoredRegion{Table: table}
			err := r.Scan(&g.ID, &g.Text, &g.Province)
			n.Regions = append(n.Regions, g)
			return err
		})
	}
	q.each("SELECT id, COALESCE(level, ''), COALESCE(region_code, ''), COALESCE(region_text, ''), COALESCE(specialty_text, '') FROM centers WHERE specialty_id IS NULL", func(r *sql.Rows) error {
		var c record.StoredCenter
		err := r.Scan(&c.ID, &c.Level, &c.RegionCode, &c.RegionText, &c.Specialty)
		n.Centers = append(n.Centers, c)
		return err
	})
	q.each("SELECT id, name, COALESCE(canonical, name) FROM institutions", func(r *sql.Rows) error {
		var in record.StoredInstitution
		err := r.Scan(&in.ID, &in.Name, &in.Canonical)
		n.Institutions = append(n.Institutions, in)
		return err
	})
	mentions := func(kind, query string) {
		q.each(query, func(r *sql.Rows) error {
			m := record.StoredMention{Kind: kind}
			err := r.Scan(&m.DocID, &m.Doc, &m.Name, &m.Province, &m.Place, &m.Quote, &m.Span[0], &m.Span[1])
			n.Mentions = append(n.Mentions, m)
			return err
		})
	}
	mentions(record.NameSpecialty, `SELECT d.id, d.sha256, ce.specialty_text, COALESCE(d.province_code, ''), '', m.quote, m.span_start, m.span_end
		FROM center_mentions m JOIN centers ce ON ce.id = m.center_id JOIN documents d ON d.id = m.document_id
		WHERE ce.specialty_id IS NULL AND ce.specialty_text IS NOT NULL ORDER BY d.id, m.span_start`)
	mentions(record.NameInstitution, `SELECT d.id, d.sha256, i.name, COALESCE(d.province_code, ''), COALESCE(ce.region_text, ''), m.quote, m.span_start, m.span_end
		FROM center_hosts h JOIN institutions i ON i.id = h.institution_id JOIN center_mentions m ON m.id = h.mention_id
		JOIN centers ce ON ce.id = m.center_id JOIN documents d ON d.id = m.document_id ORDER BY d.id, m.span_start, h.position`)
	mentions(record.NameRegion, `SELECT d.id, d.sha256, c.region_text, COALESCE(d.province_code, ''), '', c.quote, c.span_start, c.span_end
		FROM coverage c JOIN documents d ON d.id = c.document_id WHERE c.region_code IS NULL ORDER BY d.id, c.span_start`)
	mentions(record.NameSpecialty, `SELECT d.id, d.sha256, m.specialty_text, COALESCE(d.province_code, ''), '', c.quote, c.span_start, c.span_end
		FROM coverage_missing m JOIN coverage c ON c.id = m.coverage_id JOIN documents d ON d.id = c.document_id
		WHERE m.specialty_id IS NULL ORDER BY d.id, c.span_start`)
	if q.err != nil {
		return record.StoredNames{}, fmt.Errorf("store: names: %w", q.err)
	}
	return n, nil
}

// ApplyNames writes the resolution of the stored names in one transaction:
// ids and codes, canonical institutions, centers that now are one entity
// merged, and every unknown_entity finding replaced by those given. It
// returns how many names changed.
func (s *Store) ApplyNames(ctx context.Context, up record.NameUpdates) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: apply names: %w", err)
	}
	defer tx.Rollback()
	w := newWriter(ctx, tx, up.Refs)
	changed := 0
	for _, m := range up.MissingSpecialties {
		id := m.SpecialtyID
		w.exec("UPDATE coverage_missing SET specialty_id = ? WHERE coverage_id = ? AND position = ?", w.specialty(&id), m.CoverageID, m.Position)
		changed++
	}
	for _, g := range up.Regions {
		if g.Table != "counts" && g.Table != "coverage" {
			return 0, fmt.Errorf("store: apply names: no region column in %q", g.Table)
		}
		code := g.Code
		w.exec("UPDATE "+g.Table+" SET region_code = ? WHERE id = ?", w.region(&code), g.ID)
		w.shift("SELECT id, confidence FROM "+g.Table+" WHERE id = ?", "UPDATE "+g.Table+" SET confidence = ? WHERE id = ?", g.Shift, g.ID)
		changed++
	}
	for _, c := range up.Centers {
		w.shift("SELECT id, confidence FROM center_mentions WHERE center_id = ?", "UPDATE center_mentions SET confidence = ? WHERE id = ?", c.Shift, c.ID)
		w.mergeCenter(c)
		changed++
	}
	for _, in := range up.Institutions {
		w.exec("UPDATE institutions SET canonical = ? WHERE id = ?", in.Canonical, in.ID)
		w.shift("SELECT DISTINCT m.id, m.host_confidence FROM center_mentions m JOIN center_hosts h ON h.mention_id = m.id WHERE h.institution_id = ?",
			"UPDATE center_mentions SET host_confidence = ? WHERE id = ?", in.Shift, in.ID)
		changed++
	}
	w.exec("DELETE FROM findings WHERE kind = ?", record.UnknownEntity)
	for docID, fs := range up.Unknown {
		for _, f := range fs {
			w.saveFinding(f, docID)
		}
	}
	if w.err != nil {
		return 0, fmt.Errorf("store: apply names: %w", w.err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: apply names: %w", err)
	}
	return changed, nil
}

// shift moves the confidence of the rows sel selects (id, confidence) by
// d in log-odds and writes each with upd (confidence, id): the evidence
// of a name the dictionaries learned after the rows were stored.
func (w *writer) shift(sel, upd string, d float64, arg any) {
	if w.err != nil || d == 0 {
		return
	}
	rows, err := w.tx.QueryContext(w.ctx, sel, arg)
	if err != nil {
		w.err = err
		return
	}
	type row struct {
		id   int64
		conf float64
	}
	var rs []row
	for rows.Next() {
		var id int64
		var c sql.NullFloat64
		if err := rows.Scan(&id, &c); err != nil {
			rows.Close()
			w.err = err
			return
		}
		if c.Valid {
			rs = append(rs, row{id, c.Float64})
		}
	}
	if err := rows.Close(); err != nil {
		w.err = err
		return
	}
	if err := rows.Err(); err != nil {
		w.err = err
		return
	}
	for _, r := range rs {
		w.exec(upd, record.ShiftConfidence(r.conf, d), r.id)
	}
}

// mergeCenter gives a center entity its specialty id; when another entity
// already has the resulting key, the two are merged into that one.
func (w *writer) mergeCenter(c record.CenterUpdate) {
	if w.err != nil {
		return
	}
	var level, code, rtext sql.NullString
	if err := w.tx.QueryRowContext(w.ctx, "SELECT level, region_code, region_text FROM centers WHERE id = ?", c.ID).Scan(&level, &code, &rtext); err != nil {
		w.err = err
		return
	}
	id := c.SpecialtyID
	key := CenterKey(nullable(level), nullable(code), nullable(rtext), &id, nil)
	var other int64
	err := w.tx.QueryRowContext(w.ctx, "SELECT id FROM centers WHERE key = ?", key).Scan(&other)
	switch {
	case err == nil && other != c.ID:
		w.exec("UPDATE center_mentions SET center_id = ? WHERE center_id = ?", other, c.ID)
		w.exec("UPDATE activities SET center_id = ? WHERE center_id = ?", other, c.ID)
		w.exec("DELETE FROM centers WHERE id = ?", c.ID)
	case err == nil || err == sql.ErrNoRows:
		w.exec("UPDATE centers SET specialty_id = ?, key = ? WHERE id = ?", w.specialty(&id), key, c.ID)
	default:
		w.err = err
	}
}

func nullable(s sql.NullString) *string {
	if !s.Valid || s.String == "" {
		return nil
	}
	return &s.String
}

// querier runs read queries and keeps the first error.
type querier struct {
	ctx context.Context
	db  interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}
	err error
}

// each runs a query and calls fn for every row.
func (q *querier) each(query string, fn func(*sql.Rows) error) {
	if q.err != nil {
		return
	}
	rows, err := q.db.QueryContext(q.ctx, query)
	if err != nil {
		q.err = err
		return
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			q.err = err
			return
		}
	}
	q.err = rows.Err()
}
