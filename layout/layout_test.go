package layout

import (
	"fmt"
	"strings"
	"testing"

	"qcweave/document"
)

func lines(s string) []Line {
	var out []Line
	off := 0
	for _, l := range strings.Split(s, "\n") {
		out = append(out, Line{Text: l, Offset: off})
		off += len([]rune(l)) + 1
	}
	return out
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"关于质控织网行动有关重点任务推进落实情况的 通 报", "关于质控织网行动有关重点任务推进落实情况的通报"},
		{"2025 年 2 月 11 日，洛阳 294 个", "2025年2月11日，洛阳294个"},
		{"体外循环及心血管 ECMO 医疗", "体外循环及心血管ECMO医疗"},
		{"免疫学(含变态反应)", "免疫学（含变态反应）"},
		{"２０２５年ＡＢ", "2025年AB"},
		{"Identity H font", "Identity H font"},
		{"伤口 / 造口", "伤口/造口"},
	}
	for _, tt := range tests {
		doc := Build(lines(tt.in))
		if doc.Text != tt.want {
			t.Errorf("Build(%q) = %q, want %q", tt.in, doc.Text, tt.want)
		}
	}
}

func TestJoinBrokenLines(t *testing.T) {
	in := "一、县级质控中心组建情况\n\n截至2025年4月底，全省共组建2131个县（市）级质控组\n\n— 3 —\n\n织，其中推进较快。\n\n点评：\n\n湖北省新生儿科医疗质量控制中心——\n\n提升救治水平 守护新生希望"
	doc := Build(lines(in))
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, doc.Slice(b.Span))
	}
	want := []string{"一、县级质控中心组建情况", "截至2025年4月底，全省共组建2131个县（市）级质控组织，其中推进较快。", "点评：", "湖北省新生儿科医疗质量控制中心——", "提升救治水平守护新生希望"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("blocks:\n got %q\nwant %q", got, want)
	}
}

func TestTables(t *testing.T) {
	in := "序号\t质控中心名称\t责任单位\n1\t河南省呼吸内科专业医疗质量控制中心\t河南省人民医院\n\n序号\t质控中心名称\t责任单位\n2\t河南省创伤医疗质量控制中心\t郑州大学第一附属医院 郑州市中心医院\n\n附件 2"
	doc := Build(lines(in))
	tables := doc.Tables()
	if len(tables) != 1 {
		t.Fatalf("got %d tables, want 1 (a repeated header continues the table)", len(tables))
	}
	tb := tables[0]
	if tb.Header != 1 || len(tb.Rows) != 3 {
		t.Fatalf("header %d rows %d, want 1 and 3", tb.Header, len(tb.Rows))
	}
	if got := tb.Rows[2].Cells[2].Text; got != "郑州大学第一附属医院 郑州市中心医院" {
		t.Errorf("two-institution cell = %q", got)
	}
	for _, r := range tb.Rows {
		for _, c := range r.Cells {
			if doc.Slice(c.Span) != c.Text {
				t.Errorf("cell span %v holds %q, cell is %q", c.Span, doc.Slice(c.Span), c.Text)
			}
		}
	}
	// the space-aligned form
	doc = Build(lines("序号    设区市    已建数量\n1       杭州      45"))
	if len(doc.Tables()) != 1 || len(doc.Tables()[0].Rows[1].Cells) != 3 {
		t.Errorf("space-aligned table not found: %+v", doc.Blocks)
	}
}

func TestSourceMap(t *testing.T) {
	src := "标题\n\n洛阳 294 个"
	doc := Build(lines(src))
	r := []rune(src)
	for i, c := range doc.Runes() {
		if c == '\n' || c == '\t' {
			continue
		}
		if got := r[doc.Source[i]]; got != c {
			t.Errorf("rune %d %q maps to source %q", i, c, got)
		}
	}
	if s := doc.SourceSpan(document.Span{Start: 3, End: 8}); s.Start != 4 || s.End != 10 {
		t.Errorf("SourceSpan = %v, want [4,10)", s)
	}
}

