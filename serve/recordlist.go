package serve

import (
	"net/http"
	"slices"
	"strings"

	"qcweave/store"
)

// listedRec is a record in a list of records: the record and its
// document.
type listedRec struct {
	Rec
	Doc, Title string
}

// recordsPage is what a list of records shows.
type recordsPage struct {
	Kind, Region, Level, Date string
	RegionName                string
	Records                   []listedRec
	Pager                     pager
}

// records lists the records of one kind behind a number of the overview
// (all the counts, a region's counts at a level and date, the coverage
// rows), newest document first, with the reviewers' corrections applied;
// each links to its quote in its document.
func (s *Server) records(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	d := recordsPage{Kind: q.Get("kind"), Region: strings.TrimSpace(q.Get("region")), Level: strings.TrimSpace(q.Get("level")), Date: strings.TrimSpace(q.Get("date"))}
	if !slices.Contains(kindOrder, d.Kind) {
		d.Kind = store.KindCount
	}
	set, err := store.LoadCorrections(ctx, s.st.DB())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	p := newPager(r, 0)
	rows, err := s.st.DB().QueryContext(ctx, s.recordQueries()[d.Kind].list(), d.Region, d.Level, d.Date, pageSize+1, p.Offset)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	for rows.Next() {
		var lr listedRec
		rec, err := scanRec(rows, d.Kind, &lr.Doc, &lr.Title)
		if err != nil {
			rows.Close()
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		lr.Rec = rec
		applyCorrections(&lr.Rec, set.Lookup(lr.Doc, d.Kind, lr.Key))
		d.Records = append(d.Records, lr)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	if d.Region != "" {
		s.st.DB().QueryRowContext(ctx, `SELECT name FROM regions WHERE code = ?`, d.Region).Scan(&d.RegionName) // a code not in the store names nothing
	}
	d.Pager = newPager(r, len(d.Records))
	d.Records = d.Records[:min(len(d.Records), pageSize)]
	s.render(w, r, "records", "记录", d)
}
