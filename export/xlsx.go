package export

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"qcweave/store"
)

// sheetNames are the Chinese names of the datasets' sheets.
var sheetNames = map[string]string{
	"documents": "文件", "counts": "数量", "centers": "质控中心", "coverage": "组建情况",
	"activities": "活动", "findings": "问题线索", "document_fields": "字段来源",
	"document_parts": "公文要素",
}

// fixedTime stamps the workbook's properties so that the same data gives
// the same file.
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteXLSX writes one workbook, qcweave.xlsx, with a sheet per dataset
// (its header the columns' Chinese titles) and
// a regions × specialties coverage matrix: header row frozen, autofilter
// on, columns sized for Chinese text, dates as Excel dates. Rows stream
// from the store into the file, one at a time (see workbook); each
// dataset is read twice, once to size the columns.
func WriteXLSX(ctx context.Context, st *store.Store, dir string) (string, error) {
	m, err := st.CoverageMatrix(ctx)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "qcweave.xlsx")
	err = snapshot(ctx, st.DB(), func(q store.Querier) error { return writeXLSX(ctx, q, m, path) })
	if err != nil {
		return "", err
	}
	return path, nil
}

// writeXLSX writes the workbook of WriteXLSX at path, reading the datasets
// through q.
func writeXLSX(ctx context.Context, q store.Querier, m store.Matrix, path string) error {
	err := writeFile(path, func(w io.Writer) error {
		wb := newWorkbook(w, fixedTime)
		for _, ds := range Datasets() {
			head := make([]string, len(ds.Fields))
			for i, fd := range ds.Fields {
				head[i] = FieldTitle(fd.Name)
			}
			each := func(fn func([]cell) error) error {
				cells := make([]cell, len(ds.Fields))
				return eachRow(ctx, q, ds, func(row []*string) error {
					for c, v := range row {
						cells[c] = xlsxValue(ds.Fields[c], v)
					}
					return fn(cells)
				})
			}
			if err := writeSheet(wb, sheetNames[ds.Name], head, each); err != nil {
				return fmt.Errorf("%s: %w", ds.Name, err)
			}
		}
		head := append([]string{"地区", "级别", "已组建", "未组建数", "文件标题", "文件名", "文件 SHA-256"}, m.Specialties...)
		each := func(fn func([]cell) error) error {
			for _, r := range m.Rows {
				row := []cell{r.Region, r.Level, nil, len(r.Missing), r.Title, r.File, r.Document}
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
				if err := fn(row); err != nil {
					return err
				}
			}
			return nil
		}
		if err := writeSheet(wb, "覆盖矩阵", head, each); err != nil {
			return fmt.Errorf("matrix: %w", err)
		}
		return wb.close("医疗质控中心数据")
	})
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

// xlsxValue converts a cell to the Excel type of its field.
func xlsxValue(fd Field, v *string) cell {
	if v == nil {
		return nil
	}
	switch fd.Type {
	case "date":
		if t, err := time.Parse("2006-01-02", *v); err == nil {
			return t
		}
	case "integer", "boolean", "number":
		return jsonValue(fd, v)
	}
	return *v
}

// displayWidth estimates the width of a cell in Excel's character units:
// CJK characters count twice.
func displayWidth(v cell) float64 {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case time.Time:
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
	return w
}

// writeSheet sizes a sheet's columns to their content (capped) in a first
// pass over the rows, then writes them.
func writeSheet(wb *workbook, sheet string, head []string, each func(func([]cell) error) error) error {
	widths := make([]float64, len(head))
	for i, h := range head {
		widths[i] = displayWidth(h) + 2
	}
	err := each(func(r []cell) error {
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
	return wb.sheet(sheet, head, widths, each)
}
