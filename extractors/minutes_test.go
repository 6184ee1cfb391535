package extractors_test

import (
	"strings"
	"testing"
)

// The minutes (会议纪要) of a center's own meeting give the meeting in
// labelled fields: 会议时间 is its day (a date with 〇), 会议地点 its place,
// 主持人 and 出席人员 its people, …共N人 its head count. A commission's
// minutes are no center's activity.
func TestMinutesOfCentersMeeting(t *testing.T) {
	const body = "会议时间：二〇二四年九月六日上午\n会议地点：蚌埠市淮河医院行政楼三楼会议室\n主持人：鲁青山（中心主任）\n出席人员：中心副主任葛文秀、中心委员及各县区代表共35人\n记录人：陈小满\n会议听取了上半年质控检查情况汇报，研究了下半年工作安排。\n"
	ex := extractText(t, "蚌埠市病理质量控制中心\n2024年第二次工作会议纪要\n（第2期）\n蚌埠市病理质量控制中心办公室　　二〇二四年九月十日\n"+body)
	if len(ex.Activities) != 1 {
		t.Fatalf("%d activities, want 1", len(ex.Activities))
	}
	a := ex.Activities[0]
	if a.Center != "蚌埠市病理质量控制中心" || str(a.Start) != "2024-09-06" {
		t.Errorf("activity %s %s, want the center's on 2024-09-06", a.Center, str(a.Start))
	}
	if got := strings.Join(a.People, "|"); !strings.Contains(got, "鲁青山") || !strings.Contains(got, "葛文秀") {
		t.Errorf("people %q, want the chair and the deputy", got)
	}
	if a.Participants == nil || a.Participants.Value != 35 {
		t.Errorf("participants %+v, want 35", a.Participants)
	}
	if len(a.Places) == 0 || !strings.Contains(strings.Join(a.Places, "|"), "蚌埠市淮河医院") {
		t.Errorf("places %q, want the venue", a.Places)
	}

	// without an issue line under the title
	ex = extractText(t, "蚌埠市病理质量控制中心\n2024年第二次工作会议纪要\n蚌埠市病理质量控制中心办公室　　二〇二四年九月十日\n"+body)
	if len(ex.Activities) != 1 || str(ex.Activities[0].Start) != "2024-09-06" || str(ex.Document.Kind) != "纪要" {
		t.Errorf("without an issue line: kind %s, %d activities, want 纪要 and the meeting", str(ex.Document.Kind), len(ex.Activities))
	}

	ex = extractText(t, "蚌埠市卫生健康委员会\n2024年第二次主任办公会议纪要\n（第2期）\n蚌埠市卫生健康委员会办公室　　二〇二四年九月十日\n"+
		strings.Replace(body, "会议听取了", "会议听取了蚌埠市病理质量控制中心", 1))
	if len(ex.Activities) != 0 {
		t.Errorf("a commission's minutes: %d activities, want none", len(ex.Activities))
	}
}
