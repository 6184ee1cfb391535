package serve

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"qcweave/store"
)

// Rec is one record of a document as the workbench shows it: its
// correctable fields with the reviewers' corrections applied.
type Rec struct {
	Kind, Key  string
	Anchor     string // id of its quote in the page
	Label      string // the name it is known by (region, center name)
	Fields     []FieldVal
	Extra      string // what else it says (qualifier, missing specialties, places)
	Link       string // the page of its center, if any
	Quote      string
	Start, End int // rune span in the normalized text
	Page       int
	Confidence float64
	HasConf    bool
	Boxes      [][5]float64
	Base       int64 // id of its latest correction (0: none), the base of the next
	Deleted    bool
	Added      bool
	Corrected  bool
	Last       store.Correction // latest correction, when Corrected
}

// FieldVal is a correctable field's value, and what extraction found when
// a reviewer changed it.
type FieldVal struct {
	Name, Value, Original string
	Corrected             bool
}

// recordSQL reads the records of one kind: the name column, the
// correctable fields in store.Fields order, a summary of the rest, quote,
// span, page, confidence and boxes (cols), from tables (from) whose
// records table is alias; region, level and date are the SQL of what a
// list of records is filtered by ("”" when the kind has none; date may
// use the documents table, d).
type recordSQL struct {
	cols, from, alias, order string
	region, level, date      string
}

// ofDocument is the query of a document's records (by id).
func (q recordSQL) ofDocument() string {
	return `SELECT ` + q.cols + ` FROM ` + q.from + ` WHERE ` + q.alias + `.document_id = ? ORDER BY ` + q.order
}

// list is the query of the records of current documents, newest document
// first, filtered by region code, level and date (” for any) and paged
// (limit, offset); each row starts with its document's sha256 and title.
func (q recordSQL) list() string {
	return `SELECT d.sha256, COALESCE(d.title, ''), ` + q.cols + ` FROM ` + q.from + ` JOIN documents d ON d.id = ` + q.alias + `.document_id
		WHERE d.superseded_by IS NULL AND (?1 = '' OR ` + q.region + ` = ?1) AND (?2 = '' OR ` + q.level + ` = ?2) AND (?3 = '' OR ` + q.date + ` = ?3)
		ORDER BY d.id DESC, ` + q.order + ` LIMIT ?4 OFFSET ?5`
}

// recordQueries are the queries of each kind of record.
func (s *Server) recordQueries() map[string]recordSQL {
	c := s.cols
	return map[string]recordSQL{
		store.KindCount: {cols: `c.region_text, CAST(c.value AS TEXT), COALESCE(c.as_of, ''), COALESCE(c.level, ''), c.region_text,
			c.subject || ' ' || c.qualifier, '', c.quote, c.span_start, c.span_end, COALESCE(c.page, 0), ` + c.confExpr("counts", "c") + `, ` + c.boxesExpr("counts", "c"),
			from: `counts c`, alias: "c", order: `c.span_start, c.id`,
			region: `c.region_code`, level: `COALESCE(c.level, '')`, date: `COALESCE(c.as_of, d.doc_date, d.period_end)`},
		store.KindCenter: {cols: `m.name,
			COALESCE((SELECT group_concat(name, '、') FROM (SELECT i.name FROM center_hosts h JOIN institutions i ON i.id = h.institution_id WHERE h.mention_id = m.id ORDER BY h.position)), ''),
			COALESCE(m.established, ''), COALESCE(ce.level, ''), COALESCE(ce.region_text, ''),
			CASE m.source WHEN 'table' THEN '表格' ELSE '正文' END, '/center/' || ce.id, m.quote, m.span_start, m.span_end, COALESCE(m.page, 0), ` + c.confExpr("center_mentions", "m") + `, ` + c.boxesExpr("center_mentions", "m"),
			from: `center_mentions m JOIN centers ce ON ce.id = m.center_id`, alias: "m", order: `m.span_start, m.id`,
			region: `ce.region_code`, level: `COALESCE(ce.level, '')`, date: `''`},
		store.KindCoverage: {cols: `c.region_text, COALESCE(CAST(c.built AS TEXT), ''), COALESCE(c.level, ''), c.region_text,
			COALESCE((SELECT group_concat(specialty_text, '、') FROM (SELECT specialty_text FROM coverage_missing m WHERE m.coverage_id = c.id ORDER BY position)), ''),
			'', '', c.quote, c.span_start, c.span_end, COALESCE(c.page, 0), ` + c.confExpr("coverage", "c") + `, ` + c.boxesExpr("coverage", "c"),
			from: `coverage c`, alias: "c", order: `c.span_start, c.id`,
			region: `c.region_code`, level: `COALESCE(c.level, '')`, date: `''`},
		store.KindActivity: {cols: `a.center_text, COALESCE(a.start_date, ''),
			COALESCE(a.end_date, '') || ' ' || COALESCE((SELECT group_concat(place, '、') FROM (SELECT place FROM activity_places p WHERE p.activity_id = a.id ORDER BY position)), ''),
			CASE WHEN a.center_id IS NULL THEN '' ELSE '/center/' || a.center_id END, a.quote, a.span_start, a.span_end, COALESCE(a.page, 0), ` + c.confExpr("activities", "a") + `, ` + c.boxesExpr("activities", "a"),
			from: `activities a`, alias: "a", order: `a.span_start, a.id`,
			region: `''`, level: `''`, date: `COALESCE(a.start_date, '')`},
	}
}

