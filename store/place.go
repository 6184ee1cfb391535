package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"qcweave/internal/oneline"
	"qcweave/record"
)

// Place is where a quote lies, told for a person: the document's file
// name and title, the page (0 when unknown) and the line of the stored
// text (document_text, 1-based) where the quote starts.
type Place struct {
	File, Title string
	Page, Line  int
}

// String is "FILE《TITLE》, p. 3, line 41", the title cut to 24
// characters.
func (p Place) String() string {
	var b strings.Builder
	b.WriteString(oneline.Path(p.File))
	if t := []rune(p.Title); len(t) > 0 {
		if len(t) > 24 {
			t = append(t[:23], '…')
		}
		b.WriteString("《" + string(t) + "》")
	}
	if p.Page > 0 {
		fmt.Fprintf(&b, ", p. %d", p.Page)
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, ", line %d", p.Line)
	}
	return b.String()
}

// Places returns the place of each ref, reading each document's text
// once. A ref to a document the store does not hold gets an empty Place.
func (s *Store) Places(ctx context.Context, refs []record.Ref) ([]Place, error) {
	type docInfo struct {
		id          int64
		file, title string
		lineStarts  []int // rune offset of the start of each line
		ok          bool
	}
	docs := map[string]*docInfo{}
	out := make([]Place, len(refs))
	for i, r := range refs {
		d, seen := docs[r.Doc]
		if !seen {
			d = &docInfo{}
			docs[r.Doc] = d
			var path, title sql.NullString
			var text string
			err := s.db.QueryRowContext(ctx, `SELECT d.id, d.path, d.title, COALESCE(t.text, '') FROM documents d
				LEFT JOIN document_text t ON t.document_id = d.id WHERE d.sha256 = ?`, r.Doc).Scan(&d.id, &path, &title, &text)
			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return nil, fmt.Errorf("store: place of %s: %w", r.Doc, err)
			default:
				d.ok, d.title = true, title.String
				if path.String != "" {
					d.file = filepath.Base(path.String)
				}
				d.lineStarts = lineStarts(text)
			}
		}
		if !d.ok {
			continue
		}
		p := Place{File: d.file, Title: d.title, Line: lineOf(d.lineStarts, r.Span[0])}
		var err error
		if p.Page, err = s.pageOf(ctx, d.id, r.Span); err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// pageOf returns the page of the record of document id whose span holds
// span, or 0.
func (s *Store) pageOf(ctx context.Context, id int64, span record.Span) (int, error) {
	var page sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT page FROM (
		SELECT page, span_start, span_end FROM coverage WHERE document_id = ?1
		UNION ALL SELECT page, span_start, span_end FROM counts WHERE document_id = ?1
		UNION ALL SELECT page, span_start, span_end FROM center_mentions WHERE document_id = ?1
		UNION ALL SELECT page, span_start, span_end FROM activities WHERE document_id = ?1)
		WHERE page > 0 AND span_start <= ?2 AND span_end >= ?3 ORDER BY span_end - span_start LIMIT 1`, id, span[0], span[1]).Scan(&page)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: page: %w", err)
	}
	return int(page.Int64), nil
}

// lineStarts returns the rune offset at which each line of text starts.
func lineStarts(text string) []int {
	starts := []int{0}
	i := 0
	for _, c := range text {
		i++
		if c == '\n' {
			starts = append(starts, i)
		}
	}
	return starts
}

// lineOf returns the 1-based line holding rune offset off.
func lineOf(starts []int, off int) int {
	lo, hi := 0, len(starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// Mention returns a ref to the line of document doc's stored text where
// the first of names that it holds first occurs (the line as its quote,
// the name as its span), or an empty ref when it holds none of them.
func (s *Store) Mention(ctx context.Context, doc string, names []string) (record.Ref, error) {
	var text string
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(t.text, '') FROM documents d
		JOIN document_text t ON t.document_id = d.id WHERE d.sha256 = ?`, doc).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return record.Ref{}, nil
	}
	if err != nil {
		return record.Ref{}, fmt.Errorf("store: mention in %s: %w", doc, err)
	}
	for _, name := range names {
		i := strings.Index(text, name)
		if name == "" || i < 0 {
			continue
		}
		start := strings.LastIndexByte(text[:i], '\n') + 1
		end := len(text)
		if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
			end = i + j
		}
		at := utf8.RuneCountInString(text[:i])
		return record.Ref{Doc: doc, Quote: text[start:end], Span: record.Span{at, at + utf8.RuneCountInString(name)}}, nil
	}
	return record.Ref{}, nil
}

// FindDocuments returns the sha256 of the documents that q names: a path,
// a file name or part of one, a prefix of the sha256 (at least 6
// characters), or words of the title.
func (s *Store) FindDocuments(ctx context.Context, q string) ([]string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sha256 FROM documents
		WHERE path = ?1 OR path LIKE '%/' || ?1 ESCAPE '\' OR instr(replace(path, rtrim(path, replace(path, '/', '')), ''), ?1) > 0
			OR (length(?1) >= 6 AND sha256 LIKE ?1 || '%') OR instr(COALESCE(title, ''), ?1) > 0
		ORDER BY sha256`, q)
	if err != nil {
		return nil, fmt.Errorf("store: find documents: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sha string
		if err := rows.Scan(&sha); err != nil {
			return nil, fmt.Errorf("store: find documents: %w", err)
		}
		out = append(out, sha)
	}
	return out, rows.Err()
}
