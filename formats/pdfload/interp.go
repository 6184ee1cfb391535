package pdfload

import (
	"math"
	"strconv"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

// glyph is one decoded character (or ligature) placed on the page, in
// device space with y growing upwards.
type glyph struct {
	x, y, w, size float64
	s             string
	color         uint32 // fill colour, 0xRRGGBB
}

// segment is a straight line on the page (a table rule candidate).
type segment struct{ x0, y0, x1, y1 float64 }

type mat [6]float64 // a b c d e f

var identity = mat{1, 0, 0, 1, 0, 0}

func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m mat) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type gstate struct {
	ctm                        mat
	tc, tw, th, tl, tfs, trise float64
	font                       *font
	fill                       uint32 // non-stroking colour, 0xRRGGBB
	stroke                     uint32 // stroking colour, 0xRRGGBB
}

// maxGlyphs bounds the work on one page: a page of text has a few
// thousand; a malformed stream can claim millions.
const maxGlyphs = 200000

// interp interprets content streams into glyphs and rules.
type interp struct {
	fonts  map[string]*font // by font dictionary identity (BaseFont+name per resources)
	glyphs []glyph
	rules  []segment
	depth  int
	marks  int // images and painted paths: what a page shows besides text
	// images is the area the page's images cover (in square units,
	// overlaps counted twice)
	images float64
	// seals are the boxes of the images and red drawings of a seal's
	// size (a few centimetres, about square) the page shows
	seals []box
}

// sealSized reports whether a box could be a seal, or a part of one
// drawn on its own (its star, its ring): between 20 and 300 units on each
// side, neither side more than twice the other.
func sealSized(b box) bool {
	w, h := b.x1-b.x0, b.y1-b.y0
	return w >= 20 && h >= 20 && w <= 300 && h <= 300 && w <= 2*h && h <= 2*w
}

// isRed reports whether a 0xRRGGBB colour is the red of a seal.
func isRed(c uint32) bool {
	r, g, b := c>>16&0xff, c>>8&0xff, c&0xff
	return r >= 0x99 && g <= 0x66 && b <= 0x66
}

// fontOf returns the font named in res. Fonts are cached per content
// stream by name, and across pages by the font's object (or, for a font
// written inline, its identifying fields: a resource name alone is not
// unique across pages).
func (in *interp) fontOf(local map[string]*font, res lpdf.Value, name string) *font {
	if f, ok := local[name]; ok {
		return f
	}
	fv := res.Key("Font").Key(name)
	var key string
	if id, ok := objectID(fv); ok {
		key = "obj " + strconv.FormatUint(id, 10) // the same font object on every page
	} else {
		enc := fv.Key("Encoding")
		key = name + "|" + fv.Key("BaseFont").Name() + "|" + fv.Key("Subtype").Name() + "|" + enc.Name() +
			"|" + strconv.FormatInt(fv.Key("FirstChar").Int64(), 10) + "|" + strconv.FormatInt(fv.Key("LastChar").Int64(), 10) +
			"|" + strconv.Itoa(fv.Key("Widths").Len()) + "|" + strconv.Itoa(enc.Key("Differences").Len())
	}
	f, ok := in.fonts[key]
	if !ok {
		f = newFont(fv)
		in.fonts[key] = f
	}
	local[name] = f
	return f
}

