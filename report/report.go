// Package report renders the store as one self-contained HTML file for
// people: a summary per document, the regions × specialties coverage
// matrix (sortable by the number missing), counts per region over time as
// small SVG charts, an activity timeline (month × center) and the open
// findings with their quotes. Styles, charts and the few lines of script
// are inline; nothing is fetched from the network. All document text goes
// through html/template and is escaped.
package report

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"html/template"
	"io"
	"sort"

	"qcweave/internal/svgchart"
	"qcweave/record"
	"qcweave/store"
)

//go:embed report.html.tmpl
var templates embed.FS

// Doc is one document's summary.
type Doc struct {
	SHA, Title, Issuer, Number, Kind, Date, Period, Engine, Path string
	Pages, Counts, Centers, Coverage, Activities, Findings       int
	Superseded                                                   bool
	// Confidence is the mean OCR confidence of a scan's pages ("" when the
	// document was not read by OCR)
	Confidence string
}

// Series is the counts of one region and level over time.
type Series struct {
	Region, Level string
	Points        []Point
	SVG           template.HTML
}

// Point is one dated value.
type Point struct {
	Date  string
	Value int
}

// Timeline is the activity grid: months × centers.
type Timeline struct {
	Months []string
	Rows   []TimelineRow
}

// TimelineRow is one center's activities per month.
type TimelineRow struct {
	Center string
	Cells  []TimelineCell
	Total  int
}

// TimelineCell is one center-month.
type TimelineCell struct {
	N     int
	Title string // dates and places, for the tooltip
}

// FindingView is a finding with its documents' titles.
type FindingView struct {
	record.Finding
	Titles []string
}

// Data is everything the report shows.
type Data struct {
	Summary  store.Summary
	Docs     []Doc
	Matrix   store.Matrix
	Series   []Series
	Timeline Timeline
	Findings []FindingView
	// Corrections are the reviewers' latest corrections (qcweave serve),
	// NCorrections how many there are, Unmatched those whose record is no
	// longer found
	Corrections  []store.Correction
	NCorrections int
	Unmatched    []store.Correction
	// Confidence is how sure the extraction is of the records, and the
	// least sure ones
	Confidence ConfidenceView
}

// Write renders the report of st to w.
func Write(ctx context.Context, st *store.Store, w io.Writer) error {
	d, err := Collect(ctx, st)
	if err != nil {
		return err
	}
	return Render(w, d)
}

