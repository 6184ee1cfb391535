package ocr

import (
	"slices"
	"strings"
	"time"

	"qcweave/layout"
)

// Correct checks the numbers of dates in a document read by OCR against
// the document itself and the calendar, and where one cannot be right and
// a digit tesseract also weighed for it (alts, by line and rune offset)
// makes it right, takes that digit:
//   - a year that no surely read year of the document confirms (2925 in a
//     bulletin of 2025) becomes the confirmed year an alternative makes
//     of it; a year after every confirmed one is impossible, and becomes
//     the confirmed year one commonly confused digit makes of it even
//     without alternatives;
//   - a quarter whose numeral was read as a character (第工季度) takes
//     the alternative numeral, or without one the quarter in which most
//     of the document's dates fall;
//   - a date that falls after the document's date (the date standing
//     alone in its head), outside its period (第N季度, N月 in the head),
//     on no calendar day, or on another weekday than the one named beside
//     it, takes the alternatives that put it right.
//
// The text changes digit for digit: offsets and runs stay valid.
func Correct(lines []layout.Line, alts []map[int][]Choice) {
	d := newDocText(lines, alts)
	d.years()
	d.quarter()
	d.dates()
	d.brackets()
	for i, r := range d.runes {
		if d.changed[i] {
			lines[i].Text = string(r)
		}
	}
}

// docText is a document's lines as runes, with their alternatives.
type docText struct {
	runes   [][]rune
	alts    []map[int][]Choice
	changed []bool
	// sure are the years read without doubt
	sure map[int]bool
	// the document's date and period (zero: unknown)
	date       time.Time
	periodYear int
	periodFrom int // months, 1..12
	periodTo   int
	hasDocDate bool
	latestSure int
}

// headSize is how many lines of text the head of a document (title,
// issuer, date, period) is looked for in.
const headSize = 10

func newDocText(lines []layout.Line, alts []map[int][]Choice) *docText {
	d := &docText{runes: make([][]rune, len(lines)), alts: make([]map[int][]Choice, len(lines)), changed: make([]bool, len(lines)), sure: map[int]bool{}}
	for i, l := range lines {
		d.runes[i] = []rune(l.Text)
		if i < len(alts) {
			d.alts[i] = alts[i]
		}
	}
	return d
}

// number is a run of digits in a line: [i, j) in runes.
type number struct{ line, i, j int }

func (d *docText) value(n number) int {
	v := 0
	for _, r := range d.runes[n.line][n.i:n.j] {
		v = v*10 + int(r-'0')
	}
	return v
}

func (d *docText) doubted(n number) bool {
	for k := n.i; k < n.j; k++ {
		if len(d.alts[n.line][k]) > 0 {
			return true
		}
	}
	return false
}

// numbers returns the digit runs of line i followed by the rune after.
func (d *docText) numbers(i int) []number {
	var out []number
	rs := d.runes[i]
	for k := 0; k < len(rs); {
		if !isDigit(rs[k]) {
			k++
			continue
		}
		j := k
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
		out = append(out, number{i, k, j})
		k = j
	}
	return out
}

func (d *docText) after(n number) rune {
	if n.j < len(d.runes[n.line]) {
		return d.runes[n.line][n.j]
	}
	return 0
}

// set writes v (as many digits as n has) into n.
func (d *docText) set(n number, v int) {
	for k := n.j - 1; k >= n.i; k-- {
		d.runes[n.line][k] = rune('0' + v%10)
		v /= 10
	}
	d.changed[n.line] = true
}

// candidate is a value a number could have had, with the confidence of
// the alternatives that make it.
type candidate struct {
	v    int
	conf float64
}

// variants returns the values one alternative digit makes of n.
func (d *docText) variants(n number) []candidate {
	var out []candidate
	rs := d.runes[n.line]
	for k := n.i; k < n.j; k++ {
		for _, c := range d.alts[n.line][k] {
			r := []rune(c.Text)
			if len(r) != 1 || !isDigit(r[0]) || r[0] == rs[k] {
				continue
			}
			old := rs[k]
			rs[k] = r[0]
			out = append(out, candidate{d.value(n), c.Conf})
			rs[k] = old
		}
	}
	return out
}

// confusedDigits are the pairs of digits OCR most often mistakes for each
// other in Chinese documents' fonts.
var confusedDigits = []string{"09", "08", "06", "38", "39", "56", "58", "68", "89", "17", "14"}

// confusions returns the values one commonly confused digit makes of n.
func (d *docText) confusions(n number) []candidate {
	var out []candidate
	rs := d.runes[n.line]
	for k := n.i; k < n.j; k++ {
		for _, p := range confusedDigits {
			var to rune
			switch rs[k] {
			case rune(p[0]):
				to = rune(p[1])
			case rune(p[1]):
				to = rune(p[0])
			default:
				continue
			}
			old := rs[k]
			rs[k] = to
			out = append(out, candidate{d.value(n), 1})
			rs[k] = old
		}
	}
	return out
}

