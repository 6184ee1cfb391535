package serve

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/record"
)

// ofdFile writes a one-page OFD of the given page box ("x y w h" in mm)
// whose one line, at x 20 mm on a baseline 40 mm from the top in 5 mm
// glyphs, is line; it returns its path and sha256.
func ofdFile(t *testing.T, box, line string) (string, string) {
	t.Helper()
	var esc bytes.Buffer
	xml.EscapeText(&esc, []byte(line))
	ns := `xmlns:ofd="http://www.ofdspec.org/2016"`
	parts := map[string]string{
		"OFD.xml":            `<ofd:OFD ` + ns + `><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml": `<ofd:Document ` + ns + `><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>` + box + `</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
		"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer><ofd:TextObject Boundary="20 35 170 8" Size="5"><ofd:TextCode X="0" Y="5">` + esc.String() + `</ofd:TextCode></ofd:TextObject>
<ofd:PathObject Boundary="18 45 170 1"><ofd:AbbreviatedData>M 0 0 L 170 0</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "notice.ofd")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return path, hex.EncodeToString(sum[:])
}

// saveOFD stores an OFD document of one page whose text is line, with a
// center quoting its first four characters and that quote's box: 20..40
// mm across, 35..41 mm down, in points.
func saveOFD(t *testing.T, f *fixture, path, sha, line string) {
	t.Helper()
	const pt = 72 / 25.4
	doc := &document.Document{Path: path, SHA256: sha, Format: "ofd", Pages: 1, Text: line, Source: make([]int32, len([]rune(line)))}
	quote := string([]rune(line)[:4])
	ex := &record.Extraction{Source: record.Source{Path: path, SHA256: sha, Format: "ofd", Pages: 1}, Document: record.Meta{Title: "OFD"},
		Centers: []record.Center{{Name: quote + "质控中心", Source: "text",
			Evidence: record.Evidence{Quote: quote, Span: record.Span{0, 4}, Page: 1, Boxes: []record.Box{{1, 20 * pt, 35 * pt, 40 * pt, 41 * pt}}, Confidence: 0.9, Rule: "test"}}}}
	if err := f.st.Save(context.Background(), doc, ex, "test"); err != nil {
		t.Fatal(err)
	}
}

// TestOFDPage: an OFD's page is drawn as SVG from the file, with its own
// strict policy, once and then from the cache, and its record's box is
// drawn over it in points, as a PDF page's.
func TestOFDPage(t *testing.T) {
	f := newFixture(t, Options{Pdftoppm: "/nonexistent/pdftoppm"})
	line := "青禾县护理质控中心成立"
	path, sha := ofdFile(t, "0 0 210 297", line)
	saveOFD(t, f, path, sha, line)
	if _, body := f.get("/doc/" + sha); !strings.Contains(body, `href="/doc/`+sha+`/view/1"`) {
		t.Fatal("the document page shows no page image")
	}
	for i := range 2 {
		code, h, body := f.getHeaders("/doc/" + sha + "/page/1")
		if code != 200 || h["Content-Type"] != "image/svg+xml" || h["Content-Security-Policy"] != ofdPageCSP || h["X-Content-Type-Options"] != "nosniff" {
			t.Fatalf("page 1 (%d): %d %v", i, code, h)
		}
		for _, want := range []string{`width="826.772" height="1169.291" viewBox="0 0 210 297"`, `matrix(1 0 0 1 20 35)`, ">" + line + "</text>", `d="M 0 0 L 170 0"`} {
			if !strings.Contains(body, want) {
				t.Errorf("no %s in the page:\n%s", want, body)
			}
		}
	}
	if err := os.WriteFile(path, []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _ := f.get("/doc/" + sha + "/page/1"); code != 200 {
		t.Errorf("the cached page is not served: %d", code)
	}
	code, body := f.get("/doc/" + sha + "/view/1?rec=q0")
	if code != 200 || !strings.Contains(body, `<img src="/doc/`+sha+`/page/1"`) || !strings.Contains(body, `data-dpi="100"`) {
		t.Fatalf("view of page 1: %d %s", code, body)
	}
	if !regexp.MustCompile(`<rect class="box k-center selected" x="56\.69\d*" y="99\.21\d*" width="56\.69\d*" height="17\.00\d*">`).MatchString(body) {
		t.Errorf("the record's box is not drawn over the page:\n%s", body)
	}
	if code, _ := f.get("/doc/" + sha + "/page/2"); code != 404 {
		t.Errorf("page 2 of 1: %d", code)
	}
}

// TestOFDPageEscaped: an OFD whose text would open a script or close a
// CDATA section is drawn with that text as text.
func TestOFDPageEscaped(t *testing.T) {
	f := newFixture(t, Options{})
	line := `青禾<script>alert(1)</script>]]><svg onload=alert(2)>`
	path, sha := ofdFile(t, "0 0 210 297", line)
	saveOFD(t, f, path, sha, line)
	code, _, body := f.getHeaders("/doc/" + sha + "/page/1")
	if code != 200 {
		t.Fatalf("page 1: %d %s", code, body)
	}
	if strings.Contains(body, "<script") || strings.Contains(body, "]]>") || strings.Count(body, "<svg") != 1 {
		t.Errorf("the text is markup in the page:\n%s", body)
	}
	if !strings.Contains(body, `青禾&lt;script&gt;alert(1)&lt;/script&gt;]]&gt;&lt;svg onload=alert(2)&gt;</text>`) {
		t.Errorf("the text is not kept:\n%s", body)
	}
	if err := xml.Unmarshal([]byte(body), new(struct{})); err != nil {
		t.Errorf("the page is not well-formed: %v", err)
	}
}

// TestOFDPageTooLarge: a page far over any sheet's size is not drawn: the
// request is answered at once with why.
func TestOFDPageTooLarge(t *testing.T) {
	f := newFixture(t, Options{})
	path, sha := ofdFile(t, "0 0 900000 900000", "青禾县护理质控中心成立")
	saveOFD(t, f, path, sha, "青禾县护理质控中心成立")
	code, h, body := f.getHeaders("/doc/" + sha + "/page/1")
	if code != 404 || !strings.Contains(body, "too large") || strings.HasPrefix(h["Content-Type"], "image/") {
		t.Errorf("a page of 900 m: %d %s %s", code, h["Content-Type"], body)
	}
}

// A finding's quote leads to its page: /doc/SHA/at/START-END answers with
// the page view marking the record whose quote holds it, or with the
// quote in the text when no record with a box holds it.
func TestQuotePage(t *testing.T) {
	f := newFixture(t, Options{})
	line := "某某市心血管病质控中心召开年度工作会议"
	path, sha := ofdFile(t, "0 0 210 297", line)
	saveOFD(t, f, path, sha, line)
	for _, c := range []struct {
		span   string
		status int
		to     string
	}{
		{"0-4", http.StatusSeeOther, "/doc/" + sha + "/view/1?rec=q0"},
		{"1-3", http.StatusSeeOther, "/doc/" + sha + "/view/1?rec=q0"},
		{"6-9", http.StatusSeeOther, "/doc/" + sha + "?hl=6-9#hl"},
		{"9-3", http.StatusBadRequest, ""},
		{"x", http.StatusBadRequest, ""},
	} {
		resp, err := f.c.Get(f.ts.URL + "/doc/" + sha + "/at/" + c.span)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status || resp.Header.Get("Location") != c.to {
			t.Errorf("at %s: %d to %q, want %d to %q", c.span, resp.StatusCode, resp.Header.Get("Location"), c.status, c.to)
		}
	}
}
