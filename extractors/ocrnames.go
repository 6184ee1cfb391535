package extractors

import (
	"maps"
	"slices"
	"strings"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/lexicon"
)

// Specialty names OCR misread by one character (滋尿外科 for 泌尿外科,
// 疲痛 for 疼痛) are corrected in the text of the pages read by OCR before
// anything is extracted: a name the dictionary lacks that differs in
// exactly one character from exactly one of its specialties becomes that
// specialty, where a specialty stands — an item of a list (between 、),
// or the specialty of a center's name (after its region or level, before
// its suffix). Characters change one for one: spans stay valid. Text not
// read by OCR is taken as written.

// ocrNameSeps end the pieces of a line a name is looked for in.
const ocrNameSeps = "、，,；;。：:\t\n 　"

// regionEnds end the region or level before a center's specialty.
const regionEnds = "省市县区州旗盟级"

// correctOCRNames returns doc with the specialty names misread on its
// pages read by OCR corrected, or doc itself when nothing changed.
func correctOCRNames(doc *document.Document, lex *lexicon.Lexicon) *document.Document {
	ocr := false
	for _, c := range doc.Confidence {
		ocr = ocr || c > 0
	}
	if !ocr {
		return doc
	}
	n := newNearSpecialties(lex, doc.Text)
	runes := slices.Clone(doc.Runes())
	fixSpan := func(s document.Span) bool {
		return s.Start >= 0 && s.Start < s.End && s.End <= len(runes) && n.fix(runes[s.Start:s.End])
	}
	blocks := slices.Clone(doc.Blocks)
	changed := false
	for i := range blocks {
		b := &blocks[i]
		if b.Kind != document.Table {
			if doc.ConfidenceOf(b.Page) > 0 && fixSpan(b.Span) {
				changed = true
			}
			continue
		}
		b.Rows = slices.Clone(b.Rows)
		for j := range b.Rows {
			row := &b.Rows[j]
			page := row.Page
			if page == 0 {
				page = b.Page
			}
			if doc.ConfidenceOf(page) <= 0 {
				continue
			}
			row.Cells = slices.Clone(row.Cells)
			for k := range row.Cells {
				c := &row.Cells[k]
				if fixSpan(c.Span) {
					changed = true
				}
				if rs := []rune(c.Text); n.fix(rs) {
					c.Text, changed = string(rs), true
				}
			}
		}
	}
	if !changed {
		return doc
	}
	return doc.WithText(string(runes), blocks)
}

// nearSpecialties finds the specialty a misread name stands for.
type nearSpecialties struct {
	sp *lexicon.Specialties
	// byLen are the names and aliases by their length in runes
	byLen  map[int][]string
	maxLen int
	// text is the document's text, inText memoizes written
	text   string
	inText map[string]bool
}

func newNearSpecialties(lex *lexicon.Lexicon, text string) *nearSpecialties {
	n := &nearSpecialties{sp: lex.Specialties, byLen: map[int][]string{}, text: text, inText: map[string]bool{}}
	for _, name := range lex.Specialties.Names() {
		k := len([]rune(name))
		n.byLen[k] = append(n.byLen[k], name)
		n.maxLen = max(n.maxLen, k)
	}
	return n
}

// near returns the name of the one specialty one of whose names differs
// from name in exactly one character, when the dictionary does not know
// name; of
// several as near, the one the document writes (疲痛 is as near 疼痛 as
// 胸痛; in a document that names 疼痛 and not 胸痛, it is 疼痛).
func (n *nearSpecialties) near(name []rune) (string, bool) {
	if len(name) < 2 || len(name) > n.maxLen {
		return "", false
	}
	s := lexicon.SpecialtyKey(string(name))
	if _, ok := n.sp.Resolve(s); ok || len([]rune(s)) != len(name) {
		return "", false
	}
	// the names one character apart, by specialty (two names of one
	// specialty may both be)
	cands := map[string]string{}
	for _, cand := range n.byLen[len(name)] {
		if cnparse.OneCharApart(s, cand) {
			sp, _ := n.sp.Resolve(cand)
			if _, seen := cands[sp.ID]; !seen {
				cands[sp.ID] = cand
			}
		}
	}
	if len(cands) > 1 {
		maps.DeleteFunc(cands, func(_, c string) bool { return !n.written(c) })
	}
	if len(cands) != 1 {
		return "", false // none, or as near several
	}
	for _, c := range cands {
		return c, true
	}
	return "", false
}

// written reports whether the document's text holds name (memoized).
func (n *nearSpecialties) written(name string) bool {
	w, ok := n.inText[name]
	if !ok {
		w = strings.Contains(n.text, name)
		n.inText[name] = w
	}
	return w
}

// fix corrects, in place, the misread specialties of a piece of text:
// the specialties of centers' names, and the items of lists of
// specialties (an item between 、 beside an item the dictionary knows: a
// list of people, 医生、护士, is no list of specialties).
func (n *nearSpecialties) fix(rs []rune) bool {
	changed := false
	replace := func(part []rune) {
		if name, ok := n.near(part); ok {
			copy(part, []rune(name))
			changed = true
		}
	}
	var toks [][2]int // the pieces between separators
	for a := 0; a < len(rs); {
		if strings.ContainsRune(ocrNameSeps, rs[a]) {
			a++
			continue
		}
		b := a
		for b < len(rs) && !strings.ContainsRune(ocrNameSeps, rs[b]) {
			b++
		}
		toks = append(toks, [2]int{a, b})
		a = b
	}
	known := func(k int) bool {
		_, ok := n.sp.Resolve(string(rs[toks[k][0]:toks[k][1]]))
		return ok
	}
	for k, t := range toks {
		a, b := t[0], t[1]
		tok := rs[a:b]
		if locs := reCenterSuffix.FindAllStringIndex(string(tok), -1); locs != nil {
			text := string(tok)
			for _, loc := range locs {
				if p, e, ok := n.centerSpecialty(tok, runeOffset(text, loc[0])); ok {
					replace(tok[p:e])
				}
			}
			continue
		}
		prevItem := k > 0 && a > 0 && rs[a-1] == '、' && toks[k-1][1] == a-1 && known(k-1)
		nextItem := k+1 < len(toks) && b < len(rs) && rs[b] == '、' && toks[k+1][0] == b+1 && known(k+1)
		if prevItem || nextItem {
			replace(tok)
		}
	}
	return changed
}

// centerSpecialty returns the specialty of the center name whose suffix
// starts at rune s of tok: [p, e), after the region or level (or the
// piece's start) and before the words that end a specialty (专业, 医疗).
func (n *nearSpecialties) centerSpecialty(tok []rune, s int) (int, int, bool) {
	e := s
	for trimmed := true; trimmed; {
		trimmed = false
		for _, t := range specialtyTrim {
			k := len([]rune(t))
			if e-k >= 2 && string(tok[e-k:e]) == t {
				e -= k
				trimmed = true
			}
		}
	}
	for p := e - 2; p >= 0 && e-p <= n.maxLen; p-- {
		if p == 0 || strings.ContainsRune(regionEnds, tok[p-1]) {
			return p, e, true
		}
	}
	return 0, 0, false
}
