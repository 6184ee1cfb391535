package extractors_test

import "testing"

// A city's (or county's) center that opens its sentence right after the
// date and holds the event (X中心在某地举办…) is the event's actor, even
// when the next sentence names the provincial center of the same specialty
// through its director, who lectures.
func TestDatedSubjectCenterActs(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"city center holds a course, provincial director lectures",
			"9月3日至4日，柳州市康复医学质量控制中心在柳州市鱼峰医院举办康复评定培训班。广西壮族自治区康复医学质量控制中心主任韦一鸣作专题授课，120余人参加。\n",
			"柳州市康复医学质量控制中心"},
		{"county center holds a meeting at noon, provincial deputy speaks",
			"5月12日下午，长丰县护理质量控制中心于长丰县岗集医院召开年度工作会议。安徽省护理质量控制中心副主任陶宛清到会指导。\n",
			"长丰县护理质量控制中心"},
		{"provincial center's deputy leads the team: the provincial center acts",
			"6月8日，湖南省超声医学质量控制中心副主任罗青带领专家组到衡阳市开展督导。衡阳市超声医学质量控制中心主任陪同。\n",
			"湖南省超声医学质量控制中心"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extractText(t, "某某医院新闻\n发布时间：2024-09-26\n"+tt.text)
			if len(ex.Activities) == 0 {
				t.Fatal("no activity")
			}
			if got := ex.Activities[0].Center; got != tt.want {
				t.Errorf("actor %s, want %s", got, tt.want)
			}
		})
	}
}
