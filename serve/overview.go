package serve

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"time"

	"qcweave/internal/svgchart"
	"qcweave/store"
)

// overviewData is what the overview shows.
type overviewData struct {
	Summary  store.Summary
	Kinds    []kindCount
	Series   []series
	Matrix   store.Matrix
	Docs     []docRow
	Unmatch  int
	NCorrect int
	Stale    bool // the store changed since; a new overview is being computed
}

type kindCount struct {
	Kind, Severity string
	N              int
}

type series struct {
	Region, Code, Level string
	Points              []point
	SVG                 template.HTML
}

type point struct {
	Date, Doc string
	Value     int
}

// overviewCache keeps the overview of one state of the store: its numbers
// are aggregates over every record, and the store changes far less often
// than it is looked at.
type overviewCache struct {
	mu   sync.Mutex
	key  string
	data *overviewData
	busy bool // a refresh is running
}

// maxSeries and maxRecentDocs bound the overview on a large store.
const (
	maxSeries     = 36
	maxRecentDocs = 20
)

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	d, err := s.overviewData(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, "overview", "总览", d)
}

// stateKey changes whenever a document, a correction or a review is
// written (a document written again gets a new row id).
func (s *Server) stateKey(ctx context.Context) (string, error) {
	var a, b, c, d, e sql.NullInt64
	err := s.st.DB().QueryRowContext(ctx, `SELECT (SELECT max(id) FROM documents), (SELECT count(*) FROM documents),
		(SELECT max(id) FROM corrections), (SELECT count(*) FROM acks), (SELECT count(*) FROM finding_reviews)`).Scan(&a, &b, &c, &d, &e)
	if err != nil {
		return "", fmt.Errorf("serve: state: %w", err)
	}
	var f sql.NullString
	if err := s.st.DB().QueryRowContext(ctx, `SELECT group_concat(at, ',') FROM (SELECT at FROM finding_reviews ORDER BY at DESC LIMIT 1)`).Scan(&f); err != nil {
		return "", fmt.Errorf("serve: state: %w", err)
	}
	return fmt.Sprint(a.Int64, b.Int64, c.Int64, d.Int64, e.Int64, f.String), nil
}

func (s *Server) overviewData(ctx context.Context) (*overviewData, error) {
	key, err := s.stateKey(ctx)
	if err != nil {
		return nil, err
	}
	s.ovc.mu.Lock()
	d, cur := s.ovc.data, s.ovc.key
	if d != nil && cur == key {
		s.ovc.mu.Unlock()
		return d, nil
	}
	if d != nil {
		// the store changed: the last overview is shown, marked, while a
		// new one is computed in the background (its aggregates take
		// seconds on a store of 100,000 documents)
		if !s.ovc.busy {
			s.ovc.busy = true
			go s.refreshOverview(key)
		}
		s.ovc.mu.Unlock()
		stale := *d
		stale.Stale = true
		return &stale, nil
	}
	s.ovc.mu.Unlock()
	d, err = s.computeOverview(ctx)
	if err != nil {
		return nil, err
	}
	s.ovc.mu.Lock()
	s.ovc.key, s.ovc.data = key, d
	s.ovc.mu.Unlock()
	return d, nil
}

// Warm computes the overview, so that the first visitor of a large store
// does not wait for it.
func (s *Server) Warm(ctx context.Context) {
	if _, err := s.overviewData(ctx); err != nil && ctx.Err() == nil {
		s.opts.Log.Printf("serve: overview: %v", err)
	}
}

// refreshOverview computes the overview of the store's state key in the
// background.
func (s *Server) refreshOverview(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	d, err := s.computeOverview(ctx)
	s.ovc.mu.Lock()
	defer s.ovc.mu.Unlock()
	s.ovc.busy = false
	if err != nil {
		s.opts.Log.Printf("serve: overview: %v", err)
		return
	}
	s.ovc.key, s.ovc.data = key, d
}

