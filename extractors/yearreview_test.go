package extractors_test

import "testing"

// A center's review of last year, published early in the next: dates
// without a year are of the year reviewed, and 中心 alone — also where a
// later sentence names an invited provincial center — is the center the
// title names.
func TestYearReviewDatesAndCenter(t *testing.T) {
	text := "吉安市检验质控中心2023年度工作总结\n" +
		"发布时间：2024-01-09\n" +
		"2023年，吉安市检验质量控制中心按照年度计划推进各项工作。现总结如下：\n" +
		"一、完善组织。4月，中心调整了专家委员会。\n" +
		"二、现场检查。5月9日至10日，中心主任苏某某带领专家组赴永丰县开展检验质量现场检查。\n" +
		"三、业务培训。10月16日，中心在青原区举办全市检验质量管理培训班，邀请江西省临床检验质量控制中心专家授课，60余人参加。\n" +
		"吉安市检验质量控制中心\n2024年1月8日\n"
	ex := extractText(t, text)
	want := map[string]bool{"2023-05-09": false, "2023-10-16": false}
	for _, a := range ex.Activities {
		if _, ok := want[str(a.Start)]; ok && a.Center == "吉安市检验质量控制中心" {
			want[str(a.Start)] = true
			continue
		}
		t.Errorf("activity %s %s", a.Center, str(a.Start))
	}
	for d, ok := range want {
		if !ok {
			t.Errorf("no activity of the city center on %s", d)
		}
	}
}
