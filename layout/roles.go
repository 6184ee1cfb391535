package layout

import (
	"slices"
	"unicode/utf8"

	"qcweave/document"
)

// blockAttr is what the page showed of a block's first line.
type blockAttr struct {
	color uint32
	size  float64
	geom  bool // placed on a page (PDF, OFD)
	table bool
}

// isRed reports whether a 0xRRGGBB colour is the red of a 公文's banner.
func isRed(c uint32) bool {
	r, g, b := c>>16&0xff, c>>8&0xff, c&0xff
	return r >= 0x99 && g <= 0x66 && b <= 0x66
}

// assignRoles marks the parts of a 公文 (GB/T 9704) by their place, size
// and colour: the banner (red, or far larger than the body, opening page
// 1), the title (larger than the body, after it), what stands between
// them (the 发文字号), and the signature that closes the main text: a
// date alone on its line after a short line with the organ's name.
func assignRoles(blocks []document.Block, attrs []blockAttr, text []nrune) {
	if len(blocks) != len(attrs) {
		return
	}
	str := func(i int) string { return string(runesOf(text[blocks[i].Span.Start:blocks[i].Span.End])) }
	// the body's size: the most common one of the paragraphs, by length
	weight := map[float64]int{}
	for i, a := range attrs {
		if !a.table && a.size > 0 {
			weight[a.size] += blocks[i].Span.End - blocks[i].Span.Start
		}
	}
	body, best := 0.0, 0
	for s, n := range weight {
		if n > best || n == best && s < body {
			body, best = s, n
		}
	}
	banner := -1
	for i := 0; i < min(len(blocks), 3); i++ {
		a := attrs[i]
		if a.table || !a.geom && a.size == 0 && a.color == 0 || blocks[i].Page > 1 {
			break
		}
		if isRed(a.color) || body > 0 && a.size >= 1.6*body {
			banner = i
			break
		}
	}
	if banner >= 0 {
		blocks[banner].Role = document.RoleBanner
		for i := banner + 1; i < len(blocks) && i <= banner+4 && !attrs[i].table; i++ {
			if body > 0 && attrs[i].size >= 1.2*body && !isRed(attrs[i].color) {
				blocks[i].Role = document.RoleTitle
				for k := banner + 1; k < i; k++ {
					blocks[k].Role = document.RoleDocNumber
				}
				break
			}
			if isRed(attrs[i].color) && i == banner+1 {
				blocks[i].Role = document.RoleBanner // a banner of two lines or two organs
			}
		}
	}
	// the signature: the first date alone on its line after a short line
	// that ends no sentence
	for i := 1; i < len(blocks); i++ {
		if attrs[i].table || attrs[i-1].table || blocks[i].Role != "" || !dateOnly.MatchString(str(i)) {
			continue
		}
		prev := str(i - 1)
		last, _ := utf8.DecodeLastRuneInString(prev)
		if utf8.RuneCountInString(prev) > 40 || slices.Contains([]rune("。；：，、！？;:,"), last) || blocks[i-1].Role != "" {
			continue
		}
		blocks[i-1].Role = document.RoleSigner
		blocks[i].Role = document.RoleDate
		break
	}
}
