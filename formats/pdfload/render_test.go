package pdfload

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/layout"
)

// The pages of testdata/pdf/render, printed by LibreOffice and Chromium
// (see its README), read back as their HTML says: every numbered row of
// every table with its cells, wherever the producer set them (centred
// between the lines of a long cell, cut by the page end), and the
// paragraph the page cut whole.
func TestRenderedTables(t *testing.T) {
	for _, c := range []struct{ html, pdf, para string }{
		{"centred.html", "centred.lo.pdf", ""},
		{"ruled.html", "ruled.chromium.pdf", "其中推进较快、组建数量较多的地区是：南川312个、西岭288个、东湖205个"},
	} {
		t.Run(c.pdf, func(t *testing.T) {
			src, err := os.ReadFile("../../testdata/pdf/render/" + c.html)
			if err != nil {
				t.Fatal(err)
			}
			res := readFile(t, "../../testdata/pdf/render/"+c.pdf)
			doc := layout.Build(res.Lines)
			got := map[string]string{} // table and number → the row's cells
			table := 0
			for _, bl := range doc.Blocks {
				if bl.Kind != document.Table {
					continue
				}
				for _, r := range bl.Rows {
					if len(r.Cells) > 0 && r.Cells[0].Text == "1" {
						table++
					}
					if len(r.Cells) > 0 && regexp.MustCompile(`^\d+$`).MatchString(r.Cells[0].Text) {
						got[key(table, r.Cells[0].Text)] = rowText(r)
					}
				}
			}
			want := htmlRows(string(src))
			if len(want) == 0 {
				t.Fatal("no rows in the HTML")
			}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("row %s:\n got %q\nwant %q", k, got[k], w)
				}
			}
			if c.para != "" && !strings.Contains(doc.Text, c.para) {
				t.Errorf("the paragraph the page cut is not whole: %q missing", c.para)
			}
		})
	}
}

func key(table int, n string) string { return string(rune('A'+table-1)) + n }

func rowText(r document.Row) string {
	var cs []string
	for _, c := range r.Cells {
		cs = append(cs, strings.ReplaceAll(c.Text, " ", ""))
	}
	return strings.Join(cs, "|")
}

// htmlRows returns the numbered rows of the page's tables, keyed as
// TestRenderedTables keys them.
func htmlRows(src string) map[string]string {
	out := map[string]string{}
	table := 0
	tr := regexp.MustCompile(`<tr><td>(\d+)</td>(.*?)</tr>`)
	td := regexp.MustCompile(`<td>(.*?)</td>`)
	for _, m := range tr.FindAllStringSubmatch(src, -1) {
		if m[1] == "1" {
			table++
		}
		cells := []string{m[1]}
		for _, c := range td.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, c[1])
		}
		out[key(table, m[1])] = strings.Join(cells, "|")
	}
	return out
}

// The centred head of a bulletin printed by LibreOffice (title, a subtitle
// in brackets, the issuing office, the date: lines of one size, none of
// them full) reads as four paragraphs: the subtitle does not run into the
// office's name.
func TestRenderedHead(t *testing.T) {
	res := readFile(t, "../../testdata/pdf/render/header.lo.pdf")
	doc := layout.Build(res.Lines)
	var got []string
	for _, bl := range doc.Blocks {
		got = append(got, doc.Slice(bl.Span))
	}
	want := []string{"江北医疗质控工作简报", "（2025年第2期·市级质控中心篇）", "江北省医疗质量控制中心管理办公室", "2025年6月30日"}
	if len(got) < 5 || strings.Join(got[:4], "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs %q, want %q first", got, want)
	}
}

// A 公文 printed by Chromium: the layout finds its parts by colour, size
// and order (the red 版头, the 发文字号, the larger title, the 主送, the
// 附件说明, the signature and its 成文日期, the 附注, the attachment's
// head, the 版记 between rules at the end, the page numbers on alternating
// sides), not the dates of its body.
func TestRenderedRoles(t *testing.T) {
	res := readFile(t, "../../testdata/pdf/render/gongwen.chromium.pdf")
	doc := layout.Build(res.Lines)
	got := map[string]string{}
	for _, bl := range doc.Blocks {
		if bl.Role != "" && got[bl.Role] == "" {
			got[bl.Role] = doc.Slice(bl.Span)
		}
	}
	for role, want := range map[string]string{
		document.RoleBanner:    "江北省卫生健康委员会文件",
		document.RoleDocNumber: "江卫医函〔2025〕8号",
		document.RoleTitle:     "关于公布第二批省级医疗质量控制中心的通知",
		document.RoleSigner:    "江北省卫生健康委员会",
		document.RoleDate:      "2025年1月20日",
	} {
		if got[role] != want {
			t.Errorf("%s: %q, want %q", role, got[role], want)
		}
	}
	var parts []string
	for _, p := range doc.Parts {
		parts = append(parts, fmt.Sprintf("%s p%d %s %s", p.Role, p.Page, p.Text, p.Side))
	}
	want := []string{
		"版头 p1 江北省卫生健康委员会文件 ", "发文字号 p1 江卫医函〔2025〕8号 ", "标题 p1 关于公布第二批省级医疗质量控制中心的通知 ",
		"主送 p1 各市卫生健康委，委直属各医疗机构： ", "附件说明 p1 附件：第二批省级医疗质量控制中心名单 ",
		"发文机关署名 p1 江北省卫生健康委员会 ", "成文日期 p1 2025年1月20日 ", "附注 p1 （此件主动公开） ", "附件 p2 附件 ",
		"抄送 p2 抄送：国家卫生健康委医政司。 ", "印发 p2 江北省卫生健康委员会办公室 2025年1月21日印发 ",
		"印发机关 p2 江北省卫生健康委员会办公室 ", "印发日期 p2 2025年1月21日 ", "页码 p1 — 1 — right", "页码 p2 — 2 — left",
	}
	if strings.Join(parts, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(parts, "\n"), strings.Join(want, "\n"))
	}
}

// readFile reads the PDF at path.
func readFile(t testing.TB, path string) *Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
