// Package ofdsvg draws a page of an OFD file (GB/T 33190) as SVG, for a
// reviewer to see the page a record was read from: its text objects at
// their positions and sizes, its paths (rules, lines, rectangles, filled
// shapes) in their stroke and fill colours, and its images (embedded PNG,
// JPEG, GIF, BMP or WebP resources) as data: URIs, with the page's
// templates behind (or before) its content.
//
// The SVG is built from numbers this package formats and from escaped
// text only: no element, attribute or URL of the file is copied into it,
// so it holds no script, no link and nothing that loads from elsewhere.
// A hostile file is bounded: the page's size (MaxSide), the objects and
// characters drawn (MaxObjects, MaxChars; past them the page is drawn
// in part and says so), the path commands, the image bytes, the SVG's
// size, and the time (the context; the caller sets a deadline).
//
// Coordinates are OFD's millimetres; the SVG's viewBox is the page's
// physical box, so a point (x, y) of the page is (x, y) in the drawing,
// and its width and height are the page's at the resolution asked for.
package ofdsvg

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode"

	"qcweave/internal/ofdpkg"
)

// Bounds of one page's drawing.
const (
	// MaxSide is the longest side of a page drawn, in millimetres (an A0
	// sheet is 841 × 1189 mm).
	MaxSide = 2000
	// MaxObjects is how many text, path and image objects are drawn.
	MaxObjects = 50000
	// MaxChars is how many characters are drawn.
	MaxChars = 200000
	// maxPathOps bounds the path commands drawn.
	maxPathOps = 1 << 20
	// maxImageBytes bounds the bytes of the images embedded.
	maxImageBytes = 24 << 20
	// maxSVG bounds the drawing's size.
	maxSVG = 64 << 20
	// maxDepth bounds the element nesting of a page.
	maxDepth = 256
	// maxCodes bounds the TextCodes of one text object.
	maxCodes = 4096
	// maxParamChain bounds a DrawParam's chain of Relative parents.
	maxParamChain = 16
)

// Errors a page is refused with.
var (
	ErrNoPage  = errors.New("ofdsvg: no such page")
	ErrTooBig  = ofdpkg.ErrTooBig
	errTooDeep = fmt.Errorf("%w: elements nested more than %d deep", ofdpkg.ErrTooBig, maxDepth)
)

