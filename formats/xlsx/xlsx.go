// Package xlsx reads Excel workbooks (.xlsx) with excelize: every sheet's
// name as a caption line, then its rows as table rows. It streams rows and
// bounds what it reads — unzipped size, rows, columns, cells and text —
// so that a small hostile file cannot take the process's memory or time.
package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"qcweave/layout"
)

// Limits of one workbook.
const (
	maxUnzipped = 200 << 20 // bytes of all its parts, unzipped
	maxRows     = 100000    // rows of one sheet
	maxColumns  = 256       // cells of one row
	maxCells    = 500000    // cells of the workbook (a sheet of notices holds far fewer; laid out, each takes some 400 bytes)
	maxText     = 64 << 20  // bytes of text of the workbook
)

// ErrTooBig is returned for a workbook over one of the limits.
var ErrTooBig = errors.New("xlsx: workbook too large to read")

// Read returns the lines of the workbook held in b and its number of
// sheets.
func Read(b []byte) ([]layout.Line, int, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		if strings.Contains(err.Error(), "size exceeds") || strings.Contains(err.Error(), "unzip size") {
			return nil, 0, fmt.Errorf("%w: more than %d MB unzipped", ErrTooBig, maxUnzipped>>20)
		}
		return nil, 0, fmt.Errorf("xlsx: %w", err)
	}
	defer f.Close() // removes excelize's temporary files
	r := &reader{}
	sheets := f.GetSheetList()
	for si, sheet := range sheets {
		if err := r.sheet(f, si+1, sheet); err != nil {
			return nil, 0, err
		}
	}
	return r.out, len(sheets), nil
}

// reader accumulates the lines of a workbook and counts against the limits.
type reader struct {
	out    []layout.Line
	offset int
	cells  int
	text   int
}

func (r *reader) sheet(f *excelize.File, page int, name string) error {
	r.out = append(r.out, layout.Line{Text: name, Page: page, Offset: r.offset}, layout.Line{Page: page, Offset: r.offset + len([]rune(name)) + 1})
	r.offset += len([]rune(name)) + 2
	rows, err := f.Rows(name)
	if err != nil {
		return fmt.Errorf("xlsx: sheet %s: %w", name, err)
	}
	defer rows.Close()
	for n := 0; rows.Next(); n++ {
		if n >= maxRows {
			break
		}
		cols, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("xlsx: sheet %s: %w", name, err)
		}
		if err := r.row(page, cols); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("xlsx: sheet %s: %w", name, err)
	}
	r.out = append(r.out, layout.Line{Page: page, Offset: r.offset})
	r.offset++
	return nil
}

func (r *reader) row(page int, cols []string) error {
	if len(cols) > maxColumns {
		cols = cols[:maxColumns]
	}
	for len(cols) > 0 && strings.TrimSpace(cols[len(cols)-1]) == "" {
		cols = cols[:len(cols)-1]
	}
	if len(cols) == 0 {
		return nil
	}
	r.cells += len(cols)
	if r.cells > maxCells {
		return fmt.Errorf("%w: more than %d cells", ErrTooBig, maxCells)
	}
	l := layout.Line{Page: page, Offset: r.offset}
	nonEmpty := 0
	for _, c := range cols {
		c = strings.TrimSpace(c)
		if c != "" {
			nonEmpty++
		}
		r.text += len(c)
		l.Cells = append(l.Cells, layout.Cell{Text: c, Offset: r.offset})
		r.offset += len([]rune(c)) + 1
	}
	if r.text > maxText {
		return fmt.Errorf("%w: more than %d MB of text", ErrTooBig, maxText>>20)
	}
	if nonEmpty == 1 && len(cols) == 1 {
		// a title or note in one cell: a line of text
		l = layout.Line{Text: strings.TrimSpace(cols[0]), Page: page, Offset: l.Offset}
	}
	r.out = append(r.out, l)
	return nil
}
