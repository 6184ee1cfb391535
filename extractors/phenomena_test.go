package extractors_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"qcweave/record"
)

// centerNames lists the names of the centers extracted, in order.
func centerNames(cs []record.Center) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// Centers in the forms writers use, and names that only look like centers.
func TestCenterForms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // center names, in order
		level      string   // of the first center, when checked
	}{
		{"short form of the city's center in a hospital's news",
			"市超声质控中心开展专项检查\n\n发布时间:2022-05-06\n\n5月5日，市超声质控中心专家对全市医院开展专项检查。\n",
			[]string{"市超声质控中心"}, "市级"},
		{"short form and full name are one center",
			"县病理质控中心召开会议\n\n发布时间:2021-04-02\n\n3月30日，德清县病理质量控制中心在县医院召开工作会议。\n",
			[]string{"德清县病理质量控制中心"}, ""},
		{"a municipality's short form is provincial",
			"市急诊质控中心召开全委会\n\n发布时间:2019-06-03\n\n6月1日，上海市急诊质控中心召开全体委员会议。\n",
			[]string{"上海市急诊质控中心"}, "省级"},
		{"a center's name in quotes is a center",
			"近日，浙江省人民医院获批成为“浙江省超声质控中心”挂靠单位。\n",
			[]string{"浙江省超声质控中心"}, "省级"},
		{"award titles are no centers",
			"余杭区护理质量控制中心被评为“优秀区县护理质量控制中心”，并获得全省优秀质控中心荣誉称号。\n",
			[]string{"余杭区护理质量控制中心"}, ""},
		{"a tier of centers being evaluated is no center",
			"在2023年度北京市二级护理质量控制中心工作评估中，各中心表现良好。\n", nil, ""},
		{"levels named generically are no centers",
			"质控中心分为国家级质控中心、省级质控中心和县（区）级质控中心，指导省级以下质控中心开展工作。\n", nil, ""},
		{"a society beside a center is not part of its name",
			"由成都市医学会超声专委会和超声质控中心联合主办的培训班召开，成都市超声质控中心主任出席。\n",
			[]string{"成都市超声质控中心"}, ""},
		{"a center named by its specialty alone stands for the full-named one",
			"2020年11月2日，2020年学术年会暨病理质量控制中心会议在某某宾馆召开。\n武汉市病理质量控制中心挂靠武汉市中心医院。\n",
			[]string{"武汉市病理质量控制中心"}, ""},
		{"a specialty alone names no center when the document has none in full",
			"2020年学术年会暨病理质量控制中心会议召开。\n", nil, ""},
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

// A table yields centers only when its header speaks of centers,
// specialties or hosts.
func TestTablePrecision(t *testing.T) {
	budget := "项目名称\t金额\t单位\n合计\t120.5\t万元\n教育支出\t20.0\t万元\n卫生健康支出\t30.0\t万元\n"
	if cs := extractText(t, budget).Centers; len(cs) != 0 {
		t.Errorf("centers from a budget table: %q", centerNames(cs))
	}
	list := "序号\t质控中心名称\t挂靠单位\n1\t浙江省病理质控中心\t浙江大学医学院附属第一医院\n2\t浙江省超声质控中心\t浙江省人民医院\n"
	if cs := extractText(t, list).Centers; len(cs) != 2 || len(cs[0].Institutions) != 1 {
		t.Errorf("center list: %+v", cs)
	}
}

// Dates written without a year take the year their context states, or give
// no activity.
func TestContextYear(t *testing.T) {
	tests := []struct {
		name, text, start string // "" = no activity
	}{
		{"year stated in the same sentence",
			"11月15-16日，绍兴市麻醉质控中心主办的“2024年绍兴市麻醉质控年会”在某某酒店召开。\n", "2024-11-15"},
		{"year from the headline",
			"2022年浙江省口腔质控中心工作会议召开\n\n4月8日，浙江省口腔质控中心在某地召开工作会议。\n", "2022-04-08"},
		{"no year anywhere: no activity",
			"12月26日，绍兴市产科质量控制中心成立大会在某某酒店召开。\n", ""},
		{"a history year is no context",
			"某某医院始建于1953年。12月26日，绍兴市产科质量控制中心成立大会在该院召开。\n", ""},
		{"a malformed date gives nothing",
			"发布时间:2026-01-20\n\n2026114日，绍兴市护理质控中心召开年会。\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts := extractText(t, tt.text).Activities
			got := ""
			if len(acts) > 0 {
				got = str(acts[0].Start)
			}
			if got != tt.start {
				t.Errorf("activity start %q, want %q (%d activities)", got, tt.start, len(acts))
			}
		})
	}
}

