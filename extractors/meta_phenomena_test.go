package extractors_test

import (
	"context"
	"path/filepath"
	"testing"

	"qcweave/document"
	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/record"
)

// The ways documents state their own metadata, and the text around it that
// only looks like metadata. Names are invented; each case is one
// phenomenon.
func TestMetaPhenomena(t *testing.T) {
	tests := []struct {
		name, text                           string
		title, kind, date, issuer, docNumber string
	}{
		{"a source line between headline and byline is no title; a 公示 posted as a page is signed",
			"当前位置：首页 > 公示公告\n关于设立某某市护理质量控制中心的公示\n来源：某某市卫生健康委员会办公室\n发布时间：2023-05-08\n经研究，拟设立某某市护理质量控制中心，挂靠某某市人民医院。\n以上结果即日起公示，如有异议请与我委联系。\n某某市卫生健康委员会\n2023年5月6日\n",
			"关于设立某某市护理质量控制中心的公示", "公示", "2023-05-06", "某某市卫生健康委员会", "<nil>"},
		{"a forwarding notice with its 主送 line run into the body and a date with the letter O for zero",
			"各县区卫生局，省直有关单位： 现将《某某质控工作规范》转发给你们，请结合实际遵照执行。 联系人：张某 电话：0000-1234567 二OO八年三月五日\n",
			"", "通知", "2008-03-05", "<nil>", "<nil>"},
		{"a list published for objections, untitled, signed under a contact line the layout ran into the issuer",
			"根据上级要求，我委组织了审核，现将审核结果公布如下。\n序号 | 单位 | 结果 |\n1 | 某某县人民医院 | 合格 |\n2 | 某某县中医医院 | 合格 |\n如有异议，可向我委医政科反映。\n联系人及联系电话:李某0000-7654321某某州卫生健康委\n2021年9月2日\n",
			"", "公示", "2021-09-02", "某某州卫生健康委", "<nil>"},
		{"a document number cited in brackets is not the document's own; 通知如下 makes a notice",
			"各区卫生健康委：\n根据《关于调整部分质控中心的通知》（某卫医〔2020〕12号），现就有关事项通知如下：\n一、某某医院承担某某质控中心的工作。\n",
			"", "通知", "<nil>", "<nil>", "<nil>"},
		{"a notice posted as a page: the issuer before 关于, the number on a line of its own",
			"当前位置：首页 > 通知公告\n某某省卫生健康委办公室关于开展质控督查的通知\n发布时间：2024-03-01\n某卫办医函〔2024〕7号\n各市卫生健康委：\n为加强质控工作，现通知如下。\n一、督查时间为3月。\n附件：1.督查方案\n",
			"某某省卫生健康委办公室关于开展质控督查的通知", "通知", "2024-03-01", "某某省卫生健康委办公室", "某卫办医函〔2024〕7号"},
		{"headline, section tag and byline run into the first paragraph",
			"【院内新闻】市病理质控中心召开年度工作会议——总结经验再出发作者:宣传科 发布时间:2023-12-20 10:11 12月18日，市病理质控中心召开年度工作会议，各医院病理科主任参会。\n",
			"市病理质控中心召开年度工作会议——总结经验再出发", "新闻", "2023-12-20", "<nil>", "<nil>"},
		{"a section tag in square brackets",
			"[工作动态]市检验质控中心举办室间质评培训班发布日期:2020-10-21 10月20日，市检验质控中心举办室间质评培训班，80余人参加。\n",
			"市检验质控中心举办室间质评培训班", "新闻", "2020-10-21", "<nil>", "<nil>"},
		{"a site's name above a headline the page ran into its story",
			"某某县人民医院\n县超声质控中心开展基层巡查发布时间:2022-09-14 09:30 来源:医务科 9月13日，县超声质控中心专家组到各乡镇卫生院开展巡查，共查看病例30份。\n",
			"县超声质控中心开展基层巡查", "新闻", "2022-09-14", "<nil>", "<nil>"},
		{"a section's name above the byline, the headline below it over the story",
			"护理园地\n发布时间：2021-07-06\n市护理质控中心开展夏季专项督查\n7月5日，市护理质控中心组织专家对全市医院开展夏季专项督查，发现问题12项。\n",
			"市护理质控中心开展夏季专项督查", "新闻", "2021-07-06", "<nil>", "<nil>"},
		{"a writer's credit between headline and story is no headline",
			"区口腔质控中心召开培训会\n（通讯员 某某）\n3月2日，区口腔质控中心召开全区口腔质控培训会，各医疗机构负责人参加。\n",
			"区口腔质控中心召开培训会", "新闻", "<nil>", "<nil>", "<nil>"},
		{"a story signed by its writer and dated at the end",
			"12月1日，某某市院感质控中心召开季度例会，各成员单位参加。会议通报了督查情况。\n某某医院王某\n2019年12月03日\n",
			"", "新闻", "2019-12-03", "<nil>", "<nil>"},
		{"a title ending with 公示 is a notice without 关于",
			"当前位置：首页 > 通知公告\n2024年度市级临床质控中心拟设名单公示\n发布时间：2024-11-02\n经评审，拟设以下质控中心。\n公示期为5个工作日。\n",
			"2024年度市级临床质控中心拟设名单公示", "公示", "2024-11-02", "<nil>", "<nil>"},
		{"issuer and date on one line, with the copies sent under them",
			"关于调整部分质控中心挂靠单位的通知\n各市卫生健康委：\n经研究，决定调整部分质控中心的挂靠单位。\n特此通知。\n某某省卫生健康委员会 2023年8月9日\n抄送：国家卫生健康委医政司，各有关医院。\n",
			"关于调整部分质控中心挂靠单位的通知", "通知", "2023-08-09", "某某省卫生健康委员会", "<nil>"},
		{"a bulletin without a signature does not take the date of one of its events",
			"某某省质控中心工作简报\n第5期\n一、3月12日，省质控中心召开专家会议，部署全年工作。\n2025年3月12日\n二、3月20日，专家组赴某市督查，共检查医院8家，发现问题若干。\n",
			"某某省质控中心工作简报", "简报", "<nil>", "<nil>", "<nil>"},
		{"a 简报's header line names the office that compiled it (…科编) and the date",
			"某某市质控工作简报\n2023年第4期\n某某市卫生健康委员会医政科编 2023年6月28日\n【工作动态】\n本月9日，某某市护理质量控制中心召开季度例会，各成员单位护理部主任参加，会议通报了上季度专项督查中发现的问题。\n6月20日，某某市病理质量控制中心组织专家赴各县开展病理切片质量抽查，共抽查切片三百余张。\n",
			"某某市质控工作简报", "简报", "2023-06-28", "某某市卫生健康委员会医政科", "<nil>"},
		{"a bulletin's masthead that ends like a column's name (…工作动态) over its issue number is its title",
			"汉中市质控工作动态\n第2期\n汉中市卫生健康委员会医政科 2022年5月6日\n一、工作动态\n4月27日，汉中市病理质量控制中心组织专家赴各县区开展病理切片质量抽查，共抽查切片三百余张。\n4月29日，汉中市护理质量控制中心召开季度例会，各成员单位护理部主任参加，会议通报了督查情况。\n",
			"汉中市质控工作动态", "简报", "2022-05-06", "汉中市卫生健康委员会医政科", "<nil>"},
		{"the value of a 公开方式 field run into the 文号 on one line",
			"公开方式：主动公开某卫医发〔2022〕11号\n关于调整某某质控中心挂靠单位的通知\n各市卫生健康委：\n经研究，决定调整挂靠单位。\n",
			"关于调整某某质控中心挂靠单位的通知", "通知", "<nil>", "<nil>", "某卫医发〔2022〕11号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := extractText(t, tt.text).Document
			if m.Title != tt.title || str(m.Kind) != tt.kind || str(m.Date) != tt.date || str(m.Issuer) != tt.issuer || str(m.DocNumber) != tt.docNumber {
				t.Errorf("title %q kind %s date %s issuer %s number %s;\nwant  %q %s %s %s %s",
					m.Title, str(m.Kind), str(m.Date), str(m.Issuer), str(m.DocNumber), tt.title, tt.kind, tt.date, tt.issuer, tt.docNumber)
			}
		})
	}
}

