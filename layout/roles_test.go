package layout

import (
	"testing"

	"qcweave/document"
)

// The parts of a 公文 are found by colour, size and order: a red or far
// larger first line is the 版头, a larger line after it the title, what
// stands between them the 发文字号, a date alone after a short line that
// ends no sentence the 成文日期 under its signature; a date inside a
// sentence of the body is none. Black text of one size has no 版头.
func TestRoles(t *testing.T) {
	red := uint32(0xE00000)
	page := func(banner uint32, bannerSize float64) []Line {
		ls := []Line{
			{Text: "某市卫生健康委员会", Color: banner, Size: bannerSize},
			{Text: "某卫函〔2024〕3号", Size: 16},
			{Text: "关于做好质控工作的通知", Size: 22},
			{Text: "各县卫生健康局：", Size: 16},
			{Text: "经2024年5月6日会议研究，现将有关事项通知如下。", Size: 16, Indent: true},
			{Text: "某市卫生健康委员会", Size: 16},
			{Text: "2024年6月1日", Size: 16},
		}
		for i := range ls {
			ls[i].Page, ls[i].Geometry, ls[i].Offset = 1, true, i*40
		}
		return ls
	}
	roles := func(ls []Line) map[string]string {
		doc := Build(ls)
		out := map[string]string{}
		for _, b := range doc.Blocks {
			if b.Role != "" {
				out[b.Role] = doc.Slice(b.Span)
			}
		}
		return out
	}
	for _, c := range []struct {
		name  string
		color uint32
		size  float64
	}{{"red", red, 22}, {"large", 0, 34}} {
		got := roles(page(c.color, c.size))
		want := map[string]string{
			document.RoleBanner: "某市卫生健康委员会", document.RoleDocNumber: "某卫函〔2024〕3号",
			document.RoleTitle: "关于做好质控工作的通知", document.RoleSigner: "某市卫生健康委员会", document.RoleDate: "2024年6月1日",
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", c.name, k, got[k], v)
			}
		}
	}
	if got := roles(page(0, 16)); got[document.RoleBanner] != "" || got[document.RoleTitle] != "" {
		t.Errorf("black text of one size: %q", got)
	}
	if !isRed(0xCC0000) || isRed(0x000000) || isRed(0xCC9999) {
		t.Error("isRed")
	}
}