// A bare founding dates a center; a founding ceremony, or a founding that
// someone attends, is an activity.
func TestFoundingIsNotAlwaysAnActivity(t *testing.T) {
	ex := extractText(t, "2021年3月2日，经省卫生健康委批准，浙江省儿科质量控制中心在浙江省儿童医院挂牌成立。\n")
	if len(ex.Activities) != 0 {
		t.Errorf("a bare founding became an activity: %+v", ex.Activities)
	}
	if len(ex.Centers) != 1 || str(ex.Centers[0].Established) != "2021-03-02" {
		t.Errorf("centers %+v, want one established 2021-03-02", ex.Centers)
	}
	ex = extractText(t, "2021年3月2日，绍兴市儿科质量控制中心成立大会在某某医院召开。\n")
	if len(ex.Activities) != 1 {
		t.Errorf("a founding ceremony gave %d activities, want 1", len(ex.Activities))
	}
}

// An event is a center's: a dated meeting in a text that names no center
// is not an activity, the same meeting held by a center is.
func TestEventsNeedACenter(t *testing.T) {
	ex := extractText(t, "2024年5月8日，市卫生健康委在市人民医院召开医疗质量管理工作会议，部署督导检查。\n")
	if len(ex.Activities) != 0 {
		t.Errorf("an event without a center became an activity: %+v", ex.Activities)
	}
	ex = extractText(t, "2024年5月8日，市护理质控中心在市人民医院召开医疗质量管理工作会议，部署督导检查。\n")
	if len(ex.Activities) != 1 {
		t.Errorf("a center's meeting gave %d activities, want 1", len(ex.Activities))
	}
}

// Counts: a listed total counts, the ones listed or added do not.
func TestListedTotals(t *testing.T) {
	ex := extractText(t, "此次公布的国家级医疗质控中心名单，共包含病理专业、超声专业等12个种类的质控中心。\n")
	if len(ex.Counts) != 1 || ex.Counts[0].Region != "全国" || ex.Counts[0].Value != 12 || str(ex.Counts[0].Level) != "国家级" {
		t.Errorf("counts %+v, want 全国 国家级 12", ex.Counts)
	}
	ex = extractText(t, "经评审，确定病理、超声等3个专业为第二批省级医疗质量控制中心。\n")
	if len(ex.Counts) != 0 {
		t.Errorf("the listed ones counted: %+v", ex.Counts)
	}
}

// Hosts in the forms writers use.
func TestHostForms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"two hosts as the subject of 共同为…依托单位",
			"二、确定浙江大学医学院附属第一医院和浙江省人民医院共同为浙江省病理质控中心依托单位。\n",
			[]string{"浙江大学医学院附属第一医院", "浙江省人民医院"}},
		{"a host that 作为 the center's host",
			"绍兴市妇幼保健院作为绍兴市产科质控中心挂靠单位，承担全市产科质控工作。\n",
			[]string{"绍兴市妇幼保健院"}},
		{"the sentence's subject is the host",
			"绍兴市中心医院始建于1950年，现有床位千张，是绍兴市病理质量控制中心挂靠单位。\n",
			[]string{"绍兴市中心医院"}},
		{"a name with 和 inside stays whole",
			"北京协和医院是北京市病理质控中心的挂靠单位。\n",
			[]string{"北京协和医院"}},
		{"a host of a center named in quotes",
			"近日，绍兴市人民医院获批成为“绍兴市病理质控中心”挂靠单位。\n",
			[]string{"绍兴市人民医院"}},
		{"several hosts in brackets",
			"余杭区护理质量控制中心（挂靠杭州市余杭区第一人民医院，余杭区中医院）成立于2012年。\n",
			[]string{"杭州市余杭区第一人民医院", "余杭区中医院"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := extractText(t, tt.text).Centers
			if len(cs) != 1 {
				t.Fatalf("centers %q, want one", centerNames(cs))
			}
			if strings.Join(cs[0].Institutions, "|") != strings.Join(tt.want, "|") {
				t.Errorf("hosts %q, want %q", cs[0].Institutions, tt.want)
			}
			if cs[0].Established != nil && tt.name == "several hosts in brackets" {
				t.Errorf("a year alone gave established %s", *cs[0].Established)
			}
		})
	}
}

