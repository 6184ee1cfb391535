package store

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// SearchHit is a document whose text contains the query.
type SearchHit struct {
	ID    int64
	Doc   string // sha256
	Title string
}

// SearchPage is one page of hits, newest documents first.
type SearchPage struct {
	Hits []SearchHit
	// More is set when there may be more hits before After (the row id to
	// continue from).
	More  bool
	After int64
	// Scanned is set when the text was scanned rather than looked up in
	// the index (queries of one or two characters, which a trigram index
	// cannot answer; or a store without the index).
	Scanned bool
}

// scanChunk and scanBudget bound a scan: documents are read a chunk of
// row ids at a time until the page is full or the budget is spent, and
// the page says where to continue.
const (
	scanChunk  = 4096
	scanBudget = 300 * time.Millisecond
)

// Search finds the documents whose normalized text contains q, newest
// first, at most limit of them, starting below row id after (0: from the
// newest). A query of three characters or more is answered by the
// trigram index; a shorter one by scanning the text.
func (s *Store) Search(ctx context.Context, q string, limit int, after int64) (SearchPage, error) {
	var p SearchPage
	if q == "" || limit <= 0 {
		return p, nil
	}
	if after <= 0 {
		after = math.MaxInt64
	}
	if s.fts && utf8.RuneCountInString(q) >= 3 {
		rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.sha256, COALESCE(d.title, '') FROM document_fts f JOIN documents d ON d.id = f.rowid
			WHERE document_fts MATCH ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`, `"`+strings.ReplaceAll(q, `"`, `""`)+`"`, after, limit+1)
		if err != nil {
			return p, fmt.Errorf("store: search: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var h SearchHit
			if err := rows.Scan(&h.ID, &h.Doc, &h.Title); err != nil {
				return p, fmt.Errorf("store: search: %w", err)
			}
			p.Hits = append(p.Hits, h)
		}
		if err := rows.Err(); err != nil {
			return p, fmt.Errorf("store: search: %w", err)
		}
		if len(p.Hits) > limit {
			p.Hits, p.More = p.Hits[:limit], true
			p.After = p.Hits[limit-1].ID
		}
		return p, nil
	}
	p.Scanned = true
	var top int64
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(max(document_id), 0) + 1 FROM document_text WHERE document_id < ?`, after).Scan(&top); err != nil {
		return p, fmt.Errorf("store: search: %w", err)
	}
	start := time.Now()
	for hi := top; hi > 0 && len(p.Hits) < limit; hi -= scanChunk {
		if time.Since(start) > scanBudget {
			p.More, p.After = true, hi
			return p, nil
		}
		lo := max(hi-scanChunk, 0)
		rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.sha256, COALESCE(d.title, '') FROM document_text t JOIN documents d ON d.id = t.document_id
			WHERE t.document_id < ? AND t.document_id >= ? AND instr(t.text, ?) > 0 ORDER BY t.document_id DESC LIMIT ?`, hi, lo, q, limit-len(p.Hits))
		if err != nil {
			return p, fmt.Errorf("store: search: %w", err)
		}
		for rows.Next() {
			var h SearchHit
			if err := rows.Scan(&h.ID, &h.Doc, &h.Title); err != nil {
				rows.Close()
				return p, fmt.Errorf("store: search: %w", err)
			}
			p.Hits = append(p.Hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return p, fmt.Errorf("store: search: %w", err)
		}
		if len(p.Hits) >= limit {
			p.More, p.After = true, p.Hits[len(p.Hits)-1].ID
		}
	}
	return p, nil
}
