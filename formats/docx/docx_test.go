package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"qcweave/layout"
	"qcweave/layout/layouttest"
)

// makeDocx builds a minimal .docx around a document.xml body.
func makeDocx(body string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
	zw.Close()
	return buf.Bytes()
}

func TestRead(t *testing.T) {
	b := makeDocx(`<w:p><w:r><w:t>关于质控中心的</w:t></w:r><w:r><w:t>通报</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>18</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>河南省妇幼保健院</w:t></w:r></w:p><w:p><w:r><w:t>河南省儿童医院</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>序号</w:t><w:tab/><w:t>名称</w:t></w:r></w:p>`)
	lines, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	texts, cells := layouttest.Split(lines)
	var row []string
	if len(cells) > 0 {
		row = cells[0]
	}
	if len(texts) != 2 || texts[0] != "关于质控中心的通报" || texts[1] != "序号\t名称" {
		t.Errorf("paragraphs %q", texts)
	}
	if len(row) != 2 || row[1] != "河南省妇幼保健院 河南省儿童医院" {
		t.Errorf("row %q", row)
	}
	if _, err := Read(makeDocxNamed("xl/workbook.xml")); !errors.Is(err, ErrNotDocx) {
		t.Errorf("an archive without document.xml: %v", err)
	}
}

func makeDocxNamed(name string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.Create(name)
	zw.Close()
	return buf.Bytes()
}

