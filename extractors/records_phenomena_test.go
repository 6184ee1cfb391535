package extractors_test

import (
	"strings"
	"testing"

	"qcweave/record"
)

// findCenter returns the center whose name or alias is name, or nil.
func findCenter(cs []record.Center, name string) *record.Center {
	for i := range cs {
		if cs[i].Name == name {
			return &cs[i]
		}
		for _, a := range cs[i].Aliases {
			if a == name {
				return &cs[i]
			}
		}
	}
	return nil
}

// Names of centers in the forms of the record phenomena: the order
// specialty then level, a term of office inside the name, 质量中心 without
// 控制, 诊疗 in the full name but not in the short one; and what only
// looks like a center: several centers counted, a batch headline, a phrase
// that runs into 质控中心.
func TestRecordCenterNames(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // center names, in order
		level      string   // of the first center, when checked
	}{
		{"specialty before level",
			"2023年5月8日，麻醉专业国家级质控中心在北京召开年度工作会议。\n",
			[]string{"麻醉专业国家级质控中心"}, "国家级"},
		{"several centers counted are no center",
			"会议在成都召开，全国28个省级超声质控中心负责人参会。\n", nil, ""},
		{"a batch headline is no center",
			"江西省新组建12个省级医疗质量控制中心\n\n近日，省卫生健康委印发通知，新组建一批省级医疗质量控制中心。\n", nil, ""},
		{"a term of office inside the name is the same center",
			"宜宾市儿科第三届医疗质量控制中心委员会换届会议召开。宜宾市儿科医疗质量控制中心挂靠宜宾市第二人民医院。\n",
			[]string{"宜宾市儿科医疗质量控制中心"}, "市级"},
		{"质量中心 without 控制 with a known specialty",
			"10月9日，岳阳市医院感染管理质量中心成立大会在市中心医院举行。\n",
			[]string{"岳阳市医院感染管理质量中心"}, "市级"},
		{"a phrase that runs into 质控中心 is no center",
			"王医生介绍了岳阳市第一医院（岳阳市人民医院）心内科近年来依托质控中心平台开展的工作。\n", nil, ""},
		{"specialty then level on a city hospital's page: the city it names",
			"我院获批设立韶关市病理质量控制中心\n发布时间:2023-08-02\n近日，市卫生健康局同意依托我院设立韶关市病理质量控制中心。这是继我院承担重症医学科市级质控中心之后的又一个市级质控中心。\n",
			[]string{"韶关市病理质量控制中心", "重症医学科市级质控中心"}, "市级"},
		{"a short form without 诊疗 is the full-named center",
			"近日，绍兴市消化内镜诊疗质量控制中心召开会议，市消化内镜质控中心全体成员参加。\n",
			[]string{"绍兴市消化内镜诊疗质量控制中心"}, "市级"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extractText(t, tt.text)
			got := centerNames(ex.Centers)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("centers %q, want %q", got, tt.want)
			}
			if tt.level != "" && str(ex.Centers[0].Level) != tt.level {
				t.Errorf("level %s, want %s", str(ex.Centers[0].Level), tt.level)
			}
		})
	}
}

