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
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"qcweave/formats/pdfload"
)

// Limits of one file, so that a small hostile archive cannot take the
// process's memory or time.
const (
	maxEntries  = 10000    // files in the archive
	maxPart     = 32 << 20 // bytes of one part, unzipped
	maxUnzipped = 256 << 20
	maxPages    = 5000
	maxGlyphs   = 4 << 20
	maxDepth    = 256 // element nesting of a page
)

// Errors an OFD file is refused with.
var (
	ErrNotOFD  = errors.New("not an OFD file (no OFD.xml)")
	ErrTooBig  = errors.New("OFD file too large to read")
	ErrNoPages = errors.New("OFD has no pages")
)

// mmToPt converts OFD's millimetres to the points the layout code expects.
const mmToPt = 72 / 25.4

// Read returns the text of the OFD file held in b, laid out, as the PDF
// reader returns a PDF's.
func Read(b []byte) (*pdfload.Result, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("ofd: %w", err)
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("%w: %d files in the archive", ErrTooBig, len(zr.File))
	}
	pkg := &archive{files: map[string]*zip.File{}, folded: map[string]*zip.File{}}
	for _, f := range zr.File {
		name := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(f.Name, "\\", "/")), "/")
		pkg.files[name] = f
		pkg.folded[strings.ToLower(name)] = f
	}
	var root ofdXML
	if err := pkg.decode("OFD.xml", &root); err != nil {
		if errors.Is(err, errMissing) {
			return nil, ErrNotOFD
		}
		return nil, err
	}
	var pages []pdfload.Page
	for _, body := range root.DocBody {
		if body.DocRoot == "" {
			continue
		}
		ps, err := pkg.document(strings.TrimSpace(body.DocRoot))
		if err != nil {
			return nil, err
		}
		pages = append(pages, ps...)
	}
	if len(pages) == 0 {
		return nil, ErrNoPages
	}
	res, err := pdfload.LayOut(pages)
	if errors.Is(err, pdfload.ErrNoText) {
		return nil, errors.New("OFD has no text (only images or drawings): nothing to read")
	}
	return res, err
}

// archive is the OFD package: its parts by cleaned name, and by lower-case
// name for writers that spell paths inconsistently.
type archive struct {
	files, folded map[string]*zip.File
	unzipped      int64
}

var errMissing = errors.New("missing part")

// open returns a part's content, bounded.
func (a *archive) read(name string) ([]byte, error) {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	f, ok := a.files[name]
	if !ok {
		if f, ok = a.folded[strings.ToLower(name)]; !ok {
			return nil, fmt.Errorf("ofd: %s: %w", name, errMissing)
		}
	}
	if f.UncompressedSize64 > maxPart {
		return nil, fmt.Errorf("%w: %s is %d MB unzipped", ErrTooBig, name, f.UncompressedSize64>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("ofd: %s: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("ofd: %s: %w", name, err)
	}
	if len(data) > maxPart {
		return nil, fmt.Errorf("%w: %s is over %d MB unzipped", ErrTooBig, name, maxPart>>20)
	}
	if a.unzipped += int64(len(data)); a.unzipped > maxUnzipped {
		return nil, fmt.Errorf("%w: over %d MB unzipped", ErrTooBig, maxUnzipped>>20)
	}
	return data, nil
}

// decode reads a part as XML into v.
func (a *archive) decode(name string, v any) error {
	data, err := a.read(name)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("ofd: %s: %w", name, err)
	}
	return nil
}

// resolve returns the name of a part a location points to: absolute
// locations start at the package's root, relative ones at dir.
func resolve(dir, loc string) string {
	loc = strings.ReplaceAll(strings.TrimSpace(loc), "\\", "/")
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, loc)), "/")
}

// The parts' XML, by local names (the ofd: namespace is matched loosely).
type (
	ofdXML struct {
		DocBody []struct {
			DocRoot string `xml:"DocRoot"`
		} `xml:"DocBody"`
	}
	documentXML struct {
		CommonData struct {
			PageArea     area   `xml:"PageArea"`
			TemplatePage []tmpl `xml:"TemplatePage"`
		} `xml:"CommonData"`
		Pages struct {
			Page []struct {
				BaseLoc string `xml:"BaseLoc,attr"`
			} `xml:"Page"`
		} `xml:"Pages"`
	}
	area struct {
		PhysicalBox string `xml:"PhysicalBox"`
	}
	tmpl struct {
		ID      string `xml:"ID,attr"`
		BaseLoc string `xml:"BaseLoc,attr"`
	}
)

