package docx

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"qcweave/layout"
)

// pageRef is a header or footer a section shows: its relationship id and
// its kind (default: every page, or the odd ones when the document has
// even pages of their own; even; first). A pageRef of kind "titlePg" only
// says that a section has a first page of its own.
type pageRef struct {
	footer   bool
	kind, id string
}

// furniture returns the lines of the headers and footers refs name, as
// page furniture: a paragraph showing a page field (PAGE) is a page
// number, with the side it sits on; the others are running heads. The
// even pages' parts count only when the document sets them apart
// (w:evenAndOddHeaders), the first page's only when a section has one
// (w:titlePg). A part that cannot be read gives no lines: the body stands
// without its furniture.
func furniture(files map[string]*zip.File, refs []pageRef, body []layout.Line) []layout.Line {
	if len(refs) == 0 {
		return nil
	}
	targets := relTargets(files["word/_rels/document.xml.rels"])
	evenOdd := settingOn(files["word/settings.xml"], "evenAndOddHeaders")
	aligns := styleAligns(files["word/styles.xml"])
	titlePg := false
	for _, r := range refs {
		titlePg = titlePg || r.kind == "titlePg"
	}
	offset := 0
	if n := len(body); n > 0 {
		offset = body[n-1].Offset + utf8.RuneCountInString(body[n-1].Text) + 1
	}
	var out []layout.Line
	seen := map[string]bool{}
	for _, r := range refs {
		name := targets[r.id]
		if name == "" || seen[name] || r.kind == "titlePg" || r.kind == "even" && !evenOdd || r.kind == "first" && !titlePg {
			continue
		}
		seen[name] = true
		f := files[name]
		if f == nil {
			continue
		}
		rc, err := openPart(f)
		if err != nil {
			continue
		}
		lines, err := parseFurniture(rc, r.kind == "even", aligns)
		rc.Close()
		if err != nil {
			continue
		}
		for _, l := range lines {
			l.Offset = offset
			offset += utf8.RuneCountInString(l.Text) + 1
			out = append(out, l)
		}
	}
	return out
}

// relTargets maps the relationship ids of document.xml to the names of
// the parts they point to in the archive.
func relTargets(f *zip.File) map[string]string {
	out := map[string]string{}
	eachToken(f, func(tok xml.Token) bool {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
			target := attr(t.Attr, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("word", target)
			}
			out[attr(t.Attr, "Id")] = target
		}
		return true
	})
	return out
}

