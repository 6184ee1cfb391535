package extractors_test

import (
	"context"
	"testing"

	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/record"
)

// extractText lays out text as a .txt file and extracts it.
func extractText(t *testing.T, text string) *record.Extraction {
	t.Helper()
	doc, err := (&formats.Loader{}).Load(context.Background(), "case.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extractors.Extract(context.Background(), doc, loadTools(t))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// Each case is a page shape a writer uses; the metadata comes from the
// shape, never from the page's furniture.
func TestDocumentShapes(t *testing.T) {
	tests := []struct {
		name, text                string
		title, kind, date, issuer string
	}{
		{"breadcrumb, section name and byline around the headline",
			"科室新闻\n\n当前位置: 首页 > 新闻中心 > 科室新闻 > 省药事质控中心赴基层调研\n\n省药事质控中心赴基层调研\n\n发布时间:2022-06-09    来源:    浏览量:\n\n6月7日，省药事质控中心专家到县医院调研。\n",
			"省药事质控中心赴基层调研", "新闻", "2022-06-09", "<nil>"},
		{"headline with the byline on the next line and no blank line",
			"市超声质控中心举办培训班\n发布日期:2023-02-14 10:20 | 来源:市卫健委 | 点击数:17\n2月10日，市超声质控中心举办全市超声质控培训班。\n",
			"市超声质控中心举办培训班", "新闻", "2023-02-14", "<nil>"},
		{"date and time alone under the headline",
			"县病理质控中心召开年会\n\n2019-12-02 08:30:00\n\n11月29日，县病理质控中心召开年会。\n",
			"县病理质控中心召开年会", "新闻", "2019-12-02", "<nil>"},
		{"day.month.year dateline",
			"区口腔质控中心成立\n\n17.03.2021  09:12\n\n3月16日，区口腔质控中心成立。\n",
			"区口腔质控中心成立", "新闻", "2021-03-17", "<nil>"},
		{"a contact line after the headline is no part of it",
			"省输血质控中心召开工作会议\n\n\n联系人:王先生 | 电话:0371-1234567\n\n5月8日，省输血质控中心召开工作会议。\n",
			"省输血质控中心召开工作会议", "新闻", "<nil>", "<nil>"},
		{"a story without headline or date",
			"（通讯员 某某）为提高质控水平，8月3日，市检验质控中心召开会议，各医院代表参加。\n",
			"", "新闻", "<nil>", "<nil>"},
		{"a letter whose number carries 函, signed at the end",
			"某卫健函〔2024〕8号\n各市卫生健康委：\n经研究，同意设立省级康复质控中心。\n某某省卫生健康委员会\n2024年3月5日\n",
			"", "函", "2024-03-05", "某某省卫生健康委员会"},
		{"a notice posted as a web page, byline with full-width colons, signed at the end",
			"当前位置：首页 > 通知公告\n关于公布第三批市级质控中心名单的通知\n发布时间：2024-06-20 10:30   来源：市卫健委\n各县（市、区）卫生健康局：\n经研究，确定以下单位为市级质控中心挂靠单位。\n某某市卫生健康委员会\n2024年6月18日\n",
			"关于公布第三批市级质控中心名单的通知", "通知", "2024-06-18", "某某市卫生健康委员会"},
		{"a 通报 whose title does not open with 关于",
			"某某省卫生健康委员会\n2025年第一季度全省质控工作情况通报\n各市卫生健康委：\n现将有关情况通报如下。\n某某省卫生健康委员会\n2025年4月10日\n",
			"2025年第一季度全省质控工作情况通报", "通报", "2025-04-10", "某某省卫生健康委员会"},
		{"a byline above the headline",
			"发布日期：2023-08-01\n县护理质控中心开展专项督查\n7月28日，县护理质控中心对全县医院开展护理质量专项督查。\n",
			"县护理质控中心开展专项督查", "新闻", "2023-08-01", "<nil>"},
		{"a report that opens with its contents",
			"目录\n第一章 概述\n第二章 质控组织建设\n一、结构评价\n",
			"", "<nil>", "<nil>", "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := extractText(t, tt.text).Document
			if m.Title != tt.title || str(m.Kind) != tt.kind || str(m.Date) != tt.date || str(m.Issuer) != tt.issuer {
				t.Errorf("title %q kind %s date %s issuer %s; want %q %s %s %s",
					m.Title, str(m.Kind), str(m.Date), str(m.Issuer), tt.title, tt.kind, tt.date, tt.issuer)
			}
		})
	}
}

// Page furniture never becomes a fact: a byline date is no activity, a
// breadcrumb no center, a footer no count.
func TestFurnitureYieldsNoFacts(t *testing.T) {
	ex := extractText(t, "当前位置: 首页 > 工作动态 > 省护理质控中心\n\n省护理质控中心开展督查\n\n时间:2020-10-09 浏览量:12 来源:省护理质控中心\n\n近日，专家组对各医院开展护理质量督查。\n\n版权所有 © 2002-2024 某某医院  电话:0818-1234567  ICP备12345678号\n")
	if len(ex.Activities) != 0 {
		t.Errorf("activities from furniture: %+v", ex.Activities)
	}
	for _, c := range ex.Counts {
		t.Errorf("count from furniture: %+v", c)
	}
}
