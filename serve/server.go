// Package serve is the review workbench of `qcweave serve`: a local web
// application over a store, built on net/http and html/template with its
// styles and script embedded (nothing from the network). It shows an
// overview (documents, centers, counts over time, the coverage matrix,
// open findings by kind), each document's text with its records' quotes
// highlighted, centers, a queue of findings to confirm or dismiss, and
// full-text search; a reviewer corrects, deletes and adds records, and the
// corrections are kept apart from extraction (store.Correct) and applied
// wherever records are read.
//
// Safety: every write is a POST carrying the server's CSRF token and, when
// the browser sends one, a same-origin Origin; requests are size-limited;
// every page has a strict Content-Security-Policy (no inline script or
// style); all text is escaped by html/template; a server bound to loopback
// answers only to loopback host names; --read-only refuses writes; a write
// based on what someone else has changed since is refused and explained.
package serve

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"qcweave/store"
)

// Options configure a Server.
type Options struct {
	// ReadOnly refuses every write.
	ReadOnly bool
	// Reviewer is the name corrections and reviews are stored under.
	Reviewer string
	// Loopback makes the server answer only requests whose Host is a
	// loopback name (against DNS rebinding); set it when listening on a
	// loopback address.
	Loopback bool
	// CacheDir holds rendered page images ("" for a folder under the
	// user's cache).
	CacheDir string
	// Pdftoppm is poppler's renderer ("" to look it up on PATH; absent:
	// no page images).
	Pdftoppm string
	// Now returns the time of a write (time.Now when nil).
	Now func() time.Time
	// Log receives errors of requests (log.Default when nil).
	Log *log.Logger
}

// Server serves the workbench over one store.
type Server struct {
	st    *store.Store
	opts  Options
	token string // CSRF token, one per server start
	cols  columns
	pages *pageRenderer
	mux   *http.ServeMux
	ovc   overviewCache
}

// maxBody bounds the body of a request (forms are small).
const maxBody = 64 << 10

// New returns the server of st.
func New(ctx context.Context, st *store.Store, opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = log.Default()
	}
	if opts.Reviewer == "" {
		opts.Reviewer = "reviewer"
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("serve: token: %w", err)
	}
	s := &Server{st: st, opts: opts, token: hex.EncodeToString(b)}
	var err error
	if s.cols, err = probeColumns(ctx, st); err != nil {
		return nil, err
	}
	if opts.Pdftoppm == "" {
		if p, err := exec.LookPath("pdftoppm"); err == nil {
			opts.Pdftoppm = p
		}
	}
	if opts.CacheDir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			opts.CacheDir = filepath.Join(d, "qcweave", "pages")
		} else {
			opts.CacheDir = filepath.Join(os.TempDir(), "qcweave-pages")
		}
	}
	s.opts = opts
	s.pages = &pageRenderer{pdftoppm: opts.Pdftoppm, dir: opts.CacheDir}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.overview)
	m.HandleFunc("GET /documents", s.documents)
	m.HandleFunc("GET /doc/{sha}", s.document)
	m.HandleFunc("GET /doc/{sha}/page/{n}", s.pageImage)
	m.HandleFunc("GET /doc/{sha}/view/{n}", s.pageViewHandler)
	m.HandleFunc("GET /doc/{sha}/at/{span}", s.quotePage)
	m.HandleFunc("GET /centers", s.centers)
	m.HandleFunc("GET /center/{id}", s.center)
	m.HandleFunc("GET /records", s.records)
	m.HandleFunc("GET /findings", s.findings)
	m.HandleFunc("GET /search", s.search)
	m.HandleFunc("GET /corrections", s.corrections)
	m.HandleFunc("POST /review", s.review)
	m.HandleFunc("POST /correct", s.correct)
	m.HandleFunc("POST /add", s.add)
	m.Handle("GET /assets/", http.StripPrefix("/assets/", assetHandler()))
	s.mux = m
}

// ServeHTTP applies the safety rules, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin") // a form's POST then carries its Origin (no-referrer sends "null")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.opts.Loopback && !loopbackHost(r.Host) {
		http.Error(w, "this server answers only to localhost", http.StatusMisdirectedRequest)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if s.opts.ReadOnly {
			http.Error(w, "read-only: this server refuses changes (started with --read-only)", http.StatusForbidden)
			return
		}
		if !s.sameOrigin(r) {
			http.Error(w, "cross-site request refused", http.StatusForbidden)
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form: "+err.Error(), http.StatusRequestEntityTooLarge)
			return
		}
		if subtle.ConstantTimeCompare([]byte(r.PostForm.Get("csrf")), []byte(s.token)) != 1 {
			http.Error(w, "missing or wrong CSRF token: reload the page", http.StatusForbidden)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// sameOrigin accepts a write whose Origin (or, lacking it, Referer's
// origin) is this server's, and one that names none.
func (s *Server) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return o == ""
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopback reports whether a listen address is on the loopback
// interface only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Reviewer is the name the server stores corrections and reviews under
// (Options.Reviewer, or "reviewer" when none was given).
func (s *Server) Reviewer() string { return s.opts.Reviewer }

// fail answers with an error page and logs the cause.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, err error) {
	if code >= 500 {
		s.opts.Log.Printf("serve: %s %s: %v", r.Method, r.URL.Path, err)
	}
	w.WriteHeader(code)
	s.render(w, r, "error", "出错了", map[string]any{"Code": code, "Message": err.Error()})
}

// now is the time of a write, as stored.
func (s *Server) now() string { return s.opts.Now().UTC().Format(time.RFC3339) }
