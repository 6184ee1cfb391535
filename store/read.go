package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	"qcweave/record"
)

// Findings returns the stored findings in a stable order (severity, kind,
// id); acknowledged ones only when withAcked is set.
func (s *Store) Findings(ctx context.Context, withAcked bool) ([]record.Finding, error) {
	return s.FirstFindings(ctx, withAcked, 0)
}

// FirstFindings is Findings up to limit findings (0: all), for views that
// show the first ones of a large store.
func (s *Store) FirstFindings(ctx context.Context, withAcked bool, limit int) ([]record.Finding, error) {
	// findings of a superseded document are the newer issue's to report
	q := `SELECT f.id, f.kind, f.severity, COALESCE(f.subject, ''), f.message FROM findings f
		WHERE (f.document_id IS NULL OR f.document_id NOT IN (SELECT id FROM documents WHERE superseded_by IS NOT NULL))`
	if !withAcked {
		q += ` AND f.id NOT IN (SELECT finding_id FROM acks)`
	}
	q += ` ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.kind, f.id`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: findings: %w", err)
	}
	var out []record.Finding
	for rows.Next() {
		var f record.Finding
		if err := rows.Scan(&f.ID, &f.Kind, &f.Severity, &f.Subject, &f.Message); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: findings: %w", err)
		}
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: findings: %w", err)
	}
	for i := range out {
		refs, err := s.refs(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Refs = refs
	}
	return out, nil
}

