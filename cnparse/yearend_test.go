package cnparse

import "testing"

// A year's end (年底, 年末) is the last day of that year, as 4月底 is the
// last day of April; and a numeric date may be typed with full-width
// separators (２０２３－０５－０６ once the digits are folded).
func TestFindDatesYearEndAndWideSeparators(t *testing.T) {
	tests := []struct {
		in, from, to, precision string
	}{
		{"截至2023年底，全区共设立", "2023-12-31", "2023-12-31", MonthEnd},
		{"到二〇二二年末累计建成", "2022-12-31", "2022-12-31", MonthEnd},
		{"2026年 底前完成", "2026-12-31", "2026-12-31", MonthEnd},
		{"发布日期：2023－05－06　浏览", "2023-05-06", "2023-05-06", Day},
		{"更新于2021．11．02", "2021-11-02", "2021-11-02", Day},
		{"2020／7／9 10:31", "2020-07-09", "2020-07-09", Day},
		{"2023年度工作", "2023-01-01", "2023-12-31", Year},
	}
	for _, tt := range tests {
		ms := FindDates(tt.in, 0)
		if len(ms) == 0 {
			t.Errorf("FindDates(%q): no date", tt.in)
			continue
		}
		m := ms[0]
		if m.From.String() != tt.from || m.To.String() != tt.to || m.Precision != tt.precision {
			t.Errorf("FindDates(%q) = %s..%s %s; want %s..%s %s", tt.in, m.From, m.To, m.Precision, tt.from, tt.to, tt.precision)
		}
	}
}
