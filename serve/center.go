package serve

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"qcweave/store"
)

// centerRow is a center in a list.
type centerRow struct {
	ID                         int64
	Name, Level, Region, Spec  string
	Mentions, Docs, Activities int
}

func (s *Server) centers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := newPager(r, 0)
	filter := strings.TrimSpace(r.URL.Query().Get("name"))
	q := `SELECT c.id, c.name, COALESCE(c.level, ''), COALESCE(c.region_text, ''), COALESCE(c.specialty_text, ''),
		(SELECT count(*) FROM center_mentions m WHERE m.center_id = c.id),
		(SELECT count(DISTINCT m.document_id) FROM center_mentions m WHERE m.center_id = c.id),
		(SELECT count(*) FROM activities a WHERE a.center_id = c.id)
		FROM centers c`
	var args []any
	if filter != "" {
		q += ` WHERE instr(c.name, ?) > 0`
		args = append(args, filter)
	}
	q += ` ORDER BY c.id LIMIT ? OFFSET ?`
	args = append(args, pageSize+1, p.Offset)
	var out []centerRow
	if err := each(ctx, s.st.DB(), q, func(r *sql.Rows) error {
		var c centerRow
		if err := r.Scan(&c.ID, &c.Name, &c.Level, &c.Region, &c.Spec, &c.Mentions, &c.Docs, &c.Activities); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	}, args...); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	p = newPager(r, len(out))
	out = out[:min(len(out), pageSize)]
	s.render(w, r, "centers", "质控中心", map[string]any{"Centers": out, "Pager": p, "Filter": filter})
}

// hostRow is a center's hosts as one document states them.
type hostRow struct {
	Date, Doc, Title, Hosts, Quote string
	Corrected                      bool
}

// hostRun is a stretch of time over which the documents state the same
// hosts: from the first to the last date, in how many documents.
type hostRun struct {
	From, To, Hosts string
	N               int
	First           hostRow // the first statement, for its document and quote
	Corrected       bool
}

// hostRuns joins consecutive statements of the same hosts.
func hostRuns(rows []hostRow) []hostRun {
	var out []hostRun
	for _, h := range rows {
		if n := len(out); n > 0 && out[n-1].Hosts == h.Hosts {
			out[n-1].To = h.Date
			out[n-1].N++
			out[n-1].Corrected = out[n-1].Corrected || h.Corrected
			continue
		}
		out = append(out, hostRun{From: h.Date, To: h.Date, Hosts: h.Hosts, N: 1, First: h, Corrected: h.Corrected})
	}
	return out
}

// docLink is a document that mentions a center.
type docLink struct {
	Doc, Title, Date string
}

// activityRow is one activity of a center.
type activityRow struct {
	Start, End, Places, Quote, Doc string
	SpanStart, SpanEnd             int
}

// maxCenterRows bounds the statements and activities a center's page
// reads; maxCenterDocs the documents it lists.
const (
	maxCenterRows = 5000
	maxCenterDocs = 100
)

func (s *Server) center(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no center %q", r.PathValue("id")))
		return
	}
	db := s.st.DB()
	var c centerRow
	var key string
	err = db.QueryRowContext(ctx, `SELECT c.id, c.key, c.name, COALESCE(c.level, ''), COALESCE(c.region_text, ''), COALESCE(c.specialty_text, ''),
		(SELECT count(*) FROM center_mentions m WHERE m.center_id = c.id),
		(SELECT count(DISTINCT m.document_id) FROM center_mentions m WHERE m.center_id = c.id),
		(SELECT count(*) FROM activities a WHERE a.center_id = c.id)
		FROM centers c WHERE c.id = ?`, id).Scan(&c.ID, &key, &c.Name, &c.Level, &c.Region, &c.Spec, &c.Mentions, &c.Docs, &c.Activities)
	if errors.Is(err, sql.ErrNoRows) {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no center %d", id))
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	set, err := store.LoadCorrections(ctx, db)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	names := map[string]bool{}
	var nameList []string
	addName := func(n string) {
		if n != "" && !names[n] {
			names[n] = true
			nameList = append(nameList, n)
		}
	}
	addName(c.Name)
	var hosts []hostRow
	if err := each(ctx, db, `SELECT m.name, COALESCE(m.aliases, ''), COALESCE(d.doc_date, d.period_end, ''), d.sha256, COALESCE(d.title, ''),
		COALESCE((SELECT group_concat(name, '、') FROM (SELECT i.name FROM center_hosts h JOIN institutions i ON i.id = h.institution_id WHERE h.mention_id = m.id ORDER BY h.position)), ''),
		m.quote FROM center_mentions m JOIN documents d ON d.id = m.document_id
		WHERE m.center_id = ? AND d.superseded_by IS NULL ORDER BY 3, d.sha256 LIMIT ?`, func(r *sql.Rows) error {
		var name, aliases string
		var h hostRow
		if err := r.Scan(&name, &aliases, &h.Date, &h.Doc, &h.Title, &h.Hosts, &h.Quote); err != nil {
			return err
		}
		addName(name)
		for _, a := range strings.Split(aliases, "|") {
			addName(a)
		}
		if a := set.Lookup(h.Doc, store.KindCenter, store.RecordKey(name, h.Quote)); a != nil {
			if hc, ok := a.Fields[store.FieldHost]; ok {
				h.Hosts, h.Corrected = hc.After, true
			}
		}
		hosts = append(hosts, h)
		return nil
	}, id, maxCenterRows); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	var acts []activityRow
	if err := each(ctx, db, `SELECT COALESCE(a.start_date, ''), COALESCE(a.end_date, ''),
		COALESCE((SELECT group_concat(place, '、') FROM (SELECT place FROM activity_places p WHERE p.activity_id = a.id ORDER BY position)), ''),
		a.quote, d.sha256, a.span_start, a.span_end FROM activities a JOIN documents d ON d.id = a.document_id
		WHERE a.center_id = ? ORDER BY a.start_date, d.sha256 LIMIT ?`, func(r *sql.Rows) error {
		var a activityRow
		if err := r.Scan(&a.Start, &a.End, &a.Places, &a.Quote, &a.Doc, &a.SpanStart, &a.SpanEnd); err != nil {
			return err
		}
		acts = append(acts, a)
		return nil
	}, id, maxCenterRows); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	var docs []docLink
	seen := map[string]bool{}
	for i := len(hosts) - 1; i >= 0 && len(docs) < maxCenterDocs; i-- {
		if h := hosts[i]; !seen[h.Doc] {
			seen[h.Doc] = true
			docs = append(docs, docLink{Doc: h.Doc, Title: h.Title, Date: h.Date})
		}
	}
	s.render(w, r, "center", c.Name, map[string]any{"Center": c, "Names": nameList, "Runs": hostRuns(hosts), "Activities": acts,
		"Docs": docs, "Truncated": len(hosts) == maxCenterRows})
}
