package serve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"qcweave/record"
	"qcweave/store"
)

// docRow is a document in a list.
type docRow struct {
	SHA, Title, Date, Kind, Format, Issuer string
	Pages, Findings                        int
	Superseded                             bool
}

// docMeta is a document's metadata.
type docMeta struct {
	docRow
	ID                             int64
	Number, Period, Province, Path string
	Engine                         string
	SupersededBy                   string
}

// docRows lists documents, newest ingested first; filter keeps those whose
// title contains it.
func (s *Server) docRows(ctx context.Context, filter string, offset, limit int) ([]docRow, error) {
	q := `SELECT d.sha256, COALESCE(d.title, ''), COALESCE(d.doc_date, d.period_end, ''), COALESCE(d.kind, ''), d.format, COALESCE(d.issuer, ''),
		d.pages, (SELECT count(*) FROM findings f WHERE f.document_id = d.id AND f.id NOT IN (SELECT finding_id FROM acks)), d.superseded_by IS NOT NULL
		FROM documents d`
	args := []any{}
	if filter != "" {
		q += ` WHERE instr(d.title, ?) > 0 OR d.sha256 LIKE ? || '%'`
		args = append(args, filter, filter)
	}
	q += ` ORDER BY d.id DESC LIMIT ? OFFSET ?`
	args = append(args, limit, offset)
	var out []docRow
	err := each(ctx, s.st.DB(), q, func(r *sql.Rows) error {
		var d docRow
		if err := r.Scan(&d.SHA, &d.Title, &d.Date, &d.Kind, &d.Format, &d.Issuer, &d.Pages, &d.Findings, &d.Superseded); err != nil {
			return err
		}
		out = append(out, d)
		return nil
	}, args...)
	return out, err
}

// pageSize is the length of a page of a list.
const pageSize = 50

// pager is a list's position.
type pager struct {
	Offset, Next, Prev int
	HasNext, HasPrev   bool
}

func newPager(r *http.Request, n int) pager {
	off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	off = max(off, 0)
	return pager{Offset: off, Next: off + pageSize, Prev: max(off-pageSize, 0), HasNext: n > pageSize, HasPrev: off > 0}
}

func (s *Server) documents(w http.ResponseWriter, r *http.Request) {
	p := newPager(r, 0)
	filter := strings.TrimSpace(r.URL.Query().Get("title"))
	docs, err := s.docRows(r.Context(), filter, p.Offset, pageSize+1)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	p = newPager(r, len(docs))
	docs = docs[:min(len(docs), pageSize)]
	s.render(w, r, "documents", "文件", map[string]any{"Docs": docs, "Pager": p, "Filter": filter})
}

// errNotFound answers 404.
var errNotFound = errors.New("not found")

// requestedDoc looks up the document a request names; when there is none,
// or the store fails, it answers the error and reports false.
func (s *Server) requestedDoc(w http.ResponseWriter, r *http.Request, sha string) (*docMeta, bool) {
	m, err := s.docMeta(r.Context(), sha)
	switch {
	case errors.Is(err, errNotFound):
		s.fail(w, r, http.StatusNotFound, err)
		return nil, false
	case err != nil:
		s.fail(w, r, http.StatusInternalServerError, err)
		return nil, false
	}
	return m, true
}

// requestedPage reads the page number a request names (1..last); when it
// is not one, it answers 404 and reports false.
func (s *Server) requestedPage(w http.ResponseWriter, r *http.Request, last int) (int, bool) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > last {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no page %q", r.PathValue("n")))
		return 0, false
	}
	return n, true
}

func (s *Server) docMeta(ctx context.Context, sha string) (*docMeta, error) {
	d := &docMeta{}
	var sup sql.NullString
	err := s.st.DB().QueryRowContext(ctx, `SELECT d.id, d.sha256, COALESCE(d.title, ''), COALESCE(d.doc_date, ''), COALESCE(d.kind, ''), d.format,
		COALESCE(d.issuer, ''), d.pages, COALESCE(d.doc_number, ''), COALESCE(d.period_start || '..' || d.period_end, ''), COALESCE(d.province, ''),
		d.path, COALESCE(d.engine, ''), (SELECT s.sha256 FROM documents s WHERE s.id = d.superseded_by)
		FROM documents d WHERE d.sha256 = ?`, sha).Scan(&d.ID, &d.SHA, &d.Title, &d.Date, &d.Kind, &d.Format, &d.Issuer, &d.Pages,
		&d.Number, &d.Period, &d.Province, &d.Path, &d.Engine, &sup)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: no document %s", errNotFound, sha)
	}
	if err != nil {
		return nil, fmt.Errorf("serve: document %s: %w", sha, err)
	}
	d.SupersededBy = sup.String
	d.Superseded = sup.Valid
	return d, nil
}

// docText returns a document's normalized text.
func (s *Server) docText(ctx context.Context, id int64) (string, error) {
	var text string
	if err := s.st.DB().QueryRowContext(ctx, `SELECT text FROM document_text WHERE document_id = ?`, id).Scan(&text); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("serve: text: %w", err)
	}
	return text, nil
}