// Counts in prose, and numbers that are no counts of a region's centers.
func TestCountForms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // region level value
	}{
		{"a sentence the page repeats is one count",
			"浙江省卫生健康委通报，截至2023年底，全省建成86个省、市级质控中心。\n浙江省卫生健康委通报，截至2023年底，全省建成86个省、市级质控中心。\n",
			[]string{"全省  86"}},
		{"a hospital's own centers are no regional count",
			"我院共拥有12个省级医疗质量控制中心。\n", nil},
		{"全市 of a municipality is the municipality",
			"市卫生健康委召开会议\n\n发布时间:2022-03-01\n\n天津市卫生健康委通报，截至2021年底，全市已建立市级质控中心45家。\n",
			[]string{"全市 市级 45"}},
		{"increments are no counts",
			"今年新增17个省级医疗质量控制中心。\n", nil},
		{"the directors of the centers are people, not centers",
			"浙江省卫生健康委召开会议，全省86个省级质控中心主任参加会议。\n", nil},
		{"全市 of a city the document never names is still a count",
			"市卫健委召开会议\n\n发布时间:2024-06-12\n\n截至目前，全市共建成市级质控中心38个。\n",
			[]string{"全市 市级 38"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range extractText(t, tt.text).Counts {
				lv := ""
				if c.Level != nil {
					lv = *c.Level
				}
				got = append(got, c.Region+" "+lv+" "+strconv.Itoa(c.Value))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("counts %q, want %q", got, tt.want)
			}
		})
	}
}

// Who runs an event decides whose activity it is.
func TestEventOrganizer(t *testing.T) {
	tests := []struct {
		name, text string
		want       int // activities
	}{
		{"a society's meeting where a center's director speaks",
			"2023年9月3日，浙江省医学会在杭州召开学术年会，浙江省超声质控中心主任作专题报告。\n", 0},
		{"a society runs it, the center co-organizes",
			"2023年9月3日，由浙江省医学会主办、浙江省超声质控中心协办的培训班在杭州举办。\n", 1},
		{"the commission's meeting about the centers' work",
			"2023年9月3日，浙江省卫生健康委召开全省质控工作会议，浙江省超声质控中心等作交流发言。\n", 0},
		{"a center's own meeting held at the commission",
			"2023年9月3日，浙江省超声质控中心质控工作述职会在省卫健委举行。\n", 1},
		{"a commission commissions, the center's experts inspect",
			"受浙江省卫生健康委委托，浙江省超声质控中心专家组于2023年9月3日到我院开展检查。\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(extractText(t, tt.text).Activities); got != tt.want {
				t.Errorf("%d activities, want %d", got, tt.want)
			}
		})
	}
}

// A person is named as written: the verb after a name is not part of it.
func TestNamesBesideVerbs(t *testing.T) {
	ex := extractText(t, "2023年9月3日，浙江省超声质控中心在杭州召开年会，质控中心主任林一做工作报告，副主任陈二主持会议。\n")
	if len(ex.Activities) != 1 {
		t.Fatalf("%d activities, want 1", len(ex.Activities))
	}
	if got := strings.Join(ex.Activities[0].People, "|"); got != "林一|陈二" {
		t.Errorf("people %q, want 林一|陈二", got)
	}
}

// Branches and other namings of a center.
func TestBranchesAndNamings(t *testing.T) {
	ex := extractText(t, "2023年8月20日，浙江省病理质控中心温州分中心成立大会在温州市中心医院召开。\n")
	if len(ex.Centers) != 1 {
		t.Fatalf("centers %q, want the branch", centerNames(ex.Centers))
	}
	c := ex.Centers[0]
	if c.Name != "浙江省病理质控中心温州分中心" || str(c.Parent) != "浙江省病理质控中心" || str(c.Level) != "市级" {
		t.Errorf("branch %s parent %s level %s", c.Name, str(c.Parent), str(c.Level))
	}
	if len(ex.Activities) != 1 || ex.Activities[0].Center != c.Name {
		t.Errorf("the branch's founding meeting: %+v", ex.Activities)
	}
	ex = extractText(t, "2024年5月8日，北京市超声质量控制和改进中心召开年度工作会议。\n")
	if got := centerNames(ex.Centers); len(got) != 1 || got[0] != "北京市超声质量控制和改进中心" {
		t.Errorf("centers %q", got)
	}
}