// Hostile documents are refused with ErrTooBig: elements nested thousands
// deep, and a part that unzips past the limit.
func TestLimits(t *testing.T) {
	deep := strings.Repeat("<w:sdt>", maxDepth+10) + strings.Repeat("</w:sdt>", maxDepth+10)
	if _, err := Read(makeDocx(deep)); !errors.Is(err, ErrTooBig) {
		t.Errorf("deep nesting: %v, want ErrTooBig", err)
	}
	shallow := strings.Repeat("<w:sdt>", 50) + "<w:p><w:r><w:t>文字</w:t></w:r></w:p>" + strings.Repeat("</w:sdt>", 50)
	if lines, err := Read(makeDocx(shallow)); err != nil || len(lines) == 0 {
		t.Errorf("50 levels: %v", err)
	}
	big := strings.Repeat("<w:p/>", maxPart/6+1)
	if _, err := Read(makeDocx(big)); !errors.Is(err, ErrTooBig) {
		t.Errorf("a part over %d MB: %v, want ErrTooBig", maxPart>>20, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(makeDocx(`<w:p><w:r><w:t>文本</w:t></w:r></w:p>`))
	f.Add([]byte("PK\x03\x04"))
	f.Add(makeDocxWith(`<w:p><w:r><w:t>文本</w:t></w:r></w:p>`, [][3]string{{"footer", "default", `<w:p><w:pPr><w:jc w:val="right"/></w:pPr>` + pageField + `</w:p>`}}, true, false))
	f.Fuzz(func(t *testing.T, b []byte) {
		Read(b) // an error or lines; never a panic
	})
}

// A paragraph keeps the colour and size of its first run of text (a
// 公文's red, large 版头); a paragraph without them has none.
func TestRunColourSize(t *testing.T) {
	b := makeDocx(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:color w:val="E00000"/><w:sz w:val="68"/></w:rPr><w:t>某市卫生健康委员会文件</w:t></w:r></w:p>
<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>红字</w:t></w:r></w:p>`)
	lines, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	var got []layout.Line
	for _, l := range lines {
		if l.Text != "" {
			got = append(got, l)
		}
	}
	if len(got) != 2 || got[0].Color != 0xE00000 || got[0].Size != 34 || got[1].Color != 0 || got[1].Size != 0 {
		t.Errorf("lines %+v", got)
	}
}

// A picture (w:drawing, w:pict) lies over the paragraph that holds it, or
// over the next paragraph with text when its own has none (a seal anchored
// in an empty paragraph above the signature); a picture in a table cell
// marks no paragraph.
func TestPictureSeal(t *testing.T) {
	b := makeDocx(`<w:p><w:r><w:t>正文一段。</w:t></w:r></w:p>
<w:p><w:r><w:drawing/></w:r></w:p>
<w:p><w:r><w:t>某市卫生健康委员会</w:t></w:r></w:p>
<w:p><w:r><w:t>2031年4月9日</w:t></w:r></w:p>
<w:p><w:r><w:pict/></w:r><w:r><w:t>某县卫生健康局</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:drawing/></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>表后一段。</w:t></w:r></w:p>`)
	lines, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		if l.Seal {
			got = append(got, l.Text)
		}
	}
	if strings.Join(got, "|") != "某市卫生健康委员会|某县卫生健康局" {
		t.Errorf("lines under a picture: %q", got)
	}
}

// Merged cells keep the row's other cells in their columns: a cell
// spanning columns (w:gridSpan) stands in the first of them and leaves the
// others empty, as do the grid columns a row skips (w:gridBefore); a cell
// merged down (w:vMerge) stands in its first row, the rows below getting
// an empty cell in its column (filled by the extractors, as for HTML's
// rowspan).
func TestMergedCells(t *testing.T) {
	tc := func(pr, text string) string {
		return `<w:tc><w:tcPr>` + pr + `</w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	tr := func(pr string, cells ...string) string {
		return `<w:tr><w:trPr>` + pr + `</w:trPr>` + strings.Join(cells, "") + `</w:tr>`
	}
	for _, tt := range []struct {
		name, table string
		want        string
	}{
		{"a cell over two columns",
			tr(``, tc(``, "日期"), tc(``, "中心"), tc(``, "地点"), tc(``, "内容")) +
				tr(``, tc(``, "3月2日"), tc(`<w:gridSpan w:val="2"/>`, "青枫县织锦中心（全县）"), tc(``, "开展巡查")),
			"日期|中心|地点|内容 3月2日|青枫县织锦中心（全县）||开展巡查"},
		{"a cell merged down",
			tr(``, tc(``, "日期"), tc(``, "中心"), tc(``, "内容")) +
				tr(``, tc(``, "3月2日"), tc(`<w:vMerge w:val="restart"/>`, "青枫县织锦中心"), tc(``, "开展巡查")) +
				tr(``, tc(``, "3月9日"), `<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>`, tc(``, "举办培训")),
			"日期|中心|内容 3月2日|青枫县织锦中心|开展巡查 3月9日||举办培训"},
		{"a row that skips its first grid column",
			tr(``, tc(``, "日期"), tc(``, "中心"), tc(``, "内容")) +
				tr(`<w:gridBefore w:val="1"/>`, tc(``, "柳溪县织锦中心"), tc(``, "召开例会")),
			"日期|中心|内容 |柳溪县织锦中心|召开例会"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := Read(makeDocx(`<w:tbl>` + tt.table + `</w:tbl>`))
			if err != nil {
				t.Fatal(err)
			}
			_, rows := layouttest.Split(lines)
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

// A paragraph's tab stops (w:tabs in its properties) are not tabs of its
// text: only w:tab in a run is.
func TestTabStops(t *testing.T) {
	for _, tt := range []struct{ name, para, want string }{
		{"stops only", `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/><w:tab w:val="center" w:pos="4153"/></w:tabs></w:pPr><w:r><w:t>青枫县织锦质控中心开展巡查。</w:t></w:r></w:p>`, "青枫县织锦质控中心开展巡查。"},
		{"stops and a tab", `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>序号</w:t><w:tab/><w:t>名称</w:t></w:r></w:p>`, "序号\t名称"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := Read(makeDocx(tt.para))
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) == 0 || lines[0].Text != tt.want {
				t.Errorf("lines %+v, want the text %q", lines, tt.want)
			}
		})
	}
}

// A text box (w:txbxContent) anchored in a paragraph is read once, as
// paragraphs of its own before the rest of the anchoring paragraph, whose
// text around the box is kept whole; its VML fallback copy (mc:Fallback)
// is skipped.
func TestTextBox(t *testing.T) {
	box := func(text string) string {
		return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>` + text +
			`</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>` + text +
			`</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
	}
	for _, tt := range []struct{ name, body, want string }{
		{"a box inside a paragraph", `<w:p><w:r><w:t>青枫县织锦质控中心</w:t></w:r>` + box("柳溪县卫生健康局") + `<w:r><w:t>开展巡查。</w:t></w:r></w:p>`,
			"柳溪县卫生健康局|青枫县织锦质控中心开展巡查。"},
		{"a box alone", `<w:p>` + box("石桥县织锦质控简报") + `</w:p><w:p><w:r><w:t>正文一段。</w:t></w:r></w:p>`,
			"石桥县织锦质控简报|正文一段。"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := Read(makeDocx(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			texts, _ := layouttest.Split(lines)
			if g := strings.Join(texts, "|"); g != tt.want {
				t.Errorf("paragraphs %q, want %q", g, tt.want)
			}
		})
	}
}
