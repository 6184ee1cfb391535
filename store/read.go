package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"

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
// Reviewers' corrections apply: a count they deleted is left out, one
// they added is in.
func (s *Store) Counts(ctx context.Context) ([]CountFact, error) {
	fc, err := s.loadFactCorrections(ctx)
	if err != nil {
		return nil, err
	}
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: counts: %w", err)
	}
	return fc.countsInScope(out, nil), nil
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
// center. Reviewers' corrections of hosts apply, and a mention they
// deleted is left out.
func (s *Store) EachCenterHosts(ctx context.Context, fn func([]HostFact) error) error {
	fc, err := s.loadFactCorrections(ctx)
	if err != nil {
		return err
	}
	return s.eachCenterHosts(ctx, fc, "", nil, fn)
}

// eachCenterHosts is EachCenterHosts for the centers a condition on ce
// (the centers table) selects, with the corrections fc.
func (s *Store) eachCenterHosts(ctx context.Context, fc *factCorrections, cond string, args []any, fn func([]HostFact) error) error {
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
		if !fc.applyHost(&h) {
			continue
		}
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
	// Span is where the row's quote is in the document's text.
	Span record.Span
	// Corrected names the fields of the row a reviewer changed
	// (FieldValue, FieldLevel, FieldRegion, FieldMissing), Changed the
	// specialty columns whose mark a corrected missing list changed, and
	// Correction is the latest change (who, when, why); Added is a row a
	// reviewer added.
	Corrected  map[string]bool
	Changed    map[string]bool
	Correction *Correction
	Added      bool
}

// matrixRow is a row of the matrix as read, before its missing list.
type matrixRow struct {
	id      int64 // 0: added by a reviewer
	sortKey string
	row     MatrixRow
	missing []string // a reviewer's missing list, when corrected
}