// scanRec reads a record of kind from a row of recordSQL's columns, after
// the destinations of what comes before them (pre).
func scanRec(rows *sql.Rows, kind string, pre ...any) (Rec, error) {
	fields := store.Fields(kind)
	vals := make([]string, len(fields))
	var r Rec
	var conf sql.NullFloat64
	var boxes sql.NullString
	dest := append(pre, &r.Label)
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	dest = append(dest, &r.Extra, &r.Link, &r.Quote, &r.Start, &r.End, &r.Page, &conf, &boxes)
	if err := rows.Scan(dest...); err != nil {
		return r, fmt.Errorf("serve: %s records: %w", kind, err)
	}
	r.Kind = kind
	r.Key = store.RecordKey(r.Label, r.Quote)
	r.Confidence, r.HasConf = conf.Float64, conf.Valid
	if boxes.Valid && boxes.String != "" {
		json.Unmarshal([]byte(boxes.String), &r.Boxes) // boxes that do not parse are not drawn
	}
	for i, f := range fields {
		r.Fields = append(r.Fields, FieldVal{Name: f, Value: vals[i], Original: vals[i]})
	}
	return r, nil
}

// kindOrder is the order of kinds in a document's list.
var kindOrder = []string{store.KindCount, store.KindCenter, store.KindCoverage, store.KindActivity}

// correctedRecords reads a document's records with the reviewers'
// corrections as they stand now (see docRecords).
func (s *Server) correctedRecords(ctx context.Context, docID int64, sha string) ([]Rec, error) {
	set, err := store.LoadCorrections(ctx, s.st.DB())
	if err != nil {
		return nil, err
	}
	return s.docRecords(ctx, docID, sha, set)
}

// docRecords reads a document's records with the corrections applied,
// ordered by where their quotes start; deleted ones are kept, marked.
func (s *Server) docRecords(ctx context.Context, docID int64, sha string, set *store.CorrectionSet) ([]Rec, error) {
	var out []Rec
	qs := s.recordQueries()
	for _, kind := range kindOrder {
		rows, err := s.st.DB().QueryContext(ctx, qs[kind].ofDocument(), docID)
		if err != nil {
			return nil, fmt.Errorf("serve: %s records: %w", kind, err)
		}
		for rows.Next() {
			r, err := scanRec(rows, kind)
			if err != nil {
				rows.Close()
				return nil, err
			}
			applyCorrections(&r, set.Lookup(sha, kind, r.Key))
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("serve: %s records: %w", kind, err)
		}
		for _, a := range set.Added(kind) {
			if a.Doc != sha {
				continue
			}
			r := addedRec(a)
			applyCorrections(&r, set.Lookup(sha, kind, r.Key))
			r.Added = true
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		out[i].Anchor = "q" + strconv.Itoa(i)
	}
	return out, nil
}

// applyCorrections puts the corrected values into a record.
func applyCorrections(r *Rec, a *store.Applied) {
	if a == nil {
		return
	}
	r.Base = a.Latest
	if !a.Corrected() {
		return
	}
	r.Corrected = true
	r.Last = a.Last()
	r.Deleted = a.Deleted != nil
	for i, f := range r.Fields {
		if c, ok := a.Fields[f.Name]; ok {
			r.Fields[i].Value = c.After
			r.Fields[i].Corrected = true
		}
	}
}

// addedRec is a record a reviewer added: its fields are JSON by field name.
func addedRec(c store.Correction) Rec {
	var fields map[string]string
	json.Unmarshal([]byte(c.After), &fields) // written by add: a map of strings
	r := Rec{Kind: c.Kind, Key: c.Key, Quote: c.Quote, Start: c.Span[0], End: c.Span[1], Label: fields["name"], Extra: "人工添加"}
	for _, f := range store.Fields(c.Kind) {
		r.Fields = append(r.Fields, FieldVal{Name: f, Value: fields[f]})
	}
	return r
}

// summary is a one-line description of a record's fields.
func (r Rec) Summary() string {
	var parts []string
	for _, f := range r.Fields {
		if f.Value != "" && !(f.Name == store.FieldRegion && f.Value == r.Label) {
			parts = append(parts, f.Value)
		}
	}
	if e := strings.TrimSpace(r.Extra); e != "" {
		parts = append(parts, e)
	}
	return strings.Join(parts, " · ")
}
