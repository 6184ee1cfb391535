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

// extractOCRText lays out text as a .txt file, marks it read by OCR (one
// page, its confidence) when ocr is set, and extracts it.
func extractOCRText(t *testing.T, text string, ocr bool) *record.Extraction {
	t.Helper()
	doc, err := (&formats.Loader{}).Load(context.Background(), "case.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if ocr {
		doc.Engine, doc.Pages, doc.Confidence = "ocr", 1, []float64{88}
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

// A coverage row whose city OCR misread by one character (衡阴 for 衡阳)
// is the one city of the document's province at the table's level that
// near; a name as near two cities (株州: 株洲, 郴州) is read as nothing,
// and a document not read by OCR is taken as written.
func TestCoverageRegionOneCharMisread(t *testing.T) {
	text := "湖南省卫生健康委员会关于全省质控中心建设情况的通报\n" +
		"各市州组建相应专业市级质控中心情况\n" +
		"序号市州已组建数量尚未组建相应专业市级质控中心的专业\n" +
		"1\t长沙\t58\t血液内科、医学信息\n" +
		"2\t衡阴\t47\t免疫学、骨科\n" +
		"3\t株州\t45\t眼科\n"
	regions := func(ex *record.Extraction) string {
		var out []string
		for _, c := range ex.Coverage {
			out = append(out, fmt.Sprintf("%s=%s", c.Region, str(c.RegionFull)))
		}
		return strings.Join(out, " ")
	}
	ex := extractOCRText(t, text, true)
	if got, want := regions(ex), "长沙=长沙市 衡阴=衡阳市"; got != want {
		t.Errorf("read by OCR: coverage %s, want %s", got, want)
	}
	if got, want := regions(extractOCRText(t, text, false)), "长沙=长沙市"; got != want {
		t.Errorf("born digital: coverage %s, want %s", got, want)
	}
}
