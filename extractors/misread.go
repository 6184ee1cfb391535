package extractors

import (
	"unicode"
	"unicode/utf8"
)

// Text read by OCR has misreadings that a born-digital text cannot have: a
// place name one character off (商后 for 商丘), a measure word and the
// separator after it read as one stray character (濮阳68人三门峡66个), a
// stray character before a measure word. The readings here apply only to
// text on a page read by OCR (ocrAt); nearRegion corrects the names.

// rankItem is one item of a ranked list (濮阳68个): the text before its
// number, where the region's name ends; the number and its qualifier (余,
// 多); and, in runes of the list's piece, where the number starts and the
// item ends.
type rankItem struct {
	name, num, qual string
	numStart, end   int
}

// rankItems reads a piece of a ranked list (the text between separators)
// as its items: one (濮阳68个) or none. In text read by OCR a piece may
// hold several items run together, where the separator was lost
// (濮阳68个三门峡66个) or a measure word and the separator after it were
// read as one character (濮阳68人三门峡66个), and an item may carry a
// stray character before its measure word (平顶山43人个); the piece must
// still end with a measure word.
func rankItems(piece string, ocr bool) []rankItem {
	if mm := reRankItem.FindStringSubmatchIndex(piece); mm != nil {
		sub := func(k int) string {
			if mm[2*k] < 0 {
				return ""
			}
			return piece[mm[2*k]:mm[2*k+1]]
		}
		n := utf8.RuneCountInString(sub(1))
		return []rankItem{{name: sub(1), num: sub(2), qual: sub(3), numStart: n, end: utf8.RuneCountInString(piece)}}
	}
	if !ocr {
		return nil
	}
	r := []rune(piece)
	if len(r) == 0 || !isMeasure(r[len(r)-1]) {
		return nil
	}
	digit := func(i int) bool { return i < len(r) && r[i] >= '0' && r[i] <= '9' }
	var out []rankItem
	for i := 0; i < len(r); {
		s := i
		for i < len(r) && unicode.Is(unicode.Han, r[i]) {
			i++
		}
		if i-s < 2 || i-s > 10 || !digit(i) {
			return nil
		}
		ns := i
		for digit(i) {
			i++
		}
		ne := i
		qual := ""
		if i < len(r) && (r[i] == '余' || r[i] == '多') {
			qual = string(r[i])
			i++
		}
		switch {
		case i < len(r) && isMeasure(r[i]):
			i++
		case i+1 < len(r) && isMeasure(r[i+1]):
			i += 2 // a stray character before the measure word
		case i+1 < len(r):
			i++ // the measure word and the separator read as one character: another item follows
		default:
			return nil
		}
		out = append(out, rankItem{name: string(r[s:ns]), num: string(r[ns:ne]), qual: qual, numStart: ns, end: i})
	}
	return out
}

// isMeasure reports a measure word of a count (个, 家).
func isMeasure(r rune) bool { return r == '个' || r == '家' }
