package xlsx

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"qcweave/layout/layouttest"
)

func TestRead(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "附件2")
	f.SetCellValue("附件2", "A1", "各地组建相应专业市级质控中心情况")
	f.SetSheetRow("附件2", "A2", &[]any{"序号", "省辖市", "已组建数量", "尚未组建的专业"})
	f.SetSheetRow("附件2", "A3", &[]any{1, "郑州", 63, "血液内科、医学信息"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	lines, sheets, err := Read(buf.Bytes())
	if err != nil || sheets != 1 {
		t.Fatalf("Read: %d sheets, %v", sheets, err)
	}
	texts, rows := layouttest.Split(lines)
	if len(texts) != 2 || texts[1] != "各地组建相应专业市级质控中心情况" {
		t.Errorf("texts %q", texts)
	}
	if len(rows) != 2 || rows[1][1] != "郑州" || rows[1][2] != "63" {
		t.Errorf("rows %q", rows)
	}
}

// A cell at the sheet's far corner does not make the reader build a
// million rows of sixteen thousand cells: rows and columns are bounded.
func TestFarCorner(t *testing.T) {
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "质控中心名单")
	f.SetCellValue("Sheet1", "XFD1048576", "远处")
	f.SetCellValue("Sheet1", "ZZ2", "宽行")
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	lines, _, err := Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	texts, rows := layouttest.Split(lines)
	if len(texts) < 2 || texts[1] != "质控中心名单" {
		t.Errorf("texts %q", texts)
	}
	for _, r := range rows {
		if len(r) > maxColumns {
			t.Errorf("a row of %d cells", len(r))
		}
		for _, c := range r {
			if c == "远处" {
				t.Errorf("a cell beyond %d rows was read", maxRows)
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	wb := excelize.NewFile()
	wb.SetCellValue("Sheet1", "A1", "序号")
	wb.SetCellValue("Sheet1", "B2", "郑州")
	if buf, err := wb.WriteToBuffer(); err == nil {
		f.Add(buf.Bytes())
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		lines, _, err := Read(b)
		if err != nil {
			return
		}
		off := -1
		for _, l := range lines {
			if l.Offset < off {
				t.Fatalf("offsets go back: %d after %d", l.Offset, off)
			}
			off = l.Offset
		}
	})
}
