package extractors

import "testing"

// An institution's name must look like one: spam, sentences, web
// addresses and bare words are not hosts.
func TestCleanInstitution(t *testing.T) {
	tests := []struct{ in, want string }{
		{"武汉市中心医院", "武汉市中心医院"},
		{"四川大学华西第二医院", "四川大学华西第二医院"},
		{"成都市第三人民医院急诊科", "成都市第三人民医院急诊科"},
		{"兰大二院", "兰大二院"},
		{"某某娱乐平台注册送彩金第一人民医院", "第一人民医院"},
		{"体育彩票官网下载入口", ""},
		{"www.example.com医院", ""},
		{"我院", ""},
		{"会议", ""},
		{"召开会议的地点在大楼", ""},
		{"某某医院，某某", ""},
	}
	for _, tt := range tests {
		if got := cleanInstitution(tt.in); got != tt.want {
			t.Errorf("cleanInstitution(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
