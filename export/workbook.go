package export

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// workbook writes an Office Open XML workbook (.xlsx) straight into a zip
// stream, one sheet after another, holding one row at a time: excelize's
// writer builds the whole archive in memory before it writes a byte (66
// MB compressed for a national year of notices, several times that while
// it grows), so the export writes the parts itself. The parts are the
// few a spreadsheet needs: workbook, styles, sheets with a frozen header
// and column widths, and a table per sheet for the autofilter. Reading
// the workbook back (the tests) uses excelize.
type workbook struct {
	zw     *zip.Writer
	sheets []string // names, in order
	tables []tableInfo
	when   time.Time
	limit  int // rows a sheet holds under its header (maxSheetRows)
}

// tableInfo is a sheet's table part: its header and its last row.
type tableInfo struct {
	head []string
	rows int
}

// Styles of workbook cells: the indexes of cellXfs in styles.xml.
const (
	styleDate = 1
	styleHead = 2
)

// maxSheetRows is Excel's row limit less the header: a dataset with more
// rows goes on in another sheet of the same name with a number.
const maxSheetRows = 1<<20 - 1

// maxCellText is the longest text a cell holds.
const maxCellText = 32767

func newWorkbook(w io.Writer, when time.Time) *workbook {
	return &workbook{zw: zip.NewWriter(w), when: when, limit: maxSheetRows}
}

// create starts a part of the archive.
func (wb *workbook) create(name string) (io.Writer, error) {
	return wb.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: wb.when})
}

// cell is one value of a row: a string, an int64, a float64, a bool, a
// time.Time (an Excel date), or nil (an empty cell).
type cell = any

// sheet writes one sheet: widths are the columns' widths in characters,
// each calls its function with every row. Sheets past Excel's row limit
// are continued in "name (2)", "name (3)"…
func (wb *workbook) sheet(name string, head []string, widths []float64, each func(func([]cell) error) error) error {
	var (
		bw   *bufio.Writer
		rows int
		part = 0
	)
	open := func() error {
		part++
		sheetName := name
		if part > 1 {
			sheetName = fmt.Sprintf("%s (%d)", name, part)
		}
		wb.sheets = append(wb.sheets, sheetName)
		wb.tables = append(wb.tables, tableInfo{head: head})
		w, err := wb.create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(wb.sheets)))
		if err != nil {
			return err
		}
		bw = bufio.NewWriterSize(w, 1<<16)
		bw.WriteString(xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
		bw.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
		bw.WriteString(`<cols>`)
		for i, w := range widths {
			fmt.Fprintf(bw, `<col min="%d" max="%d" width="%.1f" customWidth="1"/>`, i+1, i+1, w)
		}
		bw.WriteString(`</cols><sheetData>`)
		hc := make([]cell, len(head))
		for i, h := range head {
			hc[i] = h
		}
		rows = 0
		return writeRow(bw, 1, hc, styleHead)
	}
	closeSheet := func() error {
		wb.tables[len(wb.tables)-1].rows = rows
		bw.WriteString(`</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`)
		return bw.Flush()
	}
	if err := open(); err != nil {
		return err
	}
	err := each(func(r []cell) error {
		if rows == wb.limit {
			if err := closeSheet(); err != nil {
				return err
			}
			if err := open(); err != nil {
				return err
			}
		}
		rows++
		return writeRow(bw, rows+1, r, 0)
	})
	if err != nil {
		return err
	}
	return closeSheet()
}

// writeRow writes row n (from 1) of a sheet.
func writeRow(bw *bufio.Writer, n int, r []cell, style int) error {
	bw.WriteString(`<row r="`)
	bw.WriteString(strconv.Itoa(n))
	bw.WriteString(`">`)
	for i, v := range r {
		ref := columnName(i+1) + strconv.Itoa(n)
		s := ""
		if style != 0 {
			s = ` s="` + strconv.Itoa(style) + `"`
		}
		switch x := v.(type) {
		case nil:
		case string:
			bw.WriteString(`<c r="` + ref + `"` + s + ` t="inlineStr"><is><t xml:space="preserve">`)
			writeText(bw, x)
			bw.WriteString(`</t></is></c>`)
		case int64:
			bw.WriteString(`<c r="` + ref + `"` + s + `><v>` + strconv.FormatInt(x, 10) + `</v></c>`)
		case int:
			bw.WriteString(`<c r="` + ref + `"` + s + `><v>` + strconv.Itoa(x) + `</v></c>`)
		case float64:
			bw.WriteString(`<c r="` + ref + `"` + s + `><v>` + strconv.FormatFloat(x, 'f', -1, 64) + `</v></c>`)
		case bool:
			b := "0"
			if x {
				b = "1"
			}
			bw.WriteString(`<c r="` + ref + `"` + s + ` t="b"><v>` + b + `</v></c>`)
		case time.Time:
			bw.WriteString(`<c r="` + ref + `" s="` + strconv.Itoa(styleDate) + `"><v>` + strconv.Itoa(excelDate(x)) + `</v></c>`)
		default:
			return fmt.Errorf("cell %s: unsupported value %T", ref, v)
		}
	}
	_, err := bw.WriteString(`</row>`)
	return err
}

