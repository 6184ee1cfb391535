package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"qcweave/internal/pdftest"
)

// maxInput is the size every hostile input stays within: the bound the
// promise (500 MB, 30 s, or a one-line refusal) is made for.
const maxInput = 10 << 20

// input is one hostile or oversized file.
type input struct {
	name string // file name, with the extension a user would give it
	what string // the attack, for the table
	make func(seed []byte) ([]byte, error)
}

// inputs are the files `make stress` feeds to qcweave ingest. seed is a
// real notice's text (the Henan seed), repeated where a realistic body is
// needed.
var inputs = []input{
	{"text-one-line.txt", "10 MB text on one line", func(seed []byte) ([]byte, error) {
		return fill(bytes.ReplaceAll(seed, []byte("\n"), nil), maxInput), nil
	}},
	{"text-dense.txt", "10 MB of a real notice, repeated", func(seed []byte) ([]byte, error) {
		return fill(seed, maxInput), nil
	}},
	{"text-random-cjk.txt", "10 MB of varied Chinese characters", func([]byte) ([]byte, error) {
		return randomCJK(maxInput - 4), nil
	}},
	// the largest documents read (the ones above are refused by their
	// size): a notice, and varied Chinese, the full-text index's worst
	// case, just under the million characters a document may hold
	{"text-dense-1m.txt", "a notice repeated to 1M characters", func(seed []byte) ([]byte, error) {
		return firstRunes(fill(seed, 4_000_000), textLimit), nil
	}},
	{"text-cjk-1m.txt", "1,000,000 varied Chinese characters", func([]byte) ([]byte, error) {
		return firstRunes(randomCJK(4_000_000), textLimit), nil
	}},
	{"text-table.txt", "a table of 200k tab-separated rows", func([]byte) ([]byte, error) {
		var b bytes.Buffer
		b.WriteString("附件2\n序号\t省辖市\t已组建数量\t尚未组建的专业\n")
		for i := 1; b.Len() < maxInput-100; i++ {
			fmt.Fprintf(&b, "%d\t某市\t%d\t血液内科\n", i, i%90)
		}
		return b.Bytes(), nil
	}},
	{"html-page.html", "a 10 MB page of paragraphs", func(seed []byte) ([]byte, error) {
		p := "<p>" + strings.ReplaceAll(string(seed), "\n", "</p>\n<p>") + "</p>\n"
		return wrapHTML(fill([]byte(p), maxInput-200)), nil
	}},
	{"html-table.html", "a 10 MB table with omitted end tags", func([]byte) ([]byte, error) {
		var b bytes.Buffer
		b.WriteString("<table><tr><th>序号<th>省辖市<th>已组建数量<th>尚未组建的专业\n")
		for i := 1; b.Len() < maxInput-300; i++ {
			fmt.Fprintf(&b, "<tr><td>%d<td>某市<td>%d<td>血液内科、医学信息\n", i, i%90)
		}
		return wrapHTML(b.Bytes()), nil
	}},
	{"html-nested.html", "elements nested a million deep", func([]byte) ([]byte, error) {
		n := (maxInput - 400) / len("<div><b>")
		return wrapHTML([]byte(strings.Repeat("<div><b>", n/2) + "质控中心")), nil
	}},
	{"docx-bomb.docx", "document.xml inflating to 2 GB", func([]byte) ([]byte, error) {
		return zipOf(map[string]func(io.Writer) error{"word/document.xml": repeatTo(2<<30, `<w:p><w:r><w:t>质控中心</w:t></w:r></w:p>`)})
	}},
	{"docx-nested.docx", "paragraph XML nested 1M deep", func([]byte) ([]byte, error) {
		return zipOf(map[string]func(io.Writer) error{"word/document.xml": func(w io.Writer) error {
			_, err := io.WriteString(w, docxHead+strings.Repeat("<w:sdt><w:sdtContent>", 1<<20))
			return err
		}})
	}},
	{"docx-runs.docx", "a million one-character runs", func([]byte) ([]byte, error) {
		return zipOf(map[string]func(io.Writer) error{"word/document.xml": func(w io.Writer) error {
			_, err := io.WriteString(w, docxHead+"<w:body><w:p>"+strings.Repeat("<w:r><w:rPr><w:b/></w:rPr><w:t>中</w:t></w:r>", 1<<20)+"</w:p></w:body></w:document>")
			return err
		}})
	}},
	{"zip-entries.docx", "a zip of 70,000 entries", func([]byte) ([]byte, error) {
		parts := map[string]func(io.Writer) error{"word/document.xml": repeatTo(1, docxHead+"<w:body/></w:document>")}
		for i := range 70_000 {
			parts[fmt.Sprintf("word/media/%d.bin", i)] = repeatTo(1, "x")
		}
		return zipOf(parts)
	}},
	{"xlsx-cells.xlsx", "a sheet of 500,000 cells (the limit)", func([]byte) ([]byte, error) {
		return sheetOfCells(50_000, 10)
	}},
	{"xlsx-more-cells.xlsx", "a sheet of a million cells", func([]byte) ([]byte, error) {
		return sheetOfCells(100_000, 10)
	}},
	{"xlsx-bomb.xlsx", "a sheet inflating to 2 GB", func([]byte) ([]byte, error) {
		return workbookWith("xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
			2<<30, `<row><c t="inlineStr"><is><t>质控中心</t></is></c></row>`)
	}},
	{"xlsx-strings.xlsx", "two million shared strings", func([]byte) ([]byte, error) {
		return workbookWith("xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000000" uniqueCount="2000000">`,
			2_000_000*len(`<si><t>质控中心名单</t></si>`), `<si><t>质控中心名单</t></si>`)
	}},
	{"ofd-bomb.ofd", "an OFD page inflating to 2 GB", func([]byte) ([]byte, error) {
		return zipOf(map[string]func(io.Writer) error{
			"OFD.xml":            repeatTo(1, `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`),
			"Doc_0/Document.xml": repeatTo(1, `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`),
			"Doc_0/Pages/Page_0/Content.xml": func(w io.Writer) error {
				if _, err := io.WriteString(w, `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>`); err != nil {
					return err
				}
				return repeatTo(2<<30, `<ofd:TextObject Boundary="0 0 100 10" Size="5"><ofd:TextCode X="0" Y="5">质控中心</ofd:TextCode></ofd:TextObject>`)(w)
			},
		})
	}},
	{"pdf-1000-pages.pdf", "1,000 pages of text", func([]byte) ([]byte, error) {
		return pdftest.Pages(1000, pageText), nil
	}},
	{"pdf-10000-pages.pdf", "10,000 pages of text", func([]byte) ([]byte, error) {
		return pdftest.Pages(10_000, pageText), nil
	}},
	{"pdf-tree-cycle.pdf", "a page tree that contains itself", func([]byte) ([]byte, error) {
		return pdftest.Objects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 1000000 >>",
			"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R] /Count 1000000 >>",
		}), nil
	}},
	{"pdf-flate-bomb.pdf", "a content stream inflating to 4 GB", func([]byte) ([]byte, error) {
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		if _, err := io.WriteString(zw, "BT /F1 12 Tf 72 720 Td ("); err != nil {
			return nil, err
		}
		if err := repeatTo(4<<30, "a")(zw); err != nil {
			return nil, err
		}
		zw.Close()
		content := z.String()
		return pdftest.Objects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
			fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(content), content),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		}), nil
	}},
	{"pdf-deep-array.pdf", "an object nested a million arrays deep", func([]byte) ([]byte, error) {
		return pdftest.Objects([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Junk " + strings.Repeat("[", 1<<20) + " >>",
		}), nil
	}},
	{"pdf-glyphs.pdf", "one page of a million glyphs", func([]byte) ([]byte, error) {
		var b strings.Builder
		b.WriteString("BT /F1 1 Tf\n")
		for i := 0; b.Len() < maxInput-1000; i++ {
			fmt.Fprintf(&b, "1 0 0 1 %d %d Tm (ab) Tj\n", i%500, (i/500)%800)
		}
		b.WriteString("ET")
		return pdftest.Pages(1, func(int) string { return b.String() }), nil
	}},
	{"pdf-blank-scans.pdf", "250 pages, each a blank A4 scan", func([]byte) ([]byte, error) {
		return blankScan(250, 1240, 1754)
	}},
	{"pdf-dot-scans.pdf", "250 pages, each an 8×8 image", func([]byte) ([]byte, error) {
		return blankScan(250, 8, 8)
	}},
	{"pdf-long-scan.pdf", "5,000 pages, each an image", func([]byte) ([]byte, error) {
		return blankScan(5000, 8, 8)
	}},
	{"dense-ranked-3mb.txt", "3 MB of ranked counts on one line", func([]byte) ([]byte, error) {
		return rankedCounts(3<<20, false), nil
	}},
	{"dense-ranked-10mb.txt", "10 MB of ranked counts on one line", func([]byte) ([]byte, error) {
		return rankedCounts(maxInput-100, false), nil
	}},
	{"dense-ranked.html", "1 MB page of ranked counts", func([]byte) ([]byte, error) {
		return wrapHTML(rankedCounts(1<<20, true)), nil
	}},
	{"dense-notice-one-line.html", "a real notice repeated, 10 MB on one line", func(seed []byte) ([]byte, error) {
		return wrapHTML(fill(bytes.ReplaceAll(seed, []byte("\n"), nil), maxInput-200)), nil
	}},
	{"xlsx-shared-strings.xlsx", "7.8 MB of distinct shared strings", func([]byte) ([]byte, error) {
		return sharedStrings(7_800_000, 1, 1)
	}},
	{"xlsx-long-strings.xlsx", "shared strings of 10 KB, each in 100 cells", func([]byte) ([]byte, error) {
		return sharedStrings(7_800_000, 300, 100)
	}},
	{"random.bin", "10 MB of random bytes", func([]byte) ([]byte, error) {
		b := make([]byte, maxInput)
		x := uint32(2463534242)
		for i := range b {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b[i] = byte(x)
		}
		return b, nil
	}},
}

const docxHead = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`

// pageText is a page of a notice's text in Helvetica (ASCII only: the
// font has no Chinese).
func pageText(i int) string {
	return fmt.Sprintf("BT /F1 12 Tf 72 720 Td (Page %d of the notice on quality control centres.) Tj 0 -16 Td (Second line of page %d.) Tj ET", i, i)
}

// blankScan is a PDF of n pages, each drawing one white w×h gray image:
// a "scan" with nothing to read.
func blankScan(n, w, h int) ([]byte, error) {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err := repeatTo(w*h, "\xff")(zw); err != nil {
		return nil, err
	}
	zw.Close()
	img := z.String()
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", w, h, len(img), img)}
	var kids strings.Builder
	const draw = "q 595 0 0 842 0 0 cm /Im0 Do Q"
	for i := range n {
		fmt.Fprintf(&kids, "%d 0 R ", 4+2*i)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw), draw))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), n)
	return pdftest.Objects(objs), nil
}