// eachToken calls fn with the tokens of the part f, at most maxTokens of
// them, until fn returns false or the part ends or cannot be read (a nil
// f has none).
func eachToken(f *zip.File, fn func(xml.Token) bool) {
	if f == nil {
		return
	}
	rc, err := openPart(f)
	if err != nil {
		return
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for tokens := 0; tokens < maxTokens; tokens++ {
		tok, err := dec.RawToken()
		if err != nil || !fn(tok) {
			return
		}
	}
}

// settingOn reports whether settings.xml turns on the setting name (an
// element whose w:val, when present, is not false).
func settingOn(f *zip.File, name string) bool {
	found := false
	eachToken(f, func(tok xml.Token) bool {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == name {
			found = on(t.Attr)
			return false
		}
		return true
	})
	return found
}

// on reports whether an on/off element's w:val leaves it on.
func on(attrs []xml.Attr) bool {
	for _, a := range attrs {
		if a.Name.Local == "val" {
			switch a.Value {
			case "false", "0", "off":
				return false
			}
		}
	}
	return true
}

// fpara is a paragraph of a header or footer being read.
type fpara struct {
	text   strings.Builder
	pieces []fpiece // the text cut at tabs
	jc     string   // w:jc
	style  string   // w:pStyle
	frame  string   // w:framePr's w:xAlign: a frame placed on the page
	box    string   // the align of the text box the paragraph is in
	page   bool     // the current piece shows a page field
	tabs   int      // tabs before the current piece
	ptab   string   // alignment of a positional tab before it (w:ptab)
}

// fpiece is a stretch of a paragraph between tabs.
type fpiece struct {
	text       string
	page       bool
	tabs       int
	ptab, side string
}

func (p *fpara) cut() {
	if t := strings.TrimSpace(p.text.String()); t != "" {
		p.pieces = append(p.pieces, fpiece{text: t, page: p.page, tabs: p.tabs, ptab: p.ptab})
	}
	p.text.Reset()
	p.page = false
}

// parseFurniture reads the paragraphs of a header or footer part (w:hdr,
// w:ftr), text boxes in it included (their fallback copy, mc:Fallback,
// skipped), and returns a line for each stretch of text between tabs.
// even says the part is shown on even pages (an outside-aligned frame is
// then on the left); aligns are the alignments of the paragraph styles.
func parseFurniture(r io.Reader, even bool, aligns map[string]string) ([]layout.Line, error) {
	dec := xml.NewDecoder(r)
	var out []layout.Line
	var stack []*fpara
	var instr strings.Builder // the instruction of the open field
	inText, inInstr, inAlign, inPosH := false, false, false, false
	inTabs := 0    // inside w:tabs (tab stops, not tabs)
	fallback := 0  // depth inside mc:Fallback
	boxAlign := "" // the align of the text box being read
	nesting, tokens := 0, 0
	cur := func() *fpara {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if tokens++; tokens > maxTokens {
			return nil, ErrTooBig
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if nesting++; nesting > maxDepth {
				return nil, ErrTooBig
			}
			if fallback > 0 || t.Name.Local == "Fallback" {
				fallback++
				continue
			}
			p := cur()
			switch t.Name.Local {
			case "p":
				stack = append(stack, &fpara{box: boxAlign})
			case "jc":
				if p != nil {
					p.jc = attr(t.Attr, "val")
				}
			case "pStyle":
				if p != nil {
					p.style = attr(t.Attr, "val")
				}
			case "framePr":
				if p != nil {
					p.frame = attr(t.Attr, "xAlign")
				}
			case "positionH":
				inPosH = true
			case "align":
				inAlign = inPosH
			case "tabs":
				inTabs++
			case "tab":
				if p != nil && inTabs == 0 {
					p.cut()
					p.tabs++
					p.ptab = ""
				}
			case "ptab":
				if p != nil {
					p.cut()
					p.ptab = attr(t.Attr, "alignment")
				}
			case "fldSimple":
				if p != nil && fieldIsPage(attr(t.Attr, "instr")) {
					p.page = true
				}
			case "fldChar":
				switch attr(t.Attr, "fldCharType") {
				case "begin":
					instr.Reset()
				case "separate", "end":
					if p != nil && fieldIsPage(instr.String()) {
						p.page = true
					}
					instr.Reset()
				}
			case "instrText":
				inInstr = true
			case "t":
				inText = true
			}
		case xml.EndElement:
			nesting--
			if fallback > 0 {
				fallback--
				continue
			}
			switch t.Name.Local {
			case "p":
				p := cur()
				if p == nil {
					continue
				}
				stack = stack[:len(stack)-1]
				p.cut()
				if p.jc == "" {
					st, ok := aligns[p.style]
					if !ok {
						st = aligns[""]
					}
					p.jc = st
				}
				for _, pc := range p.pieces {
					l := layout.Line{Text: pc.text, Furniture: true, PageNumber: pc.page}
					if pc.page {
						l.Side = side(p, pc, even)
					}
					out = append(out, l)
				}
			case "positionH":
				inPosH = false
			case "align":
				inAlign = false
			case "tabs":
				inTabs--
			case "anchor", "inline":
				boxAlign = ""
			case "instrText":
				inInstr = false
			case "t":
				inText = false
			}
		case xml.CharData:
			if fallback > 0 {
				continue
			}
			switch {
			case inAlign:
				boxAlign = strings.TrimSpace(string(t))
			case inInstr:
				instr.Write(t)
			case inText:
				if p := cur(); p != nil {
					p.text.Write(t)
				}
			}
		}
	}
}

// fieldIsPage reports whether a field instruction shows the page's
// number (PAGE, with switches), not the count of pages (NUMPAGES).
func fieldIsPage(instr string) bool {
	f := strings.Fields(instr)
	return len(f) > 0 && strings.EqualFold(f[0], "PAGE")
}

// side returns where a page number sits: by the text box or frame it is
// in (outside: right on odd pages, left on even ones), by the positional
// or plain tabs before it (a footer's tab stops: centre, then right), or
// by its paragraph's alignment.
func side(p *fpara, pc fpiece, even bool) string {
	for _, a := range []string{p.box, p.frame, pc.ptab} {
		switch a {
		case "left":
			return "left"
		case "right":
			return "right"
		case "center":
			return "center"
		case "outside", "inside":
			if (a == "outside") == even {
				return "left"
			}
			return "right"
		}
	}
	switch {
	case pc.tabs == 1:
		return "center"
	case pc.tabs >= 2:
		return "right"
	}
	switch p.jc {
	case "right", "end":
		return "right"
	case "center":
		return "center"
	}
	return "left"
}

// styleAligns returns the alignment (w:jc) of each paragraph style of
// styles.xml by its id, its own or the one it is based on, and under ""
// the default paragraph style's.
func styleAligns(f *zip.File) map[string]string {
	out := map[string]string{}
	jc, based := map[string]string{}, map[string]string{}
	def, id := "", ""
	eachToken(f, func(tok xml.Token) bool {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id = ""
				if attr(t.Attr, "type") == "paragraph" {
					id = attr(t.Attr, "styleId")
					if d := attr(t.Attr, "default"); d == "1" || d == "true" || d == "on" {
						def = id
					}
				}
			case "basedOn":
				if id != "" {
					based[id] = attr(t.Attr, "val")
				}
			case "jc":
				if id != "" {
					jc[id] = attr(t.Attr, "val")
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" {
				id = ""
			}
		}
		return true
	})
	for s := range jc {
		out[s] = resolve(jc, based, s)
	}
	for s := range based {
		out[s] = resolve(jc, based, s)
	}
	out[""] = resolve(jc, based, def)
	return out
}

// resolve returns a style's alignment: its own, or its bases' (a chain
// cut short where it loops).
func resolve(jc, based map[string]string, s string) string {
	for range 16 {
		if v := jc[s]; v != "" || based[s] == "" {
			return v
		}
		s = based[s]
	}
	return ""
}

// attr returns the value of the attribute with the local name.
func attr(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