// excelDate is the serial number of a day in Excel's 1900 date system.
func excelDate(t time.Time) int {
	return int(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// columnName is the letters of column n (from 1): A, …, Z, AA, …
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// writeText writes s escaped for XML, without the characters XML 1.0
// cannot hold, cut to what a cell holds.
func writeText(bw *bufio.Writer, s string) {
	if len(s) > maxCellText {
		n := 0
		for i := range s {
			if n == maxCellText {
				s = s[:i]
				break
			}
			n++
		}
	}
	for _, r := range s {
		switch {
		case r == '<':
			bw.WriteString("&lt;")
		case r == '>':
			bw.WriteString("&gt;")
		case r == '&':
			bw.WriteString("&amp;")
		case r == utf8.RuneError, r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			// not a character XML can carry
		default:
			bw.WriteRune(r)
		}
	}
}

// escape is s escaped for an XML attribute or text.
func escape(s string) string {
	var b strings.Builder
	bw := bufio.NewWriter(&b)
	writeText(bw, s)
	bw.Flush()
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// close writes the parts that list the sheets, then the zip's directory.
func (wb *workbook) close(title string) error {
	for i, t := range wb.tables {
		w, err := wb.create(fmt.Sprintf("xl/worksheets/_rels/sheet%d.xml.rels", i+1))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, `%s<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table%d.xml"/></Relationships>`, xmlHead, i+1)
		if w, err = wb.create(fmt.Sprintf("xl/tables/table%d.xml", i+1)); err != nil {
			return err
		}
		ref := "A1:" + columnName(len(t.head)) + strconv.Itoa(max(t.rows+1, 2))
		fmt.Fprintf(w, `%s<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="%d" name="Table%d" displayName="Table%d" ref="%s"><autoFilter ref="%s"/><tableColumns count="%d">`,
			xmlHead, i+1, i+1, i+1, ref, ref, len(t.head))
		for k, h := range uniqueNames(t.head) {
			fmt.Fprintf(w, `<tableColumn id="%d" name="%s"/>`, k+1, escape(h))
		}
		io.WriteString(w, `</tableColumns><tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>`)
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", wb.contentTypes()},
		{"_rels/.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"docProps/core.xml", fmt.Sprintf(`%s<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>qcweave</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>`,
			xmlHead, escape(title), wb.when.Format(time.RFC3339), wb.when.Format(time.RFC3339))},
		{"xl/workbook.xml", wb.workbookXML()},
		{"xl/_rels/workbook.xml.rels", wb.workbookRels()},
		{"xl/styles.xml", stylesXML},
	}
	for _, p := range parts {
		w, err := wb.create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			return err
		}
	}
	return wb.zw.Close()
}

// uniqueNames makes a table's column names unique, as Excel requires.
func uniqueNames(head []string) []string {
	seen := map[string]int{}
	out := make([]string, len(head))
	for i, h := range head {
		seen[h]++
		out[i] = h
		if seen[h] > 1 {
			out[i] = fmt.Sprintf("%s%d", h, seen[h])
		}
	}
	return out
}

func (wb *workbook) contentTypes() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`)
	b.WriteString(`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	b.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	for i := range wb.sheets {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&b, `<Override PartName="/xl/tables/table%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`, i+1)
	}
	b.WriteString(`</Types>`)
	return b.String()
}

func (wb *workbook) workbookXML() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>`)
	for i, s := range wb.sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escape(s), i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

func (wb *workbook) workbookRels() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range wb.sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, len(wb.sheets)+1)
	return b.String()
}

// stylesXML holds three cell formats: the default, a date (built-in number
// format 14) and the header (bold on light blue).
const stylesXML = xmlHead + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
