package extractors_test

import "testing"

// A city's notice lists its 市级 centers in a table by specialty alone
// (专业 | 依托单位 | 主任): each row is a center of the city, at 市级.
func TestCitySpecialtyTableTakesTheCity(t *testing.T) {
	text := "九江市卫生健康委员会关于公布市级医疗质量控制中心的通知\n" +
		"各县（市、区）卫生健康委：\n" +
		"经研究，决定设立以下市级医疗质量控制中心：\n" +
		"序号    专业    依托单位    主任\n" +
		"1    病理    九江市甲号医院    赵某\n" +
		"2    护理    九江市乙号医院    钱某\n" +
		"九江市卫生健康委员会\n2025年2月3日\n"
	ex := extractText(t, text)
	got := 0
	for _, c := range ex.Centers {
		if c.Source != "table" {
			continue
		}
		got++
		if str(c.Region) != "九江市" || str(c.Level) != "市级" || len(c.Institutions) != 1 {
			t.Errorf("%s: region %s level %s hosts %q, want 九江市 市级 and its host", c.Name, str(c.Region), str(c.Level), c.Institutions)
		}
	}
	if got != 2 {
		t.Errorf("%d table centers, want 2: %q", got, centerNames(ex.Centers))
	}
}
