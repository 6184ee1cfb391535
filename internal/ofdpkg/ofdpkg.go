// Package ofdpkg opens the package of an OFD file (GB/T 33190): a ZIP of
// XML parts, OFD.xml → each document's Document.xml → its pages' and
// template pages' Content.xml. It reads parts within bounds, lists the
// pages in the order every reader numbers them (documents in OFD.xml's
// order, pages in each Document.xml's order), and parses the syntax the
// parts share: boxes, matrices and delta lists, in millimetres. The text
// reader (formats/ofd) and the page renderer (internal/ofdsvg) both build
// on it, so a page n is the same page for both.
package ofdpkg

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
	"unicode"
)

// Limits of one file, so that a small hostile archive cannot take the
// process's memory or time.
const (
	MaxEntries  = 10000    // files in the archive
	MaxPart     = 32 << 20 // bytes of one part, unzipped
	MaxUnzipped = 256 << 20
	MaxPages    = 5000
)

// Errors a package is refused with.
var (
	ErrNotOFD  = errors.New("not an OFD file (no OFD.xml)")
	ErrTooBig  = errors.New("OFD file too large to read")
	ErrNoPages = errors.New("OFD has no pages")
	// ErrMissing wraps the error of a part that is not in the archive.
	ErrMissing = errors.New("missing part")
)

// Archive is an OFD package: its parts by cleaned name, and by lower-case
// name for writers that spell paths inconsistently.
type Archive struct {
	files, folded map[string]*zip.File
	unzipped      int64
}

// Open opens the package held in b; a ZIP without OFD.xml is ErrNotOFD.
func Open(b []byte) (*Archive, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("ofd: %w", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fmt.Errorf("%w: %d files in the archive", ErrTooBig, len(zr.File))
	}
	a := &Archive{files: map[string]*zip.File{}, folded: map[string]*zip.File{}}
	for _, f := range zr.File {
		name := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(f.Name, "\\", "/")), "/")
		a.files[name] = f
		a.folded[strings.ToLower(name)] = f
	}
	if _, ok := a.lookup("OFD.xml"); !ok {
		return nil, ErrNotOFD
	}
	return a, nil
}

func (a *Archive) lookup(name string) (*zip.File, bool) {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	f, ok := a.files[name]
	if !ok {
		f, ok = a.folded[strings.ToLower(name)]
	}
	return f, ok
}

// Read returns a part's content, bounded by MaxPart, and all parts read
// from the archive together by MaxUnzipped.
func (a *Archive) Read(name string) ([]byte, error) {
	f, ok := a.lookup(name)
	if !ok {
		return nil, fmt.Errorf("ofd: %s: %w", name, ErrMissing)
	}
	if f.UncompressedSize64 > MaxPart {
		return nil, fmt.Errorf("%w: %s is %d MB unzipped", ErrTooBig, name, f.UncompressedSize64>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("ofd: %s: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, MaxPart+1))
	if err != nil {
		return nil, fmt.Errorf("ofd: %s: %w", name, err)
	}
	if len(data) > MaxPart {
		return nil, fmt.Errorf("%w: %s is over %d MB unzipped", ErrTooBig, name, MaxPart>>20)
	}
	if a.unzipped += int64(len(data)); a.unzipped > MaxUnzipped {
		return nil, fmt.Errorf("%w: over %d MB unzipped", ErrTooBig, MaxUnzipped>>20)
	}
	return data, nil
}

// Decode reads a part as XML into v.
func (a *Archive) Decode(name string, v any) error {
	data, err := a.Read(name)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("ofd: %s: %w", name, err)
	}
	return nil
}

// Page is one page of the package as its Document.xml lists it.
type Page struct {
	// Content is the part of the page's Content.xml.
	Content string
	// Templates are the template pages' parts by their ID, for the page's
	// Template elements; ZOrders their CommonData ZOrder ("Background"
	// when unset), which a page's own Template element may override.
	Templates, ZOrders map[string]string
	// Box is the document's default physical box (x, y, w, h in mm); a
	// page's own Area overrides it.
	Box [4]float64
	// Res are the parts of the document's public and document resources.
	Res []string
}

// Pages lists the pages of every document of the package, in order.
func (a *Archive) Pages() ([]Page, error) {
	var root struct {
		DocBody []struct {
			DocRoot string `xml:"DocRoot"`
		} `xml:"DocBody"`
	}
	if err := a.Decode("OFD.xml", &root); err != nil {
		return nil, err
	}
	var out []Page
	for _, body := range root.DocBody {
		if body.DocRoot == "" {
			continue
		}
		ps, err := a.document(strings.TrimSpace(body.DocRoot))
		if err != nil {
			return nil, err
		}
		if out = append(out, ps...); len(out) > MaxPages {
			return nil, fmt.Errorf("%w: over %d pages", ErrTooBig, MaxPages)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoPages
	}
	return out, nil
}

// documentXML is a Document.xml, by local names (the ofd: namespace is
// matched loosely).
type documentXML struct {
	CommonData struct {
		PageArea struct {
			PhysicalBox string `xml:"PhysicalBox"`
		} `xml:"PageArea"`
		PublicRes    []string `xml:"PublicRes"`
		DocumentRes  []string `xml:"DocumentRes"`
		TemplatePage []struct {
			ID      string `xml:"ID,attr"`
			BaseLoc string `xml:"BaseLoc,attr"`
			ZOrder  string `xml:"ZOrder,attr"`
		} `xml:"TemplatePage"`
	} `xml:"CommonData"`
	Pages struct {
		Page []struct {
			BaseLoc string `xml:"BaseLoc,attr"`
		} `xml:"Page"`
	} `xml:"Pages"`
}

// document lists the pages of one document of the package.
func (a *Archive) document(root string) ([]Page, error) {
	var doc documentXML
	if err := a.Decode(root, &doc); err != nil {
		return nil, err
	}
	if len(doc.Pages.Page) > MaxPages {
		return nil, fmt.Errorf("%w: %d pages", ErrTooBig, len(doc.Pages.Page))
	}
	dir := path.Dir(root)
	templates, zorders := map[string]string{}, map[string]string{}
	for _, t := range doc.CommonData.TemplatePage {
		templates[t.ID] = Resolve(dir, t.BaseLoc)
		zorders[t.ID] = t.ZOrder
	}
	var res []string
	for _, r := range append(doc.CommonData.PublicRes, doc.CommonData.DocumentRes...) {
		if strings.TrimSpace(r) != "" {
			res = append(res, Resolve(dir, r))
		}
	}
	box := ParseBox(doc.CommonData.PageArea.PhysicalBox, [4]float64{0, 0, 210, 297})
	out := make([]Page, 0, len(doc.Pages.Page))
	for _, p := range doc.Pages.Page {
		out = append(out, Page{Content: Resolve(dir, p.BaseLoc), Templates: templates, ZOrders: zorders, Box: box, Res: res})
	}
	return out, nil
}

// Resolve returns the name of a part a location points to: absolute
// locations start at the package's root, relative ones at dir.
func Resolve(dir, loc string) string {
	loc = strings.ReplaceAll(strings.TrimSpace(loc), "\\", "/")
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, loc)), "/")
}

