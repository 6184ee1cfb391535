package extractors_test

import (
	"strings"
	"testing"
)

// A center that runs an event with a partner (…质控中心联合某学会举办…) acts:
// the society named after it does not make the event the society's.
func TestEventWithPartner(t *testing.T) {
	tests := []struct {
		name, text string
		want       int // activities
	}{
		{"the center with a society as partner",
			"2024年10月8日,株洲市护理质量控制中心联合株洲市护理学会在醴陵市举办护理质量管理培训班。\n", 1},
		{"the center with the society, 携手",
			"2024年10月8日,株洲市护理质量控制中心携手株洲市医学会护理分会举办护理质量培训。\n", 1},
		{"the city's center acts with its partner, the province's center of the same specialty only teaches",
			"2024年10月8日至9日,株洲市护理质量控制中心联合株洲市护理学会在醴陵市举办培训班。湖南省护理质量控制中心副主任某某授课。\n", 1},
		{"the society's own meeting still is no center's",
			"2024年10月8日,株洲市医学会在醴陵市召开学术年会,株洲市护理质量控制中心主任作报告。\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts := extractText(t, tt.text).Activities
			if len(acts) != tt.want {
				t.Fatalf("%d activities, want %d", len(acts), tt.want)
			}
			for _, a := range acts {
				if !strings.HasPrefix(a.Center, "株洲市") {
					t.Errorf("the activity of %s, want the city's center", a.Center)
				}
			}
		})
	}
}

// A news dateline (某某网4月21日讯, 新华社3月5日电) dates the report, not an
// event: the meeting's own days follow it.
func TestDatelineIsNoEvent(t *testing.T) {
	const text = "国家麻醉质控中心会议在长沙召开\n发布时间:2024-05-06\n湘江网5月6日讯 5月3日至4日,国家麻醉专业质量控制中心2024年度工作会议在长沙召开,200余人参会。\n"
	acts := extractText(t, text).Activities
	if len(acts) != 1 || str(acts[0].Start) != "2024-05-03" {
		var got []string
		for _, a := range acts {
			got = append(got, a.Center+" "+str(a.Start))
		}
		t.Fatalf("activities %q, want one from 5月3日", got)
	}
}

// A center's own meeting named with its year (…中心2024年度工作会议) is that
// center's, even on a page of a province whose center co-organizes it.
func TestOwnMeetingWithYear(t *testing.T) {
	const text = "国家麻醉质控中心年会在长沙召开\n发布时间:2024-05-06\n5月3日至4日,国家麻醉专业质量控制中心2024年度工作会议在长沙召开。会议由湖南省麻醉质量控制中心承办,200余人参会。\n"
	acts := extractText(t, text).Activities
	if len(acts) != 1 || acts[0].Center != "国家麻醉专业质量控制中心" {
		var got []string
		for _, a := range acts {
			got = append(got, a.Center+" "+str(a.Start))
		}
		t.Fatalf("activities %q, want the national center's meeting", got)
	}
}
