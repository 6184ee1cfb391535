package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"qcweave/record"
)

// provenance writes a record's confidence, rule and boxes (JSON) into the
// row id of table (one of the tables of records).
func (w *writer) provenance(table string, id int64, e record.Evidence) {
	var boxes any
	if len(e.Boxes) > 0 {
		b, err := json.Marshal(e.Boxes)
		if err != nil {
			if w.err == nil {
				w.err = fmt.Errorf("store: boxes: %w", err)
			}
			return
		}
		boxes = string(b)
	}
	w.exec("UPDATE "+table+" SET confidence = ?, rule = ?, boxes = ? WHERE id = ?", e.Confidence, nullStr(e.Rule), boxes, id)
}

// documentFields writes the provenance of a document's fields, in the
// order of their names.
func (w *writer) documentFields(docID int64, fields map[string]record.FieldEvidence) {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		f := fields[k]
		var ss, se any
		if f.Span != nil {
			ss, se = f.Span[0], f.Span[1]
		}
		w.exec("INSERT INTO document_fields(document_id, field, confidence, rule, quote, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
			docID, k, f.Confidence, nullStr(f.Rule), nullStr(f.Quote), ss, se)
	}
}

// DocumentFields returns the provenance of the fields of the document
// with the given sha256 (confidence, rule, quote, span), by field name.
func (s *Store) DocumentFields(ctx context.Context, sha string) (map[string]record.FieldEvidence, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.field, COALESCE(f.confidence, 0), COALESCE(f.rule, ''), COALESCE(f.quote, ''), f.span_start, f.span_end
		FROM document_fields f JOIN documents d ON d.id = f.document_id WHERE d.sha256 = ? ORDER BY f.field`, sha)
	if err != nil {
		return nil, fmt.Errorf("store: document fields: %w", err)
	}
	defer rows.Close()
	out := map[string]record.FieldEvidence{}
	for rows.Next() {
		var name string
		var f record.FieldEvidence
		var ss, se *int
		if err := rows.Scan(&name, &f.Confidence, &f.Rule, &f.Quote, &ss, &se); err != nil {
			return nil, fmt.Errorf("store: document fields: %w", err)
		}
		if ss != nil && se != nil {
			f.Span = &record.Span{*ss, *se}
		}
		out[name] = f
	}
	return out, rows.Err()
}

// documentParts writes the parts of a 公文 the layout found, in reading
// order.
func (w *writer) documentParts(docID int64, parts []record.Part) {
	for i, p := range parts {
		var ss, se any
		if p.Span != nil {
			ss, se = p.Span[0], p.Span[1]
		}
		w.exec("INSERT INTO document_parts(document_id, position, role, page, text, span_start, span_end, side) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			docID, i, p.Role, p.Page, p.Text, ss, se, nullStr(p.Side))
	}
}

// DocumentParts returns the parts of a 公文 (GB/T 9704 roles) found in the
// document with the given sha256, in reading order.
func (s *Store) DocumentParts(ctx context.Context, sha string) ([]record.Part, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.role, COALESCE(p.page, 0), p.text, p.span_start, p.span_end, COALESCE(p.side, '')
		FROM document_parts p JOIN documents d ON d.id = p.document_id WHERE d.sha256 = ? ORDER BY p.position`, sha)
	if err != nil {
		return nil, fmt.Errorf("store: document parts: %w", err)
	}
	defer rows.Close()
	var out []record.Part
	for rows.Next() {
		var p record.Part
		var ss, se *int
		if err := rows.Scan(&p.Role, &p.Page, &p.Text, &ss, &se, &p.Side); err != nil {
			return nil, fmt.Errorf("store: document parts: %w", err)
		}
		if ss != nil && se != nil {
			p.Span = &record.Span{*ss, *se}
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