// A document about a national center is in no province, though its venue
// or a hospital it names is in one; a province's own story keeps its
// province.
func TestNationalDocumentHasNoProvince(t *testing.T) {
	national := extractText(t, "国家某某专业质控中心年度工作会议召开\n发布日期:2024-05-10\n5月8日，国家某某专业质控中心在北京召开年度工作会议，北京协和医院专家介绍了工作情况，北京大学第一医院专家作报告。\n")
	if p := national.Document.Province; p != nil {
		t.Errorf("province %s, want none", *p)
	}
	notice := extractText(t, "当前位置：首页 > 通知公告\n国家卫生健康委办公厅关于做好质控工作的通知\n发布时间：2024-02-01\n各省、自治区、直辖市卫生健康委：\n现通知如下。河南省、湖北省要做好衔接。\n")
	if p := notice.Document.Province; p != nil {
		t.Errorf("a national commission's notice: province %s, want none", *p)
	}
	provincial := extractText(t, "湖南省麻醉质控中心专家赴京参加国家级会议\n发布日期:2024-05-10\n5月8日，湖南省麻醉质控中心主任在北京参加国家麻醉质控中心会议，汇报了湖南省工作。\n")
	if p := provincial.Document.Province; p == nil || *p != "湖南省" {
		t.Errorf("province %s, want 湖南省", str(p))
	}
}

