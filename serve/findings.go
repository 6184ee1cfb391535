package serve

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"

	"qcweave/record"
	"qcweave/store"
)

// findingViews loads the findings whose ids idQuery selects, in its order,
// with their references (and their documents' titles) and reviews.
func (s *Server) findingViews(ctx context.Context, idQuery string, args ...any) ([]findingView, error) {
	db := s.st.DB()
	var ids []string
	if err := each(ctx, db, idQuery, func(r *sql.Rows) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	}, args...); err != nil {
		return nil, err
	}
	reviews, err := s.st.Reviews(ctx, ids)
	if err != nil {
		return nil, err
	}
	one, err := db.PrepareContext(ctx, `SELECT f.kind, f.severity, COALESCE(f.subject, ''), f.message, f.id IN (SELECT finding_id FROM acks) FROM findings f WHERE f.id = ?`)
	if err != nil {
		return nil, fmt.Errorf("serve: findings: %w", err)
	}
	defer one.Close()
	refs, err := db.PrepareContext(ctx, `SELECT r.document_sha256, r.quote, r.span_start, r.span_end, COALESCE(d.title, ''), `+s.cols.refConfExpr("r")+`
		FROM finding_refs r LEFT JOIN documents d ON d.sha256 = r.document_sha256 WHERE r.finding_id = ? ORDER BY r.position`)
	if err != nil {
		return nil, fmt.Errorf("serve: findings: %w", err)
	}
	defer refs.Close()
	out := make([]findingView, 0, len(ids))
	for _, id := range ids {
		v := findingView{Finding: record.Finding{ID: id}, Review: reviews[id]}
		var acked bool
		if err := one.QueryRowContext(ctx, id).Scan(&v.Kind, &v.Severity, &v.Subject, &v.Message, &acked); err != nil {
			return nil, fmt.Errorf("serve: finding %s: %w", id, err)
		}
		if acked && v.Review.Status == "" {
			v.Review = store.Review{FindingID: id, Status: store.Dismissed, By: "check --ack"}
		}
		rows, err := refs.QueryContext(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("serve: finding %s: %w", id, err)
		}
		for rows.Next() {
			var rv refView
			var conf sql.NullFloat64
			if err := rows.Scan(&rv.Doc, &rv.Quote, &rv.Span[0], &rv.Span[1], &rv.Title, &conf); err != nil {
				rows.Close()
				return nil, fmt.Errorf("serve: finding %s: %w", id, err)
			}
			rv.Confidence, rv.HasConf = conf.Float64, conf.Valid
			if conf.Valid && (!v.HasConf || conf.Float64 < v.Confidence) {
				v.Confidence, v.HasConf = conf.Float64, true
			}
			v.Refs = append(v.Refs, rv)
		}
		rows.Close()
		out = append(out, v)
	}
	return out, nil
}

// findingGroup is the findings of one kind in one document.
type findingGroup struct {
	Kind, Severity, Doc, Title string
	Findings                   []findingView
}

// findingsPage is what the queue shows.
type findingsPage struct {
	Groups []findingGroup
	Kind   string
	Status string
	Kinds  []kindCount
	Pager  pager
}

// findingsPerPage bounds a page of the queue.
const findingsPerPage = 200

func (s *Server) findings(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kind := r.URL.Query().Get("kind")
	status := r.URL.Query().Get("status")
	var cond string
	switch status {
	case "confirmed", "dismissed":
		cond = `v.status = '` + status + `'`
	case "all":
		cond = `1`
	default:
		status = ""
		cond = `v.status IS NULL AND f.id NOT IN (SELECT finding_id FROM acks)`
	}
	p := newPager(r, 0)
	// ranked by severity, then by confidence: the groups (kind and
	// document) by their least sure finding, a group's findings least sure
	// first; a finding whose quotes are of no record ranks as sure
	fs, err := s.findingViews(ctx, `WITH q AS (
		SELECT f.id, f.kind, CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END AS sev, COALESCE(r0.document_sha256, '') AS doc,
			COALESCE(`+s.cols.findingConfExpr("f")+`, 1) AS conf
		FROM findings f LEFT JOIN finding_refs r0 ON r0.finding_id = f.id AND r0.position = 0
		LEFT JOIN finding_reviews v ON v.finding_id = f.id
		WHERE (f.document_id IS NULL OR NOT EXISTS (SELECT 1 FROM documents sd WHERE sd.id = f.document_id AND sd.superseded_by IS NOT NULL))
		AND `+cond+` AND (? = '' OR f.kind = ?))
		SELECT id FROM q ORDER BY sev, min(conf) OVER (PARTITION BY sev, kind, doc), kind, doc, conf, id
		LIMIT ? OFFSET ?`, kind, kind, findingsPerPage+1, p.Offset)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	p = newPager(r, 0)
	p.HasNext = len(fs) > findingsPerPage
	p.Next = p.Offset + findingsPerPage
	p.Prev = max(p.Offset-findingsPerPage, 0)
	fs = fs[:min(len(fs), findingsPerPage)]
	d := findingsPage{Kind: kind, Status: status, Pager: p}
	for _, f := range fs {
		doc, title := "", ""
		if len(f.Refs) > 0 {
			doc, title = f.Refs[0].Doc, f.Refs[0].Title
		}
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Kind != f.Kind || d.Groups[n-1].Doc != doc {
			d.Groups = append(d.Groups, findingGroup{Kind: f.Kind, Severity: f.Severity, Doc: doc, Title: title})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Findings = append(g.Findings, f)
	}
	ov, err := s.overviewData(ctx)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d.Kinds = ov.Kinds
	s.render(w, r, "findings", "问题线索", d)
}

// review confirms or dismisses findings: the form names each with the
// status the reviewer saw.
func (s *Server) review(w http.ResponseWriter, r *http.Request) {
	ids := r.PostForm["id"]
	if len(ids) == 0 || len(ids) > 1000 {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("choose between 1 and 1000 findings"))
		return
	}
	seen := map[string]string{}
	for _, id := range ids {
		seen[id] = r.PostForm.Get("seen-" + id)
	}
	status := r.PostForm.Get("status")
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if len([]rune(note)) > 2000 {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("the note is too long"))
		return
	}
	conflicts, err := s.st.ReviewFindings(r.Context(), seen, status, s.opts.Reviewer, s.now(), note)
	if err != nil {
		if strings.Contains(err.Error(), "no such finding") || strings.Contains(err.Error(), "unknown kind") {
			s.fail(w, r, http.StatusBadRequest, err)
			return
		}
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	if len(conflicts) > 0 {
		w.WriteHeader(http.StatusConflict)
		s.render(w, r, "conflict", "已被他人修改", map[string]any{"Reviews": conflicts, "Back": r.PostForm.Get("back"), "Done": len(ids) - len(conflicts)})
		return
	}
	verb := map[string]string{store.Confirmed: "确认", store.Dismissed: "驳回"}[status]
	back(w, r, r.PostForm.Get("back"), fmt.Sprintf("已%s %d 条问题线索", verb, len(ids)))
}
