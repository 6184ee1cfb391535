package cnparse

import (
	"testing"
	"unicode/utf8"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"63", 63, true},
		{"1,128", 1128, true},
		{"一千一百二十八", 1128, true},
		{"十五", 15, true},
		{"二十", 20, true},
		{"两百", 200, true},
		{"百", 100, true},
		{"二〇二五", 2025, true},
		{"三万五千", 35000, true},
		{"", 0, false},
		{"十堰", 0, false},
		{"abc", 0, false},
	}
	for _, tt := range tests {
		got, ok := Number(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Number(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestQualifierOf(t *testing.T) {
	tests := []struct{ before, after, want string }{
		{"", "余人", More},
		{"共计", "余人", More},
		{"近", "名", About},
		{"超", "次", More},
		{"约", "个", About},
		{"", "人左右", Exact},
		{"", "名", Exact},
	}
	for _, tt := range tests {
		if got := QualifierOf(tt.before, tt.after); got != tt.want {
			t.Errorf("QualifierOf(%q, %q) = %s, want %s", tt.before, tt.after, got, tt.want)
		}
	}
}

// In the inputs, § marks where the first mention must start and ¶ where it
// ends; they are removed before parsing.
func TestFindDates(t *testing.T) {
	tests := []struct {
		in        string
		year      int
		from, to  string
		precision string
		hasYear   bool
	}{
		{"§2025年1月9日至10日¶，湖北省肾病质控中心", 0, "2025-01-09", "2025-01-10", Day, true},
		{"§3月7至9日¶，湖北省整形美容质控中心", 2025, "2025-03-07", "2025-03-09", Day, false},
		{"§1月17日¶，十堰市内分泌质控中心正式成立", 2025, "2025-01-17", "2025-01-17", Day, false},
		{"截至§2025年4月底¶，全省共组建", 0, "2025-04-30", "2025-04-30", MonthEnd, true},
		{"§二〇二五年五月十日¶", 0, "2025-05-10", "2025-05-10", Day, true},
		{"（§2025年第1季度¶·省级质控中心篇）", 0, "2025-01-01", "2025-03-31", Quarter, true},
		{"§2025 年 2 月 22 日至 23 日¶，湖北省", 0, "2025-02-22", "2025-02-23", Day, true},
		{"§2024年上半年¶全省", 0, "2024-01-01", "2024-06-30", Half, true},
		{"§2023年下半年¶全省", 0, "2023-07-01", "2023-12-31", Half, true},
		{"§2023年第三季度¶", 0, "2023-07-01", "2023-09-30", Quarter, true},
		{"§2023年6月¶", 0, "2023-06-01", "2023-06-30", Month, true},
		{"§2023年度¶工作", 0, "2023-01-01", "2023-12-31", Year, true},
		{"§2024年2月28日至3月2日¶", 0, "2024-02-28", "2024-03-02", Day, true},
		{"§2024-03-21¶召开", 0, "2024-03-21", "2024-03-21", Day, true},
		{"§2024年1-6月¶全省质控工作", 0, "2024-01-01", "2024-06-30", Month, true},
		{"§2024年4月至6月¶", 0, "2024-04-01", "2024-06-30", Month, true},
		{"§17.03.2021¶  09:12", 0, "2021-03-17", "2021-03-17", Day, true},
		{"于§5月6日~8日¶在", 2020, "2020-05-06", "2020-05-08", Day, false},
		{"§9月3—4日¶举办", 2021, "2021-09-03", "2021-09-04", Day, false},
		{"§7月2-3日¶，专家组", 2022, "2022-07-02", "2022-07-03", Day, false},
		{"§4月1日-30日¶期间", 2023, "2023-04-01", "2023-04-30", Day, false},
	}
	for _, tt := range tests {
		start := utf8.RuneCountInString(tt.in[:indexOf(tt.in, "§")])
		clean := remove(remove(tt.in, "§"), "¶")
		end := utf8.RuneCountInString(remove(tt.in, "§")[:indexOf(remove(tt.in, "§"), "¶")])
		ms := FindDates(clean, tt.year)
		if len(ms) == 0 {
			t.Errorf("FindDates(%q): no date", clean)
			continue
		}
		m := ms[0]
		if m.From.String() != tt.from || m.To.String() != tt.to || m.Precision != tt.precision || m.HasYear != tt.hasYear {
			t.Errorf("FindDates(%q) = %s..%s %s year=%v; want %s..%s %s year=%v", clean, m.From, m.To, m.Precision, m.HasYear, tt.from, tt.to, tt.precision, tt.hasYear)
		}
		if m.Start != start || m.End != end {
			t.Errorf("FindDates(%q) span [%d,%d), want [%d,%d)", clean, m.Start, m.End, start, end)
		}
	}
}

func TestFindDatesRejects(t *testing.T) {
	for _, s := range []string{"2月30日", "2025年13月1日", "第3页", "3月7日", "服务五个乡镇近十万群众",
		"2027115日召开", "于121日至3日开展", "版本12.3.20191", "31.13.2020"} {
		year := 0
		if s == "3月7日" {
			year = 0 // no context year: a day without year is skipped
		}
		for _, m := range FindDates(s, year) {
			if m.Precision == Day {
				t.Errorf("FindDates(%q) found day date %v", s, m)
			}
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func remove(s, sub string) string {
	if i := indexOf(s, sub); i >= 0 {
		return s[:i] + s[i+len(sub):]
	}
	return s
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"63", "一千一百二十八", "二〇二五", "两百", "1,128", "万万万"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := Number(s)
		if ok && n < 0 {
			t.Fatalf("Number(%q) = %d", s, n)
		}
	})
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{"2025年1月9日至10日", "3月7至9日", "截至2025年4月底", "二〇二五年五月十日", "2025年第1季度", "2024-03-21"} {
		f.Add(s, 2025)
	}
	f.Fuzz(func(t *testing.T, s string, year int) {
		n := utf8.RuneCountInString(s)
		for _, m := range FindDates(s, year) {
			if m.Start < 0 || m.End > n || m.Start >= m.End {
				t.Fatalf("FindDates(%q): span [%d,%d) outside %d runes", s, m.Start, m.End, n)
			}
			if m.To.Before(m.From) {
				t.Fatalf("FindDates(%q): %v before %v", s, m.To, m.From)
			}
		}
	})
}
