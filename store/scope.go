package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"qcweave/record"
)

// Scope is a set of facts that findings across documents are about: the
// counts of a region and level, the mentions of a center. Checking a
// scope reads only its facts, so that a new document is checked against
// what the store knows about its facts, not against the whole store.
type Scope struct {
	Counts  []CountKey
	Centers []string // center keys
}

// CountKey is the scope of the counts of one region and level.
type CountKey struct{ RegionCode, Level string }

// String is the scope a finding about these counts is stored with.
func (k CountKey) String() string { return "count|" + k.RegionCode + "|" + k.Level }

// CenterScope is the scope a finding about a center is stored with.
func CenterScope(key string) string { return "center|" + key }

// ScopedFinding is a finding across documents with its scope.
type ScopedFinding struct {
	record.Finding
	Scope string
}

// Empty reports whether the scope holds no facts.
func (sc Scope) Empty() bool { return len(sc.Counts) == 0 && len(sc.Centers) == 0 }

// ScopeOf returns the facts of the documents with these content hashes,
// of the documents they supersede (whose facts leave the current ones)
// and of the findings across documents that quote them.
func (s *Store) ScopeOf(ctx context.Context, shas []string) (Scope, error) {
	var sc Scope
	seenC, seenK := map[CountKey]bool{}, map[string]bool{}
	fc, err := s.loadFactCorrections(ctx)
	if err != nil {
		return sc, err
	}
	for _, sha := range shas {
		docs := `SELECT id FROM documents WHERE sha256 = ?1 UNION SELECT o.id FROM documents o JOIN documents d ON o.superseded_by = d.id WHERE d.sha256 = ?1`
		rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT region_code, COALESCE(level, '') FROM counts WHERE region_code IS NOT NULL AND document_id IN (`+docs+`)`, sha)
		if err != nil {
			return sc, fmt.Errorf("store: scope: %w", err)
		}
		for rows.Next() {
			var k CountKey
			if err := rows.Scan(&k.RegionCode, &k.Level); err != nil {
				rows.Close()
				return sc, fmt.Errorf("store: scope: %w", err)
			}
			if !seenC[k] {
				seenC[k] = true
				sc.Counts = append(sc.Counts, k)
			}
		}
		rows.Close()
		rows, err = s.db.QueryContext(ctx, `SELECT DISTINCT ce.key FROM center_mentions m JOIN centers ce ON ce.id = m.center_id WHERE m.document_id IN (`+docs+`)`, sha)
		if err != nil {
			return sc, fmt.Errorf("store: scope: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return sc, fmt.Errorf("store: scope: %w", err)
			}
			if !seenK[k] {
				seenK[k] = true
				sc.Centers = append(sc.Centers, k)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return sc, fmt.Errorf("store: scope: %w", err)
		}
		// the facts of findings that quote the document: a re-extraction
		// may have moved its facts elsewhere
		rows, err = s.db.QueryContext(ctx, `SELECT DISTINCT f.scope FROM findings f JOIN finding_refs r ON r.finding_id = f.id
			WHERE f.document_id IS NULL AND f.scope IS NOT NULL AND r.document_sha256 = ?`, sha)
		if err != nil {
			return sc, fmt.Errorf("store: scope: %w", err)
		}
		for rows.Next() {
			var scope string
			if err := rows.Scan(&scope); err != nil {
				rows.Close()
				return sc, fmt.Errorf("store: scope: %w", err)
			}
			if key, ok := strings.CutPrefix(scope, "center|"); ok && !seenK[key] {
				seenK[key] = true
				sc.Centers = append(sc.Centers, key)
			} else if rest, ok := strings.CutPrefix(scope, "count|"); ok {
				if code, level, ok := strings.Cut(rest, "|"); ok && !seenC[CountKey{code, level}] {
					seenC[CountKey{code, level}] = true
					sc.Counts = append(sc.Counts, CountKey{code, level})
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return sc, fmt.Errorf("store: scope: %w", err)
		}
	}
	// where reviewers moved the documents' counts to (another region or level)
	fc.correctScopeKeys(shas, func(k CountKey) {
		if !seenC[k] {
			seenC[k] = true
			sc.Counts = append(sc.Counts, k)
		}
	})
	return sc, nil
}

// CountsIn returns the counts of current documents in the scope's
// regions and levels, ordered like Counts, with reviewers' corrections
// applied (a count they moved to another region or level is read there).
func (s *Store) CountsIn(ctx context.Context, keys []CountKey) ([]CountFact, error) {
	fc, err := s.loadFactCorrections(ctx)
	if err != nil {
		return nil, err
	}
	var out []CountFact
	for _, k := range keys {
		rows, err := s.db.QueryContext(ctx, `SELECT d.sha256, COALESCE(d.doc_date, d.period_end, ''), c.region_text, c.region_code,
			COALESCE(c.level, ''), c.subject, COALESCE(c.as_of, d.doc_date, d.period_end, ''), c.value, c.quote, c.span_start, c.span_end
			FROM counts c JOIN documents d ON d.id = c.document_id
			WHERE d.superseded_by IS NULL AND c.region_code = ? AND COALESCE(c.level, '') = ?
			ORDER BY c.subject, 7, d.sha256, c.span_start`, k.RegionCode, k.Level)
		if err != nil {
			return nil, fmt.Errorf("store: counts: %w", err)
		}
		for rows.Next() {
			var c CountFact
			if err := rows.Scan(&c.Doc, &c.Date, &c.Region, &c.RegionCode, &c.Level, &c.Subject, &c.AsOf, &c.Value, &c.Quote, &c.Span[0], &c.Span[1]); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: counts: %w", err)
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: counts: %w", err)
		}
	}
	in := map[CountKey]bool{}
	for _, k := range keys {
		in[k] = true
	}
	return fc.countsInScope(out, in), nil
}

// EachCenterHostsIn is EachCenterHosts for the centers with these keys.
func (s *Store) EachCenterHostsIn(ctx context.Context, keys []string, fn func([]HostFact) error) error {
	fc, err := s.loadFactCorrections(ctx)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := s.eachCenterHosts(ctx, fc, "AND ce.key = ?", []any{k}, fn); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceScopedFindings replaces the findings across documents of the
// scope (nil: all of them) with fs, in one transaction.
func (s *Store) ReplaceScopedFindings(ctx context.Context, scope *Scope, fs []ScopedFinding) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save findings: %w", err)
	}
	defer tx.Rollback()
	w := newWriter(ctx, tx, record.References{})
	if scope == nil {
		w.exec("DELETE FROM findings WHERE document_id IS NULL")
	} else {
		for _, k := range scope.Counts {
			w.exec("DELETE FROM findings WHERE document_id IS NULL AND scope = ?", k.String())
		}
		for _, k := range scope.Centers {
			w.exec("DELETE FROM findings WHERE document_id IS NULL AND scope = ?", CenterScope(k))
		}
	}
	for _, f := range fs {
		w.saveFinding(f.Finding, nil)
		w.exec("UPDATE findings SET scope = ? WHERE id = ?", nullStr(f.Scope), f.ID)
	}
	if w.err != nil {
		return fmt.Errorf("store: save findings: %w", w.err)
	}
	return tx.Commit()
}

// UnscopedFindings reports whether the store holds findings across
// documents without a scope (from a qcweave before scopes): those are
// replaced only by a check of the whole store.
func (s *Store) UnscopedFindings(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM findings WHERE document_id IS NULL AND scope IS NULL LIMIT 1)").Scan(&n)
	if err != nil && err != sql.ErrNoRows {
		return false, fmt.Errorf("store: findings: %w", err)
	}
	return n > 0, nil
}
