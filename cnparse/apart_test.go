package cnparse

import "testing"

func TestOneCharApart(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"成宁市", "咸宁市", true},
		{"咸宁市", "咸宁市", false},
		{"成宁", "咸宁市", false},
		{"甲乙丙", "丁乙戊", false},
		{"", "", false},
	} {
		if got := OneCharApart(c.a, c.b); got != c.want {
			t.Errorf("OneCharApart(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
