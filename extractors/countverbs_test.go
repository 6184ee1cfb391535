package extractors_test

import "testing"

// Counts whose verb sits between the region and its number: a 分别 list
// with its verb (分别建成), its first region after 其中, a region alone with
// 仅建成; and a count told as a change, 由N个调整为M个, which holds M.
func TestCountVerbForms(t *testing.T) {
	const head = "岳阳市卫生健康委通报\n截至2024年6月30日,全市共建成县级质控中心120个。"
	tests := []countCase{
		{"分别建成 after a 其中 list",
			head + "其中华容县、平江县分别建成18个、16个。\n",
			[]string{"全市 县级 120", "华容县 县级 18", "平江县 县级 16"}},
		{"分别组建 without 其中",
			head + "湘阴县、临湘市分别组建15个、11个。\n",
			[]string{"全市 县级 120", "湘阴县 县级 15", "临湘市 县级 11"}},
		{"a region with 仅建成",
			head + "君山区仅建成4个。\n",
			[]string{"全市 县级 120", "君山区 县级 4"}},
		{"由N个调整为M个 holds M",
			"岳阳市卫生健康委通报\n调整后,市级质控中心由27个调整为25个。\n",
			[]string{"全市 市级 25"}},
		{"由N个增加到M个 holds M",
			"岳阳市卫生健康委通报\n今年全市县级质控中心由90个增加到104个。\n",
			[]string{"全市 县级 104"}},
	}
	testCounts(t, tests)
}
