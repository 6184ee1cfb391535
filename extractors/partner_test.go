package extractors_test

import "testing"

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
		{"the society's own meeting still is no center's",
			"2024年10月8日,株洲市医学会在醴陵市召开学术年会,株洲市护理质量控制中心主任作报告。\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(extractText(t, tt.text).Activities); got != tt.want {
				t.Errorf("%d activities, want %d", got, tt.want)
			}
		})
	}
}
