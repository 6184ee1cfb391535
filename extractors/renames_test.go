package extractors_test

import (
	"strings"
	"testing"
)

// Centers of a notice that adjusts a province's list: a name given up for
// another (更名为) is one center known by the new name; 自治区… stands for
// the document's autonomous region as 省… does for a province; a change of
// host (由Y调整为X) gives the new host.
func TestRenamesAndAdjustments(t *testing.T) {
	tests := []struct {
		name, text string
		want       string   // the only center's name
		aliases    []string // aliases it must have
		level      string
		hosts      []string // when checked
	}{
		{"a renamed center is one center",
			"浙江省卫生健康委员会通知\n浙江省院前急救质量控制中心更名为浙江省急救医学质量控制中心。\n",
			"浙江省急救医学质量控制中心", []string{"浙江省院前急救质量控制中心"}, "省级", nil},
		{"renamed to a name of the same specialty",
			"四川省卫生健康委员会通知\n四川省放射诊断质量控制中心名称调整为“四川省医学影像质量控制中心”。\n",
			"四川省医学影像质量控制中心", []string{"四川省放射诊断质量控制中心"}, "省级", nil},
		{"自治区… is the autonomous region's center",
			"新疆维吾尔自治区卫生健康委员会召开会议\n会上,自治区超声医学质量控制中心主任作工作报告。\n",
			"自治区超声医学质量控制中心", nil, "省级", nil},
		{"a change of host gives the new host",
			"江西省卫生健康委员会通知\n江西省疼痛质量控制中心挂靠单位由江西省赣江医院调整为江西省庐山康复医院。\n",
			"江西省疼痛质量控制中心", nil, "省级", []string{"江西省庐山康复医院"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := extractText(t, tt.text).Centers
			if len(cs) != 1 || cs[0].Name != tt.want {
				t.Fatalf("centers %q, want only %s", centerNames(cs), tt.want)
			}
			for _, a := range tt.aliases {
				if findCenter(cs, a) == nil {
					t.Errorf("aliases %q, want %s", cs[0].Aliases, a)
				}
			}
			if str(cs[0].Level) != tt.level {
				t.Errorf("level %s, want %s", str(cs[0].Level), tt.level)
			}
			if tt.hosts != nil && strings.Join(cs[0].Institutions, "|") != strings.Join(tt.hosts, "|") {
				t.Errorf("hosts %q, want %q", cs[0].Institutions, tt.hosts)
			}
		})
	}
}