func FuzzBuild(f *testing.F) {
	f.Add("序号\t名称\t单位\n1\t河南省呼吸内科专业医疗质量控制中心\t河南省人民医院")
	f.Add("截至2025年4月底，全省共组建2131个县（市）级质控组\n\n织，其中")
	f.Add("— 2 —\n第2页 共9页\n  a  b  c  ")
	f.Fuzz(func(t *testing.T, s string) {
		doc := Build(lines(s))
		n := len(doc.Runes())
		if len(doc.Source) != n {
			t.Fatalf("source map has %d entries for %d runes", len(doc.Source), n)
		}
		for _, b := range doc.Blocks {
			if b.Span.Start < 0 || b.Span.End > n || b.Span.Start > b.Span.End {
				t.Fatalf("block span %v outside %d runes", b.Span, n)
			}
		}
	})
}

func TestLongTitleNotJoined(t *testing.T) {
	doc := Build(lines("关于进一步加强全省医疗质量控制中心建设和管理工作有关事项的通知\n各市卫生健康委，委直属各单位："))
	if len(doc.Blocks) != 2 {
		t.Errorf("a title ending with 的通知 was joined with the next line: %q", doc.Text)
	}
}

// TestLayoutModeTable reads a table as pdftotext -layout writes it: rows
// between blank lines, a cell too long for its line continued above and
// below the row, and a row whose middle cell is on those lines.
func TestLayoutModeTable(t *testing.T) {
	in := strings.Join([]string{
		"序号             质控中心名称                      责任单位",
		"",
		"6    河南省内分泌专业医疗质量控制中心        河南省人民医院",
		"",
		"",
		"     河南省免疫学（含变态反应）专业医疗质量控制中",
		"7                           河南省人民医院",
		"     心",
		"",
		"",
		"8    河南省老年医学医疗质量控制中心         河南省人民医院",
	}, "\n")
	doc := Build(lines(in))
	tables := doc.Tables()
	if len(tables) != 1 || len(tables[0].Rows) != 4 {
		t.Fatalf("want one table of 4 rows, got %+v", doc.Blocks)
	}
	row := tables[0].Rows[2]
	if got := row.Cells[1].Text + "|" + row.Cells[2].Text; got != "河南省免疫学（含变态反应）专业医疗质量控制中心|河南省人民医院" {
		t.Errorf("row 7 = %q", got)
	}
}

// A web page's furniture stands alone: a headline is not continued by its
// byline, a byline with wide gaps is no table row, and a 文号 line is not
// continued by the recipients.
func TestPageLinesStandAlone(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"市超声质控中心举办全市超声质量控制培训班\n发布时间:2023-02-14 10:20 | 来源:市卫健委\n2月10日，市超声质控中心举办培训班。",
			[]string{"市超声质控中心举办全市超声质量控制培训班", "发布时间:2023-02-14 10:20 |来源:市卫健委", "2月10日，市超声质控中心举办培训班。"}},
		{"县病理质控中心召开年会\n\n发布时间: 2019-12-02 08:30    |    来源: 县医院    |    编辑: 某某",
			[]string{"县病理质控中心召开年会", "发布时间: 2019-12-02 08:30 |来源:县医院|编辑:某某"}},
		// a byline that opens with the source, its date after it
		{"某县心电质控中心开展培训\n信息来源:县卫生健康局 发布时间:2022-06-09\n6月8日，县心电质控中心开展培训。",
			[]string{"某县心电质控中心开展培训", "信息来源:县卫生健康局发布时间:2022-06-09", "6月8日，县心电质控中心开展培训。"}},
		{"当前位置: 首页 > 工作动态 > 正文\n省药事质控中心赴基层调研",
			[]string{"当前位置:首页>工作动态>正文", "省药事质控中心赴基层调研"}},
		{"某卫健函〔2024〕8号\n各市卫生健康委员会、各有关单位：",
			[]string{"某卫健函〔2024〕8号", "各市卫生健康委员会、各有关单位："}},
		// a 文号 alone on its line is not the end of the index header above it
		{"索引号:000000-0001/2023-00042 发布机构:某某省卫生健康委员会 公开方式:依申请公开\n某卫医函〔2023〕5号\n关于某某的通知",
			[]string{"索引号:000000-0001/2023-00042发布机构:某某省卫生健康委员会公开方式:依申请公开", "某卫医函〔2023〕5号", "关于某某的通知"}},
		// the signature under an attachment's title continues no line
		{"附件：某某县医疗质量控制中心建设情况统计表\n某某市卫生健康委员会\n2023年5月6日",
			[]string{"附件：某某县医疗质量控制中心建设情况统计表", "某某市卫生健康委员会", "2023年5月6日"}},
		// but a signature over two lines stays one
		{"某某省医疗质量控制中心\n管理办公室\n2023年5月6日",
			[]string{"某某省医疗质量控制中心管理办公室", "2023年5月6日"}},
		// nor does the title right under the index header continue it
		{"索引号：000000-0002/2023-00017    发布机构：某某市卫生健康委员会    发布日期：2023-05-06\n某某市卫生健康委员会关于某某的通知\n某卫字〔2023〕3号",
			[]string{"索引号：000000-0002/2023-00017发布机构：某某市卫生健康委员会发布日期：2023-05-06", "某某市卫生健康委员会关于某某的通知", "某卫字〔2023〕3号"}},
	}
	for _, tt := range tests {
		doc := Build(lines(tt.in))
		var got []string
		for _, b := range doc.Blocks {
			if b.Kind != document.Paragraph {
				t.Errorf("%q: a %s block", tt.in, b.Kind)
			}
			got = append(got, doc.Slice(b.Span))
		}
		if strings.Join(got, "¦") != strings.Join(tt.want, "¦") {
			t.Errorf("blocks:\n got %q\nwant %q", got, tt.want)
		}
	}
}