// A page that names no province in its body is in the province of the
// cities it names, or else in the one its footer gives (an address, the
// ICP licence's abbreviation); cities of two provinces give none.
func TestProvinceFromCitiesAndFooter(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"a city of the body",
			"首页 > 院内新闻\n我院召开季度质量分析会\n发布日期:2024-04-10\n4月9日，九江市某某人民医院召开季度医疗质量分析会，各科室主任参加。\n",
			"江西省"},
		{"an address in the footer",
			"首页 > 院内新闻\n我院召开季度质量分析会\n发布日期:2024-04-10\n4月9日，我院召开季度医疗质量分析会，各科室主任参加。\n某某人民医院 版权所有 地址:湖南省某某路1号 ICP备00000000号\n",
			"湖南省"},
		{"the ICP licence of the footer",
			"首页 > 院内新闻\n我院召开季度质量分析会\n发布日期:2024-04-10\n4月9日，我院召开季度医疗质量分析会，各科室主任参加。\n版权所有 某某人民医院 闽ICP备00000000号\n",
			"福建省"},
		{"cities of two provinces",
			"首页 > 院内新闻\n两地专家交流质控工作\n发布日期:2024-04-10\n4月9日，九江市与黄冈市的专家在某某医院交流质控工作。\n",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := extractText(t, tt.text).Document
			if str(m.Province) != tt.want && !(tt.want == "" && m.Province == nil) {
				t.Errorf("province %s, want %q", str(m.Province), tt.want)
			}
		})
	}
}

// Every document field set has its provenance: a rule, a confidence in
// (0, 1) and a quote that is the text at its span.
func TestMetaFieldsProvenance(t *testing.T) {
	files := sampleFiles(t)
	files = append(files, mustGlob(t, "../testdata/dev/docs/*.txt")...)
	for _, f := range files {
		doc, err := (&formats.Loader{}).Load(context.Background(), f, nil)
		if err != nil {
			t.Fatal(err)
		}
		ex, err := extractors.Extract(context.Background(), doc, loadTools(t))
		if err != nil {
			t.Fatal(err)
		}
		m := ex.Document
		set := map[string]bool{"title": m.Title != "", "issuer": m.Issuer != nil, "doc_number": m.DocNumber != nil,
			"kind": m.Kind != nil, "date": m.Date != nil, "period": m.Period != nil, "province": m.Province != nil,
			"attachments": len(m.Attachments) > 0}
		for field, ok := range set {
			fe, has := m.Fields[field]
			if ok != has {
				t.Errorf("%s: %s set %v, provenance %v", filepath.Base(f), field, ok, has)
				continue
			}
			if !has {
				continue
			}
			if fe.Rule == "" || fe.Confidence <= 0 || fe.Confidence >= 1 {
				t.Errorf("%s: %s: rule %q confidence %v", filepath.Base(f), field, fe.Rule, fe.Confidence)
			}
			if fe.Span != nil && doc.Slice(document.Span{Start: fe.Span[0], End: fe.Span[1]}) != fe.Quote {
				t.Errorf("%s: %s: quote %q is not the text at %v", filepath.Base(f), field, fe.Quote, *fe.Span)
			}
		}
	}
}