// Attr returns the value of an element's attribute by its local name.
func Attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// Num parses a number, or returns def (also for NaN and infinities).
func Num(s string, def float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}

// Fields returns the first n space-separated fields of s at most, and
// whether s has more; unlike strings.Fields it never splits more of a
// long value than it needs.
func Fields(s string, n int) ([]string, bool) {
	var out []string
	for len(out) < n {
		var f string
		if f, s = NextField(s); f == "" {
			return out, false
		}
		out = append(out, f)
	}
	f, _ := NextField(s)
	return out, f != ""
}

// NextField returns the first space-separated field of s ("" when none is
// left) and the rest of s after it.
func NextField(s string) (string, string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// ParseBox parses "x y w h", or returns def.
func ParseBox(s string, def [4]float64) [4]float64 {
	f, more := Fields(s, 4)
	if more {
		return def
	}
	if len(f) != 4 {
		return def
	}
	var b [4]float64
	for i, x := range f {
		b[i] = Num(x, math.NaN())
		if math.IsNaN(b[i]) {
			return def
		}
	}
	return b
}

// ParseCTM parses a matrix "a b c d e f", or returns the identity.
func ParseCTM(s string) [6]float64 {
	f, more := Fields(s, 6)
	m := [6]float64{1, 0, 0, 1, 0, 0}
	if len(f) != 6 || more {
		return m
	}
	for i, x := range f {
		m[i] = Num(x, m[i])
	}
	return m
}

// Apply maps a point of an object's space through its CTM.
func Apply(m [6]float64, x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// maxDeltas bounds the values one delta list expands to.
const maxDeltas = 1 << 16

// Deltas expands an OFD delta list, where "g N v" stands for N times v.
func Deltas(s string) []float64 {
	var out []float64
	for len(out) < maxDeltas {
		var f string
		if f, s = NextField(s); f == "" {
			break
		}
		if f == "g" {
			var count, val string
			count, s = NextField(s)
			if val, s = NextField(s); val == "" {
				// a "g" without its two values is no number; what follows is
				if v, err := strconv.ParseFloat(count, 64); err == nil {
					out = append(out, v)
				}
				break
			}
			n, _ := strconv.Atoi(count)
			v, err := strconv.ParseFloat(val, 64)
			if err == nil {
				for k := 0; k < n && len(out) < maxDeltas; k++ {
					out = append(out, v)
				}
			}
			continue
		}
		if v, err := strconv.ParseFloat(f, 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}
