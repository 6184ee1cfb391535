// Command gongwen lays out a seed notice as a 公文 after GB/T 9704 — a red
// 版头 with 文件, the 发文字号 beside the 签发人, a red rule, the title, the
// 主送机关, the body with two-character indents, the 附件说明, the
// 发文机关署名 and 成文日期 under a red seal, the 附注, the attachments on
// pages of their own and the 版记 (抄送, 印发机关 and 印发日期 between rules)
// — as HTML for Chromium (page numbers "— N —" on alternating sides) and as
// a Word document written here (footers of odd and even pages, the seal a
// picture anchored over the signature) for LibreOffice and for the DOCX
// reader. See ../make.sh.
//
//	go run ./testdata/pdf/render/gongwen SEED.txt SEEDKEY.json OUTBASE
//
// writes OUTBASE.html, OUTBASE.docx and OUTBASE.json: the seed's answer
// key with the document's date set to the 成文日期 this layout adds (the
// seed's text has none).
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"regexp"
	"strings"

	"qcweave/document"
	"qcweave/formats/plaintext"
	"qcweave/layout"
)

// The parts this layout adds to the seed's text: a 公文 carries them, the
// seed's text lost them. The names are invented.
const (
	signee    = "签发人：周文远"
	date      = "2025年5月12日"
	dateISO   = "2025-05-12"
	note      = "（此件主动公开）"
	copyTo    = "抄送：国家卫生健康委医政司，河南省临床路径管理质量控制中心，各省级医疗质量控制中心。"
	printer   = "河南省卫生健康委员会办公室"
	printDate = "2025年5月13日印发"
)

// part is one paragraph or table of the laid-out notice.
type part struct {
	kind  string // banner, number, title, to, body, attach, sign, date, note, annex, annextitle, table, copy, print, break
	text  string
	rows  [][]string
	index int // a table's first data row number (its header is rows[0])
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: gongwen SEED.txt SEEDKEY.json OUTBASE")
		os.Exit(2)
	}
	out := os.Args[3]
	parts, err := read(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "gongwen:", err)
		os.Exit(1)
	}
	if err := writeKey(os.Args[2], out+".json"); err != nil {
		fmt.Fprintln(os.Stderr, "gongwen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(out+".html", []byte(toHTML(parts)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gongwen:", err)
		os.Exit(1)
	}
	b, err := toDOCX(parts)
	if err == nil {
		err = os.WriteFile(out+".docx", b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gongwen:", err)
		os.Exit(1)
	}
}

var (
	reDocNo  = regexp.MustCompile(`〔\d{4}〕\d+号$`)
	reAnnex  = regexp.MustCompile(`^附件\s*\d+$`)
	reAttach = regexp.MustCompile(`^附件[:：]`)
	reItem   = regexp.MustCompile(`^\d+[.．]`)
)