// CoverageMatrix builds the region × specialty matrix: columns are the
// specialties of the provincial centers and of the missing lists, rows the
// latest coverage row of each region. Reviewers' corrections apply: a
// deleted row gives way to the region's earlier one, a corrected value,
// level, region or missing list is shown and marked, an added row counts.
func (s *Store) CoverageMatrix(ctx context.Context) (Matrix, error) {
	var m Matrix
	fc, err := s.loadFactCorrections(ctx)
	if err != nil {
		return m, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, COALESCE(r.name, c.region_text), c.region_text, COALESCE(c.region_code, ''), COALESCE(c.level, ''), c.built,
		d.sha256, COALESCE(d.doc_date, d.period_end, ''), COALESCE(d.title, ''), d.path, c.quote, c.span_start, c.span_end
		FROM coverage c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
		WHERE d.superseded_by IS NULL
		ORDER BY COALESCE(c.region_code, c.region_text), COALESCE(d.doc_date, d.period_end, '') DESC, d.sha256`)
	if err != nil {
		return m, fmt.Errorf("store: coverage matrix: %w", err)
	}
	var all []matrixRow
	seen := map[string]bool{}
	for rows.Next() {
		var r matrixRow
		var built sql.NullInt64
		var text, quote string
		if err := rows.Scan(&r.id, &r.row.Region, &text, &r.row.Code, &r.row.Level, &built, &r.row.Document, &r.row.Date, &r.row.Title, &r.row.File, &quote, &r.row.Span[0], &r.row.Span[1]); err != nil {
			rows.Close()
			return m, fmt.Errorf("store: coverage matrix: %w", err)
		}
		if built.Valid {
			n := int(built.Int64)
			r.row.Built = &n
		}
		r.sortKey = cmp.Or(r.row.Code, text)
		if fc != nil && !fc.applyCoverage(&r, fc.set.Lookup(r.row.Document, KindCoverage, RecordKey(text, quote))) {
			continue
		}
		if fc == nil {
			key := r.row.Code + "|" + r.row.Region + "|" + r.row.Level
			if seen[key] {
				continue // an older row of the same region
			}
			seen[key] = true
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return m, fmt.Errorf("store: coverage matrix: %w", err)
	}
	var picked []matrixRow
	if fc == nil {
		picked = all
	} else {
		for _, a := range fc.set.Added(KindCoverage) {
			d, ok := fc.docs[a.Doc]
			if !ok || d.Superseded {
				continue
			}
			r := matrixRow{row: MatrixRow{Document: a.Doc, Date: d.Date, Title: d.Title, File: d.Path, Span: a.Span, Added: true}}
			fields := a.AddedFields()
			r.row.Region = fields["name"]
			r.row.Level = fields[FieldLevel]
			r.row.Code = fc.regionCodes[cmp.Or(fields[FieldRegion], fields["name"])]
			if n, err := strconv.Atoi(fields[FieldValue]); err == nil {
				r.row.Built = &n
			}
			if v, ok := fields[FieldMissing]; ok {
				r.missing = splitList(v)
			}
			r.sortKey = cmp.Or(r.row.Code, r.row.Region)
			if fc.applyCoverage(&r, fc.set.Lookup(a.Doc, KindCoverage, a.Key)) {
				all = append(all, r)
			}
		}
		sort.SliceStable(all, func(i, j int) bool {
			a, b := all[i], all[j]
			if a.sortKey != b.sortKey {
				return a.sortKey < b.sortKey
			}
			if a.row.Date != b.row.Date {
				return a.row.Date > b.row.Date
			}
			return a.row.Document < b.row.Document
		})
		for _, r := range all {
			key := r.row.Code + "|" + r.row.Region + "|" + r.row.Level
			if !seen[key] {
				seen[key] = true
				picked = append(picked, r)
			}
		}
	}
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
		p := &picked[i]
		p.row.File = filepath.Base(p.row.File)
		p.row.Missing = map[string]bool{}
		extracted := map[string]bool{}
		if p.id != 0 {
			ms, err := s.db.QueryContext(ctx, `SELECT COALESCE(sp.name, m.specialty_text) FROM coverage_missing m LEFT JOIN specialties sp ON sp.id = m.specialty_id
				WHERE m.coverage_id = ? ORDER BY m.position`, p.id)
			if err != nil {
				return m, fmt.Errorf("store: coverage matrix: %w", err)
			}
			for ms.Next() {
				var c string
				if err := ms.Scan(&c); err == nil {
					extracted[c] = true
					if !p.row.Corrected[FieldMissing] {
						addCol(c)
						p.row.Missing[c] = true
					}
				}
			}
			ms.Close()
		}
		if p.row.Corrected[FieldMissing] || p.id == 0 {
			for _, sp := range p.missing {
				c := fc.specialties[sp]
				addCol(c)
				p.row.Missing[c] = true
			}
		}
		if p.row.Corrected[FieldMissing] {
			p.row.Changed = map[string]bool{}
			for c := range extracted {
				if !p.row.Missing[c] {
					addCol(c) // a column the reviewer found built stays, marked
					p.row.Changed[c] = true
				}
			}
			for c := range p.row.Missing {
				p.row.Changed[c] = p.row.Changed[c] || !extracted[c]
			}
		}
		m.Rows = append(m.Rows, p.row)
	}
	m.Specialties = order
	return m, nil
}

// applyCoverage puts the corrections of a coverage row into it; false
// when the row was deleted.
func (fc *factCorrections) applyCoverage(r *matrixRow, a *Applied) bool {
	if !a.Corrected() {
		return true
	}
	if a.Deleted != nil {
		return false
	}
	last := a.Last()
	r.row.Correction = &last
	r.row.Corrected = map[string]bool{}
	for f, c := range a.Fields {
		r.row.Corrected[f] = true
		switch f {
		case FieldValue:
			r.row.Built = nil
			if n, err := strconv.Atoi(c.After); err == nil {
				r.row.Built = &n
			}
		case FieldLevel:
			r.row.Level = c.After
		case FieldRegion:
			r.row.Region = c.After
			r.row.Code = fc.regionCodes[c.After]
			r.sortKey = cmp.Or(r.row.Code, c.After)
		case FieldMissing:
			r.missing = splitList(c.After)
		}
	}
	return true
}

// FieldCorrected reports whether a reviewer changed the row's field (one
// of FieldValue, FieldLevel, FieldRegion, FieldMissing), or added the row.
func (r MatrixRow) FieldCorrected(field string) bool { return r.Added || r.Corrected[field] }

// CellCorrected reports whether a reviewer's missing list changed the
// mark of a specialty column, or added the row.
func (r MatrixRow) CellCorrected(specialty string) bool { return r.Added || r.Changed[specialty] }