// Centers named by their specialty in a list closed by a number and a
// level, with hosts paired in order by 分别.
func TestSpecialtyLists(t *testing.T) {
	ex := extractText(t, "浙江省卫生健康委员会\n\n关于新增省级医疗质量控制中心的通知\n\n各市卫生健康委：\n经研究，新增麻醉、病理和超声3个省级质控中心，分别挂靠于浙江省人民医院、浙江省肿瘤医院和浙江省中医院。\n")
	want := map[string]string{"麻醉": "浙江省人民医院", "病理": "浙江省肿瘤医院", "超声": "浙江省中医院"}
	if len(ex.Centers) != 3 {
		t.Fatalf("centers %q, want 3", centerNames(ex.Centers))
	}
	for _, c := range ex.Centers {
		if str(c.Level) != "省级" || str(c.Region) != "浙江省" || len(c.Institutions) != 1 || c.Institutions[0] != want[str(c.Specialty)] {
			t.Errorf("center %s level %s region %s hosts %q", c.Name, str(c.Level), str(c.Region), c.Institutions)
		}
	}
	// a list of things that are not specialties names no centers
	if cs := extractText(t, "新增床位、设备和人员3个省级质控中心考核指标。\n").Centers; len(cs) != 0 {
		t.Errorf("centers from a list of non-specialties: %q", centerNames(cs))
	}
}

// Places are where the event went: not the organizers, not the acting
// center's own name, not where a speaker works.
func TestPlaces(t *testing.T) {
	ex := extractText(t, "2024年11月15日，由绍兴市麻醉质控中心主办，绍兴市人民医院、诸暨市人民医院承办的年会在越城宾馆召开，浙江大学医学院附属第一医院麻醉科林一主任作报告。\n")
	if len(ex.Activities) != 1 {
		t.Fatalf("%d activities, want 1", len(ex.Activities))
	}
	if got := strings.Join(ex.Activities[0].Places, "|"); got != "越城宾馆" {
		t.Errorf("places %q, want the venue alone", got)
	}
}

// More host forms: a colon in brackets, 挂靠单位为, 由…牵头建设; an
// organizer after 由 is no host.
func TestHostFormsInLists(t *testing.T) {
	tests := []struct{ text, want string }{
		{"江西省病理质控中心（挂靠：南昌大学第一附属医院）。\n", "南昌大学第一附属医院"},
		{"江西省护理质控中心，挂靠单位为南昌大学第二附属医院。\n", "南昌大学第二附属医院"},
		{"江西省麻醉质控中心由江西省肿瘤医院牵头建设。\n", "江西省肿瘤医院"},
		{"江西省麻醉质控中心由江西省肿瘤医院承办年会。\n", ""},
	}
	for _, tt := range tests {
		cs := extractText(t, tt.text).Centers
		if len(cs) != 1 || strings.Join(cs[0].Institutions, "|") != tt.want {
			t.Errorf("%s: centers %+v, want host %q", tt.text, cs, tt.want)
		}
	}
}

// A coverage table whose header lost its cell boundaries (a scan) is read
// row by row from the text: number, region, number built, missing list.
func TestCoverageUnderMergedHeader(t *testing.T) {
	ex := extractText(t, "附件2\n各地组建相应专业市级质控中心情况\n序号省辖市已组建数量尚未组建相应专业市级质控中心的专业\n1\t郑州\t63\t血液内科、医学信息\n2\t开封52\t免疫学、骨科\n")
	if len(ex.Coverage) != 2 {
		t.Fatalf("coverage %+v", ex.Coverage)
	}
	c := ex.Coverage[1]
	if c.Region != "开封" || c.Built == nil || *c.Built != 52 || strings.Join(c.Missing, "、") != "免疫学、骨科" || str(c.Level) != "市级" {
		t.Errorf("row %+v", c)
	}
}

// A coverage table whose header row holds two columns in one cell (a scan
// lost the boundary between 市州 and 已组建数量) has lost them in its rows
// too: each row is read from its text, a misread character before the
// region is passed over, and a headerless table after a wrapped line
// continues it.
func TestCoverageHeaderCellOfTwoColumns(t *testing.T) {
	ex := extractText(t, "附件3\n各市州组建相应专业市级质控中心情况\n"+
		"序号市州已组建数量\t尚未组建的专业\n"+
		"1\t长沙58 血液内科、医学信息\n"+
		"人\t株洲47 免疫学、骨科\n"+
		"说明：数据截至年底\n"+
		"3\t湘潭45\t眼科\n")
	got := map[string]string{}
	for _, c := range ex.Coverage {
		built := -1
		if c.Built != nil {
			built = *c.Built
		}
		got[c.Region] = fmt.Sprintf("%d %s", built, strings.Join(c.Missing, "、"))
	}
	want := map[string]string{"长沙": "58 血液内科、医学信息", "株洲": "47 免疫学、骨科", "湘潭": "45 眼科"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("coverage %v, want %v", got, want)
	}
}
