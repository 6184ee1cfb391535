package cnparse

import (
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestDateRunesBounded: the date patterns have a bounded alphabet, so a
// long text is read stretch by stretch (a pattern added with . or ^ would
// silently make every long text read whole again).
func TestDateRunesBounded(t *testing.T) {
	if !dateRunes.bounded {
		t.Fatal("the date patterns' alphabet is unbounded: FindDatesIn reads long texts whole")
	}
	for _, r := range "0123456789年月日号至到—-~～．－／、二〇O廿卅底末旬第季度半本上 \t\n" {
		if r == '、' {
			if dateRunes.has(r) {
				t.Errorf("%q is in no date pattern but is in the alphabet", r)
			}
			continue
		}
		if !dateRunes.has(r) {
			t.Errorf("%q is missing from the alphabet", r)
		}
	}
	for _, re := range []string{`^\d+年`, `\d+.`, `\b年`, `年?`} {
		if alphabetOf(regexp.MustCompile(re)).bounded {
			t.Errorf("%s: bounded, want unbounded", re)
		}
	}
}

// TestFindAllInSameAsWhole: the matches found stretch by stretch are the
// matches over the whole text, for every date pattern, on random texts of
// date runes among other runes.
func TestFindAllInSameAsWhole(t *testing.T) {
	pieces := []string{"2024", "2025年", "年", "月", "3月", "12", "日", "号", "至", "—", "-", ".", "/", "～",
		"二〇二五", "二O一九", "十", "廿", "底", "下旬", "第", "季度", "上半年", "本", "上", " ", "\n",
		"中", "的", "召开", "，", "。", "a", "．", "\xff", "质控中心", "2024-03-21", "08.11.2016", "2019/1/5", "2023－05－06", "末", "年底"}
	res := map[string]struct {
		re   *regexp.Regexp
		need func(string) bool
	}{
		"day": {reDay, hasMonthWord}, "rel": {reRelMonth, hasMonthWord}, "iso": {reISO, hasDateSep},
		"dmy": {reDMY, hasTwoDots}, "quarter": {reQuarter, hasYearWord}, "half": {reHalf, hasYearWord},
		"span": {reMonthSpan, hasYearWord}, "end": {reMonthEnd, hasYearWord}, "yearend": {reYearEnd, hasYearWord}, "year": {reYear, hasYearWord},
	}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 400; n++ {
		var b strings.Builder
		for k := rng.Intn(400); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		segs := dateRunes.segments(s)
		for name, p := range res {
			want := p.re.FindAllStringSubmatchIndex(s, -1)
			got := findAllIn(p.re, s, segs, p.need)
			if len(want) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q:\n got %v\nwant %v", name, s, got, want)
			}
		}
	}
}

// TestFindDatesLongText: a long text gives the dates its pieces give.
func TestFindDatesLongText(t *testing.T) {
	unit := "截至2025年4月底，全省共组建质控中心；会议于2024年3月7日至9日召开，二〇二三年上半年。"
	short := FindDates(unit, 2025)
	long := FindDates(strings.Repeat(unit, 200), 2025)
	if len(short) == 0 || len(long) != 200*len(short) {
		t.Fatalf("%d mentions in the long text, want 200 × %d", len(long), len(short))
	}
	n := len([]rune(unit))
	for i, m := range long {
		s := short[i%len(short)]
		s.Start += n * (i / len(short))
		s.End += n * (i / len(short))
		if !reflect.DeepEqual(m, s) {
			t.Fatalf("mention %d: %+v, want %+v", i, m, s)
		}
	}
}
