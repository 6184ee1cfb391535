// Package html reads the text of web pages: block elements become lines,
// tables become rows of cells (cells and rows whose end tags HTML lets a
// page omit are closed as a browser closes them), scripts, styles,
// navigation, templates, form fields and hidden elements (by attribute,
// inline style, or a class or id hidden by the page's <style> rules) are
// skipped, entities decoded.
package html

import (
	"bytes"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"qcweave/layout"
)

// blocks are the elements that end a line.
var blocks = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"section": true, "article": true, "header": true, "footer": true, "blockquote": true, "pre": true, "dd": true, "dt": true, "title": true,
}

// skipped are elements whose content is not text of the document: not
// rendered (template, script), chrome (nav) or form fields.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "nav": true, "select": true, "button": true,
	"iframe": true, "svg": true, "template": true, "textarea": true, "object": true, "canvas": true, "dialog": true}

// void elements have no end tag.
var void = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// hidden reports whether a start tag's attributes hide the element: the
// hidden attribute, aria-hidden="true", an inline display:none or
// visibility:hidden style, or a class or id the page's style rules hide.
// It reads a cell's rowspan and colspan into sp on the way.
func hidden(z *xhtml.Tokenizer, tag string, hasAttr bool, rules hiddenRules, sp *spans) bool {
	var id, class string
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		switch strings.ToLower(string(k)) {
		case "rowspan":
			if n, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && n > 1 {
				sp.rows = min(n, maxRowspan)
			}
		case "colspan":
			if n, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && n > 1 {
				sp.cols = min(n, maxColspan)
			}
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(string(v)), "true") {
				return true
			}
		case "style":
			st := strings.ToLower(strings.ReplaceAll(string(v), " ", ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		case "id":
			id = string(v)
		case "class":
			class = string(v)
		}
	}
	return rules.match(tag, id, class)
}

// spans are the rows and columns a table cell covers.
type spans struct{ rows, cols int }

// maxRowspan and maxColspan bound the rows and columns a merged cell
// covers, maxPadding the empty cells column spans add to a page (a page
// may claim millions).
const (
	maxRowspan = 10000
	maxColspan = 1000
	maxPadding = 1 << 20
)

// Read returns the lines of the HTML page in b (decoded as UTF-8; pages in
// other encodings are decoded by the caller first).
func Read(b []byte) []layout.Line {
	rules := styleRules(b)
	z := xhtml.NewTokenizer(bytes.NewReader(b))
	var out []layout.Line
	offset := 0
	var line strings.Builder
	var row []string
	var cell *strings.Builder
	// covered[k] is how many rows below still lie under a cell of column
	// k merged down (rowspan): each gets an empty cell there
	var covered []int
	span := spans{1, 1} // the spans of the open cell
	padded := 0         // empty cells column spans added
	inTable := 0
	// skip > 0 inside a skipped or hidden element skipTag: how many
	// elements of that name are open (only those count, so that end tags
	// a page omits inside it, </li> say, cannot hide the rest of the page)
	skip, skipTag := 0, ""
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
	// under fills the columns of the row that merged cells above cover
	under := func() {
		for len(row) < len(covered) && covered[len(row)] > 0 {
			covered[len(row)]--
			row = append(row, "")
		}
	}
	endCell := func() {
		if cell != nil {
			under()
			for len(covered) <= len(row) {
				covered = append(covered, 0)
			}
			covered[len(row)] = span.rows - 1
			row = append(row, strings.TrimSpace(cell.String()))
			// the columns after the first that a colspan covers: empty,
			// and covered below as far as the cell goes down
			for k := 1; k < span.cols && padded < maxPadding; k++ {
				if len(covered) <= len(row) {
					covered = append(covered, 0)
				}
				covered[len(row)] = span.rows - 1
				row = append(row, "")
				padded++
			}
			cell = nil
		}
	}
	endRow := func() {
		endCell()
		if len(row) > 0 {
			under()
		}
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
	}
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			endRow()
			flush()
			return out
		case xhtml.TextToken:
			if skip == 0 {
				write(strings.Join(strings.Fields(string(z.Text())), " "))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			opens := tt == xhtml.StartTagToken && !void[tag]
			if skip > 0 {
				if opens && tag == skipTag {
					skip++
				}
				continue
			}
			sp := spans{1, 1}
			if opens && (skipped[tag] || hidden(z, tag, hasAttr, rules, &sp)) {
				skip, skipTag = 1, tag
				continue
			}
			switch {
			case tag == "table":
				flush()
				inTable++
				if inTable == 1 {
					covered = nil
				}
			case tag == "tr" && inTable == 1:
				endRow() // a row whose </tr> the page omitted
			case (tag == "td" || tag == "th") && inTable == 1:
				endCell() // a cell whose </td> the page omitted
				cell, span = &strings.Builder{}, sp
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
			if skip > 0 {
				if tag == skipTag {
					skip--
				}
				continue
			}
			switch {
			case (tag == "td" || tag == "th") && inTable == 1:
				endCell()
			case tag == "tr" && inTable == 1:
				endRow()
			case tag == "table":
				if inTable == 1 {
					endRow()
				}
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
