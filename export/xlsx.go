package export

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"qcweave/store"
)

// sheetNames are the Chinese names of the datasets' sheets.
var sheetNames = map[string]string{
	"documents": "文件", "counts": "数量", "centers": "质控中心", "coverage": "组建情况",
	"activities": "活动", "findings": "问题线索",
}

// fixedTime stamps the workbook's properties so that the same data gives
// the same file.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteXLSX writes one workbook, qcweave.xlsx, with a sheet per dataset and
// a regions × specialties coverage matrix: header row frozen, autofilter
// on, columns sized for Chinese text, dates as Excel dates. Rows go through
// excelize's stream writer.
func WriteXLSX(ctx context.Context, st *store.Store, dir string) (string, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "qcweave", Title: "医疗质控中心数据", Created: fixedTime.Format(time.RFC3339), Modified: fixedTime.Format(time.RFC3339)}); err != nil {
		return "", fmt.Errorf("export xlsx: %w", err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return "", fmt.Errorf("export xlsx: %w", err)
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return "", fmt.Errorf("export xlsx: %w", err)
	}
	first := true
	for _, ds := range Datasets() {
		name := sheetNames[ds.Name]
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return "", fmt.Errorf("export xlsx: %w", err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return "", fmt.Errorf("export xlsx: %w", err)
		}
		head := make([]string, len(ds.Fields))
		for i, fd := range ds.Fields {
			head[i] = fd.Name
		}
		each := func(fn func([]any) error) error {
			cells := make([]any, len(ds.Fields))
			return eachRow(ctx, st.DB(), ds, func(row []*string) error {
				for c, v := range row {
					cells[c] = xlsxValue(ds.Fields[c], v, dateStyle)
				}
				return fn(cells)
			})
		}
		if err := writeSheet(f, name, head, headStyle, each); err != nil {
			return "", fmt.Errorf("export xlsx %s: %w", ds.Name, err)
		}
	}
	m, err := st.CoverageMatrix(ctx)
	if err != nil {
		return "", err
	}
	if _, err := f.NewSheet("覆盖矩阵"); err != nil {
		return "", fmt.Errorf("export xlsx: %w", err)
	}
	head := append([]string{"地区", "级别", "已组建", "未组建数", "文件"}, m.Specialties...)
	var table [][]any
	for _, r := range m.Rows {
		row := []any{r.Region, r.Level, nil, len(r.Missing), r.Document}
		if r.Built != nil {
			row[2] = *r.Built
		}
		for _, sp := range m.Specialties {
			if r.Missing[sp] {
				row = append(row, "未建")
			} else {
				row = append(row, "✓")
			}
		}
		table = append(table, row)
	}
	each := func(fn func([]any) error) error {
		for _, r := range table {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	if err := writeSheet(f, "覆盖矩阵", head, headStyle, each); err != nil {
		return "", fmt.Errorf("export xlsx matrix: %w", err)
	}
	// excelize writes to a file; its parts are then copied in a fixed
	// order, one at a time
	tmp, err := os.CreateTemp(dir, ".qcweave-*.xlsx")
	if err != nil {
		return "", fmt.Errorf("export xlsx: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := f.SaveAs(tmp.Name()); err != nil {
		return "", fmt.Errorf("export xlsx: %w", err)
	}
	path := filepath.Join(dir, "qcweave.xlsx")
	if err := writeFile(path, func(w io.Writer) error { return sortZip(tmp.Name(), w) }); err != nil {
		return "", fmt.Errorf("export xlsx: %w", err)
	}
	return path, nil
}

// sortZip rewrites a zip archive with its entries in a fixed order
// ([Content_Types].xml first, then by name), so that the same workbook is
// the same bytes: excelize writes its parts in map order.
func sortZip(src string, out io.Writer) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(out)
	for _, zf := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return err
		}
		rc, err := zf.Open()
		if err != nil {
			return err
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// xlsxValue converts a cell to the Excel type of its field.
func xlsxValue(fd Field, v *string, dateStyle int) any {
	if v == nil {
		return nil
	}
	switch fd.Type {
	case "date":
		if t, err := time.Parse("2006-01-02", *v); err == nil {
			return excelize.Cell{StyleID: dateStyle, Value: t}
		}
	case "integer", "boolean":
		return jsonValue(fd, v)
	}
	return *v
}

// displayWidth estimates the width of a cell in Excel's character units:
// CJK characters count twice.
func displayWidth(v any) float64 {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case excelize.Cell:
		return 11
	case nil:
		return 0
	default:
		s = fmt.Sprint(x)
	}
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	if utf8.RuneCountInString(s) == 0 {
		return 0
	}
	return w
}

// writeSheet streams a header and rows into a sheet, with the header
// frozen, an autofilter, and columns sized to their content (capped).
// writeSheet streams a sheet's rows: each calls its function for every row,
// once to size the columns and once to write them.
func writeSheet(f *excelize.File, sheet string, head []string, headStyle int, each func(func([]any) error) error) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := make([]float64, len(head))
	for i, h := range head {
		widths[i] = displayWidth(h) + 2
	}
	n := 0
	err = each(func(r []any) error {
		n++
		for i, v := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], min(displayWidth(v)+2, 60))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hc := make([]any, len(head))
	for i, h := range head {
		hc[i] = excelize.Cell{StyleID: headStyle, Value: h}
	}
	if err := sw.SetRow("A1", hc); err != nil {
		return err
	}
	i := 0
	err = each(func(r []any) error {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		i++
		return sw.SetRow(cell, r)
	})
	if err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(len(head), max(n+1, 2))
	if err != nil {
		return err
	}
	// the autofilter comes with a table part written beside the stream (an
	// AutoFilter on the sheet would read the whole sheet back)
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, ShowRowStripes: new(bool)}); err != nil {
		return err
	}
	return sw.Flush()
}
