package layout

import "testing"

// A media byline opens with the page's date and goes on with its labels
// (2024-03-08 来源:某某网 记者 某某): a line of its own, whatever spacing
// normalization left between the date and the label.
func TestDateOpensByline(t *testing.T) {
	for _, tt := range []struct {
		line string
		page bool
	}{
		{"2024-03-08来源:湘南日报记者王某通讯员李某", true},
		{"2024-03-08 09:15来源:本站", true},
		{"2024-03-08作者:宣传科", true},
		{"2024-03-08召开的会议上,某某质控中心通报了工作", false},
	} {
		if got := markText(tt.line).page; got != tt.page {
			t.Errorf("markText(%q).page = %v, want %v", tt.line, got, tt.page)
		}
	}
}
