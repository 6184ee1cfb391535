package extractors_test

import (
	"strings"
	"testing"
)

// A host named before the centers it leads (由X牵头的A中心、B中心): every
// center of the list that follows gets it, and a center after the list
// (…；C中心挂靠Y) keeps its own.
func TestHostLeadsListAfter(t *testing.T) {
	text := "株洲市卫生健康委通报\n经研究，由株洲市炎帝医院牵头的株洲市呼吸内科质控中心、株洲市肾病质控中心，由株洲市湘江医院负责的株洲市眼科质控中心继续保留；株洲市康复医学质控中心挂靠株洲市神农医院。\n"
	want := map[string]string{
		"株洲市呼吸内科质控中心": "株洲市炎帝医院",
		"株洲市肾病质控中心":   "株洲市炎帝医院",
		"株洲市眼科质控中心":   "株洲市湘江医院",
		"株洲市康复医学质控中心": "株洲市神农医院",
	}
	ex := extractText(t, text)
	for name, host := range want {
		c := findCenter(ex.Centers, name)
		if c == nil {
			t.Errorf("%s: no center", name)
			continue
		}
		if got := strings.Join(c.Institutions, "|"); got != host {
			t.Errorf("%s: hosts %q, want %q", name, got, host)
		}
	}
}
