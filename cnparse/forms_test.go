package cnparse

import (
	"regexp"
	"testing"
)

// Dates and numbers in the less common forms official prose uses.
func TestWrittenForms(t *testing.T) {
	tests := []struct {
		name, in string
		ctx      Context
		from, to string // "" when no day date may be found
	}{
		{"a year whose zeros are typed as the letter O", "二OO八年九月三日", Context{}, "2008-09-03", "2008-09-03"},
		{"lower-case o for zero", "二oo七年十月一日", Context{}, "2007-10-01", "2007-10-01"},
		{"a year mixing Chinese digits and an ASCII zero", "二0一六年五月四日", Context{}, "2016-05-04", "2016-05-04"},
		{"廿 is twenty", "二〇二三年一月廿六日", Context{}, "2023-01-26", "2023-01-26"},
		{"卅 is thirty", "二〇二一年四月卅日", Context{}, "2021-04-30", "2021-04-30"},
		{"廿 alone is the twentieth", "十一月廿日", Context{Year: 2019}, "2019-11-20", "2019-11-20"},
		{"this month's day in a monthly bulletin", "本月9日召开例会", Context{Year: 2024, Month: 7}, "2024-07-09", "2024-07-09"},
		{"a range within this month", "本月3日至5日开展督查", Context{Year: 2022, Month: 11}, "2022-11-03", "2022-11-05"},
		{"last month, across the year's turn", "上月28日", Context{Year: 2023, Month: 1}, "2022-12-28", "2022-12-28"},
		{"this month is unknown without the bulletin's month", "本月9日召开例会", Context{Year: 2024}, "", ""},
		{"no day of a month that has none", "本月31日", Context{Year: 2024, Month: 6}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var day *Mention
			for _, m := range FindDatesIn(tt.in, tt.ctx) {
				if m.Precision == Day {
					day = &m
					break
				}
			}
			if tt.from == "" {
				if day != nil {
					t.Fatalf("found %s..%s, want none", day.From, day.To)
				}
				return
			}
			if day == nil {
				t.Fatalf("no day date in %q", tt.in)
			}
			if day.From.String() != tt.from || day.To.String() != tt.to {
				t.Errorf("%s..%s, want %s..%s", day.From, day.To, tt.from, tt.to)
			}
		})
	}
}

func TestWrittenFormsParseDate(t *testing.T) {
	if d, ok := ParseDate("二OO九年六月十五日"); !ok || d.String() != "2009-06-15" {
		t.Errorf("ParseDate = %v %v, want 2009-06-15", d, ok)
	}
	// a date with words around it is not a date expression
	for _, in := range []string{"某某委员会2023年8月9日", "2023年8月9日召开", "于2023年8月9日"} {
		if d, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %v, want none", in, d)
		}
	}
	if d, ok := ParseDate(" 2023年8月9日 "); !ok || d.String() != "2023-08-09" {
		t.Errorf("ParseDate with spaces = %v %v", d, ok)
	}
	// a word of Latin letters is no year
	if ms := FindDates("HOOO年", 0); len(ms) != 0 {
		t.Errorf("FindDates(HOOO年) = %v", ms)
	}
}

// 大写 numerals (壹佰) and 廿/卅 are numbers too; Numerals lets a pattern
// find them.
func TestNumerals(t *testing.T) {
	for in, want := range map[string]int{"壹佰": 100, "贰拾伍": 25, "叁仟零陆": 3006, "廿": 20, "廿三": 23, "卅": 30, "二oo五": 2005} {
		if got, ok := Number(in); !ok || got != want {
			t.Errorf("Number(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	re := regexp.MustCompile(`([0-9` + Numerals + `]+)余人`)
	m := re.FindStringSubmatch("共有壹佰余人参加培训")
	if m == nil || m[1] != "壹佰" {
		t.Fatalf("Numerals: %q", m)
	}
}
