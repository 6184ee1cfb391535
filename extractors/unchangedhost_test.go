package extractors_test

import (
	"strings"
	"testing"
)

// A renamed center whose host stays says so with the host in brackets
// (挂靠单位不变（X）) or with 仍为: X is its host.
func TestHostUnchangedInBrackets(t *testing.T) {
	tests := []struct{ name, text, center, host string }{
		{"不变 with the host in brackets",
			"四川省卫生健康委员会通知\n四川省临床营养质量控制中心更名为四川省营养与代谢质量控制中心，挂靠单位不变（四川省锦城医院）。\n",
			"四川省营养与代谢质量控制中心", "四川省锦城医院"},
		{"仍为",
			"四川省卫生健康委员会通知\n四川省疼痛质量控制中心更名为四川省疼痛诊疗质量控制中心，依托单位仍为四川省蜀都医院。\n",
			"四川省疼痛诊疗质量控制中心", "四川省蜀都医院"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := findCenter(extractText(t, tt.text).Centers, tt.center)
			if c == nil {
				t.Fatalf("no center %s", tt.center)
			}
			if got := strings.Join(c.Institutions, "|"); got != tt.host {
				t.Errorf("hosts %q, want %q", got, tt.host)
			}
		})
	}
}