// writeKey writes the seed's answer key with the 成文日期 as the date.
func writeKey(seedKey, path string) error {
	b, err := os.ReadFile(seedKey)
	if err != nil {
		return err
	}
	var key map[string]any
	if err := json.Unmarshal(b, &key); err != nil {
		return fmt.Errorf("%s: %w", seedKey, err)
	}
	doc, _ := key["document"].(map[string]any)
	if doc == nil {
		return fmt.Errorf("%s: no document", seedKey)
	}
	doc["date"] = dateISO
	key["note"] = "the key of the seed, with the 成文日期 this 公文 layout adds as the document's date"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(key); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// read lays out the seed and orders its blocks as a 公文's parts.
func read(path string) ([]part, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text, _, err := plaintext.Decode(b)
	if err != nil {
		return nil, err
	}
	doc := layout.Build(plaintext.Lines(text))
	var parts []part
	issuer := ""
	state := "head"
	for _, bl := range doc.Blocks {
		t := doc.Slice(bl.Span)
		if bl.Kind == document.Table {
			var rows [][]string
			for _, r := range bl.Rows {
				var cells []string
				for _, c := range r.Cells {
					cells = append(cells, c.Text)
				}
				rows = append(rows, cells)
			}
			parts = append(parts, part{kind: "table", rows: rows})
			continue
		}
		switch {
		case issuer == "":
			issuer = t
			parts = append(parts, part{kind: "banner", text: t + "文件"})
		case reDocNo.MatchString(t) && state == "head":
			parts = append(parts, part{kind: "number", text: t})
		case state == "head" && strings.HasPrefix(t, "关于"):
			parts = append(parts, part{kind: "title", text: t})
			state = "to"
		case state == "to":
			parts = append(parts, part{kind: "to", text: t})
			state = "body"
		case state == "body" && reAttach.MatchString(t):
			parts = append(parts, part{kind: "attach", text: t})
			state = "attach"
		case state == "attach" && reItem.MatchString(t):
			parts = append(parts, part{kind: "attach2", text: t})
		case state == "body":
			parts = append(parts, part{kind: "body", text: t})
		case reAnnex.MatchString(t):
			if state == "attach" {
				parts = append(parts,
					part{kind: "sign", text: issuer}, part{kind: "date", text: date}, part{kind: "note", text: note})
			}
			state = "annex"
			parts = append(parts, part{kind: "break"}, part{kind: "annex", text: t})
		case state == "annex":
			parts = append(parts, part{kind: "annextitle", text: t})
		}
	}
	parts = append(parts, part{kind: "copy", text: copyTo}, part{kind: "print", text: printer + "\u3000\u3000\u3000\u3000" + printDate})
	return parts, nil
}

const css = `@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font-size: 14pt; font-family: 'Noto Serif CJK SC', serif; margin-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-size: 14pt; font-family: 'Noto Serif CJK SC', serif; margin-left: 1em; } }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 28pt; margin: 0; }
p { text-indent: 2em; margin: 0; }
.banner { color: #e00; text-align: center; font-size: 30pt; line-height: 1.3; margin: 12pt 0 30pt; font-family: 'Noto Sans CJK SC', sans-serif; }
.number { display: flex; justify-content: space-between; text-indent: 0; padding: 0 1em; }
hr.red { border: 0; border-top: 2px solid #e00; margin: 8pt 0 28pt; }
.title { text-align: center; font-size: 22pt; line-height: 1.5; text-indent: 0; margin: 0 0 28pt; }
.to { text-indent: 0; }
.attach { margin-top: 28pt; }
.attach2 { padding-left: 5em; text-indent: 0; }
.signblock { position: relative; margin-top: 56pt; }
.sign, .date { text-align: right; text-indent: 0; padding-right: 4em; }
.seal { position: absolute; right: 3em; top: -40pt; width: 120pt; height: 120pt; }
.note { margin-top: 14pt; }
.annex { text-indent: 0; font-family: 'Noto Sans CJK SC', sans-serif; }
.annextitle { text-align: center; font-size: 22pt; line-height: 1.5; text-indent: 0; margin: 14pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; }
td, th { border: 1px solid #000; padding: 2pt 4pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.banji { margin-top: 40pt; border-top: 1px solid #000; border-bottom: 1px solid #000; break-inside: avoid; }
.banji p { font-size: 14pt; text-indent: 0; padding: 2pt 1em; }
.banji .copy { border-bottom: 1px solid #000; }
`

// seal is the seal drawn over the signature: a red ring, a star and the
// organ's name, as vector paths and text.
const sealSVG = `<svg class="seal" viewBox="0 0 120 120" xmlns="http://www.w3.org/2000/svg"><circle cx="60" cy="60" r="56" fill="none" stroke="#e00" stroke-width="4"/>` +
	`<path d="M60 30 L67 52 L90 52 L71 65 L78 87 L60 73 L42 87 L49 65 L30 52 L53 52 Z" fill="#e00"/></svg>`

func toHTML(parts []part) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>` + css + `</style></head><body>` + "\n")
	esc := html.EscapeString
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		switch p.kind {
		case "banner":
			fmt.Fprintf(&b, "<div class=\"banner\">%s</div>\n", esc(p.text))
		case "number":
			fmt.Fprintf(&b, "<p class=\"number\"><span>%s</span><span>%s</span></p>\n<hr class=\"red\">\n", esc(p.text), esc(signee))
		case "sign":
			fmt.Fprintf(&b, "<div class=\"signblock\">%s<p class=\"sign\">%s</p>\n", sealSVG, esc(p.text))
		case "date":
			fmt.Fprintf(&b, "<p class=\"date\">%s</p></div>\n", esc(p.text))
		case "break":
			b.WriteString("<div style=\"break-before: page\"></div>\n")
		case "table":
			b.WriteString("<table><thead><tr>")
			for _, c := range p.rows[0] {
				fmt.Fprintf(&b, "<th>%s</th>", esc(c))
			}
			b.WriteString("</tr></thead><tbody>\n")
			for _, r := range p.rows[1:] {
				b.WriteString("<tr>")
				for _, c := range r {
					fmt.Fprintf(&b, "<td>%s</td>", esc(c))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</tbody></table>\n")
		case "copy":
			fmt.Fprintf(&b, "<div class=\"banji\"><p class=\"copy\">%s</p>\n", esc(p.text))
		case "print":
			fmt.Fprintf(&b, "<p class=\"print\">%s</p></div>\n", strings.ReplaceAll(esc(p.text), "\u3000\u3000\u3000\u3000", "　　　　　　　　"))
		default:
			fmt.Fprintf(&b, "<p class=\"%s\">%s</p>\n", p.kind, esc(p.text))
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// run is a Word run of text in the given size (points) and colour.
func run(text string, size float64, red, bold bool) string {
	var rpr strings.Builder
	rpr.WriteString(`<w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC"/>`)
	if bold {
		rpr.WriteString(`<w:b/>`)
	}
	if red {
		rpr.WriteString(`<w:color w:val="E00000"/>`)
	}
	fmt.Fprintf(&rpr, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, int(size*2), int(size*2))
	return `<w:r>` + rpr.String() + `<w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r>`
}

