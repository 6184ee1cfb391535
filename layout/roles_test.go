package layout

import (
	"fmt"
	"strings"
	"testing"

	"qcweave/document"
)

// The parts of a 公文 are found by colour, size and order: a red or far
// larger first line is the 版头, a larger line after it the title, what
// stands between them the 发文字号, a date alone after a short line that
// ends no sentence the 成文日期 under its signature; a date inside a
// sentence of the body is none. Black text of one size has no 版头.
func TestRoles(t *testing.T) {
	red := uint32(0xE00000)
	page := func(banner uint32, bannerSize float64) []Line {
		ls := []Line{
			{Text: "某市卫生健康委员会", Color: banner, Size: bannerSize},
			{Text: "某卫函〔2024〕3号", Size: 16},
			{Text: "关于做好质控工作的通知", Size: 22},
			{Text: "各县卫生健康局：", Size: 16},
			{Text: "经2024年5月6日会议研究，现将有关事项通知如下。", Size: 16, Indent: true},
			{Text: "某市卫生健康委员会", Size: 16},
			{Text: "2024年6月1日", Size: 16},
		}
		for i := range ls {
			ls[i].Page, ls[i].Geometry, ls[i].Offset = 1, true, i*40
		}
		return ls
	}
	roles := func(ls []Line) map[string]string {
		doc := Build(ls)
		out := map[string]string{}
		for _, b := range doc.Blocks {
			if b.Role != "" {
				out[b.Role] = doc.Slice(b.Span)
			}
		}
		return out
	}
	for _, c := range []struct {
		name  string
		color uint32
		size  float64
	}{{"red", red, 22}, {"large", 0, 34}} {
		got := roles(page(c.color, c.size))
		want := map[string]string{
			document.RoleBanner: "某市卫生健康委员会", document.RoleDocNumber: "某卫函〔2024〕3号",
			document.RoleTitle: "关于做好质控工作的通知", document.RoleSigner: "某市卫生健康委员会", document.RoleDate: "2024年6月1日",
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", c.name, k, got[k], v)
			}
		}
	}
	if got := roles(page(0, 16)); got[document.RoleBanner] != "" || got[document.RoleTitle] != "" {
		t.Errorf("black text of one size: %q", got)
	}
	if !isRed(0xCC0000) || isRed(0x000000) || isRed(0xCC9999) {
		t.Error("isRed")
	}
}

// gongwen lays out an invented 公文 of two pages as a PDF loader gives its
// lines: a red 版头; the 发文字号 and, right of it on the same line, the
// 签发人 (a row of two cells); the title set larger; the 主送; the body
// with a date in it; the 附件说明 of two items; a red line over the
// signature (a seal drawn with the organ's name) and a picture over the
// 发文机关署名 and 成文日期 (a seal without text); the 附注; an attachment on page 2; the 版记 set smaller (抄送 of
// two lines, the 印发 line) and page numbers right on page 1, left on
// page 2.
func gongwen() []Line {
	var ls []Line
	off := 0
	add := func(page int, l Line) {
		l.Page, l.Geometry, l.Offset = page, true, off
		if l.Size == 0 {
			l.Size = 16
		}
		n := len([]rune(l.Text))
		for _, c := range l.Cells {
			n += len([]rune(c.Text)) + 1
		}
		off += n + 1
		ls = append(ls, l)
	}
	num := func(page int, text string, x0 float32) {
		add(page, Line{Text: text, Size: 14, Runs: []document.Run{{N: int32(len([]rune(text))), Page: int32(page), X0: x0, Y0: 780, X1: x0 + 40, Y1: 794}}})
	}
	body := func(page int, l Line) {
		// the text spans the page's width, 80 to 515 points
		l.Runs = []document.Run{{N: int32(len([]rune(l.Text))), Page: int32(page), X0: 80, Y0: 100, X1: 515, Y1: 116}}
		add(page, l)
	}
	body(1, Line{Text: "某省卫生健康委员会文件", Color: 0xE00000, Size: 30})
	cells := []Cell{{Text: "某卫医〔2031〕7号"}, {Text: "签发人：林远舟"}}
	cells[1].Offset = len([]rune(cells[0].Text)) + 1
	add(1, Line{Cells: cells})
	ls[len(ls)-1].Cells[0].Offset, ls[len(ls)-1].Cells[1].Offset = ls[len(ls)-1].Offset, ls[len(ls)-1].Offset+cells[1].Offset
	body(1, Line{Text: "关于开展某项质控工作的通知", Size: 22})
	body(1, Line{Text: "各市卫生健康委：", Indent: false})
	body(1, Line{Text: "经2031年3月2日会议研究，现将有关事项通知如下。", Indent: true})
	body(1, Line{Text: "附件：1.某某质控中心名单", Indent: true})
	body(1, Line{Text: "2.某某工作安排表", Indent: true})
	body(1, Line{Text: "某省卫生健康委员会", Color: 0xDD1111, Size: 10})
	body(1, Line{Text: "某省卫生健康委员会", Indent: true, Seal: true})
	body(1, Line{Text: "2031年4月9日", Indent: true, Seal: true})
	body(1, Line{Text: "（此件公开发布）", Indent: true})
	num(1, "— 1 —", 470)
	body(2, Line{Text: "附件1"})
	body(2, Line{Text: "某某质控中心名单", Size: 22})
	body(2, Line{Text: "一、某市甲专业质控中心。"})
	body(2, Line{Text: "抄送：某部医政司，某省乙专业质", Size: 14, Full: true})
	body(2, Line{Text: "控中心。", Size: 14})
	body(2, Line{Text: "某省卫生健康委员会办公室　　2031年4月10日印发", Size: 14})
	num(2, "— 2 —", 85)
	return ls
}

