package ofdsvg

import (
	"encoding/xml"
	"path"
	"strings"

	"qcweave/internal/ofdpkg"
)

// resources are the fonts, drawing parameters and images that a page's
// objects refer to by ID, from its document's and its own resource parts.
// A reference to an ID none of them has is drawn without it.
type resources struct {
	fonts  map[string]font
	params map[string]drawParam
	media  map[string]string // the part of an image
}

// drawParam is a DrawParam resource: defaults of the objects that name it,
// over those of its Relative parent.
type drawParam struct {
	relative     string
	lineWidth    string
	fill, stroke *color
	cap, join    string
}

func newResources() *resources {
	return &resources{fonts: map[string]font{}, params: map[string]drawParam{}, media: map[string]string{}}
}

// colorXML is a colour element read whole.
type colorXML struct {
	Value string `xml:"Value,attr"`
	Alpha string `xml:"Alpha,attr"`
}

func (c *colorXML) color() *color {
	if c == nil {
		return nil
	}
	el := xml.StartElement{Attr: []xml.Attr{{Name: xml.Name{Local: "Value"}, Value: c.Value}}}
	if c.Alpha != "" {
		el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: "Alpha"}, Value: c.Alpha})
	}
	return parseColor(el)
}

// load reads one resource part; a part that is missing or does not parse
// adds nothing.
func (rs *resources) load(a *ofdpkg.Archive, loc string) {
	var res struct {
		BaseLoc string `xml:"BaseLoc,attr"`
		Fonts   []struct {
			ID         string `xml:"ID,attr"`
			FontName   string `xml:"FontName,attr"`
			FamilyName string `xml:"FamilyName,attr"`
			Bold       string `xml:"Bold,attr"`
			Italic     string `xml:"Italic,attr"`
		} `xml:"Fonts>Font"`
		DrawParams []struct {
			ID          string    `xml:"ID,attr"`
			Relative    string    `xml:"Relative,attr"`
			LineWidth   string    `xml:"LineWidth,attr"`
			Cap         string    `xml:"Cap,attr"`
			Join        string    `xml:"Join,attr"`
			FillColor   *colorXML `xml:"FillColor"`
			StrokeColor *colorXML `xml:"StrokeColor"`
		} `xml:"DrawParams>DrawParam"`
		MultiMedias []struct {
			ID        string `xml:"ID,attr"`
			MediaFile string `xml:"MediaFile"`
		} `xml:"MultiMedias>MultiMedia"`
	}
	if a.Decode(loc, &res) != nil {
		return
	}
	for _, ft := range res.Fonts {
		var names []string
		for _, n := range []string{ft.FontName, ft.FamilyName} {
			if n = cleanFontName(n); n != "" && (len(names) == 0 || names[0] != n) {
				names = append(names, n)
			}
		}
		rs.fonts[ft.ID] = font{names: names, bold: strings.EqualFold(ft.Bold, "true"), italic: strings.EqualFold(ft.Italic, "true")}
	}
	for _, p := range res.DrawParams {
		rs.params[p.ID] = drawParam{relative: p.Relative, lineWidth: p.LineWidth, cap: p.Cap, join: p.Join,
			fill: p.FillColor.color(), stroke: p.StrokeColor.color()}
	}
	// media files are relative to the resources' base folder, itself
	// relative to the resource part's folder
	base := ofdpkg.Resolve(path.Dir(loc), res.BaseLoc)
	for _, m := range res.MultiMedias {
		if strings.TrimSpace(m.MediaFile) != "" {
			rs.media[m.ID] = ofdpkg.Resolve(base, m.MediaFile)
		}
	}
}

// apply sets s from the DrawParam id and its Relative parents, the
// farthest parent first; a chain that loops or runs long is cut.
func (rs *resources) apply(s *style, id string) {
	var chain []drawParam
	seen := map[string]bool{}
	for id != "" && !seen[id] && len(chain) < maxParamChain {
		seen[id] = true
		p, ok := rs.params[id]
		if !ok {
			break
		}
		chain = append(chain, p)
		id = p.relative
	}
	for i := len(chain) - 1; i >= 0; i-- {
		p := chain[i]
		if p.lineWidth != "" {
			s.lineWidth = ofdpkg.Num(p.lineWidth, s.lineWidth)
		}
		if p.cap != "" {
			s.cap = p.cap
		}
		if p.join != "" {
			s.join = p.join
		}
		if p.fill != nil {
			s.fill = p.fill
		}
		if p.stroke != nil {
			s.stroke = p.stroke
		}
	}
}