// Render draws page n (1-based, numbered as the text reader numbers them)
// of the OFD file held in b as an SVG document whose width and height are
// the page's at dpi dots per inch. It stops with ctx's error when ctx is
// done.
func Render(ctx context.Context, b []byte, n int, dpi float64) ([]byte, error) {
	a, err := ofdpkg.Open(b)
	if err != nil {
		return nil, err
	}
	pages, err := a.Pages()
	if err != nil {
		return nil, err
	}
	if n < 1 || n > len(pages) {
		return nil, fmt.Errorf("%w: page %d of %d", ErrNoPage, n, len(pages))
	}
	p := pages[n-1]
	data, err := a.Read(p.Content)
	if err != nil {
		return nil, err
	}
	head := pageHead(data)
	r := &renderer{ctx: ctx, a: a, res: newResources()}
	for _, loc := range p.Res {
		r.res.load(a, loc)
	}
	for _, loc := range head.PageRes {
		r.res.load(a, ofdpkg.Resolve(path.Dir(p.Content), loc))
	}
	box := p.Box
	var back, front [][]byte
	for _, t := range head.Template {
		loc, ok := p.Templates[t.TemplateID]
		if !ok {
			continue // a broken reference: the page without it
		}
		td, err := a.Read(loc)
		if err != nil {
			continue
		}
		th := pageHead(td)
		for _, l := range th.PageRes {
			r.res.load(a, ofdpkg.Resolve(path.Dir(loc), l))
		}
		if th.box != nil {
			box = *th.box
		}
		z := t.ZOrder
		if z == "" {
			z = p.ZOrders[t.TemplateID]
		}
		if strings.EqualFold(z, "Foreground") {
			front = append(front, td)
		} else {
			back = append(back, td)
		}
	}
	if head.box != nil {
		box = *head.box
	}
	if !(box[2] > 0 && box[3] > 0) {
		return nil, fmt.Errorf("ofdsvg: page %d has no size (%g × %g mm)", n, box[2], box[3])
	}
	if box[2] > MaxSide || box[3] > MaxSide {
		return nil, fmt.Errorf("%w: page %d is %.0f × %.0f mm, over %d mm", ErrTooBig, n, box[2], box[3], MaxSide)
	}
	for _, part := range append(append(back, data), front...) {
		if err := r.content(part); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="%s %s %s %s" xml:space="preserve">`+"\n",
		f(box[2]/25.4*dpi), f(box[3]/25.4*dpi), f(box[0]), f(box[1]), f(box[2]), f(box[3]))
	fmt.Fprintf(&out, `<rect x="%s" y="%s" width="%s" height="%s" fill="#fff"/>`+"\n", f(box[0]), f(box[1]), f(box[2]), f(box[3]))
	if r.defs.Len() > 0 {
		out.WriteString("<defs>")
		out.Write(r.defs.Bytes())
		out.WriteString("</defs>\n")
	}
	out.Write(r.body.Bytes())
	if r.cut != "" {
		fmt.Fprintf(&out, `<text x="%s" y="%s" font-size="4" font-family="sans-serif" fill="#c53030">`, f(box[0]+3), f(box[1]+6))
		xml.EscapeText(&out, []byte("只画出了本页的一部分："+r.cut))
		out.WriteString("</text>\n")
	}
	out.WriteString("</svg>\n")
	return out.Bytes(), nil
}

// head is what a Content.xml says before its content: its size, its
// templates and its own resources.
type head struct {
	Area struct {
		PhysicalBox string `xml:"PhysicalBox"`
	} `xml:"Area"`
	Template []struct {
		TemplateID string `xml:"TemplateID,attr"`
		ZOrder     string `xml:"ZOrder,attr"`
	} `xml:"Template"`
	PageRes []string `xml:"PageRes"`
	box     *[4]float64
}

func pageHead(data []byte) head {
	var h head
	dec := xml.NewDecoder(bytes.NewReader(data))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if _, ok := tok.(xml.EndElement); ok {
			depth--
			continue
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if depth++; depth != 2 {
			continue
		}
		// the page's children before its content; Content itself ends
		// the head
		switch el.Name.Local {
		case "Area":
			var a struct {
				PhysicalBox string `xml:"PhysicalBox"`
			}
			if dec.DecodeElement(&a, &el) == nil {
				h.Area.PhysicalBox = a.PhysicalBox
			}
			depth--
		case "Template":
			h.Template = append(h.Template, struct {
				TemplateID string `xml:"TemplateID,attr"`
				ZOrder     string `xml:"ZOrder,attr"`
			}{ofdpkg.Attr(el, "TemplateID"), ofdpkg.Attr(el, "ZOrder")})
		case "PageRes":
			var loc string
			if dec.DecodeElement(&loc, &el) == nil {
				h.PageRes = append(h.PageRes, loc)
			}
			depth--
		case "Content":
			return h.sized()
		}
	}
	return h.sized()
}

// sized sets the head's box from its Area.
func (h head) sized() head {
	if s := strings.TrimSpace(h.Area.PhysicalBox); s != "" {
		b := ofdpkg.ParseBox(s, [4]float64{math.NaN()})
		if !math.IsNaN(b[0]) {
			h.box = &b
		}
	}
	return h
}

// renderer draws the content of a page and its templates.
type renderer struct {
	ctx        context.Context
	a          *ofdpkg.Archive
	res        *resources
	defs, body bytes.Buffer
	images     map[string]string // resource ID → the id of its image in defs ("" when it cannot be drawn)
	objects    int
	chars      int
	pathOps    int
	imageBytes int
	cut        string // why the page is drawn in part
}

// object is a graphic unit being read: its element, and what its
// children say.
type object struct {
	el             xml.StartElement
	fill, stroke   *color
	codes          []textCode
	data           strings.Builder // a path's AbbreviatedData
	inData, inCode bool
}

type textCode struct {
	el   xml.StartElement
	text strings.Builder
}

// content draws the objects of one Content.xml, in order, through layers
// and page blocks; clips, and everything that is not a page's drawing,
// are skipped.
func (r *renderer) content(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var obj *object
	var target **color // the colour element being read
	var layerParam string
	depth, skip, tokens := 0, 0, 0
	for {
		if tokens++; tokens%1024 == 0 {
			if err := r.ctx.Err(); err != nil {
				return fmt.Errorf("ofdsvg: %w", err)
			}
		}
		tok, err := dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("ofdsvg: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return errTooDeep
			}
			if skip > 0 {
				continue
			}
			switch t.Name.Local {
			case "Clips", "Clip", "Border", "CGTransform", "Actions":
				skip = depth
			case "Layer":
				layerParam = ofdpkg.Attr(t, "DrawParam")
			case "TextObject", "PathObject", "ImageObject":
				obj = &object{el: t.Copy()}
			case "FillColor", "StrokeColor":
				if obj != nil {
					c := parseColor(t)
					target = &obj.fill
					if t.Name.Local == "StrokeColor" {
						target = &obj.stroke
					}
					*target = c
				}
			case "Color":
				if target != nil && *target == nil {
					*target = parseColor(t)
				}
			case "TextCode":
				if obj != nil && len(obj.codes) < maxCodes {
					obj.codes = append(obj.codes, textCode{el: t.Copy()})
					obj.inCode = true
				}
			case "AbbreviatedData":
				if obj != nil {
					obj.inData = true
				}
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				if depth < skip {
					skip = 0
				}
				continue
			}
			switch t.Name.Local {
			case "Layer":
				layerParam = ""
			case "TextObject", "PathObject", "ImageObject":
				if obj != nil {
					r.draw(obj, layerParam)
				}
				obj = nil
				if r.cut != "" {
					return nil // nothing more is drawn
				}
			case "FillColor", "StrokeColor":
				target = nil
			case "TextCode":
				if obj != nil {
					obj.inCode = false
				}
			case "AbbreviatedData":
				if obj != nil {
					obj.inData = false
				}
			}
		case xml.CharData:
			if skip > 0 || obj == nil {
				continue
			}
			switch {
			case obj.inCode:
				if c := &obj.codes[len(obj.codes)-1]; c.text.Len() < 1<<20 {
					c.text.Write(t)
				}
			case obj.inData:
				if obj.data.Len() < 16<<20 {
					obj.data.Write(t)
				}
			}
		}
	}
}

// room reports whether one more object may be drawn, and says why not.
func (r *renderer) room() bool {
	switch {
	case r.cut != "":
		return false
	case r.objects >= MaxObjects:
		r.cut = fmt.Sprintf("超过 %d 个对象", MaxObjects)
	case r.chars >= MaxChars:
		r.cut = fmt.Sprintf("超过 %d 个字符", MaxChars)
	case r.pathOps >= maxPathOps:
		r.cut = fmt.Sprintf("超过 %d 条路径指令", maxPathOps)
	case r.body.Len()+r.defs.Len() >= maxSVG:
		r.cut = fmt.Sprintf("图形超过 %d MB", maxSVG>>20)
	default:
		return true
	}
	return false
}

// style is how an object is drawn: its own attributes over its DrawParam
// over its layer's.
type style struct {
	lineWidth    float64
	fill, stroke *color
	cap, join    string
}

func (r *renderer) style(o *object, layerParam string) style {
	s := style{lineWidth: 0.353}
	r.res.apply(&s, layerParam)
	r.res.apply(&s, ofdpkg.Attr(o.el, "DrawParam"))
	if v := ofdpkg.Attr(o.el, "LineWidth"); v != "" {
		s.lineWidth = ofdpkg.Num(v, s.lineWidth)
	}
	if v := ofdpkg.Attr(o.el, "Cap"); v != "" {
		s.cap = v
	}
	if v := ofdpkg.Attr(o.el, "Join"); v != "" {
		s.join = v
	}
	if o.fill != nil {
		s.fill = o.fill
	}
	if o.stroke != nil {
		s.stroke = o.stroke
	}
	return s
}

// draw writes one object.
func (r *renderer) draw(o *object, layerParam string) {
	if strings.EqualFold(ofdpkg.Attr(o.el, "Visible"), "false") || !r.room() {
		return
	}
	r.objects++
	b := ofdpkg.ParseBox(ofdpkg.Attr(o.el, "Boundary"), [4]float64{})
	m := ofdpkg.ParseCTM(ofdpkg.Attr(o.el, "CTM"))
	tr := fmt.Sprintf(`transform="matrix(%s %s %s %s %s %s)"`, f(m[0]), f(m[1]), f(m[2]), f(m[3]), f(m[4]+b[0]), f(m[5]+b[1]))
	if a := ofdpkg.Attr(o.el, "Alpha"); a != "" {
		tr += fmt.Sprintf(` opacity="%s"`, f(clamp(ofdpkg.Num(a, 255), 0, 255)/255))
	}
	st := r.style(o, layerParam)
	switch o.el.Name.Local {
	case "TextObject":
		r.text(o, st, tr)
	case "PathObject":
		r.path(o, st, tr)
	case "ImageObject":
		r.image(o, tr, b)
	}
}

// text writes a text object, one <text> a TextCode, each character at the
// position the text reader gives it: the first at X, Y of the object's
// space, each next one DeltaX (DeltaY) further, or a font size further
// when the code gives no DeltaX.
func (r *renderer) text(o *object, st style, tr string) {
	size := ofdpkg.Num(ofdpkg.Attr(o.el, "Size"), 3.5)
	hscale := ofdpkg.Num(ofdpkg.Attr(o.el, "HScale"), 1)
	fnt := r.res.fonts[ofdpkg.Attr(o.el, "Font")]
	paint := ` fill="#000"`
	if strings.EqualFold(ofdpkg.Attr(o.el, "Fill"), "false") {
		paint = ` fill="none"`
	} else if st.fill != nil {
		paint = st.fill.attrs("fill")
	}
	if strings.EqualFold(ofdpkg.Attr(o.el, "Stroke"), "true") {
		c := st.stroke
		if c == nil {
			c = &color{a: 1}
		}
		paint += c.attrs("stroke") + fmt.Sprintf(` stroke-width="%s"`, f(st.lineWidth))
	}
	weight := fnt.bold || ofdpkg.Num(ofdpkg.Attr(o.el, "Weight"), 400) >= 600
	italic := fnt.italic || strings.EqualFold(ofdpkg.Attr(o.el, "Italic"), "true")
	var x, y float64
	for i := range o.codes {
		c := &o.codes[i]
		if v := ofdpkg.Attr(c.el, "X"); v != "" {
			x = ofdpkg.Num(v, x)
		}
		if v := ofdpkg.Attr(c.el, "Y"); v != "" {
			y = ofdpkg.Num(v, y)
		}
		dx, dy := ofdpkg.Deltas(ofdpkg.Attr(c.el, "DeltaX")), ofdpkg.Deltas(ofdpkg.Attr(c.el, "DeltaY"))
		var xs, ys, text strings.Builder
		k := 0
		for _, ch := range c.text.String() {
			if r.chars >= MaxChars {
				break
			}
			r.chars++
			adv := size * hscale
			if len(dx) > 0 {
				adv = dx[min(k, len(dx)-1)]
			}
			// SVG positions UTF-16 code units: a character beyond the BMP
			// takes two
			for range utf16Len(ch) {
				xs.WriteString(f(x) + " ")
				ys.WriteString(f(y) + " ")
			}
			text.WriteRune(ch)
			if len(dy) > 0 {
				y += dy[min(k, len(dy)-1)]
			}
			if len(dy) == 0 || len(dx) > 0 {
				x += adv
			}
			k++
		}
		if text.Len() == 0 {
			continue
		}
		fmt.Fprintf(&r.body, `<text %s font-size="%s" font-family="%s"`, tr, f(size), fnt.familyAttr())
		if weight {
			r.body.WriteString(` font-weight="bold"`)
		}
		if italic {
			r.body.WriteString(` font-style="italic"`)
		}
		fmt.Fprintf(&r.body, `%s x="%s" y="%s">`, paint, strings.TrimSpace(xs.String()), strings.TrimSpace(ys.String()))
		xml.EscapeText(&r.body, []byte(text.String()))
		r.body.WriteString("</text>\n")
	}
}

func utf16Len(ch rune) int {
	if ch > 0xFFFF {
		return 2
	}
	return 1
}

// path writes a path object: OFD's abbreviated data as SVG path data,
// each number parsed and written anew.
func (r *renderer) path(o *object, st style, tr string) {
	d := r.pathData(o.data.String())
	if d == "" {
		return
	}
	stroke := !strings.EqualFold(ofdpkg.Attr(o.el, "Stroke"), "false")
	fill := strings.EqualFold(ofdpkg.Attr(o.el, "Fill"), "true")
	fmt.Fprintf(&r.body, `<path %s d="%s"`, tr, d)
	if fill {
		c := st.fill
		if c == nil {
			c = &color{a: 1} // black, as OFD readers draw a fill without a colour
		}
		r.body.WriteString(c.attrs("fill"))
		if strings.EqualFold(ofdpkg.Attr(o.el, "Rule"), "Even-Odd") {
			r.body.WriteString(` fill-rule="evenodd"`)
		}
	} else {
		r.body.WriteString(` fill="none"`)
	}
	if stroke {
		c := st.stroke
		if c == nil {
			c = &color{a: 1}
		}
		w := st.lineWidth
		if w <= 0 {
			w = 0.1 // the thinnest line shown
		}
		r.body.WriteString(c.attrs("stroke"))
		fmt.Fprintf(&r.body, ` stroke-width="%s"`, f(w))
		switch strings.ToLower(st.cap) {
		case "round", "square":
			fmt.Fprintf(&r.body, ` stroke-linecap="%s"`, strings.ToLower(st.cap))
		}
		switch strings.ToLower(st.join) {
		case "round", "bevel":
			fmt.Fprintf(&r.body, ` stroke-linejoin="%s"`, strings.ToLower(st.join))
		}
	}
	r.body.WriteString("/>\n")
}

// pathData translates abbreviated data: S and M (move), L (line), Q
// (quadratic), B (cubic Bézier), A (arc), C (close).
func (r *renderer) pathData(s string) string {
	var d strings.Builder
	moved := false
	var v [7]float64
	for r.pathOps < maxPathOps {
		var op string
		if op, s = ofdpkg.NextField(s); op == "" {
			break
		}
		var cmd string
		var n int
		switch op {
		case "S", "M":
			cmd, n = "M", 2
		case "L":
			cmd, n = "L", 2
		case "Q":
			cmd, n = "Q", 4
		case "B":
			cmd, n = "C", 6
		case "A":
			cmd, n = "A", 7
		case "C":
			if moved {
				d.WriteString("Z ")
				r.pathOps++
			}
			continue
		default:
			continue
		}
		ok := true
		for k := range n {
			var x string
			x, s = ofdpkg.NextField(s)
			v[k] = ofdpkg.Num(x, math.NaN())
			ok = ok && !math.IsNaN(v[k])
		}
		if !ok || (!moved && cmd != "M") {
			continue
		}
		moved = true
		r.pathOps++
		d.WriteString(cmd)
		for k, x := range v[:n] {
			if cmd == "A" && (k == 3 || k == 4) { // the large-arc and sweep flags
				x = math.Min(math.Abs(math.Round(x)), 1)
			}
			d.WriteString(" " + f(x))
		}
		d.WriteString(" ")
	}
	return strings.TrimSpace(d.String())
}

// image writes an image object: its resource drawn on the unit square of
// the object's space, or, when the resource is missing or no image a
// browser shows, a grey frame where it would be.
func (r *renderer) image(o *object, tr string, b [4]float64) {
	id := r.imageDef(ofdpkg.Attr(o.el, "ResourceID"))
	if id == "" {
		fmt.Fprintf(&r.body, `<rect x="%s" y="%s" width="%s" height="%s" fill="#edf2f7" stroke="#a0aec0" stroke-width="0.3"/>`+"\n", f(b[0]), f(b[1]), f(b[2]), f(b[3]))
		return
	}
	fmt.Fprintf(&r.body, `<use %s href="#%s"/>`+"\n", tr, id)
}

// imageTypes are the formats embedded, by their sniffed content type.
var imageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/bmp": true, "image/webp": true}

// imageDef puts a resource's image into the drawing's defs once and
// returns its id there ("" when it cannot be drawn).
func (r *renderer) imageDef(res string) string {
	if r.images == nil {
		r.images = map[string]string{}
	}
	if id, ok := r.images[res]; ok {
		return id
	}
	r.images[res] = ""
	loc, ok := r.res.media[res]
	if !ok {
		return ""
	}
	data, err := r.a.Read(loc)
	if err != nil || r.imageBytes+len(data) > maxImageBytes {
		return ""
	}
	ct := http.DetectContentType(data)
	if !imageTypes[ct] {
		return ""
	}
	r.imageBytes += len(data)
	id := fmt.Sprintf("img%d", len(r.images))
	fmt.Fprintf(&r.defs, `<image id="%s" x="0" y="0" width="1" height="1" preserveAspectRatio="none" href="data:%s;base64,`, id, ct)
	enc := base64.NewEncoder(base64.StdEncoding, &r.defs)
	enc.Write(data)
	enc.Close()
	r.defs.WriteString(`"/>` + "\n")
	r.images[res] = id
	return id
}

// f formats a coordinate: at most three decimals, finite, bounded.
func f(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = clamp(math.Round(v*1000)/1000, -1e7, 1e7)
	if v == 0 {
		return "0" // and not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// color is an RGB colour with its opacity.
type color struct {
	r, g, b uint8
	a       float64
}

// parseColor reads a Color, FillColor or StrokeColor element: one value
// (grey), three (RGB) or four (CMYK), each 0–255, decimal or #hex; nil
// when it has no value (a shading: its first Color is taken).
func parseColor(t xml.StartElement) *color {
	fs, more := ofdpkg.Fields(ofdpkg.Attr(t, "Value"), 4)
	if more {
		return nil
	}
	v := make([]float64, len(fs))
	for i, s := range fs {
		if h, ok := strings.CutPrefix(s, "#"); ok {
			n, err := strconv.ParseUint(h, 16, 8)
			if err != nil {
				return nil
			}
			v[i] = float64(n)
		} else {
			v[i] = ofdpkg.Num(s, math.NaN())
			if math.IsNaN(v[i]) {
				return nil
			}
		}
		v[i] = clamp(v[i], 0, 255)
	}
	c := &color{a: clamp(ofdpkg.Num(ofdpkg.Attr(t, "Alpha"), 255), 0, 255) / 255}
	switch len(v) {
	case 1:
		c.r, c.g, c.b = uint8(v[0]), uint8(v[0]), uint8(v[0])
	case 3:
		c.r, c.g, c.b = uint8(v[0]), uint8(v[1]), uint8(v[2])
	case 4:
		k := 1 - v[3]/255
		c.r, c.g, c.b = uint8(255*(1-v[0]/255)*k), uint8(255*(1-v[1]/255)*k), uint8(255*(1-v[2]/255)*k)
	default:
		return nil
	}
	return c
}

// attrs writes the colour as the given paint's attributes.
func (c *color) attrs(paint string) string {
	s := fmt.Sprintf(` %s="#%02x%02x%02x"`, paint, c.r, c.g, c.b)
	if c.a < 1 {
		s += fmt.Sprintf(` %s-opacity="%s"`, paint, f(c.a))
	}
	return s
}

// font is what a Font resource says of a face.
type font struct {
	names        []string // cleaned of everything but letters, digits, spaces, - and _
	bold, italic bool
}

// familyAttr is the font-family of a face: its names, then the generic
// family its name suggests (serif for 宋体, 仿宋 and 楷体 and by default).
func (ft font) familyAttr() string {
	generic := "serif"
	var parts []string
	for _, n := range ft.names {
		low := strings.ToLower(n)
		if strings.Contains(n, "黑") || strings.Contains(low, "hei") || strings.Contains(low, "sans") || strings.Contains(low, "gothic") || strings.Contains(low, "arial") || strings.Contains(low, "helvetica") {
			generic = "sans-serif"
		}
		parts = append(parts, "'"+n+"'")
	}
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(strings.Join(append(parts, generic), ", ")))
	return b.String()
}

func cleanFontName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '_' {
			b.WriteRune(r)
		}
		if b.Len() > 64 {
			break
		}
	}
	return strings.TrimSpace(b.String())
}