// Every part of the invented 公文 gets its role, page and text; the page
// numbers their sides.
func TestRolesGongwen(t *testing.T) {
	doc := Build(gongwen())
	var got []string
	for _, p := range doc.Parts {
		got = append(got, fmt.Sprintf("%s p%d %s%s", p.Role, p.Page, p.Text, p.Side))
		if p.Role != document.RolePageNumber && p.Text != "" && doc.Slice(p.Span) != p.Text {
			t.Errorf("%s: span %v holds %q, text %q", p.Role, p.Span, doc.Slice(p.Span), p.Text)
		}
	}
	want := []string{
		"版头 p1 某省卫生健康委员会文件",
		"发文字号 p1 某卫医〔2031〕7号",
		"签发人 p1 签发人：林远舟",
		"标题 p1 关于开展某项质控工作的通知",
		"主送 p1 各市卫生健康委：",
		"附件说明 p1 附件：1.某某质控中心名单",
		"附件说明 p1 2.某某工作安排表",
		"印章 p1 某省卫生健康委员会",
		"印章 p1 ",
		"发文机关署名 p1 某省卫生健康委员会",
		"成文日期 p1 2031年4月9日",
		"附注 p1 （此件公开发布）",
		"附件 p2 附件1",
		"抄送 p2 抄送：某部医政司，某省乙专业质控中心。",
		"印发 p2 某省卫生健康委员会办公室2031年4月10日印发",
		"印发机关 p2 某省卫生健康委员会办公室",
		"印发日期 p2 2031年4月10日",
		"页码 p1 — 1 —right",
		"页码 p2 — 2 —left",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The 版记 is found by its place at the end: a line labelled 抄送 in the
// body is none, and lines at the end that open with other labels (电话：)
// are passed over; without a 印发 line a label set smaller but not one of
// the 版记's is no 抄送 (an attachment's 填报人：).
func TestBanjiPlace(t *testing.T) {
	roles := func(texts ...string) map[string]string {
		var ls []Line
		off := 0
		for _, s := range texts {
			size := 16.0
			if strings.HasPrefix(s, "small:") {
				s, size = strings.TrimPrefix(s, "small:"), 14
			}
			ls = append(ls, Line{Text: s, Offset: off, Page: 1, Geometry: true, Size: size, Indent: true})
			off += len([]rune(s)) + 1
			ls = append(ls, Line{Offset: off, Page: 1})
			off++
		}
		doc := Build(ls)
		out := map[string]string{}
		for _, b := range doc.Blocks {
			out[doc.Slice(b.Span)] = b.Role
		}
		return out
	}
	got := roles("各单位：", "抄送：这一行在正文之中，不在末尾。", "正文一段，说明事项。", "某某中心", "2031年4月9日",
		"抄送：某部医政司。", "电话：010-1234567", "邮箱：a@b.cn")
	if got["抄送：这一行在正文之中，不在末尾。"] != "" || got["抄送：某部医政司。"] != document.RoleCopyTo ||
		got["电话：010-1234567"] != "" || got["邮箱：a@b.cn"] != "" {
		t.Errorf("roles %q", got)
	}
	got = roles("正文一段，说明事项。", "某某中心", "2031年4月9日", "small:填报人：某某", "small:联系电话：123")
	if got["填报人：某某"] != "" || got["联系电话：123"] != "" {
		t.Errorf("labels of an attachment taken for a 版记: %q", got)
	}
	got = roles("正文一段，说明事项，正文的字号是最常见的字号。", "某某中心", "2031年4月9日", "small:分发：某部医政司。", "small:某办公室 2031年4月10日印发")
	if got["分发：某部医政司。"] != document.RoleCopyTo || got["某办公室2031年4月10日印发"] != document.RolePrinted {
		t.Errorf("a 版记 set smaller with its 印发 line: %q", got)
	}
}

// A 版记 is a few lines at the very end: a labelled line (报送：) higher up,
// followed by many short lines to the end, is none.
func TestBanjiFewLines(t *testing.T) {
	var ls []Line
	off := 0
	add := func(s string) {
		ls = append(ls, Line{Text: s, Offset: off}, Line{Offset: off + len([]rune(s))})
		off += len([]rune(s)) + 2
	}
	add("报送：某某单位。")
	for i := 0; i < 12; i++ {
		add(fmt.Sprintf("第%d条短讯，某市质控中心开展工作。", i+1))
	}
	for _, b := range Build(ls).Blocks {
		if b.Role != "" {
			t.Fatalf("a block of role %s", b.Role)
		}
	}
}