// run interprets one content stream with its resources under ctm.
func (in *interp) run(strm, res lpdf.Value, ctm mat) {
	if in.depth > 8 {
		return
	}
	in.depth++
	defer func() { in.depth-- }()
	g := gstate{ctm: ctm, th: 1}
	local := map[string]*font{}
	var stack []gstate
	var tm, tlm mat
	var cx, cy, sx, sy float64 // current point and subpath start, user space
	num := func(args []operand, i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	var path []segment // the current path; rules only once painted
	var pb box         // the current path's bounding box, device space
	pbOK := false
	extend := func(x, y float64) {
		ax, ay := g.ctm.apply(x, y)
		if !pbOK {
			pb, pbOK = box{ax, ay, ax, ay}, true
		}
		pb = box{min(pb.x0, ax), min(pb.y0, ay), max(pb.x1, ax), max(pb.y1, ay)}
	}
	unitBox := func() box {
		// the unit square an image fills, through the CTM
		var b box
		for k, c := range [][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
			x, y := g.ctm.apply(c[0], c[1])
			if k == 0 {
				b = box{x, y, x, y}
			}
			b = box{min(b.x0, x), min(b.y0, y), max(b.x1, x), max(b.y1, y)}
		}
		return b
	}
	var codes []code
	addRule := func(x0, y0, x1, y1 float64) {
		ax, ay := g.ctm.apply(x0, y0)
		bx, by := g.ctm.apply(x1, y1)
		if len(path) < 100000 {
			path = append(path, segment{ax, ay, bx, by})
		}
	}
	show := func(s string) {
		if g.font == nil || len(in.glyphs) > maxGlyphs {
			return
		}
		if rest := 4 * (maxGlyphs - len(in.glyphs)); len(s) > rest {
			s = s[:rest] // at most four bytes a code: no more than the page can still take
		}
		codes = g.font.split(s, codes)
		// within one string only the text matrix's translation moves: the
		// glyph at advance a (text space) starts at tmc(a, rise), where
		// tmc maps text space to the page, and its size is constant
		tmc := tm.mul(g.ctm)
		size := math.Hypot(g.tfs*tmc[2], g.tfs*tmc[3])
		a := 0.0
		for _, c := range codes {
			text := g.font.decode(c)
			w := g.font.width(c)
			adv := w*g.tfs + g.tc
			if c.raw == " " {
				adv += g.tw
			}
			adv *= g.th
			x0, y0 := tmc.apply(a, g.trise)
			x1, _ := tmc.apply(a+adv, 0)
			if text != "" {
				in.glyphs = append(in.glyphs, glyph{x: x0, y: y0, w: x1 - x0, size: size, s: text, color: g.fill})
			}
			a += adv
		}
		tm = mat{1, 0, 0, 1, a, 0}.mul(tm)
	}
	lexContent(streamBytes(strm), func(op string, args []operand) {
		switch op {
		case "q":
			stack = append(stack, g)
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if len(args) == 6 {
				var m mat
				for i := range 6 {
					m[i] = args[i].Float64()
				}
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				g.font = in.fontOf(local, res, args[0].Name())
				g.tfs = args[1].Float64()
			}
		case "Tc":
			g.tc = num(args, 0)
		case "Tw":
			g.tw = num(args, 0)
		case "Tz":
			g.th = num(args, 0) / 100
		case "TL":
			g.tl = num(args, 0)
		case "Ts":
			g.trise = num(args, 0)
		case "Td", "TD":
			if op == "TD" {
				g.tl = -num(args, 1)
			}
			tlm = mat{1, 0, 0, 1, num(args, 0), num(args, 1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				for i := range 6 {
					tm[i] = args[i].Float64()
				}
				tlm = tm
			}
		case "T*":
			tlm = mat{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = args[0].Float64(), args[1].Float64()
				args = args[2:]
			}
			tlm = mat{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				for _, x := range args[0].arr {
					if x.kind == 's' {
						show(x.str)
					} else if x.kind == 'n' {
						tx := -x.num / 1000 * g.tfs * g.th
						tm = mat{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "m":
			cx, cy = num(args, 0), num(args, 1)
			sx, sy = cx, cy
			extend(cx, cy)
		case "l":
			x, y := num(args, 0), num(args, 1)
			addRule(cx, cy, x, y)
			cx, cy = x, y
			extend(x, y)
		case "c", "v", "y":
			// a curve draws no rule; its points bound the path
			for k := 0; k+1 < len(args); k += 2 {
				extend(num(args, k), num(args, k+1))
			}
		case "h":
			addRule(cx, cy, sx, sy)
			cx, cy = sx, sy
		case "re":
			x, y, w, h := num(args, 0), num(args, 1), num(args, 2), num(args, 3)
			addRule(x, y, x+w, y)
			addRule(x, y+h, x+w, y+h)
			addRule(x, y, x, y+h)
			addRule(x+w, y, x+w, y+h)
			extend(x, y)
			extend(x+w, y+h)
		case "g", "rg", "k", "sc", "scn":
			// the fill colour of text: grey, RGB or CMYK by its operands
			g.fill = fillColor(args)
		case "G", "RG", "K", "SC", "SCN":
			g.stroke = fillColor(args)
		case "BI":
			in.marks++
			in.images += math.Abs(g.ctm[0]*g.ctm[3] - g.ctm[1]*g.ctm[2])
			if b := unitBox(); sealSized(b) && len(in.seals) < 100 {
				in.seals = append(in.seals, b)
			}
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			if len(path) > 0 {
				in.marks++
			}
			if len(in.rules) < 200000 {
				in.rules = append(in.rules, path...)
			}
			red := isRed(g.fill) && op != "S" && op != "s" || isRed(g.stroke) && (op == "S" || op == "s" || op[0] == 'B' || op[0] == 'b')
			if pbOK && red && sealSized(pb) && len(in.seals) < 100 {
				in.seals = append(in.seals, pb)
			}
			path, pbOK = path[:0], false
		case "n":
			path, pbOK = path[:0], false // a clipping path is not drawn
		case "Do":
			if len(args) == 1 {
				xo := res.Key("XObject").Key(args[0].Name())
				if xo.Key("Subtype").Name() == "Image" {
					in.marks++
					in.images += math.Abs(g.ctm[0]*g.ctm[3] - g.ctm[1]*g.ctm[2]) // the unit square's image
					if b := unitBox(); sealSized(b) && len(in.seals) < 100 {
						in.seals = append(in.seals, b)
					}
				}
				if xo.Key("Subtype").Name() == "Form" {
					m := identity
					if mv := xo.Key("Matrix"); mv.Len() == 6 {
						for i := range 6 {
							m[i] = mv.Index(i).Float64()
						}
					}
					r := xo.Key("Resources")
					if r.IsNull() {
						r = res
					}
					in.run(xo, r, m.mul(g.ctm))
				}
			}
		}
	})
}

// pageText interprets one page: its glyphs (appended to glyphs), its
// rules, its box, the number of images and painted paths it shows and the
// area its images cover. The boxes of what could be a seal are left in
// *seals.
func pageText(p lpdf.Page, fonts map[string]*font, glyphs []glyph, seals *[]box) ([]glyph, []segment, box, int, float64) {
	in := &interp{fonts: fonts, glyphs: glyphs}
	res := p.Resources()
	media := inherited(p.V, "MediaBox")
	b := box{0, 0, 595, 842}
	if media.Len() == 4 {
		b = box{media.Index(0).Float64(), media.Index(1).Float64(), media.Index(2).Float64(), media.Index(3).Float64()}
	}
	contents := p.V.Key("Contents")
	if !contents.IsNull() {
		in.run(contents, res, identity)
	}
	*seals = in.seals
	return in.glyphs, in.rules, b, in.marks, in.images
}

type box struct{ x0, y0, x1, y1 float64 }

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// inherited returns a page attribute, looking up the page tree.
func inherited(v lpdf.Value, key string) lpdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return lpdf.Value{}
}

// fillColor reads a non-stroking colour operator's operands as grey (one),
// RGB (three) or CMYK (four), as 0xRRGGBB; others (a pattern) are black.
func fillColor(args []operand) uint32 {
	var n []float64
	for _, a := range args {
		if a.kind != 'n' {
			return 0
		}
		n = append(n, min(max(a.Float64(), 0), 1))
	}
	var r, g, b float64
	switch len(n) {
	case 1:
		r, g, b = n[0], n[0], n[0]
	case 3:
		r, g, b = n[0], n[1], n[2]
	case 4:
		k := 1 - n[3]
		r, g, b = (1-n[0])*k, (1-n[1])*k, (1-n[2])*k
	default:
		return 0
	}
	return uint32(math.Round(r*255))<<16 | uint32(math.Round(g*255))<<8 | uint32(math.Round(b*255))
}
