// Package ofd reads the text of OFD files (GB/T 33190, the national format
// of e-government documents and e-invoices): a ZIP of XML parts, OFD.xml →
// Document.xml → each page's Content.xml (and its template pages), whose
// TextObject/TextCode elements place every character and whose
// PathObject strokes draw table rules. The characters and rules are laid
// out by the same code as a PDF page's (pdfload.LayOut), so tables and
// reading order come out alike. Annotations and signatures are not text of
// the document and are skipped.
package ofd

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"qcweave/formats/pdfload"
	"qcweave/internal/ofdpkg"
)

// Limits of one page, so that a small hostile archive cannot take the
// process's memory or time (ofdpkg bounds the archive).
const (
	maxGlyphs = 4 << 20
	maxDepth  = 256 // element nesting of a page
)

// Errors an OFD file is refused with.
var (
	ErrNotOFD  = ofdpkg.ErrNotOFD
	ErrTooBig  = ofdpkg.ErrTooBig
	ErrNoPages = ofdpkg.ErrNoPages
)

// mmToPt converts OFD's millimetres to the points the layout code expects.
const mmToPt = 72 / 25.4

// Read returns the text of the OFD file held in b, laid out, as the PDF
// reader returns a PDF's.
func Read(b []byte) (*pdfload.Result, error) {
	pkg, err := ofdpkg.Open(b)
	if err != nil {
		return nil, err
	}
	list, err := pkg.Pages()
	if err != nil {
		return nil, err
	}
	glyphs := 0
	pages := make([]pdfload.Page, 0, len(list))
	for _, p := range list {
		pr := &pageReader{box: p.Box}
		data, err := pkg.Read(p.Content)
		if err != nil {
			return nil, err
		}
		// the page's templates (a 公文's 版头, a form's printed text) first
		for _, id := range templateIDs(data) {
			if loc, ok := p.Templates[id]; ok {
				if td, err := pkg.Read(loc); err == nil {
					if err := pr.content(td); err != nil {
						return nil, fmt.Errorf("ofd: %s: %w", loc, err)
					}
				}
			}
		}
		if err := pr.content(data); err != nil {
			return nil, fmt.Errorf("ofd: %s: %w", p.Content, err)
		}
		if glyphs += len(pr.glyphs); glyphs > maxGlyphs {
			return nil, fmt.Errorf("%w: over %d characters", ErrTooBig, maxGlyphs)
		}
		pages = append(pages, pr.page())
	}
	res, err := pdfload.LayOut(pages)
	if errors.Is(err, pdfload.ErrNoText) {
		return nil, errors.New("OFD has no text (only images or drawings): nothing to read")
	}
	return res, err
}

// templateIDs returns the TemplateID attributes of a page's Template
// elements.
func templateIDs(data []byte) []string {
	var p struct {
		Template []struct {
			TemplateID string `xml:"TemplateID,attr"`
		} `xml:"Template"`
	}
	if xml.Unmarshal(data, &p) != nil {
		return nil
	}
	var ids []string
	for _, t := range p.Template {
		ids = append(ids, t.TemplateID)
	}
	return ids
}

// pageReader collects the characters and rules of one page, in
// millimetres with y growing downward, as OFD places them.
type pageReader struct {
	box    [4]float64
	glyphs []pdfload.Glyph
	rules  []pdfload.Rule
}

// page converts the collected marks to the layout's points, y upward.
func (pr *pageReader) page() pdfload.Page {
	h := pr.box[1] + pr.box[3]
	p := pdfload.Page{Box: [4]float64{pr.box[0] * mmToPt, 0, (pr.box[0] + pr.box[2]) * mmToPt, pr.box[3] * mmToPt}}
	for _, g := range pr.glyphs {
		p.Glyphs = append(p.Glyphs, pdfload.Glyph{X: g.X * mmToPt, Y: (h - g.Y) * mmToPt, W: g.W * mmToPt, Size: g.Size * mmToPt, S: g.S})
	}
	for _, r := range pr.rules {
		p.Rules = append(p.Rules, pdfload.Rule{X0: r.X0 * mmToPt, Y0: (h - r.Y0) * mmToPt, X1: r.X1 * mmToPt, Y1: (h - r.Y1) * mmToPt})
	}
	return p
}

// textObject is the state of a TextObject being read.
type textObject struct {
	origin      [2]float64 // Boundary's top left
	ctm         [6]float64
	size, scale float64 // font size; horizontal scale (HScale)
	x, y        float64 // the next TextCode's default position
}