// years corrects the years (four digits before 年) no sure reading
// confirms.
func (d *docText) years() {
	var doubtful []number
	for i := range d.runes {
		for _, n := range d.numbers(i) {
			if n.j-n.i != 4 || d.after(n) != '年' {
				continue
			}
			v := d.value(n)
			if d.doubted(n) || v < 1900 || v > 2100 {
				doubtful = append(doubtful, n)
				continue
			}
			d.sure[v] = true
			d.latestSure = max(d.latestSure, v)
		}
	}
	if len(d.sure) == 0 {
		return
	}
	for _, n := range doubtful {
		v := d.value(n)
		if d.sure[v] {
			continue
		}
		best := candidate{-1, -1}
		for _, c := range d.variants(n) {
			if d.sure[c.v] && c.conf > best.conf {
				best = c
			}
		}
		if best.v < 0 && v > d.latestSure {
			// a year after every year the document surely names: a
			// misread digit, when one confusion makes a named year
			var found []candidate
			for _, c := range d.confusions(n) {
				if d.sure[c.v] {
					found = append(found, c)
				}
			}
			if len(found) == 1 {
				best = found[0]
			}
		}
		if best.v >= 0 {
			d.set(n, best.v)
		}
	}
}

// head returns the indices of the first headSize lines with text.
func (d *docText) head() []int {
	var out []int
	for i, rs := range d.runes {
		if len(strings.TrimSpace(string(rs))) > 0 {
			out = append(out, i)
			if len(out) == headSize {
				break
			}
		}
	}
	return out
}

// quarter reads the period of the head (YYYY年第N季度, YYYY年N月) and
// the document's date (a line that is only a date), correcting a
// quarter's numeral read as a character.
func (d *docText) quarter() {
	for _, i := range d.head() {
		rs := d.runes[i]
		for k := 0; k+3 < len(rs); k++ {
			if rs[k] != '第' || rs[k+2] != '季' || rs[k+3] != '度' {
				continue
			}
			q := rs[k+1]
			if !strings.ContainsRune("1234一二三四", q) {
				best := Choice{Conf: -1}
				for _, c := range d.alts[i][k+1] {
					if len(c.Text) == 1 && c.Text[0] >= '1' && c.Text[0] <= '4' && c.Conf > best.Conf {
						best = c
					}
				}
				if best.Conf < 0 {
					best.Text = d.busiestQuarter(d.yearBefore(i, k))
				}
				if best.Text == "" {
					continue
				}
				rs[k+1] = rune(best.Text[0])
				d.changed[i] = true
				q = rs[k+1]
			}
			n := runeIndex("1234", q)
			if n < 0 {
				n = runeIndex("一二三四", q)
			}
			if y := d.yearBefore(i, k); y > 0 && d.periodYear == 0 {
				d.periodYear, d.periodFrom, d.periodTo = y, 3*n+1, 3*n+3
			}
		}
		if dt, ok := d.onlyDate(i); ok && !d.hasDocDate {
			d.date, d.hasDocDate = dt, true
		}
	}
}

// busiestQuarter returns the quarter ("1".."4") of year in which most of
// the document's full dates (YYYY年M月D日) fall, or "" when none does
// or two are as busy: a bulletin of a quarter tells what happened in it.
func (d *docText) busiestQuarter(year int) string {
	if year == 0 {
		return ""
	}
	var count [4]int
	for i := range d.runes {
		ns := d.numbers(i)
		for k := 0; k+2 < len(ns); k++ {
			y, m, day := ns[k], ns[k+1], ns[k+2]
			if d.after(y) != '年' || m.i != y.j+1 || d.after(m) != '月' || day.i != m.j+1 || d.after(day) != '日' || d.value(y) != year {
				continue
			}
			if v := d.value(m); v >= 1 && v <= 12 {
				count[(v-1)/3]++
			}
		}
	}
	best, tie := 0, false
	for q := 1; q < 4; q++ {
		switch {
		case count[q] > count[best]:
			best, tie = q, false
		case count[q] == count[best]:
			tie = true
		}
	}
	if count[best] == 0 || tie {
		return ""
	}
	return string(rune('1' + best))
}

// yearBefore returns the year written right before rune k of line i
// (YYYY年), or 0.
func (d *docText) yearBefore(i, k int) int {
	rs := d.runes[i]
	if k < 5 || rs[k-1] != '年' {
		return 0
	}
	v := 0
	for _, r := range rs[k-5 : k-1] {
		if !isDigit(r) {
			return 0
		}
		v = v*10 + int(r-'0')
	}
	return v
}

