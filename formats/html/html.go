// Package html reads the text of web pages: block elements become lines,
// tables become rows of cells, scripts, styles and navigation are skipped,
// entities decoded.
package html

import (
	"bytes"
	"strings"

	xhtml "golang.org/x/net/html"

	"qcweave/layout"
)

// blocks are the elements that end a line.
var blocks = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"section": true, "article": true, "header": true, "footer": true, "blockquote": true, "pre": true, "dd": true, "dt": true, "title": true,
}

// skipped are elements whose content is not text of the document.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "nav": true, "head": false, "select": true, "button": true, "iframe": true, "svg": true}

// Read returns the lines of the HTML page in b (decoded as UTF-8; pages in
// other encodings are decoded by the caller first).
func Read(b []byte) []layout.Line {
	z := xhtml.NewTokenizer(bytes.NewReader(b))
	var out []layout.Line
	offset := 0
	var line strings.Builder
	var row []string
	var cell *strings.Builder
	inTable := 0
	skip := 0
	flush := func() {
		t := strings.TrimSpace(line.String())
		line.Reset()
		if t == "" {
			return
		}
		out = append(out, layout.Line{Text: t, Offset: offset}, layout.Line{Offset: offset + len([]rune(t)) + 1})
		offset += len([]rune(t)) + 2
	}
	write := func(s string) {
		if cell != nil {
			cell.WriteString(s)
		} else {
			line.WriteString(s)
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			flush()
			return out
		case xhtml.TextToken:
			if skip == 0 {
				write(strings.Join(strings.Fields(string(z.Text())), " "))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skipped[tag] && tt == xhtml.StartTagToken:
				skip++
			case tag == "table":
				flush()
				inTable++
			case tag == "tr" && inTable == 1:
				row = nil
			case (tag == "td" || tag == "th") && inTable == 1:
				cell = &strings.Builder{}
			case tag == "br" || tag == "p" || tag == "div" || tag == "li":
				if cell != nil {
					cell.WriteByte(' ')
				} else if blocks[tag] {
					flush()
				}
			case blocks[tag]:
				flush()
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skipped[tag]:
				if skip > 0 {
					skip--
				}
			case (tag == "td" || tag == "th") && inTable == 1 && cell != nil:
				row = append(row, strings.TrimSpace(cell.String()))
				cell = nil
			case tag == "tr" && inTable == 1:
				if len(row) > 0 {
					l := layout.Line{Offset: offset}
					off := offset
					for _, c := range row {
						l.Cells = append(l.Cells, layout.Cell{Text: c, Offset: off})
						off += len([]rune(c)) + 1
					}
					out = append(out, l)
					offset = off + 1
				}
				row = nil
			case tag == "table":
				if inTable > 0 {
					inTable--
				}
				out = append(out, layout.Line{Offset: offset})
				offset++
			case blocks[tag] && cell == nil:
				flush()
			}
		}
	}
}
