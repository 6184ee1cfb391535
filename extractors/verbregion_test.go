package extractors_test

import "testing"

// A verb's last character and the start of a province may spell a short
// region name (设立山东省: 立山): the longer name that reaches further is the
// center's region.
func TestVerbBeforeProvinceIsNoRegion(t *testing.T) {
	ex := extractText(t, "经研究，同意设立山东省皮肤病质控中心，依托甲乙医院建设。\n")
	for _, c := range ex.Centers {
		if c.Name == "山东省皮肤病质控中心" && str(c.Level) == "省级" {
			return
		}
	}
	t.Errorf("centers %q, want 山东省皮肤病质控中心 at 省级", centerNames(ex.Centers))
}
