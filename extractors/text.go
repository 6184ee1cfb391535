package extractors

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"qcweave/document"
)

// runeOffset converts a byte offset in s to a rune offset.
func runeOffset(s string, b int) int { return utf8.RuneCountInString(s[:b]) }

// match is a regexp match in rune offsets relative to the searched text.
type match struct {
	start, end int
	groups     []string
	gspans     [][2]int // rune offsets of each group, -1 when absent
}

// findAll runs re over s and returns the matches in rune offsets.
func findAll(re *regexp.Regexp, s string) []match {
	var out []match
	// byte offsets to rune offsets: matches come in order, so count from
	// the previous match's start instead of from the start of s
	base, baseRunes := 0, 0
	at := func(b int) int { return baseRunes + utf8.RuneCountInString(s[base:b]) }
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		mt := match{start: at(m[0]), end: at(m[1])}
		for k := 0; k < len(m)/2; k++ {
			if m[2*k] < 0 {
				mt.groups = append(mt.groups, "")
				mt.gspans = append(mt.gspans, [2]int{-1, -1})
				continue
			}
			mt.groups = append(mt.groups, s[m[2*k]:m[2*k+1]])
			mt.gspans = append(mt.gspans, [2]int{at(m[2*k]), at(m[2*k+1])})
		}
		base, baseRunes = m[0], mt.start
		out = append(out, mt)
	}
	return out
}

// shift moves a span by off.
func shift(s document.Span, off int) document.Span {
	return document.Span{Start: s.Start + off, End: s.End + off}
}

// trimPunct strips surrounding punctuation and spaces.
func trimPunct(s string) string {
	return strings.Trim(s, " \t。，,、；;：:．.！!？?“”\"'《》")
}

// uniq appends s to list unless present or empty.
func uniq(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
