package extractors_test

import (
	"testing"
)

// A block of related links (相关新闻, 相关链接, 推荐阅读) or of visitors'
// comments (网友评论) after a story lists other pages' headlines with their
// publication dates: no activity, center or count of this page comes from
// it. The story's own facts stay.
func TestRelatedLinksAndComments(t *testing.T) {
	story := "西宁市药事管理质控中心举办处方点评培训\n发布时间：2024-04-18　来源：药学部\n4月16日，西宁市药事管理质量控制中心在市第九医院举办处方点评培训，60余人参加。\n"
	tests := []struct {
		name string
		tail string
	}{
		{"related news with dates in brackets", "相关新闻\n· 西宁市护理质控中心开展夜间护理督查（2024-03-02）\n· 我院召开年度总结大会\n"},
		{"related links with dates after a space", "相关链接：\n· 市超声质控中心举办技能竞赛　2024-02-11\n· 市病理质控中心召开年会　2024-01-09\n"},
		{"comments with times", "网友评论（2）\n访客 2024-04-19 10:02：市麻醉质控中心也该办一期\n访客 2024-04-20 08:15：很有收获\n我要评论\n"},
		{"recommended reading then a footer", "推荐阅读\n市院感质控中心开展手卫生督查 2024-03-28\n版权所有：某某医院\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extractText(t, story+tt.tail)
			if len(ex.Activities) != 1 {
				for _, a := range ex.Activities {
					t.Logf("activity %s %s %q", a.Center, str(a.Start), a.Quote)
				}
				t.Fatalf("%d activities, want the story's one", len(ex.Activities))
			}
			if str(ex.Activities[0].Start) != "2024-04-16" {
				t.Errorf("activity starts %s, want 2024-04-16", str(ex.Activities[0].Start))
			}
			if len(ex.Centers) != 1 {
				for _, c := range ex.Centers {
					t.Logf("center %s %q", c.Name, c.Quote)
				}
				t.Errorf("%d centers, want the story's one", len(ex.Centers))
			}
		})
	}
}
