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

func FuzzRead(f *testing.F) {
	f.Add([]byte(`<table><tr><td>1</td><td>郑州</td></tr></table><p>文本</p>`))
	f.Add([]byte(`<script><p>`))
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
