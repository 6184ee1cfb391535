package extractors_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/record"
)

// TestGongwenRenderings reads the Henan notice laid out as a 公文 (GB/T
// 9704; testdata/pdf/render/make.sh): printed by Chromium, printed by
// LibreOffice from the Word document, and the Word document itself. Each
// scores at least 0.97 against the seed's key with the 成文日期 the layout
// adds; the date is that 成文日期 (not the body's 截至2025年4月底 nor the
// 版记's 印发日期), the 发文字号 is read beside the 签发人, the 版记's 抄送,
// which names a center, gives no center, the seal (a red drawing in the
// prints, a picture in the Word document) is found over the signature, and
// the parts are kept with their pages (the page numbers on alternating
// sides).
func TestGongwenRenderings(t *testing.T) {
	needScorer(t)
	const dir, name = "../testdata/pdf/render", "000_51d78471b3c374dd.gongwen"
	key := filepath.Join(dir, name+".json")
	for _, f := range []string{name + ".chromium.pdf", name + ".lo.pdf", name + ".docx"} {
		t.Run(f, func(t *testing.T) {
			ex, _ := extractWith(t, filepath.Join(dir, f))
			s := score(t, key, ex)
			t.Logf("%s: %.3f", f, s)
			if s < 0.97 {
				t.Errorf("score %.3f < 0.97", s)
			}
			m := ex.Document
			if str(m.Date) != "2025-05-12" || str(m.DocNumber) != "豫卫医函〔2025〕21号" || str(m.Issuer) != "河南省卫生健康委员会" {
				t.Errorf("date %s, doc number %s, issuer %s", str(m.Date), str(m.DocNumber), str(m.Issuer))
			}
			for _, c := range ex.Centers {
				if strings.Contains(c.Name, "临床路径") {
					t.Errorf("a center from the 版记's 抄送: %s", c.Name)
				}
			}
			roles := map[string]record.Part{}
			var sides []string
			for _, p := range m.Parts {
				if _, ok := roles[p.Role]; !ok {
					roles[p.Role] = p
				}
				if p.Role == document.RolePageNumber {
					sides = append(sides, p.Side)
				}
			}
			for role, text := range map[string]string{
				document.RoleSignee: "签发人：周文远", document.RoleAddressee: "各省辖市、济源示范区卫生健康委，航空港区教卫体局，省直各医疗机构：",
				document.RoleAttachNote: "附件：1.已组建省级各专业质控中心名单", document.RoleNote: "（此件主动公开）",
				document.RoleDate: "2025年5月12日", document.RolePrintDate: "2025年5月13日", document.RolePrinter: "河南省卫生健康委员会办公室",
				document.RoleAnnex: "附件1",
			} {
				if roles[role].Text != text {
					t.Errorf("%s: %q, want %q", role, roles[role].Text, text)
				}
			}
			if seal, ok := roles[document.RoleSeal]; !ok || seal.Page != roles[document.RoleSigner].Page {
				t.Errorf("no seal over the signature: %+v", seal)
			}
			if !strings.HasPrefix(roles[document.RoleCopyTo].Text, "抄送：国家卫生健康委医政司") {
				t.Errorf("抄送: %q", roles[document.RoleCopyTo].Text)
			}
			if strings.HasSuffix(f, ".pdf") {
				if roles[document.RoleCopyTo].Page < 8 || roles[document.RoleDate].Page != 2 {
					t.Errorf("pages: 抄送 %d, 成文日期 %d", roles[document.RoleCopyTo].Page, roles[document.RoleDate].Page)
				}
				want := ""
				for i := range sides {
					want += map[bool]string{true: "right ", false: "left "}[i%2 == 0]
				}
				if got := fmt.Sprint(strings.Join(sides, " ")) + " "; len(sides) < 8 || got != want {
					t.Errorf("page number sides %q, want %q", got, want)
				}
			}
		})
	}
}

// The document's date is the 成文日期 under the signature: not a date of
// the body, nor the 印发日期 of the 版记; and the 版记's 抄送 and 印发 lines,
// which name centers and offices, give no facts (text written for the
// test).
func TestBanjiNoFacts(t *testing.T) {
	ex := extractText(t, `山西省卫生健康委员会

关于公布山西省罕见病医疗质量控制中心的通知

各市卫生健康委：

经2031年3月2日专家评审，山西省罕见病医疗质量控制中心挂靠山西省甲人民医院，现予公布。

山西省卫生健康委员会

2031年4月9日

抄送：国家卫生健康委医政司，山西省病理质量控制中心，山西省乙人民医院。

山西省卫生健康委员会办公室 2031年4月10日印发
`)
	if str(ex.Document.Date) != "2031-04-09" {
		t.Errorf("date %s, want the 成文日期 2031-04-09", str(ex.Document.Date))
	}
	for _, c := range ex.Centers {
		if strings.Contains(c.Name, "病理") || strings.Contains(c.Quote, "抄送") {
			t.Errorf("a center from the 版记: %s (%s)", c.Name, c.Quote)
		}
		for _, h := range c.Institutions {
			if strings.Contains(h, "乙人民医院") {
				t.Errorf("a host from the 版记: %s", h)
			}
		}
	}
	found := false
	for _, c := range ex.Centers {
		found = found || strings.Contains(c.Name, "罕见病") && len(c.Institutions) == 1
	}
	if !found {
		t.Errorf("the body's center is lost: %v", ex.Centers)
	}
	var roles []string
	for _, p := range ex.Document.Parts {
		roles = append(roles, p.Role)
	}
	if strings.Join(roles, " ") != "发文机关署名 成文日期 抄送 印发 印发机关 印发日期" {
		t.Errorf("parts %v", roles)
	}
}
