package serve

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"qcweave/report"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// assetHandler serves the embedded styles and script.
func assetHandler() http.Handler {
	sub, err := fs.Sub(assetFS, "assets")
	if err != nil {
		panic(err) // the embedded folder exists: a build without it does not compile
	}
	fsrv := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		fsrv.ServeHTTP(w, r)
	})
}

// page is what every template receives.
type page struct {
	Title    string
	Reviewer string
	ReadOnly bool
	CSRF     string
	Query    string // the search box's text
	Flash    string
	Data     any
}

var funcs = template.FuncMap{
	"short": func(s string) string {
		if len(s) > 10 {
			return s[:10]
		}
		return s
	},
	"kindName": func(k string) string {
		return map[string]string{"count": "数量", "center": "中心", "coverage": "组建", "activity": "活动"}[k]
	},
	"fieldName": func(f string) string {
		return map[string]string{"host": "依托单位", "value": "数值", "date": "日期", "level": "级别", "region": "地区", "missing": "未组建专业"}[f]
	},
	"severityName": func(s string) string {
		return map[string]string{"error": "错误", "warning": "警告", "info": "提示"}[s]
	},
	"pct": func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	// low: a confidence the report marks for checking too
	"low": func(f float64) bool { return f < report.LowConfidence },
	"query": func(kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				v.Set(kv[i], kv[i+1])
			}
		}
		return v.Encode()
	},
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

var (
	tmplOnce sync.Once
	tmpls    map[string]*template.Template
	tmplErr  error
)

// templates parses the layout with each page once.
func templates() (map[string]*template.Template, error) {
	tmplOnce.Do(func() {
		base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
		if err != nil {
			tmplErr = err
			return
		}
		names, err := fs.Glob(templateFS, "templates/*.html")
		if err != nil {
			tmplErr = err
			return
		}
		tmpls = map[string]*template.Template{}
		for _, n := range names {
			name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
			if name == "layout" {
				continue
			}
			t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
			if err != nil {
				tmplErr = err
				return
			}
			tmpls[name] = t
		}
	})
	return tmpls, tmplErr
}

// render writes a page with the layout; the page is built in memory first
// so that a template error never leaves half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	ts, err := templates()
	if err != nil {
		http.Error(w, "templates: "+err.Error(), http.StatusInternalServerError)
		return
	}
	t, ok := ts[name]
	if !ok {
		http.Error(w, "no template "+name, http.StatusInternalServerError)
		return
	}
	p := page{Title: title, Reviewer: s.opts.Reviewer, ReadOnly: s.opts.ReadOnly, CSRF: s.token,
		Query: r.URL.Query().Get("q"), Flash: r.URL.Query().Get("msg"), Data: data}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		s.opts.Log.Printf("serve: render %s: %v", name, err)
		http.Error(w, "render: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// back redirects after a write (POST, then GET), with a message.
func back(w http.ResponseWriter, r *http.Request, to, msg string) {
	u, err := url.Parse(to)
	if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		u = &url.URL{Path: "/"}
	}
	q := u.Query()
	q.Set("msg", msg)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}
