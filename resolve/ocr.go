package resolve

import (
	"strings"
	"unicode/utf8"

	"qcweave/cnparse"
	"qcweave/lexicon"
	"qcweave/record"
)

// A name read by OCR that the dictionaries lack, yet one character away
// from exactly one of their full region names (成宁市 for 咸宁市), is taken
// for that region: the record keeps the name as read and gains the
// dictionary's (region_full, region_code; a center also the corrected name
// as an alias). The confidence pass weighs the correction.

// regionSuffixes end a full region name.
const regionSuffixes = "省市县区州旗盟"

// correctOCR corrects the region names of the records read by OCR.
func (r *Resolver) correctOCR(ex *record.Extraction) {
	province := ex.Document.ProvinceCode
	for i := range ex.Counts {
		c := &ex.Counts[i]
		if c.OCRConfidence > 0 && c.RegionCode == nil {
			if reg, ok := r.nearRegion(c.Region, province); ok {
				c.RegionFull, c.RegionCode = record.Str(reg.Name), record.Str(reg.Code)
			}
		}
	}
	for i := range ex.Coverage {
		c := &ex.Coverage[i]
		if c.OCRConfidence > 0 && c.RegionCode == nil {
			if reg, ok := r.nearRegion(c.Region, province); ok {
				c.RegionFull, c.RegionCode = record.Str(reg.Name), record.Str(reg.Code)
			}
		}
	}
	for i := range ex.Centers {
		c := &ex.Centers[i]
		if c.OCRConfidence > 0 && c.RegionCode == nil && c.Region != nil {
			if reg, ok := r.nearRegion(*c.Region, province); ok {
				c.RegionCode = record.Str(reg.Code)
				if strings.HasPrefix(c.Name, *c.Region) {
					c.Aliases = append(c.Aliases, reg.Name+strings.TrimPrefix(c.Name, *c.Region))
				}
			}
		}
	}
}

// nearRegion returns the one region whose full name differs from name in
// exactly one character (not its suffix), when name itself is unknown:
// the one in the document's province when it has one (成宁市 is as near
// 咸宁市 as 南宁市 and 济宁市; in a document of 湖北省 it is 咸宁市).
func (r *Resolver) nearRegion(name, province string) (lexicon.Region, bool) {
	n := utf8.RuneCountInString(name)
	if n < 3 || !strings.ContainsRune(regionSuffixes, []rune(name)[n-1]) {
		return lexicon.Region{}, false
	}
	if _, ok := r.lex.Regions.Lookup(name, province); ok {
		return lexicon.Region{}, false
	}
	codes := map[string]lexicon.Region{}
	for _, cand := range r.regionNames() {
		if !oneApart(name, cand) {
			continue
		}
		reg, ok := r.lex.Regions.Lookup(cand, province)
		if !ok || reg.Name != cand || province != "" && reg.ProvinceCode() != province {
			continue
		}
		codes[reg.Code] = reg
	}
	if len(codes) != 1 {
		return lexicon.Region{}, false // none, or several as near: no correction
	}
	for _, reg := range codes {
		return reg, true
	}
	return lexicon.Region{}, false
}

// regionNames returns the dictionaries' region names, loaded once.
func (r *Resolver) regionNames() []string {
	r.namesOnce.Do(func() { r.names = r.lex.Regions.Names() })
	return r.names
}

// oneApart reports whether a and b have as many characters and differ in
// exactly one, not the last.
func oneApart(a, b string) bool {
	x, y := []rune(a), []rune(b)
	return len(x) > 0 && len(x) == len(y) && x[len(x)-1] == y[len(y)-1] && cnparse.OneCharApart(a, b)
}
