package extractors_test

import (
	"strconv"
	"strings"
	"testing"
)

// Counts per region in the forms of a city's report on its counties: a
// list of a later paragraph that states no count of its own, numbers in
// brackets, numbers given with 分别, verbs between the counted noun and its
// number, the autonomous region's level, and a list made distributive by
// 均 (what each has, no region's total).
func TestCountLists(t *testing.T) {
	const head = "邵阳市卫生健康委通报\n截至2024年12月31日,全市共组建县级医疗质量控制中心240个。\n"
	tests := []countCase{
		{"a list of a later paragraph takes the document's count",
			head + "组建数量靠前的是:隆回县31个、洞口县28个。\n",
			[]string{"全市 县级 240", "隆回县 县级 31", "洞口县 县级 28"}},
		{"numbers in brackets",
			head + "组建数量偏少的是:新邵县(8个)、武冈市(9个)。\n",
			[]string{"全市 县级 240", "新邵县 县级 8", "武冈市 县级 9"}},
		{"numbers given with 分别",
			head + "新宁县、城步苗族自治县组建数量分别为15个、12个。\n",
			[]string{"全市 县级 240", "新宁县 县级 15", "城步苗族自治县 县级 12"}},
		{"one number given with 各 for every region of the list",
			"邵阳市卫生健康委通报\n截至2024年12月31日,全市共组建县级医疗质量控制中心240个,其中绥宁县、新邵县各组建6个。\n",
			[]string{"全市 县级 240", "绥宁县 县级 6", "新邵县 县级 6"}},
		{"a list without a word of building counts nothing",
			head + "二级医院较多的是:隆回县31家、洞口县28家。\n",
			[]string{"全市 县级 240"}},
		{"总数达到 between the noun and its number",
			"截至今年6月,全市县级质控中心总数达到64个。\n", []string{"全市 县级 64"}},
		{"保持 between the noun and its number",
			"银川市卫生健康委通报,市级质控中心保持33个。\n", []string{"银川市 市级 33"}},
		{"共计 and the autonomous region's level",
			"宁夏回族自治区卫生健康委员会通知\n调整后,自治区级医疗质量控制中心共计41个。\n", []string{"宁夏回族自治区 省级 41"}},
		{"a paragraph repeated keeps its own level for its list",
			"湖南省卫生健康委通报\n截至2024年12月31日,全省共组建市级质控中心500个,组建数量较多的是:岳阳市60个。\n" +
				"截至2024年12月31日,全省共组建县级质控组织900个,组建数量较多的是:岳阳市120个。\n" +
				"截至2024年12月31日,全省共组建县级质控组织900个,组建数量较多的是:岳阳市120个。\n",
			[]string{"全省 市级 500", "岳阳市 市级 60", "全省 县级 900", "岳阳市 县级 120"}},
		{"a list made distributive by 均 is no region's count",
			"遵义市卫生健康局通报\n桐梓县、绥阳县均已成立护理、药事管理2个县级质控中心,县级质控中心总数达到19个。\n",
			[]string{"全市 县级 19"}},
	}
	testCounts(t, tests)
}

// A deadline in the count's sentence (…于6月30日前报送) is not the day the
// count holds at.
func TestCountDeadlineIsNoAsOf(t *testing.T) {
	ex := extractText(t, "宁夏回族自治区卫生健康委员会通知\n调整后,自治区级医疗质量控制中心共计41个,各中心于2025年6月30日前报送名单。\n")
	if len(ex.Counts) != 1 || ex.Counts[0].AsOf != nil {
		t.Fatalf("counts %+v, want one without as_of", ex.Counts)
	}
}

// countCase is a text and the counts extracted from it, each as "region
// level value", in order.
type countCase struct {
	name, text string
	want       []string
}

// testCounts extracts each case's text and compares its counts.
func testCounts(t *testing.T, tests []countCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range extractText(t, tt.text).Counts {
				got = append(got, c.Region+" "+str(c.Level)+" "+strconv.Itoa(c.Value))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("counts %q, want %q", got, tt.want)
			}
		})
	}
}
