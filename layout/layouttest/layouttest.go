// Package layouttest helps the tests of loaders inspect the lines they
// return.
package layouttest

import "qcweave/layout"

// Split returns the non-empty text lines and the table rows (cell texts)
// of lines, in order.
func Split(lines []layout.Line) (texts []string, rows [][]string) {
	for _, l := range lines {
		if l.Cells != nil {
			var r []string
			for _, c := range l.Cells {
				r = append(r, c.Text)
			}
			rows = append(rows, r)
		} else if l.Text != "" {
			texts = append(texts, l.Text)
		}
	}
	return texts, rows
}