func (s *Store) refs(ctx context.Context, id string) ([]record.Ref, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT document_sha256, quote, span_start, span_end FROM finding_refs WHERE finding_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("store: finding refs: %w", err)
	}
	defer rows.Close()
	var out []record.Ref
	for rows.Next() {
		var r record.Ref
		if err := rows.Scan(&r.Doc, &r.Quote, &r.Span[0], &r.Span[1]); err != nil {
			return nil, fmt.Errorf("store: finding refs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CountFact is a stored count with its document, for checks across
// documents.
type CountFact struct {
	Doc, Date          string // document sha256 and its date (or period end)
	Region, RegionCode string
	Level, Subject     string
	AsOf               string
	Value              int
	Quote              string
	Span               record.Span
}

// Counts returns the counts of current (not superseded) documents that
// have a region code, ordered by region, level, subject and date.
func (s *Store) Counts(ctx context.Context) ([]CountFact, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.sha256, COALESCE(d.doc_date, d.period_end, ''), c.region_text, c.region_code,
		COALESCE(c.level, ''), c.subject, COALESCE(c.as_of, d.doc_date, d.period_end, ''), c.value, c.quote, c.span_start, c.span_end
		FROM counts c JOIN documents d ON d.id = c.document_id
		WHERE d.superseded_by IS NULL AND c.region_code IS NOT NULL
		ORDER BY c.region_code, c.level, c.subject, 7, d.sha256, c.span_start`)
	if err != nil {
		return nil, fmt.Errorf("store: counts: %w", err)
	}
	defer rows.Close()
	var out []CountFact
	for rows.Next() {
		var c CountFact
		if err := rows.Scan(&c.Doc, &c.Date, &c.Region, &c.RegionCode, &c.Level, &c.Subject, &c.AsOf, &c.Value, &c.Quote, &c.Span[0], &c.Span[1]); err != nil {
			return nil, fmt.Errorf("store: counts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// HostFact is a center's hosts as one document states them.
type HostFact struct {
	CenterKey, Center string
	Doc, Date         string
	Name              string
	Source            string // table or text
	Hosts             string // canonical host names joined by 、 in order
	Quote             string
	Span              record.Span
}

// EachCenterHosts calls fn with the host statements of one center at a
// time — per document of the current ones, ordered by document date — so
// that a store of any size is checked in the memory of its most mentioned
// center.
func (s *Store) EachCenterHosts(ctx context.Context, fn func([]HostFact) error) error {
	return s.eachCenterHosts(ctx, "", nil, fn)
}

// eachCenterHosts is EachCenterHosts for the centers a condition on ce
// (the centers table) selects.
func (s *Store) eachCenterHosts(ctx context.Context, cond string, args []any, fn func([]HostFact) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT ce.key, ce.name, d.sha256, COALESCE(d.doc_date, d.period_end, ''), m.name, m.source,
		(SELECT group_concat(canonical, '、') FROM (SELECT i.canonical FROM center_hosts h JOIN institutions i ON i.id = h.institution_id
			WHERE h.mention_id = m.id ORDER BY i.canonical)), m.quote, m.span_start, m.span_end
		FROM center_mentions m JOIN centers ce ON ce.id = m.center_id JOIN documents d ON d.id = m.document_id
		WHERE d.superseded_by IS NULL `+cond+`
		ORDER BY ce.key, 4, d.sha256`, args...)
	if err != nil {
		return fmt.Errorf("store: hosts: %w", err)
	}
	defer rows.Close()
	var group []HostFact
	for rows.Next() {
		var h HostFact
		var hosts sql.NullString
		if err := rows.Scan(&h.CenterKey, &h.Center, &h.Doc, &h.Date, &h.Name, &h.Source, &hosts, &h.Quote, &h.Span[0], &h.Span[1]); err != nil {
			return fmt.Errorf("store: hosts: %w", err)
		}
		h.Hosts = hosts.String
		if len(group) > 0 && group[0].CenterKey != h.CenterKey {
			if err := fn(group); err != nil {
				return err
			}
			group = group[:0]
		}
		group = append(group, h)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: hosts: %w", err)
	}
	if len(group) > 0 {
		return fn(group)
	}
	return nil
}

// Summary counts what the store holds.
type Summary struct {
	Documents  int `json:"documents"`
	Counts     int `json:"counts"`
	Centers    int `json:"centers"`
	Coverage   int `json:"coverage"`
	Activities int `json:"activities"`
	Findings   int `json:"open_findings"`
	Errors     int `json:"errors"`
}

// Summarize returns the numbers of rows of the main tables.
func (s *Store) Summarize(ctx context.Context) (Summary, error) {
	var sm Summary
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM counts), (SELECT count(*) FROM centers),
		(SELECT count(*) FROM coverage), (SELECT count(*) FROM activities), (SELECT count(*) FROM open_findings),
		(SELECT count(*) FROM ingest_errors)`).Scan(&sm.Documents, &sm.Counts, &sm.Centers, &sm.Coverage, &sm.Activities, &sm.Findings, &sm.Errors)
	if err != nil {
		return sm, fmt.Errorf("store: summary: %w", err)
	}
	return sm, nil
}

// Matrix is the coverage of the latest document per region: which
// specialties each region has built and which it lacks.
type Matrix struct {
	Specialties []string // column names, canonical where known
	Rows        []MatrixRow
}

// MatrixRow is one region of a Matrix.
type MatrixRow struct {
	Region   string
	Code     string
	Level    string
	Built    *int
	Missing  map[string]bool // by column name
	Document string          // sha256
	Date     string
	// Title and File are the document's title and file name.
	Title, File string
}

// CoverageMatrix builds the region × specialty matrix: columns are the
// specialties of the provincial centers and of the missing lists, rows the
// latest coverage row of each region.
func (s *Store) CoverageMatrix(ctx context.Context) (Matrix, error) {
	var m Matrix
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, COALESCE(r.name, c.region_text), COALESCE(c.region_code, ''), COALESCE(c.level, ''), c.built,
		d.sha256, COALESCE(d.doc_date, d.period_end, ''), COALESCE(d.title, ''), d.path
		FROM coverage c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
		WHERE d.superseded_by IS NULL
		ORDER BY COALESCE(c.region_code, c.region_text), COALESCE(d.doc_date, d.period_end, '') DESC, d.sha256`)
	if err != nil {
		return m, fmt.Errorf("store: coverage matrix: %w", err)
	}
	type rowID struct {
		id  int64
		row MatrixRow
	}
	var picked []rowID
	seen := map[string]bool{}
	for rows.Next() {
		var r rowID
		var built sql.NullInt64
		if err := rows.Scan(&r.id, &r.row.Region, &r.row.Code, &r.row.Level, &built, &r.row.Document, &r.row.Date, &r.row.Title, &r.row.File); err != nil {
			rows.Close()
			return m, fmt.Errorf("store: coverage matrix: %w", err)
		}
		key := r.row.Code + "|" + r.row.Region + "|" + r.row.Level
		if seen[key] {
			continue // an older row of the same region
		}
		seen[key] = true
		r.row.File = filepath.Base(r.row.File)
		if built.Valid {
			n := int(built.Int64)
			r.row.Built = &n
		}
		r.row.Missing = map[string]bool{}
		picked = append(picked, r)
	}
	rows.Close()
	cols := map[string]bool{}
	var order []string
	addCol := func(c string) {
		if c != "" && !cols[c] {
			cols[c] = true
			order = append(order, c)
		}
	}
	// the provincial list first, in its table order
	prov, err := s.db.QueryContext(ctx, `SELECT COALESCE(sp.name, ce.specialty_text) FROM center_mentions m JOIN centers ce ON ce.id = m.center_id
		LEFT JOIN specialties sp ON sp.id = ce.specialty_id JOIN documents d ON d.id = m.document_id
		WHERE ce.level = '省级' AND m.source = 'table' AND d.superseded_by IS NULL ORDER BY d.sha256, m.seq, m.span_start`)
	if err != nil {
		return m, fmt.Errorf("store: coverage matrix: %w", err)
	}
	for prov.Next() {
		var c sql.NullString
		if err := prov.Scan(&c); err == nil {
			addCol(c.String)
		}
	}
	prov.Close()
	for i := range picked {
		ms, err := s.db.QueryContext(ctx, `SELECT COALESCE(sp.name, m.specialty_text) FROM coverage_missing m LEFT JOIN specialties sp ON sp.id = m.specialty_id
			WHERE m.coverage_id = ? ORDER BY m.position`, picked[i].id)
		if err != nil {
			return m, fmt.Errorf("store: coverage matrix: %w", err)
		}
		for ms.Next() {
			var c string
			if err := ms.Scan(&c); err == nil {
				addCol(c)
				picked[i].row.Missing[c] = true
			}
		}
		ms.Close()
		m.Rows = append(m.Rows, picked[i].row)
	}
	m.Specialties = order
	return m, nil
}
