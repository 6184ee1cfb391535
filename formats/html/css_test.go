package html

import (
	"strings"
	"testing"

	"qcweave/layout/layouttest"
)

// Elements a page's style rules hide by class or id stay out, like those
// hidden inline; rules for print, compound selectors and rules that do
// not hide leave the text in.
func TestStyleRules(t *testing.T) {
	page := `<html><head><style>
/* .comment { display: none } */
.hid { display : none }
#secret, span.gone { visibility: hidden !important }
.shown { color: red }
@media print { .noprint { display: none } }
.a .b { display: none }
</style></head><body>
<p class="x hid">藏在类里</p><div id="secret">藏在编号里</div><span class="gone">藏在标签类里</span>
<p class="gone">段落同类可见</p><p class="shown comment">可见一</p><p class="noprint">可见二</p><p class="b">可见三</p>
</body></html>`
	text, _ := layouttest.Split(Read([]byte(page)))
	got := strings.Join(text, "|")
	for _, no := range []string{"藏在类里", "藏在编号里", "藏在标签类里"} {
		if strings.Contains(got, no) {
			t.Errorf("hidden text %q read: %q", no, got)
		}
	}
	for _, yes := range []string{"段落同类可见", "可见一", "可见二", "可见三"} {
		if !strings.Contains(got, yes) {
			t.Errorf("visible text %q lost: %q", yes, got)
		}
	}
}
