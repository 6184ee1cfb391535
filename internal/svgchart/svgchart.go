// Package svgchart draws the small line charts of counts over time that the
// report and the workbench show: inline SVG built from numbers and escaped
// text only, so it is safe to put into a page as it is.
package svgchart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Point is one dated value; Href, when set, is the link of its dot.
type Point struct {
	Date  string
	Value int
	Href  string
}

// Size is a chart's width, height and padding in pixels, and the radius of
// its dots.
type Size struct {
	W, H, Pad, Dot float64
}

// Line draws ps, in order, as a line with a labelled dot for each value and
// the first and last dates under it; "" for no points.
func Line(ps []Point, sz Size) template.HTML {
	if len(ps) == 0 {
		return ""
	}
	w, h, pad := sz.W, sz.H, sz.Pad
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range ps {
		lo, hi = math.Min(lo, float64(p.Value)), math.Max(hi, float64(p.Value))
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	x := func(i int) float64 {
		if len(ps) == 1 {
			return w / 2
		}
		return pad + float64(i)*(w-2*pad)/float64(len(ps)-1)
	}
	y := func(v int) float64 { return h - pad - (float64(v)-lo)*(h-2*pad)/(hi-lo) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img">`, w, h, w, h)
	pts := make([]string, len(ps))
	for i, p := range ps {
		pts[i] = fmt.Sprintf("%.1f,%.1f", x(i), y(p.Value))
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#2b6cb0" stroke-width="2"/>`, strings.Join(pts, " "))
	for i, p := range ps {
		if p.Href != "" {
			fmt.Fprintf(&b, `<a href="%s">`, template.HTMLEscapeString(p.Href))
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.0f" fill="#2b6cb0"><title>%s: %d</title></circle>`,
			x(i), y(p.Value), sz.Dot, template.HTMLEscapeString(p.Date), p.Value)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="9" text-anchor="middle">%d</text>`, x(i), y(p.Value)-sz.Dot-2, p.Value)
		if p.Href != "" {
			b.WriteString(`</a>`)
		}
	}
	fmt.Fprintf(&b, `<text x="2" y="%.0f" font-size="8" fill="#666">%s</text>`, h-2, template.HTMLEscapeString(ps[0].Date))
	if len(ps) > 1 {
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="8" fill="#666" text-anchor="end">%s</text>`, w-2, h-2, template.HTMLEscapeString(ps[len(ps)-1].Date))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // built from numbers and escaped text only
}