// Hosts stated once for a group, with 落户, or as 我院 on the hospital's
// own page; and the rule that found them.
func TestRecordHosts(t *testing.T) {
	tests := []struct {
		name, text string
		center     string
		want       []string
		rule       string
	}{
		{"one host for the listed group",
			"经研究，同意成立鄂州市超声质量控制中心、鄂州市病理质量控制中心，以上2个中心挂靠单位为鄂州市中心医院；成立鄂州市护理质量控制中心，挂靠单位为鄂州市妇幼保健院。\n",
			"鄂州市超声质量控制中心", []string{"鄂州市中心医院"}, "host.group"},
		{"the center after the group keeps its own host",
			"经研究，同意成立鄂州市超声质量控制中心、鄂州市病理质量控制中心，以上2个中心挂靠单位为鄂州市中心医院；成立鄂州市护理质量控制中心，挂靠单位为鄂州市妇幼保健院。\n",
			"鄂州市护理质量控制中心", []string{"鄂州市妇幼保健院"}, ""},
		{"均挂靠 gives every center of the clause its host",
			"新成立的泰州市康复医学质量控制中心、泰州市口腔质量控制中心均挂靠泰州市人民医院。\n",
			"泰州市康复医学质量控制中心", []string{"泰州市人民医院"}, "host.group"},
		{"a host change stated once for a list of centers",
			"经研究，决定调整部分省级质控中心。一、甘肃省输血质量控制中心、甘肃省眼科质量控制中心挂靠单位调整为甘肃省某某人民医院。\n",
			"甘肃省输血质量控制中心", []string{"甘肃省某某人民医院"}, "host.group"},
		{"the former host of a change is no host",
			"经研究，甘肃省输血质量控制中心、甘肃省眼科质量控制中心的挂靠单位由甘肃省某某人民医院调整为甘肃省某某中心医院。\n",
			"甘肃省输血质量控制中心", []string{"甘肃省某某中心医院"}, "host.group"},
		{"落户到 names the host",
			"市卫健委决定将黄石市眼科质量控制中心落户到黄石市中心医院，并对中心的成立表示祝贺。\n",
			"黄石市眼科质量控制中心", []string{"黄石市中心医院"}, "host.in_sentence"},
		{"我院 is the hospital the byline names",
			"我院肿瘤科参加全省肿瘤质控会议\n\n来源：安顺市人民医院  发布时间：2024-03-02\n\n作为安顺市肿瘤质量控制中心挂靠单位，我院肿瘤科派员参加了会议。\n",
			"安顺市肿瘤质量控制中心", []string{"安顺市人民医院"}, "host.byline_we"},
		{"我院 is the one hospital of the center's city the text names",
			"作为遵义市眼科质量控制中心挂靠单位，我院眼科牵头开展基层培训。遵义市第一人民医院眼科主任李某授课。\n",
			"遵义市眼科质量控制中心", []string{"遵义市第一人民医院"}, "host.byline_we"},
		{"依托我院设立 before the center: the page's hospital hosts it",
			"我院获批设立市病理质控中心\n\n来源：韶关市某某人民医院  发布时间：2023-08-02\n\n近日，市卫生健康局同意依托我院设立韶关市病理质量控制中心，由我院病理科主任任中心主任。\n",
			"韶关市病理质量控制中心", []string{"韶关市某某人民医院"}, "host.byline_we"},
		{"我院牵头的 before the center",
			"我院召开质控工作会\n\n来源：韶关市某某人民医院  发布时间：2023-08-02\n\n会上，我院牵头的韶关市超声医学质量控制中心汇报了全年工作。\n",
			"韶关市超声医学质量控制中心", []string{"韶关市某某人民医院"}, "host.byline_we"},
		{"我院 without a hospital to stand for gives no host",
			"作为遵义市眼科质量控制中心挂靠单位，我院眼科牵头开展基层培训。\n",
			"遵义市眼科质量控制中心", nil, ""},
		{"web spam before a hospital's name is cut off",
			"2021年，经省卫生健康委批准，某某棋牌官方入口下载第二附属医院成为贵州省超声医学质量控制中心挂靠单位。\n",
			"贵州省超声医学质量控制中心", []string{"第二附属医院"}, "host.subject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extractText(t, tt.text)
			c := findCenter(ex.Centers, tt.center)
			if c == nil {
				t.Fatalf("no center %s in %q", tt.center, centerNames(ex.Centers))
			}
			if strings.Join(c.Institutions, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("hosts %q, want %q", c.Institutions, tt.want)
			}
			if tt.rule != "" && c.HostRule != tt.rule {
				t.Errorf("host rule %q, want %q", c.HostRule, tt.rule)
			}
			if (len(c.Institutions) > 0) != (c.HostRule != "" && c.HostConfidence > 0) {
				t.Errorf("hosts %q with rule %q confidence %v", c.Institutions, c.HostRule, c.HostConfidence)
			}
		})
	}
}

