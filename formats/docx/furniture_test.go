package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/layout"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"`

// makeDocxWith builds a .docx whose body ends with a section naming the
// headers and footers given (reference type → the part's paragraphs),
// and whose settings turn on w:evenAndOddHeaders when evenOdd is set;
// styles, when given, are the w:style elements of its styles.xml.
func makeDocxWith(body string, parts [][3]string, evenOdd, titlePg bool, styles ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var sect, rels strings.Builder
	for i, p := range parts { // p: "header"|"footer", type, paragraphs
		id := fmt.Sprintf("rId%d", i+10)
		name := fmt.Sprintf("%s%d.xml", p[0], i+1)
		fmt.Fprintf(&sect, `<w:%sReference w:type="%s" r:id="%s"/>`, p[0], p[1], id)
		fmt.Fprintf(&rels, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s"/>`, id, p[0], name)
		root := map[string]string{"header": "hdr", "footer": "ftr"}[p[0]]
		w, _ := zw.Create("word/" + name)
		fmt.Fprintf(w, `<?xml version="1.0"?><w:%s %s>%s</w:%s>`, root, wNS, p[2], root)
	}
	if titlePg {
		sect.WriteString(`<w:titlePg/>`)
	}
	w, _ := zw.Create("word/document.xml")
	fmt.Fprintf(w, `<?xml version="1.0"?><w:document %s><w:body>%s<w:sectPr>%s</w:sectPr></w:body></w:document>`, wNS, body, sect.String())
	w, _ = zw.Create("word/_rels/document.xml.rels")
	fmt.Fprintf(w, `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>`, rels.String())
	w, _ = zw.Create("word/settings.xml")
	set := ""
	if evenOdd {
		set = `<w:evenAndOddHeaders/>`
	}
	fmt.Fprintf(w, `<?xml version="1.0"?><w:settings %s>%s</w:settings>`, wNS, set)
	if len(styles) > 0 {
		w, _ = zw.Create("word/styles.xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><w:styles %s>%s</w:styles>`, wNS, strings.Join(styles, ""))
	}
	zw.Close()
	return buf.Bytes()
}

