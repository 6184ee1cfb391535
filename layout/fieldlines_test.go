package layout

import (
	"strings"
	"testing"
)

// The labelled fields that open a meeting's minutes (会议时间：, 会议地点：,
// 主持人：, 出席人员：, 记录人：) each start a line of their own: a short
// line above is not continued by them, nor one field by the next.
func TestMinutesFieldsStandAlone(t *testing.T) {
	in := "芜湖市麻醉质量控制中心办公室　二〇二三年六月二日\n会议时间：二〇二三年五月三十日下午\n会议地点：芜湖市镜湖医院二楼会议室\n主持人：费明远\n参会人员：中心委员共28人\n记录人：项一帆\n会议研究了年度工作。"
	doc := Build(lines(in))
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, doc.Slice(b.Span))
	}
	want := []string{"芜湖市麻醉质量控制中心办公室二〇二三年六月二日", "会议时间：二〇二三年五月三十日下午", "会议地点：芜湖市镜湖医院二楼会议室",
		"主持人：费明远", "参会人员：中心委员共28人", "记录人：项一帆", "会议研究了年度工作。"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("blocks:\n got %q\nwant %q", got, want)
	}
}