// computeOverview aggregates the store for the overview.
func (s *Server) computeOverview(ctx context.Context) (*overviewData, error) {
	var err error
	d := &overviewData{}
	if d.Summary, err = s.st.Summarize(ctx); err != nil {
		return nil, err
	}
	db := s.st.DB()
	if err := each(ctx, db, `SELECT f.kind, f.severity, count(*) FROM findings f
		WHERE f.id NOT IN (SELECT finding_id FROM acks)
		AND (f.document_id IS NULL OR NOT EXISTS (SELECT 1 FROM documents sd WHERE sd.id = f.document_id AND sd.superseded_by IS NOT NULL))
		GROUP BY f.kind, f.severity ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.kind`, func(r *sql.Rows) error {
		var k kindCount
		if err := r.Scan(&k.Kind, &k.Severity, &k.N); err != nil {
			return err
		}
		d.Kinds = append(d.Kinds, k)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := d.collectSeries(ctx, db); err != nil {
		return nil, err
	}
	changes, err := s.st.CountChanges(ctx)
	if err != nil {
		return nil, err
	}
	if err := d.correctSeries(ctx, db, changes); err != nil {
		return nil, err
	}
	if d.Matrix, err = s.st.CoverageMatrix(ctx); err != nil {
		return nil, err
	}
	if d.Docs, err = s.docRows(ctx, "", 0, maxRecentDocs); err != nil {
		return nil, err
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM corrections`).Scan(&d.NCorrect); err != nil {
		return nil, fmt.Errorf("serve: corrections: %w", err)
	}
	un, err := s.st.UnmatchedCorrections(ctx)
	if err != nil {
		return nil, err
	}
	d.Unmatch = len(un)
	return d, nil
}

// collectSeries reads the counts per region and level over time: for
// each date, the greatest value stated and one document stating it.
// SQLite groups the rows; the regions with the most dates come first.
func (d *overviewData) collectSeries(ctx context.Context, db *sql.DB) error {
	idx := map[string]int{}
	err := each(ctx, db, `WITH g AS (
			SELECT c.region_code AS code, COALESCE(c.level, '') AS level, COALESCE(c.as_of, d.doc_date, d.period_end) AS date,
			       max(c.value) AS value, min(d.sha256) AS doc
			FROM counts c JOIN documents d ON d.id = c.document_id
			WHERE d.superseded_by IS NULL AND c.region_code IS NOT NULL AND COALESCE(c.as_of, d.doc_date, d.period_end) IS NOT NULL
			GROUP BY 1, 2, 3),
		top AS (SELECT code, level, count(*) AS n FROM g GROUP BY code, level ORDER BY n DESC, code, level LIMIT ?)
		SELECT COALESCE(r.name, g.code), g.code, g.level, g.date, g.value, g.doc
		FROM g JOIN top USING (code, level) LEFT JOIN regions r ON r.code = g.code
		ORDER BY top.n DESC, g.code, g.level, g.date`, func(r *sql.Rows) error {
		var region, code, level string
		var p point
		if err := r.Scan(&region, &code, &level, &p.Date, &p.Value, &p.Doc); err != nil {
			return err
		}
		k := code + "|" + level
		i, ok := idx[k]
		if !ok {
			i = len(d.Series)
			idx[k] = i
			d.Series = append(d.Series, series{Region: region, Code: code, Level: level})
		}
		d.Series[i].Points = append(d.Series[i].Points, p)
		return nil
	}, maxSeries)
	if err != nil {
		return err
	}
	for i := range d.Series {
		d.Series[i].SVG = chart(d.Series[i].Code, d.Series[i].Level, d.Series[i].Points)
	}
	return nil
}

// correctSeries applies the reviewers' corrections of counts to the
// series: each point a changed count was or now is at (its region, level
// and date) is computed again from the counts there, corrected (the
// greatest value; none when all were deleted or moved away).
func (d *overviewData) correctSeries(ctx context.Context, db *sql.DB, changes []store.CountChange) error {
	if len(changes) == 0 {
		return nil
	}
	type pointKey struct{ code, level, date string }
	redo := map[pointKey]bool{}
	changed := map[[2]string]bool{} // document and record key of the counts as extracted
	moved := map[pointKey][]store.CountFact{}
	for _, c := range changes {
		if b := c.Before; b != nil {
			changed[[2]string{b.Doc, store.RecordKey(b.Region, b.Quote)}] = true
			redo[pointKey{b.RegionCode, b.Level, b.AsOf}] = true
		}
		if a := c.After; a != nil && a.AsOf != "" {
			k := pointKey{a.RegionCode, a.Level, a.AsOf}
			redo[k] = true
			moved[k] = append(moved[k], *a)
		}
	}
	for i := range d.Series {
		sr := &d.Series[i]
		dates := map[string]bool{}
		for _, p := range sr.Points {
			dates[p.Date] = true
		}
		for k := range redo {
			if k.code == sr.Code && k.level == sr.Level && !dates[k.date] {
				sr.Points = append(sr.Points, point{Date: k.date})
			}
		}
		kept := sr.Points[:0]
		for _, p := range sr.Points {
			k := pointKey{sr.Code, sr.Level, p.Date}
			if !redo[k] {
				kept = append(kept, p)
				continue
			}
			best, found := 0, false
			take := func(v int, doc string) {
				if !found || v > best {
					best, found, p.Doc = v, true, doc
				}
			}
			err := each(ctx, db, `SELECT c.value, d.sha256, c.region_text, c.quote FROM counts c JOIN documents d ON d.id = c.document_id
				WHERE c.region_code = ? AND COALESCE(c.level, '') = ? AND COALESCE(c.as_of, d.doc_date, d.period_end) = ? AND d.superseded_by IS NULL`,
				func(r *sql.Rows) error {
					var v int
					var doc, region, quote string
					if err := r.Scan(&v, &doc, &region, &quote); err != nil {
						return err
					}
					if !changed[[2]string{doc, store.RecordKey(region, quote)}] {
						take(v, doc)
					}
					return nil
				}, sr.Code, sr.Level, p.Date)
			if err != nil {
				return err
			}
			for _, c := range moved[k] {
				take(c.Value, c.Doc)
			}
			if found {
				p.Value = best
				kept = append(kept, p)
			}
		}
		sr.Points = kept
		sort.SliceStable(sr.Points, func(a, b int) bool { return sr.Points[a].Date < sr.Points[b].Date })
		sr.SVG = chart(sr.Code, sr.Level, sr.Points)
	}
	return nil
}

// chart draws a small line chart of a region's counts at a level whose
// points link to the counts behind each value.
func chart(code, level string, ps []point) template.HTML {
	cps := make([]svgchart.Point, len(ps))
	for i, p := range ps {
		cps[i] = svgchart.Point{Date: p.Date, Value: p.Value, Href: "/records?" + url.Values{"kind": {store.KindCount}, "region": {code}, "level": {level}, "date": {p.Date}}.Encode()}
	}
	return svgchart.Line(cps, svgchart.Size{W: 240, H: 80, Pad: 16, Dot: 4})
}

// each runs a query and calls fn on every row.
func each(ctx context.Context, db *sql.DB, q string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
