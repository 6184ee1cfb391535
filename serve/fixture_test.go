package serve

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"qcweave/document"
	"qcweave/record"
	"qcweave/store"
)

// fixtureText is a short notice in the shape of the real ones, with a
// line that must be escaped.
const fixtureText = "河南省卫生健康委员会\n关于质控中心建设情况的通报\n" +
	"河南省呼吸内科质控中心依托单位为郑州大学第一附属医院。\n" +
	"截至2025年4月底，濮阳市已建成68个市级质控中心，湖北省护理质控中心来豫交流。\n" +
	"<script>alert(1)</script>\n"

const fixtureSHA = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"

// ev returns the evidence of quote in text.
func ev(text, quote string) record.Evidence {
	i := strings.Index(text, quote)
	if i < 0 {
		panic("no quote " + quote)
	}
	s := utf8.RuneCountInString(text[:i])
	return record.Evidence{Quote: quote, Span: record.Span{s, s + utf8.RuneCountInString(quote)}, Confidence: 0.9, Rule: "test"}
}

// hostQuote is the fixture's quote of a center and its host.
const hostQuote = "河南省呼吸内科质控中心依托单位为郑州大学第一附属医院。"

// saveFixture stores the fixture notice (again), with text as its text and
// hostQuote the quote of its center.
func saveFixture(t testing.TB, st *store.Store, text, hostQuote string) {
	t.Helper()
	saveDoc(t, st, fixtureSHA, text, hostQuote)
}

// saveFixtureAs stores the fixture notice under another hash (as another
// document).
func saveFixtureAs(t testing.TB, st *store.Store, sha string) {
	t.Helper()
	saveDoc(t, st, sha, fixtureText, hostQuote)
}

func saveDoc(t testing.TB, st *store.Store, fixtureSHA, text, hostQuote string) {
	t.Helper()
	countQuote := "截至2025年4月底，濮阳市已建成68个市级质控中心"
	doc := &document.Document{Path: "notice.txt", SHA256: fixtureSHA, Format: "txt", Text: text, Source: make([]int32, utf8.RuneCountInString(text))}
	f := record.Finding{Kind: record.UnknownEntity, Severity: record.Info, Subject: "郑州大学第一附属医院", Message: "词典中没有机构“郑州大学第一附属医院”",
		Refs: []record.Ref{{Doc: fixtureSHA, Quote: hostQuote, Span: ev(text, hostQuote).Span}}}
	f.ID = record.FindingID(f)
	ex := &record.Extraction{
		Source:   record.Source{Path: doc.Path, SHA256: fixtureSHA, Format: "txt"},
		Document: record.Meta{Title: "关于质控中心建设情况的通报", Issuer: record.Str("河南省卫生健康委员会"), Date: record.Str("2025-05-06"), Province: record.Str("河南省"), ProvinceCode: "410000"},
		Centers: []record.Center{{Name: "河南省呼吸内科质控中心", Level: record.Str("省级"), Region: record.Str("河南省"), RegionCode: record.Str("410000"),
			Specialty: record.Str("呼吸内科"), SpecialtyID: record.Str("respiratory"), Institutions: []string{"郑州大学第一附属医院"}, Source: "text",
			Evidence: ev(text, hostQuote)}},
		Counts: []record.Count{{Region: "濮阳市", RegionFull: record.Str("濮阳市"), RegionCode: record.Str("410900"), Level: record.Str("市级"),
			Subject: "质控中心", Value: 68, Qualifier: "exact", AsOf: record.Str("2025-04-30"), Evidence: ev(text, countQuote)}},
		Findings: []record.Finding{f},
		References: record.References{Regions: []record.RegionRef{
			{Code: "410000", Name: "河南省", Kind: "province"},
			{Code: "410900", Name: "濮阳市", Kind: "prefecture", Parent: "410000"},
		}, Specialties: []record.SpecialtyRef{{ID: "respiratory", Name: "呼吸内科"}}},
	}
	if err := st.Save(context.Background(), doc, ex, "test"); err != nil {
		t.Fatal(err)
	}
}

// fixture is a server over a store holding the fixture notice.
type fixture struct {
	t   testing.TB
	st  *store.Store
	srv *Server
	ts  *httptest.Server
	c   *http.Client
}

func newFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	saveFixture(t, st, fixtureText, hostQuote)
	return serverOver(t, st, opts)
}

// serverOver is a server over st, with the fixture's clock and reviewer
// unless opts sets them.
func serverOver(t testing.TB, st *store.Store, opts Options) *fixture {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	}
	if opts.Reviewer == "" {
		opts.Reviewer = "alice"
	}
	opts.Loopback = true
	opts.CacheDir = t.TempDir()
	opts.Log = log.New(io.Discard, "", 0)
	srv, err := New(context.Background(), st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &fixture{t: t, st: st, srv: srv, ts: ts, c: c}
}

// getHeaders returns a page's status, headers and body.
func (f *fixture) getHeaders(path string) (int, map[string]string, string) {
	f.t.Helper()
	resp, err := f.c.Get(f.ts.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	h := map[string]string{}
	for k := range resp.Header {
		h[k] = resp.Header.Get(k)
	}
	return resp.StatusCode, h, string(b)
}

// get returns a page's status and body.
func (f *fixture) get(path string) (int, string) {
	f.t.Helper()
	status, _, body := f.getHeaders(path)
	return status, body
}

// post submits a form (with the server's CSRF token unless it sets one).
func (f *fixture) post(path string, form url.Values) (int, string) {
	f.t.Helper()
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", f.srv.token)
	}
	resp, err := f.c.PostForm(f.ts.URL+path, form)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// formValue finds the value of a hidden input in a page.
func formValue(t testing.TB, body, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no input %s in the page", name)
	}
	return m[1]
}