// document reads the pages of one document of the package.
func (a *archive) document(root string) ([]pdfload.Page, error) {
	var doc documentXML
	if err := a.decode(root, &doc); err != nil {
		return nil, err
	}
	dir := path.Dir(root)
	templates := map[string]string{}
	for _, t := range doc.CommonData.TemplatePage {
		templates[t.ID] = resolve(dir, t.BaseLoc)
	}
	defaultBox := parseBox(doc.CommonData.PageArea.PhysicalBox, [4]float64{0, 0, 210, 297})
	if len(doc.Pages.Page) > maxPages {
		return nil, fmt.Errorf("%w: %d pages", ErrTooBig, len(doc.Pages.Page))
	}
	glyphs := 0
	var out []pdfload.Page
	for _, p := range doc.Pages.Page {
		pr := &pageReader{box: defaultBox}
		name := resolve(dir, p.BaseLoc)
		data, err := a.read(name)
		if err != nil {
			return nil, err
		}
		// the page's templates (a 公文's 版头, a form's printed text) first
		for _, id := range templateIDs(data) {
			if loc, ok := templates[id]; ok {
				if td, err := a.read(loc); err == nil {
					if err := pr.content(td); err != nil {
						return nil, fmt.Errorf("ofd: %s: %w", loc, err)
					}
				}
			}
		}
		if err := pr.content(data); err != nil {
			return nil, fmt.Errorf("ofd: %s: %w", name, err)
		}
		if glyphs += len(pr.glyphs); glyphs > maxGlyphs {
			return nil, fmt.Errorf("%w: over %d characters", ErrTooBig, maxGlyphs)
		}
		out = append(out, pr.page())
	}
	return out, nil
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
				pr.box = parseBox(string(t), pr.box)
			case code != nil && obj != nil:
				pr.text(obj, code, string(t))
			case path != nil:
				pr.strokes(path, string(t))
			}
		}
	}
}

func newTextObject(t xml.StartElement) *textObject {
	b := parseBox(attr(t, "Boundary"), [4]float64{})
	o := &textObject{origin: [2]float64{b[0], b[1]}, ctm: parseCTM(attr(t, "CTM")), size: num(attr(t, "Size"), 3.5), scale: num(attr(t, "HScale"), 1)}
	return o
}

// text places the characters of one TextCode: the first at X, Y of the
// object's space, each next one DeltaX (DeltaY) further.
func (pr *pageReader) text(o *textObject, code *xml.StartElement, s string) {
	if x := attr(*code, "X"); x != "" {
		o.x = num(x, o.x)
	}
	if y := attr(*code, "Y"); y != "" {
		o.y = num(y, o.y)
	}
	dx, dy := deltas(attr(*code, "DeltaX")), deltas(attr(*code, "DeltaY"))
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
		px, py := apply(o.ctm, x, y)
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
	if strings.EqualFold(attr(*p, "Stroke"), "false") {
		return
	}
	b := parseBox(attr(*p, "Boundary"), [4]float64{})
	ctm := parseCTM(attr(*p, "CTM"))
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
		ax, ay := apply(ctm, a[0], a[1])
		cx, cy := apply(ctm, c[0], c[1])
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

// deltas expands an OFD delta list, where "g N v" stands for N times v.
func deltas(s string) []float64 {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f) && len(out) < 1<<16; i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, _ := strconv.Atoi(f[i+1])
			v, err := strconv.ParseFloat(f[i+2], 64)
			if err == nil {
				for k := 0; k < n && len(out) < 1<<16; k++ {
					out = append(out, v)
				}
			}
			i += 2
			continue
		}
		if v, err := strconv.ParseFloat(f[i], 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func num(s string, def float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}

// parseBox parses "x y w h", or returns def.
func parseBox(s string, def [4]float64) [4]float64 {
	f := strings.Fields(s)
	if len(f) != 4 {
		return def
	}
	var b [4]float64
	for i, x := range f {
		b[i] = num(x, math.NaN())
		if math.IsNaN(b[i]) {
			return def
		}
	}
	return b
}

// parseCTM parses "a b c d e f", or returns the identity.
func parseCTM(s string) [6]float64 {
	f := strings.Fields(s)
	m := [6]float64{1, 0, 0, 1, 0, 0}
	if len(f) != 6 {
		return m
	}
	for i, x := range f {
		m[i] = num(x, m[i])
	}
	return m
}

// apply maps a point of an object's space through its CTM.
func apply(m [6]float64, x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}