// findingView is a finding with its review and its quotes' documents.
type findingView struct {
	record.Finding
	Review store.Review
	Refs   []refView
	// Confidence is the lowest of its records' (HasConf: some record of
	// its quotes has one): a finding built on a doubtful record may be the
	// extraction's mistake rather than the documents'
	Confidence float64
	HasConf    bool
}

type refView struct {
	record.Ref
	Title string
	// Confidence is that of the record the quote is of, if any
	Confidence float64
	HasConf    bool
}

// docFindings returns the findings of one document and those across
// documents that refer to it.
func (s *Server) docFindings(ctx context.Context, id int64, sha string) ([]findingView, error) {
	return s.findingViews(ctx, `SELECT f.id FROM findings f WHERE f.document_id = ?
		UNION SELECT r.finding_id FROM finding_refs r JOIN findings f ON f.id = r.finding_id WHERE r.document_sha256 = ? AND f.document_id IS NULL`, id, sha)
}

// segment is a piece of a document's text: plain, or inside the quote of
// a record (Kind and Rec, the anchor of the innermost record covering it).
type segment struct {
	Text    string
	Start   int // rune offset of Text
	Kind    string
	Rec     string
	Anchors []string // anchors of the records whose quotes start here
}

// span is a highlighted range of the text.
type span struct {
	start, end   int
	kind, anchor string
}

// segments cuts text at the ends of the spans; each piece is marked by
// the shortest span covering it.
func segments(text string, spans []span) []segment {
	runes := []rune(text)
	n := len(runes)
	cuts := []int{0, n}
	for i := range spans {
		spans[i].start = min(max(spans[i].start, 0), n)
		spans[i].end = min(max(spans[i].end, spans[i].start), n)
		cuts = append(cuts, spans[i].start, spans[i].end)
	}
	sort.Ints(cuts)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out []segment
	k := 0 // spans[:k] start before the current piece
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		var starting []string
		for k < len(spans) && spans[k].start <= a {
			if spans[k].start == a {
				starting = append(starting, spans[k].anchor)
			}
			k++
		}
		if a == b {
			if len(starting) > 0 {
				out = append(out, segment{Anchors: starting})
			}
			continue
		}
		seg := segment{Text: string(runes[a:b]), Start: a, Anchors: starting}
		best := -1
		for j := 0; j < k; j++ {
			if spans[j].start > a || spans[j].end < b {
				continue
			}
			// the shortest; of equal ones, the quote a link asked for (hl)
			l := spans[j].end - spans[j].start
			if best >= 0 {
				lb := spans[best].end - spans[best].start
				if l > lb || l == lb && spans[j].kind != "hl" {
					continue
				}
			}
			best = j
		}
		if best >= 0 {
			seg.Kind, seg.Rec = spans[best].kind, spans[best].anchor
		}
		out = append(out, seg)
	}
	return out
}

// docPage is what the document page shows.
type docPage struct {
	Meta     *docMeta
	Segments []segment
	Records  []Rec
	Findings []findingView
	Fields   map[string][]string // correctable fields by kind
	Kinds    []string
	Levels   []string
	Pages    []pageView
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	sha := r.PathValue("sha")
	m, ok := s.requestedDoc(w, r, sha)
	if !ok {
		return
	}
	text, err := s.docText(ctx, m.ID)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	recs, err := s.correctedRecords(ctx, m.ID, sha)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	fs, err := s.docFindings(ctx, m.ID, sha)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	var spans []span
	for _, rec := range recs {
		kind := rec.Kind
		if rec.Deleted {
			kind = "deleted"
		}
		spans = append(spans, span{rec.Start, rec.End, kind, rec.Anchor})
	}
	for i, f := range fs {
		for j, ref := range f.Refs {
			if ref.Doc == sha {
				spans = append(spans, span{ref.Span[0], ref.Span[1], "finding", fmt.Sprintf("f%d-%d", i, j)})
			}
		}
	}
	if a, b, ok := parseSpan(r.URL.Query().Get("hl")); ok {
		spans = append(spans, span{a, b, "hl", "hl"})
	}
	fields := map[string][]string{}
	for _, k := range kindOrder {
		fields[k] = store.Fields(k)
	}
	pages := s.pageViews(m, recs)
	s.render(w, r, "document", docTitle(m.docRow), docPage{Meta: m, Segments: segments(text, spans), Records: recs, Findings: fs,
		Fields: fields, Kinds: kindOrder, Levels: levels, Pages: pages})
}

// levels are the values of a level field.
var levels = []string{"国家级", "省级", "市级", "县级"}

func docTitle(d docRow) string {
	if d.Title != "" {
		return d.Title
	}
	return "文件 " + d.SHA[:min(12, len(d.SHA))]
}

// parseSpan reads "start-end".
func parseSpan(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, false
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	return x, y, err1 == nil && err2 == nil && x >= 0 && y >= x
}
