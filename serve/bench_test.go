package serve

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"qcweave/store"
)

// BenchmarkPages times each page of the workbench on a large store: the
// store at $QCWEAVE_BENCH_STORE (the 100,000-document store of make
// stress: STRESSFLAGS='-only scale -dir DIR' leaves it in DIR/scale), else
// the fixture notice stored 2,000 times. The overview is timed without its
// cache (cold) and with it.
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	var st *store.Store
	var err error
	if path := os.Getenv("QCWEAVE_BENCH_STORE"); path != "" {
		st, err = store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
	} else {
		f := newFixture(b, Options{})
		st = f.st
		for i := 0; i < 2000; i++ {
			saveFixtureAs(b, st, fmt.Sprintf("%064x", i+1))
		}
	}
	srv, err := New(ctx, st, Options{Log: log.New(io.Discard, "", 0), CacheDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	var bigDoc, centerID, findingKind string
	st.DB().QueryRowContext(ctx, `SELECT d.sha256 FROM documents d JOIN center_mentions m ON m.document_id = d.id GROUP BY d.id ORDER BY count(*) DESC LIMIT 1`).Scan(&bigDoc)
	st.DB().QueryRowContext(ctx, `SELECT center_id FROM center_mentions GROUP BY center_id ORDER BY count(*) DESC LIMIT 1`).Scan(&centerID)
	st.DB().QueryRowContext(ctx, `SELECT kind FROM findings GROUP BY kind ORDER BY count(*) DESC LIMIT 1`).Scan(&findingKind)
	get := func(b *testing.B, path string, before func()) {
		for b.Loop() {
			if before != nil {
				before()
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK && rec.Code != http.StatusSeeOther {
				b.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.String())
			}
		}
	}
	cold := func() { srv.ovc.mu.Lock(); srv.ovc.data = nil; srv.ovc.mu.Unlock() }
	srv.Warm(ctx)
	for _, c := range []struct {
		name, path string
		before     func()
	}{
		{"overview-cold", "/", cold},
		{"overview", "/", nil},
		{"documents", "/documents", nil},
		{"documents-page-100", "/documents?offset=5000", nil},
		{"document-most-records", "/doc/" + bigDoc, nil},
		{"findings", "/findings", nil},
		{"findings-kind", "/findings?kind=" + url.QueryEscape(findingKind), nil},
		{"centers", "/centers", nil},
		{"center-most-mentioned", "/center/" + centerID, nil},
		{"corrections", "/corrections", nil},
		{"records-counts", "/records?kind=count", nil},
		{"records-activities", "/records?kind=activity", nil},
		{"records-centers-of-a-region", "/records?kind=center&region=" + url.QueryEscape("河南省"), nil},
		{"quote-page", "/doc/" + bigDoc + "/at/0-1", nil},
		{"search-2-chars", "/search?q=" + url.QueryEscape("湖北"), nil},
		{"search-2-chars-rare", "/search?q=" + url.QueryEscape("鹤壁"), nil},
		{"search-1-char", "/search?q=" + url.QueryEscape("护"), nil},
		{"search-trigram", "/search?q=" + url.QueryEscape("体外生命支持"), nil},
		{"search-none", "/search?q=" + url.QueryEscape("没有这样一句话"), nil},
		{"search-2-chars-absent", "/search?q=" + url.QueryEscape("鳄鱼"), nil},
	} {
		b.Run(c.name, func(b *testing.B) { get(b, c.path, c.before) })
	}
}
