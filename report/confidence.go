package report

import (
	"context"
	"database/sql"
	"fmt"
)

// LowConfidence is the confidence under which the report marks a record
// for checking: the reliability table of make eval shows records below it
// confirmed clearly less often than those above.
const LowConfidence = 0.7

// maxLow bounds the low-confidence records the report lists.
const maxLow = 300

// ConfidenceView is how sure the extraction is of the store's records:
// how many fall in each band, and the least sure ones to check.
type ConfidenceView struct {
	// Below is the confidence under which a record is marked (LowConfidence)
	Below float64
	Bands []Band
	// Low are the records under LowConfidence, least sure first; NLow is
	// how many there are in all.
	Low  []LowRecord
	NLow int
}

// Band is a range of confidence and how many records fall in it.
type Band struct {
	Label string
	N     int
	Low   bool
}

// LowRecord is one record the reader should check.
type LowRecord struct {
	Kind, Name, Rule, Quote, Doc, Title string
	Confidence                          string
}

// the records of current documents, with their confidence, as one table
const recordsSQL = `SELECT 'count' AS kind, c.region_text || ' ' || c.value AS name, c.confidence, c.rule, c.quote, c.document_id FROM counts c
	UNION ALL SELECT 'center', m.name, m.confidence, m.rule, m.quote, m.document_id FROM center_mentions m
	UNION ALL SELECT 'coverage', v.region_text, v.confidence, v.rule, v.quote, v.document_id FROM coverage v
	UNION ALL SELECT 'activity', a.center_text || ' ' || COALESCE(a.start_date, ''), a.confidence, a.rule, a.quote, a.document_id FROM activities a`

// kindNames are the Chinese names of the kinds of records.
var kindNames = map[string]string{"count": "数量", "center": "质控中心", "coverage": "组建情况", "activity": "活动"}

// collectConfidence reads the bands and the low-confidence records.
func (d *Data) collectConfidence(ctx context.Context, db *sql.DB) error {
	bands := []Band{{Label: "< 0.5", Low: true}, {Label: "0.5–0.7", Low: true}, {Label: "0.7–0.9"}, {Label: "≥ 0.9"}, {Label: "未给出"}}
	err := each(ctx, db, `SELECT CASE WHEN r.confidence IS NULL THEN 4 WHEN r.confidence < 0.5 THEN 0 WHEN r.confidence < ? THEN 1
		WHEN r.confidence < 0.9 THEN 2 ELSE 3 END AS band, count(*)
		FROM (`+recordsSQL+`) r JOIN documents d ON d.id = r.document_id WHERE d.superseded_by IS NULL GROUP BY band ORDER BY band`,
		func(r *sql.Rows) error {
			var b, n int
			if err := r.Scan(&b, &n); err != nil {
				return err
			}
			bands[b].N = n
			if bands[b].Low {
				d.Confidence.NLow += n
			}
			return nil
		}, LowConfidence)
	if err != nil {
		return err
	}
	if bands[4].N == 0 {
		bands = bands[:4]
	}
	d.Confidence.Bands = bands
	d.Confidence.Below = LowConfidence
	return each(ctx, db, `SELECT r.kind, r.name, r.confidence, COALESCE(r.rule, ''), r.quote, d.sha256, COALESCE(d.title, '')
		FROM (`+recordsSQL+`) r JOIN documents d ON d.id = r.document_id
		WHERE d.superseded_by IS NULL AND r.confidence < ?
		ORDER BY r.confidence, d.sha256, r.kind, r.name LIMIT ?`, func(r *sql.Rows) error {
		var x LowRecord
		var conf float64
		if err := r.Scan(&x.Kind, &x.Name, &conf, &x.Rule, &x.Quote, &x.Doc, &x.Title); err != nil {
			return err
		}
		x.Kind = kindNames[x.Kind]
		x.Confidence = fmt.Sprintf("%.2f", conf)
		d.Confidence.Low = append(d.Confidence.Low, x)
		return nil
	}, LowConfidence, maxLow)
}
