package extractors_test

import "testing"

// A province may run a 健康体检 center and a 健康管理 center at once (and
// fold one into the other): two centers of one region, not one under two
// names. A 健康体检与管理 center is the 健康体检 specialty.
func TestCheckupAndHealthManagementCentersStayTwo(t *testing.T) {
	text := "海南省卫生健康委员会通知\n撤销海南省健康体检质量控制中心，其工作交由海南省健康管理质量控制中心承担。\n"
	ex := extractText(t, text)
	if len(ex.Centers) != 2 {
		for _, c := range ex.Centers {
			t.Logf("center %s %v", c.Name, c.Aliases)
		}
		t.Fatalf("%d centers, want 2", len(ex.Centers))
	}
	ex = extractText(t, "三亚市健康体检与管理质量控制中心召开年度会议。\n")
	if len(ex.Centers) != 1 || str(ex.Centers[0].SpecialtyID) != "health_checkup" {
		t.Fatalf("centers %+v, want one of health_checkup (健康体检)", ex.Centers)
	}
}
