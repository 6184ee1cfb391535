package cnparse

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Date is a calendar date; zero fields are unknown.
type Date struct {
	Year, Month, Day int
}

// Valid reports whether the date exists in the calendar.
func (d Date) Valid() bool {
	if d.Year < 1900 || d.Year > 2200 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Precision of a date mention.
const (
	Day      = "day"
	MonthEnd = "monthend" // 4月底, 4月末: the last day of the month (2024年底: of the year)
	Month    = "month"
	Quarter  = "quarter"
	Half     = "half"
	Year     = "year"
)

// Mention is a date or date range found in text. Start and End (rune
// offsets) locate it; From and To are the first and last day it covers
// (equal for a single day). HasYear is false when the text gave no year
// and the context year was used.
type Mention struct {
	Start, End int
	From, To   Date
	Precision  string
	HasYear    bool
	Text       string
}

const (
	// a year in digits, or digit by digit in Chinese, where a zero is
	// sometimes typed as the letter O (二OO九)
	numY = `(\d{4}|[〇○零OoＯ0一二三四五六七八九]{4})`
	// a month or day; 廿 and 卅 are twenty and thirty (廿八日)
	numM = `(\d{1,2}|[一二三四五六七八九十廿卅]{1,3})`
)

var (
	// full: [Y年]M月D日 [至 [Y年][M月]D日]  (also 3月7至9日)
	reDay = regexp.MustCompile(`(?:` + numY + `\s*年\s*)?` + numM + `\s*月\s*` + numM + `\s*(?:日|号)?` +
		`(?:\s*(?:至|到|—|–|-|~|～|－)\s*(?:` + numY + `\s*年\s*)?(?:` + numM + `\s*月\s*)?` + numM + `\s*(?:日|号))?`)
	// 2024-03-21, also with the full-width separators a page may keep
	// once its digits are folded (2024－03－21, 2024．3．21, 2024／3／21)
	reISO = regexp.MustCompile(`(\d{4})[-./－．／](\d{1,2})[-./－．／](\d{1,2})`)
	// 08.11.2016: day, month and year with dots, as some sites print dates
	reDMY      = regexp.MustCompile(`(\d{1,2})\.(\d{1,2})\.(\d{4})`)
	reMonthEnd = regexp.MustCompile(numY + `\s*年\s*` + numM + `\s*月\s*(底|末|下旬|上旬|中旬)?`)
	// 2024年底, 二〇二二年末: the last day of the year
	reYearEnd = regexp.MustCompile(numY + `\s*年\s*(底|末)`)
	reQuarter = regexp.MustCompile(numY + `\s*年\s*(?:第\s*)?([1-4一二三四])\s*季度`)
	reHalf    = regexp.MustCompile(numY + `\s*年\s*(上半年|下半年)`)
	// 2024年1-6月, 2024年1月至6月: a span of months
	reMonthSpan = regexp.MustCompile(numY + `\s*年\s*` + numM + `\s*(?:月\s*)?(?:-|—|–|~|～|至|到)\s*` + numM + `\s*月`)
	reYear      = regexp.MustCompile(numY + `\s*年(?:度)?`)
	// 本月12日, 上月28日至30日: a day of a month named relative to the
	// context's (a monthly bulletin's month)
	reRelMonth = regexp.MustCompile(`(本|上)月\s*` + numM + `\s*(?:日|号)(?:\s*(?:至|到|—|–|-|~|～|－)\s*` + numM + `\s*(?:日|号))?`)
)

// Context is what a text around a date tells of it: the year of dates
// written without one, and the month 本月 (this month) means, 0 when the
// text fixes none (a monthly bulletin's period fixes it).
type Context struct {
	Year, Month int
}

// FindDates returns the date mentions of s in order of position. Day
// dates without a year take contextYear (when it is zero they are
// skipped). Months and years are returned only where no day date covers
// them.
func FindDates(s string, contextYear int) []Mention {
	return FindDatesIn(s, Context{Year: contextYear})
}

// FindDatesIn is FindDates with a context: with ctx.Month set, a day of
// 本月 (this month) or 上月 (last month) is a date of ctx's month or the
// one before it.
func FindDatesIn(s string, ctx Context) []Mention {
	sc := &scanner{s: s, taken: make([]bool, len(s)+1), year: ctx.Year}
	// every pattern but the numeric ones needs 年 or 月: skip the regular
	// expressions on text without them (most of a document)
	hasYear, hasMonth := strings.Contains(s, "年"), strings.Contains(s, "月")
	// and on a long text, run them only over the stretches that can hold a
	// date and hold one of the words it needs
	var segs []segment
	if len(s) > segmentAbove && dateRunes.bounded {
		segs = dateRunes.segments(s)
	}
	all := func(ok bool, re *regexp.Regexp, need func(string) bool) [][]int {
		if !ok {
			return nil
		}
		if segs == nil {
			return re.FindAllStringSubmatchIndex(s, -1)
		}
		return findAllIn(re, s, segs, need)
	}
	sc.days(all(hasMonth, reDay, hasMonthWord))
	if ctx.Year != 0 && ctx.Month >= 1 && ctx.Month <= 12 {
		sc.relMonth(all(hasMonth, reRelMonth, hasMonthWord), ctx)
	}
	sc.numeric(all(strings.ContainsAny(s, "-./－．／") && (strings.Contains(s, "20") || strings.Contains(s, "19")), reISO, hasDateSep), 1, 2, 3, false)
	sc.numeric(all(strings.Count(s, ".") >= 2, reDMY, hasTwoDots), 3, 2, 1, true)
	sc.periods(all(hasYear, reQuarter, hasYearWord), func(y int, qs, _ string) (Date, Date, string) {
		q, _ := Number(qs)
		return Date{y, 3*q - 2, 1}, Date{y, 3 * q, daysIn(y, 3*q)}, Quarter
	})
	sc.periods(all(hasYear, reHalf, hasYearWord), func(y int, half, _ string) (Date, Date, string) {
		if half == "下半年" {
			return Date{y, 7, 1}, Date{y, 12, 31}, Half
		}
		return Date{y, 1, 1}, Date{y, 6, 30}, Half
	})
	sc.periods(all(hasYear, reMonthSpan, hasYearWord), func(y int, m1s, m2s string) (Date, Date, string) {
		m1, _ := Number(m1s)
		m2, _ := Number(m2s)
		if m2 < m1 || m2 > 12 {
			return Date{}, Date{}, ""
		}
		return Date{y, m1, 1}, Date{y, m2, daysIn(y, m2)}, Month
	})
	sc.periods(all(hasYear, reMonthEnd, hasYearWord), func(y int, ms, part string) (Date, Date, string) {
		mo, _ := Number(ms)
		from := Date{y, mo, 1}
		if !from.Valid() {
			return Date{}, Date{}, ""
		}
		to := Date{y, mo, daysIn(y, mo)}
		if part == "底" || part == "末" {
			return to, to, MonthEnd
		}
		return from, to, Month
	})
	sc.periods(all(hasYear, reYearEnd, hasYearWord), func(y int, _, _ string) (Date, Date, string) {
		return Date{y, 12, 31}, Date{y, 12, 31}, MonthEnd
	})
	sc.periods(all(hasYear, reYear, hasYearWord), func(y int, _, _ string) (Date, Date, string) {
		return Date{y, 1, 1}, Date{y, 12, 31}, Year
	})
	out := sc.out
	sortMentions(out)
	// byte offsets to rune offsets, counting once over the text (the
	// mentions are sorted and do not overlap)
	b, r := 0, 0
	for i := range out {
		r += utf8.RuneCountInString(s[b:out[i].Start])
		b = out[i].Start
		out[i].Start = r
		out[i].End = r + utf8.RuneCountInString(out[i].Text)
	}
	return out
}

// scanner collects the mentions of one text; a byte taken by a mention is
// not part of another.
type scanner struct {
	s     string
	taken []bool
	year  int // the year of day dates written without one
	out   []Mention
}

func (sc *scanner) free(a, b int) bool {
	for i := a; i < b; i++ {
		if sc.taken[i] {
			return false
		}
	}
	return true
}

func (sc *scanner) add(m Mention) {
	sc.out = append(sc.out, m)
	for i := m.Start; i < m.End; i++ {
		sc.taken[i] = true
	}
}

// group returns submatch k of m, or "".
func (sc *scanner) group(m []int, k int) string {
	if 2*k+1 >= len(m) || m[2*k] < 0 {
		return ""
	}
	return sc.s[m[2*k]:m[2*k+1]]
}

// days reads [Y年]M月D日 [至 [Y年][M月]D日] (also 3月7至9日); a year
// written updates the year of the dates that follow.
func (sc *scanner) days(ms [][]int) {
	for _, m := range ms {
		g := func(k int) string { return sc.group(m, k) }
		// a bare "M月D" without 日 is only a date when followed by 日/号; the
		// regexp makes 日 optional for ranges like 3月7至9日
		whole := sc.s[m[0]:m[1]]
		if g(6) == "" && !hasDaySuffix(whole) {
			continue
		}
		y, hasYear := sc.year, false
		if g(1) != "" {
			y, _ = Number(g(1))
			hasYear, sc.year = true, y
		}
		mo, _ := Number(g(2))
		d, _ := Number(g(3))
		from := Date{y, mo, d}
		to := from
		if g(6) != "" {
			ty, tm := y, mo
			if g(4) != "" {
				ty, _ = Number(g(4))
			}
			if g(5) != "" {
				tm, _ = Number(g(5))
			}
			td, _ := Number(g(6))
			to = Date{ty, tm, td}
		}
		if y == 0 || !from.Valid() || !to.Valid() || to.Before(from) {
			continue
		}
		sc.add(Mention{Start: m[0], End: m[1], From: from, To: to, Precision: Day, HasYear: hasYear, Text: whole})
	}
}

// relMonth reads 本月D日 and 上月D日 [至D日] in ctx's month or the one
// before it.
func (sc *scanner) relMonth(ms [][]int, ctx Context) {
	for _, m := range ms {
		if !sc.free(m[0], m[1]) {
			continue
		}
		y, mo := ctx.Year, ctx.Month
		if sc.group(m, 1) == "上" {
			if mo--; mo == 0 {
				y, mo = y-1, 12
			}
		}
		d, _ := Number(sc.group(m, 2))
		from := Date{y, mo, d}
		to := from
		if g := sc.group(m, 3); g != "" {
			td, _ := Number(g)
			to = Date{y, mo, td}
		}
		if !from.Valid() || !to.Valid() || to.Before(from) {
			continue
		}
		sc.add(Mention{Start: m[0], End: m[1], From: from, To: to, Precision: Day, HasYear: false, Text: sc.s[m[0]:m[1]]})
	}
}

// numeric reads 2024-03-21 (year, month, day groups 1, 2, 3) and
// 08.11.2016 (3, 2, 1); bounded ones must not sit inside a longer number
// or a version string.
func (sc *scanner) numeric(ms [][]int, y, mo, d int, bounded bool) {
	s := sc.s
	for _, m := range ms {
		if !sc.free(m[0], m[1]) || bounded && (m[0] > 0 && strings.ContainsAny(s[m[0]-1:m[0]], "0123456789.") ||
			m[1] < len(s) && strings.ContainsAny(s[m[1]:m[1]+1], "0123456789.")) {
			continue
		}
		num := func(k int) int { n, _ := Number(sc.group(m, k)); return n }
		dt := Date{num(y), num(mo), num(d)}
		if !dt.Valid() {
			continue
		}
		sc.add(Mention{Start: m[0], End: m[1], From: dt, To: dt, Precision: Day, HasYear: true, Text: s[m[0]:m[1]]})
	}
}

// periods reads spans that start with a year (group 1): span turns the
// year and groups 2 and 3 (or "") into the first and last day and the
// precision, "" to skip the match.
func (sc *scanner) periods(ms [][]int, span func(year int, g2, g3 string) (Date, Date, string)) {
	for _, m := range ms {
		if !sc.free(m[0], m[1]) {
			continue
		}
		y, _ := Number(sc.group(m, 1))
		from, to, precision := span(y, sc.group(m, 2), sc.group(m, 3))
		if precision == "" || !from.Valid() || !to.Valid() {
			continue
		}
		sc.add(Mention{Start: m[0], End: m[1], From: from, To: to, Precision: precision, HasYear: true, Text: sc.s[m[0]:m[1]]})
	}
}

func hasDaySuffix(s string) bool {
	for _, r := range s {
		if r == '日' || r == '号' {
			return true
		}
	}
	return false
}

func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
}

// ParseDate parses one whole date expression (2025年3月31日, 二〇二五年五月十日,
// 2025-03-31), returning false when s is not exactly one day date.
func ParseDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	ms := FindDates(s, 0)
	if len(ms) != 1 || ms[0].Precision != Day || ms[0].Start != 0 || ms[0].End != utf8.RuneCountInString(s) {
		return Date{}, false
	}
	return ms[0].From, true
}
