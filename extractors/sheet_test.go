package extractors_test

import (
	"testing"
)

// A spreadsheet's list saved as tab-separated text: no kind of its own, a
// column of founding dates gives each center's established date, and the
// total row names no center.
func TestSheetList(t *testing.T) {
	const text = "附件2\t\t\t\n湖北省省级质控中心名单\t\t\t\n序号\t中心名称\t挂靠单位\t成立时间\n" +
		"1\t湖北省眼科质量控制中心\t湖北省楚天医院\t2017/6/8\n" +
		"2\t湖北省口腔质量控制中心\t湖北省荆楚口腔医院\t2020/1/15\n" +
		"合计\t2个\t\t\n"
	ex := extractText(t, text)
	if ex.Document.Kind != nil {
		t.Errorf("kind %s, want none", *ex.Document.Kind)
	}
	want := map[string]string{"湖北省眼科质量控制中心": "2017-06-08", "湖北省口腔质量控制中心": "2020-01-15"}
	if len(ex.Centers) != len(want) {
		t.Fatalf("centers %q, want the two rows", centerNames(ex.Centers))
	}
	for _, c := range ex.Centers {
		if d, ok := want[c.Name]; !ok || str(c.Established) != d {
			t.Errorf("%s established %s, want %s", c.Name, str(c.Established), d)
		}
	}
}
