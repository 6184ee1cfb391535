package formats

import (
	"context"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"qcweave/document"
)

// The Hubei bulletin with its activities as a ruled table whose center
// cells are merged down the rows of each story (testdata/pdf/acttable):
// printed by Chromium (the center centred down its span, a row cut by the
// page end left open) and LibreOffice (a center's lines centred over a
// page break, a cut row closed by a rule), laid out as OFD (the center on
// its span's first row, or centred down the part of the span on its
// page), and saved by LibreOffice as Word (w:vMerge). Each reads back as
// the page's table: every row of the HTML, its content cell whole, the
// center on the first row of its span only.
func TestMergedCellRenderings(t *testing.T) {
	src, err := os.ReadFile("../testdata/pdf/acttable/003_8bcd6cef6928f5fe.html")
	if err != nil {
		t.Fatal(err)
	}
	want := htmlActivityRows(string(src))
	if len(want) < 50 {
		t.Fatalf("%d rows in the HTML", len(want))
	}
	for _, f := range []string{"chromium.pdf", "lo.pdf", "ofd", "centre.ofd", "docx"} {
		t.Run(f, func(t *testing.T) {
			doc, err := (&Loader{}).Load(context.Background(), "../testdata/pdf/acttable/003_8bcd6cef6928f5fe."+f, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got [][2]string // center, content
			for _, b := range doc.Tables() {
				for _, r := range b.Rows[b.Header:] {
					if len(r.Cells) != 3 {
						t.Fatalf("row of %d cells: %q", len(r.Cells), rowTexts(r))
					}
					got = append(got, [2]string{squeezed(r.Cells[1].Text), squeezed(r.Cells[2].Text)})
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d rows, want %d", len(got), len(want))
			}
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("row %d:\n got %q\nwant %q", i+1, got[i], want[i])
				}
			}
		})
	}
}

var (
	reTR   = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	reTD   = regexp.MustCompile(`(?s)<td( rowspan="\d+")?>(.*?)</td>`)
	reNoWS = regexp.MustCompile(`\s+`)
)

// htmlActivityRows returns each body row of the page's table: the center
// cell (empty where a merged one above covers it) and the content cell.
func htmlActivityRows(src string) [][2]string {
	var out [][2]string
	for _, tr := range reTR.FindAllStringSubmatch(src, -1) {
		tds := reTD.FindAllStringSubmatch(tr[1], -1)
		switch len(tds) {
		case 3:
			out = append(out, [2]string{squeezed(html.UnescapeString(tds[1][2])), squeezed(html.UnescapeString(tds[2][2]))})
		case 2:
			out = append(out, [2]string{"", squeezed(html.UnescapeString(tds[1][2]))})
		}
	}
	return out
}

func squeezed(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")").Replace(s)
	return reNoWS.ReplaceAllString(s, "")
}

func rowTexts(r document.Row) []string {
	var out []string
	for _, c := range r.Cells {
		out = append(out, c.Text)
	}
	return out
}