// fill repeats unit up to n bytes.
// textLimit is a little under the most characters of text a document may
// hold (pipeline.MaxText, 1 << 20).
const textLimit = 1_000_000

// randomCJK is n bytes of varied Chinese characters, 80 a line.
func randomCJK(n int) []byte {
	var b bytes.Buffer
	x := uint32(1)
	for i := 1; b.Len() < n; i++ {
		x = x*1664525 + 1013904223
		b.WriteRune(rune(0x4e00 + x>>8%20000))
		if i%80 == 0 {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// firstRunes returns the first n characters of b.
func firstRunes(b []byte, n int) []byte {
	for i := range string(b) {
		if n == 0 {
			return b[:i]
		}
		n--
	}
	return b
}

func fill(unit []byte, n int) []byte {
	b := bytes.Repeat(unit, n/len(unit))
	return b
}

func wrapHTML(body []byte) []byte {
	return append(append([]byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>质控中心</title></head><body>\n"), body...), "</body></html>\n"...)
}

// repeatTo writes unit repeatedly until n bytes are written (at least once).
func repeatTo(n int, unit string) func(io.Writer) error {
	return func(w io.Writer) error {
		chunk := strings.Repeat(unit, max(1, min(n, 1<<20)/len(unit)))
		for done := 0; done < n; done += len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return err
			}
		}
		return nil
	}
}

// zipOf writes a zip archive whose members are written by the functions,
// at the best compression.
func zipOf(parts map[string]func(io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for name, write := range parts {
		w, err := zw.Create(name)
		if err != nil {
			return nil, err
		}
		if err := write(w); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sheetOfCells is a workbook of one sheet of rows × cols numbers, written
// by excelize's stream writer.
func sheetOfCells(rows, cols int) ([]byte, error) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	row := make([]any, cols)
	for r := 1; r <= rows; r++ {
		for c := range row {
			row[c] = r*cols + c
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// workbookWith is an empty workbook whose part name is head followed by
// unit repeated to n bytes.
func workbookWith(name, head string, n int, unit string) ([]byte, error) {
	buf, err := excelize.NewFile().WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return replaceMember(buf.Bytes(), name, func(w io.Writer) error {
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		return repeatTo(n, unit)(w)
	})
}

// replaceMember rewrites one member of a zip archive.
func replaceMember(archive []byte, name string, write func(io.Writer) error) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return nil, err
	}
	parts := map[string]func(io.Writer) error{name: write}
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		parts[f.Name] = func(w io.Writer) error {
			r, err := f.Open()
			if err != nil {
				return err
			}
			defer r.Close()
			_, err = io.Copy(w, r)
			return err
		}
	}
	return zipOf(parts)
}

// rankedCounts is a notice of n bytes whose one paragraph (or, as a page,
// paragraphs) ranks the cities of a province by their centers, over and
// over: a document of some 10^5 facts.
func rankedCounts(n int, page bool) []byte {
	var b bytes.Buffer
	cities := []string{"郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河", "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店"}
	b.WriteString("河南省卫生健康委员会关于质控中心建设情况的通报\n")
	for i := 0; b.Len() < n-200; i++ {
		if page {
			b.WriteString("<p>")
		}
		if i == 0 || page {
			b.WriteString("截至2025年1月31日，全省共有市级质控中心1200个，其中")
		}
		for j, c := range cities {
			fmt.Fprintf(&b, "%s%d个、", c, 90-(i+j)%60)
		}
		if page {
			b.WriteString("。</p>\n")
		}
	}
	if !page {
		b.WriteString("。\n")
	}
	return b.Bytes()
}

// sharedStrings is a workbook whose shared strings table holds n bytes of
// distinct strings, each the name of a center repeated rep times, and
// whose sheet uses each string in uses cells.
func sharedStrings(n, rep, uses int) ([]byte, error) {
	var sst bytes.Buffer
	count := 0
	for ; sst.Len() < n; count++ {
		fmt.Fprintf(&sst, "<si><t>%s</t></si>", strings.Repeat(fmt.Sprintf("河南省第%d个医疗质量控制中心名单", count), rep))
	}
	cells := count * uses
	buf, err := excelize.NewFile().WriteToBuffer()
	if err != nil {
		return nil, err
	}
	b, err := replaceMember(buf.Bytes(), "xl/sharedStrings.xml", func(w io.Writer) error {
		fmt.Fprintf(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, count, count)
		if _, err := w.Write(sst.Bytes()); err != nil {
			return err
		}
		_, err := io.WriteString(w, "</sst>")
		return err
	})
	if err != nil {
		return nil, err
	}
	return replaceMember(b, "xl/worksheets/sheet1.xml", func(w io.Writer) error {
		io.WriteString(w, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		for r := 0; r < cells/10; r++ {
			fmt.Fprintf(w, `<row r="%d">`, r+1)
			for c := range 10 {
				fmt.Fprintf(w, `<c r="%s%d" t="s"><v>%d</v></c>`, string(rune('A'+c)), r+1, (r*10+c)%count)
			}
			io.WriteString(w, "</row>")
		}
		_, err := io.WriteString(w, "</sheetData></worksheet>")
		return err
	})
}
