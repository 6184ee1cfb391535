// Package cnparse parses the numbers, quantities and dates of Chinese
// official prose: Arabic and Chinese numerals (二〇二五, 一千一百二十八, 两),
// qualifiers (50余人, 近百名, 超千次), and dates with or without a year,
// ranges (2025年1月9日至10日, 3月7至9日), month ends (4月底) and quarters.
package cnparse

import "strings"

var digit = map[rune]int{
	'〇': 0, '○': 0, '零': 0, 'O': 0, 'o': 0, 'Ｏ': 0,
	'一': 1, '壹': 1, '二': 2, '贰': 2, '两': 2, '三': 3, '叁': 3, '四': 4, '肆': 4,
	'五': 5, '伍': 5, '六': 6, '陆': 6, '七': 7, '柒': 7, '八': 8, '捌': 8, '九': 9, '玖': 9,
}

var unit = map[rune]int{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000, '万': 10000, '亿': 100000000}

// Numerals lists every rune Number reads besides the ASCII digits: the
// Chinese digits and units in their common and their 大写 forms (壹佰,
// used in accounts and some reports), 两, 廿 and 卅. A regular expression
// takes it as a character class: `[0-9` + cnparse.Numerals + `]+`.
const Numerals = "〇○零一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾廿卅百佰千仟万亿"

// tens spells 廿 (twenty) and 卅 (thirty) with units, as Number reads them.
var tens = strings.NewReplacer("廿", "二十", "卅", "三十")

// Number parses an integer written in Arabic digits, Chinese numerals
// (一千一百二十八, 十五, 两百) or digit-by-digit Chinese (二〇二五). It
// reports false for anything else, and for values that overflow.
func Number(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, ok := arabic(s); ok {
		return n, true
	}
	if strings.ContainsAny(s, "廿卅") {
		s = tens.Replace(s)
	}
	runes := []rune(s)
	hasUnit := false
	for _, r := range runes {
		if _, ok := unit[r]; ok {
			hasUnit = true
		} else if _, ok := digit[r]; !ok {
			if !(r >= '0' && r <= '9') {
				return 0, false
			}
		}
	}
	if !hasUnit {
		// digit by digit: 二〇二五
		n := 0
		for _, r := range runes {
			d, ok := digit[r]
			if !ok {
				if r >= '0' && r <= '9' {
					d = int(r - '0')
				} else {
					return 0, false
				}
			}
			n = n*10 + d
			if n > 1e12 {
				return 0, false
			}
		}
		return n, true
	}
	total, section, cur := 0, 0, 0
	for _, r := range runes {
		if d, ok := digit[r]; ok {
			cur = d
			continue
		}
		if r >= '0' && r <= '9' {
			cur = cur*10 + int(r-'0')
			continue
		}
		u := unit[r]
		switch {
		case u >= 10000:
			section = (section + cur) * u
			total += section
			section = 0
		default:
			if cur == 0 {
				cur = 1 // 十五 = 15
			}
			section += cur * u
		}
		cur = 0
		if total > 1e12 || section > 1e12 {
			return 0, false
		}
	}
	return total + section + cur, true
}

func arabic(s string) (int, bool) {
	n := 0
	for _, r := range s {
		if r == ',' || r == '，' {
			continue
		}
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
		if n > 1e12 {
			return 0, false
		}
	}
	return n, true
}

// Qualifier values of a quantity.
const (
	Exact = "exact"
	More  = "more"  // 余, 多, 超, 超过, 逾, 以上
	About = "about" // 约, 近, 左右, 大约
)

// Quantity is a number with its qualifier.
type Quantity struct {
	Value     int    `json:"value"`
	Qualifier string `json:"qualifier"`
}

// QualifierOf returns the qualifier implied by the words before and after
// a number: before (the text just before it) and after (just after it).
func QualifierOf(before, after string) string {
	for _, w := range []string{"余", "多", "以上"} {
		if strings.HasPrefix(after, w) {
			return More
		}
	}
	if strings.HasPrefix(after, "左右") {
		return About
	}
	for _, w := range []string{"超过", "超", "逾", "达到", "多达"} {
		if strings.HasSuffix(before, w) {
			if w == "达到" || w == "多达" {
				return Exact
			}
			return More
		}
	}
	for _, w := range []string{"约", "近", "大约", "将近", "接近"} {
		if strings.HasSuffix(before, w) {
			return About
		}
	}
	return Exact
}
