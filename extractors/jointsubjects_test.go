package extractors_test

import (
	"strings"
	"testing"
)

// Centers named together as the subject of an event (甲中心、乙中心组成联合
// 督查组…) each act; a center 联合 another keeps the event its own.
func TestJointSubjects(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // the activities' centers
	}{
		{"two centers as one subject",
			"2024年5月6日至7日,德阳市超声医学质量控制中心、德阳市病理质量控制中心组成联合检查组,到中江县开展质控检查。\n",
			[]string{"德阳市超声医学质量控制中心", "德阳市病理质量控制中心"}},
		{"a center with its director's title after it is no co-subject",
			"2024年5月6日,德阳市超声医学质量控制中心、德阳市病理质量控制中心主任参加省质控会议后到中江县开展检查。\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range extractText(t, tt.text).Activities {
				got = append(got, a.Center)
			}
			if tt.want != nil && strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("activities of %q, want %q", got, tt.want)
			}
			if tt.want == nil && len(got) > 1 {
				t.Errorf("activities of %q, want at most one", got)
			}
		})
	}
}
