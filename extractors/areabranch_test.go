package extractors_test

import "testing"

// A branch named after an area of its province (…质控中心X区域分中心) keeps
// its parent's province and level: X区域 is an area, not a district X区,
// and a district of another province is never the branch's region.
func TestAreaBranchKeepsParentsRegion(t *testing.T) {
	cases := []struct{ text, name string }{
		{"设立湖北省护理质量控制中心河西区域分中心，依托某某医院建设。\n", "湖北省护理质量控制中心河西区域分中心"},
		{"设立湖南省麻醉质控中心鼓楼区域分中心，依托某某医院建设。\n", "湖南省麻醉质控中心鼓楼区域分中心"},
	}
	for _, tc := range cases {
		ex := extractText(t, tc.text)
		var found bool
		for _, c := range ex.Centers {
			if c.Name != tc.name {
				continue
			}
			found = true
			if str(c.Level) != "省级" || str(c.Parent) == "" {
				t.Errorf("%s: level %s region %s parent %s, want the parent's 省级", c.Name, str(c.Level), str(c.Region), str(c.Parent))
			}
		}
		if !found {
			t.Errorf("centers %q, want %s", centerNames(ex.Centers), tc.name)
		}
	}
}

// Two area branches of one parent are two centers, each with its own host.
func TestTwoAreaBranchesOfOneParent(t *testing.T) {
	text := "设立湖北省护理质量控制中心东片区域分中心，依托甲乙医院建设；设立湖北省护理质量控制中心西片区域分中心，依托丙丁医院建设。\n"
	ex := extractText(t, text)
	hosts := map[string]string{}
	for _, c := range ex.Centers {
		if len(c.Institutions) > 0 {
			hosts[c.Name] = c.Institutions[0]
		}
		if len(c.Institutions) > 1 {
			t.Errorf("%s: hosts %q, want one", c.Name, c.Institutions)
		}
	}
	if hosts["湖北省护理质量控制中心东片区域分中心"] != "甲乙医院" || hosts["湖北省护理质量控制中心西片区域分中心"] != "丙丁医院" {
		t.Errorf("centers %q hosts %v, want two branches with their own hosts", centerNames(ex.Centers), hosts)
	}
}
