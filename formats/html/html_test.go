package html

import (
	"strings"
	"testing"

	"qcweave/layout/layouttest"
)

func TestRead(t *testing.T) {
	page := `<html><head><title>通报</title><style>p{}</style><script>var x = "<p>no</p>";</script></head><body>
<nav>首页 | 通知公告</nav>
<h1>关于质控中心建设情况的通报</h1>
<p>截至2025年4月底，全省共组建&nbsp;市级质控中心987个。</p>
<table><tr><th>序号</th><th>省辖市</th><th>已组建数量</th></tr>
<tr><td>1</td><td>郑州</td><td>63</td></tr>
<tr><td>2</td><td>开封<br>（含兰考）</td><td>52</td></tr></table>
<p>&lt;script&gt; stays text</p></body></html>`
	text, rows := layouttest.Split(Read([]byte(page)))
	got := strings.Join(text, "|")
	if strings.Contains(got, "no") || strings.Contains(got, "首页") || !strings.Contains(got, "关于质控中心建设情况的通报") || !strings.Contains(got, "<script> stays text") {
		t.Errorf("text lines %q", got)
	}
	if len(rows) != 3 || rows[2][1] != "开封 （含兰考）" || rows[1][2] != "63" {
		t.Errorf("rows %q", rows)
	}
}

// Text a browser does not show stays out; a table whose cells and rows
// omit their end tags (legal HTML) is read as a browser reads it.
func TestHiddenAndImplied(t *testing.T) {
	page := `<body><template><p>模板文字</p></template><textarea>输入框</textarea>
<p hidden>隐藏一</p><div style="display: none">隐藏二<div>内层</div></div><span aria-hidden="true">隐藏三</span>
<ul hidden><li>菜单一<li>菜单二</ul>
<p>正文可见</p>
<table><tr><th>序号<th>城市<th>数量
<tr><td>1<td>郑州<td>63
<tr><td>2<td>开封<td>52
</table><p>表后文字</p></body>`
	text, rows := layouttest.Split(Read([]byte(page)))
	got := strings.Join(text, "|")
	for _, no := range []string{"模板", "输入框", "隐藏", "内层", "菜单"} {
		if strings.Contains(got, no) {
			t.Errorf("hidden text %q read: %q", no, got)
		}
	}
	if !strings.Contains(got, "正文可见") || !strings.Contains(got, "表后文字") {
		t.Errorf("visible text lost: %q", got)
	}
	if len(rows) != 3 || strings.Join(rows[2], ",") != "2,开封,52" {
		t.Errorf("rows %q", rows)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`<table><tr><td>1</td><td>郑州</td></tr></table><p>文本</p>`))
	f.Add([]byte(`<script><p>`))
	f.Add([]byte(`<style>.h{display:none} @media x{.y{}</style><p class="h">a</p><p id=y>b`))
	f.Fuzz(func(t *testing.T, b []byte) {
		off := -1
		for _, l := range Read(b) {
			if l.Offset < off {
				t.Fatalf("offsets go back: %d after %d", l.Offset, off)
			}
			off = l.Offset
		}
	})
}

// A cell merged down several rows (rowspan) stands in the first of them;
// the rows below get an empty cell in its column, so that their cells
// stay under their headers.
func TestRowspan(t *testing.T) {
	page := `<table><tr><th>日期</th><th>单位</th><th>内容</th></tr>
<tr><td>3月2日</td><td rowspan="3">青枫县织锦中心</td><td>开展巡查</td></tr>
<tr><td></td><td>召开例会</td></tr>
<tr><td>3月9日</td><td>举办培训</td></tr>
<tr><td>3月20日</td><td rowspan=2>柳溪县织锦中心</td><td>开展调研</td></tr>
<tr><td>3月21日</td><td>举办讲座</td></tr></table>`
	_, rows := layouttest.Split(Read([]byte(page)))
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(r, "|"))
	}
	want := "日期|单位|内容 3月2日|青枫县织锦中心|开展巡查 ||召开例会 3月9日||举办培训 3月20日|柳溪县织锦中心|开展调研 3月21日||举办讲座"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("rows:\n%s", g)
	}
}

// A cell spanning columns (colspan) stands in the first of them and
// leaves the others empty, so that the row's later cells stay under their
// headers; a cell spanning both ways covers every column of its span in
// the rows below.
func TestColspan(t *testing.T) {
	for _, tt := range []struct{ name, page, want string }{
		{"a cell over two columns",
			`<table><tr><th>日期</th><th>中心</th><th>地点</th><th>内容</th></tr>
<tr><td>3月2日</td><td colspan="2">青枫县织锦中心（全县）</td><td>开展巡查</td></tr></table>`,
			"日期|中心|地点|内容 3月2日|青枫县织锦中心（全县）||开展巡查"},
		{"a cell over two columns and two rows",
			`<table><tr><th>日期</th><th>中心</th><th>地点</th><th>内容</th></tr>
<tr><td>3月2日</td><td colspan=2 rowspan=2>柳溪县织锦中心</td><td>开展巡查</td></tr>
<tr><td>3月9日</td><td>举办培训</td></tr></table>`,
			"日期|中心|地点|内容 3月2日|柳溪县织锦中心||开展巡查 3月9日|||举办培训"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, rows := layouttest.Split(Read([]byte(tt.page)))
			var got []string
			for _, r := range rows {
				got = append(got, strings.Join(r, "|"))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("rows %q\nwant %q", g, tt.want)
			}
		})
	}
}
