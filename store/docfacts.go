package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"qcweave/record"
)

// This file reads one document's records back as an extraction with the
// reviewers' corrections applied, for the checks of the document against
// itself (package checks, run again by reconcile), and replaces the
// findings those checks made. Extraction's rows are never changed.

// CorrectedDocuments returns the documents (sha256) with a correction
// made after the one with id since (0: every corrected document), in the
// order first corrected.
func (s *Store) CorrectedDocuments(ctx context.Context, since int64) ([]string, error) {
	docs, err := s.strings(ctx, `SELECT document_sha256 FROM corrections WHERE id > ? GROUP BY document_sha256 ORDER BY min(id)`, since)
	if err != nil {
		return nil, fmt.Errorf("store: corrected documents: %w", err)
	}
	return docs, nil
}

// DocumentFacts returns what the checks of a document against itself
// read — its kind, period and date, its Basis, and its counts, centers,
// coverage rows and activities in the order extracted — with the
// reviewers' corrections applied: deleted records left out, changed
// fields changed (a region as written resolved to its code), added
// records after the others (an added center is a center named in text,
// not a row of a list). It returns nil when the store has no such
// document, or no basis for it (stored by a qcweave before bases).
func (s *Store) DocumentFacts(ctx context.Context, sha string) (*record.Extraction, error) {
	ex := &record.Extraction{Source: record.Source{SHA256: sha}}
	var (
		id                            int64
		kind, date, pstart, pend, bpr sql.NullString
		cities                        sql.NullInt64
		partial                       sql.NullBool
	)
	err := s.db.QueryRowContext(ctx, `SELECT id, kind, doc_date, period_start, period_end, basis_province, basis_cities, basis_partial_list
		FROM documents WHERE sha256 = ?`, sha).Scan(&id, &kind, &date, &pstart, &pend, &bpr, &cities, &partial)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: document facts %s: %w", sha, err)
	}
	if !bpr.Valid {
		return nil, nil
	}
	ex.Basis = &record.Basis{Province: bpr.String, Cities: int(cities.Int64), PartialList: partial.Bool}
	ex.Document.Kind, ex.Document.Date = nullable(kind), nullable(date)
	if pstart.Valid && pend.Valid {
		ex.Document.Period = &record.Period{Start: pstart.String, End: pend.String}
	}
	cs, err := queryCorrections(ctx, s.db, sha)
	if err != nil {
		return nil, err
	}
	set := newCorrectionSet(cs)
	// the regions reviewers wrote, resolved before the records are read
	// (one connection: no query while another is open)
	codes := map[string]*string{}
	for _, c := range cs {
		var region string
		switch {
		case c.Action == ActionSet && c.Field == FieldRegion:
			region = c.After
		case c.Action == ActionAdd:
			region = addedFields(c, nil)[FieldRegion]
		}
		if _, done := codes[region]; done || region == "" {
			continue
		}
		code, err := s.regionCode(ctx, region)
		if err != nil {
			return nil, err
		}
		codes[region] = record.Str(code)
	}
	f := docFactReader{set: set, doc: sha, codes: codes}
	if err := s.readDocumentFacts(ctx, id, &f, ex); err != nil {
		return nil, fmt.Errorf("store: document facts %s: %w", sha, err)
	}
	f.added(ex)
	return ex, nil
}

// addedFields returns the fields of an added record (JSON keyed by
// correctable field, "name" for the name it is known by), with its later
// changes (a, when not nil) applied.
func addedFields(c Correction, a *Applied) map[string]string {
	fields := c.AddedFields()
	if a != nil {
		for f, x := range a.Fields {
			fields[f] = x.After
		}
	}
	if fields[FieldRegion] == "" && c.Kind != KindCenter {
		fields[FieldRegion] = fields["name"]
	}
	return fields
}

// docFactReader applies one document's corrections to its records.
type docFactReader struct {
	set   *CorrectionSet
	doc   string
	codes map[string]*string // region as a reviewer wrote it → code (nil: unknown)
}

// lookup returns the corrections of a record; false when it was deleted.
func (f *docFactReader) lookup(kind, name, quote string) (map[string]string, bool) {
	a := f.set.Lookup(f.doc, kind, RecordKey(name, quote))
	if !a.Corrected() {
		return nil, true
	}
	if a.Deleted != nil {
		return nil, false
	}
	out := map[string]string{}
	for k, c := range a.Fields {
		out[k] = c.After
	}
	return out, true
}

