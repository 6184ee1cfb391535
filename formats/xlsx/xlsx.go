// Package xlsx reads Excel workbooks (.xlsx) with excelize: every sheet's
// name as a caption line, then its rows as table rows.
package xlsx

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"qcweave/layout"
)

// maxRows bounds the rows read from one sheet.
const maxRows = 100000

// Read returns the lines of the workbook held in b.
func Read(b []byte) ([]layout.Line, int, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, 0, fmt.Errorf("xlsx: %w", err)
	}
	defer f.Close()
	var out []layout.Line
	offset := 0
	sheets := f.GetSheetList()
	for si, sheet := range sheets {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, 0, fmt.Errorf("xlsx: sheet %s: %w", sheet, err)
		}
		out = append(out, layout.Line{Text: sheet, Page: si + 1, Offset: offset}, layout.Line{Page: si + 1, Offset: offset + len([]rune(sheet)) + 1})
		offset += len([]rune(sheet)) + 2
		for ri, r := range rows {
			if ri >= maxRows {
				break
			}
			for len(r) > 0 && strings.TrimSpace(r[len(r)-1]) == "" {
				r = r[:len(r)-1]
			}
			if len(r) == 0 {
				continue
			}
			l := layout.Line{Page: si + 1, Offset: offset}
			nonEmpty := 0
			for _, c := range r {
				c = strings.TrimSpace(c)
				if c != "" {
					nonEmpty++
				}
				l.Cells = append(l.Cells, layout.Cell{Text: c, Offset: offset})
				offset += len([]rune(c)) + 1
			}
			if nonEmpty == 1 && len(r) == 1 {
				// a title or note in one cell: a line of text
				l = layout.Line{Text: strings.TrimSpace(r[0]), Page: si + 1, Offset: l.Offset}
			}
			out = append(out, l)
		}
		out = append(out, layout.Line{Page: si + 1, Offset: offset})
		offset++
	}
	return out, len(sheets), nil
}