// onlyDate reports whether line i is a date and nothing else.
func (d *docText) onlyDate(i int) (time.Time, bool) {
	s := strings.Join(strings.Fields(string(d.runes[i])), "")
	t, err := time.Parse("2006年1月2日", s)
	return t, err == nil
}

// aDate is a date written M月D日, with its year written before it or
// not, and what stands after it.
type aDate struct {
	year, month, day number
	hasYear          bool
}

// dates checks every date against the calendar, the document's date and
// period and a weekday named beside it, and corrects one that fails with
// the alternatives of its digits.
func (d *docText) dates() {
	year := 0
	if d.hasDocDate {
		year = d.date.Year()
	}
	for i := range d.runes {
		ns := d.numbers(i)
		for k, n := range ns {
			if d.after(n) == '年' && n.j-n.i == 4 {
				year = d.value(n)
				continue
			}
			if d.after(n) != '月' || k+1 >= len(ns) || ns[k+1].i != n.j+1 || d.after(ns[k+1]) != '日' {
				continue
			}
			dt := aDate{month: n, day: ns[k+1]}
			if k > 0 && ns[k-1].j+1 == n.i && d.after(ns[k-1]) == '年' {
				dt.year, dt.hasYear = ns[k-1], true
			}
			d.checkDate(dt, year)
		}
	}
}

// weekdays are the names of the days of the week after 星期 or 周.
const weekdays = "日一二三四五六"

// checkDate corrects one date when it fails a check and alternatives of
// its month or day put it right.
func (d *docText) checkDate(dt aDate, year int) {
	if dt.hasYear {
		year = d.value(dt.year)
	}
	if year == 0 {
		return
	}
	wd := d.weekdayAfter(dt.day)
	ok := func(m, day int) bool {
		t := time.Date(year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || t.Day() != day || t.Month() != time.Month(m) {
			return false // no such day
		}
		if d.hasDocDate && t.After(d.date) {
			return false
		}
		if d.periodYear == year && (m < d.periodFrom || m > d.periodTo) {
			return false
		}
		return wd < 0 || int(t.Weekday()) == wd
	}
	m, day := d.value(dt.month), d.value(dt.day)
	if ok(m, day) {
		return
	}
	best, bestConf := -1, -1.0
	for _, c := range d.variants(dt.month) {
		if ok(c.v, day) && c.conf > bestConf {
			best, bestConf = c.v, c.conf
		}
	}
	dayBest := false
	for _, c := range d.variants(dt.day) {
		if ok(m, c.v) && c.conf > bestConf {
			best, bestConf, dayBest = c.v, c.conf, true
		}
	}
	switch {
	case best < 0:
	case dayBest:
		d.set(dt.day, best)
	default:
		d.set(dt.month, best)
	}
}

// weekdayAfter returns the weekday (0 Sunday) named right after a day's
// 日 — （星期三）, 周五 — or -1.
func (d *docText) weekdayAfter(day number) int {
	rs := d.runes[day.line]
	k := day.j + 1 // past 日
	for k < len(rs) && strings.ContainsRune("（( ", rs[k]) {
		k++
	}
	switch {
	case k+2 < len(rs) && rs[k] == '星' && rs[k+1] == '期':
		k += 2
	case k < len(rs) && rs[k] == '周':
		k++
	default:
		return -1
	}
	if k >= len(rs) {
		return -1
	}
	if rs[k] == '天' {
		return 0
	}
	return runeIndex(weekdays, rs[k])
}

// runeIndex returns the index in runes of r in s, or -1.
func runeIndex(s string, r rune) int {
	for i, x := range []rune(s) {
		if x == r {
			return i
		}
	}
	return -1
}

// brackets mends an opening or closing bracket read as the other shape:
// tesseract often takes a full-width （ for 〈, <, 《 or 〔 (and ） for 〉,
// >, 》 or 〕), which leaves 〈ECMO） where the print has （ECMO）. An angle bracket is
// taken for a round one when the nearest bracket it pairs with in its line
// is round and no angle bracket of the other side stands between.
func (d *docText) brackets() {
	const reach = 24 // runes: a bracketed aside within a name or a line
	for li, rs := range d.runes {
		for i, r := range rs {
			// an opening angle looks right for its round close, a closing
			// one left for its round open
			step, want, as := 1, []rune("）)"), []rune("（(")
			switch r {
			case '〈', '<', '《', '〔':
			case '〉', '>', '》', '〕':
				step, want, as = -1, []rune("（("), []rune("）)")
			default:
				continue
			}
			for j := i + step; j >= 0 && j < len(rs) && (j-i)*step <= reach; j += step {
				if k := slices.Index(want, rs[j]); k >= 0 {
					rs[i] = as[k]
					d.changed[li] = true
					break
				}
				if strings.ContainsRune("〈<〉>《》〔〕（(）)", rs[j]) {
					break // another bracket stands between
				}
			}
		}
	}
}