// Counts: a request about centers is not a count; 地州市 is the city level;
// 区级 the county level.
func TestRecordCounts(t *testing.T) {
	ex := extractText(t, "某市中心医院向我委递交成立5个质控中心的申请，经研究同意。\n")
	if len(ex.Counts) != 0 {
		t.Errorf("a request counted: %+v", ex.Counts)
	}
	ex = extractText(t, "湖南省卫生健康委召开会议。全省14个地州市护理质控中心参加了年度考评。\n")
	if len(ex.Counts) != 1 || ex.Counts[0].Value != 14 || str(ex.Counts[0].Level) != "市级" {
		t.Fatalf("counts %+v, want 14 at 市级", ex.Counts)
	}
	if ex.Counts[0].Rule != "count.stated" || ex.Counts[0].Confidence <= 0 {
		t.Errorf("rule %q confidence %v", ex.Counts[0].Rule, ex.Counts[0].Confidence)
	}
	// a district's centers (区级) are of the county level, the number after the noun
	ex = extractText(t, "某区卫生健康委开展年度考核。截至目前，全区已设置区级医疗质量控制中心12个。\n")
	if len(ex.Counts) != 1 || ex.Counts[0].Value != 12 || str(ex.Counts[0].Level) != "县级" {
		t.Fatalf("counts %+v, want 12 at 县级", ex.Counts)
	}
	// a county's page: 全县 is the county, 县…质控中心 the county's center
	ex = extractText(t, "丰县召开医疗质控工作推进会\n发布时间:2023-03-02\n3月1日，全县医疗质控工作推进会召开，县护理质控中心负责人汇报了工作。截至目前，全县共设置县级医疗质量控制中心12个，覆盖主要临床专业。\n")
	if len(ex.Counts) != 1 || ex.Counts[0].Value != 12 || str(ex.Counts[0].RegionFull) != "丰县" {
		t.Errorf("counts %+v, want 12 in 丰县", ex.Counts)
	}
	if c := findCenter(ex.Centers, "县护理质控中心"); c == nil || str(c.Region) != "丰县" {
		t.Errorf("centers %q, want 县护理质控中心 in 丰县", centerNames(ex.Centers))
	}
	// a page whose province is only that of the city it names: a count
	// of no written region is not the province's
	ex = extractText(t, "首批5家质量控制中心授牌\n发布日期:2022-06-21\n6月20日，南平市卫生健康委举行授牌仪式，首批5家市级质量控制中心现场授牌，各中心主任作表态发言。\n")
	for _, c := range ex.Counts {
		if str(c.RegionCode) == "350000" {
			t.Errorf("a count given the province the page is only placed in: %+v", c)
		}
	}
}