// code is the code of a region a reviewer wrote.
func (f *docFactReader) code(region string) *string {
	if c := f.codes[region]; c != nil && *c != "" {
		return c
	}
	return nil
}

// atoi is a number a reviewer typed; nil when it is none.
func atoi(s string) *int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}

func (s *Store) readDocumentFacts(ctx context.Context, id int64, f *docFactReader, ex *record.Extraction) error {
	rows, err := s.db.QueryContext(ctx, `SELECT region_text, region_code, level, subject, value, as_of, total, quote, span_start, span_end
		FROM counts WHERE document_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c record.Count
		var code, level, asOf sql.NullString
		if err := rows.Scan(&c.Region, &code, &level, &c.Subject, &c.Value, &asOf, &c.Total, &c.Quote, &c.Span[0], &c.Span[1]); err != nil {
			rows.Close()
			return err
		}
		c.RegionCode, c.Level, c.AsOf = nullable(code), nullable(level), nullable(asOf)
		fields, keep := f.lookup(KindCount, c.Region, c.Quote)
		if !keep {
			continue
		}
		if v, ok := fields[FieldValue]; ok {
			n := atoi(v)
			if n == nil {
				continue // a count without a value is not checked
			}
			c.Value = *n
		}
		if v, ok := fields[FieldDate]; ok {
			c.AsOf = record.Str(v)
		}
		if v, ok := fields[FieldLevel]; ok {
			c.Level = record.Str(v)
		}
		if v, ok := fields[FieldRegion]; ok {
			c.Region, c.RegionCode = v, f.code(v)
		}
		ex.Counts = append(ex.Counts, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = s.db.QueryContext(ctx, `SELECT m.name, m.source, ce.level, ce.region_text, ce.region_code, m.established, m.quote, m.span_start, m.span_end
		FROM center_mentions m JOIN centers ce ON ce.id = m.center_id WHERE m.document_id = ? ORDER BY m.id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c record.Center
		var level, region, code, est sql.NullString
		if err := rows.Scan(&c.Name, &c.Source, &level, &region, &code, &est, &c.Quote, &c.Span[0], &c.Span[1]); err != nil {
			rows.Close()
			return err
		}
		c.Level, c.Region, c.RegionCode, c.Established = nullable(level), nullable(region), nullable(code), nullable(est)
		fields, keep := f.lookup(KindCenter, c.Name, c.Quote)
		if !keep {
			continue
		}
		if v, ok := fields[FieldDate]; ok {
			c.Established = record.Str(v)
		}
		if v, ok := fields[FieldLevel]; ok {
			c.Level = record.Str(v)
		}
		if v, ok := fields[FieldRegion]; ok {
			c.Region, c.RegionCode = record.Str(v), f.code(v)
		}
		ex.Centers = append(ex.Centers, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = s.db.QueryContext(ctx, `SELECT c.region_text, c.region_code, c.level, c.built, c.quote, c.span_start, c.span_end,
		(SELECT json_group_array(specialty_text) FROM (SELECT specialty_text FROM coverage_missing m WHERE m.coverage_id = c.id ORDER BY position))
		FROM coverage c WHERE c.document_id = ? ORDER BY c.id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c record.Coverage
		var code, level sql.NullString
		var built sql.NullInt64
		var missing string
		if err := rows.Scan(&c.Region, &code, &level, &built, &c.Quote, &c.Span[0], &c.Span[1], &missing); err != nil {
			rows.Close()
			return err
		}
		c.RegionCode, c.Level = nullable(code), nullable(level)
		if built.Valid {
			c.Built = record.Int(int(built.Int64))
		}
		if err := json.Unmarshal([]byte(missing), &c.Missing); err != nil {
			rows.Close()
			return err
		}
		fields, keep := f.lookup(KindCoverage, c.Region, c.Quote)
		if !keep {
			continue
		}
		if v, ok := fields[FieldValue]; ok {
			c.Built = atoi(v)
		}
		if v, ok := fields[FieldLevel]; ok {
			c.Level = record.Str(v)
		}
		if v, ok := fields[FieldRegion]; ok {
			c.Region, c.RegionCode = v, f.code(v)
		}
		if v, ok := fields[FieldMissing]; ok {
			c.Missing = splitList(v)
		}
		ex.Coverage = append(ex.Coverage, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = s.db.QueryContext(ctx, `SELECT center_text, start_date, end_date, quote, span_start, span_end
		FROM activities WHERE document_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a record.Activity
		var start, end sql.NullString
		if err := rows.Scan(&a.Center, &start, &end, &a.Quote, &a.Span[0], &a.Span[1]); err != nil {
			return err
		}
		a.Start, a.End = nullable(start), nullable(end)
		fields, keep := f.lookup(KindActivity, a.Center, a.Quote)
		if !keep {
			continue
		}
		if v, ok := fields[FieldDate]; ok {
			a.Start = record.Str(v)
		}
		ex.Activities = append(ex.Activities, a)
	}
	return rows.Err()
}

// added appends the records reviewers added to the document (and did not
// delete again), in the order added.
func (f *docFactReader) added(ex *record.Extraction) {
	for _, kind := range []string{KindCount, KindCenter, KindCoverage, KindActivity} {
		for _, c := range f.set.Added(kind) {
			fields := addedFields(c, f.set.Lookup(c.Doc, c.Kind, c.Key))
			ev := record.Evidence{Quote: c.Quote, Span: c.Span}
			switch kind {
			case KindCount:
				n := atoi(fields[FieldValue])
				if n == nil {
					continue
				}
				ex.Counts = append(ex.Counts, record.Count{Region: fields[FieldRegion], RegionCode: f.code(fields[FieldRegion]),
					Level: record.Str(fields[FieldLevel]), Subject: "质控中心", Value: *n, Qualifier: "exact", AsOf: record.Str(fields[FieldDate]), Evidence: ev})
			case KindCenter:
				ex.Centers = append(ex.Centers, record.Center{Name: fields["name"], Source: "text", Level: record.Str(fields[FieldLevel]),
					Region: record.Str(fields[FieldRegion]), RegionCode: f.code(fields[FieldRegion]), Established: record.Str(fields[FieldDate]), Evidence: ev})
			case KindCoverage:
				ex.Coverage = append(ex.Coverage, record.Coverage{Region: fields[FieldRegion], RegionCode: f.code(fields[FieldRegion]),
					Level: record.Str(fields[FieldLevel]), Built: atoi(fields[FieldValue]), Missing: splitList(fields[FieldMissing]), Evidence: ev})
			case KindActivity:
				ex.Activities = append(ex.Activities, record.Activity{Center: fields["name"], Start: record.Str(fields[FieldDate]), Evidence: ev})
			}
		}
	}
}

// ReplaceDocumentFindings replaces a document's findings of these kinds
// (those its checks against itself make) with fs, in one transaction; its
// findings of other kinds stay. A finding that still stands keeps its id,
// and so its review.
func (s *Store) ReplaceDocumentFindings(ctx context.Context, sha string, kinds []string, fs []record.Finding) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save findings of %s: %w", sha, err)
	}
	defer tx.Rollback()
	var docID int64
	if err := tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE sha256 = ?", sha).Scan(&docID); err != nil {
		return fmt.Errorf("store: save findings of %s: %w", sha, err)
	}
	keep := map[string]bool{}
	for _, f := range fs {
		keep[f.ID] = true
	}
	w := newWriter(ctx, tx, record.References{})
	for _, kind := range kinds {
		rows, err := tx.QueryContext(ctx, "SELECT id FROM findings WHERE document_id = ? AND kind = ?", docID, kind)
		if err != nil {
			return fmt.Errorf("store: save findings of %s: %w", sha, err)
		}
		var gone []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store: save findings of %s: %w", sha, err)
			}
			if !keep[id] {
				gone = append(gone, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: save findings of %s: %w", sha, err)
		}
		for _, id := range gone {
			w.exec("DELETE FROM findings WHERE id = ?", id)
		}
	}
	for _, f := range fs {
		// an update, not a replace: the finding's review stays with it
		w.exec(`INSERT INTO findings(id, document_id, kind, severity, subject, message) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET document_id = excluded.document_id, kind = excluded.kind, severity = excluded.severity,
			subject = excluded.subject, message = excluded.message`, f.ID, docID, f.Kind, f.Severity, nullStr(f.Subject), f.Message)
		w.exec("DELETE FROM finding_refs WHERE finding_id = ?", f.ID)
		for i, r := range f.Refs {
			w.exec("INSERT INTO finding_refs(finding_id, position, document_sha256, quote, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)",
				f.ID, i, r.Doc, r.Quote, r.Span[0], r.Span[1])
		}
	}
	if w.err != nil {
		return fmt.Errorf("store: save findings of %s: %w", sha, w.err)
	}
	return tx.Commit()
}