// content reads a Content.xml (of a page or a template page): its page
// area, text objects and stroked paths, through layers and page blocks.
func (pr *pageReader) content(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var obj *textObject
	var code *xml.StartElement
	var path *xml.StartElement
	depth := 0
	inArea, inBox := false, false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return fmt.Errorf("%w: elements nested more than %d deep", ErrTooBig, maxDepth)
			}
			switch t.Name.Local {
			case "Area":
				inArea = true
			case "PhysicalBox":
				inBox = inArea
			case "TextObject":
				obj = newTextObject(t)
			case "TextCode":
				c := t
				code = &c
			case "PathObject":
				p := t
				path = &p
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "Area":
				inArea = false
			case "PhysicalBox":
				inBox = false
			case "TextObject":
				obj = nil
			case "TextCode":
				code = nil
			case "PathObject":
				path = nil
			}
		case xml.CharData:
			switch {
			case inBox:
				pr.box = ofdpkg.ParseBox(string(t), pr.box)
			case code != nil && obj != nil:
				pr.text(obj, code, string(t))
			case path != nil:
				pr.strokes(path, string(t))
			}
		}
	}
}

func newTextObject(t xml.StartElement) *textObject {
	b := ofdpkg.ParseBox(ofdpkg.Attr(t, "Boundary"), [4]float64{})
	o := &textObject{origin: [2]float64{b[0], b[1]}, ctm: ofdpkg.ParseCTM(ofdpkg.Attr(t, "CTM")), size: ofdpkg.Num(ofdpkg.Attr(t, "Size"), 3.5), scale: ofdpkg.Num(ofdpkg.Attr(t, "HScale"), 1)}
	return o
}

// text places the characters of one TextCode: the first at X, Y of the
// object's space, each next one DeltaX (DeltaY) further.
func (pr *pageReader) text(o *textObject, code *xml.StartElement, s string) {
	if x := ofdpkg.Attr(*code, "X"); x != "" {
		o.x = ofdpkg.Num(x, o.x)
	}
	if y := ofdpkg.Attr(*code, "Y"); y != "" {
		o.y = ofdpkg.Num(y, o.y)
	}
	dx, dy := ofdpkg.Deltas(ofdpkg.Attr(*code, "DeltaX")), ofdpkg.Deltas(ofdpkg.Attr(*code, "DeltaY"))
	scale := math.Sqrt(math.Abs(o.ctm[0]*o.ctm[3] - o.ctm[1]*o.ctm[2]))
	if scale == 0 {
		scale = 1
	}
	x, y := o.x, o.y
	i := 0
	for _, r := range s {
		adv := o.size * o.scale
		if len(dx) > 0 {
			adv = dx[min(i, len(dx)-1)]
		}
		px, py := ofdpkg.Apply(o.ctm, x, y)
		pr.glyphs = append(pr.glyphs, pdfload.Glyph{X: o.origin[0] + px, Y: o.origin[1] + py, W: adv * scale, Size: o.size * scale, S: string(r)})
		if len(dy) > 0 {
			y += dy[min(i, len(dy)-1)]
		}
		if len(dy) == 0 || len(dx) > 0 {
			x += adv
		}
		i++
	}
	o.x, o.y = x, y
}

// strokes reads a path's abbreviated data and keeps its straight
// horizontal and vertical segments as rules.
func (pr *pageReader) strokes(p *xml.StartElement, data string) {
	if strings.EqualFold(ofdpkg.Attr(*p, "Stroke"), "false") {
		return
	}
	b := ofdpkg.ParseBox(ofdpkg.Attr(*p, "Boundary"), [4]float64{})
	ctm := ofdpkg.ParseCTM(ofdpkg.Attr(*p, "CTM"))
	f := strings.Fields(data)
	var cur, start [2]float64
	point := func(i int) ([2]float64, bool) {
		if i+2 > len(f) {
			return [2]float64{}, false
		}
		x, err1 := strconv.ParseFloat(f[i], 64)
		y, err2 := strconv.ParseFloat(f[i+1], 64)
		return [2]float64{x, y}, err1 == nil && err2 == nil
	}
	line := func(a, c [2]float64) {
		ax, ay := ofdpkg.Apply(ctm, a[0], a[1])
		cx, cy := ofdpkg.Apply(ctm, c[0], c[1])
		if math.Abs(ax-cx) < 0.2 || math.Abs(ay-cy) < 0.2 {
			pr.rules = append(pr.rules, pdfload.Rule{X0: b[0] + ax, Y0: b[1] + ay, X1: b[0] + cx, Y1: b[1] + cy})
		}
	}
	for i := 0; i < len(f); {
		switch f[i] {
		case "S", "M":
			if pt, ok := point(i + 1); ok {
				cur, start = pt, pt
			}
			i += 3
		case "L":
			if pt, ok := point(i + 1); ok {
				line(cur, pt)
				cur = pt
			}
			i += 3
		case "C":
			line(cur, start)
			cur = start
			i++
		case "Q":
			i += 5
		case "B":
			i += 7
		case "A":
			i += 8
		default:
			i++
		}
	}
}