// Activities: the center whose own founding or meeting a sentence tells
// acts, not the provincial center of the story; 次日 is the day after;
// a byline's date is no event; a venue's sentence lists the venue, not the
// regions it only mentions.
func TestRecordActivities(t *testing.T) {
	type want struct {
		center, start string
		places        []string
	}
	tests := []struct {
		name, text string
		want       []want
	}{
		{"a center's own founding ceremony is its activity",
			"湖北省病理质控中心指导基层质控\n\n2024年3月2日，孝感市病理质量控制中心成立大会在孝感市中心医院召开，湖北省病理质控中心主任出席。\n",
			[]want{{"孝感市病理质量控制中心", "", []string{"孝感市中心医院"}}}},
		{"次日 is the day after the event before",
			"2022年11月3日，浙江省护理质控中心在杭州召开工作会议。\n次日，浙江省护理质控中心举办培训班，300余人参加。\n",
			[]want{{"浙江省护理质控中心", "2022-11-03", nil}, {"浙江省护理质控中心", "2022-11-04", nil}}},
		{"the date of a byline is no event",
			"德州市超声质控中心成立大会在德州市人民医院召开 来源:宣传科 上传时间:2021年3月5日\n3月4日，德州市超声质控中心成立大会在德州市人民医院召开。\n",
			[]want{{"德州市超声质控中心", "2021-03-04", []string{"德州市人民医院"}}}},
		{"regions only mentioned beside a venue are no places",
			"2023年5月11日，荆门市风湿免疫质量控制中心成立仪式在国际大酒店举行，宜昌市风湿免疫质控中心专家及襄阳市卫健委领导出席。\n",
			[]want{{"荆门市风湿免疫质量控制中心", "2023-05-11", []string{"国际大酒店"}}}},
		{"the center a sentence names as the organizer acts, not the provincial center of the same specialty the story names",
			"抚州市眼科质量控制中心召开年会\n发布时间:2023-10-16\n10月14日，由抚州市眼科质量控制中心主办的2023年学术年会在抚州市某某宾馆举行。江西省眼科质量控制中心主任出席并讲话。\n",
			[]want{{"抚州市眼科质量控制中心", "2023-10-14", nil}}},
		{"the days of a two-day meeting told one by one (17日上午, 次日) are the meeting's, and 中心 alone is the city's center, not the province's",
			"锦州市儿科质量控制中心年会召开\n发布日期:2021-10-20\n10月16日至17日，锦州市儿科质量控制中心换届会议暨年会在锦州市某某宾馆召开，辽宁省儿科质量控制中心主任出席。\n16日上午，换届会议选举产生了第二届中心委员会。次日，中心专家就儿童哮喘规范诊疗作专题报告，200余人参加了会议。\n",
			[]want{{"锦州市儿科质量控制中心", "2021-10-16", nil}}},
		{"中心 alone stands for the center the story names, not one recalled in passing",
			"我院获批设立韶关市病理质量控制中心\n发布时间:2023-08-02\n近日，市卫生健康局同意依托我院设立韶关市病理质量控制中心。这是继我院承担韶关市超声医学质量控制中心之后的又一个市级质控中心。\n8月1日，中心第一次工作会议在我院行政楼会议室召开，全市病理科主任参加。\n",
			[]want{{"韶关市病理质量控制中心", "2023-08-01", nil}}},
		{"a venue's 中心 is no center",
			"韶关市病理质量控制中心年度总结\n发布时间:2023-08-02\n去年，韶关市病理质量控制中心完成了全市病理质控督查。\n8月1日，全市病理读片会在韶关国际会议中心召开，各医院病理科医师参加。\n",
			nil},
		{"本月 in a bulletin that states no period is the month its compiler line is dated in",
			"德阳市质控工作简报\n2023年第4期\n德阳市卫生健康委员会医政科编 2023年6月28日\n【工作动态】\n本月9日，德阳市护理质量控制中心在德阳市人民医院召开季度例会，各成员单位护理部主任参加，会议通报了上季度专项督查中发现的问题。\n",
			[]want{{"德阳市护理质量控制中心", "2023-06-09", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extractText(t, tt.text)
			if len(ex.Activities) != len(tt.want) {
				t.Fatalf("%d activities %+v, want %d", len(ex.Activities), ex.Activities, len(tt.want))
			}
			for i, w := range tt.want {
				a := ex.Activities[i]
				if a.Center != w.center {
					t.Errorf("activity %d: center %s, want %s", i, a.Center, w.center)
				}
				if w.start != "" && str(a.Start) != w.start {
					t.Errorf("activity %d: start %s, want %s", i, str(a.Start), w.start)
				}
				if w.places != nil && strings.Join(a.Places, "|") != strings.Join(w.places, "|") {
					t.Errorf("activity %d: places %q, want %q", i, a.Places, w.places)
				}
			}
		})
	}
}

// Every record carries a rule and a confidence inside (0, 1); a center's
// hosts carry theirs; a center the dictionaries know, named twice, is
// surer than one whose specialty they do not know.
func TestRecordRulesAndConfidence(t *testing.T) {
	ex := extractText(t, "2024年3月1日，武汉市病理质量控制中心在武汉市中心医院召开工作会议，武汉市病理质量控制中心挂靠武汉市中心医院。"+
		"武汉市某某新技术质量控制中心同日成立。截至2024年2月底，全市共有质控中心58个。\n")
	check := func(kind string, e record.Evidence) {
		t.Helper()
		if e.Rule == "" || e.Confidence <= 0 || e.Confidence >= 1 {
			t.Errorf("%s: rule %q confidence %v", kind, e.Rule, e.Confidence)
		}
	}
	for _, c := range ex.Centers {
		check("center "+c.Name, c.Evidence)
		if len(c.Institutions) > 0 && (c.HostRule == "" || c.HostConfidence <= 0) {
			t.Errorf("center %s: hosts without rule or confidence", c.Name)
		}
	}
	for _, c := range ex.Counts {
		check("count", c.Evidence)
	}
	for _, a := range ex.Activities {
		check("activity", a.Evidence)
	}
	if len(ex.Counts) == 0 || len(ex.Activities) == 0 {
		t.Fatalf("want a count and an activity: %+v %+v", ex.Counts, ex.Activities)
	}
	known, unknown := findCenter(ex.Centers, "武汉市病理质量控制中心"), findCenter(ex.Centers, "武汉市某某新技术质量控制中心")
	if known == nil || unknown == nil {
		t.Fatalf("centers %q", centerNames(ex.Centers))
	}
	if known.Confidence <= unknown.Confidence {
		t.Errorf("known center %.2f not above unknown %.2f", known.Confidence, unknown.Confidence)
	}
}

// Hosts paired with centers by 分别, in both orders; a former host (不再
// 分别担任) is no host.
func TestRecordRespectiveHosts(t *testing.T) {
	text := "经评审，甲市人民医院、甲市第二人民医院和甲市中医医院分别被确定为新一届乙省超声质量控制和改进中心、乙省病理质量控制和改进中心、乙省护理质量控制和改进中心主任委员单位。" +
		"乙省中医医院、乙省肿瘤医院不再分别担任乙省病理质量控制和改进中心、乙省护理质量控制和改进中心主任委员单位。\n"
	text = strings.ReplaceAll(strings.ReplaceAll(text, "甲市", "南昌市"), "乙省", "江西省")
	ex := extractText(t, text)
	want := map[string]string{
		"江西省超声质量控制和改进中心": "南昌市人民医院",
		"江西省病理质量控制和改进中心": "南昌市第二人民医院",
		"江西省护理质量控制和改进中心": "南昌市中医医院",
	}
	for name, host := range want {
		c := findCenter(ex.Centers, name)
		if c == nil {
			t.Fatalf("no center %s in %q", name, centerNames(ex.Centers))
		}
		if strings.Join(c.Institutions, "|") != host || c.HostRule != "host.respectively" {
			t.Errorf("%s: hosts %q rule %q, want %s by host.respectively", name, c.Institutions, c.HostRule, host)
		}
	}
	ex = extractText(t, "新组建的大连市眼科质量控制中心、大连市口腔质量控制中心分别挂靠于大连市第三人民医院和大连市口腔医院。\n")
	c := findCenter(ex.Centers, "大连市口腔质量控制中心")
	if c == nil || strings.Join(c.Institutions, "|") != "大连市口腔医院" {
		t.Fatalf("centers %+v", ex.Centers)
	}
}

// The day a document founded a center beats the day of its founding
// ceremony; a date without a year takes the year of its paragraph.
func TestRecordEstablished(t *testing.T) {
	ex := extractText(t, "12月20日，綦江区超声医疗质量控制中心成立大会暨2024年工作总结会召开。据悉，綦江区超声医疗质量控制中心挂靠在綦江区人民医院，于今年8月5日正式成立。\n")
	if len(ex.Centers) != 1 || str(ex.Centers[0].Established) != "2024-08-05" {
		t.Fatalf("centers %+v, want one established 2024-08-05", ex.Centers)
	}
	ex = extractText(t, "3月9日，2023年全市医学检验年会召开，会上成立了渭南市临床检验质量控制中心。\n")
	if len(ex.Centers) != 1 || str(ex.Centers[0].Established) != "2023-03-09" {
		t.Fatalf("centers %+v, want one established 2023-03-09", ex.Centers)
	}
}

// 本月 and 上月 in a dated bulletin are months of its date for a center's
// founding and a count's date as for an event's.
func TestRecordThisMonthInBulletin(t *testing.T) {
	head := "德阳市质控工作简报\n2023年第4期\n德阳市卫生健康委员会医政科编 2023年6月28日\n【工作动态】\n"
	ex := extractText(t, head+"经市卫生健康委批准，德阳市疼痛科质量控制中心于本月5日正式成立，挂靠德阳市人民医院，各医疗机构疼痛科负责人为成员。\n上月以来，各质控中心按计划推进全年各项质控工作，督查医疗机构数量较去年同期明显增加。\n")
	c := findCenter(ex.Centers, "德阳市疼痛科质量控制中心")
	if c == nil || str(c.Established) != "2023-06-05" {
		t.Fatalf("centers %+v, want 德阳市疼痛科质量控制中心 established 2023-06-05", ex.Centers)
	}
	ex = extractText(t, head+"截至本月20日，全市已设置市级医疗质量控制中心25个，覆盖临床、医技、护理等专业，较去年同期增加了四个。\n各县区卫生健康局要督促辖区内医疗机构做好质控数据报送工作，按时完成季度报表。\n")
	if len(ex.Counts) != 1 || str(ex.Counts[0].AsOf) != "2023-06-20" {
		t.Fatalf("counts %+v, want one as of 2023-06-20", ex.Counts)
	}
}

// A head count told after the dated sentence, in the account of the same
// event, is the event's.
func TestRecordParticipantsAfter(t *testing.T) {
	ex := extractText(t, "2023年6月2日，宁波市麻醉质控中心召开年度工作会议。\n宁波市卫健委领导出席会议，全市各医院麻醉科主任等80余人参加会议。\n")
	if len(ex.Activities) != 1 || ex.Activities[0].Participants == nil || ex.Activities[0].Participants.Value != 80 {
		t.Fatalf("activities %+v, want 80 participants", ex.Activities)
	}
}

// A batch headline, and an award's title without quotes, name no center;
// a hospital counting the centers it hosts gives no region's count.
func TestRecordNotCenters(t *testing.T) {
	for _, text := range []string{
		"福建省第三批省级儿科质量控制中心成立\n\n近日，省卫生健康委公布第三批省级质控中心名单。\n",
		"在年度考评中，南平市护理质控中心荣获省级护理先进质量控制中心称号。\n",
	} {
		ex := extractText(t, text)
		for _, c := range ex.Centers {
			if strings.Contains(c.Name, "批") || strings.Contains(c.Name, "先进") {
				t.Errorf("%q: center %s", text, c.Name)
			}
		}
	}
	for _, text := range []string{
		"福建医科大学附属协和医院现有国家级质控中心2个、省级质控中心12个。\n",
		"截至目前，共有9个省级质控中心挂靠在福建省立医院。\n",
	} {
		if ex := extractText(t, text); len(ex.Counts) != 0 {
			t.Errorf("%q: a hospital's centers counted as a region's: %+v", text, ex.Counts)
		}
	}
	// quality control outside medicine: no center, no activity
	for _, text := range []string{
		"6月3日至5日，甘肃省计量器具检定质量控制中心在兰州市举办全省计量检定人员培训班，各市州技术骨干80余人参加。\n",
		"9月9日，宁夏回族自治区水质监测质量控制中心组织开展全区水质监测实验室比对考核。\n",
		// a company's own quality-control department
		"4月2日，江西赣北环境技术有限公司质控中心组织开展实验室能力比对。\n",
		"湖南湘中检测集团质量控制中心派员参加了本次考核。\n",
	} {
		if ex := extractText(t, text); len(ex.Centers)+len(ex.Activities) != 0 {
			t.Errorf("%q: centers %q, %d activities", text, centerNames(ex.Centers), len(ex.Activities))
		}
	}
}

// A group's host stated after a list written one center a line, and 我院
// as the subject that became a center's host.
func TestRecordHostsAfterList(t *testing.T) {
	ex := extractText(t, "经研究，同意成立以下质控中心：\n1.九江市门诊质量控制中心\n2.九江市病理质量控制中心\n3.九江市超声医学质量控制中心\n以上3个中心的挂靠单位为九江市第一人民医院。\n")
	if len(ex.Centers) != 3 {
		t.Fatalf("centers %q", centerNames(ex.Centers))
	}
	for _, c := range ex.Centers {
		if strings.Join(c.Institutions, "|") != "九江市第一人民医院" || c.HostRule != "host.group" {
			t.Errorf("%s: hosts %q rule %q", c.Name, c.Institutions, c.HostRule)
		}
	}
	ex = extractText(t, "我院成为绍兴市心电诊断质量控制中心挂靠单位\n\n来源：绍兴市人民医院  发布时间：2022-07-01\n\n近日，经市卫健委批准，我院成为绍兴市心电诊断质量控制中心挂靠单位。\n")
	c := findCenter(ex.Centers, "绍兴市心电诊断质量控制中心")
	if c == nil || strings.Join(c.Institutions, "|") != "绍兴市人民医院" || c.HostRule != "host.byline_we" {
		t.Fatalf("centers %+v", ex.Centers)
	}
}

// People named after their office without a title, alone or in a list,
// before what they do; a civil-service rank is a title.
func TestRecordPeopleAfterUnit(t *testing.T) {
	ex := extractText(t, "2022年9月6日，常州市病理质控中心召开工作会议。会议由常州市卫健委医政处孙立明主持，常州市第二人民医院钱红、周海涛参加会议，市卫健委一级调研员高文杰讲话。\n")
	if len(ex.Activities) != 1 {
		t.Fatalf("activities %+v", ex.Activities)
	}
	got := strings.Join(ex.Activities[0].People, "|")
	for _, n := range []string{"孙立明", "钱红", "周海涛", "高文杰"} {
		if !strings.Contains(got, n) {
			t.Errorf("people %q, want %s", got, n)
		}
	}
	for _, n := range ex.Activities[0].People {
		if strings.Contains(n, "医院") || strings.Contains(n, "会议") {
			t.Errorf("not a person: %s", n)
		}
	}
}

// On a page about one center, 授予X主任委员单位 names its host; with two
// centers it could be either's.
func TestRecordSoleCenterHost(t *testing.T) {
	text := "2025年3月2日，鼓楼区口腔医疗质量控制中心成立大会召开。会上举行授牌仪式，授予福州市口腔医院主任委员单位。\n"
	ex := extractText(t, text)
	if len(ex.Centers) != 1 || strings.Join(ex.Centers[0].Institutions, "|") != "福州市口腔医院" || ex.Centers[0].HostRule != "host.sole_center" {
		t.Fatalf("centers %+v", ex.Centers)
	}
	ex = extractText(t, strings.Replace(text, "召开。", "召开，鼓楼区护理质量控制中心同日成立。", 1))
	for _, c := range ex.Centers {
		if len(c.Institutions) > 0 {
			t.Errorf("%s: host %q though two centers are named", c.Name, c.Institutions)
		}
	}
}
