// Package docx reads the text of Word documents (.docx, Office Open XML):
// paragraphs in order, tabs kept, and tables as rows of cells (a cell's
// paragraphs joined), for layout.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"qcweave/layout"
)

// ErrNotDocx is returned for archives without word/document.xml.
var ErrNotDocx = errors.New("not a Word document (no word/document.xml)")

// Limits of document.xml: its decompressed size, its number of XML
// tokens, and how deep its elements nest (a small hostile file must not
// take the process's memory or time).
const (
	maxPart   = 64 << 20
	maxTokens = 8 << 20
	maxDepth  = 512
)

// maxGridSpan bounds the grid columns one cell spans or a row skips, and
// maxPadding the empty cells they add in all (a hostile file may claim
// millions).
const (
	maxGridSpan = 64
	maxPadding  = 1 << 20
)

// ErrTooBig is returned for a document over one of the limits.
var ErrTooBig = errors.New("docx: document too large or too deeply nested to read")

// Read returns the lines of the .docx held in b: the body's, then the
// lines of the headers and footers its sections show (page furniture).
func Read(b []byte) ([]layout.Line, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	part := files["word/document.xml"]
	if part == nil {
		return nil, ErrNotDocx
	}
	rc, err := openPart(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var refs []pageRef
	lines, err := parse(rc, &refs)
	if err != nil {
		return nil, err
	}
	return append(lines, furniture(files, refs, lines)...), nil
}

// openPart opens a part of the archive within the size limit.
func openPart(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > maxPart {
		return nil, fmt.Errorf("%w: %s is %d MB unzipped", ErrTooBig, f.Name, f.UncompressedSize64>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, maxPart), rc}, nil
}

// parse walks document.xml: w:p paragraphs, w:t text, w:tab and w:br, and
// w:tbl/w:tr/w:tc tables (nested tables flattened into their cell).
//
// It gathers in refs the headers and footers the sections name
// (w:headerReference, w:footerReference) and whether a section has a
// first page of its own (w:titlePg).
func parse(r io.Reader, refs *[]pageRef) ([]layout.Line, error) {
	dec := xml.NewDecoder(r)
	nesting, tokens := 0, 0 // element depth; tokens read
	var out []layout.Line
	offset := 0
	var para strings.Builder
	var cell []string // paragraphs of the current cell
	var row []string  // cells of the current row
	// a cell spanning grid columns (w:gridSpan) leaves the columns after
	// its first empty, as do the columns a row skips (w:gridBefore): the
	// row's later cells stay under their headers
	span := 1
	padded := 0 // empty cells added so far, bounded by maxPadding
	pad := func(n int) {
		for ; n > 0 && padded < maxPadding; n-- {
			row = append(row, "")
			padded++
		}
	}
	depth := 0 // table nesting
	inText := false
	stops := 0 // inside w:tabs: a paragraph's tab stops, not tabs
	// the colour and size of a paragraph's first run of text (w:color,
	// w:sz in half-points): a 公文's red, large 版头
	var pColor uint32
	var pSize float64
	textSeen := false
	// a picture in a paragraph (w:drawing, w:pict) lies over it, or over
	// the next paragraph with text when its own has none (an anchored
	// seal); pendingSeal carries it there
	pSeal, pendingSeal := false, false
	// a paragraph in a text box (w:txbxContent) opens inside the
	// paragraph that anchors it: the outer one's state waits in outer
	// until the inner one is read, and a text box's fallback copy
	// (mc:Fallback, a VML picture of the same box) is skipped
	type paraState struct {
		text           string
		color          uint32
		size           float64
		textSeen, seal bool
	}
	var outer []paraState
	open, fallback := 0, 0
	emit := func(l layout.Line) {
		l.Offset = offset
		out = append(out, l)
		n := len([]rune(l.Text))
		for _, c := range l.Cells {
			n += len([]rune(c.Text)) + 1
		}
		offset += n + 1
	}
	for {
		// RawToken: no namespace translation, whose cost grows with depth
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("docx: document.xml: %w", err)
		}
		if tokens++; tokens > maxTokens {
			return nil, fmt.Errorf("%w: more than %d XML tokens", ErrTooBig, maxTokens)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if nesting++; nesting > maxDepth {
				return nil, fmt.Errorf("%w: elements nested more than %d deep", ErrTooBig, maxDepth)
			}
			if fallback > 0 || t.Name.Local == "Fallback" {
				fallback++
				continue
			}
			switch t.Name.Local {
			case "tbl":
				depth++
			case "tr":
				if depth == 1 {
					row = nil
				}
			case "tc":
				if depth == 1 {
					cell, span = nil, 1
				}
			case "gridSpan", "gridBefore":
				n, err := strconv.Atoi(attr(t.Attr, "val"))
				if depth != 1 || err != nil || n < 2 && t.Name.Local == "gridSpan" || n < 1 {
					break
				}
				n = min(n, maxGridSpan)
				if t.Name.Local == "gridSpan" {
					span = n
				} else {
					pad(n)
				}
			case "p":
				if open++; open > 1 {
					outer = append(outer, paraState{para.String(), pColor, pSize, textSeen, pSeal})
				}
				para.Reset()
				pColor, pSize, textSeen, pSeal = 0, 0, false, false
			case "drawing", "pict":
				pSeal = depth == 0
			case "color", "sz":
				if !textSeen {
					for _, a := range t.Attr {
						if a.Name.Local != "val" {
							continue
						}
						if t.Name.Local == "color" {
							if v, err := strconv.ParseUint(a.Value, 16, 32); err == nil && len(a.Value) == 6 {
								pColor = uint32(v)
							}
						} else if v, err := strconv.ParseFloat(a.Value, 64); err == nil && v > 0 && v < 2000 {
							pSize = v / 2
						}
					}
				}
			case "headerReference", "footerReference":
				ref := pageRef{footer: t.Name.Local == "footerReference", kind: "default"}
				for _, a := range t.Attr {
					switch {
					case a.Name.Local == "type":
						ref.kind = a.Value
					case a.Name.Local == "id" && a.Name.Space != "":
						ref.id = a.Value
					}
				}
				*refs = append(*refs, ref)
			case "titlePg":
				if on(t.Attr) {
					*refs = append(*refs, pageRef{kind: "titlePg"})
				}
			case "t":
				inText = true
			case "tabs":
				stops++
			case "tab":
				if stops == 0 {
					para.WriteByte('\t')
				}
			case "br", "cr":
				para.WriteByte('\n')
			}
		case xml.EndElement:
			nesting--
			if fallback > 0 {
				fallback--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "tabs":
				stops--
			case "p":
				text := para.String()
				if depth > 0 {
					cell = append(cell, strings.TrimSpace(text))
				} else {
					seal := pSeal || pendingSeal
					pendingSeal = seal && strings.TrimSpace(text) == ""
					for _, l := range strings.Split(text, "\n") {
						emit(layout.Line{Text: l, Color: pColor, Size: pSize, Seal: seal && !pendingSeal})
					}
					emit(layout.Line{}) // paragraphs are separate blocks
				}
				if open > 0 {
					open--
				}
				if n := len(outer); n > 0 && open > 0 {
					st := outer[n-1]
					outer = outer[:n-1]
					para.Reset()
					para.WriteString(st.text)
					pColor, pSize, textSeen, pSeal = st.color, st.size, st.textSeen, st.seal
				}
			case "tc":
				if depth == 1 {
					row = append(row, strings.Join(nonEmpty(cell), " "))
					pad(span - 1)
				}
			case "tr":
				if depth == 1 && len(row) > 0 {
					l := layout.Line{}
					off := offset
					for _, c := range row {
						l.Cells = append(l.Cells, layout.Cell{Text: c, Offset: off})
						off += len([]rune(c)) + 1
					}
					emit(l)
				}
			case "tbl":
				depth--
				if depth == 0 {
					emit(layout.Line{})
				}
			}
		case xml.CharData:
			if inText && fallback == 0 {
				para.Write(t)
				textSeen = textSeen || strings.TrimSpace(string(t)) != ""
			}
		}
	}
	return out, nil
}

func nonEmpty(s []string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