// Render writes the HTML of d.
func Render(w io.Writer, d *Data) error {
	t, err := template.New("report.html.tmpl").Funcs(template.FuncMap{
		"missingCount": func(r store.MatrixRow) int { return len(r.Missing) },
		"isMissing":    func(r store.MatrixRow, sp string) bool { return r.Missing[sp] },
		"severityName": func(s string) string {
			return map[string]string{record.Error: "错误", record.Warning: "警告", record.Info: "提示"}[s]
		},
		"short": func(s string) string {
			if len(s) > 12 {
				return s[:12]
			}
			return s
		},
		"deref": func(p *int) string {
			if p == nil {
				return ""
			}
			return fmt.Sprint(*p)
		},
	}).ParseFS(templates, "report.html.tmpl")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := t.Execute(w, d); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// The report is read by people: past these, it shows the most recent
// documents and the first findings, and says where the rest are.
const (
	maxDocs     = 2000
	maxFindings = 2000
	maxTitles   = 5 // activities named in a timeline cell's tooltip
)

// Collect reads what the report shows from the store. Every figure is
// aggregated by SQLite; what is held in memory is bounded by the caps
// above and by the regions, centers and months of the store.
func Collect(ctx context.Context, st *store.Store) (*Data, error) {
	d := &Data{}
	var err error
	if d.Summary, err = st.Summarize(ctx); err != nil {
		return nil, err
	}
	db := st.DB()
	if err := each(ctx, db, `WITH
		c AS (SELECT document_id, count(*) n FROM counts GROUP BY document_id),
		m AS (SELECT document_id, count(*) n FROM center_mentions GROUP BY document_id),
		v AS (SELECT document_id, count(*) n FROM coverage GROUP BY document_id),
		a AS (SELECT document_id, count(*) n FROM activities GROUP BY document_id),
		f AS (SELECT document_id, count(*) n FROM findings WHERE id NOT IN (SELECT finding_id FROM acks) GROUP BY document_id),
		p AS (SELECT document_id, avg(ocr_confidence) conf FROM document_pages GROUP BY document_id),
		shown AS (SELECT * FROM documents ORDER BY COALESCE(doc_date, period_end, '') DESC, sha256 DESC LIMIT ?)
		SELECT d.sha256, COALESCE(d.title, ''), COALESCE(d.issuer, ''), COALESCE(d.doc_number, ''), COALESCE(d.kind, ''),
		COALESCE(d.doc_date, ''), COALESCE(d.period_start || '..' || d.period_end, ''), COALESCE(d.engine, ''), d.path, d.pages,
		COALESCE(c.n, 0), COALESCE(m.n, 0), COALESCE(v.n, 0), COALESCE(a.n, 0),
		CASE WHEN d.superseded_by IS NULL THEN COALESCE(f.n, 0) ELSE 0 END, d.superseded_by IS NOT NULL, p.conf
		FROM shown d LEFT JOIN c ON c.document_id = d.id LEFT JOIN m ON m.document_id = d.id LEFT JOIN v ON v.document_id = d.id
		LEFT JOIN a ON a.document_id = d.id LEFT JOIN f ON f.document_id = d.id LEFT JOIN p ON p.document_id = d.id
		ORDER BY COALESCE(d.doc_date, d.period_end, ''), d.sha256`, func(r *sql.Rows) error {
		var x Doc
		var conf sql.NullFloat64
		if err := r.Scan(&x.SHA, &x.Title, &x.Issuer, &x.Number, &x.Kind, &x.Date, &x.Period, &x.Engine, &x.Path, &x.Pages,
			&x.Counts, &x.Centers, &x.Coverage, &x.Activities, &x.Findings, &x.Superseded, &conf); err != nil {
			return err
		}
		if conf.Valid {
			x.Confidence = fmt.Sprintf("%.0f%%", conf.Float64)
		}
		d.Docs = append(d.Docs, x)
		return nil
	}, maxDocs); err != nil {
		return nil, err
	}
	if d.Matrix, err = st.CoverageMatrix(ctx); err != nil {
		return nil, err
	}
	if err := d.collectSeries(ctx, st); err != nil {
		return nil, err
	}
	if err := d.collectTimeline(ctx, db); err != nil {
		return nil, err
	}
	if err := d.collectCorrections(ctx, st); err != nil {
		return nil, err
	}
	if err := d.collectConfidence(ctx, db); err != nil {
		return nil, err
	}
	fs, err := st.FirstFindings(ctx, false, maxFindings)
	if err != nil {
		return nil, err
	}
	titles, err := db.PrepareContext(ctx, `SELECT COALESCE(title, '') FROM documents WHERE sha256 = ?`)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer titles.Close()
	known := map[string]string{}
	for _, f := range fs {
		v := FindingView{Finding: f}
		for _, r := range f.Refs {
			t, ok := known[r.Doc]
			if !ok {
				if err := titles.QueryRowContext(ctx, r.Doc).Scan(&t); err != nil && err != sql.ErrNoRows {
					return nil, fmt.Errorf("report: %w", err)
				}
				known[r.Doc] = t
			}
			v.Titles = append(v.Titles, t)
		}
		d.Findings = append(d.Findings, v)
	}
	return d, nil
}

func each(ctx context.Context, db *sql.DB, q string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return rows.Err()
}

// collectSeries reads counts per region and level over time (regions with
// a code; the values of one date are the latest document's). Reviewers'
// corrections apply: a changed count is read as it stands now (its value,
// date, level or region), a deleted one is left out, an added one counts.
func (d *Data) collectSeries(ctx context.Context, st *store.Store) error {
	changes, err := st.CountChanges(ctx)
	if err != nil {
		return err
	}
	changed := map[[2]string]bool{} // document and record key of the counts as extracted
	for _, c := range changes {
		if b := c.Before; b != nil {
			changed[[2]string{b.Doc, store.RecordKey(b.Region, b.Quote)}] = true
		}
	}
	type key struct{ code, level string }
	values := map[key]map[string]int{} // by date
	names := map[string]string{}
	var keys []key
	put := func(k key, date string, v int) {
		if values[k] == nil {
			values[k] = map[string]int{}
			keys = append(keys, k)
		}
		values[k][date] = v
	}
	err = each(ctx, st.DB(), `SELECT c.region_code, COALESCE(r.name, c.region_text), COALESCE(c.level, ''), c.as_of, c.value, d.sha256, c.region_text, c.quote
		FROM counts c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
		WHERE d.superseded_by IS NULL AND c.as_of IS NOT NULL AND c.region_code IS NOT NULL ORDER BY c.region_code, c.level, c.as_of`, func(r *sql.Rows) error {
		var code, region, level, date, doc, regionText, quote string
		var v int
		if err := r.Scan(&code, &region, &level, &date, &v, &doc, &regionText, &quote); err != nil {
			return err
		}
		if changed[[2]string{doc, store.RecordKey(regionText, quote)}] {
			return nil
		}
		names[code] = region
		put(key{code, level}, date, v)
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range changes {
		if a := c.After; a != nil && a.AsOf != "" {
			if _, ok := names[a.RegionCode]; !ok {
				names[a.RegionCode] = a.Region
				var name string
				if err := st.DB().QueryRowContext(ctx, `SELECT name FROM regions WHERE code = ?`, a.RegionCode).Scan(&name); err == nil {
					names[a.RegionCode] = name
				}
			}
			put(key{a.RegionCode, a.Level}, a.AsOf, a.Value)
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		return keys[i].code < keys[j].code || keys[i].code == keys[j].code && keys[i].level < keys[j].level
	})
	for _, k := range keys {
		s := Series{Region: names[k.code], Level: k.level}
		for date, v := range values[k] {
			s.Points = append(s.Points, Point{date, v})
		}
		sort.Slice(s.Points, func(i, j int) bool { return s.Points[i].Date < s.Points[j].Date })
		s.SVG = chart(s.Points)
		d.Series = append(d.Series, s)
	}
	return nil
}

// chart draws a small line chart of dated values.
func chart(ps []Point) template.HTML {
	cps := make([]svgchart.Point, len(ps))
	for i, p := range ps {
		cps[i] = svgchart.Point{Date: p.Date, Value: p.Value}
	}
	return svgchart.Line(cps, svgchart.Size{W: 220, H: 70, Pad: 14, Dot: 3})
}

// collectTimeline counts dated activities per center and month. SQLite
// groups them; a cell's tooltip names its first few activities.
func (d *Data) collectTimeline(ctx context.Context, db *sql.DB) error {
	type cell struct {
		center, month string
		n             int
		title         string
	}
	var cells []cell
	months := map[string]bool{}
	err := each(ctx, db, `SELECT center, month, n, group_concat(t, '；') FROM (
		  SELECT center, substr(start_date, 1, 7) AS month, start_date || ' ' || COALESCE(places, '') AS t,
		    count(*) OVER w AS n, row_number() OVER (w ORDER BY start_date) AS k
		  FROM activities_by_center WHERE start_date IS NOT NULL
		  WINDOW w AS (PARTITION BY center, substr(start_date, 1, 7))
		  ORDER BY center, month, start_date)
		WHERE k <= ? GROUP BY center, month ORDER BY center, month`, func(r *sql.Rows) error {
		var c cell
		var title sql.NullString
		if err := r.Scan(&c.center, &c.month, &c.n, &title); err != nil {
			return err
		}
		c.title = title.String
		if c.n > maxTitles {
			c.title += fmt.Sprintf("；等 %d 项", c.n)
		}
		months[c.month] = true
		cells = append(cells, c)
		return nil
	}, maxTitles)
	if err != nil {
		return err
	}
	for m := range months {
		d.Timeline.Months = append(d.Timeline.Months, m)
	}
	sort.Strings(d.Timeline.Months)
	col := map[string]int{}
	for i, m := range d.Timeline.Months {
		col[m] = i
	}
	row := map[string]int{}
	for _, c := range cells {
		i, ok := row[c.center]
		if !ok {
			i = len(d.Timeline.Rows)
			row[c.center] = i
			d.Timeline.Rows = append(d.Timeline.Rows, TimelineRow{Center: c.center, Cells: make([]TimelineCell, len(d.Timeline.Months))})
		}
		d.Timeline.Rows[i].Cells[col[c.month]] = TimelineCell{N: c.n, Title: c.title}
		d.Timeline.Rows[i].Total += c.n
	}
	return nil
}

// maxCorrections bounds the corrections the report lists.
const maxCorrections = 200

// collectCorrections reads the reviewers' corrections, latest first.
func (d *Data) collectCorrections(ctx context.Context, st *store.Store) error {
	all, err := st.Corrections(ctx, "")
	if err != nil {
		return err
	}
	d.NCorrections = len(all)
	for i := len(all) - 1; i >= 0 && len(d.Corrections) < maxCorrections; i-- {
		d.Corrections = append(d.Corrections, all[i])
	}
	d.Unmatched, err = st.UnmatchedCorrections(ctx)
	return err
}
