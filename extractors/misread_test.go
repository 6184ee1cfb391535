package extractors_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/record"
)

// extractRead lays out text as a .txt file and extracts it, as read by OCR
// (every block on page 1, whose OCR confidence is 88) when ocr is set.
func extractRead(t *testing.T, text string, ocr bool) *record.Extraction {
	t.Helper()
	doc, err := (&formats.Loader{}).Load(context.Background(), "case.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if ocr {
		doc.Engine, doc.Confidence, doc.Pages = "ocr", []float64{88}, 1
		for i := range doc.Blocks {
			doc.Blocks[i].Page = 1
			for j := range doc.Blocks[i].Rows {
				doc.Blocks[i].Rows[j].Page = 1
			}
		}
	}
	ex, err := extractors.Extract(context.Background(), doc, loadTools(t))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// A 文号 read by OCR whose 六角括号 were misread as other brackets or lost
// is the document's number, written with 〔〕; the year and the number must
// still stand apart. Text not read by OCR keeps the strict form.
func TestOCRDocNumberBrackets(t *testing.T) {
	const doc = "山东省卫生健康委员会\n%s\n关于开展护理质控督查工作的通知\n各市卫生健康委：\n为加强护理质控工作，现将有关事项通知如下。\n一、督查时间为5月。\n"
	tests := []struct {
		line string
		ocr  bool
		want string
	}{
		{"鲁卫医发（2024 15号", true, "鲁卫医发〔2024〕15号"},
		{"鲁卫医发2024 15号", true, "鲁卫医发〔2024〕15号"},
		{"鲁卫医发2024〕15号", true, "鲁卫医发〔2024〕15号"},
		{"鲁卫医发 〈2024 15号", true, "鲁卫医发〔2024〕15号"},
		{"鲁卫医发202415号", true, "<nil>"},    // year and number run together: no telling them apart
		{"鲁卫医发（2024 15号", false, "<nil>"}, // not read by OCR: no misreading
		{"鲁卫医发〔2024〕15号", false, "鲁卫医发〔2024〕15号"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/ocr=%v", tt.line, tt.ocr), func(t *testing.T) {
			m := extractRead(t, fmt.Sprintf(doc, tt.line), tt.ocr).Document
			if got := str(m.DocNumber); got != tt.want {
				t.Errorf("number %s, want %s", got, tt.want)
			}
			if m.Title != "关于开展护理质控督查工作的通知" {
				t.Errorf("title %q", m.Title)
			}
		})
	}
}

// A province's organ numbers its documents after the province's 简称: in
// a 文号 read by OCR a first character that is no 简称 is the province's
// misread. Not when the issuer is a city's, the province has two 简称, the
// character is another province's 简称 or the province's own first one,
// or the text was not read by OCR.
func TestOCRDocNumberProvinceAbbr(t *testing.T) {
	const doc = "%s\n%s\n关于开展护理质控督查工作的通知\n各市卫生健康委：\n为加强护理质控工作，现将有关事项通知如下。\n一、督查时间为5月。\n"
	tests := []struct {
		issuer, line string
		ocr          bool
		want         string
	}{
		{"山东省卫生健康委员会", "拿卫医发（2024 15号", true, "鲁卫医发〔2024〕15号"},
		{"山东省卫生健康委员会", "拿卫医发〔2024〕15号", true, "鲁卫医发〔2024〕15号"},
		{"山东省卫生健康委员会", "拿卫医发〔2024〕15号", false, "拿卫医发〔2024〕15号"},
		{"山东省卫生健康委员会", "苏卫医发〔2024〕15号", true, "苏卫医发〔2024〕15号"},
		{"济南市卫生健康委员会", "济卫医发〔2024〕15号", true, "济卫医发〔2024〕15号"},
		{"四川省卫生健康委员会", "拿卫医发〔2024〕15号", true, "拿卫医发〔2024〕15号"},
		{"内蒙古自治区卫生健康委员会", "内卫医发〔2024〕15号", true, "内卫医发〔2024〕15号"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%s/ocr=%v", tt.issuer, tt.line, tt.ocr), func(t *testing.T) {
			m := extractRead(t, fmt.Sprintf(doc, tt.issuer, tt.line), tt.ocr).Document
			if got := str(m.DocNumber); got != tt.want {
				t.Errorf("number %s, want %s", got, tt.want)
			}
		})
	}
}

