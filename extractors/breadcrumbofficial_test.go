package extractors_test

import "testing"

// A 公文 posted as a page under a site's path: neither its 文号 line nor
// its catalogue line (索引号：… 发布机构：…) is the headline, whichever comes
// last above the recipients; the title is the 关于… line.
func TestPostedNoticeHeadlineSkipsNumberAndCatalogue(t *testing.T) {
	cases := []string{
		"首页 > 信息公开 > 通知公告\n" +
			"某某市卫生健康委员会关于调整市级质控中心的通知\n" +
			"某卫函〔2024〕7号\n" +
			"各县（市、区）卫生健康局：\n" +
			"现将有关事项通知如下。\n" +
			"某某市卫生健康委员会\n2024年3月2日\n",
		"当前位置：首页 > 通知公告\n" +
			"索引号：000000/2024-0001    发布机构：某某市卫生健康委员会    发布日期：2024-03-05\n" +
			"某某市卫生健康委员会关于调整市级质控中心的通知\n" +
			"某卫函〔2024〕7号\n" +
			"各县（市、区）卫生健康局：\n" +
			"现将有关事项通知如下。\n" +
			"某某市卫生健康委员会\n2024年3月2日\n",
	}
	for i, text := range cases {
		ex := extractText(t, text)
		m := ex.Document
		if m.Title != "某某市卫生健康委员会关于调整市级质控中心的通知" || str(m.DocNumber) != "某卫函〔2024〕7号" || str(m.Kind) != "通知" {
			t.Errorf("case %d: title %q number %q kind %q", i, m.Title, str(m.DocNumber), str(m.Kind))
		}
	}
}