// Confidence follows the evidence: a title the page states twice, and an
// issuer the signature confirms, are surer than the same read once.
func TestMetaConfidenceFollowsEvidence(t *testing.T) {
	conf := func(ex *record.Extraction, field string) float64 { return ex.Document.Fields[field].Confidence }
	once := extractText(t, "当前位置：首页 > 通知公告\n关于开展质控检查的通知\n发布时间：2024-03-01\n各市卫生健康委：\n现通知如下。\n")
	twice := extractText(t, "当前位置：首页 > 通知公告\n关于开展质控检查的通知\n发布时间：2024-03-01\n关于开展质控检查的通知\n各市卫生健康委：\n现通知如下。\n")
	if conf(twice, "title") <= conf(once, "title") {
		t.Errorf("title said twice %.2f, once %.2f", conf(twice, "title"), conf(once, "title"))
	}
	labelled := extractText(t, "市病理质控中心召开会议\n发布时间：2022-03-04\n3月3日，市病理质控中心召开会议。\n")
	bare := extractText(t, "市病理质控中心召开会议\n2022-03-04 10:20\n3月3日，市病理质控中心召开会议。\n")
	if conf(labelled, "date") <= conf(bare, "date") {
		t.Errorf("labelled byline date %.2f, a bare date and time %.2f", conf(labelled, "date"), conf(bare, "date"))
	}
	reported := extractText(t, "本报讯（记者 某某）3月3日，市病理质控中心召开会议。\n")
	plain := extractText(t, "3月3日，市病理质控中心召开会议。\n")
	if conf(reported, "kind") <= conf(plain, "kind") {
		t.Errorf("a story with a reporter is news at %.2f, without %.2f", conf(reported, "kind"), conf(plain, "kind"))
	}
	signed := extractText(t, "河南省卫生健康委员会关于开展质控检查的通知\n各市卫生健康委：\n现通知如下。\n河南省卫生健康委员会\n2024年3月1日\n")
	unsigned := extractText(t, "河南省卫生健康委员会关于开展质控检查的通知\n各市卫生健康委：\n现通知如下。\n2024年3月1日\n")
	if str(signed.Document.Issuer) != "河南省卫生健康委员会" || str(unsigned.Document.Issuer) != "河南省卫生健康委员会" {
		t.Fatalf("issuers %s, %s", str(signed.Document.Issuer), str(unsigned.Document.Issuer))
	}
	if conf(signed, "issuer") <= conf(unsigned, "issuer") {
		t.Errorf("issuer confirmed by the signature %.2f, by the title alone %.2f", conf(signed, "issuer"), conf(unsigned, "issuer"))
	}
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	fs, err := filepath.Glob(pattern)
	if err != nil || len(fs) == 0 {
		t.Fatalf("no files match %s", pattern)
	}
	return fs
}

// A monthly bulletin's 本月 is the month it covers; participants may be
// counted in 大写 numerals.
func TestMonthlyBulletinDays(t *testing.T) {
	ex := extractText(t, "河南省护理质控中心\n2024年6月工作简报\n本月18日，河南省护理质控中心在河南省人民医院召开全省护理质控工作会议，各市护理质控中心主任等壹佰余人参加会议。\n")
	if len(ex.Activities) != 1 {
		t.Fatalf("activities %+v, want one", ex.Activities)
	}
	a := ex.Activities[0]
	if str(a.Start) != "2024-06-18" {
		t.Errorf("start %s, want 2024-06-18", str(a.Start))
	}
	if a.Participants == nil || a.Participants.Value != 100 || a.Participants.Qualifier != "more" {
		t.Errorf("participants %+v, want 100 more", a.Participants)
	}
	if p := ex.Document.Period; p == nil || p.Start != "2024-06-01" || p.End != "2024-06-30" {
		t.Errorf("period %+v, want June 2024", p)
	}
}
