package cnparse

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A date pattern matches only runes of its own alphabet (digits, numerals,
// 年月日, a few separators and spaces) and asserts nothing about its
// neighbours. So a match lies within one maximal stretch of the text made
// of those runes, and the matches found stretch by stretch, in order, are
// those found over the whole text: on a long text the patterns run only
// over the few stretches that hold a word they need, not over every rune.

// segmentAbove is the text length (bytes) from which FindDatesIn works
// stretch by stretch: below it one pass of each pattern is as cheap.
const segmentAbove = 4 << 10

// dateRunes is the alphabet of every date pattern.
var dateRunes = alphabetOf(reDay, reISO, reDMY, reMonthEnd, reYearEnd, reQuarter, reHalf, reMonthSpan, reYear, reRelMonth)

// alphabet is a set of runes of the Basic Multilingual Plane, one bit each.
// bounded is false when a pattern can match a rune outside it, or asserts
// something of a position (^, $, \b), or matches the empty string: then
// its matches cannot be found stretch by stretch.
type alphabet struct {
	bits    [1 << 16 / 64]uint64
	bounded bool
}

// alphabetOf returns the union of the alphabets of the patterns.
func alphabetOf(res ...*regexp.Regexp) *alphabet {
	a := &alphabet{bounded: true}
	for _, re := range res {
		t, err := syntax.Parse(re.String(), syntax.Perl)
		if err != nil || re.MatchString("") {
			a.bounded = false
			continue
		}
		a.add(t.Simplify())
	}
	return a
}

// add puts the runes regexp t can match into a, or marks a unbounded.
func (a *alphabet) add(t *syntax.Regexp) {
	switch t.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch:
	case syntax.OpLiteral:
		for _, r := range t.Rune {
			a.addRange(r, r)
			if t.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					a.addRange(f, f)
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(t.Rune); i += 2 {
			a.addRange(t.Rune[i], t.Rune[i+1])
		}
	case syntax.OpCapture, syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat,
		syntax.OpConcat, syntax.OpAlternate:
		for _, sub := range t.Sub {
			a.add(sub)
		}
	default: // any character, ^, $, \b, \B
		a.bounded = false
	}
}

func (a *alphabet) addRange(lo, hi rune) {
	if hi > 0xFFFF || lo < 0 {
		a.bounded = false
		return
	}
	for r := lo; r <= hi; r++ {
		a.bits[r/64] |= 1 << (r % 64)
	}
}

// has reports whether r is in a (an invalid byte, read as U+FFFD, only
// when U+FFFD is).
func (a *alphabet) has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && a.bits[r/64]&(1<<(r%64)) != 0
}

// segment is a stretch [start, end) of a text (byte offsets) made of an
// alphabet's runes, with the words of dates it holds.
type segment struct {
	start, end int
}

// segments returns the maximal stretches of s made of a's runes that hold
// 年, 月 or a separator of numeric dates (-./, also full-width): every date pattern needs
// one of them.
func (a *alphabet) segments(s string) []segment {
	var out []segment
	start, useful := -1, false
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if a.has(r) {
			if start < 0 {
				start, useful = i, false
			}
			useful = useful || r == '年' || r == '月' || r == '-' || r == '.' || r == '/' || r == '－' || r == '．' || r == '／'
		} else if start >= 0 {
			if useful {
				out = append(out, segment{start, i})
			}
			start = -1
		}
		i += w
	}
	if start >= 0 && useful {
		out = append(out, segment{start, len(s)})
	}
	return out
}

// findAllIn is re.FindAllStringSubmatchIndex(s, -1) for a pattern of the
// alphabet segs were cut by: the matches within the segments for which
// need holds (need must hold for any text a match is in).
func findAllIn(re *regexp.Regexp, s string, segs []segment, need func(string) bool) [][]int {
	var out [][]int
	for _, g := range segs {
		t := s[g.start:g.end]
		if !need(t) {
			continue
		}
		for _, m := range re.FindAllStringSubmatchIndex(t, -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += g.start
				}
			}
			out = append(out, m)
		}
	}
	return out
}

func hasMonthWord(s string) bool { return strings.Contains(s, "月") }
func hasYearWord(s string) bool  { return strings.Contains(s, "年") }
func hasDateSep(s string) bool   { return strings.ContainsAny(s, "-./－．／") }
func hasTwoDots(s string) bool   { return strings.Count(s, ".") >= 2 }
