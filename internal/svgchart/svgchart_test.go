package svgchart

import (
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	if Line(nil, Size{W: 100, H: 50, Pad: 5, Dot: 3}) != "" {
		t.Error("no points should draw nothing")
	}
	got := string(Line([]Point{{Date: "2025-01-31", Value: 5, Href: "/doc/<x>"}, {Date: "<b>", Value: 9}}, Size{W: 100, H: 50, Pad: 5, Dot: 3}))
	for _, want := range []string{`<a href="/doc/&lt;x&gt;">`, `&lt;b&gt;: 9`, `>5</text></a>`, `points="5.0,45.0 95.0,5.0"`} {
		if !strings.Contains(got, want) {
			t.Errorf("chart lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "<a ") != 1 || strings.Contains(got, "<b>") {
		t.Errorf("a dot without a link got one, or text went unescaped:\n%s", got)
	}
}