// a page field as Word and LibreOffice write it (fldChar), with its
// cached result
const pageField = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`

// A Word document's headers and footers are page furniture: a paragraph
// with a page field is a page number (a 公文 part, 页码) with the side its
// alignment, frame, text box or tabs put it on — outside frames and the
// odd/even footers of w:evenAndOddHeaders tell right from left — and a
// running head is furniture without a role. None of their text enters the
// body.
func TestHeadersFooters(t *testing.T) {
	const body = `<w:p><w:r><w:t>青枫县织锦质控中心于2031年3月2日开展巡查。</w:t></w:r></w:p>`
	dash := func(ppr string) string {
		return `<w:p><w:pPr>` + ppr + `</w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>` + pageField + `<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>`
	}
	for _, tt := range []struct {
		name    string
		parts   [][3]string
		evenOdd bool
		titlePg bool
		want    string // furniture: role/side/text, in order
		styles  []string
	}{
		{"a right-aligned page number",
			[][3]string{{"footer", "default", dash(`<w:jc w:val="right"/>`)}}, false, false,
			"页码/right/— 7 —", nil},
		{"odd and even footers",
			[][3]string{{"footer", "even", dash(`<w:jc w:val="start"/>`)}, {"footer", "default", dash(`<w:jc w:val="end"/>`)}}, true, false,
			"页码/left/— 7 —|页码/right/— 7 —", nil},
		{"an even footer without evenAndOddHeaders is not shown",
			[][3]string{{"footer", "even", dash(`<w:jc w:val="left"/>`)}, {"footer", "default", dash(`<w:jc w:val="center"/>`)}}, false, false,
			"页码/center/— 7 —", nil},
		{"a frame on the outside edge",
			[][3]string{{"footer", "default", dash(`<w:framePr w:wrap="around" w:hAnchor="margin" w:xAlign="outside"/>`)}, {"footer", "even", dash(`<w:framePr w:wrap="around" w:hAnchor="margin" w:xAlign="outside"/>`)}}, true, false,
			"页码/right/— 7 —|页码/left/— 7 —", nil},
		{"a running head and a page number after tabs",
			[][3]string{{"header", "default", `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>青枫县织锦质控简报</w:t></w:r></w:p>`},
				{"footer", "default", `<w:p><w:r><w:t>柳溪县卫生健康局</w:t></w:r><w:r><w:tab/><w:tab/></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>`}}, false, false,
			"//青枫县织锦质控简报|//柳溪县卫生健康局|页码/right/3", nil},
		{"a page count is not a page number",
			[][3]string{{"footer", "default", `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>第</w:t></w:r>` + pageField + `<w:r><w:t>页 共</w:t></w:r><w:fldSimple w:instr="NUMPAGES"><w:r><w:t>9</w:t></w:r></w:fldSimple><w:r><w:t>页</w:t></w:r></w:p>`},
				{"header", "default", `<w:p><w:r><w:t>共</w:t></w:r><w:fldSimple w:instr="NUMPAGES"><w:r><w:t>9</w:t></w:r></w:fldSimple><w:r><w:t>页</w:t></w:r></w:p>`}}, false, false,
			"页码/center/第7页 共9页|//共9页", nil},
		{"a text box placed at the centre, its fallback copy skipped",
			[][3]string{{"footer", "default", `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH><w:txbxContent>` + dash(``) + `</w:txbxContent></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>` + dash(``) + `</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`}}, false, false,
			"页码/center/— 7 —", nil},
		{"aligned by its style's base",
			[][3]string{{"footer", "default", dash(`<w:pStyle w:val="Footer"/>`)}}, false, false,
			"页码/right/— 7 —", []string{`<w:style w:type="paragraph" w:styleId="Footer"><w:basedOn w:val="PageFoot"/></w:style>`,
				`<w:style w:type="paragraph" w:styleId="PageFoot"><w:pPr><w:jc w:val="right"/></w:pPr></w:style>`}},
		{"aligned by the default paragraph style",
			[][3]string{{"footer", "default", dash(``)}}, false, false,
			"页码/center/— 7 —", []string{`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:pPr><w:jc w:val="center"/></w:pPr></w:style>`,
				`<w:style w:type="paragraph" w:styleId="Other"><w:pPr><w:jc w:val="right"/></w:pPr></w:style>`}},
		{"no alignment anywhere: left",
			[][3]string{{"footer", "default", dash(`<w:pStyle w:val="Footer"/>`)}}, false, false,
			"页码/left/— 7 —", []string{`<w:style w:type="paragraph" w:styleId="Footer"><w:basedOn w:val="Footer"/></w:style>`}},
		{"a first page's footer only with titlePg",
			[][3]string{{"footer", "first", `<w:p><w:r><w:t>首页页脚</w:t></w:r></w:p>`}, {"footer", "default", dash(`<w:jc w:val="right"/>`)}}, false, false,
			"页码/right/— 7 —", nil},
		{"a first page's footer with titlePg",
			[][3]string{{"footer", "first", `<w:p><w:r><w:t>首页页脚</w:t></w:r></w:p>`}}, false, true,
			"//首页页脚", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := Read(makeDocxWith(body, tt.parts, tt.evenOdd, tt.titlePg, tt.styles...))
			if err != nil {
				t.Fatal(err)
			}
			doc := layout.Build(lines)
			var got, parts []string
			for _, f := range doc.Furniture {
				got = append(got, f.Role+"/"+f.Side+"/"+f.Text)
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("furniture %q, want %q", g, tt.want)
			}
			for _, p := range doc.Parts {
				if p.Role == document.RolePageNumber {
					parts = append(parts, p.Role+"/"+p.Side+"/"+p.Text)
					if p.Span.End > p.Span.Start {
						t.Errorf("page number part with a span: %+v", p)
					}
				}
			}
			var wantParts []string
			for _, w := range strings.Split(tt.want, "|") {
				if strings.HasPrefix(w, document.RolePageNumber) {
					wantParts = append(wantParts, w)
				}
			}
			if strings.Join(parts, "|") != strings.Join(wantParts, "|") {
				t.Errorf("page number parts %q, want %q", parts, wantParts)
			}
			if doc.Text != "青枫县织锦质控中心于2031年3月2日开展巡查。" {
				t.Errorf("body text %q", doc.Text)
			}
		})
	}
}

// LibreOffice's Word output (testdata/docx/furniture): its odd and even
// footers' page numbers on their sides, its running head as furniture,
// and only the body in the text.
func TestHeadersFootersLibreOffice(t *testing.T) {
	b, err := os.ReadFile("../../testdata/docx/furniture/footers.docx")
	if err != nil {
		t.Fatal(err)
	}
	lines, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	doc := layout.Build(lines)
	var got []string
	for _, f := range doc.Furniture {
		got = append(got, f.Role+"/"+f.Side+"/"+f.Text)
	}
	want := "//青枫县织锦质控简报|//青枫县织锦质控简报|页码/left/— 0 —|页码/right/— 1 —"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("furniture %q, want %q", g, want)
	}
	if doc.Text != "青枫县织锦质控中心于2031年3月2日开展巡查。\n柳溪县织锦质控中心于2031年3月9日举办培训。" {
		t.Errorf("body text %q", doc.Text)
	}
}
