package extractors_test

import "testing"

// People named without a title in a team's list of members, and names of
// a compound surname (four characters) beside a title.
func TestPeopleListsAndCompoundSurnames(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // people of the one activity
	}{
		{"members listed after 成员包括",
			"2024年6月3日,衡阳市超声医学质量控制中心专家组赴祁东县开展督导,专家组由中心主任唐某带队,成员包括罗文斌、贺晓燕。\n",
			[]string{"唐某", "罗文斌", "贺晓燕"}},
		{"a compound surname before and after a title",
			"2024年6月3日,衡阳市超声医学质量控制中心在衡阳召开年度工作会议,中心主任司马文清、副主任欧阳明辉作报告。\n",
			[]string{"司马文清", "欧阳明辉"}},
		{"a list of what is no name gives no people",
			"2024年6月3日,衡阳市超声医学质量控制中心在衡阳召开年度工作会议,成员包括超声科、放射科。\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts := extractText(t, tt.text).Activities
			if len(acts) != 1 {
				t.Fatalf("%d activities, want 1", len(acts))
			}
			for _, w := range tt.want {
				found := false
				for _, p := range acts[0].People {
					found = found || p == w
				}
				if !found {
					t.Errorf("people %q, want %s among them", acts[0].People, w)
				}
			}
			if tt.want == nil && len(acts[0].People) > 0 {
				t.Errorf("people %q, want none", acts[0].People)
			}
		})
	}
}