// Page numbers and running heads are kept out of the text, and kept as the
// document's furniture with their pages; the first occurrence of a line
// repeated at the top of every page (a form's label) stays in the body, and
// so does a label repeated in the middle of pages.
func TestFurniture(t *testing.T) {
	var ls []Line
	off := 0
	add := func(page int, s string) {
		ls = append(ls, Line{Text: s, Offset: off, Page: page})
		off += len([]rune(s)) + 1
	}
	for p := 1; p <= 3; p++ {
		add(p, "某省卫生健康委员会简报")
		add(p, fmt.Sprintf("第%d页正文，质控中心开展督导工作。", p))
		add(p, fmt.Sprintf("正文继续，质控中心第%d次召开工作会议。", p))
		add(p, fmt.Sprintf("正文继续，质控中心第%d次开展培训。", p))
		add(p, "点评：") // a label in the middle of every page
		add(p, "点评的内容，指出工作成效。")
		add(p, fmt.Sprintf("正文继续，质控中心第%d次赴基层调研。", p))
		add(p, fmt.Sprintf("正文继续，质控中心第%d次完成年度总结。", p))
		add(p, fmt.Sprintf("正文继续，质控中心第%d次发布指标。", p))
		add(p, fmt.Sprintf("— %d —", p))
	}
	doc := Build(ls)
	if strings.Contains(doc.Text, "— 2 —") || strings.Count(doc.Text, "某省卫生健康委员会简报") != 1 || strings.Count(doc.Text, "点评：") != 3 {
		t.Errorf("text %q: furniture in the body", doc.Text)
	}
	pn := document.RolePageNumber
	want := []document.Furniture{{Page: 1, Text: "— 1 —", Role: pn}, {Page: 2, Text: "某省卫生健康委员会简报"}, {Page: 2, Text: "— 2 —", Role: pn}, {Page: 3, Text: "某省卫生健康委员会简报"}, {Page: 3, Text: "— 3 —", Role: pn}}
	if fmt.Sprint(doc.Furniture) != fmt.Sprint(want) {
		t.Errorf("furniture %v, want %v", doc.Furniture, want)
	}
}

// A line that runs to the margin at the foot of a page, cut inside a word,
// goes on into the next page's first line even when the producer indented
// that line anew; a sentence that ended there does not.
func TestJoinAcrossPageIndent(t *testing.T) {
	for _, c := range []struct {
		foot string
		want int
	}{{"全市已组建县级质控组织八十个，其中推进较快的是南", 1}, {"全市已组建县级质控组织八十个，各县推进都较快。", 2}} {
		ls := []Line{
			{Text: c.foot, Page: 1, Geometry: true, Full: true, Size: 16},
			{Page: 1},
			{Text: "山县，其余各县正在推进。", Page: 2, Offset: 40, Geometry: true, Indent: true, Size: 16},
		}
		if got := len(Build(ls).Blocks); got != c.want {
			t.Errorf("%q: %d blocks, want %d", c.foot, got, c.want)
		}
	}
}

