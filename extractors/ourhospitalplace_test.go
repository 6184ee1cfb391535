package extractors_test

import (
	"strings"
	"testing"
)

// An event held 在我院 on a hospital's page took place at that hospital:
// the place is the hospital the page names (its masthead, the region's one
// hospital of the text), not the word 我院.
func TestEventHeldAtOurHospital(t *testing.T) {
	text := "东营市黄河口医院\n首页 > 医院新闻\n东营市康复医学质控中心举办康复护理培训班\n发布时间：2024-05-20　来源：康复科\n5月17日，东营市康复医学质量控制中心在我院举办康复护理培训班，80余人参加。东营市康复医学质量控制中心挂靠东营市黄河口医院。\n"
	ex := extractText(t, text)
	if len(ex.Activities) != 1 {
		t.Fatalf("%d activities, want 1", len(ex.Activities))
	}
	if got := strings.Join(ex.Activities[0].Places, "|"); got != "东营市黄河口医院" {
		t.Errorf("places %q, want the page's hospital", got)
	}
}