// An attachments list whose first number was not read (附件：7督查方案,
// OCR having misread the 1) while the lines after it are numbered 2., 3.:
// the first item is attachment 1, and in text read by OCR its misread
// number is no part of the title. OCR also reads the full stop after a
// number as a comma.
func TestAttachmentFirstNumberMisread(t *testing.T) {
	const doc = "关于开展护理质控督查工作的通知\n各市卫生健康委：\n为加强护理质控工作，现将有关事项通知如下。\n%s\n某某省卫生健康委员会\n2024年5月6日\n"
	tests := []struct {
		list string
		ocr  bool
		want string
	}{
		{"附件：7护理质控督查方案\n2.督查评分表\n3，联系人名单", true, "1护理质控督查方案 2督查评分表 3联系人名单"},
		{"附件：乙，护理质控督查方案\n2，督查评分表", true, "1护理质控督查方案 2督查评分表"},
		{"附件：护理质控督查方案\n2.督查评分表", true, "1护理质控督查方案 2督查评分表"}, // the number lost: the title whole
		{"附件：X线质控督查方案\n2.督查评分表", false, "1X线质控督查方案 2督查评分表"},
		{"附件：护理质控督查方案\n3.督查评分表", true, "1护理质控督查方案"}, // not numbered on from 2
		{"附件：1.护理质控督查方案\n2.督查评分表", false, "1护理质控督查方案 2督查评分表"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/ocr=%v", tt.list, tt.ocr), func(t *testing.T) {
			m := extractRead(t, fmt.Sprintf(doc, tt.list), tt.ocr).Document
			var got []string
			for _, a := range m.Attachments {
				got = append(got, fmt.Sprint(a.Seq, a.Title))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("attachments %q, want %q", got, tt.want)
			}
		})
	}
}

// The items of a count list read by OCR: a place one character off the
// one division of the province of the level of the places around it is
// that division (the name kept as read); one as near two divisions, or
// only a division of another level, is nothing. A measure word and the
// separator after it read as one character run two items together; a
// stray character may stand before a measure word. None of it applies to
// text not read by OCR.
func TestOCRCountListMisreads(t *testing.T) {
	const sent = "山东省卫生健康委员会\n关于质控中心组建情况的通报\n截至2024年6月底，全省共组建市级质控中心600个，其中数量较多的是：%s。\n"
	tests := []struct {
		name, list string
		ocr        bool
		want       string
	}{
		{"a place one character off", "济南58个、青岛55个、烟后50个、潍坊49个", true, "济南58 青岛55 烟后=烟台市50 潍坊49"},
		{"not read by OCR", "济南58个、青岛55个、烟后50个、潍坊49个", false, "济南58 青岛55 潍坊49"},
		{"as near two places", "济南58个、得州50个", true, "济南58"},
		{"near a place of another level only", "济南58个、寿后50个", true, "济南58"},
		{"no place around to give the level", "烟后50个", true, ""},
		{"measure and separator read as one character", "济南58人青岛55个、潍坊49个", true, "济南58 青岛55 潍坊49"},
		{"the separator lost", "济南58个青岛55个", true, "济南58 青岛55"},
		{"a stray character before the measure word", "济南58个、潍坊49人个", true, "济南58 潍坊49"},
		{"run together, not read by OCR", "济南58人青岛55个、潍坊49个", false, "潍坊49"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := extractRead(t, fmt.Sprintf(sent, tt.list), tt.ocr)
			var got []string
			for _, c := range ex.Counts {
				if !c.Ranked {
					continue
				}
				s := c.Region
				if c.RegionFull != nil && !strings.HasPrefix(*c.RegionFull, c.Region) {
					s += "=" + *c.RegionFull
				}
				got = append(got, fmt.Sprint(s, c.Value))
				if !strings.HasPrefix(c.Quote, c.Region) || !strings.Contains(c.Quote, fmt.Sprint(c.Value)) || len([]rune(c.Quote)) > len([]rune(c.Region))+4 {
					t.Errorf("quote %q of %s", c.Quote, c.Region)
				}
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("counts %q, want %q", got, tt.want)
			}
		})
	}
}

// An attachments line that a wide gap cut in two cells (附件：1.  名单, as
// a scan or a text set with spaces lays it out) is still the list's first
// line, printed or read by OCR.
func TestAttachmentsLineCutInCells(t *testing.T) {
	text := "山西省卫生健康委员会\n晋卫医函〔2025〕8号\n关于质控中心建设情况的通报\n各市卫生健康委：\n全省共组建市级质控中心300个。\n" +
		"附件：1.\t山西省省级质控中心名单\n2.山西省各市质控中心建设情况\n"
	for _, ocr := range []bool{false, true} {
		var got []string
		for _, a := range extractRead(t, text, ocr).Document.Attachments {
			got = append(got, fmt.Sprintf("%d %s", a.Seq, a.Title))
		}
		want := []string{"1 山西省省级质控中心名单", "2 山西省各市质控中心建设情况"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("ocr %v: attachments %q, want %q", ocr, got, want)
		}
	}
}
