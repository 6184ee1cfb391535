package export

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := columnName(n); got != want {
			t.Errorf("columnName(%d) = %q, want %q", n, got, want)
		}
	}
}

// writeBook writes a workbook of one sheet whose rows are rows, with a
// sheet limit of limit rows, and opens it with excelize.
func writeBook(t *testing.T, rows [][]cell, limit int) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	wb := newWorkbook(&buf, fixedTime)
	wb.limit = limit
	head := []string{"名称", "数量", "日期"}
	err := wb.sheet("数据", head, []float64{10, 10, 10}, func(fn func([]cell) error) error {
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = wb.close("测试")
	}
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// Text is escaped and loses the characters XML cannot carry; numbers,
// booleans and dates keep their types; empty cells stay empty.
func TestWorkbookCells(t *testing.T) {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	f, _ := writeBook(t, [][]cell{{"A&B <中心>\x01\x1f", int64(63), day}, {nil, true, nil}}, maxSheetRows)
	rows, err := f.GetRows("数据", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "名称" || rows[1][0] != "A&B <中心>" || rows[1][1] != "63" {
		t.Fatalf("rows %q", rows)
	}
	if rows[1][2] != fmt.Sprint(excelDate(day)) || rows[1][2] != "45717" {
		t.Errorf("date cell %q, want the serial 45717", rows[1][2])
	}
	if rows[2][0] != "" || rows[2][1] != "1" {
		t.Errorf("row 3 %q", rows[2])
	}
	if v, _ := f.GetCellValue("数据", "C2"); v != "3/1/25" && v != "03-01-25" {
		t.Logf("date shown as %q", v) // the format is Excel's built-in 14, shown by locale
	}
	panes, err := f.GetPanes("数据")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	tables, err := f.GetTables("数据")
	if err != nil || len(tables) != 1 || tables[0].Range != "A1:C3" {
		t.Errorf("autofilter table %+v %v", tables, err)
	}
}

// Rows past a sheet's limit go on in "name (2)", each sheet with its
// header; the same rows give the same bytes.
func TestWorkbookContinues(t *testing.T) {
	var rows [][]cell
	for i := range 7 {
		rows = append(rows, []cell{fmt.Sprintf("第%d行", i+1), int64(i), nil})
	}
	f, b1 := writeBook(t, rows, 3)
	want := []string{"数据", "数据 (2)", "数据 (3)"}
	if got := f.GetSheetList(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	last, _ := f.GetRows("数据 (3)")
	if len(last) != 2 || last[0][0] != "名称" || last[1][0] != "第7行" {
		t.Errorf("third sheet %q", last)
	}
	if _, b2 := writeBook(t, rows, 3); !bytes.Equal(b1, b2) {
		t.Error("the same rows gave another file")
	}
}