// para is a Word paragraph: alignment, first-line indent in characters,
// space before in points, borders (top/bottom rules).
func para(text string, size float64, jc string, indentChars int, before int, extra string, red bool) string {
	ppr := `<w:pPr>` + extra
	if before > 0 {
		ppr += fmt.Sprintf(`<w:spacing w:before="%d" w:line="560" w:lineRule="exact"/>`, before*20)
	} else {
		ppr += `<w:spacing w:line="560" w:lineRule="exact"/>`
	}
	if indentChars > 0 {
		ppr += fmt.Sprintf(`<w:ind w:firstLineChars="%d" w:firstLine="%d"/>`, indentChars*100, indentChars*int(size*20))
	}
	if jc != "" {
		ppr += `<w:jc w:val="` + jc + `"/>`
	}
	ppr += `</w:pPr>`
	return `<w:p>` + ppr + run(text, size, red, false) + `</w:p>`
}

func toDOCX(parts []part) ([]byte, error) {
	var body strings.Builder
	for _, p := range parts {
		switch p.kind {
		case "banner":
			body.WriteString(strings.Replace(para(p.text, 36, "center", 0, 24, "", true), `w:line="560" w:lineRule="exact"`, `w:after="480"`, 1))
		case "number":
			// the 发文字号 on the left, the 签发人 on the right (a right tab)
			body.WriteString(`<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="8840"/></w:tabs><w:spacing w:line="560" w:lineRule="exact"/>` +
				`<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="16" w:color="E00000"/></w:pBdr><w:ind w:left="320" w:right="320"/></w:pPr>` +
				run(p.text, 16, false, false) + `<w:r><w:tab/></w:r>` + run(signee, 16, false, false) + `</w:p>`)
		case "title":
			body.WriteString(para(p.text, 22, "center", 0, 28, "", false))
		case "to":
			body.WriteString(para(p.text, 16, "", 0, 14, "", false))
		case "body":
			body.WriteString(para(p.text, 16, "both", 2, 0, "", false))
		case "attach":
			body.WriteString(para(p.text, 16, "", 2, 28, "", false))
		case "attach2":
			body.WriteString(strings.Replace(para(p.text, 16, "", 0, 0, "", false), `<w:pPr>`, `<w:pPr><w:ind w:left="1600"/>`, 1))
		case "sign":
			body.WriteString(`<w:p><w:pPr><w:spacing w:before="1120" w:line="560" w:lineRule="exact"/><w:ind w:right="1280"/><w:jc w:val="right"/></w:pPr>` +
				sealPicture() + run(p.text, 16, false, false) + `</w:p>`)
		case "date":
			body.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:right="1280"/><w:jc w:val="right"/></w:pPr>` + run(p.text, 16, false, false) + `</w:p>`)
		case "note":
			body.WriteString(para(p.text, 16, "", 2, 14, "", false))
		case "break":
			body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		case "annex":
			body.WriteString(para(p.text, 16, "", 0, 0, "", false))
		case "annextitle":
			body.WriteString(para(p.text, 22, "center", 0, 14, "", false))
		case "table":
			body.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="8844" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>` +
				`<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/>` +
				`<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>`)
			widths := []int{900, 4800, 3144}
			if len(p.rows[0]) == 4 {
				widths = []int{800, 1100, 1300, 5644}
			}
			body.WriteString(`<w:tblGrid>`)
			for _, w := range widths {
				fmt.Fprintf(&body, `<w:gridCol w:w="%d"/>`, w)
			}
			body.WriteString(`</w:tblGrid>`)
			for ri, r := range p.rows {
				body.WriteString(`<w:tr>`)
				if ri == 0 {
					body.WriteString(`<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
				} else {
					body.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
				}
				for ci, c := range r {
					fmt.Fprintf(&body, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, widths[min(ci, len(widths)-1)])
					body.WriteString(`<w:p><w:pPr><w:spacing w:line="360" w:lineRule="auto"/></w:pPr>` + run(c, 12, false, ri == 0) + `</w:p></w:tc>`)
				}
				body.WriteString(`</w:tr>`)
			}
			body.WriteString(`</w:tbl>`)
		case "copy":
			body.WriteString(`<w:p><w:pPr><w:keepNext/><w:pBdr><w:top w:val="single" w:sz="8" w:space="4"/><w:bottom w:val="single" w:sz="4" w:space="4"/></w:pBdr>` +
				`<w:spacing w:before="960" w:line="440" w:lineRule="exact"/><w:ind w:left="280" w:right="280"/></w:pPr>` + run(p.text, 14, false, false) + `</w:p>`)
		case "print":
			body.WriteString(`<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4"/></w:pBdr>` +
				`<w:spacing w:line="440" w:lineRule="exact"/><w:ind w:left="280" w:right="280"/></w:pPr>` + run(p.text, 14, false, false) + `</w:p>`)
		}
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` +
		body.String() +
		`<w:sectPr><w:footerReference w:type="default" r:id="rIdF1"/><w:footerReference w:type="even" r:id="rIdF2"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1191" w:gutter="0"/></w:sectPr></w:body></w:document>`
	footer := func(jc string) string {
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="` + jc + `"/><w:ind w:left="280" w:right="280"/></w:pPr>` +
			run("— ", 14, false, false) + `<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
			`<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>` +
			run(" —", 14, false, false) + `</w:p></w:ftr>`
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
			`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
			`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
			`<Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
			`<Relationship Id="rIdF2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
			`<Relationship Id="rIdSeal" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/seal.png"/></Relationships>`},
		{"word/settings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:evenAndOddHeaders/></w:settings>`},
		{"word/footer1.xml", footer("right")},
		{"word/footer2.xml", footer("left")},
		{"word/document.xml", doc},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			return nil, err
		}
	}
	w, err := zw.Create("word/media/seal.png")
	if err != nil {
		return nil, err
	}
	if err := png.Encode(w, sealImage()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sealPicture is the seal as a picture anchored over the signature,
// behind the text (42 mm wide, as GB/T 9704 sets seals).
func sealPicture() string {
	const emu = 1512000 // 42 mm
	return fmt.Sprintf(`<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1">`+
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>3300000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>-250000</wp:posOffset></wp:positionV>`+
		`<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="1" name="seal"/><wp:cNvGraphicFramePr/>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="rIdSeal"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`,
		emu, emu, emu, emu)
}

// sealImage draws a red ring with a star, transparent elsewhere.
func sealImage() image.Image {
	const n = 240
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	red := color.NRGBA{0xe0, 0, 0, 0xff}
	star := func(x, y float64) bool {
		// a five-pointed star of outer radius 0.45, inner 0.18, centred
		a := math.Atan2(y, x) + math.Pi/2
		r := math.Hypot(x, y)
		k := math.Mod(a+2*math.Pi, 2*math.Pi/5) / (2 * math.Pi / 5)
		edge := 0.18 + (0.45-0.18)*math.Abs(1-2*k)
		return r <= edge
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := (float64(x)-n/2)/(n/2), (float64(y)-n/2)/(n/2)
			r := math.Hypot(fx, fy)
			if r >= 0.9 && r <= 0.98 || star(fx, fy) {
				img.Set(x, y, red)
			}
		}
	}
	return img
}
