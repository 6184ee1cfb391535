package extractors_test

import "testing"

// An issue number that a page set on the title's line (…会议纪要（第3期）)
// is no part of the title; the masthead above the title stays out of it
// (the issuer's line), as a 文件 masthead does.
func TestTitleWithoutIssueNumber(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"minutes under the center's name",
			"宿州市护理质量控制中心\n2024年第三次工作会议纪要\n（第3期）\n宿州市护理质量控制中心办公室　　二〇二四年十月九日\n会议听取了第三季度质控检查情况汇报。\n",
			"2024年第三次工作会议纪要"},
		{"a 文件 masthead stays out",
			"宿州市卫生健康委员会文件\n宿卫医〔2024〕31号\n2024年度医疗质量控制工作要点的通知\n各县区卫生健康委：\n现将要点印发给你们。\n宿州市卫生健康委员会\n2024年3月1日\n",
			"2024年度医疗质量控制工作要点的通知"},
		{"a title with its own subject stays as it is",
			"宿州市护理质量控制中心\n宿州市护理质量控制中心第三次工作会议纪要\n（第3期）\n宿州市护理质量控制中心办公室　　二〇二四年十月九日\n会议听取了第三季度质控检查情况汇报。\n",
			"宿州市护理质量控制中心第三次工作会议纪要"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := extractText(t, tt.text).Document.Title; got != tt.want {
				t.Errorf("title %q, want %q", got, tt.want)
			}
		})
	}
}