// A header repeated on the next page whose cells a scan ran together (no
// gap between them) is the header again, not the rest of the cell above.
func TestRepeatedHeaderRunTogether(t *testing.T) {
	in := "编号\t区县\t尚缺的专业\n1\t甲县\t眼科、口腔科\n\n— 2 —\n\n    编号 区县尚缺的专业\n2\t乙县\t病理科"
	doc := Build(lines(in))
	tables := doc.Tables()
	if len(tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(tables))
	}
	var got []string
	for _, r := range tables[0].Rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := []string{"编号|区县|尚缺的专业", "1|甲县|眼科、口腔科", "2|乙县|病理科"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A tab-separated table whose cell wrapped onto a line of its own (a text
// export of a cell with a line break) keeps the piece in its row and its
// column: the tabs before it tell the column. A line whose first cell is
// empty continues the row above when the rows are numbered, or when the
// cell above does not end its sentence; otherwise it is a row of its own
// under cells merged down (their empty cells kept, for the extractors to
// fill).
func TestTabContinuationRows(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"last cell wrapped",
			"序号\t中心名称\t依托单位\n1\t青枫县织锦质控中心\t青枫县人民医院\n2\t柳溪县织锦质控中心\t柳溪县第一\n\t\t人民医院\n3\t石桥县织锦质控中心\t石桥县中医院",
			[]string{"序号|中心名称|依托单位", "1|青枫县织锦质控中心|青枫县人民医院", "2|柳溪县织锦质控中心|柳溪县第一人民医院", "3|石桥县织锦质控中心|石桥县中医院"}},
		{"two cells wrapped in a numbered table",
			"序号\t中心名称\t依托单位\n1\t青枫县织锦质控中心\t青枫县人民医院\n2\t柳溪县织锦\t柳溪县第一\n\t质控中心\t人民医院\n3\t石桥县织锦质控中心\t石桥县中医院",
			[]string{"序号|中心名称|依托单位", "1|青枫县织锦质控中心|青枫县人民医院", "2|柳溪县织锦质控中心|柳溪县第一人民医院", "3|石桥县织锦质控中心|石桥县中医院"}},
		{"a sentence cut across lines",
			"日期\t中心\t工作内容\n3月2日\t青枫县织锦中心\t开展巡查，覆盖全县\n\t\t12家医院。\n3月9日\t柳溪县织锦中心\t举办培训。",
			[]string{"日期|中心|工作内容", "3月2日|青枫县织锦中心|开展巡查，覆盖全县12家医院。", "3月9日|柳溪县织锦中心|举办培训。"}},
		{"a row under merged cells",
			"日期\t中心\t工作内容\n3月2日\t青枫县织锦中心\t开展巡查。\n\t\t召开例会。\n3月9日\t柳溪县织锦中心\t举办培训。",
			[]string{"日期|中心|工作内容", "3月2日|青枫县织锦中心|开展巡查。", "||召开例会。", "3月9日|柳溪县织锦中心|举办培训。"}},
		{"two cells under a merged date",
			"日期\t中心\t工作内容\n3月2日\t青枫县织锦中心\t开展巡查。\n\t柳溪县织锦中心\t召开例会。\n3月9日\t石桥县织锦中心\t举办培训。",
			[]string{"日期|中心|工作内容", "3月2日|青枫县织锦中心|开展巡查。", "|柳溪县织锦中心|召开例会。", "3月9日|石桥县织锦中心|举办培训。"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := Build(lines(tt.in))
			tables := doc.Tables()
			if len(tables) != 1 || len(doc.Blocks) != 1 {
				t.Fatalf("%d blocks, %d tables, want the one table", len(doc.Blocks), len(tables))
			}
			var got []string
			for _, r := range tables[0].Rows {
				var cells []string
				for _, c := range r.Cells {
					cells = append(cells, c.Text)
					if doc.Slice(c.Span) != c.Text {
						t.Errorf("cell span %v holds %q, cell is %q", c.Span, doc.Slice(c.Span), c.Text)
					}
				}
				got = append(got, strings.Join(cells, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
